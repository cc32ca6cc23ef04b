"""The network folder: its layout, and finding it like git finds its repository.

Kept free of heavy imports: every command starts here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reseau.files.i18n import _
from reseau.files.problems import ReseauError

SETTINGS_FILE = "reseau.yaml"
CONTACTS_DIR = "contacts"
PLANS_DIR = "plans"
JOURNAL_FILE = "journal.yaml"
OPERATION_JOURNAL = ".reseau-journal"  # an operation on several files, while it is applied


class NotFoundError(ReseauError):
    pass


def find_root(explicit: str | None, environ: Mapping[str, str], cwd: Path) -> Path:
    """--dir, else RESEAU_DIR, else the nearest reseau.yaml from `cwd` upward."""
    given = explicit or environ.get("RESEAU_DIR")
    if given:
        root = Path(given).expanduser()
        if not (root / SETTINGS_FILE).is_file():
            raise NotFoundError(
                _(
                    "no network folder at {root} (no {SETTINGS_FILE}); run `reseau init {root}`"
                ).format(root=root, SETTINGS_FILE=SETTINGS_FILE)
            )
        return root
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise NotFoundError(
        _("no network folder here or above (no {SETTINGS_FILE}); run `reseau init`").format(
            SETTINGS_FILE=SETTINGS_FILE
        )
    )
