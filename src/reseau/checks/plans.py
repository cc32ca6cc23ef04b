"""Rules on plan files: the quarter, the references, the dates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reseau.checks.base import Where, did_you_mean, has_settings
from reseau.files.folder import PLANS_DIR
from reseau.files.i18n import _
from reseau.files.model import Plan
from reseau.files.problems import Problem, Severity
from reseau.files.quarters import Quarter
from reseau.files.slugs import resolve
from reseau.files.store import Network
from reseau.method.plans import Item


def check_plans(network: Network, where: Where) -> Iterator[Problem]:
    for stem, plan in network.plans.items():
        relpath = f"{PLANS_DIR}/{stem}.yaml"
        yield from _quarter(stem, plan, relpath, where)
        yield from _references(network, plan, relpath, where)
        yield from _dates(plan, relpath, where)
        yield from _carried(plan, relpath, where)
        yield from _duplicates(plan, relpath, where)


def _quarter(stem: str, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    if plan.quarter != stem:
        yield where.problem(
            relpath,
            ("quarter",),
            _("says {quarter} but the file is named {stem}.yaml; make them agree").format(
                quarter=plan.quarter, stem=stem
            ),
            "quarter-name",
        )


def _references(network: Network, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    for index, item in enumerate(plan.meet):
        if not network.has_contact_file(item.contact):
            message = _("no contact '{slug}'{hint}").format(
                slug=item.contact, hint=_contact_hint(network, item.contact)
            )
            yield where.problem(relpath, ("meet", index, "contact"), message, "unknown-contact")
    if has_settings(network):
        yield from _circles(network, plan, relpath, where)


def _circles(network: Network, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    """`focus` and `invite` name objectives of reseau.yaml."""
    objectives = network.settings.objectives
    for index, circle in enumerate(plan.focus):
        if circle not in objectives:
            message = _("'{circle}' is not an objective of reseau.yaml{hint}").format(
                circle=circle, hint=did_you_mean(circle, objectives)
            )
            yield where.problem(relpath, ("focus", index), message, "unknown-circle")
    for index, animate in enumerate(plan.animate):
        for position, name in enumerate(animate.invite):
            loc = ("animate", index, "invite", position)
            if name in objectives and name in network.contacts:
                message = _("'{name}' is both a circle and a contact; the circle is invited")
                message = message.format(name=name)
                yield where.problem(relpath, loc, message, "ambiguous-invite", Severity.WARNING)
            elif name not in objectives and not network.has_contact_file(name):
                hint = did_you_mean(name, [*objectives, *network.contacts])
                message = _("'{name}' is neither a circle nor a contact{hint}").format(
                    name=name, hint=hint
                )
                yield where.problem(relpath, loc, message, "unknown-invite")


def _contact_hint(network: Network, written: str) -> str:
    """A name or part of one written where a slug belongs suggests that contact's slug."""
    resolution = resolve(written, network.names())
    if resolution.slug:
        return _("; did you mean '{close}'?").format(close=resolution.slug)
    return did_you_mean(written.lower(), network.contacts)


def _dates(plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    """`by` and `on` fall inside the quarter; `done` inside it or before (never after)."""
    quarter = Quarter.parse(plan.quarter)
    span = _("{start} to {end}").format(start=quarter.start, end=quarter.end)
    for section, index, item in _items(plan):
        for key in ("by", "on"):
            when = getattr(item, key, None)
            if when is not None and when not in quarter:
                message = _("{day} is outside {quarter} ({span}); plan it inside the quarter")
                message = message.format(day=when, quarter=quarter, span=span)
                yield where.problem(relpath, (section, index, key), message, "outside-quarter")
        if item.done is not None and item.done > quarter.end:
            message = _(
                "{day} is after {quarter} (it ends {end}); an item done later belongs to a "
                "later plan"
            ).format(day=item.done, quarter=quarter, end=quarter.end)
            yield where.problem(relpath, (section, index, "done"), message, "done-after-quarter")


def _carried(plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    """`carried` names the earlier quarter an item comes from."""
    quarter = Quarter.parse(plan.quarter)
    for section, index, item in _items(plan):
        if item.carried is None:
            continue
        loc = (section, index, "carried")
        try:
            source = Quarter.parse(item.carried)
        except ValueError as exc:
            yield where.problem(relpath, loc, str(exc), "carried-quarter")
            continue
        if source >= quarter:
            message = _("carried from {source}, which is not before {quarter}").format(
                source=source, quarter=quarter
            )
            yield where.problem(relpath, loc, message, "carried-quarter")


def _duplicates(plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, item in enumerate(plan.meet):
        if item.contact in first:
            message = _("'{slug}' is already in meet (item {number}); merge the two").format(
                slug=item.contact, number=first[item.contact] + 1
            )
            loc = ("meet", index, "contact")
            yield where.problem(relpath, loc, message, "duplicate-meet", Severity.WARNING)
        first.setdefault(item.contact, index)


def _items(plan: Plan) -> Iterator[tuple[str, int, Item]]:
    sections: tuple[tuple[str, Sequence[Item]], ...] = (
        ("meet", plan.meet),
        ("animate", plan.animate),
        ("reputation", plan.reputation),
    )
    for section, items in sections:
        for index, item in enumerate(items):
            yield section, index, item
