"""WHO on the command line: the contact a slug, a prefix of one or part of a name names."""

from __future__ import annotations

from pathlib import Path

from reseau.files.folder import CONTACTS_DIR
from reseau.files.i18n import _
from reseau.files.problems import ReseauError, format_capped
from reseau.files.slugs import resolve
from reseau.files.store import Network, contact_files
from reseau.files.validation import suggest


class UnknownContactError(ReseauError):
    pass


class InvalidContactError(ReseauError):
    """WHO names a contact whose file does not validate: its problems are the details."""

    def __init__(self, network: Network, slug: str) -> None:
        relpath = network.contact_path(slug)
        problems = format_capped([p for p in network.problems if p.path == relpath])
        super().__init__(
            _("{path} does not validate; fix it first (`reseau edit {slug}`)").format(
                path=relpath, slug=slug
            ),
            details=problems,
        )


def find_contact(network: Network, who: str) -> str:
    """The slug WHO names, of a contact whose file validates; an unknown or ambiguous WHO is
    an error listing what it could be, an invalid file an error listing its problems."""
    slug = find_any_contact(network, who)
    if slug not in network.contacts:
        raise InvalidContactError(network, slug)
    return slug


def find_any_contact(network: Network, who: str) -> str:
    """The slug WHO names, including a contact whose file does not validate."""
    if not who.strip():
        raise UnknownContactError(_("say who: a slug, a prefix of one, or part of a name"))
    names = _names_with_invalid(network)
    resolution = resolve(who, names)
    if resolution.slug:
        return resolution.slug
    if resolution.candidates:
        details = [f"{slug}  {names[slug]}" for slug in resolution.candidates]
        raise UnknownContactError(
            _("'{who}' matches {count} contacts; say which:").format(who=who, count=len(details)),
            details=details,
        )
    close = suggest(who.lower(), network.contacts)
    hint = _("; did you mean {close}?").format(close=close) if close else ""
    raise UnknownContactError(_("no contact matches '{who}'{hint}").format(who=who, hint=hint))


def _names_with_invalid(network: Network) -> dict[str, str]:
    """Every contact's name; a file that does not validate is named by its `name:` if it
    reads as one, else by its slug."""
    names = network.names()
    for slug in network.skipped_slugs():
        data = network.unvalidated.get(network.contact_path(slug)) or {}
        name = data.get("name")
        names[slug] = name if isinstance(name, str) and name.strip() else slug
    return names


def by_file_name(root: Path, who: str) -> str | None:
    """WHO's slug from the file names alone (an exact slug, a unique prefix), else None.

    This is what resolution would find first anyway; it spares reading every contact when a
    command touches only one, so `log` costs the same with 10 contacts or 10,000.
    """
    wanted = who.strip().lower()
    if not wanted or "/" in wanted or wanted.startswith("."):
        return None
    if (root / CONTACTS_DIR / f"{wanted}.yaml").is_file():
        return wanted
    prefixed = [path.stem for path in contact_files(root) if path.stem.startswith(wanted)]
    return prefixed[0] if len(prefixed) == 1 else None
