"""vCard 3.0, one card per contact, written by vobject (which folds and escapes)."""

from __future__ import annotations

from collections.abc import Iterable

from reseau.model import Contact


def contacts_to_vcard(contacts: Iterable[tuple[str, Contact]], *, private: bool) -> str:
    import vobject

    cards = []
    for slug, contact in contacts:
        card = vobject.vCard()
        card.add("fn").value = contact.name
        family, given = _split_name(contact.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        for email in contact.emails:
            line = card.add("email")
            line.value = email
            line.type_param = "INTERNET"
        for phone in contact.phones:
            card.add("tel").value = phone
        if contact.company:
            card.add("org").value = [contact.company]
        if contact.role:
            card.add("title").value = contact.role
        if contact.city:
            card.add("adr").value = vobject.vcard.Address(city=contact.city)
        for link in contact.links:
            card.add("url").value = link
        if contact.tags:
            card.add("categories").value = list(contact.tags)
        if private and contact.notes:
            card.add("note").value = contact.notes
        card.add("uid").value = f"{slug}@reseau"
        cards.append(card.serialize())
    return "".join(cards)


def _split_name(name: str) -> tuple[str, str]:
    """Family and given names, best effort: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])
