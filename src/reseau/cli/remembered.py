"""Outputs remembered while nothing they are computed from changes (see files.cache).

A read command's output is a function of the folder's files, today, its options, how the
output is rendered (width, colour, language) and the code: all of it goes into the key, so
an output is printed again only when it would come out the same. The warnings the read gave
are kept with it and said again. An output that fails (an unknown circle, say) is never
kept: the error is raised again on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeGuard

import typer

from reseau.cli.state import State

if TYPE_CHECKING:
    from reseau.files.store import Network


def remembered_output(
    state: State, name: str, parts: tuple[object, ...], produce: Callable[[Network], str]
) -> str:
    """What `produce` makes of the network, from the cache when nothing it depends on has
    changed; `parts` are the options and rendering it depends on besides the folder, today
    and the code. The read's warnings go to stderr either way."""

    def compute() -> tuple[str, list[str]]:
        from reseau.files.store import load_network, load_warnings

        network = load_network(state.root())
        warnings = load_warnings(network)
        _say_warnings(warnings)
        return produce(network), warnings

    return remembered(state, name, parts, compute, said=True)


def remembered(
    state: State,
    name: str,
    parts: tuple[object, ...],
    compute: Callable[[], tuple[str, list[str]]],
    *,
    said: bool = False,
) -> str:
    """The text `compute` returns with its warnings, from the cache when nothing it depends
    on has changed; the warnings go to stderr either way (`said`: `compute` says them)."""
    from reseau.files.cache import recall, remember, result_key

    root = state.root()
    key = result_key(root, name, state.today.isoformat(), *parts)
    stored = recall(root, name, key)
    if _is_output(stored):
        text, warnings = stored
        _say_warnings(warnings)
        return text
    text, warnings = compute()
    if not said:
        _say_warnings(warnings)
    remember(root, name, key, (text, warnings))
    return text


def _is_output(stored: object) -> TypeGuard[tuple[str, list[str]]]:
    if not isinstance(stored, tuple) or len(stored) != 2:
        return False
    text, warnings = stored
    return (
        isinstance(text, str)
        and isinstance(warnings, list)
        and all(isinstance(line, str) for line in warnings)
    )


def _say_warnings(warnings: list[str]) -> None:
    for line in warnings:
        typer.echo(line, err=True)
