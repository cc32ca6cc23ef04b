"""The fast parser reads a file exactly as the strict path does, or gives it up to it.

The property tests write files the way people and tools do (comments, block scalars, flow
lists, quotes, unicode, CRLF, a byte order mark, tabs) full of scalars that parsers read
differently (`no`, `1e3`, `0x1F`, `~`, dates, `.inf`...), and compare: whenever the fast
parser answers, the strict path finds no problem and the very same data; any other file
must be given up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Runner
from reseau.files import fastyaml
from reseau.files.yamlio import MAX_DEPTH, parse_bytes, parse_text, text_problems

pytestmark = pytest.mark.skipif(not fastyaml.available(), reason="rapidyaml is not installed")

ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "no", "No", "NO", "yes", "on", "off", "y", "true", "True", "TRUE", "false", "False",
    "null", "Null", "NULL", "~", "", "1e3", "1E3", "1.", ".5", "-.5", "1.50", "0x1F", "0o17",
    "0b101", "007", "0612345678", "-0", "+1", "-1", "0", "12345678901234567890", "1_000",
    ".inf", "-.inf", "inf", "nan", "NaN", ".nan", "2026-01-01", "2026-02-30", "12:30",
    "1:30:00", "<<", "=", "-", "?", "!", "&", "*", "%", "@", "`", "a: b", "a #b", "a#b",
    "x, y", "[a]", "{a: b}", "é", "Hélène", "😀", "ß", "ﬁ", " lead", "trail ", "it's",
    'say "hi"', "\\", "...", "---", "#", "a\tb",
]  # fmt: skip
GENTLE = [
    word
    for word in TRICKY
    if word
    not in {
        "~",
        "Null",
        "NULL",
        "1e3",
        "1E3",
        "1.",
        ".5",
        "-.5",
        "1.50",
        ".inf",
        "-.inf",
        "inf",
        "nan",
        ".nan",
        "<<",
        "?",
        "!",
        "&",
        "*",
        "%",
        "@",
        "`",
        "a: b",
        "\\",
        "...",
        "---",
        "#",
        "a\tb",
        "+1",
        "[a]",
        "{a: b}",
        "x, y",
        "a #b",
        "",
        " lead",
        "trail ",
        "-",
    }
]  # what the fast parser reads, most files being made of it
KEYS = ["name", "note", "kind", "with", "a", "b", "é", "null", "1", "true", "a b", "no"]
KEY = st.one_of(st.sampled_from(KEYS), st.text("abcé ", min_size=1, max_size=4))
WORD = st.one_of(st.sampled_from(TRICKY), st.text(max_size=8))


def quoted(word: str, style: str) -> str:
    if style == "'":
        return "'" + word.replace("'", "''") + "'"
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped + '"'


GENTLE_SCALAR = st.one_of(
    st.sampled_from(GENTLE),  # plain, as written
    st.tuples(st.sampled_from(GENTLE), st.sampled_from(["'", '"'])).map(lambda d: quoted(*d)),
    st.sampled_from(["[a, b]", "[a, [b, {c: d}]]", "{a: b, c: d}", "[true, True, null, 1]"]),
    st.sampled_from(["[[true]]", "[]", "{}", "[no, 'no', \"x y\"]", "{a: [b], c: {}}"]),
)
SCALAR = st.one_of(
    GENTLE_SCALAR,
    st.sampled_from(TRICKY),
    st.tuples(WORD, st.sampled_from(["'", '"'])).map(lambda drawn: quoted(*drawn)),
    st.sampled_from(["&a x", "*a", "!!str 1", "!x y", "[~, 1.5]", "[a, , b]", "- x"]),
)
BLOCK_HEAD = st.sampled_from(["|", ">", "|-", "|+", ">-", ">+", "|2", ">1"])
BLOCK_LINE = st.sampled_from(
    ["text", "more text", "", "  indented", "a: b", "# not a comment", "...", "---", "é  x "]
)
COMMENT = st.sampled_from(["", " # a comment", "  #c", " #"])


@st.composite
def values(draw: st.DrawFn, indent: int, depth: int, scalar: Any) -> list[str]:
    """The lines of a value after `key:` (its first line is the rest of the key's line)."""
    choice = draw(st.integers(0, 5 if depth < 3 else 2))
    pad = " " * indent
    if scalar is SCALAR and draw(st.integers(0, 7)) == 0:  # a quoted text over two lines
        quote, after = draw(st.sampled_from(["'", '"'])), draw(st.sampled_from(["", ": z", " #"]))
        return [f" {quote}x", f"{pad}  y{quote}{after}"]
    if choice <= 1:
        return [" " + draw(scalar) + draw(COMMENT)]
    if choice == 2:
        lines = [" " + draw(BLOCK_HEAD) + draw(COMMENT)]
        lines += [pad + "  " + draw(BLOCK_LINE) for _ in range(draw(st.integers(0, 3)))]
        return lines
    if choice == 3:
        step = draw(st.sampled_from([1, 2, 4]))
        return ["", *draw(mapping(indent + step, depth + 1, scalar))]
    items = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            items.append(pad + "- " + draw(scalar) + draw(COMMENT))
        else:
            inner = draw(mapping(indent + 2, depth + 1, scalar))
            items.append(pad + "- " + inner[0].lstrip(" "))
            items += inner[1:]
    return ["", *items]


@st.composite
def mapping(draw: st.DrawFn, indent: int, depth: int, scalar: Any) -> list[str]:
    lines: list[str] = []
    keys = draw(st.lists(KEY, min_size=1, max_size=4, unique=True))
    if scalar is SCALAR:  # a file of every kind of trouble: a duplicate, keys rapidyaml rewrites
        keys += draw(st.lists(st.sampled_from([*keys, "~", "<<", "inf", "? x"]), max_size=1))
    for key in keys:
        key = key if key.strip() == key and key else quoted(key, "'")
        if scalar is SCALAR and draw(st.integers(0, 7)) == 0:  # a key over two lines
            quote = draw(st.sampled_from(["'", '"', ""]))
            lines.append(f"{' ' * indent}{quote}{key}")
            key = f"  {key}{quote}"
        first, *rest = draw(values(indent, depth, scalar))
        lines.append(" " * indent + key + ":" + first)
        lines += rest
        if draw(st.integers(0, 6)) == 0:
            lines.append(" " * draw(st.integers(0, indent)) + "# between" + draw(COMMENT))
    return lines


@st.composite
def files(draw: st.DrawFn) -> bytes:
    gentle = draw(st.integers(0, 3)) > 0
    lines = draw(mapping(0, 0, GENTLE_SCALAR if gentle else SCALAR))
    heads, tails = ["", "# a file\n", "\n"], ["", "\n", "# end", "\n\n"]
    if not gentle:
        heads, tails = [*heads, "---\n", "%YAML 1.1\n---\n"], [*tails, "...\n", "---\nb: c\n"]
    head, tail = draw(st.sampled_from(heads)), draw(st.sampled_from(tails))
    text = head + "\n".join(lines) + "\n" + tail
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    return b"\xef\xbb\xbf" + raw if draw(st.integers(0, 9)) == 0 else raw


def both(raw: bytes) -> tuple[dict[str, Any] | None, Any]:
    """The fast parser's answer, and the strict path's (data, problems) for the same bytes."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    text = body.decode("utf-8")
    strict = parse_text(text, "x.yaml", fast=False)
    fast = None if text_problems(text, "x.yaml") else fastyaml.read(body, text)
    return fast, strict


def agree(raw: bytes) -> None:
    fast, strict = both(raw)
    if fast is not None:
        assert strict.problems == [], raw
        assert fast == strict.data, raw
    # and through the whole read path, fast or not: the same data and problems
    read = parse_bytes(raw, "x.yaml", fast=True)
    assert (read.data, read.problems) == (strict.data, strict.problems), raw


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=files())
def test_a_hand_written_file_reads_the_same_fast_or_strict(raw: bytes) -> None:
    agree(raw)


DATA = st.recursive(
    st.one_of(st.none(), WORD),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(WORD, children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(WORD, DATA, min_size=1, max_size=4),
    flow=st.sampled_from([None, False, True]),
    style=st.sampled_from([None, '"', "'", "|"]),
    width=st.sampled_from([8, 80]),
    crlf=st.booleans(),
)
def test_a_file_another_tool_wrote_reads_the_same_fast_or_strict(
    data: dict[str, Any], flow: bool | None, style: str | None, width: int, crlf: bool
) -> None:
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        default_flow_style=flow,
        default_style=style,
        width=width,
        sort_keys=False,
        line_break="\r\n" if crlf else "\n",
    )
    agree(text.encode("utf-8"))


def test_the_sample_network_is_read_fast() -> None:
    """The fast parser is no dead code: ordinary files are its to read (all but the one
    whose `dates:` has a name with a space, which the strict path reads)."""
    paths = sorted(ROOT.glob("contacts/*.yaml")) + sorted(ROOT.glob("plans/*.yaml"))
    strict = {ROOT / "contacts" / "paul-bernard.yaml"}  # `dates: {work anniversary: ...}`
    assert paths and strict <= set(paths)
    for path in paths:
        raw = path.read_bytes()
        fast = fastyaml.read(raw, raw.decode("utf-8"))
        if path in strict:
            assert fast is None, path
            continue
        assert fast is not None, path
        assert fast == parse_text(raw.decode("utf-8"), path.name, fast=False).data


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: 1\na: 2\n", "a duplicate key"),
        ("a: &x 1\nb: *x\n", "an anchor and an alias"),
        ("a: !!str 1\n", "a tag"),
        ("a: ~\n", "a tilde"),
        ("a: 1.\n", "a float, which rapidyaml rewrites"),
        ("a: nan\n", "a NaN, which rapidyaml rewrites"),
        ("a: Null\n", "a null rapidyaml keeps as text"),
        ("<<: {a: 1}\n", "a merge key"),
        ("a:\tb\n", "a tab"),
        ("a: b\r\n", "a carriage return"),
        ("name: >1\n  \n", "an indentation indicator"),
        ('a: "\\u00e9"\n', "an escape"),
        ("? [a]\n: b\n", "an explicit key"),
        ("---\na: b\n", "a document marker"),
        ("a: [\n", "a parse error"),
        ("- a\n", "a list at the top"),
        ("a:" + " [" * 12 + "]" * 12 + "\n", "a deep flow nesting"),
        ("a:\n  'b\n  c': d\n", "a quoted key over two lines"),
        ("a:\n- 'b\n  c': d\n", "a quoted key in a list item over two lines"),
        ("a: b\nc: 'd\n e': f\n", "a quoted value over two lines, then `: `"),
        ('c: "d\n  e": f\n', "a double-quoted value over two lines, then `: `"),
        ("a:\n  b\n  c: d\n", "a plain key over two lines"),
        ("a:\n  'b\n\n  c': d\n", "a quoted key over a blank line"),
        ("dates:\n  'work anniversary': 03-01\n", "a quoted key with a space"),
    ],
)
def test_what_the_fast_parser_gives_up(text: str, why: str) -> None:
    raw = text.encode("utf-8")
    assert fastyaml.read(raw, text) is None, why
    agree(raw)


@pytest.mark.parametrize(
    "text",
    [
        "dates:\n  work anniversary: 03-01\n",
        "dates: {work anniversary: 03-01}\n",
        "influence:\n  Pays de la Loire: high\n",
        # a decoy: the key written on one line inside a note, then over two lines as a key
        "note: |\n  work anniversary: yes\na:\n  'work\n    anniversary': x\n",
        "note: \"x, work anniversary: y\"\na:\n  'work\n    anniversary': z\n",
    ],
)
def test_a_key_with_a_space_is_read_strictly(text: str) -> None:
    """The JSON cannot tell a key written on one line from one rapidyaml joined from two,
    which libyaml refuses: such a file takes the strict path, valid or not."""
    raw = text.encode("utf-8")
    assert fastyaml.read(raw, text) is None
    agree(raw)


def test_deep_block_nesting_is_given_up_and_found_by_the_strict_path() -> None:
    lines = [" " * level + f"k{level}:" for level in range(MAX_DEPTH + 2)]
    text = "\n".join(lines) + " x\n"
    assert fastyaml.read(text.encode(), text) is None
    loaded = parse_text(text, "x.yaml", fast=True)
    assert [problem.code for problem in loaded.problems] == ["too-deep"]


def test_booleans_and_numbers_stay_text() -> None:
    text = "a: true\nb: [false, 'true', 3]\nc: 0612345678\nd: -0\ne:\n  - {f: true}\n"
    data = fastyaml.read(text.encode(), text)
    assert data == {"a": "true", "b": ["false", "true", "3"], "c": "0612345678", "d": "-0",
                    "e": [{"f": "true"}]}  # fmt: skip
    assert data == parse_text(text, "x.yaml", fast=False).data


def test_a_parse_error_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    """rapidyaml writes its errors to the process's stderr: the fast parser silences them,
    and the strict path words the problem."""
    loaded = parse_bytes(b"a: [b\nc: d: e\n", "x.yaml", fast=True)
    assert loaded.problems and loaded.problems[0].line >= 1
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


SIGNS = ",]}%@`:?-|>'\"#&*!=~^$[{ "
PLACES = [
    "a: {c}x\n", "a: [{c}x]\n", "- {c}x\n", "a: x {c}y\n", "a: {c}\n", "a: [x{c}]\n",
    "a: {{b: {c}x}}\n", "{c}x: y\n", "a: [x, {c}]\n", "a: x{c}\n", "a: {c} x\n",
    "a:\n  - {c} x\n", "a: {{{c}: x}}\n", "a: [x {c} y]\n", "a: {{b: x{c}}}\n", "a:\n  {c}\n",
    "a: b\n{c}\n", "a: 'b'{c}\n", "a: |\n {c}\n", "a: x\n  {c}y\n", "a: b {c}\n",
]  # fmt: skip


@pytest.mark.parametrize("sign", list(SIGNS))
def test_every_sign_in_every_place_reads_the_same(sign: str) -> None:
    """YAML's indicators where a value starts, inside it, in flow and block: libyaml refuses
    some that rapidyaml reads (`a: @x`, `[:x]`, `: x`)."""
    for place in PLACES:
        agree(place.format(c=sign).encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "a: b\r\n", "a: b\rc: d\n", "a: \x85b\n", "a: \x00\n", "a: \x7f\n", "a: \x1b[31m\n",
        "a: \ufffe\n", "a: \uffff\n", "a: \x9f\n", "a: \x80\n", "a: «b» \xa0\n",
        "<<<<<<< ours\na: b\n=======\na: c\n>>>>>>> theirs\n", "a: b\n>>>>>>> x\n",
    ],
)  # fmt: skip
def test_the_quick_screen_finds_every_text_problem(text: str) -> None:
    """The bytes screen that spares most files the character searches misses none."""
    assert text_problems(text, "x.yaml", text.encode("utf-8")) == text_problems(text, "x.yaml")


def test_without_a_stderr_to_silence_the_strict_path_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process started with its stderr closed: rapidyaml's errors could land in any file
    that took descriptor 2, so the fast parser stands aside."""
    import os

    def closed(fd: int) -> int:
        raise OSError(9, "Bad file descriptor")

    text = "name: Ada\ntags: [a, b]\n"
    assert fastyaml.read(text.encode(), text) is not None
    monkeypatch.setattr(os, "dup", closed)
    assert fastyaml.read(text.encode(), text) is None
    loaded = parse_bytes(text.encode(), "x.yaml", fast=True)
    assert loaded.data == {"name": "Ada", "tags": ["a", "b"]}


@pytest.mark.parametrize(
    "text",
    [
        "name: Yan\nnotes: |\n  Free text.\n  More.",
        "name: Yan\nnotes: >\n  Free text,\n  folded.",
        "name: Yan\nnotes: |  # mine\n  Free text.",
        "name: Yan\nlinks:\n  - |\n    https://example.org",
        "name: Yan\nextra:\n  a: |\n    x",
    ],
)
def test_a_last_block_without_a_final_line_break_reads_the_same(text: str) -> None:
    """Files saved without a line break at their end (many editors' default): rapidyaml
    ends such a block with one, libyaml does not."""
    agree(text.encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "company:  & Co\n",
        "company:   &Co\n",
        "role:  !\n",
        "role:   ! x\n",
        "tags: [a,  & b]\n",
        "tags:\n  -  *x\n",
        "tags:\n  -   & x\n",
    ],
)
def test_an_anchor_or_tag_after_several_spaces_is_found(text: str) -> None:
    """`company:  & Co`: libyaml reads an anchor (and refuses it) wherever a value starts,
    however many spaces come before it."""
    agree(text.encode("utf-8"))


def test_check_finds_an_anchor_after_two_spaces(run: Runner, sample: Path) -> None:
    (sample / "contacts" / "zed.yaml").write_text("name: Zed\ncompany:  & Co\n", "utf-8")
    result = run("--dir", str(sample), "check")
    assert result.code == 1
    assert "contacts/zed.yaml:2:" in result.out + result.err


@pytest.mark.parametrize(
    "text",
    ["note: | -\n", "note: |  -\n  text\n", "note: > -1\n", "note: > ---\n", "- |- x\n"],
)
def test_a_block_header_with_more_on_its_line_is_found(text: str) -> None:
    """`note: | -`: libyaml refuses what follows the indicators; rapidyaml reads an empty text."""
    agree(text.encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "name: Yan\ntags: [a, b:\n  c]\n",
        "name: Yan\ntags: [a,\n  b]\n",
        "name: Yan\nextra: {a: x,\n  b: y}\n",
        "name: Yan\nextra: {a: [x,\n  y]}\n",
    ],
)
def test_a_flow_list_over_several_lines_is_read_strictly(text: str) -> None:
    """`tags: [a, b:` with its `]` on the next line: libyaml refuses the colon at the line's
    end, rapidyaml reads a pair; any flow collection left open at a line's end goes to the
    strict path."""
    raw = text.encode("utf-8")
    assert fastyaml.read(raw, text) is None
    agree(raw)


def test_check_finds_a_colon_ending_a_line_in_a_flow_list(run: Runner, sample: Path) -> None:
    (sample / "contacts" / "zed.yaml").write_text("name: Zed\ntags: [a, b:\n  c]\n", "utf-8")
    result = run("--dir", str(sample), "check")
    assert result.code == 1
    assert "contacts/zed.yaml:" in result.out + result.err


def test_brackets_balanced_on_their_line_stay_fast() -> None:
    text = "name: Yan\ntags: [a, b]\nnotes: see [1] and {x}\n"
    assert fastyaml.read(text.encode("utf-8"), text) is not None


# The screens as first written, as regular expressions: the scans that replaced them (for
# speed) must find the same.
EXPLICIT_KEY = re.compile(rb"(?:^|[\s\[{,])\?(?:\s|$)", re.MULTILINE)
LONG_BLOCK_HEADER = re.compile(rb"(?:^ *|[:?-] +)[|>][-+0-9]* +[^\s#]", re.MULTILINE)


SCREENED = [bytes([byte]) for byte in b" \n?|>:-+1#a[,\t{"]


@settings(max_examples=2000, deadline=None)
@given(raw=st.lists(st.sampled_from(SCREENED), max_size=12).map(b"".join))
def test_the_screens_scan_finds_what_their_patterns_found(raw: bytes) -> None:
    assert fastyaml._explicit_key(raw) == bool(EXPLICIT_KEY.search(raw))
    assert fastyaml._long_block_header(raw) == bool(LONG_BLOCK_HEADER.search(raw))
