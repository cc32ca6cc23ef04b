"""The import parsers against real export files written by other projects.

The files live in tests/data/realworld (unchanged, with their sources in its README); each
test pins what every card or row of a file becomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau.formats.importers import (
    ImportFileError,
    ParseResult,
    read_google,
    read_linkedin,
    read_vcard,
)

# the files beyond the first twenty are pinned, card by card, in test_realworld_corpus.py
from test_realworld_corpus import EXPECTED as PINNED_ELSEWHERE

REALWORLD = Path(__file__).resolve().parent / "data" / "realworld"


def _parse(name: str) -> ParseResult:
    data = (REALWORLD / name).read_bytes()
    if name.endswith(".vcf"):
        return read_vcard(data)
    if name.startswith("linkedin-"):
        return read_linkedin(data)
    return read_google(data)


@dataclass(frozen=True)
class Expected:
    people: list[tuple[int, str, list[str], list[str]]]
    skipped: list[int] = field(default_factory=list)


NN = "Ñ"
EXPECTED: dict[str, Expected] = {
    "ezvcard-John_Doe_ANDROID.vcf": Expected(
        [
            (1, "john.doe@company.com", ["john.doe@company.com"], []),
            (6, "jane.doe@company.com", ["jane.doe@company.com"], []),
            (11, " ".join([NN] * 5), [], ["123456789"]),
            (18, " ".join([NN] * 11), [], ["123456", "234567", "3456789", "45678901"]),
            (36, " ".join([NN] * 4), ["bob@company.com"], ["123456"]),
            (71, NN * 4, ["henry@company.com"], ["55556666"]),
        ]
    ),
    "ezvcard-John_Doe_EVOLUTION.vcf": Expected(
        [
            (
                1,
                "Mr. John Richter, James Doe Sr.",
                ["john.doe@ibm.com"],
                ["905-666-1234", "905-555-1234"],
            )
        ]
    ),
    "ezvcard-John_Doe_IPHONE.vcf": Expected(
        [
            (
                1,
                "Mr. John Richter James Doe Sr.",
                ["john.doe@ibm.com"],
                [f"905-{n}-1234" for n in (555, 666, 777, 888, 999, 111, 222)],
            )
        ]
    ),
    "ezvcard-gmail-list.vcf": Expected(
        [
            (1, "Arnold Smith", ["asmithk@gmail.com"], []),
            (7, "Chris Beatle", ["chrisy55d@yahoo.com"], []),
            (13, "Doug White", ["dwhite@gmail.com"], []),
        ]
    ),
    "ezvcard-issue114.vcf": Expected(
        [(1, "Dummy, Dummy", ["dummy.dummy@dummy.com"], ["+49 1234 56789", "+49 9876 54321"])]
    ),
    "ezvcard-outlook-2003.vcf": Expected(
        [
            (
                1,
                "John Doe III",
                ["jdoe@hotmail.com"],
                ["BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"],
            )
        ]
    ),
    "ezvcard-outlook-2007.vcf": Expected(
        [
            (
                1,
                "Mr. Michael Angstadt Jr.",
                ["mike.angstadt@gmail.com"],
                ["(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"],
            )
        ]
    ),
    "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf": Expected(
        [
            (
                1,
                "John Doe",
                [
                    "doe.john@hotmail.com",
                    "additional-email@company.com",
                    "additional-email1@company.com",
                    "additional-email2@company.com",
                    "additional-email3@company.com",
                ],
                ["555-555-1111", "555-555-2222", "555-555-5555", "555-555-3333", "555-555-4444"],
            )
        ]
    ),
    "folkerkinzel-Cropped_2_1.vcf": Expected([], skipped=[1]),
    "folkerkinzel-German-cp1252.vcf": Expected([(1, "Sören Täve Nüßlebaum", [], [])]),
    "folkerkinzel-v3Utf16Bom.vcf": Expected(
        [
            (1, "Folker Kinzel", ["email1@wumms.de", "email2@folker-kinzel.de"], ["0123-45678"]),
            (19, "KMS Außenstelle", ["blablö@blub.com"], ["03443-303776", "03443-333440"]),
        ]
    ),
    "khard-contact_with_multiple_values.vcf": Expected(
        [
            (
                1,
                "Dr. Mark Schröder II",
                ["mark@example.com", "mark@example.org"],
                ["0161 99999999", "090 11122200", "090 33344400", "090 55566600"],
            )
        ]
    ),
    "khard-korean-c.vcf": Expected([(1, "\ucd5c\uc720\ub9bc", [], [])]),
    "khard-photov3.vcf": Expected([(1, "with photo v3", [], [])]),
    "khard-unparsable.vcf": Expected([], skipped=[1]),
    "nextcloud-forrest_gump.vcf": Expected(
        [(1, "Forrest Gump", ["forrestgump@example.com"], ["(111) 555-12121", "(404) 555-1212"])]
    ),
    "thunderbird-export.vcf": Expected(
        [
            (1, "contact number one", ["contact1@invalid"], []),
            (8, "contact number two", ["contact2@invalid"], []),
        ]
    ),
    "linkedin-flashesofbrilliance-sample_connections.csv": Expected(
        [
            (6, "Ada Lovelace", [], []),
            (7, "Grace Hopper", [], []),
            (8, "Alan Turing", [], []),
            (9, "Katherine Johnson", [], []),
            (10, "Linus Torvalds", [], []),
            (11, "Margaret Hamilton", [], []),
            (12, "Tim Berners-Lee", [], []),
        ]
    ),
    "linkedin-constellation-linkedin_connections.csv": Expected(
        [(4, "Jerry Mathis", ["jerry@example.com"], []), (5, "Alex Johnson", [], [])]
    ),
    "google-constellation-google_contacts.csv": Expected(
        [
            (2, "Jerry Mathis", ["jerry@example.com"], ["(757) 555-0101"]),
            (3, "Zoë, Smith", ["zoe@example.com"], []),
        ]
    ),
}


def test_every_realworld_file_has_expectations() -> None:
    present = {path.name for path in REALWORLD.iterdir() if path.suffix in {".vcf", ".csv"}}
    assert present == set(EXPECTED) | set(PINNED_ELSEWHERE)
    assert not set(EXPECTED) & set(PINNED_ELSEWHERE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_realworld_file_parses_as_expected(name: str) -> None:
    result = _parse(name)
    expected = EXPECTED[name]
    people = [(p.line, p.name, p.emails, p.phones) for p in result.people]
    assert people == expected.people
    assert [skipped.line for skipped in result.skipped] == expected.skipped


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_realworld_records_are_clean(name: str) -> None:
    result = _parse(name)
    for person in result.people:
        texts = [person.name, *person.emails, *person.phones, *person.links]
        texts += [t for t in (person.company, person.role, person.city) if t]
        assert all(t == t.strip() and t.isprintable() for t in texts), person
        assert person.notes is None or "\r" not in person.notes


def test_android_drops_photo_and_the_encoded_non_address() -> None:
    bob = _parse("ezvcard-John_Doe_ANDROID.vcf").people[4]
    assert bob.company == NN * 12
    assert bob.links == ["https://www.company.com", "http://www.company.com"]
    assert bob.dropped == ["photo", f"e-mail '{NN * 14}' (not an address)"]


def test_android_soft_break_before_a_blank_line_ends_the_value() -> None:
    henry = _parse("ezvcard-John_Doe_ANDROID.vcf").people[5]
    assert henry.company == NN * 44


def test_android_quoted_printable_notes_join_with_a_blank_line() -> None:
    person = _parse("ezvcard-John_Doe_ANDROID.vcf").people[3]
    one = f"{NN} {NN} {NN} {NN} {NN} {NN} {NN} {NN}{NN} {NN} {NN} {NN} {NN} {NN} {NN} "
    one += f"{NN}{NN} {NN} {NN} {NN} {NN}"
    assert person.notes == f"{one}\n\n{one}"


def test_evolution_fields() -> None:
    (john,) = _parse("ezvcard-John_Doe_EVOLUTION.vcf").people
    assert (john.company, john.role, john.city) == ("IBM", "Money Counter", "Albaney")
    assert john.links == ["http://www.ibm.com"]
    assert john.notes is not None
    assert john.notes.startswith("THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRI")
    assert 'CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING' in john.notes
    assert "SERVICES; LOSS OF USE" in john.notes
    assert john.notes.endswith("EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.")


def test_iphone_groups_escaped_colon_and_photo() -> None:
    (john,) = _parse("ezvcard-John_Doe_IPHONE.vcf").people
    assert (john.company, john.role, john.city) == ("IBM", "Money Counter", "New York")
    assert john.links == ["http://www.ibm.com"]
    assert john.dropped == ["photo"]
    assert john.notes is None


def test_issue114_city_after_a_label_parameter_with_colons() -> None:
    (dummy,) = _parse("ezvcard-issue114.vcf").people
    assert (dummy.company, dummy.city) == ("Dummy GmbH", "Bad Homburg")


def test_outlook_2003_fields() -> None:
    (john,) = _parse("ezvcard-outlook-2003.vcf").people
    assert (john.company, john.role, john.city) == ("Company, The", "The Job Title", "Austin")
    assert john.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert john.links == ["http://web-page-address.com"]
    assert john.dropped == ["key"]


def test_outlook_2007_fields() -> None:
    (mike,) = _parse("ezvcard-outlook-2007.vcf").people
    assert (mike.company, mike.role, mike.city) == ("TheCompany", "TheJobTitle", "New York")
    assert mike.notes == (
        "This is the NOTE field\n"
        "I assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting"
    )
    assert mike.links == ["http://mikeangstadt.name"]
    assert mike.dropped == ["key", "photo"]


def test_thunderbird_extension_fields() -> None:
    name = "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf"
    (john,) = _parse(name).people
    assert (john.company, john.role, john.city) == ("TheOrganization", "TheTitle", "New York")
    assert john.links == ["http://www.private-webpage.com", "http://www.work-webpage.com"]
    assert john.notes == (
        "This is the notes field.\nSecond Line\n\nFourth Line\n"
        'You can put anything in the "note" field; even curse words.'
    )
    assert john.dropped == ["photo"]


def test_truncated_and_unclosed_cards_are_reported() -> None:
    for name in ("folkerkinzel-Cropped_2_1.vcf", "khard-unparsable.vcf"):
        (skipped,) = _parse(name).skipped
        assert "END:VCARD" in skipped.reason


def test_cp1252_file_is_read_with_a_warning() -> None:
    result = _parse("folkerkinzel-German-cp1252.vcf")
    assert result.people[0].city == "Mößlitz"
    assert result.warnings == [
        "line 3: byte 0xf6 is not UTF-8; read as cp1252, as are lines 4, 5 (--encoding to change)"
    ]


def test_utf16_file_fields() -> None:
    folker, kms = _parse("folkerkinzel-v3Utf16Bom.vcf").people
    assert (folker.city, folker.links, folker.dropped) == (
        "Halle",
        ["https://www.folker-kinzel.de"],
        ["photo"],
    )
    assert kms.company == "KMS Außenstelle"


def test_khard_multiple_values_keep_the_first_and_join_notes() -> None:
    (mark,) = _parse("khard-contact_with_multiple_values.vcf").people
    assert (mark.company, mark.role, mark.city) == ("Company1", "Manager", "A City")
    assert mark.links == ["http://example.com", "https://example.org"]
    assert mark.notes == "multi-line\nnote\n\nsingle line note"


def test_khard_photo_note_is_unfolded_as_vcard_3() -> None:
    (person,) = _parse("khard-photov3.vcf").people
    assert person.notes == (
        'From the RFC: ENCODING must be "b" (which enforces base64 encodeddata), TYPE may '
        "be present, but if it is present it must be a validIANA image type. The value can "
        "be the image data or an uri."
    )
    assert person.dropped == ["photo"]


def test_forrest_gump_fields() -> None:
    (forrest,) = _parse("nextcloud-forrest_gump.vcf").people
    assert (forrest.company, forrest.role, forrest.city) == (
        "Bubba Gump Shrimp Co.",
        "Shrimp Man",
        "Baytown",
    )
    assert forrest.dropped == ["photo"]


def test_thunderbird_export_quoted_printable_note_without_encoding() -> None:
    one, two = _parse("thunderbird-export.vcf").people
    assert one.role is None
    assert (two.role, two.notes) == ('"worker"', "here's some unicode text…")


def test_linkedin_sample_dates_and_links() -> None:
    people = _parse("linkedin-flashesofbrilliance-sample_connections.csv").people
    assert [p.since for p in people] == [
        date(2026, 5, 14),
        date(2025, 2, 2),
        date(2021, 11, 20),
        date(2019, 7, 9),
        date(2026, 3, 30),
        date(2024, 8, 18),
        None,
    ]
    assert (people[0].company, people[0].role) == ("Analytical Engines", "Founder & CEO")
    assert people[0].links == ["https://www.linkedin.com/in/ada"]
    assert all(p.dropped == [] for p in people)


def test_linkedin_constellation_adds_the_scheme() -> None:
    jerry, alex = _parse("linkedin-constellation-linkedin_connections.csv").people
    assert jerry.links == ["https://www.linkedin.com/in/jerry-mathis/?trk=export"]
    assert alex.links == ["https://linkedin.com/in/alex-johnson"]
    assert (jerry.since, alex.since) == (date(2026, 7, 1), date(2026, 6, 15))
    assert (alex.company, alex.role) == ("AWS", "Solutions Architect")


def test_google_constellation_fields() -> None:
    jerry, zoe = _parse("google-constellation-google_contacts.csv").people
    assert (jerry.company, jerry.role) == ("Example Partners", "Founder")
    assert (zoe.company, zoe.role, zoe.phones) == ("Unicode Works", "Engineer", [])


_MUTATIONS = st.lists(st.tuples(st.integers(min_value=0), st.binary(max_size=4)), max_size=5)


@settings(max_examples=150)
@given(name=st.sampled_from(sorted(set(EXPECTED) | set(PINNED_ELSEWHERE))), mutations=_MUTATIONS)
def test_damaged_files_never_raise_anything_but_import_file_error(
    name: str, mutations: list[tuple[int, bytes]]
) -> None:
    data = bytearray((REALWORLD / name).read_bytes())
    for position, inserted in mutations:
        position %= len(data) + 1
        data[position : position + len(inserted)] = inserted
    for read in (read_vcard, read_linkedin, read_google):
        try:
            result = read(bytes(data))
        except ImportFileError:
            continue
        assert all(person.name for person in result.people)
