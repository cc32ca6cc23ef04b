"""Meetings from a calendar export (.ics): Google, Outlook, Apple, Nextcloud, Thunderbird.

Bytes in, meetings out: every event that has happened, with a start time, not cancelled,
expanded into its occurrences when it recurs (by `recurring-ical-events`: RRULE, RDATE,
EXDATE and moved or cancelled occurrences), with the e-mail addresses of the people who
took part (the organizer and the attendees who did not decline). What is left out is
counted by reason. Which of those people are contacts is the importing action's business.

Times are read in their own time zone (TZID and the file's VTIMEZONE, UTC, or floating)
and the day of a meeting is its day where you are: `zone`, by default the machine's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from reseau.files.i18n import N_, _
from reseau.formats.importers.records import ImportFileError, clean_text

EARLIEST = datetime(1900, 1, 1)
ALL_DAY = N_("all-day")
CANCELLED = N_("cancelled")
NO_START = N_("no start time")
TOO_FREQUENT = N_("repeats more often than daily")
_SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
NO_UID = N_("no UID")
_MAILTO = re.compile(r"^\s*mailto:", re.I)
_BLANKS = re.compile(r"\s+")
_VIDEO_PROPERTIES = (
    "CONFERENCE",  # RFC 7986
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)
_VIDEO_WORDS = re.compile(
    r"zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|"
    r"whereby\.com|meet\.jit\.si|jitsi|gotomeeting|skype|"
    r"\b(?:microsoft teams|teams meeting|teams-besprechung|zoom|google meet|video ?call|"
    r"videoconf\w*|visio\w*|visioconf\w*|online meeting|web ?conference)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Meeting:
    """One occurrence of an event that happened, and who took part."""

    key: str  # the UID; for an occurrence of a recurring event, the UID and its start
    start: datetime  # where you are (or floating, as the file wrote it)
    title: str | None
    emails: tuple[str, ...]  # lower case, in the file's order, the organizer first
    remote: bool

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(slots=True)
class CalendarRead:
    meetings: list[Meeting] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)  # reason -> events
    cancelled: list[tuple[datetime | date, str | None]] = field(default_factory=list)


def read_calendar(data: bytes, until: datetime, zone: tzinfo | None = None) -> CalendarRead:
    """The meetings that ended by `until` (an aware date-time), read from an .ics file."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data.decode("utf-8-sig"), multiple=True)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("not UTF-8 (byte {start}): calendar files are UTF-8").format(start=exc.start)
        ) from None
    except ValueError as exc:
        raise ImportFileError(
            _("not a calendar file: {value}").format(value=clean_text(str(exc)))
        ) from None
    if not calendars:
        raise ImportFileError(_("no calendar in the file (no BEGIN:VCALENDAR)"))
    read = CalendarRead()
    for calendar in calendars:
        _read_one(calendar, until, zone, read)
    read.meetings.sort(key=lambda meeting: (_naive(meeting.start), meeting.key))
    return read


def _read_one(calendar: Any, until: datetime, zone: tzinfo | None, read: CalendarRead) -> None:
    import recurring_ical_events

    recurring: set[str] = set()
    seen: Counter[str] = Counter()
    for event in list(calendar.walk("VEVENT")):
        if "DTSTART" not in event:  # nothing to place in time: the expansion would stop on it
            read.left_out[NO_START] += 1
            _remove(calendar, event)
            continue
        if _repeats_within_a_day(event):  # meetings, not a clock: and it would never end
            read.left_out[TOO_FREQUENT] += 1
            _remove(calendar, event)
            continue
        uid = str(event.get("UID", ""))
        seen[uid] += 1
        if any(name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
            recurring.add(uid)
    recurring.update(uid for uid, count in seen.items() if count > 1)
    horizon = until.replace(tzinfo=None) + timedelta(days=1)
    expanded = recurring_ical_events.of(calendar, skip_bad_series=True)
    for occurrence in expanded.between(EARLIEST, horizon):
        _read_occurrence(occurrence, until, zone, recurring, read)


def _repeats_within_a_day(event: Any) -> bool:
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        if any(str(freq).upper() in _SUB_DAILY for freq in rule.get("FREQ", [])):
            return True
    return False


def _remove(calendar: Any, event: Any) -> None:
    for component in calendar.walk("VCALENDAR"):
        if event in component.subcomponents:
            component.subcomponents.remove(event)


def _read_occurrence(
    event: Any, until: datetime, zone: tzinfo | None, recurring: set[str], read: CalendarRead
) -> None:
    start = event["DTSTART"].dt
    title = _title(event)
    if str(event.get("STATUS", "")).upper() == CANCELLED.upper():
        if _ends(event, start, zone) <= _naive_or(until, start):
            read.cancelled.append((start, title))
        read.left_out[CANCELLED] += 1
        return
    if not isinstance(start, datetime):
        read.left_out[ALL_DAY] += 1
        return
    if _ends(event, start, zone) > _naive_or(until, start):
        return  # not over yet: a later import logs it
    uid = clean_text(str(event.get("UID", "")))
    if not uid:
        read.left_out[NO_UID] += 1
        return
    read.meetings.append(
        Meeting(
            key=_key(uid, event, start) if uid in recurring else uid,
            start=_local(start, zone),
            title=title,
            emails=_participants(event),
            remote=is_remote(event),
        )
    )


def _title(event: Any) -> str | None:
    text = clean_text(str(event.get("SUMMARY", "")))
    return text or None


def _ends(event: Any, start: date, zone: tzinfo | None) -> datetime:
    """When the occurrence ends (its start when it says nothing), to compare with `until`."""
    end = event.get("DTEND")
    value = end.dt if end is not None else start
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    return _local(value, zone)


def _naive_or(until: datetime, start: date) -> datetime:
    """`until` in the same kind as `start`: a floating time compares with a floating `until`."""
    if isinstance(start, datetime) and start.tzinfo is not None:
        return until
    return until.replace(tzinfo=None)


def _local(value: datetime, zone: tzinfo | None) -> datetime:
    """An aware time where you are; a floating one stays as written (it is local already)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(zone) if zone is not None else value.astimezone()


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def _key(uid: str, event: Any, start: datetime) -> str:
    """The UID and which occurrence: its RECURRENCE-ID (the original start, even when moved)."""
    recurrence = event.get("RECURRENCE-ID")
    when = recurrence.dt if recurrence is not None else start
    if isinstance(when, datetime) and when.tzinfo is not None:
        return f"{uid}/{when.astimezone(_utc()):%Y%m%dT%H%M%SZ}"
    if isinstance(when, datetime):
        return f"{uid}/{when:%Y%m%dT%H%M%S}"
    return f"{uid}/{when:%Y%m%d}"


def _utc() -> tzinfo:
    from datetime import UTC

    return UTC


def _participants(event: Any) -> tuple[str, ...]:
    """The organizer's and the attendees' addresses, lower case, once each; an attendee who
    declined did not take part."""
    found: list[str] = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = event.get(name)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            if str(value.params.get("PARTSTAT", "")).upper() == "DECLINED":
                continue
            # no blank belongs in an address: one left there is a fold the file indented twice
            address = _BLANKS.sub("", _MAILTO.sub("", clean_text(str(value)))).lower()
            if "@" in address and address not in found:
                found.append(address)
    return tuple(found)


def is_remote(event: Any) -> bool:
    """A video call: a conference property, or a video service or the words in the location,
    the description or the URL."""
    if any(name in event for name in _VIDEO_PROPERTIES):
        return True
    text = " ".join(str(event.get(name, "")) for name in ("LOCATION", "DESCRIPTION", "URL"))
    return _VIDEO_WORDS.search(text) is not None
