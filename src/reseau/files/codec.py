"""Validated values as plain data that `marshal` stores and loads fast, and back, exactly.

A codec is built from a model's field annotations, so it follows the model when fields are
added: text, numbers, booleans, None and lists or mappings of them are kept as they are, a
date becomes its day number, a tuple of items a list, a nested model a tuple of its fields
(so a tuple in the plain data is always a model). Anything else (a type
the codec does not know, a value that is not what its annotation says) raises
`Unsupported`, and the file is then simply not cached. Decoding builds the objects without
validating them again: they were validated when the file was read, and are rebuilt with
exactly the values and the set fields that validation produced.

Each model's encoder and decoder are straight-line functions generated from its fields, as
`dataclasses` does for `__init__`: a network holds hundreds of thousands of interactions,
and a loop over fields per object would cost most of what the cache saves.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

Convert = Callable[[Any], Any]
Find = Callable[[Any, set[str]], None]
_PLAIN = (str, int, bool, float, type(None))
_set = object.__setattr__


class Unsupported(Exception):
    """A value the codec cannot store exactly: the file is read the strict way instead."""


class Codec:
    """Encoders and decoders for one root model and every model reachable from it."""

    def __init__(self, model: type) -> None:
        self.model = model
        self._encoders: dict[type, Convert] = {}
        self._decoders: dict[type, Convert] = {}
        self.encode = self._encoder(model)
        self.decode = self._decoder(model)
        self._find = self._finder(model)

    def texts_in_lists(self, encoded: Any) -> set[str]:
        """Every text in a list, anywhere in an encoded value (what could name a contact,
        see filecache.names): the same as `texts_in_lists_of` finds walking it all,
        looking only at the fields whose annotation lets them hold a list."""
        found: set[str] = set()
        if self._find is not None:
            self._find(encoded, found)
        return found

    # building --------------------------------------------------------------------------------

    def _finder(self, cls: type) -> Find | None:
        """A model's generated search of its encoded fields; None when none can hold a list.

        Nested models are searched inline, not by a call per item: a contact's interactions
        are most of its items, and a call each cost as much as walking them all."""
        namespace: dict[str, Any] = {"walk": _walk}
        body = self._find_lines(cls, "t", 1, namespace, (cls,))
        if not body:
            return None
        exec("\n".join(["def find(t, found):", *body]) + "\n", namespace)
        generated: Find = namespace["find"]
        return generated

    def _find_lines(
        self, cls: type, var: str, depth: int, namespace: dict[str, Any], within: tuple[type, ...]
    ) -> list[str]:
        """The lines that search `var`, an encoded `cls`, indented `depth` levels."""
        pad = "    " * depth
        lines: list[str] = []
        for index, annotation in enumerate(_fields(cls).values()):
            value = f"v{depth}"
            step = self._find_step(annotation, value, depth + 1, namespace, within)
            if step:
                lines += [f"{pad}{value} = {var}[{index + 1}]", f"{pad}if {value}:", *step]
        return lines

    def _find_step(
        self,
        annotation: Any,
        var: str,
        depth: int,
        namespace: dict[str, Any],
        within: tuple[type, ...],
    ) -> list[str]:
        """The lines that search a field's encoded value `var` (known not empty)."""
        pad = "    " * depth
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            return self._find_step(args[0], var, depth, namespace, within)
        if origin is typing.Literal or annotation in _PLAIN or annotation is date:
            return []
        if origin in (typing.Union, types.UnionType):
            inner = [arg for arg in args if arg is not type(None)]
            if len(inner) == 1:
                return self._find_step(inner[0], var, depth, namespace, within)
            if all(_is_plain(arg) for arg in inner):
                return []
        elif _is_model(annotation) and annotation not in within:
            return self._find_lines(annotation, var, depth, namespace, (*within, annotation))
        elif origin in (list, tuple) and _is_sequence(args):
            item = args[0]
            if _unwrapped(item) is str:
                return [f"{pad}found.update({var})"]
            if _is_plain(item):
                return [f"{pad}found.update([x for x in {var} if type(x) is str])"]
            if _is_model(item) and item not in within:
                each = f"i{depth}"
                inner_lines = self._find_lines(item, each, depth + 1, namespace, (*within, item))
                return [f"{pad}for {each} in {var}:", *inner_lines] if inner_lines else []
        elif origin is dict and len(args) == 2 and args[0] is str and _is_plain(args[1]):
            return []
        return [f"{pad}walk(({var},), found, False)"]

    def _encoder(self, cls: type) -> Convert:
        if cls not in self._encoders:
            self._encoders[cls] = _late(lambda: self._encoders[cls])
            self._encoders[cls] = self._generate(cls, encode=True)
        return self._encoders[cls]

    def _decoder(self, cls: type) -> Convert:
        if cls not in self._decoders:
            self._decoders[cls] = _late(lambda: self._decoders[cls])
            self._decoders[cls] = self._generate(cls, encode=False)
        return self._decoders[cls]

    def _generate(self, cls: type, *, encode: bool) -> Convert:
        fields = _fields(cls)
        converters = {
            f"c{index}": self._converter(annotation, encode=encode)
            for index, annotation in enumerate(fields.values())
        }
        names = list(fields)
        namespace: dict[str, Any] = {
            "cls": cls,
            "new": object.__new__,
            "put": _set,
            "Unsupported": Unsupported,
        }
        namespace.update({key: conv for key, conv in converters.items() if conv is not None})
        values = [
            f"c{i}({{}})" if converters[f"c{i}"] is not None else "{}" for i in range(len(names))
        ]
        if encode:
            body = _encode_body(cls, names, values)
        else:
            body = _decode_body(cls, names, values, namespace)
        exec(body, namespace)
        generated: Convert = namespace["convert"]
        return generated

    def _converter(self, annotation: Any, *, encode: bool) -> Convert | None:
        """What turns a field's value into plain data (or back); None when it already is."""
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            return self._converter(args[0], encode=encode)
        if origin is typing.Literal or annotation in _PLAIN:
            return None
        if origin in (typing.Union, types.UnionType):
            inner = [arg for arg in args if arg is not type(None)]
            if len(inner) != 1:
                return None if all(_is_plain(arg) for arg in inner) else _checked
            conv = self._converter(inner[0], encode=encode)
            return None if conv is None else _optional(conv)
        if annotation is date:
            return _day_number if encode else date.fromordinal
        if _is_model(annotation):
            return self._encoder(annotation) if encode else self._decoder(annotation)
        if origin is list and len(args) == 1:
            item = self._converter(args[0], encode=encode)
            return None if item is None else _each(item)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            # stored as a list: in the plain data, a tuple is a model's fields
            item = self._converter(args[0], encode=encode)
            if item is None:
                return list if encode else tuple
            return _each(item) if encode else _each_of_tuple(item)
        if origin is dict and len(args) == 2 and args[0] is str:
            value = self._converter(args[1], encode=encode)
            return None if value is None else _each_value(value)
        return _checked


def texts_in_lists_of(encoded: Any) -> set[str]:
    """Every text in a list, anywhere in an encoded value, found by walking all of it:
    encoded models are tuples, lists stay lists."""
    found: set[str] = set()
    _walk((encoded,), found, False)
    return found


def _walk(fields: Any, found: set[str], in_list: bool) -> None:
    for item in fields:
        kind = type(item)
        if kind is str:
            if in_list:
                found.add(item)
        elif kind is list or kind is tuple:
            if item:  # most lists are empty (an interaction's `with`): no call for them
                _walk(item, found, kind is list)
        elif kind is dict:
            _walk(item.values(), found, False)


def _unwrapped(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrapped(typing.get_args(annotation)[0])
    return annotation


def _is_sequence(args: tuple[Any, ...]) -> bool:
    """`list[X]` or `tuple[X, ...]`: the annotations the codec stores as a list."""
    return len(args) == 1 or (len(args) == 2 and args[1] is Ellipsis)


def codec_for(model: type) -> Codec:
    """The codec of `model`, built once per process."""
    if model not in _CODECS:
        _CODECS[model] = Codec(model)
    return _CODECS[model]


_CODECS: dict[type, Codec] = {}


def _fields(cls: type) -> dict[str, Any]:
    """The fields of a pydantic model or dataclass and their annotations, with metadata."""
    found = {}
    for name, info in cls.__pydantic_fields__.items():  # type: ignore[attr-defined]
        annotation = info.annotation
        found[name] = typing.Annotated[annotation, *info.metadata] if info.metadata else annotation
    return found


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and hasattr(candidate, "__pydantic_fields__")


def _is_plain(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_plain(typing.get_args(annotation)[0])
    return annotation in _PLAIN or origin is typing.Literal


def _encode_body(cls: type, names: list[str], values: list[str]) -> str:
    if issubclass(cls, BaseModel):
        _check_model(cls)
        reads = [value.format(f"d[{name!r}]") for name, value in zip(names, values, strict=True)]
        mask = " | ".join(f"({name!r} in s) << {i}" for i, name in enumerate(names)) or "0"
        lines = [
            "def convert(o):",
            "    if type(o) is not cls: raise Unsupported(type(o).__name__)",
            "    d = o.__dict__",
            "    s = o.__pydantic_fields_set__",
            f"    return ({mask}, {', '.join(reads)},)",
        ]
    else:
        _check_dataclass(cls)
        reads = [value.format(f"o.{name}") for name, value in zip(names, values, strict=True)]
        lines = [
            "def convert(o):",
            "    if type(o) is not cls: raise Unsupported(type(o).__name__)",
            f"    return (0, {', '.join(reads)},)",
        ]
    return "\n".join(lines) + "\n"


def _decode_body(cls: type, names: list[str], values: list[str], namespace: dict[str, Any]) -> str:
    reads = [value.format(f"t[{i + 1}]") for i, value in enumerate(values)]
    if issubclass(cls, BaseModel):
        namespace["names"] = tuple(names)
        namespace["sets"] = {}  # by mask: one set of field names for all objects alike
        pairs = ", ".join(f"{name!r}: {read}" for name, read in zip(names, reads, strict=True))
        lines = [
            "def convert(t):",
            f"    if type(t) is not tuple or len(t) != {len(names) + 1}: raise ValueError(cls)",
            "    o = new(cls)",
            f"    put(o, '__dict__', {{{pairs}}})",
            "    m = t[0]",
            "    s = sets.get(m)",
            "    if s is None:",
            "        s = sets[m] = {n for i, n in enumerate(names) if m >> i & 1}",
            "    put(o, '__pydantic_fields_set__', s)",
            "    put(o, '__pydantic_extra__', None)",
            "    put(o, '__pydantic_private__', None)",
            "    return o",
        ]
    else:
        lines = [
            "def convert(t):",
            f"    if type(t) is not tuple or len(t) != {len(names) + 1}: raise ValueError(cls)",
            "    o = new(cls)",
        ]
        for name, read in zip(names, reads, strict=True):
            namespace[f"set_{name}"] = cls.__dict__[name].__set__
            lines.append(f"    set_{name}(o, {read})")
        lines.append("    return o")
    return "\n".join(lines) + "\n"


def _check_model(cls: type[BaseModel]) -> None:
    """Only models whose whole state is their fields can be rebuilt from their fields."""
    if cls.model_config.get("extra") == "allow" or cls.__private_attributes__:
        raise Unsupported(f"{cls.__name__} keeps state outside its fields")
    if cls.model_post_init is not BaseModel.model_post_init:
        raise Unsupported(f"{cls.__name__} runs code after it is built")


def _check_dataclass(cls: type) -> None:
    slots = set(getattr(cls, "__slots__", ()))
    if not set(cls.__pydantic_fields__) <= slots or hasattr(cls, "__post_init__"):  # type: ignore[attr-defined]
        raise Unsupported(f"{cls.__name__} is not a dataclass of slots only")


def _late(get: Callable[[], Convert]) -> Convert:
    """A converter that looks its target up when called: models that contain themselves."""
    return lambda value: get()(value)


def _optional(conv: Convert) -> Convert:
    return lambda value: None if value is None else conv(value)


def _each(conv: Convert) -> Convert:
    return lambda values: [conv(value) for value in values]


def _each_of_tuple(conv: Convert) -> Convert:
    return lambda values: tuple([conv(value) for value in values])


def _each_value(conv: Convert) -> Convert:
    return lambda values: {key: conv(value) for key, value in values.items()}


def _day_number(value: Any) -> int:
    if type(value) is not date:  # a datetime would lose its time
        raise Unsupported(type(value).__name__)
    return value.toordinal()


def _checked(value: Any) -> Any:
    """A value whose annotation says nothing sure: kept only when it is plain data."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [_checked(item) for item in value]
    if kind is dict and all(type(key) is str for key in value):
        return {key: _checked(item) for key, item in value.items()}
    raise Unsupported(kind.__name__)
