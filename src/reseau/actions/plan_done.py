"""`reseau plan done`: mark a plan item done through the write path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reseau.files import writer
from reseau.files.model import Plan
from reseau.files.quarters import Quarter
from reseau.files.store import Network
from reseau.files.who import find_contact
from reseau.files.yamledit import Document
from reseau.method.plans import (
    ITEM_KEYS,
    ItemState,
    PlanError,
    find_plan,
    item_states,
    pick_item,
    plan_relpath,
)


@dataclass(frozen=True, slots=True)
class Marked:
    """What `reseau plan done` did: the item, and whether the file changed."""

    relpath: str
    state: ItemState
    changed: bool


def mark_done(network: Network, quarter: Quarter, spec: str, today: date) -> Marked:
    """Set `done: today` on the item `spec` names: its number, or a contact for a meet item."""

    plan = find_plan(network, quarter)
    relpath = plan_relpath(quarter)
    number, slug = _item_spec(network, plan, spec)
    target = pick_item(item_states(plan, network.contacts, today), number, slug)
    if target is None:
        raise PlanError(_not_in_plan(network, relpath, plan, number, slug))
    if target.is_done:
        return Marked(relpath, target, changed=False)

    def edit(document: Document, current: Plan) -> None:
        fresh = pick_item(item_states(current, network.contacts, today), number, slug)
        if fresh is None:
            raise PlanError(f"{relpath} changed while it was being edited; try again")
        if fresh.is_done:
            return
        path: list[str | int] = [fresh.section, fresh.index, "done"]
        document.set(path, today.isoformat(), order=ITEM_KEYS[fresh.section])

    writer.update(network.root, relpath, Plan, edit)
    return Marked(relpath, target, changed=True)


def _item_spec(network: Network, plan: Plan, spec: str) -> tuple[int | None, str | None]:
    text = spec.strip()
    if text.isascii() and text.isdigit():
        return int(text), None
    if any(item.contact == text for item in plan.meet):
        return None, text

    return None, find_contact(network, text)


def _not_in_plan(
    network: Network, relpath: str, plan: Plan, number: int | None, slug: str | None
) -> str:
    if number is not None:
        count = len(plan.meet) + len(plan.animate) + len(plan.reputation)
        return f"no item {number} in {relpath}: it has {count}, numbered as `reseau plan` shows"
    name = network.contacts[slug].name if slug in network.contacts else slug
    return f"{name} ({slug}) has no meet item in {relpath}; give the item's number instead"
