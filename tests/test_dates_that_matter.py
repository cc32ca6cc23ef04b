"""Birthdays and other yearly dates: the file's forms, the week's touch items (29 February
in a common year, weeks across New Year), show and list, import and export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner, write_network
from reseau.files.dates import DateError
from reseau.files.model import Contact, validated
from reseau.files.yearly import YearlyDate
from reseau.formats.importers.google import read_google
from reseau.formats.importers.records import yearly_text
from reseau.formats.importers.vcard import read_vcard
from reseau.method.occasions import occasions_between

REALWORLD = Path(__file__).parent / "data" / "realworld"


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [("1980-05-14", 5, 14, 1980), ("--05-14", 5, 14, None), ("--02-29", 2, 29, None)],
)
def test_the_two_forms(text: str, month: int, day: int, year: int | None) -> None:
    parsed = YearlyDate.parse(text)
    assert (parsed.month, parsed.day, parsed.year) == (month, day, year)
    assert parsed.text() == text


@pytest.mark.parametrize("text", ["--02-30", "--13-01", "05-14", "--5-14", "2023-02-29", "x"])
def test_what_is_not_a_yearly_date(text: str) -> None:
    with pytest.raises(DateError):
        YearlyDate.parse(text)


@pytest.mark.parametrize(
    ("year", "expected"), [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29))]
)
def test_the_29th_of_february_falls_on_the_28th_in_a_common_year(year: int, expected: date) -> None:
    assert YearlyDate.parse("--02-29").in_year(year) == expected


def _contact(**fields: object) -> Contact:
    return validated(Contact, {"name": "X", **fields})


def test_a_week_across_new_year_finds_dates_in_both_years() -> None:
    contact = _contact(birthday="1990-01-01", dates={"wedding": "--12-31", "later": "--01-04"})
    found = occasions_between(contact, date(2026, 12, 28), date(2027, 1, 3))
    assert [(o.label, o.day, o.years) for o in found] == [
        ("wedding", date(2026, 12, 31), None),
        ("birthday", date(2027, 1, 1), 37),
    ]


def test_the_leap_day_in_a_week_of_a_common_year() -> None:
    contact = _contact(birthday="--02-29")
    assert [o.day for o in occasions_between(contact, date(2027, 2, 22), date(2027, 2, 28))] == [
        date(2027, 2, 28)
    ]
    assert occasions_between(contact, date(2027, 3, 1), date(2027, 3, 7)) == []
    assert [o.day for o in occasions_between(contact, date(2028, 2, 28), date(2028, 3, 5))] == [
        date(2028, 2, 29)
    ]


NETWORK = {
    "contacts/ann.yaml": "name: Ann\nbirthday: --02-29   # a leap-day baby\n",
    "contacts/bob.yaml": "name: Bob\nbirthday: 1990-01-01\ndates: {wedding: 2015-12-31}\n",
    "contacts/cat.yaml": "name: Cat\nstatus: dormant\nbirthday: --12-30\n",
}


def _touch(run: Runner, root: Path, today: str) -> list[tuple[str, str, str]]:
    result = run("--dir", str(root), "--today", today, "week", "--json")
    assert result.code == 0, result.err
    items = json.loads(result.out)["items"]
    return [(i["who"], i["action"], i["reason"]) for i in items if i["section"] == "touch"]


def test_week_lists_the_birthday_in_a_common_year_on_the_28th(
    run: Runner, empty_network: Path
) -> None:
    root = write_network(empty_network, NETWORK)
    touch = _touch(run, root, "2027-02-24")  # a Wednesday; the week ends Sunday the 28th
    assert ("Ann", "wish them a happy birthday", "birthday on Sunday") in touch
    assert _touch(run, root, "2027-02-28")[0] == (
        "Ann",
        "wish them a happy birthday",
        "birthday today",
    )
    assert not [t for t in _touch(run, root, "2027-03-01") if t[1].startswith("wish")]


def test_week_across_new_year_has_both_dates_on_one_item(run: Runner, empty_network: Path) -> None:
    root = write_network(empty_network, NETWORK)
    touch = _touch(run, root, "2026-12-28")  # 2026-W53: Mon 28 Dec to Sun 3 Jan
    wishes = [t for t in touch if t[1].startswith("wish")]
    assert wishes == [
        ("Bob", "wish them a happy wedding", "wedding on Thursday · birthday on Friday")
    ]  # Cat is dormant: her birthday is not on the agenda


def test_the_sample_week_has_a_birthday(run: Runner, sample: Path) -> None:
    touch = _touch(run, sample, "2026-11-30")
    assert touch[0][:2] == ("Sébastien Moreau", "wish them a happy birthday")
    assert touch[0][2].startswith("birthday on Thursday · late: ")


def test_a_bad_birthday_is_an_error_with_its_line(run: Runner, empty_network: Path) -> None:
    write_network(
        empty_network,
        {"contacts/x.yaml": "name: X\nbirthday: 14/05\ndates:\n  wedding: --02-30\n"},
    )
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert "contacts/x.yaml:2: birthday: '14/05' is not a date; write YYYY-MM-DD, or --MM-DD" in (
        result.out
    )
    assert "contacts/x.yaml:4: dates.wedding: '--02-30' is not a day of the year" in result.out


def test_show_and_list_json(run: Runner, empty_network: Path) -> None:
    root = write_network(empty_network, NETWORK)
    shown = run("--dir", str(root), "--today", "2026-11-30", "show", "bob")
    assert "  wedding: 2015-12-31 (next on 2026-12-31, 11 years)\n" in shown.out
    assert "  birthday: 1990-01-01 (next on 2027-01-01, 37 years)\n" in shown.out
    detail = json.loads(run("--dir", str(root), "show", "ann", "--json").out)
    assert detail["birthday"] == "--02-29"
    assert detail["computed"]["next_dates"] == [
        {"label": "birthday", "date": "--02-29", "next": "2027-02-28", "years": None}
    ]
    rows = {r["slug"]: r for r in json.loads(run("--dir", str(root), "list", "--json").out)}
    assert (rows["bob"]["birthday"], rows["bob"]["dates"]) == (
        "1990-01-01",
        {"wedding": "2015-12-31"},
    )
    assert (rows["ann"]["birthday"], rows["ann"]["dates"]) == ("--02-29", {})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19800322", "1980-03-22"),
        ("1980-03-22", "1980-03-22"),
        ("--0416", "--04-16"),
        ("--04-16", "--04-16"),
        ("16040101", "--01-01"),  # Apple and CardBook: 1604 is no year
        ("19531015T231000Z", "1953-10-15"),
        ("1996-04-15T201243+04:00", "1996-04-15"),
        ("circa 1800", None),
        ("19800230", None),
    ],
)
def test_address_book_date_forms(value: str, expected: str | None) -> None:
    assert yearly_text(value) == expected


@pytest.mark.parametrize(
    ("name", "birthday", "dates"),
    [
        ("ezvcard-John_Doe_GMAIL.vcf", "1980-03-22", {"anniversary": "1975-03-01"}),
        ("ezvcard-John_Doe_MS_OUTLOOK.vcf", "1980-03-22", {"anniversary": "2011-01-13"}),
        ("ezvcard-John_Doe_EVOLUTION.vcf", "1980-03-22", {"anniversary": "1980-03-22"}),
        ("kcontacts-testfullvcard.vcf", "1953-10-15", {"anniversary": "1996-04-15"}),
        ("radicale-contact4-with-bday-no-year.vcf", "--01-01", {}),
        ("vcard4android-vcard4.vcf", "--04-16", {}),
        ("android-v21_winmo_65.vcf", None, {"anniversary": "2009-10-10"}),
    ],
)
def test_vcards_from_other_programs(name: str, birthday: str | None, dates: dict[str, str]) -> None:
    [person] = read_vcard((REALWORLD / name).read_bytes()).people[:1]
    assert (person.birthday, person.dates) == (birthday, dates)


def test_a_labelled_apple_date_and_a_bad_bday() -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nBDAY:sometime\r\n"
        "item1.X-ABDATE:2019-03-01\r\nitem1.X-ABLabel:work anniversary\r\n"
        "item2.X-ABDATE;type=pref:20100505\r\nitem2.X-ABLabel:_$!<Anniversary>!$_\r\n"
        "END:VCARD\r\n"
    )
    [person] = read_vcard(card.encode()).people
    assert person.birthday is None
    assert person.dates == {"work anniversary": "2019-03-01", "anniversary": "2010-05-05"}
    assert "BDAY 'sometime' (not a date)" in person.dropped


def test_google_birthday_and_events() -> None:
    data = (
        "Name,Birthday,Event 1 - Type,Event 1 - Value,Event 2 - Type,Event 2 - Value,"
        "E-mail 1 - Value\n"
        "Grace Hopper,--12-09,Anniversary,1990-06-01,first day at work,2001-09-03,g@example.org\n"
        "Alan Turing,1912-06-23,,,,,a@example.org\n"
        "Bad Date,someday,,,,,b@example.org\n"
    )
    people = read_google(data.encode()).people
    assert [(p.name, p.birthday, p.dates) for p in people] == [
        (
            "Grace Hopper",
            "--12-09",
            {"anniversary": "1990-06-01", "first day at work": "2001-09-03"},
        ),
        ("Alan Turing", "1912-06-23", {}),
        ("Bad Date", None, {}),
    ]
    assert "birthday 'someday' (not a date)" in people[2].dropped


def test_import_adds_dates_only_where_there_are_none(run: Runner, empty_network: Path) -> None:
    root = write_network(
        empty_network,
        {
            "contacts/ann.yaml": (
                "name: Ann   # kept\nemails: [ann@example.org]\nbirthday: 1980-01-02\n"
                "dates: {wedding: 2010-06-01}\n"
            )
        },
    )
    card = root / "ann.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nEMAIL:ann@example.org\r\nBDAY:--03-04\r\n"
        "ANNIVERSARY:20000101\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bea\r\nEMAIL:bea@example.org\r\nBDAY:--03-04\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    result = run("--dir", str(root), "import", "vcard", str(card))
    assert result.code == 0, result.err
    ann = (root / "contacts" / "ann.yaml").read_text(encoding="utf-8")
    assert ann.startswith("name: Ann   # kept\n")
    detail = json.loads(run("--dir", str(root), "show", "ann", "--json").out)
    assert detail["birthday"] == "1980-01-02"
    assert detail["dates"] == {"wedding": "2010-06-01", "anniversary": "2000-01-01"}
    bea = (root / "contacts" / "bea.yaml").read_text(encoding="utf-8")
    assert "birthday: --03-04\n" in bea


def test_vcard_export_writes_them_and_reads_them_back(run: Runner, empty_network: Path) -> None:
    root = write_network(empty_network, NETWORK)
    out = run("--dir", str(root), "export", "vcard").out
    assert "BDAY:--02-29\r\n" in out
    assert "BDAY:1990-01-01\r\n" in out
    assert "date1.X-ABDATE:2015-12-31\r\ndate1.X-ABLABEL:wedding\r\n" in out
    people = {p.name: p for p in read_vcard(out.encode()).people}
    assert (people["Bob"].birthday, people["Bob"].dates) == (
        "1990-01-01",
        {"wedding": "2015-12-31"},
    )
    assert people["Ann"].birthday == "--02-29"


def test_ics_export_has_them_as_yearly_events(run: Runner, empty_network: Path) -> None:
    import recurring_ical_events
    from icalendar import Calendar

    root = write_network(empty_network, NETWORK)
    out = run("--dir", str(root), "--today", "2026-11-30", "export", "ics").out
    calendar = Calendar.from_ical(out)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert "date-cat-birthday@reseau" not in events  # dormant
    bob = events["date-bob-wedding@reseau"]
    assert (str(bob["summary"]), bob.decoded("dtstart")) == ("Bob: wedding", date(2026, 12, 31))
    days = [
        e.decoded("dtstart")
        for e in recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2029, 1, 1))
        if str(e["uid"]) == "date-ann-birthday@reseau"
    ]
    assert days == [date(2027, 2, 28), date(2028, 2, 29)]
