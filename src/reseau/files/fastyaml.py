"""A faster parser for the ordinary file, that gives up wherever it could read differently.

libyaml composing PyYAML's node trees, and the Python that turns them into dicts, are most of
what reading a network costs. rapidyaml (`ryml`) parses the same YAML in C++ and writes it
out as JSON, which Python's C decoder turns into dicts, lists and strings at a fraction of
the cost. The two parsers read YAML differently in places (rapidyaml follows YAML 1.2 and
types its scalars as it writes them out), so this reader answers only for a file it is sure
of, and `None` for any other, which the strict path (see yamlio) then reads:

- before parsing, the bytes must end with a line break (rapidyaml ends a last block scalar
  with one where there is none) and hold none of what the strict path refuses or reads its
  own way: anchors, aliases, tags, merge keys (`<<`), directives and document markers (`%`,
  `---` and `...` at a line's start), explicit keys (`?`), a flow list or mapping written
  over several lines, tabs, carriage returns, escapes
  (a backslash), a byte order mark past the first byte, and NEL, LS, PS;
- after parsing, the JSON must hold no value whose source it cannot tell: a float (rapidyaml
  may rewrite `1.` as `1.0`), `~`, `Null`, `NULL`, infinities and NaN (rapidyaml rewrites
  `nan` as `.nan`), a plain `true` or `false` inside a list; a duplicate key, a key holding
  a space or a line break (rapidyaml joins a key written over two lines, which libyaml
  refuses), or a nesting deeper than the strict path allows, is given up too;
- what is left is exact: a JSON string is the scalar's text, a JSON number is the digits as
  written (kept as text), `null` is a plain `null` or nothing, and a plain `true` or `false`
  (the only spellings rapidyaml writes as JSON booleans) becomes its text again.

A parse error is given up as well, so every problem is found and worded by the strict path.
tests/test_fast_read.py compares this reader with the strict one on generated files.
"""

from __future__ import annotations

import json
import os
import re
from sys import intern
from typing import Any

ryml: Any = None  # imported on first use (it takes longer to import than a file to read)
MAX_BLOCK_DEPTH = 16  # with MAX_FLOW_DEPTH, well inside yamlio's MAX_DEPTH of 32
MAX_FLOW_DEPTH = 8

# what the strict path refuses, or reads in a way rapidyaml may not; each test is a byte
# searched first, since most files hold none of them
_REFUSED_BYTES = (b"\t", b"\r", b"\\")
_REFUSED_CHARACTERS = ("\ufeff", "\u2028", "\u2029")  # a byte order mark past the start; LS, PS
_SIGNS = b"&*!"  # anchors, aliases, tags: when followed by text, or a tag after a space
_NOT_AFTER_SIGN = frozenset(b" \n,[]{}")
_SPACE = ord(" ")
_BEFORE_SPACES = b":-?"  # a value may follow these after a space (`a: x`, `- x`, `? x`)
_WHITESPACE = frozenset(b" \t\n\r\x0b\x0c")  # what `\s` matches in a bytes pattern
_BEFORE_EXPLICIT_KEY = _WHITESPACE | frozenset(b"[{,")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_NOT_BRACKETS_OR_LINES = bytes(b for b in range(256) if b not in b"[]{}\n")
_DEEP_BLOCK = b"\n" + b"  " * MAX_BLOCK_DEPTH  # JSON is written two spaces a level deeper
# texts that rapidyaml writes for several spellings of a scalar, or for one it retyped
_UNSURE = frozenset({"~", "Null", "NULL", ".nan", ".inf", "-.inf", "+.inf"})
# where libyaml refuses a plain scalar that rapidyaml reads (`a: @x`, `[:x]`, `a: ]`)
_UNSURE_START = frozenset("]}%@`:?&*!|>,#[{")
_COLON_IN_FLOW = re.compile(rb":[\]},]")
# after a block scalar's indicator, more than its indicators and a comment (`note: | -`),
# which libyaml refuses and rapidyaml may read as an empty text
_AFTER_BLOCK_INDICATOR = re.compile(rb"[-+0-9]* +[^\s#]")
_BOOL_TEXT = {True: "true", False: "false"}
_SURE_KEYS: set[str] = set()  # keys `_screen_key` let through
_SURE_KEYS_KEPT = 4096  # a file of unheard-of keys does not make the set grow past this
_SURE_TEXTS: dict[str, str] = {}  # short texts `_screened` let through, each interned
_SURE_TEXT_LENGTH = 40
_SURE_TEXTS_KEPT = 16384


class _Unsure(Exception):
    """The JSON holds something the strict path could read differently."""


def read(raw: bytes, text: str) -> dict[str, Any] | None:
    """The file's top mapping exactly as the strict path would read it, or None.

    `raw` is `text` as UTF-8, both without a leading byte order mark, already known to hold
    no character, line-break or conflict problem (see yamlio.parse_text).
    """
    if not available() or not _plain_enough(raw, text):
        return None
    out = _as_json(raw)
    if out is None or _DEEP_BLOCK in out:
        return None
    try:
        data = _decode(out.decode("utf-8"))
    except (ValueError, _Unsure, RecursionError):
        return None
    return data if type(data) is dict else None


def available() -> bool:
    """Whether rapidyaml can be imported (without it, every file takes the strict path)."""
    global ryml
    if ryml is None:
        try:
            import ryml as module
        except ImportError:
            module = False
        ryml = module
    return ryml is not False


def _plain_enough(raw: bytes, text: str) -> bool:
    if not raw.endswith(b"\n"):  # rapidyaml ends a last block scalar with one, libyaml does not
        return False
    if any(refused in raw for refused in _REFUSED_BYTES):
        return False
    if any(refused in text for refused in _REFUSED_CHARACTERS):
        return False
    if b"<" in raw and b"<<" in raw:  # a merge key, or what could be one
        return False
    if b"%" in raw and (raw.startswith(b"%") or b"\n%" in raw):  # a directive
        return False
    if any(sign in raw for sign in (b"&", b"*", b"!")) and _may_hold_anchor_or_tag(raw):
        return False
    if b"?" in raw and _explicit_key(raw):
        return False
    if _indentation_indicator(raw):
        return False
    if _long_block_header(raw):
        return False
    depth = _flow_depth(raw)
    if depth and _COLON_IN_FLOW.search(raw):  # `[x:]`: libyaml refuses it
        return False
    if depth and _flow_spans_lines(raw):
        return False
    return depth <= MAX_FLOW_DEPTH


def _flow_spans_lines(raw: bytes) -> bool:
    """A `[` or `{` left open at a line's end (a flow list written over several lines), or
    closing one opened above: the parsers differ on what may end such a line (`[a, b:` with
    its `]` below), so the file is read strictly. Brackets in text count too."""
    # Lines alike are looked at once: most lines hold no bracket, the rest one `[]` or so.
    for line in set(raw.translate(None, _NOT_BRACKETS_OR_LINES).split(b"\n")):
        if line and line.count(b"[") + line.count(b"{") != line.count(b"]") + line.count(b"}"):
            return True
    return False


def _may_hold_anchor_or_tag(raw: bytes) -> bool:
    """A sign followed by text (`&a`, `*a`, `!t`), or a sign where a value starts (`a: & x`,
    `- !`): "Forge & Fonderie" and "Great!" are read fast, `&anchor` is not."""
    for sign in _SIGNS:
        at = raw.find(sign)
        while at != -1:
            if at + 1 == len(raw) or raw[at + 1] not in _NOT_AFTER_SIGN or _starts_value(raw, at):
                return True
            at = raw.find(sign, at + 1)
    return False


def _starts_value(raw: bytes, at: int, openers: bytes = b"\n[{,") -> bool:
    """Whether a value could start at `at`: after `:`, `-`, `?` and spaces (however many:
    `company:  & Co` holds an anchor), after one of `openers` (a line break, `,`, `[`, `{`)
    with or without spaces, or at the start; not after a word and a space ("Forge &
    Fonderie")."""
    start = at
    while start and raw[start - 1] == _SPACE:
        start -= 1
    if not start:
        return True
    previous = raw[start - 1]
    if previous in openers:
        return True
    return start < at and previous in _BEFORE_SPACES


# The two scans below look at each `?`, `|` and `>` where a regular expression would try
# every position of the file: a pattern that starts with a choice has no byte to search for
# first, and took longer than parsing the file.


def _explicit_key(raw: bytes) -> bool:
    """A `?` alone, as an explicit key writes it: after a line's start, a space, `[`, `{` or
    `,`, and before a space, a line break or the end."""
    at = raw.find(b"?")
    while at != -1:
        after = at + 1
        if (not at or raw[at - 1] in _BEFORE_EXPLICIT_KEY) and (
            after == len(raw) or raw[after] in _WHITESPACE
        ):
            return True
        at = raw.find(b"?", after)
    return False


def _long_block_header(raw: bytes) -> bool:
    """A block scalar's indicator (`|` or `>`, at a line's start or indentation, or after
    `:`, `?` or `-` and spaces) followed by more than its indicators and a comment."""
    for sign in b"|>":
        at = raw.find(sign)
        while at != -1:
            if _AFTER_BLOCK_INDICATOR.match(raw, at + 1) and _starts_value(raw, at, b"\n"):
                return True
            at = raw.find(sign, at + 1)
    return False


def _indentation_indicator(raw: bytes) -> bool:
    """A block scalar's explicit indentation (`|2`, `>-1`): the parsers differ on the blank
    lines of such a block. Any `|` or `>` before a digit counts (`x>3` is read strictly)."""
    for sign in b"|>":
        at = raw.find(sign)
        while at != -1:
            after = raw[at + 1 : at + 3]
            if after[:1].isdigit() or (after[:1] in (b"+", b"-") and after[1:].isdigit()):
                return True
            at = raw.find(sign, at + 1)
    return False


def _flow_depth(raw: bytes) -> int:
    """The deepest nesting of [ ] and { }, counting those in text too (an overestimate)."""
    brackets = raw.translate(None, _NOT_BRACKETS)
    if not any(pair in brackets for pair in (b"[[", b"[{", b"{[", b"{{")):
        return 1 if brackets else 0
    depth = deepest = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


class _Parser:
    """One rapidyaml tree and one output buffer, reused from file to file."""

    def __init__(self) -> None:
        self.tree = ryml.Tree()
        self.buffer = bytearray(1 << 16)
        self.devnull = os.open(os.devnull, os.O_WRONLY)

    def json(self, raw: bytes) -> bytes | None:
        """The file as JSON, or None when rapidyaml fails on it.

        rapidyaml writes its errors to the process's stderr: they go nowhere, since the strict
        path then reads the file and says what is wrong in its own words.
        """
        try:
            saved = os.dup(2)
        except OSError:  # no stderr to silence (closed): where would rapidyaml write?
            return None
        try:
            os.dup2(self.devnull, 2)
            return self._json(raw)
        except Exception:  # rapidyaml's errors share no base class but Exception
            return None
        finally:
            os.dup2(saved, 2)
            os.close(saved)

    def _json(self, raw: bytes) -> bytes:
        tree = self.tree
        tree.clear()
        tree.clear_arena()
        ryml.parse_in_arena(raw, tree)
        try:
            return bytes(ryml.emit_json_in_place(tree, self.buffer))
        except IndexError:  # the buffer is too small for this file: grown once, kept
            self.buffer = bytearray(ryml.compute_json_length(tree))
        return bytes(ryml.emit_json_in_place(tree, self.buffer))


_PARSER: list[_Parser] = []


def _as_json(raw: bytes) -> bytes | None:
    if not _PARSER:
        _PARSER.append(_Parser())
    return _PARSER[0].json(raw)


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as the strict path's dict: a duplicate key or an unsure text given up,
    and a key holding a space or a line break (rapidyaml joins a key written over two lines,
    `'a` then `  b': c`, which libyaml refuses, into one; whether a key with a space was
    written on one line cannot be told from the JSON, so every such file is read strictly);
    `true` and `false` as text, texts interned (a network repeats its kinds, slugs, dates
    and phrases thousands of times: one copy each)."""
    mapping = {}
    for key, value in pairs:
        if key not in _SURE_KEYS:
            _screen_key(key)
        kind = type(value)
        if kind is str:
            value = _SURE_TEXTS.get(value) or _screened(value)
        elif kind is list:
            value = _items(value)
        elif kind is bool:
            value = _BOOL_TEXT[value]
        mapping[key] = value
    if len(mapping) != len(pairs):
        raise _Unsure("a duplicate key")
    return mapping


def _screen_key(key: str) -> None:
    """Give a key up, or remember it as sure: a network's files share a few dozen keys."""
    if not key or key in _UNSURE or key[:1] in _UNSURE_START or " " in key or "\n" in key:
        raise _Unsure(key)  # `: x`, rewritten keys, a key that may have spanned lines
    if len(_SURE_KEYS) < _SURE_KEYS_KEPT:
        _SURE_KEYS.add(key)


def _screened(text: str) -> str:
    """The text interned, or given up; a short one remembered as sure (kinds, slugs, dates
    and tags repeat across a network: one lookup each time after the first)."""
    if text in _UNSURE or text[:1] in _UNSURE_START:
        raise _Unsure(text)
    text = intern(text)
    if text and len(text) <= _SURE_TEXT_LENGTH and len(_SURE_TEXTS) < _SURE_TEXTS_KEPT:
        _SURE_TEXTS[text] = text
    return text


def _items(values: list[Any]) -> list[Any]:
    """A JSON array's items, as `_mapping` does its values (mappings in it were done): a
    text found sure before is looked up, only a new one is screened (`_screened`)."""
    items = []
    for item in values:
        kind = type(item)
        if kind is str:
            item = _SURE_TEXTS.get(item) or _screened(item)
        elif kind is list:
            item = _items(item)
        elif kind is bool:
            item = _BOOL_TEXT[item]
        items.append(item)
    return items


def _float(text: str) -> Any:
    raise _Unsure(f"a float: {text}")


_decode = json.JSONDecoder(object_pairs_hook=_mapping, parse_int=intern, parse_float=_float).decode
