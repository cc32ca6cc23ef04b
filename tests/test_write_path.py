"""Nothing lost: a log rewrites only the lines it adds, parallel writers lose nothing, a crash at
any step leaves the old file or the new one, and an invalid file is never rewritten."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, Runner
from reseau.actions.log import Entry, log_interaction
from reseau.files.model import Contact
from reseau.files.store import load_network
from reseau.files.validation import validate
from reseau.files.yamlio import read_file

HAND_WRITTEN = """\
# Zoé: met at the 2023 export fair.
# Keep this header.

name: "Zoé d'Arc"            # quoted on purpose
emails: [zoe@example.org,   'z.arc@example.com']   # flow list, odd spacing
phones:
    - 06 12 34 56 78        # four-space indentation
    - '0612345678'
circles: [clients]
tags: [export, industry]
since: 2023-01-05
qualification: {nature: peer, strength: 2, influence: {lyon: 2}}

interactions:
  # the first time
  - date: 2026-01-10
    kind: meal            # at the Bouchon
    note: >
      Folded note
      over two lines
  - {date: 2026-03-02, kind: call, tone: neutral}

  - date: 2026-09-01
    kind: meeting
    note: |
      Literal block
        keeps its indentation
    with: [paul]
    # a comment after the last item

notes: |
  Free text.
  # not a comment, part of the text
extra:
  hobby: sailing   # mine
# the end
"""

CONTACT = "contacts/zoe-d-arc.yaml"


def hand_written_network(root: Path, newline: str = "\n") -> Path:
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text(
        "objectives: {clients: {}}\nterritories: [lyon]\n", encoding="utf-8"
    )
    (root / "contacts" / "paul.yaml").write_text("name: Paul\n", encoding="utf-8")
    path = root / CONTACT
    path.write_bytes(HAND_WRITTEN.replace("\n", newline).encode("utf-8"))
    return path


def line_diff(old: bytes, new: bytes) -> list[str]:
    """Every changed line, '+' or '-' first, line endings kept."""
    before = old.decode("utf-8").splitlines(keepends=True)
    after = new.decode("utf-8").splitlines(keepends=True)
    return [
        line
        for line in difflib.ndiff(before, after)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize(
    ("when", "after_line"),
    [("2026-11-30", "    with: [paul]"), ("2026-02-01", "      over two lines")],
)
def test_only_the_added_lines_change(
    run: Runner, tmp_path: Path, newline: str, when: str, after_line: str
) -> None:
    path = hand_written_network(tmp_path, newline)
    old = path.read_bytes()
    result = run(
        "--dir", str(tmp_path), "log", "zoe", "Coffee", "--kind", "call",
        "--date", when, "--gave", "A: colon, and [brackets]", "--with", "paul",
    )  # fmt: skip
    assert result.code == 0, result.err
    new = path.read_bytes()
    added = [
        f"  - date: {when}",
        "    kind: call",
        "    note: Coffee",
        '    gave: "A: colon, and [brackets]"',
        "    with: [paul]",
    ]
    assert line_diff(old, new) == [f"+ {line}{newline}" for line in added]
    lines = new.decode("utf-8").splitlines()
    assert lines[lines.index(after_line) + 1] == added[0]


def test_a_log_before_every_other_goes_first(run: Runner, tmp_path: Path) -> None:
    path = hand_written_network(tmp_path)
    old = path.read_bytes()
    result = run("--dir", str(tmp_path), "log", "zoe", "Long ago", "--date", "2020-01-01")
    assert result.code == 0, result.err
    assert line_diff(old, path.read_bytes()) == [
        "+   - date: 2020-01-01\n",
        "+     kind: meeting\n",
        "+     note: Long ago\n",
    ]
    assert "interactions:\n  # the first time\n  - date: 2020-01-01\n" in path.read_text()


def test_a_bom_is_kept(run: Runner, tmp_path: Path) -> None:
    path = hand_written_network(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run("--dir", str(tmp_path), "log", "zoe", "Hello").code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# Zo")


TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=60,
).filter(lambda text: bool(text.strip()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=TEXT, gave=TEXT)
def test_any_text_reads_back_as_written(note: str, gave: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = hand_written_network(root)
        network = load_network(root)
        old = path.read_bytes()
        entry = Entry(date(2026, 11, 30), "call", note=note, gave=gave)
        log_interaction(root, network, "zoe-d-arc", entry)
        contact, problems = validate(Contact, read_file(path, CONTACT))
        assert contact is not None, problems
        last = contact.interactions[-1]
        assert (last.note, last.gave) == (note, gave)
        assert all(line.startswith("+ ") for line in line_diff(old, path.read_bytes()))


WORKER = """\
import sys
from reseau.cli.main import main
root, worker = sys.argv[1], sys.argv[2]
for number in range(25):
    sys.argv = ["reseau", "--dir", root, "log", "marie", f"worker {worker} log {number}"]
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
"""


def test_four_processes_logging_at_once_lose_nothing(sample: Path) -> None:
    env = {**os.environ, "RESEAU_TODAY": TODAY}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(sample), str(n)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    errors = [worker.communicate(timeout=300)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0, 0, 0], errors
    contact = load_network(sample).contacts["marie-dupont"]
    notes = [i.note for i in contact.interactions if i.note and i.note.startswith("worker ")]
    assert sorted(notes) == sorted(f"worker {w} log {n}" for w in range(4) for n in range(25))
    assert len(contact.interactions) == 4 + 100


def _leftovers(sample: Path) -> list[str]:
    return sorted(p.name for p in (sample / "contacts").iterdir() if p.name.endswith(".tmp"))


class _FailingHandle:
    """A file whose write stops half way: a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(5, "Input/output error")


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_an_error_at_each_step_leaves_the_old_file(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    old = path.read_bytes()
    if step == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FailingHandle(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(os, step, _fail)
    result = run("--dir", str(sample), "log", "marie", "Lost")
    monkeypatch.undo()
    reason = "No space left on device" if step == "write" else "Input/output error"
    assert (result.code, result.err) == (
        1,
        f"reseau: could not write contacts/marie-dupont.yaml ({reason}); nothing was changed\n",
    )
    assert path.read_bytes() == old
    assert _leftovers(sample) == []


CRASHER = """\
import os, sys
step, root = sys.argv[1], sys.argv[2]
real_fdopen, real_replace = os.fdopen, os.replace

class HalfThenDie:
    def __init__(self, handle): self.handle = handle
    def __enter__(self): return self
    def __exit__(self, *exc): pass
    def write(self, data):
        self.handle.write(data[: len(data) // 2]); self.handle.flush(); os._exit(9)

def die(*args, **kwargs): os._exit(9)

def replace_then_die(*args, **kwargs):
    real_replace(*args, **kwargs); os._exit(9)

if step == "write": os.fdopen = lambda *a, **k: HalfThenDie(real_fdopen(*a, **k))
elif step == "after-replace": os.replace = replace_then_die
else: setattr(os, step, die)
from reseau.cli.main import main
sys.argv = ["reseau", "--dir", root, "log", "marie", "Crash test"]
main()
"""


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace", "after-replace"])
def test_a_process_killed_at_each_step(run: Runner, sample: Path, step: str) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    old = path.read_bytes()
    env = {**os.environ, "RESEAU_TODAY": TODAY}
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHER, step, str(sample)], env=env, capture_output=True
    )
    assert crashed.returncode == 9, crashed.stderr
    item = b"  - date: 2026-11-30\n    kind: meeting\n    note: Crash test\n"
    new = old.replace(b"notes: |", item + b"notes: |")
    if step == "after-replace":
        assert path.read_bytes() == new
        assert _leftovers(sample) == []
    else:
        assert path.read_bytes() == old
        assert len(_leftovers(sample)) == 1
    result = run("--dir", str(sample), "log", "marie", "After the crash")
    assert result.code == 0, result.err
    assert _leftovers(sample) == []
    assert path.read_bytes().count(b"note: After the crash\n") == 1


def test_log_on_an_invalid_file_is_refused_with_its_problems(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "marie-dupont.yaml"
    broken = (
        path.read_bytes()
        .replace(b"kind: meal", b"kind: picnic")
        .replace(b"cadence_days: 30", b"cadence_days: monthly")
    )
    path.write_bytes(broken)
    result = run("--dir", str(sample), "log", "marie", "Dinner")
    assert result.code == 1
    assert result.err == (
        "reseau: contacts/marie-dupont.yaml does not validate; fix it first "
        "(nothing was written)\n"
        "  contacts/marie-dupont.yaml:13: cadence_days: expected a whole number, got 'monthly'\n"
        "  contacts/marie-dupont.yaml:38: interactions[4].kind: 'picnic' is not one of: "
        "meeting, meal, event, call, video, message, email, intro, invite, service\n"
    )
    assert path.read_bytes() == broken


def test_an_item_follows_the_one_line_style_of_its_siblings() -> None:
    from reseau.files.yamledit import Document, Typed

    text = "sessions:\n  - {date: 2026-11-16, minutes: 240}\n  - {date: 2026-11-23, minutes: 210}\n"
    document = Document(text)
    document.insert(
        ["sessions"],
        {"date": Typed("2026-11-30"), "minutes": Typed("200"), "note": "Calls, two intros"},
    )
    assert (
        document.text == text + '  - {date: 2026-11-30, minutes: 200, note: "Calls, two intros"}\n'
    )


def test_comments_inside_multi_line_flow_collections_survive() -> None:
    from reseau.files.yamledit import Document, Typed

    text = (
        "name: X\n"
        "emails: [\n  a@b.org,  # work\n  c@d.org,  # home\n]\n"
        "qualification: {nature: peer,   # a peer\n strength: 1}\n"
    )
    document = Document(text)
    document.insert(["emails"], "new@x.org")
    document.set(["qualification", "sharing"], Typed("2"), order=["nature", "strength", "sharing"])
    assert document.text == (
        "name: X\n"
        "emails: [\n  a@b.org,  # work\n  c@d.org, new@x.org,  # home\n]\n"
        "qualification: {nature: peer,   # a peer\n strength: 1, sharing: 2}\n"
    )


def test_a_key_goes_in_its_place_inside_a_one_line_mapping() -> None:
    from reseau.files.yamledit import Document, Typed

    document = Document("q: {b: 1, d: 2}  # kept\n")
    document.set(["q", "a"], Typed("0"), order=["a", "b", "c", "d"])
    document.set(["q", "c"], "3", order=["a", "b", "c", "d"])
    assert document.text == 'q: {a: 0, b: 1, c: "3", d: 2}  # kept\n'
