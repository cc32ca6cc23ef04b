"""Pydantic's errors, mapped back to the file's lines and reworded for people."""

from __future__ import annotations

import difflib
import types
import typing
import weakref
from collections.abc import Sequence
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from reseau.files.i18n import _
from reseau.files.model import validated
from reseau.files.problems import Problem
from reseau.files.vocabulary import meant_value
from reseau.files.yamlio import Loaded, compose, is_null, parse_text

M = TypeVar("M")
_UNKNOWN_KEY = frozenset({"extra_forbidden", "unexpected_keyword_argument"})
_AS_IN_FILES = {"tuple_type": "list_type", "dataclass_type": "model_type"}
Loc = Sequence[int | str]
_SCAN_KEYS = 16
_KEY_INDEX: weakref.WeakKeyDictionary[yaml.MappingNode, dict[Any, tuple[yaml.Node, yaml.Node]]]
_KEY_INDEX = weakref.WeakKeyDictionary()


def validate(model: type[M], loaded: Loaded) -> tuple[M | None, list[Problem]]:
    """The model for a loaded file, or the problems that stop it, each with its line."""
    if loaded.data is None:
        return None, loaded.problems
    try:
        value = validated(model, loaded.data)
    except ValidationError as exc:
        try:
            root = compose(loaded.text)
        except yaml.YAMLError:  # data no strict read gave: libyaml's problem is the one to say
            strict = parse_text(loaded.text, loaded.path)
            if strict.problems:
                return None, [*loaded.problems, *strict.problems]
            root = None
        found = [_to_problem(model, error, loaded.path, root) for error in exc.errors()]
        return None, [*loaded.problems, *found]
    if loaded.problems:
        return None, loaded.problems
    return value, []


def field_name(loc: Loc) -> str:
    """`interactions[3].date`: keys joined by dots, list positions counted from 1."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else part
    return name


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _to_problem(model: type, error: ErrorDetails, path: str, root: Any) -> Problem:
    # Pydantic names an error after how a model is built; a file holds lists and mappings
    if error["type"] in _AS_IN_FILES:
        error = {**error, "type": _AS_IN_FILES[error["type"]]}
    loc = tuple(error["loc"])
    unknown = error["type"] in _UNKNOWN_KEY
    line, column = locate(root, loc, key=unknown)
    message = _null_word(root, loc) if error.get("input", "") is None else None
    message = message or _message(model, error, loc)
    code = "unknown-key" if unknown else error["type"].replace("_", "-")
    return Problem(path, line, field_name(loc), message, code, column=column)


def locate(root: yaml.Node | None, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the value (or `key`) at `loc`, or of its nearest parent."""
    node = root
    for position, part in enumerate(loc):
        child = _child(node, part, key=key and position == len(loc) - 1)
        if child is None:
            break
        node = child
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node | None, part: int | str, *, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        pair = _pair(node, part)
        if pair is not None:
            key_node, value = pair
            empty = isinstance(value, yaml.ScalarNode) and not value.value
            chosen: yaml.Node = key_node if key or empty else value
            return chosen
    return None


def _null_word(root: yaml.Node | None, loc: Loc) -> str | None:
    """A value YAML reads as nothing (`name: Null`, `name: ~`) where one is needed: say how
    to write the word itself."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = _pair(node, part)
            node = pair[1] if pair else None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
    if not isinstance(node, yaml.ScalarNode) or not is_null(node):
        return None
    if not node.value:
        return "has no value; write one after the ':'"
    word = node.value
    return f"a plain {word} means no value in YAML; to mean the word, quote it: '{word}'"


def _pair(node: yaml.MappingNode, part: int | str) -> tuple[yaml.Node, yaml.Node] | None:
    """The first key named `part` and its value; a long mapping is indexed once, so that
    locating thousands of problems in it stays linear."""
    if len(node.value) <= _SCAN_KEYS:
        return next(((k, v) for k, v in node.value if k.value == part), None)
    index = _KEY_INDEX.get(node)
    if index is None:
        index = {}
        for key_node, value in node.value:
            index.setdefault(key_node.value, (key_node, value))
        _KEY_INDEX[node] = index
    return index.get(part)


def _message(model: type, error: ErrorDetails, loc: Loc) -> str:
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("is required")
    if kind in _UNKNOWN_KEY:
        return _unknown_key(model, loc)
    if kind == "literal_error":
        return _not_one_of(model, loc, given)
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return _out_of_range(model, loc, given)
    if kind == "date_format":
        return str(ctx.get("reason", error["msg"]))
    if kind.startswith("date"):
        reason = ctx.get("error")
        detail = f" ({reason})" if reason and "invalid" not in str(reason) else ""
        return _("'{given}' is not a date{detail}; write YYYY-MM-DD").format(
            given=given, detail=detail
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("expected a whole number, got {given}").format(given=_show(given))
    if kind in ("bool_parsing", "bool_type"):
        return _("expected true or false, got {given}").format(given=_show(given))
    if kind == "list_type":
        return _("expected a list, like [a, b], got {given}").format(given=_show(given))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("expected a mapping (key: value lines), got {given}").format(given=_show(given))
    if kind == "string_type":
        return _("expected text, got {given}").format(given=_show(given))
    if kind == "string_too_short":
        return _("cannot be empty")
    if kind == "string_pattern_mismatch":
        return _("{given} does not have the expected form ({pattern})").format(
            given=_show(given), pattern=ctx.get("pattern", "")
        )
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def _unknown_key(model: type, loc: Loc) -> str:
    key = str(loc[-1])
    known = _known_keys(model, loc[:-1])
    message = _("unknown key '{key}'").format(key=key)
    close = suggest(key, known)
    if close:
        return _("{message}; did you mean '{close}'?").format(message=message, close=close)
    if known:
        hint = _(" (or put your own fields under extra:)") if "extra" in known else ""
        return _("{message}; expected one of: {known}{hint}").format(
            message=message, known=", ".join(known), hint=hint
        )
    return message


def _not_one_of(model: type, loc: Loc, given: Any) -> str:
    choices = _literal_choices(_annotation_at(model, loc))
    message = _("{given} is not one of: {choices}").format(
        given=_show(given), choices=", ".join(choices)
    )
    close = meant_value(str(given), choices) or suggest(str(given), choices)
    if close:
        return _("{message}; did you mean '{close}'?").format(message=message, close=close)
    return message


def _out_of_range(model: type, loc: Loc, given: Any) -> str:
    low, high = _bounds(_annotation_at(model, loc))
    if low is not None and high is not None:
        return _("must be from {low} to {high}, got {given}").format(
            low=low, high=high, given=_show(given)
        )
    if low is not None:
        return _("must be at least {low}, got {given}").format(low=low, given=_show(given))
    return _("must be at most {high}, got {given}").format(high=high, given=_show(given))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing")
    return f"'{value}'"


def _known_keys(model: type, loc: Loc) -> list[str]:
    target = _model_in(_annotation_at(model, loc)) if loc else model
    if target is None:
        return []
    return [info.alias or name for name, info in _fields_of(target).items()]


def _fields_of(cls: type) -> dict[str, FieldInfo]:
    """The fields of a pydantic model or of a pydantic dataclass."""
    fields = getattr(cls, "__pydantic_fields__", None)
    return dict(fields) if isinstance(fields, dict) else {}


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and hasattr(candidate, "__pydantic_fields__")


def _annotation_at(model: type, loc: Loc) -> Any:
    """The type annotation that describes the value at `loc` inside `model`."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    return current


def _step(annotation: Any, part: int | str) -> Any:
    for candidate in _unwrap(annotation):
        if _is_model(candidate) and isinstance(part, str):
            for name, info in _fields_of(candidate).items():
                if part in (name, info.alias):
                    return (
                        info.annotation
                        if not info.metadata
                        else typing.Annotated[info.annotation, *info.metadata]
                    )
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin is list and isinstance(part, int) and args:
            return args[0]
        if origin is tuple and isinstance(part, int) and len(args) == 2 and args[1] is ...:
            return args[0]
        if origin is dict and isinstance(part, str) and len(args) == 2:
            return args[1]
    return None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _model_in(annotation: Any) -> type | None:
    for candidate in _unwrap(annotation):
        if _is_model(candidate):
            return candidate  # type: ignore[no-any-return]
    return None


def _literal_choices(annotation: Any) -> list[str]:
    return [
        str(value)
        for candidate in _unwrap(annotation)
        if typing.get_origin(candidate) is typing.Literal
        for value in typing.get_args(candidate)
    ]


def _bounds(annotation: Any) -> tuple[Any, Any]:
    low = high = None
    stack = [annotation]
    while stack:
        current = stack.pop()
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            inner, *metadata = typing.get_args(current)
            stack.append(inner)
            for item in metadata:
                low = getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low
                high = getattr(item, "le", None) if getattr(item, "le", None) is not None else high
                for sub in getattr(item, "metadata", []) or []:
                    stack.append(typing.Annotated[int, sub])
        elif origin in (typing.Union, types.UnionType):
            stack.extend(typing.get_args(current))
    return low, high
