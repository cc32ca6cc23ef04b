"""Dates: exactly ISO `YYYY-MM-DD`, from 1900 to 2999, in files and options alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Runner
from reseau.files.dates import (
    ENGLISH_WEEKDAYS,
    FIRST_DAY,
    FRENCH_WEEKDAYS,
    LAST_DAY,
    DateError,
    DateOutOfRange,
    parse_date,
    read_typed_date,
    refuse_future,
    shift,
)
from reseau.files.model import WEEKDAYS, Contact, Interaction, Settings
from reseau.files.quarters import Quarter, week_bounds
from reseau.method.activity import cadence

RANGE = "reseau takes dates from 1900-01-01 to 2999-12-31"
QUARTERS = "reseau takes quarters from 1900-Q1 to 2999-Q4"
TYPED_FORMS = "YYYY-MM-DD, today, yesterday, 3 days ago, -3d, 2 weeks ago, or a weekday (friday)"


def write(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "'0' is not a date; write YYYY-MM-DD"),
        ("1700006400", "'1700006400' is not a date; write YYYY-MM-DD"),
        ("20261130", "'20261130' is not a date; write YYYY-MM-DD"),
        ("2026-11-30T00:00:00", "'2026-11-30T00:00:00' is not a date; write YYYY-MM-DD"),
        ("2026-11-30 00:00:00Z", "'2026-11-30 00:00:00Z' is not a date; write YYYY-MM-DD"),
        ("2026-W49-1", "'2026-W49-1' is not a date; write YYYY-MM-DD"),
        ("2026-11-30\n", "'2026-11-30\n' is not a date; write YYYY-MM-DD"),
        (
            "2026-02-30",
            "'2026-02-30' is not a date (day value is outside expected range); write YYYY-MM-DD",
        ),
        (
            "2026-13-01",
            "'2026-13-01' is not a date (month value is outside expected range); write YYYY-MM-DD",
        ),
        ("9999-12-31", f"'9999-12-31' is out of range: {RANGE}"),
        ("0000-01-01", f"'0000-01-01' is out of range: {RANGE}"),
        ("1899-12-31", f"'1899-12-31' is out of range: {RANGE}"),
        ("3000-01-01", f"'3000-01-01' is out of range: {RANGE}"),
    ],
)
def test_only_iso_dates_in_range_are_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_every_date_in_range_reads_back(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@given(st.dates().filter(lambda day: not FIRST_DAY <= day <= LAST_DAY))
def test_every_date_out_of_range_is_refused_as_such(day: date) -> None:
    with pytest.raises(DateOutOfRange):
        parse_date(day.isoformat())


def test_models_take_a_date_object_in_range_only() -> None:
    assert Interaction(date=date(2026, 11, 30)).date == date(2026, 11, 30)
    with pytest.raises(ValueError, match="'9999-12-31' is out of range"):
        Contact(name="A", since=date(9999, 12, 31))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "since: '0' is not a date; write YYYY-MM-DD"),
        ("1700006400", "since: '1700006400' is not a date; write YYYY-MM-DD"),
        ("20261130", "since: '20261130' is not a date; write YYYY-MM-DD"),
        ("9999-12-31", f"since: '9999-12-31' is out of range: {RANGE}"),
        ("[2026-11-30]", "since: expected a date, YYYY-MM-DD, got a list"),
    ],
)
def test_check_names_a_date_that_is_not_iso_or_in_range(
    run: Runner, empty_network: Path, value: str, message: str
) -> None:
    write(empty_network, "contacts/a.yaml", f"name: A\nsince: {value}\n")
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert result.out.splitlines()[0] == f"contacts/a.yaml:2: {message}"


def test_every_date_field_is_strict(run: Runner, empty_network: Path) -> None:
    write(
        empty_network,
        "contacts/a.yaml",
        "name: A\nqualification: {on: 2026-11-30T00:00:00}\ninteractions:\n"
        "  - date: 2026-11-30 00:00:00Z\n",
    )
    write(
        empty_network,
        "plans/2026-Q4.yaml",
        "quarter: 2026-Q4\nmeet:\n  - {contact: a, by: 20261130, done: 0}\n"
        "animate:\n  - {what: x, on: 1700006400, done: 3000-01-01}\n"
        "reputation:\n  - {what: y, by: 2026-11-30T00:00, done: 1899-12-31}\n",
    )
    write(empty_network, "journal.yaml", "sessions:\n  - {date: 2026-11-30T09:00:00}\n")
    result = run("--dir", str(empty_network), "check")
    assert result.out.splitlines()[:-1] == [
        "contacts/a.yaml:2: qualification.on: '2026-11-30T00:00:00' is not a date;"
        " write YYYY-MM-DD",
        "contacts/a.yaml:4: interactions[1].date: '2026-11-30 00:00:00Z' is not a date;"
        " write YYYY-MM-DD",
        "journal.yaml:2: sessions[1].date: '2026-11-30T09:00:00' is not a date; write YYYY-MM-DD",
        "plans/2026-Q4.yaml:3: meet[1].by: '20261130' is not a date; write YYYY-MM-DD",
        "plans/2026-Q4.yaml:3: meet[1].done: '0' is not a date; write YYYY-MM-DD",
        "plans/2026-Q4.yaml:5: animate[1].on: '1700006400' is not a date; write YYYY-MM-DD",
        "plans/2026-Q4.yaml:5: animate[1].done: '3000-01-01' is out of range: " + RANGE,
        "plans/2026-Q4.yaml:7: reputation[1].by: '2026-11-30T00:00' is not a date;"
        " write YYYY-MM-DD",
        "plans/2026-Q4.yaml:7: reputation[1].done: '1899-12-31' is out of range: " + RANGE,
    ]
    assert result.out.endswith(": 9 errors, 0 warnings\n")


@pytest.mark.parametrize("stem", ["9999-Q4", "0000-Q1", "1899-Q4", "3000-Q1"])
def test_a_plan_of_a_quarter_out_of_range_is_an_error(
    run: Runner, empty_network: Path, stem: str
) -> None:
    write(empty_network, f"plans/{stem}.yaml", f"quarter: {stem}\n")
    result = run("--dir", str(empty_network), "check")
    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines() == [
        f"plans/{stem}.yaml:1: quarter: '{stem}' is out of range: {QUARTERS}",
        "checked reseau.yaml, 1 contact and plan files, journal.yaml: 1 error, 0 warnings",
    ]


@pytest.mark.parametrize("command", ["list", "stats", "show c", "export ics", "week"])
def test_a_contact_out_of_range_is_skipped_not_a_crash(
    run: Runner, empty_network: Path, command: str
) -> None:
    write(empty_network, "contacts/a.yaml", "name: A\nsince: 9999-01-01\ncadence_days: 36500\n")
    write(empty_network, "contacts/b.yaml", "name: B\nsince: 9999-12-31\n")
    write(empty_network, "contacts/c.yaml", "name: C\n")
    result = run("--dir", str(empty_network), *command.split())
    assert (result.code, result.err) == (0, "reseau: skipped 2 invalid files; run `reseau check`\n")


@pytest.mark.parametrize(
    ("args", "option", "message"),
    [
        (("--today", "0001-01-01", "week"), "--today", f"'0001-01-01' is out of range: {RANGE}"),
        (("--today", "9999-12-31", "week"), "--today", f"'9999-12-31' is out of range: {RANGE}"),
        (("--today", "20261130", "week"), "--today",
         f"'20261130' is not a date; write {TYPED_FORMS}"),
        (("add", "Foo", "--since", "9999-12-31"), "--since",
         f"'9999-12-31' is out of range: {RANGE}"),
        (("add", "Foo", "--since", "0"), "--since", f"'0' is not a date; write {TYPED_FORMS}"),
        (("log", "a", "x", "--date", "1899-12-31"), "--date",
         f"'1899-12-31' is out of range: {RANGE}"),
        (("plan", "new", "9999-Q4"), "QUARTER", f"'9999-Q4' is out of range: {QUARTERS}"),
        (("plan", "0000-Q1"), "QUARTER", f"'0000-Q1' is out of range: {QUARTERS}"),
    ],
)  # fmt: skip
def test_an_option_out_of_range_is_a_usage_error(
    run: Runner, empty_network: Path, args: tuple[str, ...], option: str, message: str
) -> None:
    write(empty_network, "contacts/a.yaml", "name: A\n")
    result = run("--dir", str(empty_network), *args)
    assert result.code == 2
    assert f"Error: Invalid value for {option}: {message}\n" in result.err
    assert sorted(p.name for p in (empty_network / "contacts").iterdir()) == ["a.yaml"]
    assert list((empty_network / "plans").iterdir()) == []


def test_yesterday_before_the_first_day_is_refused(run: Runner, empty_network: Path) -> None:
    write(empty_network, "contacts/a.yaml", "name: A\n")
    result = run("--dir", str(empty_network), "--today", "1900-01-01", "log", "a", "x",
                 "--date", "yesterday")  # fmt: skip
    assert result.code == 2
    assert f"'1899-12-31' is out of range: {RANGE}" in result.err


def test_no_plan_is_drafted_after_the_last_quarter(run: Runner, empty_network: Path) -> None:
    last = run("--dir", str(empty_network), "--today", "2999-12-31", "plan", "new")
    assert last.code == 0, last.err
    assert [p.name for p in (empty_network / "plans").iterdir()] == ["2999-Q4.yaml"]
    result = run("--dir", str(empty_network), "--today", "2999-12-31", "plan", "new")
    assert (result.code, result.out) == (1, "")
    assert result.err == f"reseau: '3000-Q1' is out of range: {QUARTERS}\n"
    assert [p.name for p in (empty_network / "plans").iterdir()] == ["2999-Q4.yaml"]


@pytest.mark.parametrize("today", ["1900-01-01", "2999-12-31"])
@pytest.mark.parametrize("command", ["week", "stats", "list", "stale", "export ics", "check"])
def test_the_first_and_last_days_work(run: Runner, sample: Path, today: str, command: str) -> None:
    result = run("--dir", str(sample), "--today", today, *command.split())
    assert (result.code, result.err) == (0, "")


def test_quarters_and_weeks_at_the_ends_of_the_calendar_do_not_overflow() -> None:
    assert Quarter(2999, 4).end == date(2999, 12, 31)
    assert Quarter(9999, 4).end == date(9999, 12, 31)
    assert Quarter(1900, 1).start == date(1900, 1, 1)
    assert week_bounds(date.max) == (date(9999, 12, 27), date.max)
    assert week_bounds(date.min) == (date.min, date(1, 1, 7))
    assert shift(date(9999, 12, 30), 36500) == date.max
    assert shift(date(1, 1, 2), -365) == date.min


def test_a_cadence_due_after_the_calendar_ends_does_not_overflow() -> None:
    contact = Contact(name="A", cadence_days=36500)
    object.__setattr__(contact, "since", date(9999, 1, 1))  # past what validation lets in
    rhythm = cadence(contact, Settings(), "?", date(2026, 11, 30))
    assert (rhythm.since, rhythm.due_on) == (date(9999, 1, 1), date.max)


# Dates typed on the command line: one parser for every option -------------------------------

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-02", date(2026, 11, 2)),
        ("2027-01-15", date(2027, 1, 15)),
        ("today", MONDAY),
        (" Today ", MONDAY),
        ("yesterday", date(2026, 11, 29)),
        ("3 days ago", date(2026, 11, 27)),
        ("1 day ago", date(2026, 11, 29)),
        ("3  Days  ago", date(2026, 11, 27)),
        ("-3d", date(2026, 11, 27)),
        ("-0d", MONDAY),
        ("2 weeks ago", date(2026, 11, 16)),
        ("-1w", date(2026, 11, 23)),
        ("monday", MONDAY),
        ("Sunday", date(2026, 11, 29)),
        ("friday", date(2026, 11, 27)),
        ("fri", date(2026, 11, 27)),
        ("tuesday", date(2026, 11, 24)),
        ("aujourd'hui", MONDAY),
        ("aujourd\u2019hui", MONDAY),
        ("Hier", date(2026, 11, 29)),
        ("avant-hier", date(2026, 11, 28)),
        ("il y a 3 jours", date(2026, 11, 27)),
        ("il y a 1 jour", date(2026, 11, 29)),
        ("il y a 2 semaines", date(2026, 11, 16)),
        ("-3j", date(2026, 11, 27)),
        ("-1s", date(2026, 11, 23)),
        ("lundi", MONDAY),
        ("dimanche", date(2026, 11, 29)),
        ("vendredi", date(2026, 11, 27)),
        ("ven", date(2026, 11, 27)),
        ("mardi", date(2026, 11, 24)),
    ],
)
def test_typed_date_forms(text: str, expected: date) -> None:
    assert read_typed_date(text, MONDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "01/02",
        "2026-1-2",
        "20261130",
        "2026-W49-1",
        "last monday",
        "",
        "tomorrow",
        "3 days",
        "in 3 days",
        "+3d",
        "3d",
        "11-30",
        "fr",
        "demain",
        "dans 3 jours",
        "il y a 3",
        "vendredi dernier",
    ],
)
def test_other_typed_forms_are_refused_with_the_accepted_ones(text: str) -> None:
    with pytest.raises(DateError) as caught:
        read_typed_date(text, MONDAY)
    assert str(caught.value) == f"'{text}' is not a date; write {TYPED_FORMS}"


def test_a_typed_iso_date_keeps_its_precise_error() -> None:
    with pytest.raises(DateError, match="day value is outside expected range"):
        read_typed_date("2026-02-30", MONDAY)


def test_days_ago_past_the_range_is_out_of_range() -> None:
    with pytest.raises(DateOutOfRange):
        read_typed_date("99999 days ago", MONDAY)


def test_the_typed_weekdays_are_the_files_weekdays() -> None:
    assert ENGLISH_WEEKDAYS == WEEKDAYS  # `ritual: weekday:` and `--date friday` say one day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.sampled_from(WEEKDAYS))
def test_a_french_weekday_is_the_same_day_as_its_english_name(today: date, name: str) -> None:
    french = FRENCH_WEEKDAYS[WEEKDAYS.index(name)]
    assert read_typed_date(french, today) == read_typed_date(name, today)
    assert read_typed_date(french[:3], today) == read_typed_date(name, today)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.sampled_from(WEEKDAYS))
def test_a_weekday_is_one_of_the_last_seven_days(today: date, name: str) -> None:
    day = read_typed_date(name, today)
    assert day.weekday() == WEEKDAYS.index(name)
    assert 0 <= (today - day).days <= 6


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_any_iso_date_reads_back_typed(day: date) -> None:
    assert read_typed_date(day.isoformat(), MONDAY) == day


def test_the_future_is_refused_where_it_cannot_be() -> None:
    assert refuse_future(MONDAY, MONDAY, "why") == MONDAY
    with pytest.raises(DateError) as caught:
        refuse_future(date(2026, 12, 1), MONDAY, "log what has happened")
    assert str(caught.value) == (
        "2026-12-01 is in the future (today is 2026-11-30); log what has happened"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("add", "Zoé Neuve", "--since", "2027-06-01"),
        ("log", "thomas", "lunch", "--date", "2026-12-01"),
        ("intro", "thomas", "marie", "--date", "2026-12-24"),
    ],
)
def test_date_options_refuse_the_future(run: Runner, sample: Path, args: tuple[str, ...]) -> None:
    before = {p: p.read_bytes() for p in (sample / "contacts").iterdir()}
    result = run("--dir", str(sample), *args)
    assert result.code == 2
    assert "is in the future (today is 2026-11-30)" in result.err
    assert {p: p.read_bytes() for p in (sample / "contacts").iterdir()} == before


def test_every_date_option_takes_the_same_forms(run: Runner, sample: Path) -> None:
    added = run("--dir", str(sample), "add", "Zoé Neuve", "--since", "3 days ago")
    assert added.code == 0, added.err
    assert "since: 2026-11-27" in (sample / "contacts" / "zoe-neuve.yaml").read_text()
    logged = run(
        "--dir", str(sample), "log", "zoe-neuve", "call", "--kind", "call", "--date", "-1d"
    )
    assert logged.code == 0, logged.err
    assert "date: 2026-11-29" in logged.out
    shown = run("--dir", str(sample), "--today", "friday", "show", "zoe-neuve", "--json")
    assert shown.code == 0, shown.err
    assert '"last_contact": null' in shown.out  # on the latest Friday the call is still ahead


def test_today_takes_a_future_date(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "--today", "2027-06-01", "stale", "--json")
    assert result.code == 0, result.err
