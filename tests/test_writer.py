"""The one write path: atomic, locked, refusing what it must not touch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reseau.files.model import Contact
from reseau.files.writer import WriteError, create, folder_lock, update, write_atomic
from reseau.files.yamledit import Document

ORIGINAL = "# hand-written\nname: Marie Dupont   # the CEO\ncity: Lyon\n"


def set_city(document: Document, _: Any) -> None:
    document.set(["city"], "Paris")


@pytest.fixture
def contact(empty_network: Path) -> Path:
    path = empty_network / "contacts" / "marie.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def leftovers(root: Path) -> list[str]:
    return [p.name for p in (root / "contacts").iterdir() if p.name.endswith(".tmp")]


def test_update_changes_only_the_value(empty_network: Path, contact: Path) -> None:
    update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert contact.read_text(encoding="utf-8") == ORIGINAL.replace("Lyon", "Paris")


def test_update_keeps_the_mode(empty_network: Path, contact: Path) -> None:
    contact.chmod(0o640)
    update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert contact.stat().st_mode & 0o777 == 0o640


def test_update_keeps_a_bom_and_crlf(empty_network: Path, contact: Path) -> None:
    contact.write_bytes(b"\xef\xbb\xbfname: A\r\ncity: Lyon\r\n")
    update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert contact.read_bytes() == b"\xef\xbb\xbfname: A\r\ncity: Paris\r\n"


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_a_failure_at_any_step_leaves_the_old_file(
    empty_network: Path, contact: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    targets: dict[str, tuple[Any, str]] = {
        "fsync": (os, "fsync"),
        "chmod": (os, "chmod"),
        "replace": (os, "replace"),
    }
    if step == "write":
        real_fdopen = os.fdopen

        def failing_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, *args, **kwargs)
            handle.write = boom
            return handle

        monkeypatch.setattr(os, "fdopen", failing_fdopen)
    else:
        module, name = targets[step]
        monkeypatch.setattr(module, name, boom)
    with pytest.raises(WriteError, match=r"could not write contacts/marie\.yaml"):
        update(empty_network, "contacts/marie.yaml", Contact, set_city)
    monkeypatch.undo()
    assert contact.read_text(encoding="utf-8") == ORIGINAL
    assert leftovers(empty_network) == []


KILL_AT = {
    "after-write": "os.fsync",
    "before-replace": "os.replace",
}


@pytest.mark.parametrize("point", sorted(KILL_AT))
def test_a_crash_leaves_old_or_new_and_the_next_write_cleans_up(
    empty_network: Path, contact: Path, point: str
) -> None:
    script = (
        "import os, sys\n"
        "from reseau.files.model import Contact\n"
        "from reseau.files.writer import update\n"
        f"target = {KILL_AT[point]!r}\n"
        "module, name = target.split('.')\n"
        "setattr(os, name, lambda *a, **k: os._exit(9))\n"
        "update(__import__('pathlib').Path(sys.argv[1]), 'contacts/marie.yaml', Contact,\n"
        "       lambda doc, _: doc.set(['city'], 'Paris'))\n"
    )
    crashed = subprocess.run([sys.executable, "-c", script, str(empty_network)], check=False)
    assert crashed.returncode == 9
    assert contact.read_text(encoding="utf-8") in (ORIGINAL, ORIGINAL.replace("Lyon", "Paris"))
    assert len(leftovers(empty_network)) == 1
    update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert leftovers(empty_network) == []


def test_symlinked_file_is_refused(empty_network: Path, contact: Path) -> None:
    link = empty_network / "contacts" / "link.yaml"
    link.symlink_to(contact)
    with pytest.raises(WriteError, match="symbolic link"):
        update(empty_network, "contacts/link.yaml", Contact, set_city)
    assert contact.read_text(encoding="utf-8") == ORIGINAL


def test_read_only_file_is_refused(empty_network: Path, contact: Path) -> None:
    contact.chmod(0o444)
    with pytest.raises(WriteError, match="read-only"):
        update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert contact.read_text(encoding="utf-8") == ORIGINAL


def test_invalid_file_is_never_rewritten(empty_network: Path, contact: Path) -> None:
    broken = "name: Marie\nstatus: sleeping   # typo\n"
    contact.write_text(broken, encoding="utf-8")
    from reseau.files.writer import InvalidFileError

    with pytest.raises(InvalidFileError) as caught:
        update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert caught.value.details[0].startswith("contacts/marie.yaml:2: status:")
    assert contact.read_text(encoding="utf-8") == broken


def test_an_edit_that_would_invalidate_the_file_is_refused(
    empty_network: Path, contact: Path
) -> None:
    from reseau.files.writer import InvalidFileError

    with pytest.raises(InvalidFileError):
        update(empty_network, "contacts/marie.yaml", Contact, lambda d, _: d.set(["status"], "x"))
    assert contact.read_text(encoding="utf-8") == ORIGINAL


def test_create_never_overwrites(empty_network: Path, contact: Path) -> None:
    with folder_lock(empty_network), pytest.raises(WriteError, match="already exists"):
        create(empty_network, "contacts/marie.yaml", "name: Other\n", Contact)
    assert contact.read_text(encoding="utf-8") == ORIGINAL


def test_write_atomic_exclusive_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(target, b"new", exclusive=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_a_held_lock_makes_a_second_writer_fail_naming_it(empty_network: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pathlib\n"
            "from reseau.files.writer import folder_lock\n"
            "with folder_lock(pathlib.Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
            str(empty_network),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(WriteError, match=r"\.reseau\.lock"),
            folder_lock(empty_network, timeout=0.2),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    with folder_lock(empty_network, timeout=1):
        pass


def test_a_lock_left_by_a_dead_process_never_blocks(empty_network: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys, pathlib\n"
            "from reseau.files.writer import folder_lock\n"
            "with folder_lock(pathlib.Path(sys.argv[1])):\n"
            "    os._exit(3)\n",
            str(empty_network),
        ],
        check=False,
    )
    assert (empty_network / ".reseau.lock").exists()
    with folder_lock(empty_network, timeout=0.5):
        pass


def test_a_users_own_dot_tmp_file_is_left_alone(empty_network: Path, contact: Path) -> None:
    mine = empty_network / "contacts" / ".notes.tmp"
    mine.write_text("mine", encoding="utf-8")
    update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert mine.read_text(encoding="utf-8") == "mine"


def test_an_unusable_lock_is_a_clear_error(empty_network: Path, contact: Path) -> None:
    (empty_network / ".reseau.lock").mkdir()
    with pytest.raises(WriteError, match="cannot lock the folder"):
        update(empty_network, "contacts/marie.yaml", Contact, set_city)
    assert contact.read_text(encoding="utf-8") == ORIGINAL
