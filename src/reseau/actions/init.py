"""`reseau init`: a new network folder, explained, and never written over."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from reseau.actions.gitsync import register_driver
from reseau.files.gitrepo import ATTRIBUTE_LINES, open_repository
from reseau.files.i18n import N_, _
from reseau.files.problems import ReseauError
from reseau.files.writer import write_atomic

# Written in the language in use: the comments are translated, the keys and values are not.
SETTINGS_TEMPLATE = N_("""\
# reseau.yaml: the settings of this network. Every key is optional; the values
# below are the defaults, or examples to adapt. Dates are written YYYY-MM-DD.

# Whose network this is: it names the calendar of `reseau export ics`.
owner: null

# The time zone of the ritual in that calendar (Europe/Paris, America/New_York...);
# null: the system's.
timezone: null

# The weekly ritual: half a day, on one weekday. `reseau week` fits its agenda
# in these minutes.
ritual: {weekday: monday, minutes: 240}

# A cultivated community has a size limit (Dunbar). More active contacts than
# this: `reseau check` warns.
dunbar_limit: 150

# Everyone active should be met in person at least this often (days).
met_within_days: 365

# One objective per community you cultivate. The keys are circle names, used in
# contacts' `circles`. goal: referrals, peers, a market segment, an election,
# shared values, friends... cadence_days: the keep-in-touch rhythm of the circle.
objectives:
  clients: {goal: referrals, description: Get recommended to new clients, cadence_days: 60}
  peers: {goal: peers}

# Where a contact's influence counts (their `qualification.influence` keys).
territories: [my-city, my-industry]

# How a qualified contact is scored (0-100): the weighted mean of five criteria,
# each rated 0-3. Weights are normalised to their sum. Tiers: score >= A is
# tier A, >= B is tier B, else C.
scoring:
  weights: {strength: 20, sharing: 25, influence: 25, pleasure: 15, efficiency: 15}
  tiers: {A: 70, B: 40}

# The keep-in-touch rhythm by tier, in days, when neither the contact nor its
# circles set one.
cadence_days: {A: 30, B: 90, C: 365}

# The folder is a git repository. autocommit: every command that writes commits
# its own change ("log Marie Dupont"); false: nothing is committed behind your
# back, `reseau sync` commits what changed.
git: {autocommit: AUTOCOMMIT}
""")

GITIGNORE = """\
# reseau's own lock, cache and temporary files
.reseau.lock
.reseau-cache/
.*.tmp
"""

GITATTRIBUTES = """\
*.yaml text diff
# reseau merges its files as data: two devices' changes to one contact add up
""" + "".join(f"{line}\n" for line in ATTRIBUTE_LINES)


@dataclass(slots=True)
class InitReport:
    root: Path
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    git: str = ""
    registered: list[str] = field(default_factory=list)


def create_network(root: Path) -> InitReport:
    """Create what is missing of a network folder at `root`; keep whatever exists."""
    report = InitReport(root)
    _make_folder(root)
    for name in ("contacts", "plans"):
        folder = root / name
        if folder.exists():
            report.kept.append(f"{name}/")
        else:
            folder.mkdir()
            report.created.append(f"{name}/")
    autocommit = "true" if shutil.which("git") else "false"
    files = {
        "reseau.yaml": _(SETTINGS_TEMPLATE).replace("AUTOCOMMIT", autocommit),
        ".gitignore": GITIGNORE,
        ".gitattributes": GITATTRIBUTES,
    }
    for name, text in files.items():
        try:
            write_atomic(root / name, text.encode(), exclusive=True)
            report.created.append(name)
        except FileExistsError:
            report.kept.append(name)
    report.git = _git_init(root, report.created)
    repository = open_repository(root)
    if repository is not None:
        report.registered = register_driver(repository)
    return report


def _make_folder(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise ReseauError(
            _("{root} is a file, not a folder; give a new or an existing folder").format(root=root)
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReseauError(
            _("cannot create the folder {root}: {reason}").format(
                root=root, reason=exc.strerror or exc
            )
        ) from None


def _git_init(root: Path, created: list[str]) -> str:
    git = shutil.which("git")
    if git is None:
        return _("git is not installed: the folder is not a repository")
    inside = _run([git, "rev-parse", "--show-toplevel"], root)
    if inside is None:
        return _("inside an existing git repository: commit the new files there")
    if _run([git, "init", "-q"], root) is not None:
        return _("git init failed")
    files = [name.rstrip("/") for name in created if not name.endswith("/")]
    _run([git, "add", "--", *files], root)
    error = _run([git, "commit", "-q", "-m", "A new reseau network"], root)
    if error is not None:
        return _("git repository created; first commit not made ({error})").format(error=error)
    return _("git repository created, with a first commit")


def _run(command: list[str], cwd: Path) -> str | None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return None
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"
