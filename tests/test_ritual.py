"""The ritual's streak, recent sessions and reminder, across years and ISO week 53."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reseau.files.model import Journal, Session
from reseau.files.quarters import iso_week
from reseau.method.ritual import ritual_state, session_index, streak


def journal(*days: str, minutes: int | None = 200) -> Journal:
    return Journal(sessions=[Session(date=date.fromisoformat(d), minutes=minutes) for d in days])


def streak_on(today: str, *days: str) -> int:
    return ritual_state(journal(*days), date.fromisoformat(today)).streak


def test_consecutive_weeks_count_up_to_this_week() -> None:
    assert streak_on("2026-11-30", "2026-11-16", "2026-11-23", "2026-11-30") == 3


def test_monday_before_the_session_does_not_break_the_streak() -> None:
    assert streak_on("2026-11-30", "2026-11-16", "2026-11-23") == 2


def test_a_week_missed_ends_the_streak() -> None:
    assert streak_on("2026-11-30", "2026-11-02", "2026-11-16", "2026-11-23") == 2


def test_two_weeks_without_a_session_make_it_zero() -> None:
    assert streak_on("2026-11-30", "2026-11-09", "2026-11-16") == 0


def test_two_sessions_in_one_week_count_as_one_week() -> None:
    assert streak_on("2026-11-27", "2026-11-16", "2026-11-23", "2026-11-26") == 2


def test_sessions_after_today_do_not_count() -> None:
    assert streak_on("2026-11-30", "2026-11-23", "2026-12-01") == 1


def test_streak_runs_through_iso_week_53_into_the_new_year() -> None:
    assert iso_week(date(2026, 12, 28)) == "2026-W53"
    assert iso_week(date(2027, 1, 4)) == "2027-W01"
    days = ("2026-12-14", "2026-12-21", "2026-12-28", "2027-01-04")
    assert streak_on("2027-01-04", *days) == 4
    assert streak_on("2027-01-05", "2026-12-21", "2026-12-31") == 2  # W52, W53; W01 not yet


def test_a_missing_week_53_breaks_the_streak() -> None:
    assert streak_on("2027-01-04", "2026-12-14", "2026-12-21", "2027-01-04") == 1


def test_iso_weeks_that_straddle_new_year_count_once() -> None:
    # 2024-12-30 and 2025-01-02 are both in 2025-W01.
    assert streak_on("2025-01-06", "2024-12-23", "2024-12-30", "2025-01-02") == 2


def test_recent_weeks_end_with_the_streak() -> None:
    # Twelve weeks back from last week (2026-11-23) start on 2026-09-07.
    days = ("2026-08-31", "2026-09-07", "2026-09-08", "2026-10-05", "2026-11-23")
    state = ritual_state(journal(*days, minutes=60), date(2026, 11, 30))
    assert (state.recent_weeks_held, state.recent_sessions, state.recent_minutes) == (3, 4, 240)


def test_recent_weeks_include_this_week_once_held() -> None:
    days = ("2026-09-07", "2026-11-23", "2026-11-30")
    state = ritual_state(journal(*days), date(2026, 11, 30))
    assert (state.recent_weeks_held, state.this_week) == (2, date(2026, 11, 30))


def test_days_since_the_last_session_and_the_reminder() -> None:
    seven = ritual_state(journal("2026-11-23"), date(2026, 11, 30))
    eight = ritual_state(journal("2026-11-23"), date(2026, 12, 1))
    never = ritual_state(journal(), date(2026, 12, 1))
    assert (seven.days_since_last, seven.needs_reminder) == (7, False)
    assert (eight.days_since_last, eight.needs_reminder) == (8, True)
    assert (never.last_session, never.days_since_last, never.needs_reminder) == (None, None, True)


def test_state_as_json() -> None:
    state = ritual_state(journal("2026-11-16", "2026-11-23"), date(2026, 11, 30))
    assert state.to_json() == {
        "streak_weeks": 2,
        "this_week": None,
        "last_session": "2026-11-23",
        "days_since_last_session": 7,
        "weeks_held_of_last_12": 2,
        "sessions_last_12_weeks": 2,
        "minutes_last_12_weeks": 400,
    }


def test_session_index_finds_the_day() -> None:
    kept = journal("2026-11-16", "2026-11-23")
    assert session_index(kept, date(2026, 11, 23)) == 1
    assert session_index(kept, date(2026, 11, 30)) is None


@given(
    monday=st.dates(date(2019, 1, 7), date(2032, 12, 27)).map(
        lambda d: d - timedelta(days=d.weekday())
    ),
    weekdays=st.lists(st.integers(0, 6), min_size=1, max_size=80),
    held_this_week=st.booleans(),
)
def test_any_run_of_weeks_is_a_streak_of_its_length(
    monday: date, weekdays: list[int], held_this_week: bool
) -> None:
    """n weeks in a row, ending this week or last week, then a gap: a streak of n, whatever
    the years and their 52 or 53 weeks."""
    today = monday + timedelta(days=6) if held_this_week else monday
    end = monday if held_this_week else monday - timedelta(weeks=1)
    sessions = [end - timedelta(weeks=i, days=-d) for i, d in enumerate(weekdays)]
    older = end - timedelta(weeks=len(weekdays) + 1)
    kept = Journal(sessions=[Session(date=day) for day in [older, *sessions]])
    weeks = {day - timedelta(days=day.weekday()) for day in [older, *sessions]}
    assert ritual_state(kept, today).streak == len(weekdays)
    assert streak(weeks, today) == len(weekdays)
