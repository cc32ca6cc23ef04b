"""Rules of a team network: every `by`, `owner` and `held_by` names a member."""

from __future__ import annotations

from collections.abc import Iterator

from reseau.checks.base import Where, did_you_mean, has_settings
from reseau.files.folder import JOURNAL_FILE
from reseau.files.i18n import _
from reseau.files.problems import Problem
from reseau.files.store import Network
from reseau.files.validation import Loc

SECTIONS = ("meet", "animate", "reputation")


def check_members(network: Network, where: Where) -> Iterator[Problem]:
    if not has_settings(network):
        return
    members = list(network.settings.members)
    for slug, contact in network.contacts.items():
        relpath = network.contact_path(slug)
        if contact.held_by:
            yield from _member(where, members, relpath, ("held_by",), contact.held_by)
        for index, interaction in enumerate(contact.interactions):
            if interaction.by:
                yield from _member(
                    where, members, relpath, ("interactions", index, "by"), interaction.by
                )
    for stem, plan in network.plans.items():
        for section in SECTIONS:
            for index, item in enumerate(getattr(plan, section)):
                if item.owner:
                    loc = (section, index, "owner")
                    yield from _member(where, members, f"plans/{stem}.yaml", loc, item.owner)
    for index, session in enumerate(network.journal.sessions):
        if session.by:
            yield from _member(where, members, JOURNAL_FILE, ("sessions", index, "by"), session.by)


def _member(
    where: Where, members: list[str], relpath: str, loc: Loc, value: str
) -> Iterator[Problem]:
    if value in members:
        return
    if not members:
        message = _("'{value}' is not a member: reseau.yaml lists no members").format(value=value)
    else:
        message = _("'{value}' is not a member of reseau.yaml").format(value=value)
        message += did_you_mean(value, members)
    yield where.problem(relpath, loc, message, "unknown-member")
