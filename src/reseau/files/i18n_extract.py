"""What `pybabel extract` takes from reseau's code (babel.cfg names this module).

Besides the messages marked with `_()`, `ngettext()` and `N_()`, the help of the command line
is for the catalog too, though it is written the way the framework expects it: each command's
docstring, each `help=` and `metavar=` given to an option, an argument or a command group,
and the summary of each entry of the command table (`Entry(module, attribute, summary)`).
They are translated when the help is shown (cli/help.py), so marking them here is enough;
the code keeps reading as plain Typer.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import IO, Any

_DECORATORS = ("command", "callback")
_KEYWORDS = ("help", "short_help")
_SUMMARY = ("Entry", 2)  # the command table's summaries: Entry's third argument
_PLACEHOLDER_MARK = "P_"

# (line, function, message or (context, message), comments), as Babel reads them
Found = tuple[Any, ...]


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Found]:
    """Babel's Python extraction, then the command-line help of the same file."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    yield from help_texts(source.decode(options.get("encoding", "utf-8")))


def help_texts(source: str) -> Iterator[Found]:
    """Every command docstring, `help=`/`metavar=` text and table summary of `source`."""
    tree = ast.parse(source)
    aliases = _annotated_aliases(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node)
            if docstring and _is_command(node, aliases):
                yield node.lineno, None, docstring, []
        elif isinstance(node, ast.Call):
            yield from _call_texts(node)


def _annotated_aliases(tree: ast.Module) -> set[str]:
    """The module's names for parameter types, such as `DryRun = Annotated[bool, ...]`."""
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and _is_annotated(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _is_annotated(annotation: ast.expr | None, aliases: set[str]) -> bool:
    if isinstance(annotation, ast.Subscript):
        return isinstance(annotation.value, ast.Name) and annotation.value.id == "Annotated"
    if isinstance(annotation, ast.Attribute):
        return annotation.attr == "Context"
    return isinstance(annotation, ast.Name) and annotation.id in aliases


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef, aliases: set[str]) -> bool:
    """A function Typer makes a command of: decorated as one, or a public function whose
    parameters are declared for Typer (the command table registers those)."""
    for decorator in node.decorator_list:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(called, ast.Attribute) and called.attr in _DECORATORS:
            return True
    arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    public = not node.name.startswith("_")
    return public and any(_is_annotated(arg.annotation, aliases) for arg in arguments)


def _call_texts(node: ast.Call) -> Iterator[Found]:
    for keyword in node.keywords:
        if keyword.arg in _KEYWORDS:
            yield from _text(keyword.value, cleaned=True)
        elif keyword.arg == "metavar":
            yield from _placeholder(keyword.value)
    called = node.func.id if isinstance(node.func, ast.Name) else None
    name, position = _SUMMARY
    if called == name and len(node.args) > position:
        yield from _text(node.args[position], cleaned=False)
    elif called == _PLACEHOLDER_MARK and node.args:
        yield from _placeholder(node.args[0])


def _text(value: ast.expr, *, cleaned: bool) -> Iterator[Found]:
    """A constant text as the framework shows it (help is dedented and stripped)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
        text = inspect.cleandoc(value.value) if cleaned else value.value
        yield value.lineno, None, text, []


def _placeholder(value: ast.expr) -> Iterator[Found]:
    """A placeholder, in its own context: `DATE` or `KEEP` may mean another thing elsewhere."""
    from reseau.files.i18n import PLACEHOLDER

    if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
        yield value.lineno, "pgettext", (PLACEHOLDER, value.value), []
