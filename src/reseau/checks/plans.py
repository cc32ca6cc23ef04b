"""Rules on plan files: the quarter, the references, the dates."""

from __future__ import annotations

from collections.abc import Iterator

from reseau.checks.base import Where, did_you_mean
from reseau.model import Plan
from reseau.problems import Problem, Severity
from reseau.quarters import Quarter
from reseau.store import PLANS_DIR, Network


def check_plans(network: Network, where: Where) -> Iterator[Problem]:
    for stem, plan in network.plans.items():
        relpath = f"{PLANS_DIR}/{stem}.yaml"
        yield from _quarter(stem, plan, relpath, where)
        yield from _references(network, plan, relpath, where)
        yield from _dates(plan, relpath, where)


def _quarter(stem: str, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    if plan.quarter != stem:
        yield where.problem(
            relpath,
            ("quarter",),
            f"says {plan.quarter} but the file is named {stem}.yaml; make them agree",
            "quarter-name",
        )


def _references(network: Network, plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    objectives = network.settings.objectives
    for index, circle in enumerate(plan.focus):
        if circle not in objectives:
            message = (
                f"'{circle}' is not an objective of reseau.yaml{did_you_mean(circle, objectives)}"
            )
            yield where.problem(relpath, ("focus", index), message, "unknown-circle")
    for index, item in enumerate(plan.meet):
        if item.contact not in network.contacts:
            message = f"no contact '{item.contact}'{did_you_mean(item.contact, network.contacts)}"
            yield where.problem(relpath, ("meet", index, "contact"), message, "unknown-contact")
    for index, animate in enumerate(plan.animate):
        for position, name in enumerate(animate.invite):
            loc = ("animate", index, "invite", position)
            if name in objectives and name in network.contacts:
                message = f"'{name}' is both a circle and a contact; the circle is invited"
                yield where.problem(relpath, loc, message, "ambiguous-invite", Severity.WARNING)
            elif name not in objectives and name not in network.contacts:
                hint = did_you_mean(name, [*objectives, *network.contacts])
                message = f"'{name}' is neither a circle nor a contact{hint}"
                yield where.problem(relpath, loc, message, "unknown-invite")


def _dates(plan: Plan, relpath: str, where: Where) -> Iterator[Problem]:
    quarter = Quarter.parse(plan.quarter)
    sections: list[tuple[str, list[object]]] = [
        ("meet", list(plan.meet)),
        ("animate", list(plan.animate)),
        ("reputation", list(plan.reputation)),
    ]
    for section, items in sections:
        for index, item in enumerate(items):
            for key in ("by", "on"):
                when = getattr(item, key, None)
                if when is not None and not quarter.start <= when <= quarter.end:
                    message = f"{when} is outside {plan.quarter} ({quarter.start} to {quarter.end})"
                    yield where.problem(relpath, (section, index, key), message, "outside-quarter")
