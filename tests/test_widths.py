"""Every table and agenda at 60, 80, 120 and 200 columns, against golden files.

Regenerate them with `RESEAU_UPDATE_GOLDEN=1 pytest tests/test_widths.py`, then read the
diff of tests/golden/ before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner, assert_golden
from reseau.files.text import width

WIDTHS = (60, 80, 120, 200)
COMMANDS = {
    "list": ("list",),
    "week": ("week",),
    "show": ("show", "thomas"),
    "stale": ("stale",),
    "plan": ("plan",),
    "stats": ("stats",),
}
# What must appear whole at every width: names, slugs that tell namesakes apart, commands.
WHOLE = {
    "list": ["Jean Martin", "Sébastien Moreau", "Lucía Hernández"],
    "week": ["Jean Martin (jean-martin-2)", "Jean Martin (jean-martin)", "Lucía Hernández"],
    "show": ["Thomas Bernard", "Referral to a"],
    "stale": ["Lucía Hernández", "Nguyễn Thu Hà"],
    "plan": ["reseau plan done NUMBER", "Lucía Hernández"],
    "stats": ["reseau stale", "reseau week"],
}


LANGUAGES = ("en", "fr")


def _golden_name(command: str, columns: int, lang: str) -> str:
    return f"{command}-{columns}.txt" if lang == "en" else f"{command}-{columns}.{lang}.txt"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_golden_at_each_width(
    run: Runner,
    sample: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    columns: int,
    lang: str,
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run("--lang", lang, "--dir", str(sample), *COMMANDS[command])
    assert (result.code, result.err) == (0, "")
    assert_golden(_golden_name(command, columns, lang), result.out)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_nothing_is_cut_and_lines_fit(
    run: Runner,
    sample: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    columns: int,
    lang: str,
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = run("--lang", lang, "--dir", str(sample), *COMMANDS[command]).out
    assert "…" not in out.replace(", …", "")  # a list of names may end in ", …"; nothing else
    assert max(width(line) for line in out.splitlines()) <= columns
    flat = " ".join(out.split())
    for text in WHOLE[command]:
        assert text in flat, f"{text!r} is not whole at {columns} columns"


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_command_hint_is_never_cut(
    run: Runner, empty_network: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = run("--dir", str(empty_network), "week").out
    assert "record it with `reseau week --done`" in " ".join(out.split())
    assert max(width(line) for line in out.splitlines()) <= columns


def test_a_slug_only_where_two_names_are_alike(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = run("--dir", str(sample), "list").out
    assert "Jean Martin (jean-martin-2)" in out and "Jean Martin (jean-martin)" in out
    assert "Thomas Bernard (" not in out and "thomas-bernard" not in out
    monkeypatch.setenv("COLUMNS", "200")
    wide = run("--dir", str(sample), "list").out
    assert "Jean Martin (" not in wide and "jean-martin-2" in wide


def test_compact_dates_when_narrow(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert " mo ago" in run("--dir", str(sample), "list").out
    assert "22 Oct" in run("--dir", str(sample), "plan").out
    monkeypatch.setenv("COLUMNS", "200")
    assert " mo ago" not in run("--dir", str(sample), "list").out
    assert "2026-10-22" in run("--dir", str(sample), "plan").out


def test_piped_output_is_whole_lines_without_colour(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    monkeypatch.delenv("NO_COLOR")
    for args in COMMANDS.values():
        out = run("--dir", str(sample), *args).out
        assert "\x1b[" not in out
    listed = run("--dir", str(sample), "list").out.splitlines()
    assert listed[0].split() == [
        "slug", "name", "circles", "status", "score", "tier", "last", "met", "last", "touch",
        "cadence",
    ]  # fmt: skip
