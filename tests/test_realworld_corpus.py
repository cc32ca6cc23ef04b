"""The files of tests/data/realworld that other producers wrote, beyond the first twenty.

Each test pins what every card or row of a file becomes, and what the file's warnings say;
every file of the folder is imported by the command itself into an empty network, each
card or row created or reported with its line, and what was written passes `reseau check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO, Runner
from reseau.formats.importers import ParseResult, read_google, read_linkedin, read_vcard

CORPUS = REPO / "tests" / "data" / "realworld"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".vcf", ".csv"))


def kind_of(name: str) -> str:
    if name.endswith(".vcf"):
        return "vcard"
    return "linkedin" if "linkedin" in name else "google"


def parse(name: str, encoding: str | None = None) -> ParseResult:
    reader = {"vcard": read_vcard, "linkedin": read_linkedin, "google": read_google}
    return reader[kind_of(name)]((CORPUS / name).read_bytes(), encoding)


@dataclass(frozen=True)
class Expected:
    people: list[tuple[int, str, list[str], list[str]]]
    skipped: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


EXPECTED: dict[str, Expected] = {
    "android-v21_invalid_comment_line.vcf": Expected(
        [
            (1, "Conference Call", [], []),
        ],
    ),
    "android-v21_japanese_2.vcf": Expected(
        [
            (1, "安藤 ロイド 1", [], []),
        ],
    ),
    "android-v21_winmo_65.vcf": Expected(
        [
            (1, "Example", [], []),
        ],
    ),
    "android-v30_ios_613_multiline.vcf": Expected(
        [
            (1, "Bob Smith", ["bob@smithauto.com"], ["(650) 555-1212"]),
        ],
    ),
    "android-v30_japanese.vcf": Expected(
        [
            (1, "伊能 圭一 伊予", [], []),
        ],
    ),
    "ezvcard-John_Doe_BLACK_BERRY.vcf": Expected(
        [
            (1, "John Doe", [], ["+96123456789"]),
        ],
    ),
    "ezvcard-John_Doe_GMAIL.vcf": Expected(
        [
            (
                1,
                "Mr. John Richter, James Doe Sr.",
                ["john.doe@ibm.com"],
                ["905-555-1234", "905-666-1234"],
            ),
        ],
    ),
    "ezvcard-John_Doe_MS_OUTLOOK.vcf": Expected(
        [
            (
                1,
                "Mr. John Richter James Doe Sr.",
                ["john.doe@ibm.cm"],
                ["(905) 555-1234", "(905) 666-1234"],
            ),
        ],
    ),
    "folkerkinzel-AnsiIssue.vcf": Expected(
        [
            (1, "Ralf Rastral", [], []),
        ],
        warnings=["line 5: byte 0xe4 is not UTF-8; read as cp1252 (--encoding to change)"],
    ),
    "folkerkinzel-Ukrainian-cp1251.vcf": Expected(
        [
            (1, "Â³òàë³é Âîëîäèìèðîâè÷ Êëè÷êî", [], []),
        ],
        warnings=[
            "line 3: byte 0xf2 is not UTF-8; read as cp1252, as are lines 4, 5"
            " (--encoding to change)"
        ],
    ),
    "folkerkinzel-WhatsAppIssue.vcf": Expected(
        [
            (1, "zzMad Perla 45", [], ["7yy-zzz-xxx"]),
        ],
    ),
    "gmail-to-google-contacts-google_contacts.csv": Expected(
        [
            (2, "Richard Feynman", ["rich@caltech.edu"], []),
            (
                3,
                "iforgotthisguysnamebutihavehisemail@gmail.com",
                ["iforgotthisguysnamebutihavehisemail@gmail.com"],
                [],
            ),
            (4, "Elon Musk", ["elon.musk@tesla.com"], []),
        ],
        warnings=["line 1: columns not read: E-mail 1 - Type (3 rows)"],
    ),
    "kcontacts-testfullvcard.vcf": Expected(
        [
            (
                1,
                "Sherlock Holmes",
                ["sherlock.holmes@gmail.com", "detective@sherlockholmes.com"],
                ["+44-555-555-5555;ext=5555", "+44-555-555-6666", "+44-555-555-7777"],
            ),
        ],
    ),
    "kcontacts-vcard10.vcf": Expected(
        [
            (1, "Bike Shop", [], []),
            (9, "Field after Address broken", [], []),
            (19, "Field after Address not broken", [], []),
            (29, "Dr. med. Surname Name", [], []),
            (42, "Second Doctor", [], []),
        ],
    ),
    "kcontacts-vcard3.vcf": Expected(
        [
            (1, "ian geiser", ["geiseri@yahoo.com"], []),
        ],
    ),
    "kcontacts-vcard4.vcf": Expected(
        [
            (1, "Ximian, Inc.", ["hello@ximian.com"], ["(617) 236-0442", "(617) 236-8630"]),
        ],
    ),
    "kcontacts-vcard9.vcf": Expected(
        [
            (
                1,
                "βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1",
                [],
                [],
            ),
        ],
    ),
    "radicale-broken-vcards.vcf": Expected(
        [
            (1, "test-misses-N-or-FN@example.com", ["test-misses-N-or-FN@example.com"], []),
            (9, "test-misses-N-or-FN@example1.com", ["test-misses-N-or-FN@example1.com"], []),
        ],
    ),
    "radicale-contact4-with-bday-no-year.vcf": Expected(
        [
            (1, "Test bday without year Thunderbird CardBook", [], []),
        ],
    ),
    "rolomind-google.csv": Expected(
        [
            (2, "John Doe", ["john@example.com"], ["+1-555-0123"]),
            (3, "Jane Smith", ["jane@example.com"], ["+1-555-0124"]),
            (4, "Bob Wilson", ["bob@startup.com"], []),
            (5, "Alice Brown", ["alice.brown@email.com"], ["+1-555-0125"]),
        ],
        warnings=[
            "line 1: columns not read: Phone 1 - Label (3 rows), Website 1 - Label (3 rows),"
            " Address 1 - Label (3 rows), Address 1 - Formatted (3 rows)"
        ],
    ),
    "rolomind-linkedin.csv": Expected(
        [
            (2, "John Doe", ["john@example.com"], []),
            (3, "Jane Smith", ["jane@example.com"], []),
            (4, "Bob Wilson", [], []),
            (5, "Alice Brown", ["alice.brown@email.com"], []),
            (6, "Charlie Davis", ["charlie@startup.com"], []),
        ],
    ),
    "sabre-issue153.vcf": Expected(
        [
            (1, "Test Benutzer", [], []),
        ],
    ),
    "vcard4android-allfields-vcard3.vcf": Expected(
        [
            (
                1,
                "Ämi Display",
                ["private@example.com", "work@example.com"],
                ["+49 1234 56788", "+1-800-MYFAX"],
            ),
        ],
    ),
    "vcard4android-vcard4.vcf": Expected(
        [
            (1, "VCard 4 Test", [], []),
        ],
    ),
}


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 44
    assert set(EXPECTED) <= set(FILES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_parses_as_expected(name: str) -> None:
    result = parse(name)
    expected = EXPECTED[name]
    assert [(p.line, p.name, p.emails, p.phones) for p in result.people] == expected.people
    assert [skipped.line for skipped in result.skipped] == expected.skipped
    assert result.warnings == expected.warnings


@pytest.mark.parametrize("name", FILES)
def test_every_file_imports_or_reports_with_its_line(
    run: Runner, empty_network: Path, name: str
) -> None:
    result = run("--dir", str(empty_network), "import", kind_of(name), str(CORPUS / name))
    assert "Traceback" not in result.out + result.err
    *lines, summary = result.out.splitlines()
    created, merged, unchanged, skipped = (int(part.split()[0]) for part in summary.split(", "))
    assert created + merged + unchanged + skipped >= 1
    reported = [line for line in lines if line.split()[0] in ("created", "merged", "skipped")]
    assert all(f" {name}:" in line for line in reported)
    assert len(reported) == created + merged + skipped
    assert result.code == (1 if skipped else 0)
    assert len(list((empty_network / "contacts").iterdir())) == created
    assert run("--dir", str(empty_network), "check").code == 0


def test_a_fold_that_splits_a_utf8_character_is_unfolded_first() -> None:
    (greek,) = parse("kcontacts-vcard9.vcf").people
    assert greek.notes == (
        "Длинный комментарий на русском языке, чтобы в результате получилась строка более "
        "70 символов."
    )
    assert parse("kcontacts-vcard9.vcf", "utf-8").people[0].notes == greek.notes


def test_shift_jis_values_are_read_in_their_declared_charset() -> None:
    (ando,) = parse("android-v21_japanese_2.vcf").people
    assert (ando.name, ando.notes) == ("安藤 ロイド 1", "メモ")


def test_a_cp1251_file_without_charset_reads_right_with_encoding() -> None:
    (klitschko,) = parse("folkerkinzel-Ukrainian-cp1251.vcf", "cp1251").people
    assert (klitschko.name, klitschko.city) == ("Віталій Володимирович Кличко", "Київ")


def test_an_empty_photo_is_not_left_out() -> None:
    (holmes,) = parse("kcontacts-testfullvcard.vcf").people
    assert "photo" not in holmes.dropped
    assert holmes.tags == ["FICTION", "LITERATURE"]
