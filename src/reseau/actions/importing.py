"""Bringing people in from other tools: match, merge without overwriting, create the rest.

An imported person is merged into the contact it shares an identifier with: the UID first
(`slug@reseau`, as `reseau export vcard` writes it, names the contact `slug`; another UID
matches a card met earlier in the same import), then an e-mail, a phone (its digits, six
at least) or a link (without scheme, `www.` or trailing slash). A name alone never merges:
two Jane Does with different addresses are two people, `jane-doe` and `jane-doe-2`. The
one exception is a contact file that does not validate, whose identifiers are unknown: a
person of its name is reported rather than created twice.

A merge only adds: new e-mails, phones, links, circles and tags, and company, role, city,
cadence or `since` where the contact has none. What the user wrote is never replaced. The
whole import runs under one lock, in one pass.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reseau.actions.add import NewContact, contact_text
from reseau.files.folder import CONTACTS_DIR
from reseau.files.i18n import _
from reseau.files.model import CONTACT_KEYS, Contact
from reseau.files.problems import ReseauError
from reseau.files.slugs import is_valid_slug, same_name_key, slugify, unique_slug
from reseau.files.store import Network, load_network
from reseau.files.validation import suggest
from reseau.files.writer import Change, NewFile, apply_changes, folder_lock
from reseau.files.yamledit import Document, Typed
from reseau.formats.exporters.vcard import UID_SUFFIX, card_uid
from reseau.formats.importers.records import ImportedPerson, ParseResult, Skipped

LISTS = ("emails", "phones", "links", "circles", "tags")
SCALARS = ("company", "role", "city", "birthday", "cadence_days")
IDENTIFIERS = ("emails", "phones", "links")
MIN_PHONE_DIGITS = 6
_LINK_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.I)


@dataclass(slots=True)
class ImportOptions:
    circles: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str | None = None
    dry_run: bool = False


@dataclass(slots=True)
class Outcome:
    """What happened to one imported person."""

    line: int
    name: str
    slug: str
    added: dict[str, Any] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    created: list[Outcome] = field(default_factory=list)
    merged: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False


@dataclass(slots=True)
class _Index:
    """Who is already there, by UID, e-mail, phone and link, including people created by this
    import; the names of files that do not validate, whose other identifiers are unknown."""

    by_key: dict[tuple[str, str], str] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    invalid_names: dict[str, str] = field(default_factory=dict)
    exported: set[str] = field(default_factory=set)

    def add(self, slug: str, record: dict[str, Any]) -> None:
        self.records[slug] = record
        self.add_keys(slug, record)

    def add_keys(self, slug: str, values: dict[str, Any]) -> None:
        for key in identity_keys(values):
            self.by_key.setdefault(key, slug)


def identity_keys(values: dict[str, Any]) -> list[tuple[str, str]]:
    """What makes two records the same person: an equal UID, e-mail, phone or link."""
    keys = [("uid", uid.casefold()) for uid in [values.get("uid")] if uid]
    for kind in IDENTIFIERS:
        for value in values.get(kind) or []:
            key = _list_key(kind, value)
            if kind != "phones" or len(key.lstrip("+")) >= MIN_PHONE_DIGITS:
                keys.append((kind, key))
    return keys


READERS = {
    "vcard": "reseau.formats.importers.vcard:read_vcard",
    "linkedin": "reseau.formats.importers.linkedin:read_linkedin",
    "google": "reseau.formats.importers.google:read_google",
}


def read_export(kind: str, path: Path, encoding: str | None) -> ParseResult:
    """Parse an export file; a file that cannot be read at all is one clear error."""
    import importlib

    from reseau.formats.importers.records import ImportFileError

    module_name, function_name = READERS[kind].split(":")
    reader = getattr(importlib.import_module(module_name), function_name)
    data = read_import_file(path)
    try:
        result: ParseResult = reader(data, encoding)
    except ImportFileError as exc:
        raise ReseauError(_("{name}: {exc}").format(name=path.name, exc=exc)) from None
    except LookupError:
        raise ReseauError(
            _("unknown encoding '{encoding}'; try utf-8, cp1252 or latin-1").format(
                encoding=encoding
            )
        ) from None
    return result


MAX_IMPORT_BYTES = 100 * 1024 * 1024


def read_import_file(path: Path) -> bytes:
    """The bytes of a regular file of at most 100 MiB: a pipe, a device or a link to one
    would never end, or fill the memory."""
    import os
    import stat

    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise ReseauError(
                _("{path} is not a regular file; export the contacts to a file first").format(
                    path=path
                )
            )
        if status.st_size > MAX_IMPORT_BYTES:
            raise ReseauError(
                _("{path} is {value}; import files are limited to 100 MiB").format(
                    path=path, value=_mib(status.st_size)
                )
            )
        with open(path, "rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ReseauError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from None
    if len(data) > MAX_IMPORT_BYTES:  # it grew while being read
        raise ReseauError(
            _("{path} is over 100 MiB; import files are limited to 100 MiB").format(path=path)
        )
    return data


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def email_key(email: str) -> str:
    return unicodedata.normalize("NFC", email.strip()).casefold()


def check_options(options: ImportOptions, network: Network) -> None:
    for circle in options.circles:
        if circle not in network.settings.objectives:
            close = suggest(circle, network.settings.objectives)
            hint = f"; did you mean '{close}'?" if close else ""
            raise ReseauError(
                _("circle '{circle}' is not an objective of reseau.yaml{hint}").format(
                    circle=circle, hint=hint
                )
            )


def import_people(root: Path, parsed: ParseResult, options: ImportOptions) -> ImportReport:
    """Match, merge and create, all under one lock; with `dry_run`, write nothing."""
    report = ImportReport(skipped=list(parsed.skipped), warnings=list(parsed.warnings))
    report.dry_run = options.dry_run
    if options.dry_run:  # not even the lock file: a dry run leaves the folder as it was
        _plan(root, parsed, options, report)
        return report
    with folder_lock(root):
        network, new_texts = _plan(root, parsed, options, report)
        _write(root, report, new_texts, network)
    return report


def _plan(
    root: Path, parsed: ParseResult, options: ImportOptions, report: ImportReport
) -> tuple[Network, dict[str, str]]:
    network = load_network(root)
    check_options(options, network)
    index = _index_of(network)
    taken = set(network.contacts) | set(network.skipped_slugs())
    new_texts: dict[str, str] = {}
    for person in parsed.people:
        _place(person, index, taken, network, options, report, new_texts)
    return network, new_texts


def _index_of(network: Network) -> _Index:
    index = _Index()
    for slug, contact in network.contacts.items():
        keys = ("name", "since", "dates", *LISTS, *SCALARS)
        record = {key: getattr(contact, key) for key in keys}
        index.add(slug, {**record, "uid": card_uid(slug)})
    for slug, name, emails in network.identities():
        if slug not in network.contacts:
            index.add(slug, {"name": name, "emails": emails, "uid": card_uid(slug)})
            index.records[slug]["invalid"] = True
            index.invalid_names.setdefault(same_name_key(name), slug)
    return index


def _place(
    person: ImportedPerson,
    index: _Index,
    taken: set[str],
    network: Network,
    options: ImportOptions,
    report: ImportReport,
    new_texts: dict[str, str],
) -> None:
    match = _match(person, index)
    if match is not None and index.records[match].get("invalid"):
        path = network.contact_path(match)
        reason = _("{name} matches {path}, which does not validate; run `reseau check`").format(
            name=person.name, path=path
        )
        report.skipped.append(Skipped(person.line, reason))
        return
    circles, dropped = _known_circles(person, network)
    dropped = [*person.dropped, *dropped]
    if match is None:
        slug = _new_slug(person, taken)
        taken.add(slug)
        new = _new_contact(person, circles, options)
        index.add(slug, _new_record(person, new))
        if _exported_slug(person.uid):
            index.exported.add(slug)
        new_texts[slug] = contact_text(new)
        report.created.append(Outcome(person.line, person.name, slug, dropped=dropped))
        return
    added = _additions(person, circles, index.records[match])
    outcome = Outcome(person.line, person.name, match, added, dropped)
    index.add_keys(match, {"uid": person.uid})
    if not added:
        report.unchanged.append(outcome)
        return
    _apply_to_record(index, match, added)
    if match in new_texts:
        new_texts[match] = _merge_into_text(new_texts[match], added)
    report.merged.append(outcome)


def _match(person: ImportedPerson, index: _Index) -> str | None:
    """The contact `person` is, by UID first, then by e-mail, phone or link; else None.

    A card `reseau export vcard` wrote is one contact of the network it came from: it is
    never merged into another card of the same export that happens to share an e-mail (a
    couple's address, a switchboard), only into the contact it names or one already there.
    """
    values = {"uid": person.uid, **{kind: getattr(person, kind) for kind in IDENTIFIERS}}
    exported = _exported_slug(person.uid) is not None
    for key in identity_keys(values):
        slug = index.by_key.get(key)
        if slug is None:
            continue
        if key[0] == "uid" or not (exported and slug in index.exported):
            return slug
    invalid = index.invalid_names.get(same_name_key(person.name))
    return invalid


def _exported_slug(uid: str | None) -> str | None:
    """The slug in a UID that `reseau export vcard` wrote, else None."""
    if not uid or not uid.endswith(UID_SUFFIX):
        return None
    slug = uid.removesuffix(UID_SUFFIX)
    return slug if is_valid_slug(slug) else None


def _new_slug(person: ImportedPerson, taken: set[str]) -> str:
    exported = _exported_slug(person.uid)
    if exported is not None and exported not in taken:
        return exported
    return unique_slug(slugify(person.name), taken)


def _known_circles(person: ImportedPerson, network: Network) -> tuple[list[str], list[str]]:
    """The card's circles that are objectives of reseau.yaml, and what is left out."""
    objectives = network.settings.objectives
    known = [circle for circle in person.circles if circle in objectives]
    unknown = [
        f"circle '{circle}' (not an objective of reseau.yaml)"
        for circle in person.circles
        if circle not in objectives
    ]
    return known, unknown


def _additions(
    person: ImportedPerson, circles: list[str], record: dict[str, Any]
) -> dict[str, Any]:
    added: dict[str, Any] = {}
    incoming = {key: getattr(person, key) for key in LISTS}
    incoming["circles"] = circles
    for key in LISTS:
        have = {_list_key(key, value) for value in record.get(key) or []}
        new = []
        for value in incoming[key]:
            if _list_key(key, value) not in have:
                have.add(_list_key(key, value))
                new.append(value)
        if new:
            added[key] = new
    for key in SCALARS:
        value = getattr(person, key)
        if value and not record.get(key):
            added[key] = Typed(value) if key == "birthday" else value
    if person.since and not record.get("since"):
        added["since"] = Typed(person.since.isoformat())
    dates = {
        label: Typed(day)
        for label, day in person.dates.items()
        if label not in (record.get("dates") or {})
    }
    if dates:
        added["dates"] = dates
    return added


def _list_key(key: str, value: str) -> str:
    if key == "emails":
        return email_key(value)
    if key == "phones":
        return "".join(ch for ch in value if ch.isdigit() or ch == "+")
    if key == "links":
        return _LINK_PREFIX.sub("", value.strip()).rstrip("/").casefold()
    return value


def _apply_to_record(index: _Index, slug: str, added: dict[str, Any]) -> None:
    record = index.records[slug]
    for key, value in added.items():
        if key in LISTS:
            record[key] = [*(record.get(key) or []), *value]
        elif key == "dates":
            record[key] = {**(record.get(key) or {}), **value}
        else:
            record[key] = value
    index.add_keys(slug, added)


def _new_record(person: ImportedPerson, new: NewContact) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": person.name,
        "since": person.since,
        "uid": person.uid,
        "dates": dict(person.dates),
    }
    for key in (*LISTS, *SCALARS):
        value = getattr(new, key)
        record[key] = list(value) if key in LISTS else value
    return record


def _new_contact(person: ImportedPerson, circles: list[str], options: ImportOptions) -> NewContact:
    return NewContact(
        name=person.name,
        emails=list(person.emails),
        phones=list(person.phones),
        company=person.company,
        role=person.role,
        city=person.city,
        links=list(person.links),
        circles=list(dict.fromkeys([*circles, *options.circles])),
        tags=list(dict.fromkeys([*person.tags, *options.tags])),
        status=options.status or person.status or "dormant",
        since=person.since,
        birthday=person.birthday,
        dates=dict(person.dates),
        cadence_days=person.cadence_days,
        notes=person.notes,
    )


def _merge_into_text(text: str, added: dict[str, Any]) -> str:
    document = Document(text)
    _merge_into_document(document, added)
    return document.text


def _merge_into_document(document: Document, added: dict[str, Any]) -> None:
    for key, value in added.items():
        if key in LISTS:
            for item in value:
                document.insert([key], item, order=CONTACT_KEYS)
        elif key == "dates":
            for label, day in value.items():
                document.set([key, label], day, order=CONTACT_KEYS)
        else:
            document.set([key], value, order=CONTACT_KEYS)


def _write(root: Path, report: ImportReport, new_texts: dict[str, str], network: Network) -> None:
    """Every creation and merge in one transaction: an import killed half way, run again,
    finds the folder as it was before it or after it, never with half the people."""
    created = [
        NewFile(f"{CONTACTS_DIR}/{slug}.yaml", text, Contact) for slug, text in new_texts.items()
    ]
    merged: dict[str, dict[str, Any]] = {}
    for outcome in report.merged:
        if outcome.slug in network.contacts:
            merged.setdefault(outcome.slug, {})
            for key, value in outcome.added.items():
                if key in LISTS:
                    merged[outcome.slug][key] = [*merged[outcome.slug].get(key, []), *value]
                else:
                    merged[outcome.slug][key] = value
    changes = [
        Change(network.contact_path(slug), Contact, _merger(added))
        for slug, added in merged.items()
    ]
    apply_changes(root, changes, created=created)


def _merger(added: dict[str, Any]) -> Any:
    def edit(document: Document, _contact: Contact) -> None:
        _merge_into_document(document, added)

    return edit
