"""`reseau sync`, and registering the merge driver in a clone.

Sync is commit, pull, check, push: the network's own files committed with a message that
says what changed, the other side's commits merged with the driver (files.merge), the result
checked, and pushed only when no conflict is left and it validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reseau.files.gitcommit import commit
from reseau.files.gitrepo import (
    ATTRIBUTES_FILE,
    DRIVER,
    DRIVER_NAME,
    EMPTY_TREE,
    GitError,
    Repository,
    changed_files,
    driver_command,
    missing_attributes,
    open_repository,
    read_blobs,
)
from reseau.files.history import describe
from reseau.files.i18n import _
from reseau.files.problems import ReseauError
from reseau.files.writer import folder_lock, write_atomic


def register_driver(repository: Repository) -> list[str]:
    """Make git merge this network's files with reseau; what had to be done (idempotent)."""
    done = []
    missing = missing_attributes(repository.root)
    if missing:
        path = repository.root / ATTRIBUTES_FILE
        try:
            old = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            old = ""
        lead = "" if not old or old.endswith("\n") else "\n"
        comment = "" if f"merge={DRIVER}" in old else "# reseau merges its files as data\n"
        write_atomic(path, (old + lead + comment + "".join(f"{m}\n" for m in missing)).encode())
        done.append(
            _("{path}: added {lines}").format(path=ATTRIBUTES_FILE, lines=", ".join(missing))
        )
    command = driver_command()
    if repository.config(f"merge.{DRIVER}.driver") != command:
        repository.run("config", "--local", f"merge.{DRIVER}.name", DRIVER_NAME)
        repository.run("config", "--local", f"merge.{DRIVER}.driver", command)
        done.append(f"git config merge.{DRIVER}.driver: {command}")
    return done


@dataclass(slots=True)
class SyncReport:
    registered: list[str] = field(default_factory=list)
    committed: str | None = None
    remote: str | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pushed: bool = False
    up_to_date: bool = False


class NotARepositoryError(ReseauError):
    pass


def sync(root: Path) -> SyncReport:
    repository = open_repository(root)
    if repository is None:
        raise NotARepositoryError(
            _(
                "{root} is not a git repository: run `git init` there and "
                "commit, then `git remote add origin URL` to share it (see "
                "README, One network on several devices)"
            ).format(root=root)
        )
    report = SyncReport()
    with folder_lock(root):
        _refuse_invalid(repository)
        report.registered = register_driver(repository)
        report.committed = commit(repository)
        _pull_and_push(repository, report)
    return report


class InvalidNetworkError(ReseauError):
    pass


def _refuse_invalid(repository: Repository) -> None:
    """Only a network that validates is committed: a broken file or a lost contacts/
    folder would go out to every device as if it were a change."""
    from reseau.files.store import contacts_folder_problem

    missing = contacts_folder_problem(repository.root)
    tracked = repository.run("ls-files", "--", "contacts", check=False).strip()
    if missing is not None and not (missing.is_error or tracked):
        missing = None  # a network with no contact yet: git keeps no empty folder
    problems = [f"{missing.path}: {missing.message}"] if missing else _check(repository.root)
    if problems:
        raise InvalidNetworkError(
            _("the network does not validate, nothing was committed: fix it, then sync again"),
            details=problems[:20] + ([f"... and {len(problems) - 20} more"] * (len(problems) > 20)),
        )


def _pull_and_push(repository: Repository, report: SyncReport) -> None:
    branch = repository.run("symbolic-ref", "--short", "-q", "HEAD", check=False).strip()
    if not branch:
        raise GitError(_("not on a branch (a detached HEAD): check out a branch, then sync"))
    remote = repository.config(f"branch.{branch}.remote") or _only_remote(repository)
    if remote is None:
        return
    merge = repository.config(f"branch.{branch}.merge") or f"refs/heads/{branch}"
    remote_branch = merge.removeprefix("refs/heads/")
    report.remote = f"{remote}/{remote_branch}"
    repository.run("fetch", "-q", remote)
    tracking = f"refs/remotes/{remote}/{remote_branch}"
    has_remote = repository.succeeds("rev-parse", "--verify", "-q", tracking)
    has_head = repository.has_head()
    if has_remote and has_head:
        base = repository.run("merge-base", "HEAD", tracking, check=False).strip() or EMPTY_TREE
        report.incoming = _described(repository, base, tracking)
        report.outgoing = _described(repository, base, "HEAD")
        behind = not repository.succeeds("merge-base", "--is-ancestor", tracking, "HEAD")
        if behind and not _merge(repository, tracking, report):
            return
    elif has_remote:
        report.incoming = _described(repository, EMPTY_TREE, tracking)
        repository.run("merge", "-q", "--ff-only", tracking)
    elif has_head:
        report.outgoing = _described(repository, EMPTY_TREE, "HEAD")
    else:
        return
    report.problems = _check(repository.root)
    if report.problems:
        return
    if has_remote and repository.succeeds("merge-base", "--is-ancestor", "HEAD", tracking):
        report.up_to_date = True
        return
    upstream = [] if repository.config(f"branch.{branch}.remote") else ["-u"]
    repository.run("push", "-q", *upstream, remote, f"HEAD:refs/heads/{remote_branch}")
    report.pushed = True


def _only_remote(repository: Repository) -> str | None:
    remotes = repository.run("remote").split()
    if "origin" in remotes:
        return "origin"
    return remotes[0] if len(remotes) == 1 else None


def _merge(repository: Repository, tracking: str, report: SyncReport) -> bool:
    """Merge their side with the driver; False, conflicts named, when some are left."""
    message = f"reseau sync: merge {report.remote}"
    if repository.succeeds("merge", "-q", "--no-edit", "-m", message, tracking):
        return True
    unmerged = repository.run("diff", "--name-only", "--diff-filter=U", "--relative").split()
    if not unmerged:
        raise GitError(
            _("git merge of {remote} failed; see `git status`").format(remote=report.remote)
        )
    report.conflicts = [
        line for relpath in unmerged for line in _conflict_lines(repository, relpath)
    ]
    return False


def _conflict_lines(repository: Repository, relpath: str) -> list[str]:
    from reseau.files.yamlio import read_file

    loaded = read_file(repository.root / relpath, relpath)
    found = [p.format() for p in loaded.problems if p.code == "conflict"]
    return found or [f"{relpath}: conflict: resolve it, then `git add {relpath}` and commit"]


def _described(repository: Repository, old: str, new: str) -> list[str]:
    if old == repository.run("rev-parse", new).strip():
        return []
    relpaths = changed_files(repository, old, new)
    before = read_blobs(repository, old, relpaths) if old != EMPTY_TREE else {}
    after = read_blobs(repository, new, relpaths)
    return [
        line
        for relpath in relpaths
        for line in describe(relpath, before.get(relpath), after.get(relpath)).details
    ]


def _check(root: Path) -> list[str]:
    from reseau.checks.rules import check_network
    from reseau.files.store import load_network

    return [p.format() for p in check_network(load_network(root)) if p.is_error]
