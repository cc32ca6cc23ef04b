"""What the rules share: finding the line of a value in a file, only when a rule needs it."""

from __future__ import annotations

from pathlib import Path

import yaml

from reseau.files.folder import SETTINGS_FILE
from reseau.files.i18n import _
from reseau.files.problems import Problem, Severity
from reseau.files.store import Network
from reseau.files.validation import Loc, locate, suggest
from reseau.files.yamlio import compose, read_file


class Where:
    """Lines of values in the folder's files, each file composed at most once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._nodes: dict[str, yaml.Node | None] = {}

    def line(self, relpath: str, loc: Loc) -> int:
        if relpath not in self._nodes:
            loaded = read_file(self.root / relpath, relpath)
            self._nodes[relpath] = compose(loaded.text) if loaded.data is not None else None
        return locate(self._nodes[relpath], loc)[0]

    def problem(
        self,
        relpath: str,
        loc: Loc,
        message: str,
        code: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        from reseau.files.validation import field_name

        return Problem(relpath, self.line(relpath, loc), field_name(loc), message, code, severity)


def did_you_mean(word: str, choices: object) -> str:
    close = suggest(word, choices)  # type: ignore[arg-type]
    return _("; did you mean '{close}'?").format(close=close) if close else ""


def has_settings(network: Network) -> bool:
    """reseau.yaml validated: rules that compare with its objectives or territories can run.

    Without it they would compare with the defaults and bury its real error under a false
    one on every contact.
    """
    return SETTINGS_FILE not in network.skipped
