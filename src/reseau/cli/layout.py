"""Tables and text that fit the terminal's width without hiding meaning.

A table too wide first takes the compact form of its columns (`22 Oct`, `3 mo ago`), then
leaves out the least useful ones, then wraps the columns that hold sentences. A name, a
slug or a command is never cut: when nothing else gives way, the line is simply longer.
Output that is not a terminal (width None) gets every column in full, one line a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from reseau.files.i18n import _, ngettext
from reseau.files.text import clean, pad, width

Paint = Callable[[str, str], str]  # (text shown, value it stands for) -> painted
_GAP = 2
_WRAP_MIN = 12


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its key and header, its cells, and how it may give way to a narrow
    terminal. The key is stable and English (what `instead` names); the header is the
    label in the language in use."""

    key: str
    header: str
    cells: Sequence[str]
    right: bool = False
    compact: Sequence[str] | None = None  # shorter cells, taken before anything is left out
    compact_header: str | None = None  # the header over the compact cells, when it differs
    drop: int = 0  # may be left out when > 0: the highest first
    wrap: bool = False  # sentences: may wrap onto more lines
    # A style for each cell, applied to its text, not the padding: called with the text and
    # the row's value in `values` (the word as the files write it, which the palette knows).
    paint: Paint | None = None
    values: Sequence[str] | None = None
    instead: dict[str, Sequence[str]] = field(default_factory=dict)  # cells when a column is out


def table(
    columns: Sequence[Column],
    max_width: int | None,
    notes: Mapping[int, str] | None = None,
    note_indent: int = 5,
) -> list[str]:
    """The lines of the table, fitted to `max_width` columns (None: no limit); `notes[r]`
    is a line of text under row r, indented and wrapped."""
    shown = [replace(c, cells=[_cell(v) for v in c.cells]) for c in columns]
    if max_width is not None:
        shown = _fitted(shown, max_width)
    sizes = [_size(c) for c in shown]
    if max_width is not None and _total(sizes) > max_width:
        sizes = _wrapped_sizes(shown, sizes, max_width)
    under = {
        row + 1: wrap_line(" " * note_indent + clean(text), max_width)
        for row, text in (notes or {}).items()
    }
    return _render(shown, sizes, under)


def _size(column: Column) -> int:
    return max([width(column.header), *(width(cell) for cell in column.cells)])


def _total(sizes: Sequence[int]) -> int:
    return sum(sizes) + _GAP * (len(sizes) - 1)


def _fitted(columns: list[Column], limit: int) -> list[Column]:
    for index, column in enumerate(columns):
        if _total([_size(c) for c in columns]) <= limit:
            return columns
        if column.compact is not None:
            header = column.header if column.compact_header is None else column.compact_header
            compact = [_cell(v) for v in column.compact]
            columns[index] = replace(column, header=header, cells=compact)
    while _total([_size(c) for c in columns]) > limit and any(c.drop for c in columns):
        left_out = max(columns, key=lambda c: c.drop)
        columns = [_without(c, left_out.key) for c in columns if c is not left_out]
    return columns


def _without(column: Column, key: str) -> Column:
    cells = column.instead.get(key)
    return column if cells is None else replace(column, cells=[_cell(v) for v in cells])


def _cell(value: str) -> str:
    """The cell's text, held at MAX_CELL columns: only a hostile file has a name that long,
    and it would pad every line of the table to its width."""
    from reseau.cli.render import MAX_CELL
    from reseau.files.text import fit

    return fit(clean(value), MAX_CELL)


def _wrapped_sizes(columns: list[Column], sizes: list[int], limit: int) -> list[int]:
    """The wrapping columns share what room the others leave, the widest giving way first."""
    sizes = list(sizes)
    while _total(sizes) > limit:
        wrapping = [i for i, c in enumerate(columns) if c.wrap and sizes[i] > _WRAP_MIN]
        if not wrapping:
            break
        widest = max(wrapping, key=lambda i: sizes[i])
        sizes[widest] -= 1
    return sizes


def _render(columns: list[Column], sizes: list[int], under: dict[int, list[str]]) -> list[str]:
    rows = [[c.header for c in columns]]
    rows += [[c.cells[r] for c in columns] for r in range(len(columns[0].cells))] if columns else []
    lines = []
    for number, row in enumerate(rows):
        pieces = [wrap(cell, sizes[i]) if columns[i].wrap else [cell] for i, cell in enumerate(row)]
        for depth in range(max(len(p) for p in pieces)):
            parts = []
            for i, piece in enumerate(pieces):
                text = piece[depth] if depth < len(piece) else ""
                padded = pad(text, sizes[i], right=columns[i].right)
                if number and text:
                    padded = _painted(columns[i], number - 1, text, padded)
                parts.append(padded)
            lines.append((" " * _GAP).join(parts).rstrip())
        lines.extend(under.get(number, []))
    return lines


def _painted(column: Column, row: int, text: str, padded: str) -> str:
    if column.paint is None:
        return padded
    value = column.cells[row] if column.values is None else column.values[row]
    word = text.strip()  # a cell padded by its command (plan's states) is painted, not its spaces
    return padded.replace(word, column.paint(word, value), 1) if word else padded


def wrap(text: str, size: int) -> list[str]:
    """`text` in lines of at most `size` columns, broken between words; a word longer than
    a line stands alone on its line, whole."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if current and width(candidate) > size:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


_CLOSING = frozenset(":;?!»")  # French puts a space before them: they stay on the word's line
_OPENING = frozenset("«")


def _words(text: str) -> list[str]:
    """The words of `text`, a lone `:` `;` `?` `!` `»` kept with the word before it and a
    lone `«` with the word after it, so no line starts with French punctuation."""
    words: list[str] = []
    opening = ""
    for word in text.split(" "):
        if word in _CLOSING and words:
            words[-1] += " " + word
        elif word in _OPENING:
            opening += word + " "
        else:
            words.append(opening + word)
            opening = ""
    if opening:
        words.append(opening.rstrip())
    return words


def wrap_line(line: str, size: int | None, indent: int | None = None) -> list[str]:
    """A line of text wrapped to `size`, its continuation lines indented by `indent` columns
    (by default where the line's text starts)."""
    if size is None or width(line) <= size:
        return [line]
    lead = len(line) - len(line.lstrip(" "))
    hang = lead if indent is None else indent
    first, *rest = wrap(line[lead:], max(size - lead, _WRAP_MIN))
    head = [" " * lead + first]
    if not rest:
        return head
    tail = wrap(" ".join(rest), max(size - hang, _WRAP_MIN))
    return head + [" " * hang + part for part in tail]


def wrap_names(head: str, names: Sequence[str], size: int | None, hang: int) -> list[str]:
    """`head` then the names separated by commas, a line broken only between two names."""
    text = head + ", ".join(names)
    if size is None or width(text) <= size:
        return [text]
    lines, current = [], head
    for index, name in enumerate(names):
        piece = name + ("," if index < len(names) - 1 else "")
        joined = (
            f"{current} {piece}"
            if current.strip() and not current.endswith(" ")
            else current + piece
        )
        if width(joined) > size and current.strip() and current != head:
            lines.append(current)
            current = " " * hang + piece
        else:
            current = joined
    lines.append(current)
    return lines


# Dates, compact ----------------------------------------------------------------------------


def short_date(day: date | None, today: date, never: str | None = None) -> str:
    """`22 Oct` within today's year, `Oct 2025` in another (`22 oct.`, `oct. 2025`)."""
    from reseau.files.localized import day_month, month_year

    if day is None:
        return _("never") if never is None else never
    if day.year == today.year:
        return day_month(day)
    return month_year(day.year, day.month)


def ago(day: date | None, today: date, never: str | None = None) -> str:
    """How long ago: `today`, `3 d ago`, `2 wk ago`, `3 mo ago`, `2 y ago` (ahead: `in 3 d`).

    French says `3 mois` under a header that says `il y a` (see the tables' compact
    headers): `il y a 3 mois` in every cell would not fit 60 columns."""
    if day is None:
        return _("never") if never is None else never
    days = (today - day).days
    if days == 0:
        return _("today")
    span = abs(days)
    if span < 14:
        amount = _("{count} d").format(count=span)
    elif span < 60:
        amount = _("{count} wk").format(count=span // 7)
    elif span < 730:
        amount = _("{count} mo").format(count=span // 30)
    else:
        amount = ngettext("{count} y", "{count} y", span // 365).format(count=span // 365)
    if days > 0:
        return _("{amount} ago").format(amount=amount)
    return _("in {amount}").format(amount=amount)


def namesakes(names: Sequence[str]) -> set[str]:
    """The names that more than one row holds, compared without case or accents."""
    from reseau.files.slugs import same_name_key

    seen: dict[str, int] = {}
    for name in names:
        key = same_name_key(name)
        seen[key] = seen.get(key, 0) + 1
    return {name for name in names if seen[same_name_key(name)] > 1}


def with_slug_for_namesakes(
    names: Sequence[str], slugs: Sequence[str], alike: set[str] | None = None
) -> list[str]:
    """Each name, followed by its slug where another contact has the same name (`alike`:
    the network's shared names; by default, those shared within the rows)."""
    from reseau.files.slugs import same_name_key

    keys = {same_name_key(n) for n in (namesakes(names) if alike is None else alike)}
    return [
        f"{n} ({s})" if same_name_key(n) in keys else n for n, s in zip(names, slugs, strict=True)
    ]
