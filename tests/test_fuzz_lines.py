"""Every problem has a line: the sample's files, damaged in a few hundred seeded ways (bytes
flipped, control characters, cuts, indentation, duplicated lines, YAML's own signs), give
`check` and `show` problems that all say `path:line` (and never echo a control character).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, Runner

MUTATIONS = 300
SAMPLE_FILES = sorted(
    [p.relative_to(REPO).as_posix() for p in (REPO / "contacts").glob("*.yaml")]
    + [p.relative_to(REPO).as_posix() for p in (REPO / "plans").glob("*.yaml")]
    + ["reseau.yaml", "journal.yaml"]
)
SIGNS = b":#-[]{}&*!|>'\"%@`?,~"
CONTROL = [bytes([code]) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]
CONTROL += ["\x85".encode(), "\x9b".encode(), "\ufffe".encode(), "\u2028".encode()]
LOCATED = re.compile(r"^(contacts/[^:]+|plans/[^:]+|reseau\.yaml|journal\.yaml):\d+(:\d+)?: \S")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One damage, of a kind and at a place the seed chooses."""
    kind = rng.randrange(7)
    at = rng.randrange(len(data) + 1)
    if kind == 0 and data:
        flipped = bytearray(data)
        flipped[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        return bytes(flipped)
    if kind == 1:
        return data[:at] + rng.choice(CONTROL) + data[at:]
    if kind == 2:
        return data[:at]
    if kind == 6:
        return data[:at] + bytes([rng.choice(SIGNS)]) + data[at:]
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    if kind == 3:
        lines[index] = b" " * rng.randrange(1, 4) + lines[index]
    elif kind == 4:
        lines[index] = lines[index][rng.randrange(1, 4) :] if lines[index] else b"\t"
    else:
        lines.insert(index, lines[index])
    return b"\n".join(lines)


def damaged_network(root: Path, relpath: str, seed: int) -> Path:
    """reseau.yaml and the one damaged file: the problems are that file's alone."""
    if root.exists():
        shutil.rmtree(root)
    for folder in ("contacts", "plans"):
        (root / folder).mkdir(parents=True)
    shutil.copy2(REPO / "reseau.yaml", root / "reseau.yaml")
    original = (REPO / relpath).read_bytes()
    (root / relpath).write_bytes(mutate(original, random.Random(seed)))
    return root


def problem_lines(output: str) -> list[str]:
    """The lines of `check` or `show` that report a problem, the summaries left out."""
    lines = [line.strip() for line in output.splitlines()]
    return [
        line
        for line in lines
        if line
        and not line.startswith(("checked ", "reseau: skipped ", "reseau: "))
        and not line.startswith(("no problems",))
    ]


@pytest.mark.parametrize("batch", range(6))
def test_every_problem_of_a_damaged_file_has_a_line(
    run: Runner, tmp_path: Path, batch: int
) -> None:
    size = MUTATIONS // 6
    for seed in range(batch * size, (batch + 1) * size):
        relpath = SAMPLE_FILES[seed % len(SAMPLE_FILES)]
        root = damaged_network(tmp_path / "network", relpath, seed)
        checked = run("--dir", str(root), "check")
        assert "Traceback" not in checked.out + checked.err
        found = problem_lines(checked.out)
        assert all(LOCATED.match(line) for line in found), (seed, relpath, found)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", checked.out + checked.err)
        if relpath.startswith("contacts/") and checked.code:
            shown = run("--dir", str(root), "show", Path(relpath).stem)
            details = [line for line in problem_lines(shown.err) if line.startswith(relpath)]
            assert all(LOCATED.match(line) for line in details), (seed, relpath, shown.err)
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown.out + shown.err)


def test_a_control_character_is_named_with_its_line_and_column(
    run: Runner, empty_network: Path
) -> None:
    (empty_network / "contacts" / "x.yaml").write_bytes(b"name: Ada\nrole: chief\x1b[31m\n")
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "contacts/x.yaml:2:12: U+001B (ESC) is not allowed in YAML; remove it"
    )


def test_many_control_characters_are_counted(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "x.yaml").write_bytes(b"name: Ada\nnotes: " + b"\x07" * 5000)
    lines = run("--dir", str(empty_network), "check").out.splitlines()
    assert lines[0] == "contacts/x.yaml:2:8: U+0007 (BEL) is not allowed in YAML; remove it"
    assert lines[10] == "contacts/x.yaml:2: ... and 4,990 more such characters in this file"
    assert len(lines) == 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: Ada\nrole: a: b\n", "contacts/x.yaml:2:8: invalid YAML: a ': ' inside a value"),
        ('name: "Ada\n', "contacts/x.yaml:2:1: invalid YAML: the file ends inside a quoted"),
        ("name: Ada\nlinks: [a, b\n", "contacts/x.yaml:3:1: invalid YAML: a [ ] list that is"),
        ("name: Ada\n role: x\n", "contacts/x.yaml:2:6: invalid YAML: a ': ' inside a value"),
        ("name: Ada\ntags: [`x`]\n", "contacts/x.yaml:2:8: invalid YAML: a value starts with"),
    ],
)
def test_a_syntax_error_says_where_and_how_to_fix_it(
    run: Runner, empty_network: Path, text: str, expected: str
) -> None:
    (empty_network / "contacts" / "x.yaml").write_text(text, encoding="utf-8")
    assert run("--dir", str(empty_network), "check").out.startswith(expected)


@pytest.mark.parametrize("word", ["Null", "~", "null", "NULL"])
def test_a_required_value_read_as_nothing_says_to_quote_it(
    run: Runner, empty_network: Path, word: str
) -> None:
    (empty_network / "contacts" / "x.yaml").write_text(f"name: {word}\n", encoding="utf-8")
    assert run("--dir", str(empty_network), "check").out.splitlines()[0] == (
        f"contacts/x.yaml:1: name: a plain {word} means no value in YAML; "
        f"to mean the word, quote it: '{word}'"
    )
