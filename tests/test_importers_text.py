"""Cleaning and decoding rules shared by every importer."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reseau.formats.importers import ImportFileError, clean_text
from reseau.formats.importers.decoding import decode_text, split_lines
from reseau.formats.importers.records import clean_emails, clean_links, join_name, normalise_link

INVISIBLE = set(
    "\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb"
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mRed\x1b[0m", "Red"),
        ("\x1b[1;38;5;196mBold", "Bold"),
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),
        ("a\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("a\x1bcb", "ab"),
        ("a\x9b2Jb", "ab"),
        ("abc\u202eexe.txt", "abcexe.txt"),
        ("\u2066isolated\u2069", "isolated"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("keep\u200djoiners\u200c", "keep\u200djoiners\u200c"),
        ("a\x00b\x07c\x7fd\x85e", "abcd e"),
        ("  tab\there\nnewline \r\n", "tab here newline"),
        ("Ame\u0301lie", "Amélie"),
        ("\xa0 nbsp \u3000", "nbsp"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_text_multiline_keeps_line_breaks_only() -> None:
    raw = " first \t\r\nsecond\x1b[2K\rthird\u2028\n\nfifth\x0b "
    assert clean_text(raw, multiline=True) == "first\nsecond\nthird\n\n\nfifth"


@given(st.text(), st.booleans())
def test_clean_text_never_lets_a_control_through(raw: str, multiline: bool) -> None:
    clean = clean_text(raw, multiline=multiline)
    allowed = {"\n"} if multiline else set()
    assert all(unicodedata.category(char) != "Cc" or char in allowed for char in clean), repr(clean)
    assert not INVISIBLE & set(clean)
    assert clean == clean.strip()
    assert clean_text(clean, multiline=multiline) == clean


def test_join_name_collapses_blanks() -> None:
    assert join_name("  Marie \t", None, "", "de  la Tour ") == "Marie de la Tour"
    assert join_name(" ", None) is None


def test_clean_emails() -> None:
    emails, dropped = clean_emails(
        ["a@x.org", " A@X.org ", "mailto:b@y.org", "", "no-at-sign", "two@@x", "sp ace@x.org"]
    )
    assert emails == ["a@x.org", "b@y.org"]
    assert dropped == [
        "e-mail 'no-at-sign' (not an address)",
        "e-mail 'two@@x' (not an address)",
        "e-mail 'sp ace@x.org' (not an address)",
    ]


@pytest.mark.parametrize(
    ("raw", "link"),
    [
        ("www.example.org", "https://www.example.org"),
        ("linkedin.com/in/x", "https://linkedin.com/in/x"),
        ("//cdn.example.org/a", "https://cdn.example.org/a"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://example.org", "HTTPS://example.org"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("example.org:8080/x", "https://example.org:8080/x"),
    ],
)
def test_normalise_link(raw: str, link: str) -> None:
    assert normalise_link(raw) == link


def test_clean_links_drops_empty_and_duplicates() -> None:
    assert clean_links(["", "a.org", "https://a.org", " "]) == ["https://a.org"]


def test_split_lines() -> None:
    assert split_lines("a\r\nb\r\r\nc\nd") == ["a", "b", "c", "d"]
    assert split_lines("a\rb\r") == ["a", "b", ""]
    assert split_lines("") == [""]


def test_decode_boms_and_windows_code_pages() -> None:
    assert decode_text("\ufeffé".encode(), None).text == "é"
    assert decode_text("ab".encode("utf-16-le"), None).text == "ab"
    assert decode_text("ab".encode("utf-16-be"), None).text == "ab"
    assert decode_text("ab".encode("utf-32"), None).text == "ab"
    windows = decode_text(b"ok\nok\ncaf\xe9\x81", "cp1252")
    assert (windows.text, windows.warnings) == (
        "ok\nok\ncafé\ufffd",
        ["line 3: byte 0x81 has no character in cp1252; read as \ufffd"],
    )


def test_decode_without_fallback_raises() -> None:
    with pytest.raises(ImportFileError, match=r"^line 1: byte 0xe9 is not UTF-8; try --encoding"):
        decode_text(b"caf\xe9", None)
