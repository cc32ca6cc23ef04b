"""Where other files name a contact by its slug, and rewriting those names in place.

A slug is named in three places: an interaction's `with:` on another contact's file (an
introduction included), a plan's `meet: - contact:`, and a plan's `animate: - invite:`
(where a name that is also a circle means the circle, as the agenda reads it). Rewriting
touches those scalars alone, through files.yamledit: every comment and line stays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reseau.files.i18n import _
from reseau.files.model import Contact, Plan
from reseau.files.problems import ReseauError
from reseau.files.store import Network
from reseau.files.writer import Change
from reseau.files.yamledit import Document


@dataclass(frozen=True, slots=True)
class Reference:
    """One place that names the slug: its file, the field, and a line to show the user."""

    relpath: str
    field: str
    what: str


def references_to(network: Network, slug: str) -> list[Reference]:
    """Every place another file names `slug`, in file order."""
    found: list[Reference] = []
    for author, contact in network.contacts.items():
        if author != slug:
            found.extend(_in_contact(network.contact_path(author), contact, slug))
    for stem, plan in network.plans.items():
        found.extend(_in_plan(f"plans/{stem}.yaml", plan, slug, network))
    return found


def _in_contact(relpath: str, contact: Contact, slug: str) -> Iterator[Reference]:
    for index, interaction in enumerate(contact.interactions):
        if slug in interaction.with_:
            what = f"{interaction.date} {interaction.kind}"
            if interaction.note:
                what += f": {interaction.note.splitlines()[0]}"
            yield Reference(relpath, f"interactions[{index}].with", what)


def _in_plan(relpath: str, plan: Plan, slug: str, network: Network) -> Iterator[Reference]:
    for index, meet in enumerate(plan.meet):
        if meet.contact == slug:
            yield Reference(relpath, f"meet[{index}].contact", f"meet: {meet.why or slug}")
    if slug in network.settings.objectives:
        return
    for index, event in enumerate(plan.animate):
        if slug in event.invite:
            yield Reference(relpath, f"animate[{index}].invite", f"invite to: {event.what}")


def refuse_unreadable_references(network: Network, slug: str) -> None:
    """A file that does not validate cannot be rewritten: one that may name `slug` stops
    the command before anything is written."""
    for relpath, data in network.unvalidated.items():
        if _mentions(data, slug):
            raise ReseauError(
                _(
                    "{relpath} names {slug} but does not validate; fix it first "
                    "(reseau check), nothing was written"
                ).format(relpath=relpath, slug=slug)
            )


def _mentions(value: Any, slug: str) -> bool:
    if isinstance(value, dict):
        return any(_mentions(item, slug) for item in value.values())
    if isinstance(value, list):
        return any(_mentions(item, slug) for item in value)
    return bool(value == slug)


def rewrite_changes(
    network: Network, slug: str, new: str | None, *, skip: frozenset[str] = frozenset()
) -> list[Change]:
    """One change per file that names `slug`: each name becomes `new`, or goes (None, or
    where `new` is already named beside it). Files in `skip` are left to the caller."""
    relpaths = dict.fromkeys(r.relpath for r in references_to(network, slug))
    circles = frozenset(network.settings.objectives)
    changes = []
    for relpath in relpaths:
        if relpath in skip:
            continue
        if relpath.startswith("plans/"):
            changes.append(Change(relpath, Plan, _plan_rewriter(slug, new, circles)))
        else:
            author = relpath.removeprefix("contacts/").removesuffix(".yaml")
            changes.append(Change(relpath, Contact, contact_rewriter(author, slug, new)))
    return changes


def contact_rewriter(author: str, slug: str, new: str | None) -> Callable[[Document, object], None]:
    """The edit that renames `slug` in every `with:` of `author`'s file."""
    target = None if new == author else new  # nobody is with themselves

    def edit(document: Document, contact: object) -> None:
        assert isinstance(contact, Contact)
        for index, interaction in enumerate(contact.interactions):
            rename_in_list(
                document, ["interactions", index, "with"], interaction.with_, slug, target
            )

    return edit


def _plan_rewriter(
    slug: str, new: str | None, circles: frozenset[str]
) -> Callable[[Document, object], None]:
    def edit(document: Document, plan: object) -> None:
        assert isinstance(plan, Plan)
        for index in reversed(range(len(plan.meet))):
            if plan.meet[index].contact != slug:
                continue
            if new is None:
                document.remove(["meet", index])
            else:
                document.set(["meet", index, "contact"], new)
        if slug in circles:
            return
        for index, event in enumerate(plan.animate):
            rename_in_list(document, ["animate", index, "invite"], event.invite, slug, new)

    return edit


def rename_in_list(
    document: Document, path: list[str | int], names: Sequence[str], slug: str, new: str | None
) -> None:
    """The first `slug` becomes `new`; any other, or all when `new` is None or already
    listed, is removed. The other names keep their places."""
    places = [index for index, name in enumerate(names) if name == slug]
    if not places:
        return
    keep = places[0] if new is not None and new not in names else None
    for index in reversed(places):
        if index == keep:
            assert new is not None
            document.replace([*path, index], new)
        else:
            document.remove([*path, index])
