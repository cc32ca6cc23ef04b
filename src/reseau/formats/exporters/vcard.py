"""vCard 3.0, one card per contact, written by vobject (which folds and escapes).

A card holds everything `reseau import vcard` needs to give back the same contact:

- UID is the slug followed by `@reseau` (`jane-doe@reseau`): stable across exports, so
  a phone or a CardDAV server updates a card instead of adding a second one, and an import
  matches the card to its contact, or creates it under that slug;
- FN, N, EMAIL, TEL, ORG, TITLE, the city as ADR's locality, URL, and the tags as CATEGORIES;
- the birthday as BDAY, the other dates that matter as labelled `X-ABDATE` (Apple's form);
- what vCard has no property for: `X-RESEAU-CIRCLE` (one per circle), `X-RESEAU-STATUS`,
  `X-RESEAU-SINCE` and `X-RESEAU-CADENCE-DAYS`. Other programs keep such properties
  untouched (RFC 6350 6.10) and ignore them;
- with `private`, the notes as NOTE. Qualification and interactions stay in the network.

Every text is cleaned first (render.clean): no control character, escape sequence or
direction override, whether the cards go to a file or to the terminal; notes keep their
line breaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reseau.files.model import Contact
from reseau.files.text import clean

UID_SUFFIX = "@reseau"


def card_uid(slug: str) -> str:
    return f"{slug}{UID_SUFFIX}"


def contacts_to_vcard(contacts: Iterable[tuple[str, Contact]], *, private: bool) -> str:
    return "".join(contact_card(slug, contact, private=private) for slug, contact in contacts)


def contact_card(slug: str, contact: Contact, *, private: bool) -> str:
    """One contact's card, the same text for the same contact (the vdir export relies on it)."""
    import vobject

    card = vobject.vCard()
    card.add("uid").value = card_uid(clean(slug))
    name = clean(contact.name)
    card.add("fn").value = name
    family, given = _split_name(name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    for email in contact.emails:
        line = card.add("email")
        line.value = clean(email)
        line.type_param = "INTERNET"
    for phone in contact.phones:
        card.add("tel").value = clean(phone)
    if contact.company:
        card.add("org").value = [clean(contact.company)]
    if contact.role:
        card.add("title").value = clean(contact.role)
    if contact.city:
        card.add("adr").value = vobject.vcard.Address(city=clean(contact.city))
    for link in contact.links:
        card.add("url").value = clean(link)
    if contact.tags:
        card.add("categories").value = [clean(tag) for tag in contact.tags]
    _add_dates(card, contact)
    _add_reseau_properties(card, contact)
    if private and contact.notes:
        card.add("note").value = clean(contact.notes, multiline=True)
    return str(card.serialize())


def _add_dates(card: Any, contact: Contact) -> None:
    """BDAY as written (`--05-14` without a year, as vCard 4.0 has it); each other date as
    Apple writes a labelled date, `itemN.X-ABDATE` and its `itemN.X-ABLABEL`."""
    if contact.birthday:
        card.add("bday").value = contact.birthday
    for number, (label, day) in enumerate(contact.dates.items(), start=1):
        card.add("x-abdate", group=f"date{number}").value = day
        card.add("x-ablabel", group=f"date{number}").value = clean(label)


def _add_reseau_properties(card: Any, contact: Contact) -> None:
    for circle in contact.circles:
        card.add("x-reseau-circle").value = clean(circle)
    card.add("x-reseau-status").value = contact.status
    if contact.since:
        card.add("x-reseau-since").value = contact.since.isoformat()
    if contact.cadence_days:
        card.add("x-reseau-cadence-days").value = str(contact.cadence_days)


def _split_name(name: str) -> tuple[str, str]:
    """Family and given names, best effort: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])
