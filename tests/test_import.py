"""`reseau import`: every real-world file, matching, merging without overwriting, round trips."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, Runner
from reseau.actions.importing import ImportOptions, import_people
from reseau.formats.importers.records import ImportedPerson, ParseResult

REALWORLD = REPO / "tests" / "data" / "realworld"
REALWORLD_FILES = sorted(p.name for p in REALWORLD.iterdir() if p.suffix in (".vcf", ".csv"))


def kind_of(path: Path) -> str:
    if path.suffix == ".vcf":
        return "vcard"
    return "linkedin" if "linkedin" in path.name else "google"


@pytest.mark.parametrize("name", REALWORLD_FILES)
def test_every_realworld_file_imports_or_reports(
    run: Runner, empty_network: Path, name: str
) -> None:
    path = REALWORLD / name
    result = run("--dir", str(empty_network), "import", kind_of(path), str(path))
    assert "Traceback" not in result.out + result.err
    if not result.out:  # a file refused whole (an encoding to name): one line, nothing written
        assert result.code == 1
        assert result.err.startswith(f"reseau: {name}: ") and result.err.count("\n") == 1
        assert list((empty_network / "contacts").iterdir()) == []
        return
    summary = result.out.splitlines()[-1]
    created, merged, unchanged, skipped = (int(part.split()[0]) for part in summary.split(", "))
    assert created + merged + unchanged + skipped >= 1
    assert result.code == (1 if skipped else 0)
    assert len(list((empty_network / "contacts").iterdir())) == created
    assert run("--dir", str(empty_network), "check").code == 0


def test_every_realworld_file_is_described_with_its_source() -> None:
    readme = (REALWORLD / "README.md").read_text(encoding="utf-8")
    described = set(re.findall(r"^\| `([^`]+\.(?:vcf|csv))` \|", readme, re.MULTILINE))
    assert described == set(REALWORLD_FILES)
    assert len(REALWORLD_FILES) >= 20


def test_a_charset_whose_codec_refuses_replacement_falls_back(
    run: Runner, empty_network: Path, tmp_path: Path
) -> None:
    path = tmp_path / "f.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=idna;ENCODING=QUOTED-PRINTABLE:=FF\nEND:VCARD\n"
    )
    result = run("--dir", str(empty_network), "import", "vcard", str(path), "--dry-run")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [
        "f.vcf: line 3: byte 0xff is not UTF-8; read as cp1252 (--encoding to change)",
        "would be created  y  f.vcf:1",
        "1 would be created, 0 would be merged, 0 unchanged, 0 skipped (dry run: nothing written)",
    ]


def test_a_broken_card_is_reported_with_its_line(run: Runner, empty_network: Path) -> None:
    path = REALWORLD / "khard-unparsable.vcf"
    result = run("--dir", str(empty_network), "import", "vcard", str(path))
    assert result.code == 1
    assert result.out.splitlines()[0].startswith(
        "skipped  khard-unparsable.vcf:1: card never closed"
    )


def test_imports_default_to_dormant_and_take_circle_tag_status(
    run: Runner, empty_network: Path
) -> None:
    path = REALWORLD / "ezvcard-gmail-list.vcf"
    run(
        "--dir",
        str(empty_network),
        "import",
        "vcard",
        str(path),
        "--circle",
        "clients",
        "--tag",
        "gmail",
    )
    text = (empty_network / "contacts" / "arnold-smith.yaml").read_text(encoding="utf-8")
    assert "circles: [clients]\ntags: [gmail]\nstatus: dormant\n" in text
    other = empty_network.parent / "other"
    other.mkdir()
    (other / "reseau.yaml").write_text("{}\n", encoding="utf-8")
    run("--dir", str(other), "import", "vcard", str(path), "--status", "active")
    assert "status: active" in (other / "contacts" / "arnold-smith.yaml").read_text(
        encoding="utf-8"
    )


def test_unknown_circle_is_refused_before_anything_is_written(
    run: Runner, empty_network: Path
) -> None:
    path = REALWORLD / "ezvcard-gmail-list.vcf"
    result = run("--dir", str(empty_network), "import", "vcard", str(path), "--circle", "client")
    assert result.code == 1
    assert "did you mean 'clients'?" in result.err
    assert list((empty_network / "contacts").iterdir()) == []


def test_dry_run_writes_nothing(run: Runner, sample: Path) -> None:
    before = {p.name: p.read_bytes() for p in (sample / "contacts").iterdir()}
    path = REALWORLD / "linkedin-flashesofbrilliance-sample_connections.csv"
    result = run("--dir", str(sample), "import", "linkedin", str(path), "--dry-run")
    assert result.code == 0
    assert result.out.splitlines()[-1] == (
        "7 would be created, 0 would be merged, 0 unchanged, 0 skipped (dry run: nothing written)"
    )
    assert {p.name: p.read_bytes() for p in (sample / "contacts").iterdir()} == before


def test_dry_run_leaves_the_folder_as_it_was(run: Runner, sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "one.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoé Nouvelle\nEND:VCARD\n", encoding="utf-8")
    before = sorted(p.relative_to(sample) for p in sample.rglob("*"))
    result = run("--dir", str(sample), "import", "vcard", str(path), "--dry-run")
    assert result.code == 0
    assert sorted(p.relative_to(sample) for p in sample.rglob("*")) == before
    assert not (sample / ".reseau.lock").exists()


HAND_WRITTEN = """\
# Paul, met at the 2019 fair
name: Paul Bernard   # not Bernardo
emails: [paul.bernard@example.org]
company: Bernard Chaudronnerie   # his own firm
notes: |
  Thinking of selling.
"""


def person(**fields: object) -> ImportedPerson:
    return ImportedPerson(line=int(str(fields.pop("line", 1))), **fields)  # type: ignore[arg-type]


def test_merge_by_email_adds_and_never_overwrites(empty_network: Path) -> None:
    path = empty_network / "contacts" / "paul-bernard.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    parsed = ParseResult(
        [
            person(
                name="P. Bernard",
                emails=["PAUL.BERNARD@example.org", "pb@example.com"],
                phones=["06 11 22 33 44"],
                company="Other Co",
                role="Owner",
            )
        ],
        [],
    )
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.merged] == ["paul-bernard"]
    assert path.read_text(encoding="utf-8") == (
        "# Paul, met at the 2019 fair\n"
        "name: Paul Bernard   # not Bernardo\n"
        "emails: [paul.bernard@example.org, pb@example.com]\n"
        "phones: [06 11 22 33 44]\n"
        "company: Bernard Chaudronnerie   # his own firm\n"
        "role: Owner\n"
        "notes: |\n"
        "  Thinking of selling.\n"
    )


def test_a_name_alone_never_merges(empty_network: Path) -> None:
    (empty_network / "contacts" / "elodie-fournier.yaml").write_text(
        "name: Élodie Fournier\nemails: [elodie@example.org]\n", encoding="utf-8"
    )
    parsed = ParseResult([person(name="ELODIE FOURNIER", emails=["e@example.org"])], [])
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.created] == ["elodie-fournier-2"]
    again = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in again.unchanged] == ["elodie-fournier-2"]


def test_namesakes_with_different_identifiers_are_two_people(empty_network: Path) -> None:
    parsed = ParseResult(
        [
            person(name="Jane Doe", links=["https://www.linkedin.com/in/jane-doe-a"], line=2),
            person(name="Jane Doe", links=["https://www.linkedin.com/in/jane-doe-b"], line=3),
            person(name="Jane Doe", emails=["jane@example.org"], line=4),
        ],
        [],
    )
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.created] == ["jane-doe", "jane-doe-2", "jane-doe-3"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"emails": ["Jane@Example.org"]}, {"emails": ["jane@example.org"]}),
        ({"phones": ["+33 6 12 34 56 78"]}, {"phones": ["+33612345678"]}),
        ({"links": ["https://www.linkedin.com/in/jane/"]}, {"links": ["linkedin.com/in/jane"]}),
        ({"uid": "urn:uuid:1234"}, {"uid": "URN:UUID:1234"}),
    ],
)
def test_an_equal_identifier_merges(
    empty_network: Path, first: dict[str, object], second: dict[str, object]
) -> None:
    second = {"role": "CTO", **second}
    parsed = ParseResult(
        [person(name="Jane Doe", line=2, **first), person(name="J. Doe", line=3, **second)], []
    )
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.created] == ["jane-doe"]
    assert [o.slug for o in report.merged] == ["jane-doe"]


def test_a_short_phone_number_is_no_identity(empty_network: Path) -> None:
    parsed = ParseResult(
        [person(name="Reception", phones=["112"]), person(name="Front desk", phones=["112"])], []
    )
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.created] == ["reception", "front-desk"]


def test_a_reseau_uid_names_the_contact(sample: Path) -> None:
    parsed = ParseResult(
        [
            person(name="Marie D.", uid="marie-dupont@reseau", phones=["+33 1 99 99 99 99"]),
            person(name="Li Na", uid="li-na@reseau", line=9),
        ],
        [],
    )
    report = import_people(sample, parsed, ImportOptions())
    assert [o.slug for o in report.merged] == ["marie-dupont"]
    assert [o.slug for o in report.created] == ["li-na"]


def test_two_exported_cards_sharing_an_address_stay_two(empty_network: Path) -> None:
    parsed = ParseResult(
        [
            person(name="Ann Lee", uid="ann-lee@reseau", emails=["home@example.org"]),
            person(name="Bo Lee", uid="bo-lee@reseau", emails=["home@example.org"], line=5),
            person(name="B. Lee", emails=["home@example.org"], phones=["+1 555 0100 22"]),
        ],
        [],
    )
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.created] == ["ann-lee", "bo-lee"]
    assert [o.slug for o in report.merged] == ["ann-lee"]


def test_card_circles_tags_and_status_are_kept(empty_network: Path) -> None:
    parsed = ParseResult(
        [
            person(
                name="Ann Lee",
                circles=["clients", "golf"],
                tags=["supply chain"],
                status="active",
                cadence_days=45,
            )
        ],
        [],
    )
    report = import_people(empty_network, parsed, ImportOptions(tags=["linkedin"]))
    assert report.created[0].dropped == ["circle 'golf' (not an objective of reseau.yaml)"]
    text = (empty_network / "contacts" / "ann-lee.yaml").read_text(encoding="utf-8")
    assert text == (
        "name: Ann Lee\ncircles: [clients]\ntags: [supply chain, linkedin]\nstatus: active\n"
        "cadence_days: 45\n"
    )
    other = ParseResult([person(name="Bo Lee", status="active")], [])
    import_people(empty_network, other, ImportOptions(status="dormant"))
    assert "status: dormant" in (empty_network / "contacts" / "bo-lee.yaml").read_text()


def test_the_same_person_twice_in_one_file_is_created_once(empty_network: Path) -> None:
    parsed = ParseResult(
        [
            person(name="Ada Lovelace", emails=["ada@example.org"], line=2),
            person(name="Ada King", emails=["ada@example.org"], phones=["+44 20 0000"], line=3),
        ],
        [],
    )
    report = import_people(empty_network, parsed, ImportOptions())
    assert [o.slug for o in report.created] == ["ada-lovelace"]
    assert [o.slug for o in report.merged] == ["ada-lovelace"]
    text = (empty_network / "contacts" / "ada-lovelace.yaml").read_text(encoding="utf-8")
    assert "phones: [+44 20 0000]" in text


def test_five_thousand_cards_import_in_one_pass(
    run: Runner, empty_network: Path, tmp_path: Path
) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@example.org\r\n"
        f"TEL:+33 6 00 00 {n:04d}\r\nEND:VCARD\r\n"
        for n in range(5000)
    )
    path = tmp_path / "big.vcf"
    path.write_text(cards, encoding="utf-8")
    result = run("--dir", str(empty_network), "import", "vcard", str(path))
    assert result.code == 0
    assert result.out.splitlines()[-1] == "5000 created, 0 merged, 0 unchanged, 0 skipped"
    assert len(list((empty_network / "contacts").iterdir())) == 5000


def test_csv_encoding_error_suggests_the_option(
    run: Runner, empty_network: Path, tmp_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        "First Name,Last Name,Email Address\nRené,Dupré,r@example.org\n".encode("latin-1")
    )
    result = run("--dir", str(empty_network), "import", "linkedin", str(path))
    assert result.code == 1
    assert "0xe9" in result.err and "--encoding" in result.err
    fixed = run(
        "--dir", str(empty_network), "import", "linkedin", str(path), "--encoding", "latin-1"
    )
    assert fixed.code == 0
    assert "name: René Dupré" in (empty_network / "contacts" / "rene-dupre.yaml").read_text(
        encoding="utf-8"
    )


def test_unknown_encoding(run: Runner, empty_network: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("First Name,Last Name\nA,B\n", encoding="utf-8")
    result = run(
        "--dir", str(empty_network), "import", "linkedin", str(path), "--encoding", "klingon"
    )
    assert result.code == 1
    assert "unknown encoding 'klingon'" in result.err


words = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=12)
phones = st.from_regex(r"\+?[0-9]{2}( ?[0-9]{2}){3,5}", fullmatch=True)


@settings(max_examples=25, deadline=None)
@given(
    given_name=words,
    family=words,
    user=st.from_regex(r"[a-z][a-z0-9.]{0,10}", fullmatch=True),
    phone_list=st.lists(phones, max_size=3, unique=True),
    company=st.none() | words,
    role=st.none() | words,
)
def test_vcard_round_trip(
    given_name: str,
    family: str,
    user: str,
    phone_list: list[str],
    company: str | None,
    role: str | None,
) -> None:
    from reseau.files.model import Contact
    from reseau.formats.exporters.vcard import contacts_to_vcard
    from reseau.formats.importers.vcard import read_vcard

    original = Contact(
        name=f"{given_name} {family}",
        emails=[f"{user}@example.org"],
        phones=phone_list,
        company=company,
        role=role,
    )
    card = contacts_to_vcard([("x", original)], private=False)
    (back,) = read_vcard(card.encode("utf-8")).people

    def nfc(text: str | None) -> str | None:
        return None if text is None else unicodedata.normalize("NFC", text)

    assert (back.name, back.emails, back.phones, back.company, back.role) == (
        nfc(original.name),
        list(original.emails),
        list(original.phones),
        nfc(original.company),
        nfc(original.role),
    )


def test_a_match_with_an_invalid_file_is_reported_not_duplicated(sample: Path) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: actif"))
    parsed = ParseResult([person(name="Marie Dupont", line=4)], [])
    report = import_people(sample, parsed, ImportOptions())
    assert report.created == []
    assert [(s.line, s.reason) for s in report.skipped] == [
        (
            4,
            "Marie Dupont matches contacts/marie-dupont.yaml, which does not validate; "
            "run `reseau check`",
        )
    ]
