"""`reseau --help` written without loading Typer: the very text Typer writes, in a fraction
of the time (importing Typer and the click it bundles is most of a `--help`).

It is the page Typer's bundled click lays out for the application of cli/app.py, built
from the same table (cli/commands.py) and laid out by the same rules: the width of the
terminal less 2, at most 78 and at least 50; the text wrapped by words, a word longer than
its column cut; options and commands as a definition list whose first column is at most 30
wide. Only `reseau --help` or `-h` alone, with nothing but global options that carry a
value or `--debug`, is answered here; anything else goes to Typer. tests/test_tophelp.py
compares both, in every language and at several widths.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Sequence

from reseau.cli.commands import APP_HELP, COMMANDS, OPTIONS, SUBCOMMAND, global_options
from reseau.files.i18n import _, placeholder

HELP_OPTIONS = ("-h", "--help")
_WITH_VALUE = ("--dir", "--today", "--lang", "--as")
_FLAGS = ("--debug",)
_INDENT = 2
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def asked(arguments: Sequence[str]) -> bool:
    """Whether `arguments` ask for the top-level help and nothing else Typer would act on."""
    helps, index = 0, 0
    while index < len(arguments):
        argument = arguments[index]
        if argument in HELP_OPTIONS:
            helps += 1
        elif argument in _WITH_VALUE and index + 1 < len(arguments):
            index += 1  # its value, whatever it looks like, as click reads it
        elif argument not in _FLAGS and not _with_its_value(argument):
            return False
        index += 1
    return helps > 0


def _with_its_value(argument: str) -> bool:
    """`--dir=PATH`: a global option and its value in one argument."""
    name, equals, _value = argument.partition("=")
    return bool(equals) and name in _WITH_VALUE


def can_write() -> bool:
    """Typer's echo writes to an ASCII stdout through a stream of its own: left to it."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False


def page(width: int | None = None) -> str:
    """The top-level help, as Typer writes it for a terminal `width` columns wide."""
    page = _Page(_text_width() if width is None else width)
    page.usage("reseau", f"{placeholder(OPTIONS)} {placeholder(SUBCOMMAND)}")
    page.text(_cleandoc(_(APP_HELP)).partition("\f")[0], _INDENT)
    options = [(_name(o.name, o.metavar), _(o.help)) for o in global_options().values()]
    help_option = (", ".join(HELP_OPTIONS), _("Show this message and exit."))
    page.section(_("Options"), [*options, help_option])
    commands = [(name, _(entry.summary)) for name, entry in COMMANDS.items()]
    page.section(_("Commands"), commands)
    return page.value().rstrip("\n") + "\n"


def _name(name: str, metavar: str | None) -> str:
    return name if metavar is None else f"{name} {placeholder(metavar)}"


def _text_width() -> int:
    return max(min(_columns(), 80) - 2, 50)


def _columns() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (and the compressors it
    loads): COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        return (os.get_terminal_size(stdout.fileno()).columns if stdout else 0) or 80
    except (ValueError, OSError):
        return 80


def _length(text: str) -> int:
    return len(_ANSI.sub("", text))


class _Wrapper(textwrap.TextWrapper):
    """Wraps as click does: a word longer than the line is cut where the line ends."""

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]


def _wrap(text: str, width: int, indent: str = "", subsequent: str = "") -> str:
    wrapper = _Wrapper(
        width, initial_indent=indent, subsequent_indent=subsequent, replace_whitespace=False
    )
    return wrapper.fill(text.expandtabs())


def _paragraphs(text: str, width: int, indent: str) -> str:
    """Paragraphs (blank-line separated) each rewrapped, a `\\b` one kept as it is."""
    found: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    depth: int | None = None

    def flush() -> None:
        if lines:
            raw = lines[0].strip() == "\b"
            found.append((depth or 0, raw, "\n".join(lines[1:]) if raw else " ".join(lines)))
            lines.clear()

    for line in text.expandtabs().splitlines():
        if not line:
            flush()
            depth = None
            continue
        if depth is None:
            stripped = line.lstrip()
            depth = _length(line) - _length(stripped)
            line = stripped
        lines.append(line)
    flush()
    shown = []
    for extra, raw, paragraph in found:
        lead = indent + " " * extra
        if raw:
            shown.append("\n".join(lead + line for line in paragraph.splitlines()))
        else:
            shown.append(_wrap(paragraph, width, lead, lead))
    return "\n\n".join(shown)


class _Page:
    """The page being written: what click's HelpFormatter does, for what this page needs."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.indent = 0
        self.parts: list[str] = []

    def value(self) -> str:
        return "".join(self.parts)

    def paragraph(self) -> None:
        if self.parts:
            self.parts.append("\n")

    def usage(self, program: str, pieces: str) -> None:
        prefix = _("Usage: ")
        lead = f"{prefix:>{self.indent}}{program} "
        width = self.width - self.indent
        if width >= _length(lead) + 20:
            self.parts.append(_wrap(pieces, width, lead, " " * _length(lead)))
        else:
            hanging = " " * (max(self.indent, _length(prefix)) + 4)
            self.parts += [lead, "\n", _wrap(pieces, width, hanging, hanging)]
        self.parts.append("\n")

    def text(self, text: str, indent: int) -> None:
        if text:
            self.paragraph()
            self.parts.append(_paragraphs(text, self.width, " " * (self.indent + indent)))
            self.parts.append("\n")

    def section(self, heading: str, rows: list[tuple[str, str]]) -> None:
        self.paragraph()
        self.parts.append(f"{'':>{self.indent}}" + _("{heading}:").format(heading=heading) + "\n")
        self.indent += _INDENT
        self.definitions(rows)
        self.indent -= _INDENT

    def definitions(self, rows: list[tuple[str, str]], most: int = 30, spacing: int = 2) -> None:
        first = min(max(_length(name) for name, _text in rows), most) + spacing
        margin = " " * (first + self.indent)
        for name, text in rows:
            self.parts.append(f"{'':>{self.indent}}{name}")
            if not text:
                self.parts.append("\n")
                continue
            if _length(name) <= first - spacing:
                self.parts.append(" " * (first - _length(name)))
            else:
                self.parts += ["\n", margin]
            lines = _paragraphs(text, max(self.width - first - 2, 10), "").splitlines()
            self.parts.append(f"{lines[0]}\n" if lines else "\n")
            self.parts += [f"{margin}{line}\n" for line in lines[1:]]


def _cleandoc(text: str) -> str:
    """inspect.cleandoc, without importing inspect."""
    lines = text.expandtabs().split("\n")
    margin = min(
        (len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()),
        default=sys.maxsize,
    )
    lines[0] = lines[0].lstrip()
    if margin < sys.maxsize:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
