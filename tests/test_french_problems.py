"""A French run next to broken files: the warning of every read command, and what `check`
says of each broken file, are French too."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner
from reseau.files import i18n


def _break(root: Path, count: int) -> None:
    for number in range(count):
        (root / "contacts" / f"zz-{number}.yaml").write_text("name: [broken\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("count", "warning"),
    [
        (1, "reseau : 1 fichier invalide ignoré ; lancez `reseau check`\n"),
        (2, "reseau : 2 fichiers invalides ignorés ; lancez `reseau check`\n"),
    ],
)
@pytest.mark.parametrize("command", [["list"], ["week"], ["stats"], ["stale"], ["plan"]])
def test_the_skipped_files_are_said_in_french(
    run: Runner, sample: Path, count: int, warning: str, command: list[str]
) -> None:
    _break(sample, count)
    i18n.reset_misses()
    result = run("--dir", str(sample), "--lang", "fr", *command)
    assert result.code == 0
    assert result.err == warning
    assert i18n.misses() == set()


def test_json_keeps_the_warning_english(run: Runner, sample: Path) -> None:
    _break(sample, 1)
    result = run("--dir", str(sample), "--lang", "fr", "list", "--json")
    assert result.err == "reseau: skipped 1 invalid file; run `reseau check`\n"


# One broken file for each kind of problem the read path words itself.
BROKEN = {
    "zz-list.yaml": "name: [broken\n",
    "zz-colon.yaml": "name: A\nnote: a: b\n",
    "zz-indent.yaml": "name: A\n  role: x\n company: y\n",
    "zz-tab.yaml": "name: A\nrole:\tx\n",
    "zz-dup.yaml": "name: A\nname: B\n",
    "zz-anchor.yaml": "name: &n A\n",
    "zz-tag.yaml": "name: !x A\n",
    "zz-top.yaml": "- a\n",
    "zz-empty.yaml": "",
    "zz-date.yaml": "name: A\nsince: 2026-13-01\n",
    "zz-range.yaml": "name: A\nsince: 3026-01-01\n",
    "zz-control.yaml": "name: A\x07\n",
}


def test_check_words_every_read_problem_in_french(run: Runner, empty_network: Path) -> None:
    for name, text in BROKEN.items():
        (empty_network / "contacts" / name).write_text(text, encoding="utf-8")
    (empty_network / "contacts" / "zz-latin.yaml").write_bytes(b"name: M\xfcller\n")
    i18n.reset_misses()
    result = run("--dir", str(empty_network), "--lang", "fr", "check")
    assert result.code == 1
    assert i18n.misses() == set()
    lines = [line for line in result.out.splitlines() if line.startswith("contacts/zz-")]
    assert len(lines) >= len(BROKEN), result.out
    for english in ("is not", "not allowed", "invalid YAML", "expected", "remove it", "write "):
        assert not [line for line in lines if english in line], (english, result.out)


def test_check_words_duplicates_and_git_conflicts_in_french(
    run: Runner, empty_network: Path
) -> None:
    contacts = empty_network / "contacts"
    (contacts / "ann.yaml").write_text("name: Ann Lee\nemails: [ann@example.org]\n", "utf-8")
    (contacts / "ann-2.yaml").write_text("name: Ann Lee\nemails: [ann@example.org]\n", "utf-8")
    (contacts / "bob.yaml").write_text(
        "name: Bob\n<<<<<<< ours\ncompany: A\n=======\ncompany: B\n>>>>>>> theirs\n", "utf-8"
    )
    i18n.reset_misses()
    result = run("--dir", str(empty_network), "--lang", "fr", "check")
    assert i18n.misses() == set()
    assert "e-mail ann@example.org, comme contacts/ann.yaml : la même personne ?" in result.out
    assert "modifié des deux côtés ('A' ici, 'B' là-bas)" in result.out


def test_a_warning_and_the_merge_driver_advice_in_french(run: Runner, empty_network: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(empty_network)], check=True)
    i18n.reset_misses()
    result = run("--dir", str(empty_network), "--lang", "fr", "check")
    assert i18n.misses() == set()
    assert "reseau.yaml: avertissement : " in result.out
    assert "pilote de fusion" in result.out
