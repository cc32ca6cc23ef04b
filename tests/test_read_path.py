"""The one read path: bytes, encoding, the strict loader and its refusals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reseau.files.model import Contact
from reseau.files.validation import validate
from reseau.files.yamlio import MAX_FILE_BYTES, Loaded, parse_bytes, parse_text


def problems_of(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in parse_text(text, "f.yaml").problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phone: 0612345678\n", "0612345678"),
        ("phone: +33 6 12 34 56 78\n", "+33 6 12 34 56 78"),
        ("answer: NO\n", "NO"),
        ("time: 1:20\n", "1:20"),
        ("day: 2026-02-30\n", "2026-02-30"),
        ("flag: yes\n", "yes"),
        ("number: 1e3\n", "1e3"),
        ("octal: 010\n", "010"),
        ("quoted: 'null'\n", "null"),
    ],
)
def test_every_scalar_stays_text(text: str, expected: str) -> None:
    data = parse_text(text, "f.yaml").data
    assert data is not None
    assert list(data.values()) == [expected]


@pytest.mark.parametrize("text", ["a: null\n", "a: ~\n", "a:\n", "a: NULL\n"])
def test_plain_null_is_no_value(text: str) -> None:
    assert parse_text(text, "f.yaml").data == {"a": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", [(1, "anchor"), (2, "anchor")]),
        ("a: 1\nb: *x\n", [(2, "anchor")]),
        ("a: !!int 3\n", [(1, "tag")]),
        ("a: !custom x\n", [(1, "tag")]),
        ("<<: {a: 1}\nb: 2\n", [(1, "merge-key")]),
        ("a: 1\nb: 2\na: 3\n", [(3, "duplicate-key")]),
        ("- a\n- b\n", [(1, "not-a-mapping")]),
        ("", [(1, "not-a-mapping")]),
        ("# only a comment\n", [(1, "not-a-mapping")]),
        ("just text\n", [(1, "not-a-mapping")]),
        ("a: 1\n---\nb: 2\n", [(2, "documents")]),
        ("a:\n\tb: 1\n", [(2, "syntax")]),
        ("a: [1, 2\nb: 3\n", [(2, "syntax")]),
        ("? [a, b]\n: 1\n", [(1, "complex-key")]),
    ],
)
def test_yaml_traps_are_refused_with_their_line(text: str, expected: list[tuple[int, str]]) -> None:
    assert problems_of(text) == expected


def test_syntax_error_names_where_the_construct_started() -> None:
    (problem,) = parse_text("a: [1, 2\nb: 3\n", "f.yaml").problems
    assert problem.message.endswith("(the '[' opened at line 1)")


def test_duplicate_key_names_both_lines() -> None:
    (problem,) = parse_text("name: A\nrole: x\nname: B\n", "f.yaml").problems
    assert problem.line == 3
    assert "first at line 1" in problem.message


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    started = time.perf_counter()
    loaded = parse_text("\n".join(lines) + "\n", "bomb.yaml")
    assert [(p.line, p.code) for p in loaded.problems] == [(n, "anchor") for n in range(1, 11)]
    assert validate(Contact, loaded)[0] is None
    assert time.perf_counter() - started < 5  # a guard against hanging, not a benchmark


@pytest.mark.parametrize("depth", [40, 10_000, 200_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    loaded = parse_text("a: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    assert loaded.data is None
    assert loaded.problems[0].code in ("too-deep", "syntax")


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(200)) + "  " * 200 + "v: 1\n"
    assert [p.code for p in parse_text(text, "deep.yaml").problems] == ["too-deep"]


def test_conflict_markers_are_named_with_their_lines() -> None:
    text = "name: A\n<<<<<<< HEAD\nrole: x\n=======\nrole: y\n>>>>>>> branch\n"
    assert problems_of(text) == [(2, "conflict")]  # one block, named at its first line
    (problem,) = parse_text(text, "f.yaml").problems
    assert problem.format() == (
        "f.yaml:2: role: changed on both sides ('x' here, 'y' there): "
        "keep the right one and remove the markers"
    )
    crlf = text.replace("\n", "\r\n")
    assert [p.message for p in parse_text(crlf, "f.yaml").problems] == [problem.message]


def test_utf8_bom_and_crlf_are_accepted() -> None:
    loaded = parse_bytes("\ufeffname: Élodie\r\nrole: CEO\r\n".encode(), "f.yaml")
    assert loaded.problems == []
    assert loaded.bom
    assert loaded.data == {"name": "Élodie", "role": "CEO"}


def test_latin1_file_names_the_byte_and_line() -> None:
    (problem,) = parse_bytes("name: A\ncity: Orléans\n".encode("latin-1"), "f.yaml").problems
    assert (problem.line, problem.code) == (2, "encoding")
    assert "0xe9" in problem.message
    assert "UTF-8" in problem.message


def test_size_cap() -> None:
    raw = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    (problem,) = parse_bytes(raw, "big.yaml").problems
    assert problem.code == "too-large"
    assert "1 MiB" in problem.message


def test_an_ordinary_star_or_ampersand_in_text_is_fine() -> None:
    loaded = parse_text("note: R&D lead, *very* keen\n", "f.yaml")
    assert loaded.problems == []
    assert loaded.data == {"note": "R&D lead, *very* keen"}


def test_aliases_right_after_a_colon_in_flow_are_refused() -> None:
    text = 'name: X\nextra: {"l0":&l0 x, "l1":&l1 {"k0":*l0, "k1":*l0}, "l2": {"k":*l1}}\n'
    loaded = parse_text(text, "f.yaml")
    assert [p.code for p in loaded.problems] == ["anchor"]
    assert validate(Contact, loaded)[0] is None


def test_an_alias_is_refused_even_when_the_scan_is_skipped() -> None:
    import yaml

    from reseau.files.yamlio import _Builder, compose

    node = compose("a: &x [1, 2]\nb: *x\n")
    assert isinstance(node, yaml.MappingNode)
    builder = _Builder("f.yaml")
    builder.build(node, 0)
    assert [(p.line, p.code) for p in builder.problems] == [(1, "anchor")]


@pytest.mark.parametrize("text", ["name: !!str Alias\n", 'extra: {"k": ! v}\n', "? !!str k\n: v\n"])
def test_explicit_tags_are_refused_even_when_they_mean_text(text: str) -> None:
    assert "tag" in [p.code for p in parse_text(text, "f.yaml").problems]


def test_a_duplicate_key_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    from reseau.files.model import Contact
    from reseau.files.validation import validate

    loaded = parse_text(
        "name: A\nstatus: actif\nsince: 2026-02-30\ncity: a\ncity: b\n", "contacts/a.yaml"
    )
    value, problems = validate(Contact, loaded)
    assert value is None
    assert sorted((p.line, p.field or p.code) for p in problems) == [
        (2, "status"),
        (3, "since"),
        (5, "duplicate-key"),
    ]


def test_a_fifo_is_refused_without_reading_it(tmp_path: Path) -> None:
    import os

    from reseau.files.yamlio import read_file

    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    (problem,) = read_file(fifo, "contacts/x.yaml").problems
    assert problem.code == "not-a-file"


def test_a_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from reseau.files.yamlio import read_file

    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 50)
    (problem,) = read_file(big, "contacts/big.yaml").problems
    assert (problem.code, problem.message) == ("too-large", "file is 50.0 MiB; the limit is 1 MiB")


def test_data_libyaml_cannot_read_gets_libyamls_problem_not_a_crash() -> None:
    """Should a faster reader ever hand over data for a file libyaml refuses, the model's
    errors are not placed on a tree that cannot be built: the file's YAML problem is said."""
    text = "name: Ana\ndates:\n  'work\n    anniversary': 03-01\n"
    loaded = Loaded("contacts/ana.yaml", text, {"name": "Ana", "dates": {"x": []}})
    value, problems = validate(Contact, loaded)
    assert value is None
    assert [p.format() for p in problems] == [
        p.format() for p in parse_text(text, "contacts/ana.yaml").problems
    ]
    assert problems and "invalid YAML" in problems[0].message
