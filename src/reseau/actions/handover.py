"""`reseau handover FROM TO`: a member leaves; their plan items and lone relationships move.

The contacts FROM holds alone get `held_by: TO`; plan items owned by FROM get `owner: TO`.
All files change together through the write path, and, in a git repository, in a commit of
their own that says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from reseau.files.folder import CONTACTS_DIR, PLANS_DIR
from reseau.files.gitcommit import commit
from reseau.files.gitrepo import open_repository
from reseau.files.i18n import _
from reseau.files.model import CONTACT_KEYS, Contact, Plan
from reseau.files.problems import ReseauError
from reseau.files.store import Network
from reseau.files.team import known_member
from reseau.files.writer import Change, apply_changes, folder_lock
from reseau.files.yamledit import Document
from reseau.method.team import holders

SECTIONS = ("meet", "animate", "reputation")
ITEM_KEYS = ("contact", "what", "why", "channel", "on", "invite", "by", "done", "carried", "owner")


@dataclass(slots=True)
class Handover:
    contacts: list[str] = field(default_factory=list)
    plan_items: list[str] = field(default_factory=list)  # "plans/2026-Q4.yaml: meet marie-dupont"
    committed: str | None = None


def handover(network: Network, source: str, target: str, today: date) -> Handover:
    members = network.settings.members
    known_member(source, members, "FROM")
    known_member(target, members, "TO")
    if source == target:
        raise ReseauError(
            _("{source} would hand over to themselves; name another member").format(source=source)
        )
    report = Handover()
    changes = [_contact_change(slug, target) for slug in _held_alone(network, source, today)]
    report.contacts = [c.relpath.removeprefix(f"{CONTACTS_DIR}/")[:-5] for c in changes]
    for stem, plan in network.plans.items():
        relpath = f"{PLANS_DIR}/{stem}.yaml"
        owned = [
            (section, index, _item_name(item))
            for section in SECTIONS
            for index, item in enumerate(getattr(plan, section))
            if item.owner == source
        ]
        if owned:
            changes.append(Change(relpath, Plan, _owner_edit(owned, target)))
            report.plan_items += [f"{relpath}: {section} {what}" for section, _index, what in owned]
    if not changes:
        return report
    with folder_lock(network.root):
        apply_changes(network.root, changes)
        repository = open_repository(network.root)
        if repository is not None:
            subject = (
                f"handover {source} to {target}: {len(report.contacts)} relationships, "
                f"{len(report.plan_items)} plan items"
            )
            report.committed = commit(repository, [c.relpath for c in changes], subject)
    return report


def _item_name(item: object) -> str:
    return str(getattr(item, "contact", None) or getattr(item, "what", ""))


def _held_alone(network: Network, source: str, today: date) -> list[str]:
    return [
        slug
        for slug, contact in sorted(network.contacts.items())
        if holders(contact, network.settings, today) == [source]
    ]


def _contact_change(slug: str, target: str) -> Change:
    def edit(document: Document, _model: object) -> None:
        document.set(["held_by"], target, order=CONTACT_KEYS)

    return Change(f"{CONTACTS_DIR}/{slug}.yaml", Contact, edit)


def _owner_edit(
    owned: list[tuple[str, int, str]], target: str
) -> Callable[[Document, object], None]:
    def edit(document: Document, _model: object) -> None:
        for section, index, _what in owned:
            document.set([section, index, "owner"], target, order=ITEM_KEYS)

    return edit
