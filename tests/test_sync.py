"""`reseau sync`, the driver's registration and autocommit, with a hub and clones in tmp."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import Runner, write_network
from gitnet import clone, git, head, hub_and_clone
from reseau.files.gitrepo import ATTRIBUTE_LINES

MARIE = "contacts/marie-dupont.yaml"


def test_a_folder_outside_git_gets_one_line_on_how_to_make_it_one(
    run: Runner, empty_network: Path
) -> None:
    result = run("--dir", str(empty_network), "sync")
    assert result.code == 1
    assert result.err.startswith(f"reseau: {empty_network} is not a git repository: run `git init`")
    assert len(result.err.splitlines()) == 1


def test_without_a_remote_sync_commits_and_says_so(run: Runner, sample: Path) -> None:
    git(sample, "init", "-q")
    result = run("--dir", str(sample), "sync")
    assert result.code == 0, result.err
    assert "no remote: committed here only" in result.out
    assert git(sample, "status", "--porcelain", "--", "contacts", "plans") == ""
    run("--dir", str(sample), "log", "marie", "Call about export", "--kind", "call")
    run("--dir", str(sample), "qualify", "paul", "--strength", "3")
    result = run("--dir", str(sample), "sync")
    assert "committed: log Marie Dupont; qualify Paul Bernard\n" in result.out
    assert (
        git(sample, "log", "-1", "--format=%s").strip() == "log Marie Dupont; qualify Paul Bernard"
    )


def test_sync_commits_only_the_network_files(run: Runner, sample: Path) -> None:
    git(sample, "init", "-q")
    (sample / "notes.txt").write_text("mine\n", encoding="utf-8")
    run("--dir", str(sample), "sync")
    assert "notes.txt" in git(sample, "status", "--porcelain")
    assert "notes.txt" not in git(sample, "ls-files")


def test_two_devices_log_the_same_contact_and_both_interactions_stay(
    run: Runner, tmp_path: Path
) -> None:
    hub, laptop = hub_and_clone(tmp_path)
    assert run("--dir", str(laptop), "sync").code == 0
    phone = clone(hub, tmp_path / "phone")
    assert run("--dir", str(phone), "sync").code == 0
    run("--dir", str(laptop), "log", "marie", "Call about export", "--kind", "call")
    run("--dir", str(phone), "log", "marie", "Coffee in Lyon")
    run("--dir", str(phone), "qualify", "marie", "--strength", "3")
    assert run("--dir", str(laptop), "sync").code == 0
    result = run("--dir", str(phone), "sync")
    assert result.code == 0, result.err
    assert "came in from origin/main:\n  Marie Dupont: 2026-11-30 call: Call about export\n" in (
        result.out
    )
    assert "went out to origin/main:\n  Marie Dupont: 2026-11-30 meeting: Coffee in Lyon\n" in (
        result.out
    )
    assert run("--dir", str(laptop), "sync").code == 0
    for device in (laptop, phone):
        text = (device / MARIE).read_text(encoding="utf-8")
        assert text.count("note: Call about export") == 1
        assert text.count("note: Coffee in Lyon") == 1
        assert "  strength: 3\n" in text
        assert "# key account this year" in text  # the comment of the sample file
    assert (laptop / MARIE).read_bytes() == (phone / MARIE).read_bytes()
    assert run("--dir", str(laptop), "check").code == 0


def test_a_real_conflict_pushes_nothing_and_names_its_line(run: Runner, tmp_path: Path) -> None:
    hub, laptop = hub_and_clone(tmp_path)
    run("--dir", str(laptop), "sync")
    phone = clone(hub, tmp_path / "phone")
    for device, company in ((laptop, "Acme Industries"), (phone, "Acme Corp")):
        path = device / MARIE
        path.write_text(
            path.read_text(encoding="utf-8").replace("company: Acme", f"company: {company}"),
            encoding="utf-8",
        )
    run("--dir", str(laptop), "log", "marie", "Call")
    run("--dir", str(phone), "log", "marie", "Coffee")
    assert run("--dir", str(laptop), "sync").code == 0
    before = git(hub, "rev-parse", "main").strip()
    result = run("--dir", str(phone), "sync")
    assert result.code == 1
    assert (
        f"{MARIE}:4: company: changed on both sides ('Acme Corp' here, 'Acme Industries' "
        "there): keep the right one and remove the markers"
    ) in result.err
    assert "nothing pushed" in result.err
    assert git(hub, "rev-parse", "main").strip() == before
    text = (phone / MARIE).read_text(encoding="utf-8")
    assert "note: Call\n" in text and "note: Coffee\n" in text  # merged around the conflict
    assert MARIE in git(phone, "diff", "--name-only", "--diff-filter=U")


def test_init_registers_the_driver_and_check_warns_when_a_clone_lacks_it(
    run: Runner, tmp_path: Path
) -> None:
    target = tmp_path / "net"
    result = run("init", str(target))
    assert result.code == 0, result.err
    attributes = (target / ".gitattributes").read_text(encoding="utf-8")
    assert all(line in attributes for line in ATTRIBUTE_LINES)
    driver = git(target, "config", "--get", "merge.reseau.driver").strip()
    assert driver.endswith(" -m reseau merge-driver %O %A %B %P")
    assert "git: {autocommit: true}" in (target / "reseau.yaml").read_text(encoding="utf-8")
    assert "merge-driver" not in run("--dir", str(target), "check", "--json").out
    again = run("init", str(target))
    assert "registered" not in again.out  # idempotent
    assert (target / ".gitattributes").read_text(encoding="utf-8") == attributes
    git(target, "config", "--unset", "merge.reseau.driver")
    check = run("--dir", str(target), "check")
    assert check.code == 0
    assert "reseau.yaml: warning: this clone has no reseau merge driver in its git config" in (
        check.out
    )
    run("init", str(target))
    assert "merge driver" not in run("--dir", str(target), "check").out


def test_autocommit_commits_each_write_with_what_it_did(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "net"
    run("init", str(target))
    first = head(target)
    assert run("--dir", str(target), "add", "Marie Dupont", "--circle", "clients").code == 0
    assert git(target, "log", "-1", "--format=%s").strip() == "add Marie Dupont"
    assert run("--dir", str(target), "log", "marie", "Coffee in Lyon").code == 0
    assert git(target, "log", "-1", "--format=%s").strip() == "log Marie Dupont"
    assert run("--dir", str(target), "week", "--done").code == 0
    assert git(target, "log", "-1", "--format=%s").strip() == "week --done 2026-11-30"
    assert git(target, "rev-list", "--count", f"{first}..HEAD").strip() == "3"
    assert git(target, "status", "--porcelain") == ""


def test_autocommit_commits_a_valid_hand_edit(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "net"
    run("init", str(target))
    run("--dir", str(target), "add", "Marie Dupont")
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'a').write('company: Acme\\n')\n", encoding="utf-8"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert run("--dir", str(target), "edit", "marie").code == 0
    assert git(target, "log", "-1", "--format=%s").strip() == "edit Marie Dupont"


def test_autocommit_off_commits_nothing(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "net"
    run("init", str(target))
    settings = target / "reseau.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("autocommit: true", "autocommit: false"),
        encoding="utf-8",
    )
    git(target, "commit", "-qam", "off")
    before = head(target)
    run("--dir", str(target), "add", "Marie Dupont")
    assert head(target) == before
    assert "contacts/" in git(target, "status", "--porcelain")


def test_the_settings_model_takes_the_git_key(run: Runner, empty_network: Path) -> None:
    write_network(empty_network, {"reseau.yaml": "git: {autocommit: maybe}\n"})
    result = run("--dir", str(empty_network), "check")
    assert result.code == 1
    assert "reseau.yaml:1: git.autocommit:" in result.out


def test_sync_commits_nothing_while_the_network_does_not_validate(
    run: Runner, sample: Path
) -> None:
    git(sample, "init", "-q")
    assert run("--dir", str(sample), "sync").code == 0
    before = git(sample, "rev-parse", "HEAD")
    path = sample / "contacts" / "claire-dubois.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "<<<<<<< ours\n", encoding="utf-8")
    result = run("--dir", str(sample), "sync")
    assert result.code == 1
    assert "the network does not validate, nothing was committed" in result.err
    assert "contacts/claire-dubois.yaml" in result.err
    assert git(sample, "rev-parse", "HEAD") == before


def test_a_lost_contacts_folder_is_not_synced_as_every_contact_removed(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    git(sample, "init", "-q")
    assert run("--dir", str(sample), "sync").code == 0
    before = git(sample, "rev-parse", "HEAD")
    (sample / "contacts").rename(tmp_path / "contacts.bak")
    result = run("--dir", str(sample), "sync")
    assert result.code == 1
    assert "contacts: the folder is missing" in result.err
    assert git(sample, "rev-parse", "HEAD") == before


def test_a_commit_message_longer_than_an_argument_may_be(sample: Path) -> None:
    """A first sync of a large network describes every contact: over 128 KiB of message."""
    from reseau.files.gitcommit import commit
    from reseau.files.gitrepo import open_repository

    git(sample, "init", "-q")
    repository = open_repository(sample)
    assert repository is not None
    subject = "add many people\n\n" + "\n".join(f"add Person {n:06d}" for n in range(20_000))
    assert commit(repository, subject=subject) == "add many people"
    assert git(sample, "log", "-1", "--format=%B").strip() == subject
    assert git(sample, "status", "--porcelain", "--", "contacts") == ""
