"""Surgical edits of a YAML file's text: the user's bytes stay where they are.

A round-trip emitter re-indents, re-wraps and re-quotes whatever it touches. The files here
are hand-written and versioned, so an edit changes only the span it must: a scalar replaced
in place, an item or a key inserted as new lines beside its siblings, written in the
indentation and line ending the file already uses. After each edit the text is parsed again
and its data compared with what the edit meant; any difference refuses the edit.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

from reseau.files.i18n import _
from reseau.files.problems import ReseauError
from reseau.files.yamlio import compose, is_null, parse_text

Path_ = Sequence[str | int]
_FLOW_MAX = 100
_ESCAPE_IN_QUOTES = frozenset(
    [chr(code) for code in range(0x7F, 0xA0)] + ["\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"]
)
# Plain text that some parser reads as something else. The characters: indicators that start
# another construct, breaks and characters some reader refuses or folds. The words: what the
# YAML 1.1 types (PyYAML, libyaml, most tools) and the 1.2 core schema (ruamel.yaml, yq) read
# as a number, a boolean, a null, a date or a sexagesimal, whatever the case or `_` in it.
_PLAIN_CHARACTER = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_FIRST_INDICATORS = frozenset("?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}?")
_TYPED_WORD = re.compile(
    r"""(?:
        ~ | null | y | yes | n | no | true | false | on | off      # null, 1.1 and 1.2 booleans
      | = | <<                                                    # 1.1 value and merge keys
      | [-+]? [0-9_]* \.? [0-9_]+ (?: e [-+]? [0-9]+ )?          # 1.2 ints and floats
      | [-+]? [0-9_]+ \. [0-9_]* (?: e [-+]? [0-9]+ )?
      | [-+]? 0 (?: b [01_]+ | o? [0-7_]+ | x [0-9a-f_]+ )          # binary, octal, hex
      | [-+]? [0-9][0-9_]* (?: : [0-5]?[0-9] )+ (?: \.[0-9_]* )?    # 1.1 sexagesimal
      | [-+]? \. (?: inf | nan )
      | [0-9]{4} - [0-9]{1,2} - [0-9]{1,2} (?: [ t] .* )?           # dates and timestamps
    )""",
    re.VERBOSE | re.IGNORECASE,
)


class Typed(str):
    """Text that stands for a date, a number or true/false: written plain, so that other
    tools read it with its type (`date: 2026-11-30`, `strength: 2`, `in_person: false`).
    Any other text is written so that every YAML parser reads it back as the same text."""


class EditError(ReseauError):
    """An edit that would not give back the intended data: nothing is written."""


class Document:
    """A YAML text, its data, and edits that keep every byte they do not concern."""

    def __init__(self, text: str, data: dict[str, Any] | None = None) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        parsed = data if data is not None else parse_text(text, "").data
        if parsed is None:
            raise EditError(_("cannot edit a file that does not parse"))
        self.expected: dict[str, Any] = copy.deepcopy(parsed)

    def get(self, path: Path_) -> Any:
        value: Any = self.expected
        for part in path:
            value = _child_value(value, part)
        return value

    def set(self, path: Path_, value: Any, *, order: Sequence[str] = ()) -> None:
        """Set a mapping key: the scalar replaced in place, or the key inserted in `order`."""
        *parent_path, key = path
        parent = self.get(parent_path)
        if parent is None:
            self.set(parent_path, {key: value}, order=order)
            return
        node = _node_at(self._root(), parent_path)
        if key in parent:
            self._replace_value(_value_node(node, str(key)), value)
        else:
            self._insert_key(node, str(key), value, order, parent)
        parent[key] = copy.deepcopy(value)
        self._verify()

    def insert(
        self, path: Path_, item: Any, index: int | None = None, *, order: Sequence[str] = ()
    ) -> None:
        """Insert an item into the sequence at `path` (at the end by default), creating it."""
        current = self.get(path)
        if current is None:
            self.set(path, [item], order=order)
            return
        position = len(current) if index is None else index
        node = _node_at(self._root(), path)
        if isinstance(node, yaml.SequenceNode) and node.value:
            if node.flow_style:
                self._insert_flow_item(node, item, position)
            else:
                self._insert_block_item(node, item, position)
        else:
            updated = [*current[:position], item, *current[position:]]
            self._replace_value(node, updated)
        current.insert(position, copy.deepcopy(item))
        self._verify()

    def remove(self, path: Path_) -> None:
        """Remove a mapping key or a sequence item with its lines; the others stay as written."""
        *parent_path, last = path
        parent = self.get(parent_path)
        if not isinstance(parent, dict | list) or (isinstance(parent, dict) and last not in parent):
            return
        root = self._root()
        node = _node_at(root, parent_path)
        if isinstance(node, yaml.SequenceNode) and isinstance(last, int):
            entries: list[tuple[yaml.Node, yaml.Node]] = [(item, item) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            entries = list(node.value)
            last = next(i for i, (k, _v) in enumerate(node.value) if k.value == str(last))
        else:
            raise EditError(_("no value at {value}").format(value=".".join(map(str, path))))
        if len(entries) == 1 and isinstance(node, yaml.SequenceNode) and not node.flow_style:
            self._empty_block_sequence(root, parent_path, node)
        elif len(entries) == 1:
            self._replace_value(node, [] if isinstance(parent, list) else {})
        elif node.flow_style:
            self._remove_flow_entry(entries, last)
        else:
            first, value = entries[last]
            self._splice(
                _line_start(self.text, first.start_mark.index), self._content_end(value), ""
            )
        key = path[-1]
        if isinstance(parent, list):
            assert isinstance(key, int)
            del parent[key]
        else:
            del parent[key]
        self._verify()

    def _remove_flow_entry(self, entries: list[tuple[yaml.Node, yaml.Node]], index: int) -> None:
        if index + 1 < len(entries):
            start, end = entries[index][0].start_mark.index, entries[index + 1][0].start_mark.index
        else:
            start, end = entries[index - 1][1].end_mark.index, entries[index][1].end_mark.index
        self._splice(start, end, "")

    def insert_text(self, path: Path_, index: int, item: Any, text: str, dash: int) -> bool:
        """Insert an item written elsewhere with its own text (its dash at column `dash`).

        The lines are moved to this list's indentation and line ending; when they would not
        read back as `item` here, nothing changes and False is returned.
        """
        current = self.get(path)
        node = _node_at(self._root(), path) if current else None
        if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
            return False
        shift = node.start_mark.column - dash
        lines = _shifted(text.replace("\r\n", "\n").split("\n"), shift)
        if lines is None:
            return False
        if index == 0:
            at = _line_start(self.text, node.start_mark.index)
        else:
            at = self._content_end(node.value[index - 1])
        before = self.text
        at = self._ensure_newline_at(at)
        self._splice(at, at, "".join(line + self.newline for line in lines))
        current.insert(index, copy.deepcopy(item))
        try:
            self._verify()
        except EditError:
            del current[index]
            self.text = before
            return False
        return True

    def set_text(self, key: str, text: str, *, order: Sequence[str] = ()) -> None:
        """A top-level key's free text, as a literal block (`|`) when it has several lines;
        a comment after the key stays on its line."""
        rendered = render_text(text)
        if "\n" not in rendered:
            self.set([key], text, order=order)
            return
        if self.get([key]) is None:
            self.set([key], "-", order=order)  # the key in its place, then its text
        node = _node_at(self._root(), [key])
        if not isinstance(node, yaml.ScalarNode):
            raise EditError(_("{key} is not text").format(key=key))
        start, end = node.start_mark.index, node.end_mark.index
        header, body = rendered.split("\n", 1)
        if node.style in ("|", ">"):
            indicator = re.match(r"[|>][-+0-9]*", self.text[start:])
            skip = indicator.end() if indicator else 1
            new = header + self.text[start + skip : _line_end(self.text, start)]
        else:
            new = header + self.text[end : _line_end(self.text, end)]
            end = _line_end(self.text, end)
        if not new.endswith("\n"):
            new += self.newline
        body_lines = body.split("\n")
        self._splice(start, end, new + "".join(line + self.newline for line in body_lines))
        self.expected[key] = text
        self._verify()

    def replace(self, path: Path_, value: str) -> None:
        """Replace the scalar at `path` (a mapping's value or a sequence's item) in place."""
        *parent_path, key = path
        root = self._root()
        parent = _node_at(root, parent_path)
        node = _node_at(root, path)
        if not isinstance(node, yaml.ScalarNode):
            raise EditError(_("no text at {value}").format(value=".".join(map(str, path))))
        in_flow = isinstance(parent, yaml.CollectionNode) and bool(parent.flow_style)
        rendered = _render_scalar(value, in_flow=in_flow)
        self._splice(node.start_mark.index, node.end_mark.index, rendered)
        self.get(parent_path)[key] = value
        self._verify()

    def _empty_block_sequence(
        self, root: yaml.Node, parent_path: Sequence[str | int], seq: yaml.SequenceNode
    ) -> None:
        """`key:` and its only item become `key: []`, the comment after the key kept."""
        mapping = _node_at(root, parent_path[:-1])
        if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
            raise EditError(_("cannot empty this sequence in place"))
        key_node = next(k for k, v in mapping.value if v is seq)
        start = _line_start(self.text, seq.start_mark.index)
        self._splice(start, self._content_end(seq), "")
        colon = self.text.index(":", key_node.end_mark.index) + 1
        self._splice(colon, colon, " []")

    def _root(self) -> yaml.Node:
        root = compose(self.text)
        if root is None:
            raise EditError(_("the file is empty"))
        return root

    def _verify(self) -> None:
        loaded = parse_text(self.text, "")
        if loaded.data != self.expected:
            raise EditError(_("an edit would not keep the file's data intact; nothing was written"))

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]

    def _replace_value(self, node: yaml.Node, value: Any) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        column = _key_column_of_value(self.text, start)
        keeps_flow = isinstance(node, yaml.CollectionNode) and node.flow_style and _is_flat(value)
        if not keeps_flow and (_is_block_value(value) or _is_block_collection(node)):
            if _is_block_collection(node):
                start = _line_start(self.text, start)
                end = self._content_end(node)
                lines = self._block_lines(value, _indent_of(self.text, start))
                self._splice(start, end, "".join(lines))
                return
            indent = column + 2
            cut_end = _line_end(self.text, end)
            tail = self.text[end:cut_end].rstrip("\r\n")
            head = self.text[:start].rstrip(" ")
            lines = self._block_lines(value, indent)
            self.text = head + tail + self.newline + "".join(lines) + self.text[cut_end:]
            return
        rendered = render_inline(value)
        if start == end:
            rendered = " " + rendered if self.text[start - 1 : start] == ":" else rendered
        self._splice(start, end, rendered)

    def _insert_key(
        self,
        mapping: yaml.Node,
        key: str,
        value: Any,
        order: Sequence[str],
        current: dict[str, Any],
    ) -> None:
        if not isinstance(mapping, yaml.MappingNode) or not mapping.value:
            self._replace_value(mapping, {**current, key: value})
            return
        if mapping.flow_style:
            self._insert_flow_key(mapping, key, value, order)
            return
        indent = mapping.value[0][0].start_mark.column
        before = _preceding_key(mapping, key, order)
        if before is None:
            at = _line_start(self.text, mapping.value[0][0].start_mark.index)
        else:
            at = self._content_end(before)
        at = self._ensure_newline_at(at)
        self._splice(at, at, "".join(self._block_lines({key: value}, indent)))

    def _insert_flow_item(self, seq: yaml.SequenceNode, item: Any, position: int) -> None:
        """Inside the brackets, beside its neighbours: comments between items stay."""
        rendered = _render_scalar(item, in_flow=True)
        if position >= len(seq.value):
            at = seq.value[-1].end_mark.index
            self._splice(at, at, ", " + rendered)
        else:
            at = seq.value[position].start_mark.index
            self._splice(at, at, rendered + ", ")

    def _insert_flow_key(
        self, mapping: yaml.MappingNode, key: str, value: Any, order: Sequence[str]
    ) -> None:
        entry = f"{render_key(key, in_flow=True)}: {_render_scalar(value, in_flow=True)}"
        before = _preceding_key(mapping, key, order)
        if before is None:
            at = mapping.value[0][0].start_mark.index
            self._splice(at, at, entry + ", ")
        else:
            at = before.end_mark.index
            self._splice(at, at, ", " + entry)

    def _insert_block_item(self, seq: yaml.SequenceNode, item: Any, position: int) -> None:
        dash = seq.start_mark.column
        first = seq.value[0]
        gap = first.start_mark.column - dash if first.start_mark.line == seq.start_mark.line else 2
        if _is_flow_mapping(seq.value[-1]) and _is_flat(item):
            lines = [
                " " * dash + "-" + " " * (max(gap, 2) - 1) + render_inline(item) + self.newline
            ]
        else:
            lines = self._item_lines(item, dash, max(gap, 2))
        if position == 0:
            at = _line_start(self.text, seq.start_mark.index)
        else:
            at = self._content_end(seq.value[position - 1])
        at = self._ensure_newline_at(at)
        self._splice(at, at, "".join(lines))

    def _ensure_newline_at(self, at: int) -> int:
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            self.text += self.newline
            return len(self.text)
        return at

    def _content_end(self, node: yaml.Node) -> int:
        """Just past the line holding the last character of `node`'s own content."""
        last = node
        while isinstance(last, yaml.CollectionNode) and not last.flow_style and last.value:
            tail = last.value[-1]
            last = tail[1] if isinstance(tail, tuple) else tail
        end = last.end_mark.index
        while end > last.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return _line_end(self.text, end)

    def _block_lines(self, value: Any, indent: int) -> list[str]:
        pad = " " * indent
        if isinstance(value, list):
            return [line for item in value for line in self._item_lines(item, indent, 2)]
        lines: list[str] = []
        for key, item in value.items():
            if _is_block_value(item):
                lines.append(f"{pad}{render_key(key)}:{self.newline}")
                lines.extend(self._block_lines(item, indent + 2))
            else:
                lines.append(f"{pad}{render_key(key)}: {render_inline(item)}{self.newline}")
        return lines

    def _item_lines(self, item: Any, dash: int, gap: int) -> list[str]:
        prefix = " " * dash + "-" + " " * (gap - 1)
        if not isinstance(item, dict) or not item:
            return [f"{prefix}{render_inline(item)}{self.newline}"]
        lines = self._block_lines(item, dash + gap)
        lines[0] = prefix + lines[0][dash + gap :]
        return lines


def _shifted(lines: list[str], shift: int) -> list[str] | None:
    """Lines moved right (or left, when only spaces are there) by `shift` columns."""
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if shift >= 0:
        return [" " * shift + line if line.strip() else line for line in lines]
    if any(line.strip() and not line.startswith(" " * -shift) for line in lines):
        return None
    return [line[-shift:] if line.strip() else line for line in lines]


def item_text(text: str, root: yaml.Node, path: Path_, index: int) -> tuple[str, int] | None:
    """The lines of a block sequence's item as written, and the column of its dash."""
    try:
        node = _node_at(root, path)
    except EditError:
        return None
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or index >= len(node.value):
        return None
    item = node.value[index]
    start = _line_start(text, item.start_mark.index)
    head = text[start : item.start_mark.index]
    if head.strip() != "-":
        return None
    document = Document.__new__(Document)
    document.text = text
    end = document._content_end(item)
    return text[start:end], head.index("-")


def render_key(key: str, *, in_flow: bool = False) -> str:
    return key if _plain_ok(key, in_flow=in_flow) else quote(key)


def render_text(text: str) -> str:
    """Free text: a literal block (`|`) when it has several lines and reads back the same."""
    lines = text.rstrip("\n").split("\n")
    if (
        len(lines) > 1
        and all(line == line.rstrip() and _PLAIN_CHARACTER.fullmatch(line) for line in lines)
        and not lines[0][:1].isspace()
    ):
        chomp = "" if text.endswith("\n") and not text.endswith("\n\n") else "-"
        block = f"|{chomp}\n" + "\n".join(f"  {line}" if line else "" for line in lines)
        loaded = parse_text(f"k: {block}\n", "")
        if loaded.data == {"k": text}:
            return block
    return render_inline(text)


def render_inline(value: Any) -> str:
    """A value on one line: a scalar plain when that reads back the same, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_render_scalar(item, in_flow=True) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (
            f"{render_key(k, in_flow=True)}: {_render_scalar(v, in_flow=True)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    return _render_scalar(value, in_flow=False)


def _render_scalar(value: Any, *, in_flow: bool) -> str:
    if value is None:
        return "null"
    if isinstance(value, list | dict):
        return render_inline(value)
    text = str(value)
    if isinstance(value, Typed) and _reads_back(text, in_flow=in_flow):
        return text
    return text if _plain_ok(text, in_flow=in_flow) else quote(text)


def quote(text: str) -> str:
    """A double-quoted YAML scalar; characters YAML reads as breaks or refuses are escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(f"\\u{ord(ch):04x}" if ch in _ESCAPE_IN_QUOTES else ch for ch in quoted)


def _plain_ok(text: str, *, in_flow: bool) -> bool:
    """Plain only when every YAML parser reads the same text back: else it is quoted."""
    return is_safe_plain(text, in_flow=in_flow) and _reads_back(text, in_flow=in_flow)


def is_safe_plain(text: str, *, in_flow: bool) -> bool:
    """Text that YAML 1.1 and 1.2 parsers all read, written plain, as this very text."""
    if not text or len(text) > 200 or text != text.strip(" ") or text[0] in _FIRST_INDICATORS:
        return False
    if not _PLAIN_CHARACTER.fullmatch(text) or text[-1] == ":" or text[-1].isspace():
        return False
    if text == "-" or text.startswith(("- ", "---", "...")):  # an item, a document's bounds
        return False
    if ": " in text or " #" in text or _TYPED_WORD.fullmatch(text):
        return False
    return not in_flow or not any(ch in _FLOW_INDICATORS for ch in text)


def _reads_back(text: str, *, in_flow: bool) -> bool:
    """Read by reseau's own loader as this text, plain: a last guard for the rules above."""
    if not text or text != text.strip() or "\n" in text or len(text) > 200:
        return False
    if in_flow and any(ch in text for ch in ",[]{}"):
        return False
    sample = f"k: [{text}]" if in_flow else f"k: {text}"
    try:
        node = compose(sample)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode):
        return False
    value = node.value[0][1]
    if in_flow:
        if not isinstance(value, yaml.SequenceNode) or len(value.value) != 1:
            return False
        value = value.value[0]
    return (
        isinstance(value, yaml.ScalarNode)
        and value.tag == "tag:yaml.org,2002:str"
        and not is_null(value)
        and value.value == text
        and value.style in (None, "")
    )


def _is_block_value(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value)
    if isinstance(value, list):
        return any(isinstance(item, dict | list) for item in value) or len(value) > _FLOW_MAX
    return False


def _is_flat(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return isinstance(value, dict | list) and not any(isinstance(i, dict | list) for i in items)


def _is_flow_mapping(node: yaml.Node) -> bool:
    """A sibling written `{key: value, ...}` on one line: a new item follows its style."""
    return isinstance(node, yaml.MappingNode) and bool(node.flow_style)


def _is_block_collection(node: yaml.Node) -> bool:
    return isinstance(node, yaml.CollectionNode) and not node.flow_style


def _child_value(value: Any, part: str | int) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and part < len(value):
        return value[part]
    return None


def _node_at(root: yaml.Node, path: Path_) -> yaml.Node:
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = _value_node(node, str(part))
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part]
        else:
            raise EditError(_("no value at {value}").format(value=".".join(map(str, path))))
    return node


def _value_node(mapping: yaml.Node, key: str) -> yaml.Node:
    if isinstance(mapping, yaml.MappingNode):
        for key_node, value_node in mapping.value:
            if key_node.value == key:
                return value_node  # type: ignore[no-any-return]
    raise EditError(_("no key {key}").format(key=key))


def _preceding_key(mapping: yaml.MappingNode, key: str, order: Sequence[str]) -> yaml.Node | None:
    """The value node of the last existing key that comes before `key` in `order`."""
    if key not in order:
        return mapping.value[-1][1]  # type: ignore[no-any-return]
    rank = {name: i for i, name in enumerate(order)}
    earlier = [(k, v) for k, v in mapping.value if rank.get(k.value, len(order)) < rank[key]]
    if not earlier:
        return None
    return earlier[-1][1]  # type: ignore[no-any-return]


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _indent_of(text: str, line_start: int) -> int:
    end = line_start
    while end < len(text) and text[end] == " ":
        end += 1
    return end - line_start


def _key_column_of_value(text: str, value_start: int) -> int:
    return _indent_of(text, _line_start(text, value_start))
