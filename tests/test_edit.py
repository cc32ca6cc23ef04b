"""reseau edit: the editor chosen, the file checked after it closes, reopened or restored."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from conftest import Runner
from reseau.actions.edit import editor_command

EDITOR_SCRIPT = """\
import json, pathlib, sys
here = pathlib.Path(__file__)
target = pathlib.Path(sys.argv[-1])
counter = here.with_suffix(".count")
runs = int(counter.read_text()) if counter.exists() else 0
counter.write_text(str(runs + 1))
versions = json.loads(here.with_suffix(".json").read_text())
version = versions[min(runs, len(versions) - 1)]
if version is not None:
    target.write_bytes(version.encode("utf-8"))
sys.exit(int(sys.argv[1]) if len(sys.argv) > 2 else 0)
"""

ORIGINAL = (
    "# Zoé, written by hand\r\n"
    "name: Zoé Arc   # keep this comment\r\n"
    "circles: [clients]\r\n"
    "notes: |\r\n"
    "  Free text.\r\n"
)
BROKEN = "name: Zoé Arc\nstatus: retired\n"
WRONG_CIRCLE = "name: Zoé Arc\ncircles: [cleints]\n"
FIXED = "name: Zoé Arc\ncircles: [clients]\nstatus: dormant\n"


def make_editor(folder: Path, versions: list[str | None], status: int | None = None) -> str:
    """An EDITOR command that writes each version in turn (None: leaves the file alone)."""
    script = folder / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    script.with_suffix(".json").write_text(json.dumps(versions), encoding="utf-8")
    words = [sys.executable, str(script), *([str(status)] if status is not None else [])]
    return " ".join(shlex.quote(word) for word in words)


def runs_of(folder: Path) -> int:
    return int((folder / "editor.count").read_text())


@pytest.fixture
def network(tmp_path: Path) -> Path:
    root = tmp_path / "network"
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text("objectives: {clients: {}}\n", encoding="utf-8")
    (root / "contacts" / "zoe-arc.yaml").write_bytes(ORIGINAL.encode("utf-8"))
    return root


def zoe(network: Path) -> Path:
    return network / "contacts" / "zoe-arc.yaml"


def test_editor_then_visual_then_a_default() -> None:
    assert editor_command({"EDITOR": "nano", "VISUAL": "code -w"}) == ["nano"]
    assert editor_command({"EDITOR": "  ", "VISUAL": "code -w"}) == ["code", "-w"]
    assert editor_command({"EDITOR": "'my editor' --wait"}) == ["my editor", "--wait"]
    assert editor_command({}, windows=False) == ["vi"]
    assert editor_command({}, windows=True) == ["notepad"]


def test_broken_then_fixed(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [BROKEN, FIXED]))
    result = run("--dir", str(network), "edit", "zoe", stdin="e\n")
    assert result.code == 0, result.err
    assert result.out == (
        "contacts/zoe-arc.yaml:2: status: 'retired' is not one of: active, dormant, archived\n"
        "[e]dit again or [r]estore the original? "
        "contacts/zoe-arc.yaml: saved, valid\n"
    )
    assert zoe(network).read_text(encoding="utf-8") == FIXED
    assert runs_of(tmp_path) == 2


def test_cross_file_rules_count_too(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [WRONG_CIRCLE, FIXED]))
    result = run("--dir", str(network), "edit", "zoe-arc", stdin="x\nedit\n")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "contacts/zoe-arc.yaml:2: circles[1]: 'cleints' is not an objective of reseau.yaml; "
        "did you mean 'clients'?"
    )
    assert result.out.count("[e]dit again or [r]estore the original? ") == 2
    assert zoe(network).read_text(encoding="utf-8") == FIXED


def test_restore_puts_back_every_byte(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(zoe(network), 0o640)
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [BROKEN]))
    result = run("--dir", str(network), "edit", "zoe", stdin="r\n")
    assert result.code == 0, result.err
    assert result.out.endswith("contacts/zoe-arc.yaml: restored as it was before the edit\n")
    assert zoe(network).read_bytes() == ORIGINAL.encode("utf-8")
    assert zoe(network).stat().st_mode & 0o777 == 0o640
    assert runs_of(tmp_path) == 1


def test_no_answer_restores_and_fails(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [BROKEN]))
    result = run("--dir", str(network), "edit", "zoe", stdin="")
    assert result.code == 1
    assert zoe(network).read_bytes() == ORIGINAL.encode("utf-8")


def test_a_deleted_file_is_a_problem(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "rm.py"
    script.write_text("import os, sys\nos.unlink(sys.argv[-1])\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    result = run("--dir", str(network), "edit", "zoe", stdin="r\n")
    assert result.out.splitlines()[0] == "contacts/zoe-arc.yaml: the file is gone; restore it"
    assert zoe(network).read_bytes() == ORIGINAL.encode("utf-8")


def test_nothing_changed(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", make_editor(tmp_path, [None]))
    result = run("--dir", str(network), "edit", "zoe")
    assert (result.code, result.out) == (0, "contacts/zoe-arc.yaml: unchanged, valid\n")
    assert zoe(network).read_bytes() == ORIGINAL.encode("utf-8")


def test_a_failing_editor_is_said_and_the_file_still_checked(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [FIXED], status=3))
    result = run("--dir", str(network), "edit", "zoe")
    assert (result.code, result.out) == (
        0,
        "the editor exited with status 3; checking the file anyway\n"
        "contacts/zoe-arc.yaml: saved, valid\n",
    )


def test_an_invalid_file_can_be_opened_to_fix_it(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zoe(network).write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [FIXED]))
    result = run("--dir", str(network), "edit", "zoe-a")
    assert result.code == 0, result.err
    assert result.out == "contacts/zoe-arc.yaml: saved, valid\n"
    assert result.err == "reseau: skipped 1 invalid file; run `reseau check`\n"


def test_a_missing_editor(run: Runner, network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    result = run("--dir", str(network), "edit", "zoe")
    assert (result.code, result.err) == (
        1,
        "reseau: cannot run the editor 'no-such-editor-anywhere' (No such file or directory); "
        "set EDITOR to one you have\n",
    )


def test_a_read_only_file_is_not_opened(
    run: Runner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(zoe(network), 0o444)
    monkeypatch.setenv("EDITOR", make_editor(tmp_path, [FIXED]))
    result = run("--dir", str(network), "edit", "zoe")
    assert result.code == 1
    assert result.err == (
        "reseau: contacts/zoe-arc.yaml is read-only; make it writable (chmod u+w) to edit it\n"
    )
    assert not (tmp_path / "editor.count").exists()


def test_an_unknown_contact(run: Runner, network: Path) -> None:
    result = run("--dir", str(network), "edit", "nobody")
    assert (result.code, result.err) == (1, "reseau: no contact matches 'nobody'\n")
