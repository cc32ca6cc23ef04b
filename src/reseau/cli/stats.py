"""reseau stats: the network's health against the ten recommendations."""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import emit_json, say_lines
from reseau.cli.state import state_of
from reseau.cli.week import Page, Style

if TYPE_CHECKING:
    from reseau.method.stats import Line, Stats

_LABEL = 4 + 15 + 6  # number, name, verdict: where the figures start
_BAR_MAX = 40
_FULL, _REST = "█", "░"


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """The network's health against the ten recommendations, and an overall score."""
    from reseau.cli.render import terminal_width
    from reseau.method.stats import network_stats

    state = state_of(ctx)
    result = network_stats(state.network(), state.today)
    if as_json:
        emit_json(result.to_json())
        return
    say_lines(stats_lines(result, Page(Style.for_stream(sys.stdout), terminal_width())))


def stats_lines(result: Stats, page: Page) -> list[str]:
    from reseau.files.text import clean
    from reseau.method.agenda import date_label

    owner = f" · {clean(result.owner)}" if result.owner else ""
    title = f"Network health on {date_label(result.today)}{owner}"
    lines = [page.style.bold(page.fit(title)), f"overall {result.overall}/100", ""]
    for line in result.lines:
        lines += _line(line, page)
    return [*lines, "", *chart_lines(result, page)]


def _line(line: Line, page: Page) -> list[str]:
    from reseau.files.text import clean

    verdict = {"good": page.style.green, "fair": page.style.yellow, "weak": page.style.red}
    head = f"{line.number:>2}  {line.name:<15}" + verdict[line.verdict](f"{line.verdict:<4}") + "  "
    texts = _wrap(clean(line.figure), page)
    if line.verdict != "good" and line.advice:
        texts += [page.style.dim(t) for t in _wrap("→ " + clean(line.advice), page)]
    return [head + texts[0], *(" " * _LABEL + text for text in texts[1:])]


def _wrap(text: str, page: Page) -> list[str]:
    if page.width is None:
        return [text]
    return textwrap.wrap(text, max(page.width - _LABEL, 20), break_on_hyphens=False) or [""]


def chart_lines(result: Stats, page: Page) -> list[str]:
    """Interactions per month: a bar each, its positive part full and the rest shaded."""
    positive = result.positive_percent
    share = f", {positive}% positive" if positive is not None else ""
    lines = [page.style.bold(f"Interactions per month, last 12 months{share}")]
    top = max((m.interactions for m in result.months), default=0)
    room = _BAR_MAX if page.width is None else max(10, min(_BAR_MAX, page.width - 20))
    for month in result.months:
        size = round(room * month.interactions / top) if top else 0
        good = round(room * month.positive / top) if top else 0
        bar = page.style.green(_FULL * good) + _REST * (size - good)
        lines.append(f"  {month.label}  {bar}{' ' * (room - size)}  {month.interactions:>3}")
    lines.append(page.style.dim(f"  {_FULL} positive  {_REST} other"))
    return lines
