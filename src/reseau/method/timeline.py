"""A contact's history as `show` tells it (recommendations 6, 7 and 8).

The timeline newest first; what was given and received over the last year; the tone of the
exchanges; the introductions made to and for the person, read from both sides (an intro
logged on one file only still counts for the other); and what to offer next: the latest
thing received that no later gift has returned.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from datetime import date
from typing import Any

from reseau.files import labels
from reseau.files.i18n import _, ngettext
from reseau.files.model import TONES, Contact, Interaction
from reseau.files.store import Network
from reseau.files.text import clean, pad, width
from reseau.method.activity import (
    Elsewhere,
    Mention,
    counts_as_given,
    given_count,
    intros_in,
    received_count,
    seen_elsewhere,
)

STREAK = 3


def chronological(contact: Contact) -> list[Interaction]:
    """Oldest first; items of the same day keep the file's order."""
    return sorted(contact.interactions, key=lambda interaction: interaction.date)


def not_returned(contact: Contact, today: date | None = None) -> list[Interaction]:
    """Interactions with something received and not yet returned, oldest first.

    Each gift (a `gave`, or an introduction) returns the oldest thing still owed; a gift
    made when nothing is owed is given first and returns nothing that comes later. What is
    dated after `today` has not happened yet.
    """
    owed: deque[Interaction] = deque()
    for interaction in _happened(contact, today):
        if interaction.received:
            owed.append(interaction)
        if counts_as_given(interaction) and owed:
            owed.popleft()
    return list(owed)


def is_souring(contact: Contact, today: date | None = None) -> bool:
    """The last three exchanges that have a tone (up to `today`) were neutral or negative."""
    toned = [i for i in _happened(contact, today) if i.tone is not None]
    return len(toned) >= STREAK and all(i.tone != "positive" for i in toned[-STREAK:])


def introductions(network: Network, slug: str) -> list[dict[str, Any]]:
    """Every introduction that involved `slug`, from its file or another's, newest first."""
    found: dict[tuple[date, str], str | None] = {}
    for interaction in network.contacts[slug].interactions:
        if interaction.kind == "intro":
            for other in interaction.with_:
                found.setdefault((interaction.date, other), interaction.note)
    for other, contact in network.contacts.items():
        if other == slug:
            continue
        for interaction in contact.interactions:
            if interaction.kind == "intro" and slug in interaction.with_:
                found.setdefault((interaction.date, other), interaction.note)
    return [
        {"date": day.isoformat(), "with": other, "name": _name(network, other), "note": note}
        for (day, other), note in sorted(found.items(), key=lambda item: item[0], reverse=True)
    ]


def figures(
    network: Network,
    slug: str,
    today: date,
    elsewhere: Collection[Mention] | None = None,
    seen: Elsewhere | None = None,
) -> dict[str, Any]:
    """What `show` adds to a contact's computed figures, as JSON-ready values.

    `elsewhere`: the introductions other files record with this contact (`intros_naming`);
    `seen`: the interactions other files hold with it (`seen_elsewhere`), which its
    timeline shows too, each marked with the file it was read from.
    """
    contact = network.contacts[slug]
    if seen is None:
        seen = seen_elsewhere(network.contacts).get(slug, [])
    if elsewhere is None:
        elsewhere = intros_in(seen)
    owed = not_returned(contact, today)
    tones: list[str | None] = [i.tone for i in _happened(contact, today)]
    return {
        "given": given_count(contact, today, elsewhere),
        "received": received_count(contact, today),
        "tones": {tone: tones.count(tone) for tone in TONES},
        "not_positive_lately": is_souring(contact, today),
        "offer_next": _offer(owed[-1]) if owed else None,
        "not_returned": len(owed),
        "introductions": introductions(network, slug),
        "timeline": _timeline(network, slug, seen),
    }


def _timeline(network: Network, slug: str, seen: Elsewhere) -> list[dict[str, Any]]:
    """Newest first; on the same day, the contact's own file before the others'. What both
    files record (the same day, the same kind, each naming the other) is shown once."""
    interactions = network.contacts[slug].interactions
    recorded = {(i.date, i.kind, other) for i in interactions for other in i.with_}
    own: list[tuple[Interaction, str | None]] = [(i, None) for i in interactions]
    others = [(i, a) for a, i in seen if (i.date, i.kind, a) not in recorded]
    entries = sorted([*own, *others], key=lambda e: e[0].date)
    return [_entry(i, network, slug, author) for i, author in reversed(entries)]


def card_lines(computed: dict[str, Any]) -> list[tuple[str, int | None]]:
    """The text of those figures, indented as the rest of `show`'s card: each line, and the
    column its wrapped lines start at (None: after its `key: `)."""
    gave = _("gave {given}, received {received} in the last 365 days")
    lines: list[tuple[str, int | None]] = [
        ("  " + gave.format(given=computed["given"], received=computed["received"]), None)
    ]
    lines.extend((line, None) for line in _tone_lines(computed))
    offer = computed["offer_next"]
    if offer:
        lines.append((_offer_line(offer, computed["not_returned"] - 1), None))
    if computed["introductions"]:
        lines.append(("  " + _("introductions:"), None))
        lines.extend((_intro_line(intro), None) for intro in computed["introductions"])
    if computed["timeline"]:
        lines.append(("  " + _("timeline, newest first (* in person):"), None))
        kinds = max([_KIND_WIDTH, *(width(labels.kind(e["kind"])) for e in computed["timeline"])])
        for entry in computed["timeline"]:
            lines.extend(_timeline_lines(entry, kinds))
    return lines


_KIND_WIDTH = 7  # the longest kind in English: meeting, message, service
_TONE_WIDTH = 8  # positive, negative


def _offer_line(offer: dict[str, Any], more: int) -> str:
    received = clean(offer["received"])
    if more:
        text = ngettext(
            'to offer next: something in return for "{received}" (received {date}; '
            "{more} more not returned)",
            'to offer next: something in return for "{received}" (received {date}; '
            "{more} more not returned)",
            more,
        )
    else:
        text = _('to offer next: something in return for "{received}" (received {date})')
    return "  " + text.format(received=received, date=offer["date"], more=more)


def _tone_lines(computed: dict[str, Any]) -> list[str]:
    tones = computed["tones"]
    if not any(tones.values()):
        return []
    counts = ", ".join(_tone_count(tone, count) for tone, count in tones.items() if count)
    lines = ["  " + _("tone: {counts}").format(counts=counts)]
    if computed["not_positive_lately"]:
        lines.append("  " + _("the last three exchanges were not positive: what is wrong?"))
    return lines


def _tone_count(tone: str, count: int) -> str:
    """`5 positive` (`5 positifs`): the adjective agrees with the count in French."""
    if tone == "positive":
        return ngettext("{count} positive", "{count} positive", count).format(count=count)
    if tone == "neutral":
        return ngettext("{count} neutral", "{count} neutral", count).format(count=count)
    if tone == "negative":
        return ngettext("{count} negative", "{count} negative", count).format(count=count)
    return f"{count} {clean(tone)}"


def _intro_line(intro: dict[str, Any]) -> str:
    note = _(": {note}").format(note=clean(intro["note"])) if intro["note"] else ""
    return f"    {intro['date']}  {clean(intro['name'])} ({clean(intro['with'])}){note}"


def _timeline_lines(entry: dict[str, Any], kinds: int) -> list[tuple[str, int | None]]:
    mark = "*" if entry["in_person"] else " "
    kind = pad(labels.kind(entry["kind"]), kinds)
    tone = pad(labels.tone(entry["tone"]) if entry["tone"] else "", _TONE_WIDTH)
    head = f"    {entry['date']} {mark}  {kind}  {tone}  "
    details = [clean(line) for line in (entry["note"] or "").splitlines()]
    for key, label in (("gave", _("gave: {what}")), ("received", _("received: {what}"))):
        if entry[key]:
            details.append(label.format(what=clean(" ".join(str(entry[key]).splitlines()))))
    if entry["with"]:
        others = ", ".join(clean(slug) for slug in entry["with"])
        details.append(_("with: {slugs}").format(slugs=others))
    if entry["from"]:
        source = entry["from"]
        details.append(
            _("seen from {name}'s file ({slug})").format(
                name=clean(source["name"]), slug=clean(source["slug"])
            )
        )
    if not details:
        return [(head.rstrip(), None)]
    hang = width(head)
    indent = " " * hang
    return [(head + details[0], hang), *((indent + line, hang) for line in details[1:])]


def _happened(contact: Contact, today: date | None) -> list[Interaction]:
    """Oldest first, without what is dated after `today` (when given)."""
    return [i for i in chronological(contact) if today is None or i.date <= today]


def _entry(
    interaction: Interaction, network: Network, slug: str, author: str | None
) -> dict[str, Any]:
    """`from`: the file the interaction was read from, when it is another contact's."""
    others = interaction.with_ if author is None else _others(interaction, slug, author)
    return {
        "from": None if author is None else {"slug": author, "name": _name(network, author)},
        "date": interaction.date.isoformat(),
        "kind": interaction.kind,
        "in_person": interaction.is_in_person,
        "tone": interaction.tone,
        "note": interaction.note,
        "gave": interaction.gave,
        "received": interaction.received,
        "with": list(others),
    }


def _others(interaction: Interaction, slug: str, author: str) -> list[str]:
    """Seen from `slug`: the file's own contact first, then the others, never `slug`."""
    return [author, *(s for s in dict.fromkeys(interaction.with_) if s not in (slug, author))]


def _offer(interaction: Interaction) -> dict[str, Any]:
    return {"received": interaction.received, "date": interaction.date.isoformat()}


def _name(network: Network, slug: str) -> str:
    contact = network.contacts.get(slug)
    return contact.name if contact else slug
