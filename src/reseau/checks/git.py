"""Rules on the folder as a git repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reseau.files.folder import SETTINGS_FILE
from reseau.files.gitrepo import driver_problem, open_repository
from reseau.files.i18n import _
from reseau.files.problems import Problem, Severity


def check_merge_driver(root: Path) -> Iterator[Problem]:
    """Without the driver, two devices' logs on one contact conflict at the first pull."""
    repository = open_repository(root)
    if repository is None:
        return
    problem = driver_problem(repository)
    if problem is not None:
        yield Problem(
            SETTINGS_FILE,
            0,
            "",
            _(
                "{problem}; changes made on two devices would conflict: run `reseau sync` "
                "(or `reseau init`) to register it"
            ).format(problem=problem),
            "merge-driver",
            Severity.WARNING,
        )
