"""LinkedIn and Google CSV parsing on small inline files."""

from __future__ import annotations

from datetime import date

import pytest

from reseau.formats.importers import (
    ImportedPerson,
    ImportFileError,
    Skipped,
    read_google,
    read_linkedin,
)
from reseau.formats.importers.csvread import Row, iter_rows
from reseau.formats.importers.linkedin import parse_connected_on

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
GOOGLE_CLASSIC = (
    "Name,Given Name,Additional Name,Family Name,Notes,Photo,E-mail 1 - Type,E-mail 1 - Value,"
    "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - City,"
    "Address 2 - City,Organization 1 - Name,Organization 1 - Title,Website 1 - Value"
)
GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,Photo,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - City,"
    "Website 1 - Label,Website 1 - Value"
)


def linkedin(*rows: str, preamble: str = "") -> bytes:
    return (preamble + "\r\n".join([LINKEDIN_HEADER, *rows, ""])).encode()


# --- the strict CSV reader -------------------------------------------------------------------


def test_rows_keep_their_first_physical_line() -> None:
    text = 'a,b\n\n"multi\nline",x\n"q""uote",y\n,\nlast,row'
    assert list(iter_rows(text)) == [
        Row(1, ["a", "b"]),
        Row(3, ["multi\nline", "x"]),
        Row(5, ['q"uote', "y"]),
        Row(7, ["last", "row"]),
    ]


def test_stray_quotes_are_reported_with_their_line() -> None:
    text = 'a,b\nAda,Love"lace\n"Grace"Hopper,x\nc,d\n'
    assert list(iter_rows(text)) == [
        Row(1, ["a", "b"]),
        Skipped(2, "stray quote in field 2: quote the whole field"),
        Skipped(3, "stray quote in field 1: text after its closing quote"),
        Row(4, ["c", "d"]),
    ]


def test_a_quote_never_closed_hides_no_row() -> None:
    text = 'a,b\nAda,"Lovelace\nGrace,Hopper\nAlan,Turing\n'
    assert list(iter_rows(text)) == [
        Row(1, ["a", "b"]),
        Skipped(2, "field 2 opens a quote that is never closed"),
        Row(3, ["Grace", "Hopper"]),
        Row(4, ["Alan", "Turing"]),
    ]


def test_a_quote_closed_rows_later_hides_no_row() -> None:
    text = 'Ada,"Lovelace\nGrace,Hopper\nAlan,"Turing\n'
    assert list(iter_rows(text)) == [
        Skipped(1, "stray quote in field 2: text after its closing quote"),
        Row(2, ["Grace", "Hopper"]),
        Skipped(3, "field 2 opens a quote that is never closed"),
    ]


# --- LinkedIn --------------------------------------------------------------------------------


def test_linkedin_row() -> None:
    data = linkedin(
        "Marie,Dupont,www.linkedin.com/in/marie,marie@acme.example,Acme,CEO,15 Mar 2024"
    )
    assert read_linkedin(data).people == [
        ImportedPerson(
            line=2,
            name="Marie Dupont",
            emails=["marie@acme.example"],
            company="Acme",
            role="CEO",
            links=["https://www.linkedin.com/in/marie"],
            since=date(2024, 3, 15),
        )
    ]


def test_linkedin_quoted_preamble_with_commas_quotes_and_lines() -> None:
    preamble = 'Notes:\r\n"When exporting, ""some"" fields\r\nmay be empty, sorry."\r\n\r\n\r\n'
    result = read_linkedin(linkedin("Ada,Lovelace,,,,,", preamble=preamble))
    assert [(p.line, p.name) for p in result.people] == [(7, "Ada Lovelace")]


def test_linkedin_unquoted_preamble_with_a_stray_quote() -> None:
    preamble = 'Notes:\nThis file has your "connections", more or less.\n'
    result = read_linkedin(linkedin("Ada,Lovelace,,,,,", preamble=preamble))
    assert ([(p.line, p.name) for p in result.people], result.skipped) == (
        [(4, "Ada Lovelace")],
        [],
    )


def test_linkedin_bom_and_reordered_columns() -> None:
    data = "\ufeffLast Name,First Name,Connected On\nHopper,Grace,02-Feb-25\n".encode()
    (grace,) = read_linkedin(data).people
    assert (grace.name, grace.since) == ("Grace Hopper", date(2025, 2, 2))


def test_linkedin_stray_quote_row_is_skipped_and_the_others_import() -> None:
    data = linkedin(
        "Ada,Lovelace,,,,,",
        'Grace,"Hopper"x,,,,,',
        "Alan,Turing,,,,,",
    )
    result = read_linkedin(data)
    assert [(p.line, p.name) for p in result.people] == [(2, "Ada Lovelace"), (4, "Alan Turing")]
    assert result.skipped == [Skipped(3, "stray quote in field 2: text after its closing quote")]


def test_linkedin_wrong_field_count_and_empty_name() -> None:
    data = linkedin("Ada,Lovelace,,,", ",,https://www.linkedin.com/in/x,,Acme,,", ",,,,,,")
    assert read_linkedin(data).skipped == [
        Skipped(2, "5 fields where the header has 7"),
        Skipped(3, "no name: First Name and Last Name are empty"),
    ]


def test_linkedin_unreadable_date_is_dropped_not_fatal() -> None:
    (ada,) = read_linkedin(linkedin("Ada,Lovelace,,,,,31 Feb 2024")).people
    assert (ada.since, ada.dropped) == (None, ["Connected On '31 Feb 2024' (not a date)"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("5 mar 2024", date(2024, 3, 5)),
        ("15-Mar-24", date(2024, 3, 15)),
        ("15 March 2024", date(2024, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        ("15 Foo 2024", None),
        ("03/15/2024", None),
        ("2024-02-30", None),
        ("9999-12-31", None),
        ("1 Jan 0999", None),
    ],
)
def test_connected_on_formats(text: str, expected: date | None) -> None:
    assert parse_connected_on(text) == expected


def test_linkedin_invalid_utf8_names_line_byte_and_encoding_option() -> None:
    data = linkedin("Ada,Lovelace,,,,,", "Ren\xe9e,Dupont,,,,,").replace(b"\xc3\xa9", b"\xe9")
    with pytest.raises(ImportFileError) as error:
        read_linkedin(data)
    assert str(error.value) == "line 3: byte 0xe9 is not UTF-8; try --encoding cp1252"


def test_linkedin_explicit_encoding() -> None:
    data = (LINKEDIN_HEADER + "\nRen\xe9e,Dupont,,,,,\n").encode("cp1252")
    (renee,) = read_linkedin(data, encoding="cp1252").people
    assert renee.name == "Renée Dupont"


def test_linkedin_without_header() -> None:
    with pytest.raises(ImportFileError, match=r"is this LinkedIn's Connections\.csv"):
        read_linkedin(b"Notes:\nnothing here\n")


def test_linkedin_names_are_cleaned() -> None:
    (eve,) = read_linkedin(linkedin("\x1b[31mEve\u202e,\x1b]52;c;QUJD\x07 Doe  ,,,,,")).people
    assert eve.name == "Eve Doe"


def test_cr_only_line_endings() -> None:
    data = (LINKEDIN_HEADER + "\rAda,Lovelace,,,,,\rAlan,Turing,,,,,\r").encode()
    assert [(p.line, p.name) for p in read_linkedin(data).people] == [
        (2, "Ada Lovelace"),
        (3, "Alan Turing"),
    ]


# --- Google ----------------------------------------------------------------------------------


def test_google_classic_header_with_multi_values() -> None:
    row = (
        'Marie Dupont,Marie,,Dupont,"Met in Lyon\nat the fair",https://lh3.example/p.jpg,'
        "* Work,marie@acme.example ::: m.dupont@acme.example,Home,marie@home.example,"
        "Mobile,+33 6 12 34 56 78 ::: 04 78 00 00 00,,Lyon,Acme,CEO,acme.example"
    )
    data = (GOOGLE_CLASSIC + "\n" + row + "\nAda Lovelace" + "," * 16 + "\n").encode()
    result = read_google(data)
    assert result.skipped == []
    marie, ada = result.people
    assert marie == ImportedPerson(
        line=2,
        name="Marie Dupont",
        emails=["marie@acme.example", "m.dupont@acme.example", "marie@home.example"],
        phones=["+33 6 12 34 56 78", "04 78 00 00 00"],
        company="Acme",
        role="CEO",
        city="Lyon",
        links=["https://acme.example"],
        notes="Met in Lyon\nat the fair",
        dropped=["photo"],
    )
    assert (ada.line, ada.name) == (4, "Ada Lovelace")


def test_google_names_the_unread_columns_that_hold_a_value() -> None:
    header = "Name,Nickname,E-mail 1 - Type,E-mail 1 - Value,Group Membership,Event 1 - Type"
    rows = [
        "Ada Lovelace,,Work,ada@example.org,* myContacts,",
        "Alan Turing,Al,Home,alan@example.org,* myContacts ::: Friends,",
        "Bad row,too,many,fields,here,x,y",
    ]
    result = read_google("\n".join([header, *rows]).encode())
    assert [person.name for person in result.people] == ["Ada Lovelace", "Alan Turing"]
    assert result.warnings == [
        "line 1: columns not read: Nickname (1 row), E-mail 1 - Type (2 rows),"
        " Group Membership (2 rows)"
    ]


def test_google_with_every_unread_column_empty_warns_nothing() -> None:
    data = b"Name,Nickname,E-mail 1 - Value\nAda Lovelace,,ada@example.org\n"
    assert read_google(data).warnings == []


def test_google_new_header() -> None:
    row = "Jean,Paul,Martin,Acme,CTO,,,Work,jp@acme.example,Mobile,06 00 00 00 00,Paris,,x.org"
    (jean,) = read_google((GOOGLE_NEW + "\n" + row + "\n").encode()).people
    assert (jean.name, jean.company, jean.role, jean.city) == (
        "Jean Paul Martin",
        "Acme",
        "CTO",
        "Paris",
    )
    assert (jean.emails, jean.phones, jean.links) == (
        ["jp@acme.example"],
        ["06 00 00 00 00"],
        ["https://x.org"],
    )


def test_google_name_fallbacks_and_skips() -> None:
    header = (
        "Name,Given Name,Family Name,Notes,Photo,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title,"
        "Website 1 - Value"
    )
    rows = [
        ",,,,,,,,,Acme Corp,,",
        ",,,,,,info@acme.example,,,,,",
        ",,,,,,,,+33 6 12 34 56 78,,,",
    ]
    result = read_google("\n".join([header, *rows]).encode())
    assert [(p.line, p.name) for p in result.people] == [(2, "Acme Corp"), (3, "info@acme.example")]
    assert result.skipped == [
        Skipped(4, "no name: the row has no name, organisation or e-mail address")
    ]


def test_google_multi_line_note_keeps_later_line_numbers() -> None:
    data = (GOOGLE_CLASSIC + '\nAda,,,,"one\ntwo\nthree"' + "," * 12 + "\nAlan" + "," * 16).encode()
    result = read_google(data)
    assert [(p.line, p.name, p.notes) for p in result.people] == [
        (2, "Ada", "one\ntwo\nthree"),
        (5, "Alan", None),
    ]


def test_google_header_must_come_first() -> None:
    with pytest.raises(ImportFileError, match="not a Google Contacts header"):
        read_google(linkedin("Ada,Lovelace,,,,,", preamble="Notes:\n"))


def test_google_invalid_utf8() -> None:
    with pytest.raises(ImportFileError, match=r"^line 2: byte 0xfc is not UTF-8; try --encoding"):
        read_google(b"Name,E-mail 1 - Value\nM\xfcller,m@example.org\n")


def test_google_utf16_export() -> None:
    data = "Name,E-mail 1 - Value\r\nZoë,zoe@example.org\r\n".encode("utf-16")
    (zoe,) = read_google(data).people
    assert (zoe.name, zoe.emails) == ("Zoë", ["zoe@example.org"])


def test_the_older_linkedin_layout_is_read_and_unread_columns_named() -> None:
    data = (
        b'"Title","First Name","Middle Name","Last Name","E-mail Address","Company",'
        b'"Job Title","Web Page","Business Phone"\r\n'
        b'"Dr","Ada","B.","Lovelace","ada@example.org","Engines Ltd","Analyst",'
        b'"www.linkedin.com/in/ada","+44 20 0000 0000"\r\n'
    )
    result = read_linkedin(data)
    (ada,) = result.people
    assert (ada.name, ada.emails, ada.company, ada.role, ada.links) == (
        "Ada B. Lovelace",
        ["ada@example.org"],
        "Engines Ltd",
        "Analyst",
        ["https://www.linkedin.com/in/ada"],
    )
    assert result.warnings == ["line 1: columns not read: Title, Business Phone"]


def test_a_byte_cp1252_leaves_undefined_is_read_with_its_line() -> None:
    data = b"First Name,Last Name\nRen\xe9,Dupr\x81\n"
    result = read_linkedin(data, encoding="cp1252")
    assert result.people[0].name == "René Dupr\ufffd"
    assert result.warnings == ["line 2: byte 0x81 has no character in cp1252; read as \ufffd"]
