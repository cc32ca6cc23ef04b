"""A team network: who runs a command, read cheaply from reseau.yaml and git.

reseau.yaml may list `members:` (a short id each, with `name` and `email`). Who runs a
command is `--as ID`, else RESEAU_MEMBER, else the member whose e-mail is git's
`user.email`: what is said explicitly wins over what is guessed. A network without members
has nobody to name, and behaves as a one-person network.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reseau.files.folder import SETTINGS_FILE
from reseau.files.i18n import _
from reseau.files.problems import ReseauError
from reseau.files.yamlio import read_file


class MemberError(ReseauError):
    pass


def members_of(root: Path) -> dict[str, Any]:
    """The members of reseau.yaml as written (ids to mappings), without the model."""
    if not (root / SETTINGS_FILE).is_file():
        return {}
    data = read_file(root / SETTINGS_FILE, SETTINGS_FILE).data or {}
    members = data.get("members")
    return members if isinstance(members, dict) else {}


def git_email(root: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run(
        [git, "config", "user.email"], cwd=root, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or None


def current_member(
    root: Path, members: Mapping[str, Any], chosen: str | None, environ: Mapping[str, str]
) -> str | None:
    """The member running this command; None in a network without members."""
    if not members:
        return None
    for given, source in ((chosen, "--as"), (environ.get("RESEAU_MEMBER"), "RESEAU_MEMBER")):
        if given:
            return known_member(given, members, source)
    email = git_email(root)
    for member, fields in members.items():
        address = fields.get("email") if isinstance(fields, dict) else None
        if email and isinstance(address, str) and address.strip().lower() == email.lower():
            return str(member)
    return None


def require_member(
    root: Path, members: Mapping[str, Any], chosen: str | None, environ: Mapping[str, str]
) -> str | None:
    """Like current_member, but a team network's write must know who writes."""
    member = current_member(root, members, chosen, environ)
    if member is None and members:
        raise MemberError(
            _(
                "this network has members, and reseau cannot tell which one you are: set git's "
                "user.email to your member e-mail, or RESEAU_MEMBER, or give --as ID "
                "(members: {members})"
            ).format(members=", ".join(members))
        )
    return member


def known_member(given: str, members: Mapping[str, Any], source: str) -> str:
    if given in members:
        return given
    if not members:
        message = _("{source}: '{given}' is not a member: reseau.yaml lists no members")
        raise MemberError(message.format(source=source, given=given))
    from reseau.files.validation import suggest  # it loads the model: on this error alone

    close = suggest(given, list(members))
    if close:
        hint = _("; did you mean '{close}'?").format(close=close)
    else:
        hint = _(" (members: {members})").format(members=", ".join(members))
    message = _("{source}: '{given}' is not a member of reseau.yaml")
    raise MemberError(message.format(source=source, given=given) + hint)
