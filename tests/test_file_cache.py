"""The file cache never lies: every way a file can change is seen, and no problem is hidden."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import reseau.files.filecache as filecache
import reseau.files.store as store
from conftest import Runner
from reseau.files.filecache import CACHE_DIR, CACHE_NAME, FileCache
from reseau.files.model import plain
from reseau.files.store import load_network

THOMAS = "contacts/thomas-bernard.yaml"


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's clock ten seconds ahead: the files just written look settled."""
    real = filecache.time.time_ns
    monkeypatch.setattr(filecache.time, "time_ns", lambda: real() + 10 * filecache.SETTLED_NS)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader reads the strict way, in order."""
    seen: list[str] = []
    real = store.read_file

    def spy(path: Path, relpath: str, *, fast: bool = False) -> object:
        seen.append(relpath)
        return real(path, relpath, fast=fast)

    monkeypatch.setattr(store, "read_file", spy)
    return seen


@pytest.fixture
def warm(sample: Path, later: None) -> Path:
    load_network(sample)
    assert (sample / CACHE_DIR / CACHE_NAME).exists()
    return sample


def strict(root: Path) -> store.Network:
    return load_network(root, cached=False)


def same(a: store.Network, b: store.Network) -> None:
    assert a.contacts == b.contacts
    assert a.plans == b.plans
    assert a.problems == b.problems
    assert a.skipped == b.skipped
    for slug, contact in a.contacts.items():
        assert plain(contact) == plain(b.contacts[slug])
    for name, plan in a.plans.items():  # a model, unlike a contact: it knows its set fields
        other = b.plans[name]
        assert plan.model_fields_set == other.model_fields_set
        assert plan.model_dump() == other.model_dump()


def test_an_unchanged_folder_reads_no_contact_or_plan_file(warm: Path, reads: list[str]) -> None:
    network = load_network(warm)
    assert reads == ["reseau.yaml", "journal.yaml"]
    same(network, strict(warm))


def test_the_cache_keeps_itself_out_of_git(warm: Path) -> None:
    assert (warm / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def same_size_rewrite_with_the_old_mtime(root: Path) -> None:
    path = root / THOMAS
    before = path.stat()
    path.write_text(path.read_text().replace("efficiency: 3", "efficiency: 0"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


def touched(root: Path) -> None:
    path = root / THOMAS
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1))


def replaced_by_another_inode(root: Path) -> None:
    path = root / THOMAS
    before = path.stat()
    other = root / "contacts" / ".replacement"
    other.write_text(path.read_text().replace("efficiency: 3", "efficiency: 1"))
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, path)
    assert path.stat().st_ino != before.st_ino


def deleted(root: Path) -> None:
    (root / THOMAS).unlink()


def added(root: Path) -> None:
    (root / "contacts" / "zz-new.yaml").write_text("name: Zoé Neuve\n", encoding="utf-8")


def renamed(root: Path) -> None:
    (root / THOMAS).rename(root / "contacts" / "thomas-b.yaml")


def permission(root: Path) -> None:
    os.chmod(root / THOMAS, 0o600)


def replaced_by_a_symlink_to_itself(root: Path) -> None:
    moved = root / "elsewhere.yaml"
    (root / THOMAS).rename(moved)
    (root / THOMAS).symlink_to(moved)


CHANGES: list[Callable[[Path], None]] = [
    same_size_rewrite_with_the_old_mtime,
    touched,
    replaced_by_another_inode,
    deleted,
    added,
    renamed,
    permission,
    replaced_by_a_symlink_to_itself,
]


@pytest.mark.parametrize("change", CHANGES)
def test_every_way_a_file_changes_is_seen(
    warm: Path, reads: list[str], change: Callable[[Path], None]
) -> None:
    change(warm)
    network = load_network(warm)
    reread = [path for path in reads if path.startswith(("contacts/", "plans/"))]
    same(network, strict(warm))
    if change is deleted:
        assert reread == []
        assert "thomas-bernard" not in network.contacts
    elif change is added:
        assert reread == ["contacts/zz-new.yaml"]
    elif change is renamed:
        assert reread == ["contacts/thomas-b.yaml"]
        assert "thomas-bernard" not in network.contacts
    else:
        assert reread == [THOMAS]


def stored_frames(root: Path) -> list[bytes]:
    """The cache file's frames of entries, as bytes (not its version, not its directory)."""
    data = (root / CACHE_DIR / CACHE_NAME).read_bytes()
    return [data[start:end] for start, end in filecache._spans(data)][1:-1]


def holds_thomas(frame: bytes) -> bool:
    return THOMAS in filecache.marshal.loads(frame[8:])


@pytest.mark.parametrize("chunk", [2, 4])
@pytest.mark.parametrize("change", CHANGES)
def test_a_cache_written_again_after_a_change_reads_as_the_folder(
    sample: Path,
    later: None,
    reads: list[str],
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], None],
    chunk: int,
) -> None:
    """After a change, frames of entries that were only recalled are copied as they were
    stored and the others written anew: the next read finds every file it should, as it is,
    and only the frames around the change differ, wherever it falls in its frame."""
    monkeypatch.setattr(filecache, "CHUNK", chunk)
    load_network(sample)
    before = stored_frames(sample)
    change(sample)
    load_network(sample)
    after = stored_frames(sample)
    reads.clear()
    again = load_network(sample)
    reread = [path for path in reads if path.startswith(("contacts/", "plans/"))]
    assert reread == []
    same(again, strict(sample))
    assert len([frame for frame in after if frame not in before]) <= 2
    if change in (same_size_rewrite_with_the_old_mtime, touched, permission):
        assert [frame for frame in before if not holds_thomas(frame)] == [
            frame for frame in after if not holds_thomas(frame)
        ]
        assert [holds_thomas(frame) for frame in after].count(True) == 1


def test_a_warm_read_decodes_one_frame_at_a_time(
    warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are asked for in the order they were written: each frame is let go once its
    entries are taken, before the next is decoded."""
    monkeypatch.setattr(filecache, "CHUNK", 2)
    first = sorted((warm / "contacts").iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    load_network(warm)  # written again, two entries a frame
    held: list[int] = []
    real = filecache.Stored._decode

    def counting(self: filecache.Stored, index: int) -> dict[str, object]:
        held.append(len(self.decoded))
        return real(self, index)

    monkeypatch.setattr(filecache.Stored, "_decode", counting)
    same(load_network(warm), strict(warm))
    assert len(held) > 3 and max(held) == 0


def test_a_change_to_a_linked_files_target_is_seen(warm: Path, reads: list[str]) -> None:
    """The link stays as it was while its target changes: its stamp holds the target's."""
    replaced_by_a_symlink_to_itself(warm)
    load_network(warm)
    reads.clear()
    load_network(warm)
    assert [path for path in reads if path.startswith("contacts/")] == []
    target = warm / "elsewhere.yaml"
    target.write_text(target.read_text().replace("Thomas Bernard", "Thomas Autre"))
    network = load_network(warm)
    assert network.contacts["thomas-bernard"].name == "Thomas Autre"
    assert [path for path in reads if path.startswith("contacts/")] == [THOMAS]


def test_a_deleted_file_loses_its_entry(warm: Path) -> None:
    deleted(warm)
    load_network(warm)
    assert THOMAS not in FileCache.open(warm).entries


def test_a_file_changed_just_now_is_not_remembered(sample: Path) -> None:
    load_network(sample)  # every file of the copy was written less than two seconds ago
    assert FileCache.open(sample).entries == {}


def test_a_file_with_a_problem_is_read_every_time(
    run: Runner, warm: Path, reads: list[str]
) -> None:
    path = warm / THOMAS
    path.write_text(path.read_text().replace("efficiency: 3", "efficiency: 9"))
    first = run("--dir", str(warm), "check")
    (warm / CACHE_DIR / "check.marshal").unlink()  # check's own memory of the problems
    second = run("--dir", str(warm), "check")
    assert first.code == second.code == 1
    assert "contacts/thomas-bernard.yaml:" in first.out
    assert first.out == second.out
    assert reads.count(THOMAS) >= 2
    assert THOMAS not in FileCache.open(warm).entries


def test_check_says_the_same_with_and_without_the_cache(
    run: Runner, warm: Path, tmp_path: Path
) -> None:
    (warm / "contacts" / "broken.yaml").write_text("name: [open\n", encoding="utf-8")
    (warm / "contacts" / "unknown.yaml").write_text("name: X\nnmae: Y\n", encoding="utf-8")
    fresh = tmp_path / "fresh"
    shutil.copytree(warm, fresh, ignore=shutil.ignore_patterns(CACHE_DIR))
    cached = []
    for _ in range(2):
        cached.append(run("--dir", str(warm), "check", "--json").out)
        (warm / CACHE_DIR / "check.marshal").unlink()  # the next run reads the files again
    assert cached[0] == cached[1] == run("--dir", str(fresh), "check", "--json").out
    assert "nmae" in cached[0]


@pytest.mark.parametrize("damage", [b"", b"\x00\x01garbage", b"cut"])
def test_a_corrupt_or_truncated_cache_is_ignored(warm: Path, damage: bytes) -> None:
    cache = warm / CACHE_DIR / CACHE_NAME
    cache.write_bytes(cache.read_bytes()[:40] if damage == b"cut" else damage)
    same(load_network(warm), strict(warm))


def test_an_entry_that_does_not_decode_is_read_again(warm: Path, reads: list[str]) -> None:
    entries = FileCache.open(warm).entries
    stamp, name, _, refs = entries[THOMAS]
    entries[THOMAS] = (stamp, name, b"\x00garbage", refs)
    frames = (filecache.code_version(), entries, (tuple(entries),))  # one frame, its directory
    cache = warm / CACHE_DIR / CACHE_NAME
    cache.write_bytes(b"".join(filecache._frame(frame) for frame in frames))
    assert FileCache.open(warm).entries == entries
    same(load_network(warm), strict(warm))
    assert THOMAS in reads


def test_an_entry_whose_references_are_not_texts_is_read_again(
    warm: Path, reads: list[str]
) -> None:
    entries = FileCache.open(warm).entries
    stamp, name, payload, _ = entries[THOMAS]
    entries[THOMAS] = (stamp, name, payload, (1, 2))
    frames = (filecache.code_version(), entries, (tuple(entries),))
    (warm / CACHE_DIR / CACHE_NAME).write_bytes(b"".join(map(filecache._frame, frames)))
    same(load_network(warm), strict(warm))
    assert THOMAS in reads


def test_a_frame_that_does_not_decode_costs_its_files_only(
    sample: Path, later: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files are read the strict way, the other frames' are recalled, and the frame is
    tried once, not once for each of its files."""
    monkeypatch.setattr(filecache, "CHUNK", 4)
    load_network(sample)
    data = bytearray((sample / CACHE_DIR / CACHE_NAME).read_bytes())
    spans = list(filecache._spans(bytes(data)))
    start, end = spans[3]  # the third frame of entries
    lost = set(filecache.marshal.loads(data[start + 8 : end]))
    data[start + 8 : end] = b"\x00" * (end - start - 8)
    (sample / CACHE_DIR / CACHE_NAME).write_bytes(bytes(data))
    tried: list[int] = []
    real = filecache.Stored._decode

    def counting(self: filecache.Stored, index: int) -> dict[str, object]:
        tried.append(index)
        return real(self, index)

    monkeypatch.setattr(filecache.Stored, "_decode", counting)
    reads.clear()
    network = load_network(sample)
    assert {path for path in reads if path.startswith(("contacts/", "plans/"))} == lost
    assert tried.count(2) == 1
    same(network, strict(sample))


def test_a_cache_cut_before_its_directory_is_not_used(warm: Path) -> None:
    cache = warm / CACHE_DIR / CACHE_NAME
    data = cache.read_bytes()
    cache.write_bytes(data[: list(filecache._spans(data))[-1][0]])
    assert FileCache.open(warm).entries == {}


def test_a_cache_from_other_code_is_ignored(
    warm: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = filecache.code_version()
    monkeypatch.setattr(filecache, "code_version", lambda: real + " and a new field")
    load_network(warm)
    assert THOMAS in reads


def test_the_code_version_follows_the_models_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "files"
    shutil.copytree(Path(filecache.__file__).parent, sources)
    monkeypatch.setattr(filecache, "_SOURCES", sources)
    before = filecache.code_version()
    model = sources / "model.py"
    model.write_text(model.read_text() + "\n# a new field\n")
    assert filecache.code_version() != before


def test_an_unwritable_cache_location_falls_back_silently(sample: Path, later: None) -> None:
    (sample / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    same(load_network(sample), strict(sample))


def test_leftovers_of_a_crashed_write_are_removed(warm: Path) -> None:
    folder = warm / CACHE_DIR
    old, recent = folder / ".files.marshal.abcd1234.tmp", folder / ".files.marshal.efgh5678.tmp"
    old.write_bytes(b"half")
    recent.write_bytes(b"half")
    past = os.stat(old).st_mtime - 2 * filecache.LEFTOVER_SECONDS
    os.utime(old, (past, past))
    added(warm)
    load_network(warm)
    assert not old.exists()
    assert recent.exists()  # another process may be writing it right now


def test_nothing_is_written_when_nothing_changed(warm: Path) -> None:
    cache = warm / CACHE_DIR / CACHE_NAME
    before = cache.stat()
    load_network(warm)
    assert cache.stat().st_ino == before.st_ino


def test_reseau_no_cache_reads_everything_and_writes_nothing(
    sample: Path, later: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESEAU_NO_CACHE", "1")
    load_network(sample)
    load_network(sample)
    assert not (sample / CACHE_DIR / CACHE_NAME).exists()
    assert reads.count(THOMAS) == 2


def test_a_cache_written_frame_by_frame_reads_back_whole(
    sample: Path, later: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that fills the cache writes its entries as it goes, a few a frame."""
    monkeypatch.setattr(filecache, "CHUNK", 3)
    first = load_network(sample)
    kept = FileCache.open(sample).entries
    assert set(kept) == {f"contacts/{slug}.yaml" for slug in first.contacts} | {
        f"plans/{name}.yaml" for name in first.plans
    }
    assert len(kept) > 3 * filecache.CHUNK
    references = filecache.read_references(sample)
    assert set(references) == set(kept)
    assert all(references[path][0] == entry[0] for path, entry in kept.items())
    reads.clear()
    again = load_network(sample)
    assert reads == ["reseau.yaml", "journal.yaml"]
    same(again, strict(sample))


def test_entries_kept_before_the_first_change_are_written_a_frame_at_a_time(
    warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm read writes nothing until a file changed: then what it kept so far is many
    entries, and still goes out a frame of CHUNK at a time, in both files."""
    monkeypatch.setattr(filecache, "CHUNK", 3)
    last = sorted((warm / "contacts").iterdir())[-1]
    last.write_text(last.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    load_network(warm)
    version, *frames, directory = filecache._frames((warm / CACHE_DIR / CACHE_NAME).read_bytes())
    assert directory == tuple(tuple(frame) for frame in frames)
    references = list(
        filecache._frames((warm / CACHE_DIR / filecache.REFERENCES_NAME).read_bytes())
    )
    assert version == references[0] == filecache.code_version()
    for written in (frames, references[1:]):
        assert len(written) > 2 and all(len(frame) <= 3 for frame in written)
    assert set(filecache.read_references(warm)) == set(FileCache.open(warm).entries)


def test_a_cache_cut_short_is_not_used(warm: Path, reads: list[str]) -> None:
    cache = warm / CACHE_DIR / CACHE_NAME
    cache.write_bytes(cache.read_bytes()[:-10])
    assert FileCache.open(warm).entries == {}
    again = load_network(warm)
    assert THOMAS in reads
    same(again, strict(warm))


def test_a_write_that_fails_halfway_leaves_the_old_cache(
    warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full while the new file is written: the old one stays, no temporary file is left,
    and the folder reads as it is."""
    cache = warm / CACHE_DIR / CACHE_NAME
    before = cache.read_bytes()
    references = warm / CACHE_DIR / filecache.REFERENCES_NAME
    references_before = references.read_bytes()
    monkeypatch.setattr(filecache, "CHUNK", 2)
    written: list[int] = []
    from reseau.files.atomic import AtomicFile

    real = AtomicFile.write

    def full(self: AtomicFile, data: bytes) -> None:
        written.append(len(data))
        if len(written) > 2:
            raise OSError(28, "No space left on device")
        real(self, data)

    monkeypatch.setattr(AtomicFile, "write", full)
    first = sorted((warm / "contacts").iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    same(load_network(warm), strict(warm))
    assert len(written) == 3
    assert cache.read_bytes() == before
    assert references.read_bytes() == references_before
    assert [p.name for p in (warm / CACHE_DIR).iterdir() if p.suffix == ".tmp"] == []


def test_a_read_interrupted_while_writing_leaves_the_old_cache(
    warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle: the old file is untouched, and used next time."""
    cache = warm / CACHE_DIR / CACHE_NAME
    before = cache.read_bytes()
    monkeypatch.setattr(filecache, "CHUNK", 2)
    from reseau.files.atomic import AtomicFile

    real = AtomicFile.write
    calls: list[int] = []

    def interrupted(self: AtomicFile, data: bytes) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(self, data)

    monkeypatch.setattr(AtomicFile, "write", interrupted)
    first = sorted((warm / "contacts").iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        load_network(warm)
    assert cache.read_bytes() == before
    monkeypatch.setattr(AtomicFile, "write", real)
    same(load_network(warm), strict(warm))
