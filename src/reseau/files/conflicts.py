"""git's conflict markers in a file, told as what changed on both sides.

The merge driver (files.merge) leaves markers around the lines of a single value changed on
both sides. Each block is read as the two versions of those lines, so `reseau check` can say
which field it is and what each side holds, and advise keeping the right value: never to
keep one side of the whole file, which would drop the other side's interactions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reseau.files.i18n import N_, _
from reseau.files.problems import Problem

_MISSING: Any = object()
_GENERIC = N_(
    "git conflict: both sides changed these lines; merge them by hand, keeping what each side "
    "added, and remove the markers"
)


@dataclass(slots=True)
class Block:
    """One `<<<<<<<` ... `>>>>>>>` block: its first line (0-based) and each side's lines."""

    start: int
    ours: list[str]
    theirs: list[str]


def has_markers(text: str) -> bool:
    return "<<<<<<<" in text or ">>>>>>>" in text


def conflict_problems(text: str, relpath: str) -> list[Problem]:
    lines = text.splitlines()
    problems: list[Problem] = []
    index = 0
    while index < len(lines):
        marker = _marker(lines[index])
        if marker == "<":
            block, after = _block(lines, index)
            if block is None:
                problems.append(_problem(relpath, index + 1, "", _(_GENERIC)))
                index += 1
                continue
            problems.extend(_describe(lines, block, relpath))
            index = after
        else:
            if marker:
                problems.append(_problem(relpath, index + 1, "", _(_GENERIC)))
            index += 1
    return problems


def _marker(line: str) -> str:
    for char in "<=>|":
        if line.startswith(char * 7) and (len(line) == 7 or line[7] in " \r"):
            return char
    return ""


def _block(lines: list[str], start: int) -> tuple[Block | None, int]:
    ours: list[str] = []
    theirs: list[str] = []
    side: list[str] | None = ours
    for index in range(start + 1, len(lines)):
        marker = _marker(lines[index])
        if marker == "|":
            side = None  # diff3's base section: neither side
        elif marker == "=":
            side = theirs
        elif marker == ">":
            return Block(start, ours, theirs), index + 1
        elif marker == "<":
            break
        elif side is not None:
            side.append(lines[index])
    return None, start + 1


def _describe(lines: list[str], block: Block, relpath: str) -> list[Problem]:
    ours, theirs = _fragment(block.ours), _fragment(block.theirs)
    line = block.start + 1
    if ours is None or theirs is None:
        return [_problem(relpath, line, "", _(_GENERIC))]
    prefix = _context(lines, block)
    found = list(_differences(ours, theirs, []))
    if not found:
        return [_problem(relpath, line, "", _(_GENERIC))]
    return [
        _problem(
            relpath,
            line,
            _field_name([*prefix, *path]),
            _(
                "changed on both sides ({here} here, {there} there): "
                "keep the right one and remove the markers"
            ).format(here=_shown(here), there=_shown(there)),
        )
        for path, here, there in found
    ]


def _fragment(lines: list[str]) -> dict[str, Any] | None:
    """The side's lines as a mapping (an empty side: nothing); a list item as its mapping."""
    from reseau.files.yamlio import parse_text

    body = [line.rstrip("\r") for line in lines]
    if not any(line.strip() for line in body):
        return {}
    first = next(line for line in body if line.strip())
    if first.lstrip().startswith("- "):
        body = [line.replace("- ", "  ", 1) if line is first else line for line in body]
    indent = min(len(line) - len(line.lstrip()) for line in body if line.strip())
    text = "\n".join(line[indent:] for line in body) + "\n"
    loaded = parse_text(text, "")
    if loaded.data is None:
        return None
    return loaded.data


def _differences(ours: Any, theirs: Any, path: list[str | int]) -> Any:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            here, there = ours.get(key, _MISSING), theirs.get(key, _MISSING)
            if here != there:
                yield from _differences(here, there, [*path, key])
        return
    yield path, ours, theirs


def _context(lines: list[str], block: Block) -> list[str | int]:
    """The keys (and list positions) above the block, read on our side of earlier blocks."""
    view = _ours_view(lines[: block.start])
    first = next((line for line in [*block.ours, *block.theirs] if line.strip()), "")
    limit = len(first) - len(first.lstrip())
    is_item = first.lstrip().startswith("- ")
    path: list[str | int] = []
    position = len(view)
    if is_item:
        index, position = _item_index(view, position, limit)
        path.insert(0, index)
    while position > 0 and limit > 0:
        position -= 1
        line = view[position]
        content = line.strip()
        column = len(line) - len(line.lstrip())
        if not content or content.startswith("#") or column >= limit:
            continue
        if content.startswith("- "):
            index, position = _item_index(view, position + 1, column, counting=True)
            path.insert(0, index)
            limit = column
            continue
        path.insert(0, content.split(":", 1)[0].strip().strip("'\""))
        limit = column
    return path


def _item_index(
    view: list[str], position: int, column: int, *, counting: bool = False
) -> tuple[int, int]:
    """How many items of the list at `column` come before `position`, and where it starts."""
    count = -1 if counting else 0
    while position > 0:
        line = view[position - 1]
        content = line.strip()
        here = len(line) - len(line.lstrip())
        if content and not content.startswith("#"):
            if here < column or (here == column and not content.startswith("-")):
                break
            if here == column:
                count += 1
        position -= 1
    return max(count, 0), position


def _ours_view(lines: list[str]) -> list[str]:
    view: list[str] = []
    side = "ours"
    for line in lines:
        marker = _marker(line)
        if marker == "<":
            side = "ours"
        elif marker in "|=" and marker:
            side = "other"
        elif marker == ">":
            side = "ours"
        elif side == "ours":
            view.append(line.rstrip("\r"))
    return view


def _field_name(path: list[str | int]) -> str:
    name = ""
    for part in path:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else part
    return name


def _shown(value: Any) -> str:
    if value is _MISSING:
        return "removed"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "'" + ", ".join(_short(str(v)) for v in value) + "'"
    if isinstance(value, dict):
        return "'" + ", ".join(f"{k}: {_short(str(v))}" for k, v in value.items()) + "'"
    return f"'{_short(str(value))}'"


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else text
    return first if len(first) <= 60 and first == text.strip() else first[:57] + "..."


def _problem(relpath: str, line: int, field: str, message: str) -> Problem:
    return Problem(path=relpath, line=line, field=field, message=message, code="conflict")
