"""Rules on plan files: the quarter, the references, the dates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reseau.checks.base import Where, did_you_mean, has_settings
from reseau.files.folder import PLANS_DIR
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
            f"says {plan.quarter} but the file is named {stem}.yaml; make them agree",
            "quarter-name",
        )


def _references(network: Network, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    for index, item in enumerate(plan.meet):
        if not network.has_contact_file(item.contact):
            message = f"no contact '{item.contact}'{_contact_hint(network, item.contact)}"
            yield where.problem(relpath, ("meet", index, "contact"), message, "unknown-contact")
    if has_settings(network):
        yield from _circles(network, plan, relpath, where)


def _circles(network: Network, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    """`focus` and `invite` name objectives of reseau.yaml."""
    objectives = network.settings.objectives
    for index, circle in enumerate(plan.focus):
        if circle not in objectives:
            message = (
                f"'{circle}' is not an objective of reseau.yaml{did_you_mean(circle, objectives)}"
            )
            yield where.problem(relpath, ("focus", index), message, "unknown-circle")
    for index, animate in enumerate(plan.animate):
        for position, name in enumerate(animate.invite):
            loc = ("animate", index, "invite", position)
            if name in objectives and name in network.contacts:
                message = f"'{name}' is both a circle and a contact; the circle is invited"
                yield where.problem(relpath, loc, message, "ambiguous-invite", Severity.WARNING)
            elif name not in objectives and not network.has_contact_file(name):
                hint = did_you_mean(name, [*objectives, *network.contacts])
                message = f"'{name}' is neither a circle nor a contact{hint}"
                yield where.problem(relpath, loc, message, "unknown-invite")


def _contact_hint(network: Network, written: str) -> str:
    """A name or part of one written where a slug belongs suggests that contact's slug."""
    resolution = resolve(written, network.names())
    if resolution.slug:
        return f"; did you mean '{resolution.slug}'?"
    return did_you_mean(written.lower(), network.contacts)


def _dates(plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    """`by` and `on` fall inside the quarter; `done` inside it or before (never after)."""
    quarter = Quarter.parse(plan.quarter)
    span = f"{quarter.start} to {quarter.end}"
    for section, index, item in _items(plan):
        for key in ("by", "on"):
            when = getattr(item, key, None)
            if when is not None and when not in quarter:
                message = f"{when} is outside {quarter} ({span}); plan it inside the quarter"
                yield where.problem(relpath, (section, index, key), message, "outside-quarter")
        if item.done is not None and item.done > quarter.end:
            message = (
                f"{item.done} is after {quarter} (it ends {quarter.end});"
                " an item done later belongs to a later plan"
            )
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
            message = f"carried from {source}, which is not before {quarter}"
            yield where.problem(relpath, loc, message, "carried-quarter")


def _duplicates(plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, item in enumerate(plan.meet):
        if item.contact in first:
            message = (
                f"'{item.contact}' is already in meet (item {first[item.contact] + 1});"
                " merge the two"
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
