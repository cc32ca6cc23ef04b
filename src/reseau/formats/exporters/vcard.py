"""vCard 3.0, one card per contact, written by vobject (which folds and escapes).

Every text is cleaned first (render.clean): no control character, escape sequence or
direction override, whether the cards go to a file or to the terminal; notes keep their
line breaks.
"""

from __future__ import annotations

from collections.abc import Iterable

from reseau.files.model import Contact
from reseau.files.text import clean


def contacts_to_vcard(contacts: Iterable[tuple[str, Contact]], *, private: bool) -> str:
    import vobject

    cards = []
    for slug, contact in contacts:
        card = vobject.vCard()
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
        if private and contact.notes:
            card.add("note").value = clean(contact.notes, multiline=True)
        card.add("uid").value = f"{clean(slug)}@reseau"
        cards.append(card.serialize())
    return "".join(cards)


def _split_name(name: str) -> tuple[str, str]:
    """Family and given names, best effort: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])
