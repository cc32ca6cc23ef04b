"""Values typed on the command line, handed to the commands without loading Pydantic.

Typer converts each parameter's value through a Pydantic TypeAdapter, built the first time
the parameter is read, whether it was given or not: importing Pydantic and building one
adapter per parameter cost more than the rest of a `reseau log`. For a text parameter
(`str`, or `list[str]` for a repeated option) the adapter hands a `str` back unchanged, the
very object, for a flag a `bool` and for a number's default an `int` within its bounds;
`PlainValue` does the same and passes anything else (bytes, a `str` subclass, text for a
flag or a number, a number out of bounds) to Typer's own conversion, built only then. A
parameter with a parser, a path, a file or a set of choices keeps Typer's conversion from
the start. tests/test_coercion.py compares both on every parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import typer.core
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

_TEXT, _TEXTS, _FLAG, _INTEGER = "text", "texts", "flag", "integer"


@dataclass(frozen=True)
class PlainValue(RuntimeParam):
    """A text or flag parameter's value as Typer's adapter would return it."""

    descriptor: TypeDescriptor
    shape: str

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.shape == _TEXTS and isinstance(value, list | tuple):
            if all(type(item) is str for item in value):
                return list(value)
        elif (
            (self.shape == _TEXT and type(value) is str)
            or (self.shape == _FLAG and type(value) is bool)
            or (self.shape == _INTEGER and type(value) is int and self._within(value))
        ):
            return value
        return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def _within(self, value: int) -> bool:
        """Inside the option's bounds: outside, Typer's conversion refuses or clamps it."""
        low, high = self.descriptor.parameter_info.min, self.descriptor.parameter_info.max
        return (low is None or value >= low) and (high is None or value <= high)


def runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
    """What converts a parameter's value: `PlainValue` where it gives Typer's result."""
    shape = plain_shape(descriptor)
    if shape is None:
        return build_runtime_param(descriptor)
    return PlainValue(descriptor.parameter_info, descriptor.annotation, descriptor, shape)


def plain_shape(descriptor: TypeDescriptor) -> str | None:
    """`text` for `str`, `texts` for `list[str]`, `flag` for `bool`, `integer` for `int`
    (its default passes as it is; digits typed on the command line arrive as text and go
    to Typer's conversion); None for any other."""
    if descriptor.parameter_info.parser is not None:
        return None
    if descriptor.is_file or descriptor.is_path or descriptor.is_choice:
        return None
    annotation = descriptor.annotation
    if annotation is str:
        return _TEXT
    if annotation is bool:
        return _FLAG
    if annotation is int:
        return _INTEGER
    if descriptor.is_list and getattr(annotation, "__args__", None) == (str,):
        return _TEXTS
    return None


def install() -> None:
    """Typer's parameters read their values through `runtime_param` from now on."""
    typer.core.build_runtime_param = runtime_param  # type: ignore[attr-defined]
