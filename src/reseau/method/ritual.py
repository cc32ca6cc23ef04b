"""The weekly ritual (recommendation 5): streak, recent sessions, the days since the last one.

Weeks are ISO weeks, counted by their Monday: the week before is seven days earlier, so a
streak runs across a new year and through week 53 (2026-12-28 is in 2026-W53, 2027-01-04
in 2027-W01) without any calendar arithmetic of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reseau.files.model import Journal

RECENT_WEEKS = 12
REMINDER_DAYS = 7
_WEEK = timedelta(days=7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def held_weeks(journal: Journal, today: date) -> set[date]:
    """The Mondays of the weeks with a session, up to today (a future date does not count)."""
    return {monday_of(session.date) for session in journal.sessions if session.date <= today}


def streak_end(weeks: set[date], today: date) -> date:
    """This week when it has a session, else last week: Monday morning does not break it."""
    current = monday_of(today)
    return current if current in weeks else current - _WEEK


def streak(weeks: set[date], today: date) -> int:
    """Consecutive weeks with a session, ending this week (or last week, see streak_end)."""
    count, monday = 0, streak_end(weeks, today)
    while monday in weeks:
        count, monday = count + 1, monday - _WEEK
    return count


@dataclass(frozen=True, slots=True)
class RitualState:
    """Where the ritual stands on `today`."""

    streak: int
    this_week: date | None
    last_session: date | None
    days_since_last: int | None
    recent_weeks_held: int
    recent_sessions: int
    recent_minutes: int

    @property
    def needs_reminder(self) -> bool:
        """No session yet, or the last one more than a week ago."""
        return self.days_since_last is None or self.days_since_last > REMINDER_DAYS

    def to_json(self) -> dict[str, Any]:
        return {
            "streak_weeks": self.streak,
            "this_week": _iso(self.this_week),
            "last_session": _iso(self.last_session),
            "days_since_last_session": self.days_since_last,
            "weeks_held_of_last_12": self.recent_weeks_held,
            "sessions_last_12_weeks": self.recent_sessions,
            "minutes_last_12_weeks": self.recent_minutes,
        }


def ritual_state(journal: Journal, today: date) -> RitualState:
    """The streak, this week's session, the last session and the last 12 weeks.

    The 12 weeks end where the streak does: with this week once it has a session, else with
    last week, so a Monday before the session does not count as a week missed.
    """
    past = [s for s in journal.sessions if s.date <= today]
    weeks = {monday_of(s.date) for s in past}
    end = streak_end(weeks, today)
    first = end - (RECENT_WEEKS - 1) * _WEEK
    recent = [s for s in past if first <= monday_of(s.date) <= end]
    last = max((s.date for s in past), default=None)
    this_week = max((s.date for s in past if monday_of(s.date) == monday_of(today)), default=None)
    return RitualState(
        streak=streak(weeks, today),
        this_week=this_week,
        last_session=last,
        days_since_last=None if last is None else (today - last).days,
        recent_weeks_held=len({monday_of(s.date) for s in recent}),
        recent_sessions=len(recent),
        recent_minutes=sum(s.minutes or 0 for s in recent),
    )


def session_index(journal: Journal, day: date, by: str | None = None) -> int | None:
    """The position of the session held on `day` (by that member, in a team) in journal.yaml."""
    return next((i for i, s in enumerate(journal.sessions) if s.date == day and s.by == by), None)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
