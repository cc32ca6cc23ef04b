"""A calendar to subscribe to: the weekly ritual, the plan's dated items, the follow-ups due,
the promises made.

Written with icalendar, which escapes text, so nothing in a note can end an event or start
another one. Every event has a UID that follows what the event is about (the ritual, a plan
item's quarter, section and contact or `what`, a contact's follow-up, what was promised to
whom), never its position,
so a calendar that re-reads the file updates the events instead of duplicating them, and
deleting an item never moves another one's event to it.

The ritual starts at 09:00 in reseau.yaml's `timezone:`, else the system's zone, written
with its TZID and VTIMEZONE: a floating time is read as UTC by some clients. The other
events are all-day dates, which need no zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from reseau.files.model import WEEKDAYS, Plan, Settings
from reseau.files.quarters import Quarter
from reseau.files.slugs import slugify, unique_slug
from reseau.files.store import Network
from reseau.method import activity, scoring
from reseau.method.plans import item_states

RITUAL_START = time(9, 0)


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    summary: str
    description: str
    day: date
    minutes: int | None = None
    weekly: str | None = None
    yearly: bool = False  # on this month and day every year
    leap_day: bool = False  # 29 February: every year on February's last day


def calendar_events(network: Network, today: date, weeks: int) -> list[Event]:
    return [
        _ritual(network, today),
        *_plan_items(network, today),
        *_follow_ups(network, today, weeks),
        *_promises(network, today),
        *_dates_that_matter(network, today),
    ]


def _ritual(network: Network, today: date) -> Event:
    ritual = network.settings.ritual
    weekday = WEEKDAYS.index(ritual.weekday)
    first = today + timedelta(days=(weekday - today.weekday()) % 7)
    return Event(
        uid="ritual@reseau",
        summary="Networking ritual",
        description="Half a day for the network: run `reseau week` for the agenda.",
        day=first,
        minutes=ritual.minutes,
        weekly=ritual.weekday[:2].upper(),
    )


def _plan_items(network: Network, today: date) -> list[Event]:
    plan = network.plans.get(str(Quarter.of(today)))
    if plan is None:
        return []
    events = []
    uids = _plan_uids(plan, network, today)
    for state in item_states(plan, network.contacts, today):
        if state.is_done or state.when is None:
            continue
        item = state.item
        title = getattr(item, "what", None) or _name(network, getattr(item, "contact", ""))
        verb = {"meet": "Meet", "animate": "Event", "reputation": "Reputation"}[state.section]
        why = getattr(item, "why", None) or getattr(item, "channel", None) or ""
        events.append(
            Event(
                uid=uids[(state.section, state.index)],
                summary=f"{verb}: {title}",
                description=f"{plan.quarter} plan, item {state.number}. {why}".strip(),
                day=state.when,
            )
        )
    return events


def _plan_uids(plan: Plan, network: Network, today: date) -> dict[tuple[str, int], str]:
    """Each item's UID: its quarter, section, and contact (meet) or `what` (the others); a
    second item about the same contact or `what` gets `-2`, in the order of the file."""
    uids: dict[tuple[str, int], str] = {}
    seen: set[str] = set()
    for state in item_states(plan, network.contacts, today):
        item = state.item
        about = getattr(item, "contact", None) or slugify(getattr(item, "what", "") or "item")
        uid = unique_slug(f"{plan.quarter}-{state.section}-{about}", seen)
        seen.add(uid)
        uids[(state.section, state.index)] = f"plan-{uid}@reseau"
    return uids


def _follow_ups(network: Network, today: date, weeks: int) -> list[Event]:
    horizon = today + timedelta(weeks=weeks)
    events = []
    seen = activity.seen_elsewhere(network.contacts)
    for slug, contact in network.contacts.items():
        if not contact.is_active:
            continue
        tier = scoring.tier_of(scoring.score(contact, network.settings), network.settings)
        cadence = activity.cadence(contact, network.settings, tier, today, seen.get(slug, ()))
        if cadence.due_on is None or cadence.due_on > horizon:
            continue
        day = max(cadence.due_on, today)
        last = cadence.since.isoformat() if cadence.since else "never"
        events.append(
            Event(
                uid=f"follow-up-{slug}@reseau",
                summary=f"Follow up: {contact.name}",
                description=f"Keep in touch every {cadence.days} days; last contact: {last}.",
                day=day,
            )
        )
    return sorted(events, key=lambda event: (event.day, event.uid))


def _promises(network: Network, today: date) -> list[Event]:
    """Every open promise of an active contact on its date; a late one on today."""
    events = []
    for slug, contact in network.contacts.items():
        if not contact.is_active:
            continue
        seen: set[str] = set()
        for promise in contact.promises:
            # what was promised, not its place in the list: a promise deleted above it
            # must not move this one's event (a second one alike gets -2)
            uid = unique_slug(f"{slug}-{slugify(promise.what)}", seen)
            seen.add(uid)
            if not promise.is_open:
                continue
            made = f", promised on {promise.made.isoformat()}" if promise.made else ""
            events.append(
                Event(
                    uid=f"promise-{uid}@reseau",
                    summary=f"Promised to {contact.name}: {promise.what}",
                    description=f"Due {promise.by.isoformat()}{made}. "
                    f"When it is done: reseau promise done {slug}",
                    day=max(promise.by, today),
                )
            )
    return sorted(events, key=lambda event: (event.day, event.uid))


def _dates_that_matter(network: Network, today: date) -> list[Event]:
    """Each active contact's birthday and other dates, as events every year."""
    from reseau.method.occasions import yearly_dates

    events = []
    for slug, contact in network.contacts.items():
        if not contact.is_active:
            continue
        for label, yearly in yearly_dates(contact):
            events.append(
                Event(
                    uid=f"date-{slug}-{slugify(label)}@reseau",
                    summary=f"{contact.name}: {label}",
                    description=f"Every year ({yearly.text()}): a word for {contact.name}.",
                    day=yearly.next_on_or_after(today),
                    yearly=True,
                    leap_day=(yearly.month, yearly.day) == (2, 29),
                )
            )
    return events


def _name(network: Network, slug: str) -> str:
    contact = network.contacts.get(slug)
    return contact.name if contact else slug


def _every_year(leap_day: bool) -> dict[str, Any]:
    """29 February recurs as February's last day, so it is there in common years too."""
    if leap_day:
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}


def local_zone(settings: Settings) -> str:
    """reseau.yaml's `timezone:`, else the system's IANA zone, else UTC."""
    if settings.timezone:
        return settings.timezone
    import tzlocal

    try:
        return str(tzlocal.get_localzone_name() or "UTC")
    except Exception:  # tzlocal raises its own errors for a broken system setting
        return "UTC"


def events_to_ics(
    events: list[Event], today: date, *, zone: str = "UTC", owner: str | None = None
) -> bytes:
    """The calendar, named after the network's owner when reseau.yaml has one."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    from reseau.files.text import clean

    calendar = Calendar()
    calendar.add("prodid", "-//reseau//networking ritual//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"reseau: {clean(owner)}" if owner else "reseau")
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    tzinfo = ZoneInfo(zone)
    for event in events:
        entry = IcsEvent()
        entry.add("uid", clean(event.uid))
        entry.add("dtstamp", stamp)
        entry.add("summary", clean(event.summary, multiline=True))
        entry.add("description", clean(event.description, multiline=True))
        if event.minutes is None:
            entry.add("dtstart", event.day)
            entry.add("dtend", event.day + timedelta(days=1))
        else:
            start = datetime.combine(event.day, RITUAL_START, tzinfo=tzinfo)
            entry.add("dtstart", start)
            entry.add("dtend", start + timedelta(minutes=event.minutes))
        if event.weekly:
            entry.add("rrule", {"freq": "weekly", "byday": event.weekly})
        if event.yearly:
            entry.add("rrule", _every_year(event.leap_day))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
