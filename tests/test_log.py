"""reseau log: the date forms, the item written, its place, the refusals."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Runner
from reseau.actions.log import Entry, insert_position, interaction_item

TODAY = date(2026, 11, 30)  # a Monday


def test_item_keys_in_the_contract_order_without_empty_values() -> None:
    entry = Entry(
        TODAY, "meal", remote=True, tone="positive", note="n", received="r", with_=("a", "b")
    )
    assert list(interaction_item(entry).items()) == [
        ("date", "2026-11-30"),
        ("kind", "meal"),
        ("in_person", "false"),
        ("tone", "positive"),
        ("note", "n"),
        ("received", "r"),
        ("with", ["a", "b"]),
    ]


def test_remote_is_only_written_where_it_overrides_the_kind() -> None:
    assert interaction_item(Entry(TODAY, "call", remote=True, note="n")) == {
        "date": "2026-11-30",
        "kind": "call",
        "note": "n",
    }


@pytest.mark.parametrize(
    ("dates", "when", "expected"),
    [
        ([], 10, 0),
        ([1, 5, 9], 10, 3),
        ([1, 5, 9], 9, 3),
        ([1, 5, 9], 5, 2),
        ([1, 5, 9], 4, 1),
        ([1, 5, 9], 0, 0),
        ([1, 5, 5, 9], 5, 3),
    ],
)
def test_insert_position(dates: list[int], when: int, expected: int) -> None:
    days = [TODAY - timedelta(days=100 - n) for n in dates]
    assert insert_position(days, TODAY - timedelta(days=100 - when)) == expected


@given(st.lists(st.integers(0, 50)), st.integers(0, 50))
def test_inserting_keeps_the_list_oldest_first(offsets: list[int], when: int) -> None:
    days = sorted(TODAY - timedelta(days=n) for n in offsets)
    new = TODAY - timedelta(days=when)
    position = insert_position(days, new)
    result = [*days[:position], new, *days[position:]]
    assert result == sorted(result)
    assert all(day > new for day in result[position + 1 :])


def _file(sample: Path, slug: str) -> str:
    return (sample / "contacts" / f"{slug}.yaml").read_text(encoding="utf-8")


def test_log_appends_and_reports(run: Runner, sample: Path) -> None:
    before = _file(sample, "marie-dupont")
    result = run("--dir", str(sample), "log", "marie", "Coffee at the station", "--gave", "A book")
    assert result.code == 0, result.err
    assert result.out == (
        "added to contacts/marie-dupont.yaml:\n"
        "  - date: 2026-11-30\n"
        "    kind: meeting\n"
        "    note: Coffee at the station\n"
        "    gave: A book\n"
        "Marie Dupont: last met in person 2026-11-30, balance +4 over the last 365 days\n"
    )
    head, tail = before.split("notes: |")
    assert _file(sample, "marie-dupont") == (
        head + "  - date: 2026-11-30\n    kind: meeting\n    note: Coffee at the station\n"
        "    gave: A book\nnotes: |" + tail
    )


def test_a_back_dated_interaction_goes_in_its_place(run: Runner, sample: Path) -> None:
    result = run(
        "--dir", str(sample), "log", "marie-dupont", "Trade fair", "--kind", "event",
        "--date", "2026-06-01", "--tone", "neutral", "--received", "A lead",
    )  # fmt: skip
    assert result.code == 0, result.err
    text = _file(sample, "marie-dupont")
    assert (
        "    gave: Benchmark of subcontractors' rates\n"
        "  - date: 2026-06-01\n"
        "    kind: event\n"
        "    tone: neutral\n"
        "    note: Trade fair\n"
        "    received: A lead\n"
        "  - date: 2026-10-02\n"
    ) in text
    assert result.out.splitlines()[-1] == (
        "Marie Dupont: last met in person 2026-10-22, balance +2 over the last 365 days"
    )


def test_a_weekday_date_and_remote_meeting(run: Runner, sample: Path) -> None:
    result = run(
        "--dir", str(sample), "log", "paul", "Video lunch", "--kind", "meal",
        "--date", "friday", "--remote",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:5] == [
        "  - date: 2026-11-27",
        "    kind: meal",
        "    in_person: false",
        "    note: Video lunch",
    ]
    assert result.out.splitlines()[-1] == (
        "Paul Bernard: last met in person 2026-04-09, balance +1 over the last 365 days"
    )


def test_with_names_are_resolved_like_who(run: Runner, sample: Path) -> None:
    result = run(
        "--dir", str(sample), "log", "marie", "Dinner", "--kind", "meal",
        "--with", "paul-b", "--with", "Élodie,paul-bernard",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "    with: [paul-bernard, elodie-fournier]\n" in _file(sample, "marie-dupont")


def test_an_unknown_with_is_refused_and_nothing_written(run: Runner, sample: Path) -> None:
    before = _file(sample, "marie-dupont")
    result = run("--dir", str(sample), "log", "marie", "Dinner", "--with", "nobody-at-all")
    assert (result.code, result.err) == (1, "reseau: no contact matches 'nobody-at-all'\n")
    assert _file(sample, "marie-dupont") == before


def test_an_ambiguous_with_lists_the_candidates(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "log", "marie", "Dinner", "--with", "jean")
    assert result.code == 1
    assert result.err == (
        "reseau: 'jean' matches 2 contacts; say which:\n"
        "  jean-martin  Jean Martin\n"
        "  jean-martin-2  Jean Martin\n"
    )


def test_with_cannot_name_the_contact_itself(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "log", "marie", "Dinner", "--with", "marie-dupont")
    assert (result.code, result.err) == (
        1,
        "reseau: --with marie-dupont names marie-dupont itself; name the other people\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "01/02"), "Invalid value for --date: '01/02' is not a date"),
        (("--date", "2026-12-01"), "Invalid value for --date: 2026-12-01 is in the future"),
        (("--kind", "brunch"), "Invalid value for --kind: 'brunch' is not one of: meeting, meal"),
        (("--tone", "positve"), "did you mean 'positive'?"),
    ],
)
def test_bad_options_are_usage_errors(
    run: Runner, sample: Path, args: tuple[str, ...], message: str
) -> None:
    before = _file(sample, "marie-dupont")
    result = run("--dir", str(sample), "log", "marie", "Dinner", *args)
    assert result.code == 2
    assert message in result.err
    assert _file(sample, "marie-dupont") == before


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (("--kind", "repas", "--tone", "positif"), "    kind: meal\n    tone: positive\n"),
        (("--kind", "Appel"), "    kind: call\n"),
        (("--kind", "lunch", "--tone", "négatif"), "    kind: meal\n    tone: negative\n"),
    ],
)
def test_words_people_type_for_a_kind_or_tone_are_taken_for_their_value(
    run: Runner, sample: Path, args: tuple[str, ...], written: str
) -> None:
    result = run("--dir", str(sample), "log", "marie", "Dinner", *args)
    assert result.code == 0, result.err
    assert f"  - date: 2026-11-30\n{written}    note: Dinner\n" in _file(sample, "marie-dupont")


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("   ", "reseau: the note is empty; write something or leave it out\n"),
        (
            "bell\x07",
            "reseau: the argument 'bell\\x07' holds a control character (U+0007); "
            "type plain text\n",
        ),
        (
            "esc\x1b[31m",
            "reseau: the argument 'esc\\x1b[31m' holds a control character (U+001B); "
            "type plain text\n",
        ),
    ],
)
def test_bad_text_is_refused(run: Runner, sample: Path, note: str, message: str) -> None:
    before = _file(sample, "marie-dupont")
    result = run("--dir", str(sample), "log", "marie", note)
    assert (result.code, result.err) == (1 if note.isspace() else 2, message)
    assert _file(sample, "marie-dupont") == before


def test_an_unknown_contact(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "log", "zorglub", "Dinner")
    assert (result.code, result.err) == (1, "reseau: no contact matches 'zorglub'\n")


def _network_with(root: Path, text: str) -> Path:
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text("objectives: {clients: {}}\n", encoding="utf-8")
    path = root / "contacts" / "zoe.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: Zoé\ncircles: [clients]\nnotes: hi\n",
            "name: Zoé\ncircles: [clients]\ninteractions:\n"
            "  - date: 2026-11-30\n    kind: call\n    note: First\nnotes: hi\n",
        ),
        (
            "name: Zoé\ninteractions: []\n",
            "name: Zoé\ninteractions:\n  - date: 2026-11-30\n    kind: call\n    note: First\n",
        ),
        (
            "name: Zoé\ninteractions:\n",
            "name: Zoé\ninteractions:\n  - date: 2026-11-30\n    kind: call\n    note: First\n",
        ),
    ],
)
def test_the_first_interaction(run: Runner, tmp_path: Path, text: str, expected: str) -> None:
    path = _network_with(tmp_path, text)
    result = run("--dir", str(tmp_path), "log", "zoe", "First", "--kind", "call")
    assert result.code == 0, result.err
    assert path.read_text(encoding="utf-8") == expected


def test_a_read_only_file_is_refused(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    before = path.read_bytes()
    os.chmod(path, 0o444)
    result = run("--dir", str(sample), "log", "marie", "Dinner")
    assert (result.code, result.err) == (
        1,
        "reseau: contacts/marie-dupont.yaml is read-only; make it writable (chmod u+w) "
        "to change it\n",
    )
    assert path.read_bytes() == before


def test_a_symlinked_file_is_refused(run: Runner, sample: Path, tmp_path: Path) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    elsewhere = tmp_path / "marie.yaml"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    result = run("--dir", str(sample), "log", "marie", "Dinner")
    assert (result.code, result.err) == (
        1,
        "reseau: contacts/marie-dupont.yaml is a symbolic link; reseau only writes regular files\n",
    )
    assert elsewhere.read_bytes() == before


def test_the_new_mode_is_the_old_one(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    os.chmod(path, 0o600)
    assert run("--dir", str(sample), "log", "marie", "Dinner").code == 0
    assert path.stat().st_mode & 0o777 == 0o600
