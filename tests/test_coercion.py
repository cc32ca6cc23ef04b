"""Command-line values read without Pydantic come out as Typer's own conversion gives them."""

from __future__ import annotations

from typing import Any

import pytest
from typer._click import Context
from typer._coercion import build_runtime_param

from reseau.cli import coercion
from reseau.cli.app import COMMANDS, app, build_command


class Text(str):
    pass


VALUES: dict[str | None, tuple[Any, ...]] = {
    "text": ("x", "", "Élodie Fournier", "a\x00b", "\udcff", b"bytes", Text("sub"), 3),
    "texts": (("a", "b"), ["a"], (), ("a", b"b"), (Text("t"),), ("x", 3)),
    "flag": (True, False, "true", "0", "maybe", 1),
    "integer": (5, 0, -3, 10**30, True, "7", "x", 2.0, 2.5, b"3"),
    None: ("1", "x", "2026-11-30"),
}


def parameters() -> list[tuple[str, Any, Any]]:
    """Every parameter of every command (and of reseau itself), with its command."""
    import typer.main

    found: list[tuple[str, Any, Any]] = []

    def walk(path: str, command: Any) -> None:
        found.extend((f"{path} {p.name}", p, command) for p in command.params)
        for name, sub in getattr(command, "commands", {}).items():
            walk(f"{path} {name}", sub)

    walk("reseau", typer.main.get_command(app))
    for name in COMMANDS:
        walk(name, build_command(name))
    return [(path, p, command) for path, p, command in found if hasattr(p, "type_descriptor")]


def outcome(convert: Any, value: Any, param: Any, command: Any) -> tuple[str, Any]:
    try:
        return "value", convert._coerce_value(value, param=param, ctx=Context(command))
    except Exception as exc:  # the same refusal, word for word
        return type(exc).__name__, exc.args


PARAMETERS = parameters()


def test_most_parameters_are_read_the_light_way() -> None:
    shapes = [coercion.plain_shape(p.type_descriptor) for _path, p, _command in PARAMETERS]
    assert shapes.count("text") > 50 and shapes.count("texts") > 5 and shapes.count("flag") > 20
    assert shapes.count("integer") >= 3
    assert None in shapes  # paths and choices keep Typer's conversion


@pytest.mark.parametrize(("path", "param", "command"), PARAMETERS, ids=[p[0] for p in PARAMETERS])
def test_every_parameter_reads_as_typer_reads_it(path: str, param: Any, command: Any) -> None:
    descriptor = param.type_descriptor
    ours, typers = coercion.runtime_param(descriptor), build_runtime_param(descriptor)
    for value in VALUES[coercion.plain_shape(descriptor)]:
        got = outcome(ours, value, param, command)
        expected = outcome(typers, value, param, command)
        assert got == expected, (path, value)
        assert type(got[1]) is type(expected[1]), (path, value)
        if got[0] == "value" and expected[1] is value:
            assert got[1] is value, (path, value)  # the very object, as Typer hands it


def test_the_application_reads_its_values_the_light_way() -> None:
    import typer.core

    assert typer.core.build_runtime_param is coercion.runtime_param
