"""What `show` tells of a contact's history: timeline, give and take, tone, introductions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Runner
from reseau.files.model import Contact
from reseau.files.store import Network
from reseau.files.validation import validate
from reseau.files.yamlio import parse_text
from reseau.method.timeline import figures, introductions, is_souring, not_returned

TODAY = date(2026, 11, 30)


def contact(text: str) -> Contact:
    value, problems = validate(Contact, parse_text(text, "inline.yaml"))
    assert value is not None, problems
    return value


def network_of(**files: str) -> Network:
    network = Network(Path("."))
    for slug, text in files.items():
        network.contacts[slug.replace("_", "-")] = contact(text)
    return network


def test_each_gift_returns_the_oldest_thing_owed() -> None:
    person = contact(
        """
name: A
interactions:
  - {date: 2026-01-01, kind: call, received: first}
  - {date: 2026-02-01, kind: call, received: second}
  - {date: 2026-03-01, kind: call, gave: a thank-you}
  - {date: 2026-04-01, kind: call, received: third}
"""
    )
    assert [i.received for i in not_returned(person)] == ["second", "third"]


def test_a_gift_before_anything_received_returns_nothing_later() -> None:
    person = contact(
        """
name: A
interactions:
  - {date: 2026-01-01, kind: call, gave: given first}
  - {date: 2026-02-01, kind: call, received: a favour}
"""
    )
    assert [i.received for i in not_returned(person)] == ["a favour"]


def test_an_intro_is_a_gift_and_a_mutual_exchange_is_even() -> None:
    person = contact(
        """
name: A
interactions:
  - {date: 2026-05-01, kind: call, received: advice}
  - {date: 2026-06-01, kind: intro, with: [b]}
  - {date: 2026-07-01, kind: meal, gave: a book, received: a book}
"""
    )
    assert not_returned(person) == []


def test_file_order_does_not_matter_dates_do() -> None:
    person = contact(
        """
name: A
interactions:
  - {date: 2026-03-01, kind: call, gave: returned}
  - {date: 2026-01-01, kind: call, received: old favour}
"""
    )
    assert not_returned(person) == []


def test_the_last_three_toned_exchanges_not_positive() -> None:
    souring = contact(
        """
name: A
interactions:
  - {date: 2026-01-01, tone: positive}
  - {date: 2026-02-01, tone: negative}
  - {date: 2026-03-01, tone: neutral}
  - {date: 2026-04-01}
  - {date: 2026-05-01, tone: negative}
"""
    )
    assert is_souring(souring)


def test_a_positive_among_the_last_three_or_too_few_is_fine() -> None:
    recovering = contact(
        """
name: A
interactions:
  - {date: 2026-02-01, tone: negative}
  - {date: 2026-03-01, tone: positive}
  - {date: 2026-05-01, tone: negative}
"""
    )
    short = contact(
        """
name: A
interactions:
  - {date: 2026-03-01, tone: negative}
  - {date: 2026-05-01, tone: negative}
  - {date: 2026-06-01}
"""
    )
    assert not is_souring(recovering)
    assert not is_souring(short)


def test_introductions_from_both_sides_once_newest_first() -> None:
    network = network_of(
        a="""
name: Ann
interactions:
  - {date: 2026-03-01, kind: intro, with: [b], note: from a's file}
""",
        b="""
name: Bob
interactions:
  - {date: 2026-03-01, kind: intro, with: [a], note: from b's file}
""",
        c="""
name: Cid
interactions:
  - {date: 2026-09-01, kind: intro, with: [a], note: only in c's file}
  - {date: 2026-10-01, kind: call, with: [a], note: not an intro}
""",
    )
    assert introductions(network, "a") == [
        {"date": "2026-09-01", "with": "c", "name": "Cid", "note": "only in c's file"},
        {"date": "2026-03-01", "with": "b", "name": "Bob", "note": "from a's file"},
    ]


def test_given_and_received_over_the_last_365_days() -> None:
    network = network_of(
        a="""
name: Ann
interactions:
  - {date: 2025-11-30, kind: call, gave: not counted (a year ago)}
  - {date: 2025-12-01, kind: call, gave: counted}
  - {date: 2026-06-01, kind: intro, with: [b]}
  - {date: 2026-07-01, kind: call, received: counted}
"""
    )
    computed = figures(network, "a", TODAY)
    assert (computed["given"], computed["received"]) == (2, 1)
    assert computed["offer_next"] == {"received": "counted", "date": "2026-07-01"}
    assert computed["not_returned"] == 1


def test_the_timeline_newest_first_with_in_person_computed() -> None:
    network = network_of(
        a="""
name: Ann
interactions:
  - {date: 2026-01-01, kind: meal, tone: negative}
  - {date: 2026-02-01, kind: meeting, in_person: false, note: on video after all}
  - {date: 2026-02-01, kind: call, in_person: true, note: same day and logged second}
"""
    )
    computed = figures(network, "a", TODAY)
    assert [(e["date"], e["kind"], e["in_person"]) for e in computed["timeline"]] == [
        ("2026-02-01", "call", True),
        ("2026-02-01", "meeting", False),
        ("2026-01-01", "meal", True),
    ]
    assert computed["tones"] == {"positive": 0, "neutral": 0, "negative": 1}


def test_show_on_the_sample(run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")  # piped: whole lines (tests/golden has the widths)
    result = run("--dir", str(sample), "show", "thomas")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    start = lines.index("  balance (last 365 days): -2")
    assert lines[start:] == [
        "  balance (last 365 days): -2",
        "  open promises:",
        "    1. CVs of two junior accountants: by 2026-12-03, promised on 2026-11-10",
        "  gave 1, received 3 in the last 365 days",
        "  tone: 5 positive",
        '  to offer next: something in return for "Referral to a plastics moulder in Oyonnax" '
        "(received 2026-11-10; 1 more not returned)",
        "  timeline, newest first (* in person):",
        "    2026-11-10    call     positive  Third referral this year!",
        "                                     received: Referral to a plastics moulder in Oyonnax",
        "    2026-09-17    message  positive  Thanked him, sent the article he asked about",
        "                                     gave: Article on the 2027 energy audit rules",
        "    2026-06-23    call     positive  Another referral, a packaging plant",
        "                                     received: Referral to a packaging plant in Meyzieu",
        "    2026-02-10 *  meal     positive  He brought a client file, a foundry in Givors",
        "                                     received: Referral to Fonderie de Givors",
        "    2025-10-14 *  meal     positive  Lunch, he asked how I price my audits",
        "                                     gave: Two-page note on my pricing",
        "  notes:",
        "    Prescriber number one. Never asks for anything; find out what he needs",
        "    (he mentioned recruiting a junior for the firm).",
    ]


def test_show_says_when_exchanges_sour(run: Runner, sample: Path) -> None:
    for day in ("2026-11-20", "2026-11-24", "2026-11-27"):
        args = ("log", "paul", "Tense call", "--kind", "call", "--tone", "negative")
        assert run("--dir", str(sample), *args, "--date", day).code == 0
    lines = run("--dir", str(sample), "show", "paul").out.splitlines()
    assert "  tone: 1 positive, 1 neutral, 3 negative" in lines
    assert "  the last three exchanges were not positive: what is wrong?" in lines


def test_show_json_holds_the_same_figures(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "show", "elodie", "--json")
    computed = json.loads(result.out)["computed"]
    assert computed["introductions"] == [
        {
            "date": "2026-06-12",
            "with": "francois-lefevre",
            "name": "François Lefèvre",
            "note": "Introduced her to François for her shipments to Germany",
        }
    ]
    assert computed["offer_next"] is None
    assert computed["not_returned"] == 0
    assert computed["timeline"][1] == {
        "date": "2026-06-12",
        "kind": "intro",
        "in_person": False,
        "tone": "positive",
        "note": "Introduced her to François for her shipments to Germany",
        "gave": "Intro to François Lefèvre (export logistics)",
        "received": None,
        "with": ["francois-lefevre"],
        "from": None,
    }


def test_control_characters_from_a_file_never_reach_the_terminal(
    run: Runner, tmp_path: Path
) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "reseau.yaml").write_text("owner: me\n", encoding="utf-8")
    (tmp_path / "contacts" / "eve.yaml").write_text(
        "name: Eve\ninteractions:\n  - date: 2026-01-01\n    kind: call\n"
        '    note: "line one\\nline \\e[31mtwo"\n    received: "a \\e]0;title\\a gift"\n',
        encoding="utf-8",
    )
    result = run("--dir", str(tmp_path), "show", "eve")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert result.out.splitlines()[-3:] == [
        "    2026-01-01    call               line one",
        "                                     line two",
        "                                     received: a  gift",
    ]
