"""reseau check names likely duplicates, and the merge that makes them one."""

from __future__ import annotations

from pathlib import Path

from conftest import Runner, write_network


def warnings(run: Runner, root: Path) -> list[str]:
    result = run("--dir", str(root), "check")
    assert result.code == 0, result.out
    return [line for line in result.out.splitlines() if ": warning: " in line]


def test_a_shared_email_phone_or_profile_is_a_likely_duplicate(run: Runner, tmp_path: Path) -> None:
    root = write_network(
        tmp_path,
        {
            "reseau.yaml": "owner: me\n",
            "contacts/a.yaml": "name: Ann\nemails: [Ann@Example.org]\n",
            "contacts/b.yaml": "name: Annie\nemails: [ann@example.org]\n",
            "contacts/c.yaml": "name: Cy\nphones: [+33 6 12 34 56 78]\n",
            "contacts/d.yaml": "name: Cyril\nphones: [06.12.34.56.78]\n",
            "contacts/e.yaml": "name: Ed\nlinks: [https://www.linkedin.com/in/ed/]\n",
            "contacts/f.yaml": "name: Eddy\nlinks: ['linkedin.com/in/ed?trk=x']\n",
            "contacts/g.yaml": "name: Gil\nphones: ['112']\n",
            "contacts/h.yaml": "name: Gilles\nphones: ['112']\n",
        },
    )
    assert warnings(run, root) == [
        "contacts/b.yaml:2: emails[1]: warning: e-mail ann@example.org as contacts/a.yaml: the "
        "same person? `reseau merge a b` makes them one",
        "contacts/d.yaml:2: phones[1]: warning: phone 06.12.34.56.78 as contacts/c.yaml: the "
        "same person? `reseau merge c d` makes them one",
        "contacts/f.yaml:2: links[1]: warning: profile linkedin.com/in/ed?trk=x as "
        "contacts/e.yaml: the same person? `reseau merge e f` makes them one",
    ]


def test_names_that_fold_to_the_same_words_unless_their_companies_differ(
    run: Runner, tmp_path: Path
) -> None:
    root = write_network(
        tmp_path,
        {
            "reseau.yaml": "owner: me\n",
            "contacts/marie-dupont.yaml": "name: Marie Dupont\ncompany: Acme Export\n",
            "contacts/dupont-marie.yaml": "name: DUPONT  Marie\ncompany: Acme\n",
            "contacts/jean-martin.yaml": "name: Jean Martin\ncompany: Martin Plasturgie\n",
            "contacts/jean-martin-2.yaml": "name: Jéan Martin\ncompany: Rhône Robotique\n",
        },
    )
    assert warnings(run, root) == [
        "contacts/marie-dupont.yaml:1: name: warning: the same name as "
        "contacts/dupont-marie.yaml: the same person? `reseau merge dupont-marie marie-dupont` "
        "makes them one",
    ]


def test_the_sample_network_has_no_likely_duplicate(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "check")
    assert "duplicate" not in result.out and "same person" not in result.out
