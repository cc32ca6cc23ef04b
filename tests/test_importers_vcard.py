"""vCard parsing on small inline cards: one quirk per test."""

from __future__ import annotations

import pytest

from reseau.formats.importers import ImportedPerson, ImportFileError, Skipped, read_vcard


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def only(data: bytes) -> ImportedPerson:
    result = read_vcard(data)
    assert result.skipped == []
    (person,) = result.people
    return person


def test_minimal_card() -> None:
    person = only(card("FN:Marie Dupont", "EMAIL:marie@example.org").encode())
    assert person == ImportedPerson(line=1, name="Marie Dupont", emails=["marie@example.org"])


def test_quoted_printable_soft_breaks_join_lines() -> None:
    data = card(
        "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e Fran=",
        "=C3=A7ois",
        "NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =",
        "line",
        version="2.1",
    )
    person = only(data.encode())
    assert person.name == "Renée François"
    assert person.notes == "first line\nsecond line"


def test_bare_lower_case_quoted_printable_parameter() -> None:
    data = "begin:vcard\r\nfn:Zo=C3=AB\r\nnote;quoted-printable:caf=C3=A9 =\r\ncr=C3=A8me\r\n"
    data += "version:2.1\r\nend:vcard\r\n"
    person = only(data.encode())
    assert (person.name, person.notes) == ("Zo=C3=AB", "café crème")


@pytest.mark.parametrize("charset", ["ISO-8859-1", "windows-1252", "latin1"])
def test_quoted_printable_in_a_declared_charset(charset: str) -> None:
    data = card(f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:M=FCller", version="2.1")
    assert only(data.encode()).name == "Müller"


def test_quoted_printable_without_charset_tries_utf8_then_cp1252() -> None:
    data = card("FN;QUOTED-PRINTABLE:J=C3=BCrgen", "ORG;QUOTED-PRINTABLE:Caf=E9", version="2.1")
    person = only(data.encode())
    assert (person.name, person.company) == ("Jürgen", "Café")


def test_quoted_printable_bytes_invalid_in_their_charset_become_replacement() -> None:
    data = card("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ann=80e", version="2.1")
    assert only(data.encode()).name == "Ann\ufffde"


def test_soft_break_never_swallows_end_of_card() -> None:
    data = card("FN:Ann", "NOTE;ENCODING=QUOTED-PRINTABLE:cut=", version="2.1")
    data += card("FN:Bob")
    result = read_vcard(data.encode())
    assert [p.name for p in result.people] == ["Ann", "Bob"]
    assert result.people[0].notes == "cut="


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("blank", [" ", "\t"])
def test_folded_lines_are_joined(newline: str, blank: str) -> None:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Jean-Ba", f"{blank}ptiste", "EMAIL:jb@exa"]
    lines += [f"{blank}mple.org", "END:VCARD", ""]
    person = only(newline.join(lines).encode())
    assert (person.name, person.emails) == ("Jean-Baptiste", ["jb@example.org"])


def test_vcard_21_folding_keeps_the_blank() -> None:
    data = card("FN:Jean", " Dupont", "NOTE:one", "  two", version="2.1")
    person = only(data.encode())
    assert (person.name, person.notes) == ("Jean Dupont", "one  two")


def test_fold_across_a_blank_line_and_cr_cr_lf_endings() -> None:
    data = b"BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Ann\r\r\nNOTE:ab\r\n\r\n cd\r\r\nEND:VCARD\r\r\n"
    assert only(data).notes == "abcd"


def test_blank_lines_and_garbage_inside_a_card_are_ignored() -> None:
    data = card("", "FN:Ann", "   ", "this line has no colon", "X-CUSTOM;FOO=bar:baz", "", "@@:x")
    assert only(data.encode()).name == "Ann"


def test_broken_card_between_two_good_ones() -> None:
    good_one = card("FN:First Good", "EMAIL:first@example.org")
    broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\n"
    good_two = card("FN:Second Good")
    result = read_vcard((good_one + broken + good_two).encode())
    assert [(p.line, p.name) for p in result.people] == [(1, "First Good"), (9, "Second Good")]
    assert result.skipped == [
        Skipped(6, "card never closed: no END:VCARD before the next BEGIN:VCARD")
    ]


def test_card_cut_off_at_the_end_of_the_file() -> None:
    data = card("FN:Ann") + "BEGIN:VCARD\nVERSION:2.1\nFN:Bob\nNOTE;QUOTED-PRINTABLE:abc="
    result = read_vcard(data.encode())
    assert [p.name for p in result.people] == ["Ann"]
    assert [s.line for s in result.skipped] == [5]
    assert "end of the file" in result.skipped[0].reason


def test_terminal_escape_sequences_in_a_name_are_removed() -> None:
    name = "\x1b[31mEve\x1b[0m \x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07Mallory\u202egnp.exe"
    person = only(card(f"FN:{name}", "ORG:\x1b[2JAcme\x07").encode())
    assert (person.name, person.company) == ("Eve Mallorygnp.exe", "Acme")


def test_escapes_in_text_values() -> None:
    data = card(r"FN:Dupont\, Marie", r"NOTE:a\;b\nc\\n\:d", r"ORG:Acme\; Sons;Sales")
    person = only(data.encode())
    assert person.name == "Dupont, Marie"
    assert person.notes == "a;b\nc\\n:d"
    assert person.company == "Acme; Sons"


def test_vcard_21_has_no_newline_escape() -> None:
    data = card(r"NOTE:C:\new\folder", "FN:Ann", version="2.1")
    assert only(data.encode()).notes == r"C:\new\folder"


def test_group_prefixes_and_quoted_parameters() -> None:
    data = card(
        "FN:Ann",
        "item1.EMAIL;type=INTERNET:ann@example.org",
        "item1.X-ABLabel:_$!<Other>!$_",
        'TEL;X-NOTE="call: after 6; weekdays":+33 6 12 34 56 78',
        "item2.ADR:;;1 rue de la Paix;Paris;;75002;France",
    )
    person = only(data.encode())
    assert person.emails == ["ann@example.org"]
    assert person.phones == ["+33 6 12 34 56 78"]
    assert person.city == "Paris"


def test_name_from_n_when_fn_is_missing() -> None:
    data = card("N:Dupont;Marie;Claire;Dr.;PhD", "EMAIL:marie@example.org")
    assert only(data.encode()).name == "Marie Dupont"


def test_name_from_organisation_then_email() -> None:
    data = card("ORG:Acme Corp;Sales", "EMAIL:info@acme.example") + card("EMAIL:jo@example.org")
    result = read_vcard(data.encode())
    assert [p.name for p in result.people] == ["Acme Corp", "jo@example.org"]
    assert result.people[0].company == "Acme Corp"


def test_card_without_anything_to_name_it_is_skipped() -> None:
    data = card("FN:Ann") + card("TEL:+33 6 12 34 56 78", "FN:  \x1b[0m ")
    result = read_vcard(data.encode())
    assert [p.name for p in result.people] == ["Ann"]
    assert result.skipped == [Skipped(5, "no name: the card has no FN, N, ORG or e-mail address")]


def test_all_kept_fields() -> None:
    data = card(
        "FN:Marie Dupont",
        "EMAIL;TYPE=work:marie@acme.example",
        "EMAIL:MARIE@acme.example",
        "EMAIL:mailto:marie@home.example",
        "EMAIL:not an address",
        "TEL;TYPE=cell:06 12 34 56 78",
        "TEL;VALUE=uri:tel:+33-1-23-45-67-89",
        "TEL:06 12 34 56 78",
        "ORG:Acme;Export",
        "ROLE:Manager",
        "ADR;TYPE=home:;;;;;;",
        "ADR;TYPE=work:;;12 quai;Lyon;;69002;France",
        "URL:www.acme.example",
        "URL:https://www.linkedin.com/in/marie",
        "NOTE:Met at the fair",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ",
        "LOGO;VALUE=uri:https://acme.example/logo.png",
        "KEY:abc",
        "SOUND:def",
        "PHOTO:https://example.org/second.jpg",
        "BDAY:1980-01-01",
    )
    assert only(data.encode()) == ImportedPerson(
        line=1,
        name="Marie Dupont",
        emails=["marie@acme.example", "marie@home.example"],
        phones=["06 12 34 56 78", "+33-1-23-45-67-89"],
        company="Acme",
        role="Manager",
        city="Lyon",
        links=["https://www.acme.example", "https://www.linkedin.com/in/marie"],
        notes="Met at the fair",
        dropped=["photo", "logo", "key", "sound", "e-mail 'not an address' (not an address)"],
        birthday="1980-01-01",
    )


def test_title_wins_over_role() -> None:
    assert only(card("FN:Ann", "ROLE:Buyer", "TITLE:Head of purchasing").encode()).role == (
        "Head of purchasing"
    )


def test_lines_outside_cards_are_ignored() -> None:
    data = "junk before\r\nEND:VCARD\r\n\r\n" + card("FN:Ann") + "trailing junk"
    result = read_vcard(data.encode())
    assert ([p.line for p in result.people], result.skipped) == ([4], [])


def test_utf16_with_and_without_bom() -> None:
    text = card("FN:Zoë Ørsted")
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        assert only(data).name == "Zoë Ørsted"


def test_utf8_bom() -> None:
    assert only(b"\xef\xbb\xbf" + card("FN:Zoë").encode()).name == "Zoë"


def test_cp1252_file_falls_back_with_a_warning() -> None:
    result = read_vcard(card("FN:Ann", "NOTE:\u20ac 5 caf\xe9").encode("cp1252"))
    assert result.people[0].notes == "€ 5 café"
    assert result.warnings == [
        "line 4: byte 0x80 is not UTF-8; read as cp1252 (--encoding to change)"
    ]


def test_explicit_encoding_wins() -> None:
    data = card("FN:Ren\xe9e").encode("latin-1")
    result = read_vcard(data, encoding="latin-1")
    assert (result.people[0].name, result.warnings) == ("Renée", [])


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_cp1252_leaves_undefined_are_read_and_named(byte: int) -> None:
    data = card("FN:Ann", "NOTE:caf\xe9", f"ORG:A{chr(byte)}B", "TITLE:x").encode("latin-1")
    for result in (read_vcard(data), read_vcard(data, encoding="cp1252")):
        assert (result.people[0].company, result.people[0].notes) == ("A\ufffdB", "café")
        assert (
            result.warnings[-1]
            == f"line 5: byte 0x{byte:02x} has no character in cp1252; read as \ufffd"
        )
    assert read_vcard(data).warnings[0] == (
        "line 4: byte 0xe9 is not UTF-8; read as cp1252, as are lines 5 (--encoding to change)"
    )


def test_a_wrong_explicit_encoding_names_the_line_and_byte() -> None:
    data = card("FN:Ann", "NOTE:caf\xe9").encode("latin-1")
    with pytest.raises(ImportFileError, match=r"^line 4: byte 0xe9 is not utf-8; try another"):
        read_vcard(data, encoding="utf-8")


def test_a_fold_may_split_a_utf8_character() -> None:
    """ownCloud folds at 75 octets, wherever that falls (RFC 6350 3.2: unfold, then decode)."""
    data = card("FN:Ann", "NOTE:Приве").encode()
    split = data.replace("е".encode(), b"\xd0\r\n \xb5")
    assert split != data
    for encoding in (None, "utf-8"):
        result = read_vcard(split, encoding)
        assert (result.people[0].notes, result.warnings) == ("Приве", [])


def test_a_declared_charset_is_honoured_per_value() -> None:
    data = b"\r\n".join(
        [
            b"BEGIN:VCARD",
            b"VERSION:2.1",
            "FN;CHARSET=SHIFT_JIS:山田 表".encode("shift_jis"),
            "ORG;CHARSET=windows-1251:Газпром".encode("cp1251"),
            "TITLE:Gérant".encode(),
            b"END:VCARD",
            b"",
        ]
    )
    person = only(data)
    assert (person.name, person.company, person.role) == ("山田 表", "Газпром", "Gérant")
    overridden = read_vcard(data, encoding="latin-1").people[0]
    assert overridden.role == "GÃ©rant"


def test_wrong_explicit_encoding() -> None:
    with pytest.raises(ImportFileError, match=r"line 3: byte 0xe9 is not utf-8; try another"):
        read_vcard(card("FN:Ren\xe9e").encode("latin-1"), encoding="utf-8")
    with pytest.raises(ImportFileError, match="unknown encoding 'klingon'"):
        read_vcard(b"", encoding="klingon")


@pytest.mark.parametrize("data", [b"", b"\n\n", b"Name,Email\nAnn,ann@example.org\n"])
def test_file_without_any_card(data: bytes) -> None:
    with pytest.raises(ImportFileError, match="not a vCard file"):
        read_vcard(data)


def test_five_thousand_cards() -> None:
    cards = "".join(
        card(
            f"FN:Person {n}",
            f"EMAIL:person{n}@example.org",
            f"TEL:+33 6 00 00 {n:05d}",
            "NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=",
            "line two",
            "PHOTO;ENCODING=b:" + "QUJD" * 20,
            " " + "REVG" * 20,
            version="2.1",
        )
        for n in range(5000)
    )
    result = read_vcard(cards.encode())
    assert len(result.people) == 5000
    assert result.skipped == []
    last = result.people[-1]
    assert (last.line, last.name, last.emails) == (
        4999 * 10 + 1,
        "Person 4999",
        ["person4999@example.org"],
    )
    assert last.notes == "line one\nline two"


@pytest.mark.parametrize("charset", ["base64", "rot13", "no-such-charset", "us-ascii"])
def test_quoted_printable_with_a_charset_that_is_no_text_encoding(charset: str) -> None:
    data = card(f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e", version="2.1")
    assert only(data.encode()).name == "Renée"


@pytest.mark.parametrize("charset", ["idna", "punycode"])
@pytest.mark.parametrize(("value", "name"), [("=FF", "ÿ"), ("Ren=C3=A9e", "Renée")])
def test_quoted_printable_with_a_charset_that_cannot_replace(
    charset: str, value: str, name: str
) -> None:
    """idna refuses errors="replace", punycode fails on stray bytes even with it."""
    data = card(f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{value}", version="2.1")
    assert only(data.encode()).name == name


@pytest.mark.parametrize("encoding", ["base64", "rot13"])
def test_explicit_encoding_that_is_no_text_encoding(encoding: str) -> None:
    with pytest.raises(ImportFileError, match="unknown encoding"):
        read_vcard(card("FN:Ann").encode(), encoding=encoding)


def test_trailing_backslash_in_a_structured_value() -> None:
    assert only(card("FN:Ann", "ORG:Acme\\").encode()).company == "Acme\\"


def test_an_empty_photo_is_not_left_out() -> None:
    assert only(card("FN:A B", "PHOTO:", "PHOTO;ENCODING=b;TYPE=JPEG: ").encode()).dropped == []


def test_uid_categories_and_reseau_properties_are_read() -> None:
    person = only(
        card(
            "FN:Ann Lee",
            "UID:ann-lee@reseau",
            r"CATEGORIES:supply chain,a\,b,c\;d",
            "X-RESEAU-CIRCLE:clients",
            r"X-RESEAU-CIRCLE:golf\, tennis",
            "X-RESEAU-STATUS:archived",
            "X-RESEAU-SINCE:2019-04-01",
            "X-RESEAU-CADENCE-DAYS:45",
        ).encode()
    )
    assert (person.uid, person.tags, person.circles) == (
        "ann-lee@reseau",
        ["supply chain", "a,b", "c;d"],
        ["clients", "golf, tennis"],
    )
    assert (person.status, str(person.since), person.cadence_days) == ("archived", "2019-04-01", 45)


def test_reseau_properties_that_are_not_values_are_left_out() -> None:
    person = only(
        card(
            "FN:Ann Lee",
            "X-RESEAU-STATUS:gone",
            "X-RESEAU-SINCE:2019-02-30",
            "X-RESEAU-CADENCE-DAYS:0",
        ).encode()
    )
    assert (person.status, person.since, person.cadence_days) == (None, None, None)
    assert [item.split(" ")[0] for item in person.dropped] == [
        "X-RESEAU-STATUS",
        "X-RESEAU-SINCE",
        "X-RESEAU-CADENCE-DAYS",
    ]
