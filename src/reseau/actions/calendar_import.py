"""`reseau import ics`: the meetings a calendar already knows, logged on the contacts who
took part, each event once.

A meeting becomes an interaction on every contact whose e-mail is among its participants:
`kind: meeting`, `in_person: false` when it was a video call, the event's title as the
note, the other contacts who took part in `with`, and the event's key (its UID, with the
occurrence's start for a recurring event) in `uid`, so that importing the same calendar
again logs nothing twice. Every file is written under one lock, all or none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from reseau.actions.importing import email_key, read_import_file
from reseau.actions.log import Entry, check_entry, insert_position, interaction_item
from reseau.files.i18n import N_, _
from reseau.files.model import CONTACT_KEYS, Contact
from reseau.files.problems import ReseauError
from reseau.files.store import Network
from reseau.files.writer import Change, update_many
from reseau.files.yamledit import Document
from reseau.formats.importers.calendar import CalendarRead, Meeting

ALREADY_LOGGED = N_("already logged")
NO_CONTACT = N_("no contact took part")


@dataclass(frozen=True, slots=True)
class Logged:
    slug: str
    meeting: Meeting
    with_: tuple[str, ...]


@dataclass(slots=True)
class CalendarReport:
    logged: list[Logged] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    already: list[tuple[str, Meeting]] = field(default_factory=list)
    dry_run: bool = False

    def by_contact(self) -> dict[str, list[Logged]]:
        found: dict[str, list[Logged]] = {}
        for item in self.logged:
            found.setdefault(item.slug, []).append(item)
        return found


def read_calendar_file(path: Path, until: datetime, zone: tzinfo | None = None) -> CalendarRead:
    """The meetings of an .ics file that ended by `until`; an unreadable file is one error."""
    from reseau.formats.importers.calendar import read_calendar
    from reseau.formats.importers.records import ImportFileError

    data = read_import_file(path)
    try:
        return read_calendar(data, until, zone)
    except ImportFileError as exc:
        raise ReseauError(_("{name}: {exc}").format(name=path.name, exc=exc)) from None


def import_meetings(
    root: Path, network: Network, read: CalendarRead, *, dry_run: bool
) -> CalendarReport:
    report = CalendarReport(left_out=Counter(read.left_out), dry_run=dry_run)
    by_email = _contacts_by_email(network)
    known = {
        slug: {i.uid for i in contact.interactions if i.uid}
        for slug, contact in network.contacts.items()
    }
    for meeting in read.meetings:
        emails = [email_key(e) for e in meeting.emails]
        slugs = list(dict.fromkeys(by_email[e] for e in emails if e in by_email))
        if not slugs:
            report.left_out[NO_CONTACT] += 1
            continue
        for slug in slugs:
            if meeting.key in known[slug]:
                report.already.append((slug, meeting))
                continue
            known[slug].add(meeting.key)
            report.logged.append(Logged(slug, meeting, tuple(s for s in slugs if s != slug)))
    if report.already:
        report.left_out[ALREADY_LOGGED] += len(report.already)
    if report.logged and not dry_run:
        _write(root, network, report)
    return report


def _contacts_by_email(network: Network) -> dict[str, str]:
    """Each e-mail's contact (the first by slug when two files share one)."""
    found: dict[str, str] = {}
    for slug in sorted(network.contacts):
        for email in network.contacts[slug].emails:
            found.setdefault(email_key(email), slug)
    return found


def entry_for(item: Logged) -> Entry:
    meeting = item.meeting
    return Entry(
        meeting.day,
        kind="meeting",
        remote=meeting.remote,
        note=meeting.title,
        with_=item.with_,
        uid=meeting.key,
    )


def _write(root: Path, network: Network, report: CalendarReport) -> None:
    changes = []
    for slug, items in report.by_contact().items():
        entries = [entry_for(item) for item in items]
        for entry in entries:
            check_entry(entry)
        changes.append(Change(network.contact_path(slug), Contact, _inserter(entries)))
    update_many(root, changes)


def _inserter(entries: list[Entry]) -> Callable[[Document, object], None]:
    """Each entry in its place among the contact's interactions, oldest first."""

    def edit(document: Document, contact: object) -> None:
        assert isinstance(contact, Contact)
        dates = [i.date for i in contact.interactions]
        for entry in sorted(entries, key=lambda e: e.when):
            position = insert_position(dates, entry.when)
            item = interaction_item(entry)
            document.insert(["interactions"], item, index=position, order=CONTACT_KEYS)
            dates.insert(position, entry.when)

    return edit
