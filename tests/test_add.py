"""`reseau add`: a new contact file, in order, refused when the person is already there."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import Runner


def test_add_writes_the_contract_key_order(run: Runner, empty_network: Path) -> None:
    result = run(
        "--dir", str(empty_network), "add", "Marie Dupont",
        "--email", "marie@example.org", "--phone", "0612345678", "--phone", "+33 6 12 34 56 78",
        "--company", "Acme", "--role", "CEO", "--city", "Lyon", "--circle", "clients",
        "--tag", "export", "--since", "2024-03-12", "--link", "https://example.org/marie",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == "created contacts/marie-dupont.yaml\n"
    assert (empty_network / "contacts" / "marie-dupont.yaml").read_text(encoding="utf-8") == (
        "name: Marie Dupont\n"
        "emails: [marie@example.org]\n"
        'phones: ["0612345678", +33 6 12 34 56 78]\n'
        "company: Acme\n"
        "role: CEO\n"
        "city: Lyon\n"
        "links: [https://example.org/marie]\n"
        "circles: [clients]\n"
        "tags: [export]\n"
        "since: 2024-03-12\n"
    )
    assert run("--dir", str(empty_network), "check").code == 0


def test_same_name_is_refused_naming_the_file(run: Runner, sample: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "élodie FOURNIER")
    result = run("--dir", str(sample), "add", decomposed)
    assert result.code == 1
    assert "Élodie Fournier is already in contacts/elodie-fournier.yaml" in result.err
    assert "--same-name" in result.err


def test_same_name_flag_adds_a_namesake(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "add", "Marie Dupont", "--same-name")
    assert result.code == 0
    assert result.out == "created contacts/marie-dupont-2.yaml\n"


def test_same_email_is_refused_even_for_a_namesake(run: Runner, sample: Path) -> None:
    result = run(
        "--dir", str(sample), "add", "Someone Else", "--email", "MARIE@example.org"
    )  # fmt: skip
    assert result.code == 1
    assert "e-mail marie@example.org is already in contacts/marie-dupont.yaml" in result.err


def test_unknown_circle_suggests(run: Runner, empty_network: Path) -> None:
    result = run("--dir", str(empty_network), "add", "A B", "--circle", "client")
    assert result.code == 1
    assert (
        "circle 'client' is not an objective of reseau.yaml; did you mean 'clients'?" in result.err
    )
    assert not list((empty_network / "contacts").iterdir())


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("../../etc/x", "etc-x"),
        ("/etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("CON", "con-contact"),
        ("É" * 200, "e" * 64),
        ("王芳", None),
    ],
)
def test_dangerous_names_stay_inside_contacts(
    run: Runner, empty_network: Path, name: str, slug: str | None
) -> None:
    result = run("--dir", str(empty_network), "add", name)
    assert result.code == 0, result.err
    (created,) = (empty_network / "contacts").iterdir()
    assert created.parent == empty_network / "contacts"
    if slug is not None:
        assert created.name == f"{slug}.yaml"
    assert len(created.stem) <= 64
    assert run("--dir", str(empty_network), "show", created.stem).code == 0


def test_empty_name_is_refused(run: Runner, empty_network: Path) -> None:
    result = run("--dir", str(empty_network), "add", "  ")
    assert result.code == 1
    assert result.err == "reseau: a name cannot be empty\n"


def test_control_characters_in_a_name_are_refused(run: Runner, empty_network: Path) -> None:
    result = run("--dir", str(empty_network), "add", "Eve\x1b]52;c;aGk=\x07")
    assert result.code == 2
    assert "holds a control character (U+001B)" in result.err
    assert "\x1b" not in result.err


def test_explicit_slug(run: Runner, empty_network: Path) -> None:
    assert run("--dir", str(empty_network), "add", "王芳", "--slug", "wang-fang").code == 0
    assert (empty_network / "contacts" / "wang-fang.yaml").exists()
    bad = run("--dir", str(empty_network), "add", "Li Na", "--slug", "../li")
    assert bad.code == 1
    assert "is not a slug" in bad.err


def test_bad_since_is_a_usage_error(run: Runner, empty_network: Path) -> None:
    result = run("--dir", str(empty_network), "add", "A B", "--since", "12/03/2024")
    assert result.code == 2
    assert "not a date" in result.err


def test_four_processes_adding_at_once_lose_nothing(empty_network: Path) -> None:
    script = (
        "import sys\n"
        "from reseau.cli.main import main\n"
        "folder, person = sys.argv[1], sys.argv[2]\n"
        "for n in range(5):\n"
        "    sys.argv = ['reseau', '--dir', folder, 'add', f'{person} {n}']\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(empty_network), f"Person {letter}"])
        for letter in "ABCD"
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0, 0]
    names = sorted(path.stem for path in (empty_network / "contacts").iterdir())
    assert names == sorted(f"person-{letter}-{n}" for letter in "abcd" for n in range(5))


def test_a_person_whose_file_is_invalid_is_still_there(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: actif"))
    by_name = run("--dir", str(sample), "add", "Marie Dupont")
    assert by_name.code == 1
    assert "Marie Dupont is already in contacts/marie-dupont.yaml" in by_name.err
    by_email = run("--dir", str(sample), "add", "M. D.", "--email", "marie@example.org")
    assert by_email.code == 1
    assert "e-mail marie@example.org is already in contacts/marie-dupont.yaml" in by_email.err
