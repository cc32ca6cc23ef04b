"""Data is text: no markup is interpreted and no control character reaches the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Runner
from reseau.files.text import clean

HOSTILE = {
    "markup": "[bold red]x[/]",
    "closing": "Eve [/]",
    "csi": "Mallory \x1b[31mRed\x1b[0m",
    "osc52": "Oscar \x1b]52;c;ZWNobyBwd25lZA==\x07",
    "title": "Trudy \x1b]0;owned\x1b\\",
    "rlo": "Bob \u202egnp.exe",
    "c1": "Carol \x9b31m",
}


def write_contact(root: Path, slug: str, name: str) -> None:
    (root / "contacts" / f"{slug}.yaml").write_text(
        f"name: {json.dumps(name)}\ncompany: {json.dumps(name)}\nnotes: {json.dumps(name)}\n",
        encoding="utf-8",
    )


def assert_plain(text: str) -> None:
    forbidden = [ch for ch in text if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0]
    assert forbidden == []
    assert "\u202e" not in text


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_print_as_plain_text(run: Runner, empty_network: Path, kind: str) -> None:
    write_contact(empty_network, "hostile", HOSTILE[kind])
    for args in (("list",), ("show", "hostile"), ("list", "--json"), ("show", "hostile", "--json")):
        result = run("--dir", str(empty_network), *args)
        assert result.code == 0, result.err
        assert_plain(result.out + result.err)
    listed = run("--dir", str(empty_network), "list").out
    if kind in ("markup", "closing"):
        assert HOSTILE[kind] in listed


def test_problem_messages_are_plain_too(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "x.yaml").write_text(
        'name: A\nstatus: "\\e[31mred\\u202e"\n', encoding="utf-8"
    )
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert_plain(result.out + result.err)


def test_json_keeps_the_data_escaped_not_dropped(run: Runner, empty_network: Path) -> None:
    write_contact(empty_network, "hostile", HOSTILE["rlo"])
    result = run("--dir", str(empty_network), "show", "hostile", "--json")
    assert "\\u202e" in result.out
    assert json.loads(result.out)["name"] == HOSTILE["rlo"]


@given(st.text())
def test_clean_never_returns_a_control_character(text: str) -> None:
    assert_plain(clean(text))
