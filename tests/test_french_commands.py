"""The commands that write, in French, each on a fresh copy of the sample network: every line
they print is in French (the catalog's fallback records no miss, and no English word is left
once the data, the file names and what was typed are taken out)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO, Runner
from gitnet import clone, git, hub_and_clone
from reseau.files import i18n
from test_french_tour import _data_texts, _english_left

REALWORLD = REPO / "tests" / "data" / "realworld"
CALENDARS = REPO / "tests" / "data" / "calendars"

# (arguments, exit code): {data} is where the test files are copied.
STEPS: list[tuple[list[str], int]] = [
    (["rename", "jean-martin-2", "Jean-Baptiste Martin"], 0),
    (["rename", "chloe", "Chloé Lambert-Petit", "--keep-slug"], 0),
    (["merge", "jean-martin", "jean-martin-2", "--dry-run"], 0),
    (["merge", "jean-martin", "jean-martin-2"], 0),
    (["merge", "jean-martin", "jean-martin-2", "--prefer", "mine"], 1),
    (["archive", "javier"], 0),
    (["archive", "gregoire"], 1),
    (["remove", "karim"], 1),
    (["remove", "karim", "--force"], 0),
    (["promise", "paul", "le nom du courtier", "--by", "friday"], 0),
    (["promise", "done", "thomas", "1"], 0),
    (["promise", "done", "thomas", "--log", "--date", "2026-12-20"], 2),
    (["promise", "done", "claire", "--log"], 0),
    (["log", "paul", "Appel", "--kind", "call", "--next", "un devis", "--by", "friday"], 0),
    (["log", "personne", "Appel"], 1),
    (["intro", "paul", "karim", "Financer le repreneur"], 0),
    (["add", "Thomas Bernard", "--same-name", "--since", "3 days ago"], 0),
    (["add", "Thomas Bernard"], 1),
    (["import", "vcard", "{data}/ezvcard-John_Doe_IPHONE.vcf", "--dry-run"], 0),
    (["import", "vcard", "{data}/ezvcard-John_Doe_IPHONE.vcf", "--circle", "clients"], 0),
    (["import", "google", "{data}/google-constellation-google_contacts.csv", "--dry-run"], 0),
    (["import", "linkedin", "{data}/linkedin-constellation-linkedin_connections.csv"], 0),
    (["import", "ics", "{data}/khal-event_dt_partstat.ics", "--dry-run"], 0),
    (["import", "google", "{data}/odd-google.csv", "--dry-run"], 1),
    (["import", "vcard", "{data}/odd.vcf", "--dry-run"], 1),
    (["import", "linkedin", "{data}/odd-google.csv"], 1),
    (["export", "vcard", "-o", "{data}/out.vcf"], 0),
    (["export", "vcard", "--vdir", "{data}/cards"], 0),
    (["export", "csv", "-o", "{data}/out.csv"], 0),
    (["export", "ics", "-o", "{data}/out.ics"], 0),
    (["week", "--done", "--minutes", "200", "--note", "Deux appels"], 0),
    (["init", "{data}/nouveau"], 0),
    (["init", "."], 0),
    (["--install-completion", "bash"], 0),
    (["--show-completion", "tcsh"], 2),
]


@pytest.fixture
def network(sample: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "1000")
    return sample


def _french(run: Runner, root: Path, args: list[str]) -> tuple[int, str]:
    i18n.reset_misses()
    result = run("--lang", "fr", *args, cwd=root)
    assert not i18n.misses(), (args, sorted(i18n.misses()))
    return result.code, result.out + result.err


@pytest.mark.parametrize(("args", "code"), STEPS, ids=[" ".join(a) for a, _ in STEPS])
def test_each_command_speaks_french(
    run: Runner, network: Path, tmp_path: Path, args: list[str], code: int
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for source in (*REALWORLD.iterdir(), *CALENDARS.iterdir()):
        shutil.copy2(source, data / source.name)
    _write_odd_files(data)
    typed = [arg.format(data=data) for arg in args]
    before = _data_texts(network)  # what the command removes is data too
    shown_code, shown = _french(run, network, typed)
    texts = sorted({*before, *_data_texts(network)}, key=len, reverse=True)
    assert shown_code == code, shown
    leaks = _english_left(shown.replace(str(data), " "), texts, [*typed, *_imported(data)])
    assert not leaks, "English left:\n" + "\n".join(leaks)


def _write_odd_files(data: Path) -> None:
    """Exports with what an importer warns about: a row with no name, a field too many, a
    byte that is not UTF-8, a date that is not one, a card never closed."""
    (data / "odd-google.csv").write_bytes(
        b"Name,Birthday,E-mail 1 - Value\n"
        + "René Dupré,1975-13-45,rene@example.org\n".encode()
        + b",,\n"
        + b"Anne Roy,,anne@example.org,extra\n"
    )
    (data / "odd.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9 Dupr\xe9\r\nBDAY:1975-13-45\r\n"
        b"EMAIL:not-an-address\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n"
    )


def _imported(data: Path) -> list[str]:
    """The names and slugs the imported files bring: data, not messages."""
    return [
        "John Doe",
        "john-doe",
        "Doe",
        "John",
        "cards",
        "nouveau",
        "Anne Roy",
        "Cut Off",
        "not-an-address",
        "First Name",
        "Last Name",
    ]


def _sync(run: Runner, root: Path) -> tuple[int, str]:
    """`reseau sync` in French, and what it printed but the commit message: a commit is
    written in English whatever the language, as the files are (shared history)."""
    code, shown = _french(run, root, ["sync"])
    lines = [line for line in shown.splitlines() if not line.startswith("validé (commit) : ")]
    return code, "\n".join(lines)


def test_sync_speaks_french(run: Runner, tmp_path: Path) -> None:
    hub, first = hub_and_clone(tmp_path)
    texts = [*_data_texts(first), "git config merge.reseau.driver", sys.executable]
    code, shown = _sync(run, first)
    assert code == 0 and "parti vers origin/main :" in shown, shown
    assert not _english_left(shown, texts, []), _english_left(shown, texts, [])
    other = clone(hub, tmp_path / "other")
    code, shown = _sync(run, other)
    assert code == 0, shown
    assert not _english_left(shown, texts, []), _english_left(shown, texts, [])
    (other / "contacts" / "paul-bernard.yaml").write_text(
        (other / "contacts" / "paul-bernard.yaml").read_text(encoding="utf-8") + "# appelé\n",
        encoding="utf-8",
    )
    code, shown = _sync(run, other)
    assert code == 0 and "poussé" in shown, shown
    code, shown = _sync(run, first)
    assert code == 0 and "arrivé" in shown, shown
    assert not _english_left(shown, texts, []), _english_left(shown, texts, [])
    git(first, "remote", "remove", "origin")
    code, shown = _sync(run, first)
    assert "pas de dépôt distant" in shown, shown


def test_edit_speaks_french(run: Runner, network: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "# vu\\n" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    texts = _data_texts(network)
    for script in (str(editor), "true"):
        import os

        os.environ["EDITOR"] = script
        try:
            code, shown = _french(run, network, ["edit", "chloe"])
        finally:
            del os.environ["EDITOR"]
        assert code == 0, shown
        assert not _english_left(shown, texts, ["edit", "chloe"]), shown


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["reseau", "sta"], "stats\tLa santé du réseau au regard des dix recommandations."),
        (["reseau", "promise", "d"], "done\tMarquer une promesse comme tenue ;"),
        (["reseau", "log", "paul", "x", "--to"], "--tone\tpositive, neutral ou negative."),
    ],
)
def test_completion_describes_in_the_environment_language(
    sample: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    words: list[str],
    expected: str,
) -> None:
    from reseau.cli.completion import answer_from_environment

    monkeypatch.setenv("RESEAU_DIR", str(sample))
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    i18n.set_language(i18n.from_environment({"LANG": "fr_FR.UTF-8"}))
    i18n.reset_misses()
    monkeypatch.setenv("_RESEAU_COMPLETE", "fish")
    monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    monkeypatch.setattr(sys, "argv", words)
    assert answer_from_environment() == 0
    offered = capsys.readouterr().out.splitlines()
    assert any(line.startswith(expected) for line in offered), offered
    assert not i18n.misses(), sorted(i18n.misses())


@pytest.mark.parametrize("how", ["environment", "reseau.yaml"])
def test_the_merge_driver_speaks_the_network_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """git runs the driver without --lang, at the top of the repository."""
    from reseau.cli.mergedriver import run as run_driver

    if how == "environment":
        monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    else:
        (tmp_path / "reseau.yaml").write_text("language: fr\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    base = "name: Marie Dupont\ncompany: Acme\n"
    names = []
    for name, text in (("base", base), ("ours", base.replace("Acme", "Acme SA")),
                       ("theirs", base.replace("Acme", "Acme Corp"))):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(str(tmp_path / name))
    i18n.reset_misses()
    assert run_driver([*names, "contacts/marie-dupont.yaml"]) == 1
    said = capsys.readouterr().err
    assert "reseau : contacts/marie-dupont.yaml : company a changé des deux côtés" in said
    assert not i18n.misses(), sorted(i18n.misses())
