"""The one read path: bytes, then a strict YAML loader, every scalar kept as text.

Files are small and hand-written. What they may hold is a subset of YAML: mappings,
sequences and scalars. Tags, anchors, aliases and merge keys are refused, a duplicate key is
an error naming both lines, and every scalar reaches the model exactly as written (a plain
`null`, `~` or nothing at all is the only way to say "no value").
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any

import yaml

from reseau.files import fastyaml
from reseau.files.i18n import N_, _
from reseau.files.problems import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOM = "\ufeff"

_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MAX_CHARACTER_PROBLEMS = 10
_C0_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN "
    "ETB CAN EM SUB ESC FS GS RS US"
)
_CONTROL_NAMES = dict(enumerate(_C0_NAMES.split(" "))) | {0x7F: "DEL"}
_EXPLANATIONS = (
    ("mapping values are not allowed", N_("a ': ' inside a value; put the value in quotes")),
    (
        "could not find expected ':'",
        N_(
            "a line that is neither 'key: value' nor a list item; add the ':', or quote the value "
            "and join it to its key's line"
        ),
    ),
    (
        "did not find expected key",
        N_("this line is not indented like the keys around it; align it with its siblings"),
    ),
    (
        "expected <block end>",
        N_("this line is not indented like the lines around it; align it with its siblings"),
    ),
    (
        "did not find expected '-' indicator",
        N_("a list item out of line; start each item with '- ' at the same column"),
    ),
    (
        "end of stream",
        N_("the file ends inside a quoted value, a [ ] or a {{ }}; close the quote or the bracket"),
    ),
    (
        "unknown escape character",
        N_(
            "an unknown escape after a backslash in double quotes; write \\\\ for a backslash, "
            "or use single quotes"
        ),
    ),
    (
        "expected ',' or ']'",
        N_(
            "a [ ] list that is not closed, or an item holding ': ' or ' #'; close it or quote "
            "the item"
        ),
    ),
    (
        "expected ',' or '}'",
        N_(
            "a {{ }} mapping that is not closed, or a value holding ': ' or ','; close it or "
            "quote it"
        ),
    ),
    (
        "cannot start any token",
        N_(
            "a value starts with a character YAML keeps for itself (` @ % or a tab); put it in "
            "quotes"
        ),
    ),
    (
        "comment or a line break",
        N_(
            "something follows a closing quote or bracket on this line; remove it, or quote the "
            "whole value"
        ),
    ),
    (
        "expected node content",
        N_("a value is missing after '-', ':' or ','; write the value or remove the sign"),
    ),
    ("alphabetic or numeric character", N_("a value that starts with & or *; put it in quotes")),
    (
        "block scalar",
        N_("a | or > block is badly formed; write the text on the next lines, indented"),
    ),
    ("directive", N_("a line starting with '%'; put the value in quotes")),
    ("simple key", N_("a key that runs over a line or past 1024 characters; shorten or quote it")),
    ("<document start>", N_("text before the first key that YAML cannot read; remove it")),
)
_OPENED = (
    ("flow sequence", N_("the '[' opened")),
    ("flow mapping", N_("the '{{' opened")),
    ("quoted scalar", N_("the quote opened")),
    ("block sequence", N_("the list began")),
    ("block collection", N_("the list began")),
    ("block mapping", N_("the mapping began")),
    ("simple key", N_("the key began")),
    ("block scalar", N_("the block began")),
)
_BaseLoader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
HAS_C_LOADER = _BaseLoader is not yaml.BaseLoader
_MAY_HOLD_ANCHOR_OR_TAG = re.compile(r"[&*!][^\s,\[\]{}]|(?:^|[\s\[{,:])!", re.MULTILINE)


class Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The C parser, without implicit typing: every node keeps the tag of its kind.

    PyYAML's resolver runs Python for every node to guess types that are not wanted here
    (every scalar stays text), so it is replaced by the tag of the node's kind. An explicit
    tag is kept as written, so that tags can still be refused.
    """

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


@dataclass(slots=True)
class Loaded:
    """A file read through the read path: its data when it parsed, and what was wrong."""

    path: str
    text: str = ""
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    bom: bool = False


def read_file(path: Path | str, relpath: str, *, fast: bool = False) -> Loaded:
    """The file's size and kind are checked before a byte is read; `fast`: see parse_text."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            refused = _("not a regular file; reseau reads only files")
            return _refused(relpath, refused, "not-a-file")
        if status.st_size > MAX_FILE_BYTES:
            return _refused(relpath, _too_large(status.st_size), "too-large")
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return _refused(relpath, _unreadable(path, exc), "io")
    return parse_bytes(raw, relpath, fast=fast)


def _unreadable(path: Path | str, exc: OSError) -> str:
    if os.path.islink(path):
        if exc.errno == errno.ELOOP:
            return _("a symbolic link loop; remove the link or point it at a file")
        if isinstance(exc, FileNotFoundError):
            return _("a symbolic link to a missing file; remove the link or restore its target")
    if isinstance(exc, PermissionError):
        return _("cannot be read (permission denied); make it readable (chmod u+r)")
    return _("cannot read: {reason}").format(reason=exc.strerror)


def _refused(relpath: str, message: str, code: str) -> Loaded:
    return Loaded(relpath, problems=[_problem(relpath, 0, message, code)])


def _too_large(size: int) -> str:
    return _("file is {size:.1f} MiB; the limit is 1 MiB").format(size=size / 1024 / 1024)


def parse_bytes(raw: bytes, relpath: str, *, fast: bool = False) -> Loaded:
    if len(raw) > MAX_FILE_BYTES:
        return _refused(relpath, _too_large(len(raw)), "too-large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Loaded(relpath, problems=[_decode_problem(raw, exc, relpath)])
    bom = text.startswith(_BOM)
    body = raw[3:] if bom else raw
    loaded = parse_text(text[1:] if bom else text, relpath, raw=body, fast=fast)
    loaded.bom = bom
    return loaded


def parse_text(text: str, relpath: str, *, raw: bytes | None = None, fast: bool = False) -> Loaded:
    """The file's data and problems; `raw`, when given, is `text` as UTF-8.

    With `fast`, a file with no problem is parsed by fastyaml when it is sure to read it as
    this strict path does (the same data, the same problems: none); worth it for a folder
    of files, not for one (it imports rapidyaml).
    """
    loaded = Loaded(relpath, text=text)
    loaded.problems = text_problems(text, relpath, raw)
    if loaded.problems:
        return loaded
    if fast:
        loaded.data = fastyaml.read(text.encode("utf-8") if raw is None else raw, text)
        if loaded.data is not None:
            return loaded
    found = _structure_problems(text, relpath)
    if any(problem.code == "too-deep" for problem in found):
        loaded.problems = found  # composing it would overflow the C stack
        return loaded
    try:
        node = compose(text)
    except RecursionError:
        message = _("nested deeper than {depth} levels").format(depth=MAX_DEPTH)
        loaded.problems = [*found, _problem(relpath, 1, message, "too-deep")]
        return loaded
    except yaml.YAMLError as exc:
        problem = _yaml_problem(exc, relpath, text)
        # an undefined alias fails composing: the scan has already named its line
        lines = {p.line for p in found}
        loaded.problems = [*found, *([] if problem.line in lines else [problem])]
        return loaded
    if not isinstance(node, yaml.MappingNode):
        kind = _("an empty file") if node is None else _kind(node)
        message = _("expected a mapping (key: value lines) at the top, found {kind}").format(
            kind=kind
        )
        loaded.problems.append(_problem(relpath, _line(node), message, "not-a-mapping"))
        return loaded
    builder = _Builder(relpath)
    data = builder.build(node, 0)
    loaded.problems = _merged(found, builder.problems)
    if all(problem.code in _KEEPS_DATA for problem in loaded.problems):
        # the first of each duplicate is kept, a tag dropped, an alias left empty: the rest of
        # the file can still be checked, so one problem does not hide the others
        loaded.data = data
    return loaded


def text_problems(text: str, relpath: str, raw: bytes | None = None) -> list[Problem]:
    """What is wrong with the text before any parser reads it: conflict markers, odd line
    breaks, characters YAML refuses. `raw`, `text` as UTF-8, when given, tells most files
    apart from those that may hold a problem far faster than searching the text."""
    if raw is not None and not _may_hold_text_problems(raw):
        return []
    return (
        _conflict_problems(text, relpath)
        or _line_break_problems(text, relpath)
        or _character_problems(text, relpath)
    )


_ORDINARY_BYTES = b"\t\n" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))


def _may_hold_text_problems(raw: bytes) -> bool:
    """A CR, a control character, U+FFFE or U+FFFF, a C1 control (NEL among them) or the
    start of a conflict marker; false for a file that holds none of them."""
    if b"\r" in raw or raw.translate(None, _ORDINARY_BYTES) or b"\xef\xbf" in raw:
        return True
    if b"<<<<<<<" in raw or b">>>>>>>" in raw:
        return True
    at = raw.find(b"\xc2")  # U+0080 to U+00BF: C1 controls, then « », nbsp and the like
    while at != -1 and at + 1 < len(raw):
        if raw[at + 1] <= 0x9F:  # valid UTF-8: a byte from 0x80 follows
            return True
        at = raw.find(b"\xc2", at + 1)
    return False


_KEEPS_DATA = frozenset({"duplicate-key", "tag", "anchor"})


def _merged(scanned: list[Problem], built: list[Problem]) -> list[Problem]:
    """The problems of both passes, each once (both see a tag)."""
    seen = {(p.line, p.code) for p in scanned}
    return [*scanned, *(p for p in built if (p.line, p.code) not in seen)]


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=Loader)


def is_null(node: yaml.ScalarNode) -> bool:
    return node.style in (None, "") and node.value in _NULLS


class _Builder:
    """Turns a composed node tree into plain dicts, lists and strings, strictly."""

    def __init__(self, relpath: str) -> None:
        self.relpath = relpath
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, depth: int) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag is not _STR and node.tag != _STR:
                self._add(
                    node, _("tags are not allowed ({tag}); remove it").format(tag=node.tag), "tag"
                )
            value = node.value
            if value in _NULLS and not node.style:  # type: ignore[attr-defined]
                return None
            return intern(value) if len(value) < 24 else value
        if node.tag not in (_SEQ, _MAP):
            self._add(
                node, _("tags are not allowed ({tag}); remove it").format(tag=node.tag), "tag"
            )
        if depth >= MAX_DEPTH:
            self._add(
                node, _("nested deeper than {depth} levels").format(depth=MAX_DEPTH), "too-deep"
            )
            return None
        if id(node) in self.seen:  # a collection met twice is an alias the scan did not stop
            message = _("anchors and aliases (&, *) are not allowed; write the value out")
            self._add(node, message, "anchor")
            return None
        self.seen.add(id(node))
        if kind is yaml.SequenceNode:
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, depth)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(key_node, _("a key must be plain text"), "complex-key")
                continue
            key = key_node.value
            if key == "<<" and key_node.style in (None, ""):
                self._add(
                    key_node, _("merge keys (<<) are not allowed; write the keys out"), "merge-key"
                )
                continue
            if key in first_line:
                message = _("duplicate key '{key}' (first at line {first})").format(
                    key=key, first=first_line[key]
                )
                self._add(key_node, message, "duplicate-key")
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result

    def _add(self, node: yaml.Node, message: str, code: str) -> None:
        self.problems.append(_problem(self.relpath, _line(node), message, code))


def _structure_problems(text: str, relpath: str) -> list[Problem]:
    """Anchors, aliases, tags and runaway nesting, found on the events before composing.

    Composing an alias bomb or a deeply nested flow collection costs time or the C stack,
    so files that could hold either are scanned first; ordinary files skip the scan.
    """
    marked = ("&" in text or "*" in text or "!" in text) and _MAY_HOLD_ANCHOR_OR_TAG.search(text)
    suspicious = marked or text.count("[") + text.count("{") > 64
    if not suspicious:
        return []
    try:
        return list(_scan_events(text, relpath))
    except yaml.YAMLError:
        return []


def _scan_events(text: str, relpath: str) -> Iterator[Problem]:
    """Every tag and every line with anchors or aliases, once each; nesting up to the cap."""
    depth, anchored = 0, -1
    for event in yaml.parse(text, Loader=Loader):
        if getattr(event, "tag", None):
            message = _("tags are not allowed ({tag}); remove it").format(tag=event.tag)  # type: ignore[attr-defined]
            yield _problem(relpath, _event_line(event), message, "tag")
        if getattr(event, "anchor", None) and _event_line(event) != anchored:
            anchored = _event_line(event)
            message = _("anchors and aliases (&, *) are not allowed; write the value out")
            yield _problem(relpath, anchored, message, "anchor")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = _("nested deeper than {depth} levels").format(depth=MAX_DEPTH)
                yield _problem(relpath, _event_line(event), message, "too-deep")
                return
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _event_line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


def _line_break_problems(text: str, relpath: str) -> list[Problem]:
    """Lines ended by CR alone (a classic Mac file) or by NEL: YAML reads them as line
    breaks, but no edit could keep them, and most tools would show one long line."""
    match = _ODD_BREAK.search(text)
    if match is None:
        return []
    line = len(_ANY_BREAK.findall(text, 0, match.start())) + 1
    message = _(
        "lines end with CR alone or NEL (U+0085); save the file with LF (or CRLF) line endings"
    )
    return [_problem(relpath, line, message, "line-breaks")]


_ODD_BREAK = re.compile(r"\r(?!\n)|\x85")
_ANY_BREAK = re.compile(r"\r\n|\r|\n|\x85")


def _conflict_problems(text: str, relpath: str) -> list[Problem]:
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    from reseau.files.conflicts import conflict_problems

    return conflict_problems(text, relpath)


def _decode_problem(raw: bytes, exc: UnicodeDecodeError, relpath: str) -> Problem:
    line = raw.count(b"\n", 0, exc.start) + 1
    byte = raw[exc.start]
    message = _("not UTF-8: byte 0x{byte:02x} cannot be read; save the file as UTF-8").format(
        byte=byte
    )
    return _problem(relpath, line, message, "encoding")


def _character_problems(text: str, relpath: str) -> list[Problem]:
    """Characters no YAML reader accepts (control characters, U+FFFE, U+FFFF), each named by
    its code point and never shown: the first few with their line and column, then a count."""
    found = _UNREADABLE.search(text)
    if found is None:
        return []
    problems: list[Problem] = []
    for match in _UNREADABLE.finditer(text, found.start()):
        if len(problems) == _MAX_CHARACTER_PROBLEMS:
            more = len(_UNREADABLE.findall(text, match.start()))
            message = _("... and {more:,} more such characters in this file").format(more=more)
            line, column = _line_and_column(text, match.start())
            problems.append(_problem(relpath, line, message, "more-characters", column))
            break
        line, column = _line_and_column(text, match.start())
        message = _("{character} is not allowed in YAML; remove it").format(
            character=_character_name(match.group())
        )
        problems.append(_problem(relpath, line, message, "character", column))
    return problems


def _character_name(character: str) -> str:
    code = ord(character)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _yaml_problem(exc: yaml.YAMLError, relpath: str, text: str) -> Problem:
    """Whatever the parser raises becomes `line:col: what is wrong, and how to fix it`."""
    line, column = _where(exc, text)
    lines = text.splitlines()
    problem = str(getattr(exc, "problem", None) or exc)
    if "expected a single document" in str(exc):
        message = _("a file holds one YAML document; remove the '---' and what follows")
        return _problem(relpath, line, message, "documents", column)
    if "'\\t'" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1]):
        tab = _("a tab character; indent with spaces")
        return _problem(relpath, line, tab, "syntax", column)
    message = _("invalid YAML: {explanation}").format(explanation=_explain(problem))
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 1 != line:
        message += _(" ({opened} at line {line})").format(
            opened=_opened(context), line=context_mark.line + 1
        )
    return _problem(relpath, line, message, "syntax", column)


def _opened(context: str) -> str:
    """What the parser was reading when it failed, as the user wrote it."""
    for words, what in _OPENED:
        if words in context:
            return _(what).format()  # formatted, as every message, so `{{` is `{`
    return _("it began")


def _where(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    """The 1-based line and column of a parser's error; a reader's error has a position."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        return _line_and_column(text, position)
    return 1, 1


def _explain(problem: str) -> str:
    """The parser's words, rewritten as what is wrong and how to fix it."""
    lowered = problem.lower()
    for words, explanation in _EXPLANATIONS:
        if words in lowered:
            return _(explanation).format()  # formatted, as every message, so `{{` is `{`
    return _("{problem}; check the quotes, colons and indentation of this line").format(
        problem=problem
    )


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    return _("a single value")


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _problem(relpath: str, line: int, message: str, code: str, column: int = 0) -> Problem:
    return Problem(path=relpath, line=line, field="", message=message, code=code, column=column)
