"""Read vCard 2.1, 3.0 and 4.0 address books, one result per card, each with its line.

Why a tolerant parser of its own rather than vobject: real exports are often broken (a
card cut off by a crashed phone, a quoted-printable line that ends the file, garbage
properties, a whole file in UTF-16 or in the Windows code page). vobject's reader stops
with a ParseError at the first line it cannot read (or, told to ignore such lines, drops
them without a word), which loses the cards after it and ties no card to its line; it takes
text, so the encoding guesses would be ours anyway. Here a bad card is a `Skipped` with the
line of its `BEGIN:VCARD`, the cards around it import, and no dependency is added.

The quirks handled, and why:

- Lines may end in CRLF, LF or (iOS) CR CR LF; a line that starts with a space or a tab
  continues the one before (folding), even across the blank lines that Outlook and Android
  leave inside cards; blank lines are otherwise ignored.
- vCard 2.1 QUOTED-PRINTABLE values continue on the next line when they end with `=` (a
  soft line break), also when the parameter is bare (`NOTE;QUOTED-PRINTABLE:`, Thunderbird)
  or lower case; a soft break never swallows `END:VCARD` or `BEGIN:VCARD`. Decoded bytes
  are read in the property's CHARSET (UTF-8, ISO-8859-1, windows-1252...), else as UTF-8,
  else as windows-1252; bytes that still do not decode become U+FFFD.
- The file itself: a BOM or NUL bytes reveal UTF-16 and UTF-32, decoded whole. Any other
  file is read as octets, and each value is decoded after unfolding (RFC 6350 3.2: a fold
  may split a UTF-8 character, as ownCloud's do): in `--encoding` when given, else in the
  value's own CHARSET (Shift_JIS, windows-1251... on 8-bit values, as Japanese phones write
  them), else as UTF-8, else as windows-1252 (what vCard 2.1 files from Outlook and old
  phones are in), with a warning naming the lines that were not UTF-8, so the user can pass
  `--encoding` if the guess is wrong. A byte windows-1252 leaves undefined becomes U+FFFD,
  with its line (see `decoding.decode_windows`).
- `BEGIN:VCARD` may be in any case, VERSION anywhere in the card (Thunderbird puts it last).
  Property names may carry a group (`item1.EMAIL`). Parameter values may be quoted, and a
  quoted value may hold `:` or `;`.
- Escapes: `\\,` `\\;` `\\:` `\\\\` always, `\\n` for a line break in 3.0 and 4.0 only
  (vCard 2.1 has no such escape). Structured values (N, ORG, ADR) are split on unescaped
  `;` before anything is decoded, so that an escaped or encoded `;` stays in its component.
- What is kept: FN (else N as "Given Family"), EMAIL (all), TEL (all, as written, without a
  4.0 `tel:` prefix), ORG (the first component of the first one), TITLE (else ROLE), the
  locality of the first ADR that has one, URL (all), NOTE (all, joined by a blank line),
  UID, CATEGORIES as tags (split on unescaped commas), and what `reseau export vcard`
  writes for what vCard has no property for: `X-RESEAU-CIRCLE` (each), `X-RESEAU-STATUS`,
  `X-RESEAU-SINCE` and `X-RESEAU-CADENCE-DAYS` (a value that is not one is named in
  `dropped`). PHOTO, LOGO, KEY and SOUND that hold something are dropped and named in
  `dropped`; other properties are ignored.

Decisions:

- A card without FN or N takes, in this order, its organisation (a company card, as iOS and
  Outlook make them) or its first e-mail address, whole: an address book shows such a card
  under that name, and the local part alone (`info`, `contact`) would make different people
  namesakes, whom the import would then merge by name. A card with none of them (a phone
  alone) is skipped: it has nothing to call the contact by.
- A card that is never closed (no `END:VCARD` before the end of the file or before the next
  `BEGIN:VCARD`) is skipped, even if it holds a name: the file was cut off or mangled, its
  last value may be cut in the middle (a note, an e-mail address), and merging such a value
  into an existing contact would spoil good data. The report names its line, so the user
  can repair the file and import it again.
- A file without any `BEGIN:VCARD` raises `ImportFileError`: it is not a vCard file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reseau.files.dates import DateError, parse_date
from reseau.files.i18n import N_, _
from reseau.files.model import MAX_DAYS, STATUSES
from reseau.formats.importers.decoding import (
    codec_name,
    decode_text,
    decode_windows,
    is_windows_code_page,
    sniff,
    split_lines,
    undefined_warnings,
)
from reseau.formats.importers.records import (
    ImportedPerson,
    ImportFileError,
    ParseResult,
    Skipped,
    clean_emails,
    clean_labels,
    clean_links,
    clean_notes,
    clean_phones,
    clean_text,
    first_present,
    join_name,
    optional_text,
    yearly_text,
)

FALLBACK_ENCODING = "cp1252"

_BEGIN = re.compile(r"\s*begin\s*:\s*vcard\s*", re.I)
_END = re.compile(r"\s*end\s*:\s*vcard\s*", re.I)
_HEAD = re.compile(r'((?:[^:"]++|"[^"]*+")*+):')
_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?(?:[A-Za-z0-9_-]+\.)*([A-Za-z0-9-]+)")
_QUOTED_PRINTABLE = re.compile(r";\s*(?:encoding\s*=\s*\"?)?quoted-printable\b", re.I)
_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([^;:\",]+)", re.I)
_QP_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
_COMPONENT = re.compile(r"(?:[^\\;]++|\\.)*+\\?", re.S)
_LIST_ITEM = re.compile(r"(?:[^\\,]++|\\.)*+\\?", re.S)
_ESCAPED = re.compile(r"\\(.)", re.S)
_ESCAPES_21 = {",": ",", ";": ";", ":": ":", "\\": "\\"}
_ESCAPES = {**_ESCAPES_21, "n": "\n", "N": "\n"}
_FOLD = "\x00"
_FOLD_AND_BLANK = re.compile("\x00[ \t]?")
_VERSION = re.compile(r"\s*version\s*:\s*(\S+)\s*", re.I)
_ASCII_PROBE = "BEGIN:VCARD\r\n;:=,\\ "
_SHOWN_LINES = 5
_DROPPED = {"PHOTO": "photo", "LOGO": "logo", "KEY": "key", "SOUND": "sound"}

_UNCLOSED_AT_NEXT = N_("card never closed: no END:VCARD before the next BEGIN:VCARD")
_UNCLOSED_AT_END = N_("card never closed: no END:VCARD before the end of the file (cut off?)")
_NO_NAME = N_("no name: the card has no FN, N, ORG or e-mail address")


@dataclass(slots=True)
class _Property:
    name: str
    value: str
    quoted_printable: bool
    charset: str | None
    group: str | None = None  # `item1` in `item1.X-ABDATE`: what pairs a value and its label
    line: int = 0


@dataclass(slots=True)
class _Card:
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Properties:
    version: str
    items: list[_Property]

    def all(self, name: str) -> list[_Property]:
        return [prop for prop in self.items if prop.name == name]


def read_vcard(data: bytes, encoding: str | None = None) -> ParseResult:
    """Parse a vCard file; every card becomes an `ImportedPerson` or a `Skipped`."""
    text, values = _source(data, encoding)
    result = ParseResult(people=[], skipped=[], warnings=[])
    found = False
    for item in _cards(_logical_lines(split_lines(text))):
        found = True
        if isinstance(item, Skipped):
            result.skipped.append(item)
            continue
        outcome = _person(item.line, _properties(item), values)
        if isinstance(outcome, Skipped):
            result.skipped.append(outcome)
        else:
            result.people.append(outcome)
    if not found:
        raise ImportFileError(_("no BEGIN:VCARD line: this is not a vCard file"))
    result.warnings = values.warnings()
    return result


def _source(data: bytes, encoding: str | None) -> tuple[str, _Values]:
    """The file as text to split into lines and properties, and how to decode its values.

    A file in an encoding that keeps ASCII as ASCII (UTF-8, the Windows and ISO code pages,
    Shift_JIS...) is read as octets (each byte one character, by latin-1) and each value is
    decoded on its own, after unfolding: RFC 6350 3.2 unfolds octets, then decodes, so a fold
    may split a UTF-8 character; and each value may declare its own CHARSET. UTF-16 and UTF-32
    files are decoded whole.
    """
    unicode = sniff(data)
    if encoding is not None:
        codec = codec_name(encoding)
        if _keeps_ascii(codec):
            return data.decode("latin-1"), _Values(override=codec)
        return decode_text(data, encoding).text, _Values(octets=False)
    if unicode == "utf-8-sig":
        return data[len(codecs.BOM_UTF8) :].decode("latin-1"), _Values()
    if unicode is not None:
        return decode_text(data, None).text, _Values(octets=False)
    return data.decode("latin-1"), _Values()


def _keeps_ascii(codec: str) -> bool:
    try:
        return _ASCII_PROBE.encode(codec) == _ASCII_PROBE.encode("ascii")
    except UnicodeError:
        return False
    except LookupError:  # base64, rot13: codecs, but not of text
        raise ImportFileError(_("unknown encoding {codec!r}").format(codec=codec)) from None


class _Values:
    """Decodes property values read as octets: with `--encoding` when given (it overrides
    CHARSET), else the value's CHARSET, else UTF-8, else windows-1252; and remembers the
    lines that were not UTF-8 or held bytes without a character, for one warning each."""

    def __init__(self, *, override: str | None = None, octets: bool = True) -> None:
        self.octets = octets
        self._override = override
        self._not_utf8: list[tuple[int, int]] = []
        self._undefined: list[tuple[int, int]] = []
        self._undefined_in: str = FALLBACK_ENCODING

    def decode(self, raw: str, charset: str | None, line: int) -> str:
        data = raw.encode("latin-1")
        if data.isascii():
            return raw
        if self._override is not None:
            return self._decode_as(data, self._override, line)
        codec = _codec(charset)
        if codec is not None:
            return _decode_bytes(data, codec)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            self._not_utf8.append((line, data[error.start]))
        return self._windows(data, FALLBACK_ENCODING, line)

    def _decode_as(self, data: bytes, codec: str, line: int) -> str:
        if is_windows_code_page(codec):
            return self._windows(data, codec, line)
        try:
            return data.decode(codec)
        except UnicodeDecodeError as error:
            byte = data[error.start]
            raise ImportFileError(
                _("line {line}: byte 0x{byte:02x} is not {codec}; try another --encoding").format(
                    line=line, byte=byte, codec=codec
                )
            ) from None

    def _windows(self, data: bytes, codec: str, line: int) -> str:
        text, undefined = decode_windows(data, codec)
        self._undefined += [(line + found - 1, byte) for found, byte in undefined]
        self._undefined_in = codec
        return text

    def warnings(self) -> list[str]:
        found = []
        if self._not_utf8:
            (line, byte), *others = sorted(set(self._not_utf8))
            also = sorted({other for other, _where in others} - {line})
            shown = ", ".join(str(other) for other in also[:_SHOWN_LINES])
            hidden = len(also) - _SHOWN_LINES
            more = _(" and {count} more").format(count=hidden) if hidden > 0 else ""
            lines = _(", as are lines {lines}{more}").format(lines=shown, more=more) if also else ""
            found.append(
                _(
                    "line {line}: byte {byte} is not UTF-8; read as {encoding}{lines} "
                    "(--encoding to change)"
                ).format(line=line, byte=f"0x{byte:02x}", encoding=FALLBACK_ENCODING, lines=lines)
            )
        return found + undefined_warnings(sorted(self._undefined), self._undefined_in)


def _logical_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Join continuation lines; yield (first line, text) with `_FOLD` before each fold."""
    start = 0
    parts: list[str] = []
    soft_break = quoted_printable = False
    for number, line in enumerate(lines, 1):
        if soft_break and not _is_boundary(line):
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        elif parts and line[:1] in (" ", "\t"):
            parts.append(_FOLD + line)
        elif not line.strip():
            continue
        else:
            if parts:
                yield start, "".join(parts)
            start, parts = number, [line]
            quoted_printable = _QUOTED_PRINTABLE.search(_head(line)) is not None
        soft_break = quoted_printable and parts[-1].endswith("=")
    if parts:
        yield start, "".join(parts)


def _unfold(text: str, version: str) -> str:
    """vCard 2.1 folds at a blank that stays in the value (RFC 822); 3.0 and 4.0 fold
    anywhere, and the blank that starts the continuation line is not part of the value."""
    if version == "2.1":
        return text.replace(_FOLD, "")
    return _FOLD_AND_BLANK.sub("", text)


def _is_boundary(line: str) -> bool:
    return _BEGIN.fullmatch(line) is not None or _END.fullmatch(line) is not None


def _cards(lines: Iterable[tuple[int, str]]) -> Iterator[_Card | Skipped]:
    card: _Card | None = None
    for number, text in lines:
        if _BEGIN.fullmatch(text):
            if card is not None:
                yield Skipped(card.line, _(_UNCLOSED_AT_NEXT))
            card = _Card(number)
        elif _END.fullmatch(text):
            if card is not None:
                yield card
            card = None
        elif card is not None:
            card.lines.append((number, text))
    if card is not None:
        yield Skipped(card.line, _(_UNCLOSED_AT_END))


def _head(text: str) -> str:
    """The name and parameters: the text before the first `:` outside double quotes."""
    match = _HEAD.match(text)
    if match is not None:
        return match.group(1)
    return text.partition(":")[0] if ":" in text else text


def _parse_property(line: int, text: str) -> _Property | None:
    head = _head(text)
    if len(head) == len(text):
        return None
    name = _NAME.fullmatch(head.partition(";")[0].strip())
    if name is None:
        return None
    charset = _CHARSET.search(head)
    return _Property(
        group=name.group(1).lower() if name.group(1) else None,
        name=name.group(2).upper(),
        value=text[len(head) + 1 :],
        quoted_printable=_QUOTED_PRINTABLE.search(head) is not None,
        charset=charset.group(1).strip() if charset else None,
        line=line,
    )


def _properties(card: _Card) -> _Properties:
    versions = (_VERSION.fullmatch(text) for _name, text in card.lines)
    version = next((match.group(1) for match in versions if match), "3.0")
    parsed = (_parse_property(line, _unfold(text, version)) for line, text in card.lines)
    return _Properties(version, [prop for prop in parsed if prop is not None])


def _person(line: int, card: _Properties, values: _Values) -> ImportedPerson | Skipped:
    texts = _Texts(card, _ESCAPES_21 if card.version == "2.1" else _ESCAPES, values)
    emails, dropped = clean_emails(texts.values("EMAIL"))
    company = texts.first_component("ORG", 0)
    name = first_present(join_name(texts.first("FN")), _name_from_n(texts), company, *emails[:1])
    if name is None:
        return Skipped(line, _(_NO_NAME))
    person = ImportedPerson(
        line=line,
        name=name,
        emails=emails,
        phones=clean_phones(_without_tel_scheme(texts.values("TEL"))),
        company=company,
        role=first_present(optional_text(texts.first("TITLE")), optional_text(texts.first("ROLE"))),
        city=texts.first_component("ADR", 3),
        links=clean_links(texts.values("URL")),
        notes=clean_notes(texts.values("NOTE")),
        dropped=_dropped(card) + dropped,
        uid=optional_text(texts.first("UID")),
        tags=clean_labels(tag for tags in texts.lists("CATEGORIES") for tag in tags),
        circles=clean_labels(texts.values("X-RESEAU-CIRCLE")),
    )
    _read_reseau_properties(person, texts)
    _read_dates(person, card, texts)
    return person


_ANNIVERSARIES = ("ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")


def _read_dates(person: ImportedPerson, card: _Properties, texts: _Texts) -> None:
    """BDAY as the birthday; ANNIVERSARY, and Apple's labelled X-ABDATE, as other dates.
    A value that is not a day of the year is reported in `dropped`."""
    bday = optional_text(texts.first("BDAY"))
    if bday:
        person.birthday = yearly_text(bday)
        if person.birthday is None:
            person.dropped.append(
                _("{field} '{value}' (not a date)").format(field="BDAY", value=bday)
            )
    found = [("anniversary", value) for name in _ANNIVERSARIES for value in texts.values(name)]
    labels = {prop.group: texts.decoded(prop) for prop in card.all("X-ABLABEL") if prop.group}
    for prop in card.all("X-ABDATE"):
        label = labels.get(prop.group) if prop.group else None
        found.append((_date_label(label), texts.decoded(prop)))
    for label, raw in found:
        value = optional_text(raw)
        day = yearly_text(value) if value else None
        if day is None:
            if value:
                person.dropped.append(
                    _("{field} '{value}' (not a date)").format(field=label, value=value)
                )
            continue
        person.dates.setdefault(label, day)


def _date_label(label: str | None) -> str:
    """Apple's `_$!<Anniversary>!$_` is `anniversary`; a label of one's own stays as written."""
    text = optional_text(label) or "other date"
    apple = _APPLE_LABEL.fullmatch(text)
    return apple[1].lower() if apple else text


def _read_reseau_properties(person: ImportedPerson, texts: _Texts) -> None:
    """Status, since and cadence as `reseau export vcard` writes them; a value that is not
    one is reported in `dropped`, and the card still imports."""
    status = optional_text(texts.first("X-RESEAU-STATUS"))
    if status in STATUSES:
        person.status = status
    elif status:
        person.dropped.append(
            _("{field} '{value}' (not {choices})").format(
                field="X-RESEAU-STATUS", value=status, choices=", ".join(STATUSES)
            )
        )
    since = optional_text(texts.first("X-RESEAU-SINCE"))
    if since:
        try:
            person.since = parse_date(since)
        except DateError as error:
            person.dropped.append(
                _("{field} '{value}' ({error})").format(
                    field="X-RESEAU-SINCE", value=since, error=error
                )
            )
    cadence = optional_text(texts.first("X-RESEAU-CADENCE-DAYS"))
    if cadence and cadence.isascii() and cadence.isdigit() and 1 <= int(cadence) <= MAX_DAYS:
        person.cadence_days = int(cadence)
    elif cadence:
        person.dropped.append(
            _("{field} '{value}' (not 1 to {most} days)").format(
                field="X-RESEAU-CADENCE-DAYS", value=cadence, most=MAX_DAYS
            )
        )


def _name_from_n(texts: _Texts) -> str | None:
    components = texts.components("N")
    if not components:
        return None
    family = components[0][0] if components[0] else ""
    given = components[0][1] if len(components[0]) > 1 else ""
    return join_name(given, family)


def _without_tel_scheme(values: Iterable[str]) -> Iterator[str]:
    for value in values:
        stripped = value.strip()
        yield stripped[4:] if stripped[:4].lower() == "tel:" else value


def _dropped(card: _Properties) -> list[str]:
    """What is left out and said so; an empty PHOTO: holds nothing to leave out."""
    labels = (_DROPPED.get(prop.name) for prop in card.items if prop.value.strip())
    return list(dict.fromkeys(label for label in labels if label))


class _Texts:
    """The decoded values of a card's properties."""

    def __init__(self, card: _Properties, escapes: dict[str, str], values: _Values) -> None:
        self._card = card
        self._escapes = escapes
        self._values = values

    def values(self, name: str) -> list[str]:
        return [self._decode(prop, prop.value) for prop in self._card.all(name)]

    def decoded(self, prop: _Property) -> str:
        return self._decode(prop, prop.value)

    def first(self, name: str) -> str | None:
        return next((value for value in self.values(name) if clean_text(value)), None)

    def components(self, name: str) -> list[list[str]]:
        return [
            [self._decode(prop, part) for part in _split_components(prop.value)]
            for prop in self._card.all(name)
        ]

    def lists(self, name: str) -> list[list[str]]:
        """Comma-separated values (CATEGORIES), split on unescaped commas, then decoded."""
        return [
            [self._decode(prop, part) for part in _split_components(prop.value, ",")]
            for prop in self._card.all(name)
        ]

    def first_component(self, name: str, index: int) -> str | None:
        for components in self.components(name):
            value = optional_text(components[index]) if len(components) > index else None
            if value:
                return value
        return None

    def _decode(self, prop: _Property, raw: str) -> str:
        if not self._values.octets:
            text = _decode_quoted_printable(raw, prop.charset) if prop.quoted_printable else raw
        else:
            octets = _unquote_printable(raw) if prop.quoted_printable else raw
            text = self._values.decode(octets, prop.charset, prop.line)
        return _ESCAPED.sub(lambda match: self._escapes.get(match[1], match[0]), text)


def _split_components(value: str, separator: str = ";") -> list[str]:
    pattern = _COMPONENT if separator == ";" else _LIST_ITEM
    parts: list[str] = []
    position = 0
    while True:
        match = pattern.match(value, position)
        assert match is not None
        parts.append(match.group())
        position = match.end() + 1
        if position > len(value):
            return parts


def _decode_quoted_printable(value: str, charset: str | None) -> str:
    codec = _codec(charset)

    def decode_run(match: re.Match[str]) -> str:
        return _decode_bytes(bytes.fromhex(match[0].replace("=", "")), codec)

    return _QP_RUN.sub(decode_run, value)


def _unquote_printable(value: str) -> str:
    """Quoted-printable runs as the octets they stand for, one latin-1 character each."""
    return _QP_RUN.sub(
        lambda match: bytes.fromhex(match[0].replace("=", "")).decode("latin-1"), value
    )


def _codec(charset: str | None) -> str | None:
    """The text codec of a CHARSET parameter; None when unknown, not a text encoding
    (`base64`, `rot13`), or ASCII, which writers declare for bytes that are not."""
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset).name
        b"a".decode(codec, errors="replace")
    except (LookupError, UnicodeError):  # idna, for one, refuses errors="replace"
        return None
    return None if codec == "ascii" else codec


def _decode_bytes(raw: bytes, codec: str | None) -> str:
    if codec is not None:
        try:
            return raw.decode(codec, errors="replace")
        except UnicodeError:  # punycode, for one, fails on bytes it cannot take even so
            pass
    for candidate in ("utf-8", FALLBACK_ENCODING):
        try:
            return raw.decode(candidate)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")
