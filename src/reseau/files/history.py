"""What changed between two versions of the network's files, said the way a user did it.

A commit message (`log Marie Dupont; add Paul Bernard; qualify Marie Dupont`) and what
`reseau sync` prints as having come in or gone out are both read from the data of the two
versions, so a hand edit is described as well as a command's write.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from reseau.files.folder import CONTACTS_DIR, JOURNAL_FILE, PLANS_DIR, SETTINGS_FILE
from reseau.files.i18n import _
from reseau.files.yamlio import parse_bytes

SUBJECT_ACTIONS = 6


@dataclass(slots=True)
class FileChange:
    """One file's change: short actions for a commit message, lines for a person to read.

    The actions stay English whatever the language, as the files do: a commit message is
    part of the shared history. The lines are said in the language in use."""

    relpath: str
    actions: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def describe(relpath: str, old: bytes | None, new: bytes | None) -> FileChange:
    change = FileChange(relpath)
    before, after = _data(old, relpath), _data(new, relpath)
    if before is None and after is None and old is not None and new is not None:
        _say(change, f"edit {relpath}", _("{path} changed").format(path=relpath))
    elif new is not None and after is None:  # there but unreadable: an edit, never a removal
        _say(
            change, f"edit {relpath}", _("{path} changed (it does not parse)").format(path=relpath)
        )
    elif relpath.startswith(f"{CONTACTS_DIR}/"):
        _contact(change, before, after)
    elif relpath.startswith(f"{PLANS_DIR}/"):
        _plan(change, before, after)
    elif relpath == JOURNAL_FILE:
        _journal(change, before or {}, after or {})
    elif relpath == SETTINGS_FILE:
        _say(change, "edit settings", _("{path} changed").format(path=relpath))
    elif relpath in (".gitattributes", ".gitignore"):
        _say(change, f"git: {relpath}", _("{path} changed").format(path=relpath))
    if not change.actions:
        _say(change, f"edit {relpath}", _("{path} changed").format(path=relpath))
    return change


def message(changes: Iterable[FileChange]) -> str:
    """A commit message: the distinct actions in order, the rest counted when there are many."""
    actions: list[str] = []
    for change in changes:
        actions.extend(action for action in change.actions if action not in actions)
    if len(actions) <= SUBJECT_ACTIONS:
        return "; ".join(actions)
    subject = "; ".join(actions[:SUBJECT_ACTIONS]) + f"; and {len(actions) - SUBJECT_ACTIONS} more"
    return subject + "\n\n" + "\n".join(actions)


def _data(raw: bytes | None, relpath: str) -> dict[str, Any] | None:
    return None if raw is None else parse_bytes(raw, relpath).data


def _say(change: FileChange, action: str, detail: str) -> None:
    if action not in change.actions:
        change.actions.append(action)
    change.details.append(detail)


def _name(data: dict[str, Any] | None, relpath: str) -> str:
    name = (data or {}).get("name")
    return name if isinstance(name, str) and name.strip() else PurePosixPath(relpath).stem


def _contact(
    change: FileChange, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    name = _name(after or before, change.relpath)
    if before is None and after is not None:
        _say(change, f"add {name}", _("new contact: {name}").format(name=name))
        return
    if after is None:
        _say(change, f"remove {name}", _("contact removed: {name}").format(name=name))
        return
    old_items = _items(before, "interactions")
    new_items = _items(after, "interactions")
    for item in new_items:
        if item not in old_items:
            verb = "intro" if item.get("kind") == "intro" else "log"
            _say(change, f"{verb} {name}", f"{name}: {_interaction(item)}")
    for item in old_items:
        if item not in new_items:
            _say(
                change,
                f"edit {name}",
                _("{name}: removed {interaction}").format(
                    name=name, interaction=_interaction(item)
                ),
            )
    if before is None:
        return
    if before.get("qualification") != after.get("qualification"):
        _say(change, f"qualify {name}", _("{name}: qualification changed").format(name=name))
    edited = [
        key
        for key in dict.fromkeys([*before, *after])
        if key not in ("interactions", "qualification") and before.get(key) != after.get(key)
    ]
    if edited:
        _say(
            change,
            f"edit {name}",
            _("{name}: {fields} changed").format(name=name, fields=", ".join(edited)),
        )


def _items(data: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    items = (data or {}).get(key)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _interaction(item: dict[str, Any]) -> str:
    words = [str(item.get("date")), str(item.get("kind") or "meeting")]
    note = item.get("note")
    return " ".join(words) + (f": {note}" if note else "")


def _plan(change: FileChange, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    quarter = PurePosixPath(change.relpath).stem
    if before is None and after is not None:
        _say(change, f"plan new {quarter}", _("new plan: {quarter}").format(quarter=quarter))
        return
    if after is None:
        _say(change, f"remove plan {quarter}", _("plan removed: {quarter}").format(quarter=quarter))
        return
    for section in ("meet", "animate", "reputation"):
        old_items = _items(before, section)
        for item in _items(after, section):
            what = item.get("contact") or item.get("what")
            same = [old for old in old_items if (old.get("contact") or old.get("what")) == what]
            if not same:
                _say(
                    change,
                    f"plan {quarter}",
                    _("{quarter}: new {section} item: {what}").format(
                        quarter=quarter, section=section, what=what
                    ),
                )
            elif item.get("done") and not same[0].get("done"):
                _say(
                    change,
                    f"plan done {quarter}",
                    _("{quarter}: done: {section} {what}").format(
                        quarter=quarter, section=section, what=what
                    ),
                )
            elif item != same[0]:
                _say(
                    change,
                    f"plan {quarter}",
                    _("{quarter}: {section} item changed: {what}").format(
                        quarter=quarter, section=section, what=what
                    ),
                )
    if not change.actions:
        _say(change, f"plan {quarter}", _("{quarter}: changed").format(quarter=quarter))


def _journal(change: FileChange, before: dict[str, Any], after: dict[str, Any]) -> None:
    old = _items(before, "sessions")
    for session in _items(after, "sessions"):
        if session not in old:
            when = session.get("date")
            note = session.get("note")
            _say(
                change,
                f"week --done {when}",
                (_("ritual session {when}: {note}") if note else _("ritual session {when}")).format(
                    when=when, note=note
                ),
            )
