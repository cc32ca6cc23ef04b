"""`reseau week --done`: record today's ritual session in journal.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reseau.actions.log import insert_position
from reseau.files.folder import JOURNAL_FILE, SETTINGS_FILE
from reseau.files.model import Journal, Settings
from reseau.files.text import clean
from reseau.files.validation import validate
from reseau.files.writer import create, folder_lock, update
from reseau.files.yamledit import Document, Typed
from reseau.files.yamlio import read_file
from reseau.method.ritual import session_index

SESSION_KEYS = ("date", "minutes", "note", "by")
JOURNAL_HEADER = "# The weekly ritual: one entry per session, recorded by `reseau week --done`.\n"


def session_note(text: str | None) -> str | None:
    """The note as the journal keeps it: text without control characters, or none."""

    kept = clean(text, multiline=True).strip() if text else ""
    return kept or None


def write_session(
    root: Path, today: date, minutes: int | None, note: str | None, by: str | None = None
) -> tuple[str, Journal]:
    """Write the session; says what happened: created, added, updated or unchanged."""

    changes = {"minutes": None if minutes is None else Typed(minutes), "note": note}
    given = {key: value for key, value in changes.items() if value is not None}
    entry = {"date": Typed(today.isoformat()), "minutes": Typed(_ritual_minutes(root)), **given}
    if by is not None:
        entry["by"] = by
    if not (root / JOURNAL_FILE).exists():
        with folder_lock(root):
            if not (root / JOURNAL_FILE).exists():
                document = Document(JOURNAL_HEADER + "sessions:\n")
                document.insert(["sessions"], entry, order=SESSION_KEYS)
                return "created", create(root, JOURNAL_FILE, document.text, Journal)
    outcome = "added"

    def edit(document: Document, journal: Journal) -> None:
        nonlocal outcome
        index = session_index(journal, today, by)
        if index is None:
            # in date order: a back-dated session (`--today` in the past) goes in its place
            position = insert_position([session.date for session in journal.sessions], today)
            document.insert(["sessions"], entry, index=position, order=SESSION_KEYS)
            return
        outcome = "updated" if given else "unchanged"
        for key, value in given.items():
            document.set(["sessions", index, key], value, order=SESSION_KEYS)

    journal = update(root, JOURNAL_FILE, Journal, edit)
    return outcome, journal


def _ritual_minutes(root: Path) -> int:
    return settings_alone(root).ritual.minutes


def settings_alone(root: Path) -> Settings:
    """reseau.yaml alone: recording a session does not need the contacts."""

    value, _ = validate(Settings, read_file(root / SETTINGS_FILE, SETTINGS_FILE))
    return value or Settings()
