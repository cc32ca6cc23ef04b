"""reseau stats: the network's health against the ten recommendations."""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import emit_json, say_lines
from reseau.cli.palette import STATES, Style
from reseau.cli.state import state_of
from reseau.cli.week import Page
from reseau.files.i18n import _, pgettext

if TYPE_CHECKING:
    from datetime import date

    from reseau.files.store import Network
    from reseau.method.stats import Line, Stats
    from reseau.method.team import TeamStats

_BAR_MAX = 40
_FULL, _REST = "█", "░"


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    whole_team: Annotated[
        bool,
        typer.Option("--team", help="In a team network: what each member did, who holds whom."),
    ] = False,
) -> None:
    """The network's health against the ten recommendations, and an overall score."""
    from reseau.cli.remembered import remembered_output
    from reseau.cli.render import terminal_width

    state = state_of(ctx)
    if whole_team:
        _team(state.network(), state.today, as_json)
        return
    page = None if as_json else Page(Style.for_stream(sys.stdout), terminal_width())
    parts = (as_json, page and (page.style.enabled, page.width))

    def produce(network: Network) -> str:
        return _stats_output(network, state.today, page)

    sys.stdout.write(remembered_output(state, "stats", parts, produce))


def _stats_output(network: Network, today: date, page: Page | None) -> str:
    """The ten lines and the chart, or JSON without a page."""
    from reseau.cli.render import to_json
    from reseau.method.stats import network_stats

    result = network_stats(network, today)
    if page is None:
        return to_json(result.to_json()) + "\n"
    return "".join(line + "\n" for line in stats_lines(result, page))


def _team(network: Network, today: date, as_json: bool) -> None:
    from reseau.method.team import is_team, team_stats

    if not is_team(network.settings):
        raise typer.BadParameter(_("reseau.yaml lists no members"), param_hint="--team")
    result = team_stats(network, today)
    if as_json:
        emit_json(result.to_json())
        return
    say_lines(_team_lines(result, network.names(), today))


def _team_lines(result: TeamStats, names: dict[str, str], today: date) -> list[str]:
    """What each member did this quarter, as a table, then who holds whom."""
    from reseau.files.text import clean, pad, width

    title = _("The team in {quarter}, as of {day}").format(
        quarter=result.quarter, day=today.isoformat()
    )
    head = (_("member"), _("interactions"), _("in person"), _("introductions"), _("sessions"))
    rows = [
        (clean(m.name or m.member), m.interactions, m.in_person, m.introductions, m.sessions)
        for m in result.members
    ]
    first = max(width(str(r[0])) for r in [head, *rows])
    sizes = [max(13, width(label)) for label in head[1:]]  # 13: room for a count and its label
    lines = [title, ""]
    for row in [head, *rows]:
        cells = "".join(
            "  " + pad(str(cell), size, right=True)
            for cell, size in zip(row[1:], sizes, strict=True)
        )
        lines.append(pad(str(row[0]), first) + cells)
    lines.append("")
    none = pgettext("contacts", "none")
    for member, slugs in result.held_alone.items():
        held = ", ".join(clean(names.get(s, s)) for s in slugs) or none
        alone = _("held by {member} alone ({count}): {names}")
        lines.append(alone.format(member=clean(member), count=len(slugs), names=held))
    untouched = ", ".join(clean(names.get(s, s)) for s in result.untouched) or none
    nobody = _("touched by nobody in a year ({count}): {names}")
    lines.append(nobody.format(count=len(result.untouched), names=untouched))
    return lines


def stats_lines(result: Stats, page: Page) -> list[str]:
    from reseau.files.localized import day_month_year
    from reseau.files.text import clean

    owner = f" · {clean(result.owner)}" if result.owner else ""
    title = _("Network health on {day}").format(day=day_month_year(result.today)) + owner
    overall = _("overall {score}/100").format(score=result.overall)
    lines = [*map(page.style.bold, page.wrap(title)), overall, ""]
    for line in result.lines:
        lines += _line(line, page)
    return [*lines, "", *chart_lines(result, page)]


def _line(line: Line, page: Page) -> list[str]:
    from reseau.files.text import clean

    shown = _(line.verdict).ljust(_verdict_width())
    name = _(line.name).ljust(_name_width())
    head = f"{line.number:>2}  {name}" + page.style.paint(shown, STATES[line.verdict]) + "  "
    texts = _wrap(clean(line.figure), page)
    if line.verdict != "good" and line.advice:
        texts += [page.style.dim(t) for t in _wrap("→ " + clean(line.advice), page)]
    return [head + texts[0], *(" " * _label() + text for text in texts[1:])]


def _verdict_width() -> int:
    from reseau.method.stats import VERDICTS

    return max(len(_(verdict)) for verdict in VERDICTS)


def _name_width() -> int:
    from reseau.method.stats import NAMES

    return max(15, 1 + max(len(_(name)) for name in NAMES))


def _label() -> int:
    """Where the figures start: after the number, the name and the verdict."""
    return 4 + _name_width() + _verdict_width() + 2


def _wrap(text: str, page: Page) -> list[str]:
    if page.width is None:
        return [text]
    return textwrap.wrap(text, max(page.width - _label(), 20), break_on_hyphens=False) or [""]


def chart_lines(result: Stats, page: Page) -> list[str]:
    """Interactions per month: a bar each, its positive part full and the rest shaded."""
    from reseau.files.localized import percent

    positive = result.positive_percent
    if positive is None:
        title = _("Interactions per month, last 12 months")
    else:
        title = _("Interactions per month, last 12 months, {share} positive").format(
            share=percent(positive)
        )
    lines = [page.style.bold(title)]
    top = max((m.interactions for m in result.months), default=0)
    room = _BAR_MAX if page.width is None else max(10, min(_BAR_MAX, page.width - 20))
    label_width = max((len(month.label) for month in result.months), default=0)
    for month in result.months:
        size = round(room * month.interactions / top) if top else 0
        good = round(room * month.positive / top) if top else 0
        bar = page.style.green(_FULL * good) + _REST * (size - good)
        label = month.label.ljust(label_width)
        lines.append(f"  {label}  {bar}{' ' * (room - size)}  {month.interactions:>3}")
    lines.append(
        page.style.dim("  " + _("{full} positive  {rest} other").format(full=_FULL, rest=_REST))
    )
    return lines
