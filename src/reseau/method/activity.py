"""Following contacts over time (recommendations 2, 6 and 7): met, touched, due, balance.

Every figure computed as of `today` ignores interactions dated after it: with `--today` set
in the past, or a meeting logged ahead of time, what has not happened yet does not count
(what other files hold with a contact, `seen_elsewhere` and a survey's `seen`, keeps them all:
each use filters them).

An interaction counts for everyone its `with:` names, not only for the contact whose file
holds it: a lunch with Marie logged on Paul's file is Marie's last contact and last meeting
in person too, and resets her cadence. `seen_elsewhere` finds them all in one pass over the
network (`survey`, the agenda's, finds them with the dates and balances); the functions
below take each contact's share as `elsewhere`. What was given and received stays on the
file that holds it (introductions aside: see `intros_naming`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reseau.files.dates import shift
from reseau.files.model import Contact, Interaction, Settings

BALANCE_DAYS = 365
RENEWAL_DAYS = 90
LATE_FACTOR = 1.5

Mention = tuple[date, str]  # an introduction on another file: its date, whose file holds it
Seen = tuple[str, Interaction]  # an interaction on another file naming this contact: whose, what
Elsewhere = Sequence[Seen]


def seen_elsewhere(contacts: Mapping[str, Contact]) -> dict[str, list[Seen]]:
    """For each contact, the interactions other files hold that name it in `with`.

    One pass over every interaction and every name it lists: a `with:` of thousands of
    people costs thousands of steps, once.
    """
    found: dict[str, list[Seen]] = defaultdict(list)
    for author, contact in contacts.items():
        for interaction in contact.interactions:
            people = interaction.with_
            if not people:
                continue
            # one name is the common case: no dict built to drop its repeats
            for named in people if len(people) == 1 else dict.fromkeys(people):
                if named != author:
                    found[named].append((author, interaction))
    return dict(found)


def _happened(
    contact: Contact, today: date | None, elsewhere: Elsewhere = ()
) -> Iterator[Interaction]:
    own = (i for i in contact.interactions if today is None or i.date <= today)
    others = (i for _, i in elsewhere if today is None or i.date <= today)
    return itertools.chain(own, others)


def last_met(contact: Contact, today: date | None = None, elsewhere: Elsewhere = ()) -> date | None:
    """The latest in-person interaction (up to `today` when given), those of other files
    that name the contact (`elsewhere`) included."""
    happened = _happened(contact, today, elsewhere)
    return max((i.date for i in happened if i.is_in_person), default=None)


def last_contact(
    contact: Contact, today: date | None = None, elsewhere: Elsewhere = ()
) -> date | None:
    """The latest interaction of any kind (up to `today` when given), `elsewhere` included."""
    return max((i.date for i in _happened(contact, today, elsewhere)), default=None)


@dataclass(frozen=True, slots=True)
class Latest:
    """A contact's latest interaction of any kind and latest meeting in person."""

    contact: date | None
    met: date | None


NEVER = Latest(None, None)


def latest_dates(contacts: Mapping[str, Contact], today: date | None = None) -> dict[str, Latest]:
    """`last_contact` and `last_met` of every contact, `elsewhere` included, in one pass over
    the network's interactions (the same dates as the functions one contact at a time)."""
    return survey(contacts, date.max if today is None else today).latest


@dataclass(frozen=True, slots=True)
class Survey:
    """What the agenda reads of every interaction, found in one pass over them all: the
    `seen_elsewhere` of the network, the `latest_dates`, and each contact's balance."""

    today: date
    seen: dict[str, list[Seen]]
    latest: dict[str, Latest]
    # each file's own share of its balance over the last year (see `balance`): what it gave
    # minus what it received, and the introductions it records, by (date, other)
    own_balance: dict[str, int]
    own_intros: dict[str, set[Mention]]

    def balance(self, slug: str) -> int:
        """`balance` of the contact `slug`, the introductions of other files included."""
        mentions = intros_in(self.seen.get(slug, ()))
        own = self.own_intros.get(slug, set())
        return self.own_balance.get(slug, 0) + _intros_elsewhere(mentions, own, self.today)


def survey(contacts: Mapping[str, Contact], today: date) -> Survey:
    """The `Survey` of the network on `today`.

    A network holds hundreds of thousands of interactions: one loop reads each once for the
    three figures, where a function for each would read them all three times. A file's own
    dates and balance are kept in locals and merged once; most interactions name nobody,
    and then cost no lookup at all."""
    start = shift(today, -BALANCE_DAYS)
    found: dict[str, list[Seen]] = defaultdict(list)
    touched: dict[str, date] = {}
    met: dict[str, date] = {}
    own_balance: dict[str, int] = {}
    own_intros: dict[str, set[Mention]] = {}
    for author, contact in contacts.items():
        own = own_met = None
        owed = 0
        intros: set[Mention] | None = None
        for interaction in contact.interactions:
            people = interaction.with_
            if people:
                # one name is the common case: no dict built to drop its repeats
                for named in people if len(people) == 1 else dict.fromkeys(people):
                    if named != author:
                        found[named].append((author, interaction))
            day = interaction.date
            if day > today:
                continue  # it has not happened yet
            in_person = interaction.is_in_person
            if own is None or own < day:
                own = day
            if in_person and (own_met is None or own_met < day):
                own_met = day
            for slug in people:
                if slug not in touched or touched[slug] < day:
                    touched[slug] = day
                if in_person and (slug not in met or met[slug] < day):
                    met[slug] = day
            if day > start:
                owed += counts_as_given(interaction) - bool(interaction.received)
                if interaction.kind == "intro" and people:
                    if intros is None:
                        intros = set()
                    intros.update((day, other) for other in people)
        _merge_latest(touched, author, own)
        _merge_latest(met, author, own_met)
        own_balance[author] = owed
        if intros:
            own_intros[author] = intros
    latest = {slug: Latest(touched.get(slug), met.get(slug)) for slug in contacts}
    return Survey(today, dict(found), latest, own_balance, own_intros)


def _merge_latest(latest: dict[str, date], slug: str, day: date | None) -> None:
    if day is not None and (slug not in latest or latest[slug] < day):
        latest[slug] = day


def days_since_met(contact: Contact, today: date, elsewhere: Elsewhere = ()) -> int | None:
    met = last_met(contact, today, elsewhere)
    return None if met is None else (today - met).days


def is_stale(contact: Contact, today: date, within_days: int, elsewhere: Elsewhere = ()) -> bool:
    """Active, and not met in person within `within_days` (or never).

    Met exactly `within_days` ago is still within; a call or a video never counts.
    """
    return stale_since(contact, last_met(contact, today, elsewhere), today, within_days)


def stale_since(contact: Contact, met: date | None, today: date, within_days: int) -> bool:
    """`is_stale`, from the contact's last meeting in person (`latest_dates`)."""
    if not contact.is_active:
        return False
    return met is None or (today - met).days > within_days


def cadence_days(contact: Contact, settings: Settings, tier: str) -> int:
    """The contact's own rhythm, else the smallest of its circles', else its tier's (C's for ?)."""
    if contact.cadence_days:
        return contact.cadence_days
    circle_days = [
        objective.cadence_days
        for name in contact.circles
        if (objective := settings.objectives.get(name)) and objective.cadence_days
    ]
    if circle_days:
        return min(circle_days)
    tiers = settings.cadence_days
    return {"A": tiers.A, "B": tiers.B}.get(tier, tiers.C)


@dataclass(frozen=True, slots=True)
class Cadence:
    """The keep-in-touch rhythm: `state` is ok, due or late; `since` the last interaction."""

    days: int
    since: date | None
    state: str
    due_on: date | None


def cadence_state(elapsed: int, days: int) -> str:
    """Due once `days` have passed, late once 1.5 times `days` have."""
    if elapsed >= days * LATE_FACTOR:
        return "late"
    if elapsed >= days:
        return "due"
    return "ok"


def cadence(
    contact: Contact, settings: Settings, tier: str, today: date, elsewhere: Elsewhere = ()
) -> Cadence:
    """Counted from the last interaction (`elsewhere` included), else from `since`; due at
    once without either."""
    return cadence_since(contact, settings, tier, today, last_contact(contact, today, elsewhere))


def cadence_since(
    contact: Contact, settings: Settings, tier: str, today: date, last: date | None
) -> Cadence:
    """`cadence`, from the contact's last interaction (`latest_dates`)."""
    days = cadence_days(contact, settings, tier)
    reference = last or contact.since
    if reference is None:
        return Cadence(days, None, "due", today)
    state = cadence_state((today - reference).days, days)
    return Cadence(days, reference, state, shift(reference, days))


def counts_as_given(interaction: Interaction) -> bool:
    return bool(interaction.gave) or interaction.kind == "intro"


def intros_naming(
    contacts: Mapping[str, Contact], seen: Mapping[str, Elsewhere] | None = None
) -> dict[str, list[Mention]]:
    """For each contact, the introductions other contacts' files record with them in `with`;
    `seen`: `seen_elsewhere` of the contacts, when the caller already has it.

    Lists, not sets: a set costs hundreds of bytes and a large network names tens of
    thousands of people; a repeat counts once where they are counted (`given_count`).
    """
    if seen is None:
        seen = seen_elsewhere(contacts)
    found = {slug: intros_in(elsewhere) for slug, elsewhere in seen.items()}
    return {slug: mentions for slug, mentions in found.items() if mentions}


def intros_in(elsewhere: Elsewhere) -> list[Mention]:
    """The introductions among what other files hold with one contact (`seen_elsewhere`)."""
    return [
        (interaction.date, author)
        for author, interaction in elsewhere
        if interaction.kind == "intro"
    ]


def _recent(contact: Contact, today: date) -> list[Interaction]:
    start = shift(today, -BALANCE_DAYS)
    return [i for i in contact.interactions if start < i.date <= today]


def given_count(contact: Contact, today: date, elsewhere: Collection[Mention] = ()) -> int:
    """Gifts over the last year: its own `gave` and introductions, and the introductions
    recorded only on the other person's file (`elsewhere`, from `intros_naming`)."""
    return _given(_recent(contact, today), today, elsewhere)


def _given(recent: list[Interaction], today: date, elsewhere: Collection[Mention]) -> int:
    own = {(i.date, other) for i in recent if i.kind == "intro" for other in i.with_}
    return sum(counts_as_given(i) for i in recent) + _intros_elsewhere(elsewhere, own, today)


def _intros_elsewhere(elsewhere: Collection[Mention], own: set[Mention], today: date) -> int:
    """The introductions of the last year that only other files record (`own`: those the
    contact's file records, by date and other person): each counts once."""
    if not elsewhere:
        return 0
    start = shift(today, -BALANCE_DAYS)
    return len({m for m in elsewhere if start < m[0] <= today and m not in own})


def received_count(contact: Contact, today: date) -> int:
    return sum(bool(i.received) for i in _recent(contact, today))


def balance(contact: Contact, today: date, elsewhere: Collection[Mention] = ()) -> int:
    """Given minus received over the last year; an introduction counts as given to both people
    introduced, whichever of their files records it."""
    recent = _recent(contact, today)
    return _given(recent, today, elsewhere) - sum(bool(i.received) for i in recent)


def is_new(contact: Contact, today: date) -> bool:
    """Active, and first met within the last 90 days (recommendation 9: renewal)."""
    since = contact.since
    return contact.is_active and since is not None and shift(today, -RENEWAL_DAYS) < since <= today


def new_contacts(contacts: Mapping[str, Contact], today: date) -> list[str]:
    """The new contacts (`is_new`), the earliest first."""
    new = [slug for slug, contact in contacts.items() if is_new(contact, today)]
    return sorted(new, key=lambda slug: (contacts[slug].since or date.min, slug))
