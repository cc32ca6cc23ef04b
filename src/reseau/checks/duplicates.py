"""Likely duplicates: two contact files that seem to be one person, with the merge to run.

Two files are flagged when they share an e-mail (without case), a phone number (its digits,
a leading 0 and a +33-style country code aside: at least 6 of them), or a profile link
(without scheme, `www.`, query or trailing slash), or when their names fold to the same
words in any order and nothing tells them apart: namesakes at companies with no word in
common are two people, and are left alone. Each pair is reported once, on the later file, naming the
`reseau merge` that keeps the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reseau.checks.base import Where
from reseau.files.i18n import N_, _
from reseau.files.model import Contact
from reseau.files.problems import Problem, Severity
from reseau.files.slugs import same_name_key
from reseau.files.store import Network

_MIN_PHONE_DIGITS = 6


def email_key(email: str) -> str:
    return email.strip().casefold()


def phone_key(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+") and len(digits) > 9:
        digits = digits[-9:]  # +33 6 12 34 56 78 and 06 12 34 56 78 are one number
    digits = digits.lstrip("0")
    return digits if len(digits) >= _MIN_PHONE_DIGITS else None


def link_key(link: str) -> str:
    text = link.strip().casefold()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = text.removeprefix("www.")
    return re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")


def name_key(name: str) -> str:
    return " ".join(sorted(same_name_key(name).split()))


def _keys(contact: Contact) -> Iterator[tuple[str, str, tuple[str, int]]]:
    """(what, key, where in the file) for each identifying value of the contact."""
    for index, email in enumerate(contact.emails):
        yield N_("e-mail"), email_key(email), ("emails", index)
    for index, phone in enumerate(contact.phones):
        key = phone_key(phone)
        if key is not None:
            yield N_("phone"), key, ("phones", index)
    for index, link in enumerate(contact.links):
        yield N_("profile"), link_key(link), ("links", index)


def check_duplicates(network: Network, where: Where) -> Iterator[Problem]:
    seen: dict[tuple[str, str], str] = {}
    reported: set[tuple[str, str]] = set()
    for slug, contact in network.contacts.items():
        for what, key, loc in _keys(contact):
            first = seen.setdefault((what, key), slug)
            if first != slug and (first, slug) not in reported:
                reported.add((first, slug))
                value = getattr(contact, loc[0])[loc[1]]
                why = _("{what} {value}").format(what=_(what), value=value)
                yield _problem(network, where, first, slug, loc, why)
    yield from _same_names(network, where, reported)


def _same_names(
    network: Network, where: Where, reported: set[tuple[str, str]]
) -> Iterator[Problem]:
    by_name: dict[str, list[str]] = {}
    for slug, contact in network.contacts.items():
        by_name.setdefault(name_key(contact.name), []).append(slug)
    for slugs in by_name.values():
        for index, slug in enumerate(slugs[1:], start=1):
            for first in slugs[:index]:
                if (first, slug) in reported or _told_apart(network, first, slug):
                    continue
                reported.add((first, slug))
                yield _problem(network, where, first, slug, ("name",), _("the same name"))
                break


def _told_apart(network: Network, first: str, second: str) -> bool:
    """Namesakes at companies with no word in common are two people."""
    a, b = network.contacts[first], network.contacts[second]
    if not a.company or not b.company:
        return False
    return not set(same_name_key(a.company).split()) & set(same_name_key(b.company).split())


def _problem(
    network: Network, where: Where, first: str, slug: str, loc: tuple[str | int, ...], why: str
) -> Problem:
    return where.problem(
        network.contact_path(slug),
        loc,
        _("{why} as {path}: the same person? `reseau merge {first} {slug}` makes them one").format(
            why=why, path=network.contact_path(first), first=first, slug=slug
        ),
        "duplicate",
        Severity.WARNING,
    )
