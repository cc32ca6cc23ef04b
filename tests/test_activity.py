"""Last met, last contact, the yearly in-person rule and cadences, pinned at their boundaries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reseau.files.model import Contact, Settings, validated
from reseau.method.activity import (
    balance,
    cadence,
    cadence_days,
    cadence_since,
    days_since_met,
    intros_in,
    is_stale,
    last_contact,
    last_met,
    latest_dates,
    seen_elsewhere,
    stale_since,
    survey,
)

TODAY = date(2026, 11, 30)
SETTINGS = Settings.model_validate(
    {
        "objectives": {
            "clients": {"cadence_days": "60"},
            "export": {"cadence_days": "90"},
            "pairs": {},
        },
        "cadence_days": {"A": "30", "B": "90", "C": "365"},
    }
)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def person(*interactions: dict[str, Any], **fields: Any) -> Contact:
    return validated(Contact, {"name": "Someone", **fields, "interactions": list(interactions)})


def test_last_met_is_the_latest_in_person_interaction() -> None:
    someone = person(
        {"date": "2026-03-01", "kind": "meal"},
        {"date": "2026-06-01", "kind": "event"},
        {"date": "2026-09-01", "kind": "call"},
        {"date": "2026-10-01", "kind": "video"},
    )
    assert last_met(someone) == date(2026, 6, 1)
    assert last_contact(someone) == date(2026, 10, 1)


def test_in_person_overrides_the_kind() -> None:
    someone = person(
        {"date": "2026-06-01", "kind": "call", "in_person": "true"},
        {"date": "2026-07-01", "kind": "event", "in_person": "false"},
    )
    assert last_met(someone) == date(2026, 6, 1)


def test_interactions_after_today_have_not_happened_yet() -> None:
    someone = person(
        {"date": "2026-01-10", "kind": "meeting"},
        {"date": "2026-12-15", "kind": "meeting"},
    )
    assert last_met(someone, TODAY) == date(2026, 1, 10)
    assert last_contact(someone, TODAY) == date(2026, 1, 10)
    assert last_met(someone) == date(2026, 12, 15)


def test_never_met() -> None:
    assert last_met(person()) is None
    assert last_contact(person()) is None
    assert days_since_met(person(), TODAY) is None


@pytest.mark.parametrize(("days", "stale"), [(0, False), (364, False), (365, False), (366, True)])
def test_stale_after_met_within_days(days: int, stale: bool) -> None:
    someone = person({"date": ago(days), "kind": "meeting"})
    assert is_stale(someone, TODAY, 365) is stale


def test_never_met_in_person_is_stale() -> None:
    assert is_stale(person(), TODAY, 365) is True


def test_seen_only_by_phone_or_video_this_year_is_stale() -> None:
    someone = person(
        {"date": ago(400), "kind": "meeting"},
        {"date": ago(30), "kind": "call"},
        {"date": ago(3), "kind": "video"},
    )
    assert is_stale(someone, TODAY, 365) is True


@pytest.mark.parametrize("status", ["dormant", "archived"])
def test_only_active_contacts_are_stale(status: str) -> None:
    assert is_stale(person(status=status), TODAY, 365) is False


def test_the_limit_is_a_parameter() -> None:
    someone = person({"date": ago(31), "kind": "meeting"})
    assert is_stale(someone, TODAY, 30) is True
    assert is_stale(someone, TODAY, 31) is False


def test_cadence_is_the_contacts_own_first() -> None:
    someone = person(cadence_days="14", circles=["clients"])
    assert cadence_days(someone, SETTINGS, "A") == 14


def test_cadence_is_else_the_smallest_of_its_circles() -> None:
    someone = person(circles=["export", "clients", "pairs"])
    assert cadence_days(someone, SETTINGS, "A") == 60


@pytest.mark.parametrize(("tier", "days"), [("A", 30), ("B", 90), ("C", 365), ("?", 365)])
def test_cadence_is_else_the_tiers_and_cs_when_unqualified(tier: str, days: int) -> None:
    assert cadence_days(person(circles=["pairs"]), SETTINGS, tier) == days


@pytest.mark.parametrize(
    ("elapsed", "state"),
    [(0, "ok"), (59, "ok"), (60, "due"), (89, "due"), (90, "late"), (400, "late")],
)
def test_due_on_the_cadences_day_late_at_one_and_a_half(elapsed: int, state: str) -> None:
    someone = person({"date": ago(elapsed), "kind": "email"}, circles=["clients"])
    result = cadence(someone, SETTINGS, "B", TODAY)
    assert (result.days, result.state) == (60, state)
    assert result.since == TODAY - timedelta(days=elapsed)
    assert result.due_on == TODAY - timedelta(days=elapsed) + timedelta(days=60)


@pytest.mark.parametrize(("elapsed", "state"), [(44, "ok"), (45, "due"), (67, "due"), (68, "late")])
def test_late_with_an_odd_cadence(elapsed: int, state: str) -> None:
    someone = person({"date": ago(elapsed), "kind": "meeting"}, cadence_days="45")
    assert cadence(someone, SETTINGS, "A", TODAY).state == state


def test_any_interaction_resets_the_cadence() -> None:
    someone = person(
        {"date": ago(200), "kind": "meeting"},
        {"date": ago(10), "kind": "message"},
        circles=["clients"],
    )
    assert cadence(someone, SETTINGS, "A", TODAY).state == "ok"


def test_without_interactions_the_cadence_counts_from_since() -> None:
    someone = person(since=ago(60), circles=["clients"])
    result = cadence(someone, SETTINGS, "?", TODAY)
    assert (result.since, result.state, result.due_on) == (TODAY - timedelta(days=60), "due", TODAY)


def test_without_interactions_or_since_it_is_due_at_once() -> None:
    result = cadence(person(), SETTINGS, "?", TODAY)
    assert (result.days, result.since, result.state, result.due_on) == (365, None, "due", TODAY)


def test_balance_counts_the_last_365_days() -> None:
    someone = person(
        {"date": ago(365), "kind": "meeting", "gave": "too old to count"},
        {"date": ago(364), "kind": "meeting", "gave": "a contact"},
        {"date": ago(100), "kind": "intro"},
        {"date": ago(10), "kind": "call", "received": "a lead"},
    )
    assert balance(someone, TODAY) == 1  # two given, one received


SLUGS = ("ana", "bob", "cyd", "dan")
interactions = st.fixed_dictionaries(
    {
        "date": st.dates(TODAY - timedelta(days=400), TODAY + timedelta(days=30)),
        "kind": st.sampled_from(["meeting", "meal", "call", "email", "intro", "event"]),
        "in_person": st.sampled_from([None, True, False]),
        "with": st.lists(st.sampled_from((*SLUGS, "stranger")), max_size=3),
    }
)


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(st.sampled_from(SLUGS), st.lists(interactions, max_size=5), min_size=1),
    st.sampled_from([None, TODAY, TODAY - timedelta(days=100)]),
    st.sampled_from(["active", "dormant"]),
)
def test_latest_dates_are_the_dates_of_each_contact_computed_alone(
    files: dict[str, list[dict[str, Any]]], today: date | None, status: str
) -> None:
    """The one pass over the network gives each contact the last contact, last meeting,
    staleness and cadence that the functions taking one contact at a time give."""
    contacts = {slug: person(*found, status=status) for slug, found in files.items()}
    seen = seen_elsewhere(contacts)
    latest = latest_dates(contacts, today)
    assert set(latest) == set(contacts)
    for slug, contact in contacts.items():
        elsewhere = seen.get(slug, ())
        assert latest[slug].contact == last_contact(contact, today, elsewhere)
        assert latest[slug].met == last_met(contact, today, elsewhere)
        if today is not None:
            assert stale_since(contact, latest[slug].met, today, 30) == is_stale(
                contact, today, 30, elsewhere
            )
            assert cadence_since(contact, SETTINGS, "B", today, latest[slug].contact) == cadence(
                contact, SETTINGS, "B", today, elsewhere
            )


# few dates, the year's edges among them: the same introduction often lands on both files
GIFT_DAYS = [TODAY - timedelta(days=n) for n in (466, 465, 464, 400, 365, 364, 100, 10, 0, -1)]
gifts = st.fixed_dictionaries(
    {
        "date": st.sampled_from(GIFT_DAYS),
        "kind": st.sampled_from(["meeting", "call", "intro", "service"]),
        "with": st.lists(st.sampled_from((*SLUGS, "stranger")), max_size=3),
    },
    optional={"gave": st.just("a lead"), "received": st.just("advice")},
)


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(st.sampled_from(SLUGS), st.lists(gifts, max_size=5), min_size=1),
    st.sampled_from([TODAY, TODAY - timedelta(days=100)]),
)
def test_the_survey_finds_what_the_functions_of_one_contact_find(
    files: dict[str, list[dict[str, Any]]], today: date
) -> None:
    """The agenda's one pass gives what `seen_elsewhere`, `latest_dates` and `balance` give,
    introductions recorded on both files or on one counted as `balance` counts them."""
    contacts = {slug: person(*found) for slug, found in files.items()}
    found = survey(contacts, today)
    seen = seen_elsewhere(contacts)
    assert found.seen == seen
    for slug, contact in contacts.items():
        elsewhere = intros_in(seen.get(slug, ()))
        assert found.balance(slug) == balance(contact, today, elsewhere)
