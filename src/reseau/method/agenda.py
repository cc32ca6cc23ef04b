"""The week's agenda (recommendation 5): what to do in this week's ritual, in its minutes.

Seven sections, in this order: keep (the promises due), plan, meet, touch, give, events,
health. Every item says who,
what to do, why, and how many minutes it takes (DEFAULT_MINUTES, which reseau.yaml's
`durations:` overrides per kind).

What fits in the ritual's minutes is chosen in this order, each item kept when it fits in
the minutes left and cut otherwise (a smaller one further on may still fit):

1. the promises made to contacts, due by Sunday or late, earliest first;
2. dated commitments: the plan's items due by Sunday or late, and this week's events,
   earliest date first;
3. then meet, touch and give take turns, one item each, best first, so that no list crowds
   the others out.

A contact appears once in keep, plan, meet and touch (the first that names them); give is
a different thing to do and may name them again.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from reseau.files.bulk import collector_paused
from reseau.files.i18n import N_, _, ngettext
from reseau.files.localized import day_month_year, weekday_day_month, weekday_name
from reseau.files.model import (
    AnimateItem,
    Contact,
    Interaction,
    MeetItem,
    Plan,
    Promise,
    ReputationItem,
    Settings,
)
from reseau.files.quarters import Quarter, iso_week, week_bounds
from reseau.files.store import Network
from reseau.method import activity, occasions, plans, promises, scoring, team
from reseau.method.intros import IntroFinder, Suggestion
from reseau.method.ritual import RitualState, ritual_state

SECTIONS = ("keep", "plan", "meet", "touch", "give", "events", "health")
DEFAULT_MINUTES = {
    "meet": 10,  # a message or a call to set a date for meeting in person
    "touch": 10,  # a call or a message to keep in touch
    "give": 15,  # something done for a contact who gave more than they received
    "intro": 10,  # the message that introduces two contacts to each other
    "event": 20,  # this week's event: invitations, reminders, the room
    "follow-up": 10,  # a past event not marked done: thank-you notes, then mark it done
    "reputation": 45,  # an article, a talk, a post of the plan
    "promise": 10,  # what you promised a contact: send the name, the document, the CV
}
INTROS_PER_WEEK = 3
_INTRO_SEARCH = 500  # suggestions looked at for the week's few
# A keep-in-touch rhythm's states, as the agenda says them.
_RHYTHM_STATES = (N_("due"), N_("late"))


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to do: who (slugs), what, why, and its minutes."""

    section: str
    kind: str
    contacts: tuple[str, ...]
    who: str
    action: str
    reason: str
    minutes: int
    when: date | None = None
    member: str | None = None  # in a team network: whose item it is (None: nobody's yet)

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "kind": self.kind,
            "contacts": list(self.contacts),
            "who": self.who,
            "action": self.action,
            "reason": self.reason,
            "minutes": self.minutes,
        }


@dataclass(frozen=True, slots=True)
class Health:
    """The network's vital signs for the week."""

    active: int
    dunbar_limit: int
    new_contacts: tuple[str, ...]  # active, first met within the last 90 days
    met_in_person: int
    met_within_days: int
    ritual: RitualState

    @property
    def coverage_percent(self) -> int | None:
        return round(100 * self.met_in_person / self.active) if self.active else None

    @property
    def reminder(self) -> str | None:
        ritual = self.ritual
        if ritual.this_week is not None or not ritual.needs_reminder:
            return None
        if ritual.days_since_last is None:
            return _("no session recorded yet: hold one and record it with `reseau week --done`")
        return _("the last session was {days_since_last} days ago: hold one this week").format(
            days_since_last=ritual.days_since_last
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "active": self.active,
            "dunbar_limit": self.dunbar_limit,
            "new_last_90_days": list(self.new_contacts),
            "met_in_person": self.met_in_person,
            "met_within_days": self.met_within_days,
            "coverage_percent": self.coverage_percent,
            **self.ritual.to_json(),
            "reminder": self.reminder,
        }


@dataclass(frozen=True, slots=True)
class Agenda:
    """The week's agenda: the items kept in the budget, those cut, and the health figures."""

    today: date
    budget_minutes: int
    items: tuple[Item, ...]
    cut: tuple[Item, ...]
    health: Health
    owner: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # how to name the new contacts
    team: bool = False  # a team network: each item says its member
    member: str | None = None  # whose agenda this is; None in a team: the whole team's

    @property
    def week(self) -> str:
        return iso_week(self.today)

    @property
    def start(self) -> date:
        return week_bounds(self.today)[0]

    @property
    def end(self) -> date:
        return week_bounds(self.today)[1]

    @property
    def planned_minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def more(self) -> int:
        return len(self.cut)

    def kept_in(self, section: str) -> list[Item]:
        return [item for item in self.items if item.section == section]

    def cut_in(self, section: str) -> list[Item]:
        return [item for item in self.cut if item.section == section]

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "owner": self.owner,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "budget_minutes": self.budget_minutes,
            "planned_minutes": self.planned_minutes,
            "more": self.more,
            "more_by_section": {s: len(self.cut_in(s)) for s in SECTIONS[:-1]},
            "items": [self._item_json(item) for item in self.items],
            "health": self.health.to_json(),
            **({"member": self.member} if self.team else {}),
        }

    def _item_json(self, item: Item) -> dict[str, Any]:
        shown = item.to_json()
        return {**shown, "member": item.member} if self.team else shown


def durations(settings: Settings) -> dict[str, int]:
    """Minutes per kind of item: the defaults, with reseau.yaml's `durations:` over them."""
    known = {k: v for k, v in settings.durations.items() if k in DEFAULT_MINUTES}
    return {**DEFAULT_MINUTES, **known}


def unknown_durations(settings: Settings) -> list[str]:
    return sorted(k for k in settings.durations if k not in DEFAULT_MINUTES)


@collector_paused()
def week_agenda(network: Network, today: date, member: str | None = None) -> Agenda:
    """The agenda of the ISO week holding `today`; in a team network, `member`'s (their
    items and the contacts they or nobody hold first, nobody another member met this week),
    or the whole team's when `member` is None, each item with its member."""
    context = _Context(network, today)
    promised = context.promise_items()
    commitments = context.plan_items() + context.event_items()
    commitments.sort(key=lambda item: item.when or date.max)
    turns = [context.meet_items(), context.touch_items(), context.give_items()]
    if team.is_team(network.settings):
        commitments, turns = _for_member(network, today, member, commitments, turns)
    chosen = promised + commitments + list(take_turns(turns))
    kept, cut = fit(chosen, network.settings.ritual.minutes)
    vitals = health(network, today, context.latest)
    return Agenda(
        today=today,
        budget_minutes=network.settings.ritual.minutes,
        items=tuple(in_section_order(kept)),
        cut=tuple(in_section_order(cut)),
        health=vitals,
        owner=network.settings.owner,
        names={slug: context.name(slug) for slug in vitals.new_contacts},
        team=team.is_team(network.settings),
        member=member,
    )


def _for_member(
    network: Network,
    today: date,
    member: str | None,
    commitments: list[Item],
    turns: list[list[Item]],
) -> tuple[list[Item], list[list[Item]]]:
    """Each item labelled with its member; for one member, theirs first and nobody touched
    twice in a week."""
    settings, contacts = network.settings, network.contacts

    def label(item: Item) -> Item:
        if item.member is not None or not item.contacts:
            return item
        held = [
            m
            for slug in item.contacts
            if slug in contacts
            for m in team.holders(contacts[slug], settings, today)
        ]
        return replace(item, member=held[0]) if held else item

    commitments = [label(item) for item in commitments]
    turns = [[label(item) for item in items] for items in turns]
    if member is None:
        return commitments, turns

    def taken(item: Item) -> bool:
        return any(
            slug in contacts and team.met_this_week_by_others(contacts[slug], member, today)
            for slug in item.contacts
        )

    def mine_first(items: list[Item]) -> list[Item]:
        return sorted(items, key=lambda item: item.member not in (member, None))

    turns = [mine_first([item for item in items if not taken(item)]) for items in turns]
    return mine_first(commitments), turns


def fit(items: Iterable[Item], budget: int) -> tuple[list[Item], list[Item]]:
    """Keep each item, in order, when it fits in the minutes left; cut it otherwise."""
    kept: list[Item] = []
    cut: list[Item] = []
    left = budget
    for item in items:
        if item.minutes <= left:
            kept.append(item)
            left -= item.minutes
        else:
            cut.append(item)
    return kept, cut


def take_turns(lists: list[list[Item]]) -> Iterator[Item]:
    """The first of each list, then the second of each, and so on."""
    for round_ in itertools.zip_longest(*lists):
        yield from (item for item in round_ if item is not None)


def in_section_order(items: list[Item]) -> list[Item]:
    """Sections in their order; inside one, the order the items were chosen in."""
    return sorted(items, key=lambda item: SECTIONS.index(item.section))


def health(network: Network, today: date, latest: Mapping[str, activity.Latest]) -> Health:
    """`latest`: `activity.latest_dates` of the network (the agenda's survey has them)."""
    settings = network.settings
    active = {s: c for s, c in network.contacts.items() if c.is_active}
    within = settings.met_within_days
    met = sum(
        not activity.stale_since(c, latest.get(s, activity.NEVER).met, today, within)
        for s, c in active.items()
    )
    return Health(
        active=len(active),
        dunbar_limit=settings.dunbar_limit,
        new_contacts=tuple(activity.new_contacts(network.contacts, today)),
        met_in_person=met,
        met_within_days=settings.met_within_days,
        ritual=ritual_state(network.journal, today),
    )


def day_label(day: date) -> str:
    """`Thu 3 Dec` (`jeu. 3 déc.`): a day of this week."""
    return weekday_day_month(day)


def date_label(day: date) -> str:
    """`7 Oct 2025` (`7 oct. 2025`): a day further away."""
    return day_month_year(day)


def due_phrase(when: date | None, today: date) -> str:
    """How a due date stands against today: `3 days late (due Fri 27 Nov)`, `due Wed 2 Dec`."""
    if when is None:
        return _("no date")
    late = (today - when).days
    if late > 0:
        return ngettext(
            "{count} day late (due {day})", "{count} days late (due {day})", late
        ).format(count=late, day=day_label(when))
    return _("due today") if late == 0 else _("due {value}").format(value=day_label(when))


def this_weeks_plans(network: Network, today: date) -> list[Plan]:
    """The plans of the quarters this week touches (a week can straddle two)."""
    monday, sunday = week_bounds(today)
    quarters = {str(Quarter.of(monday)), str(Quarter.of(sunday)), str(Quarter.of(today))}
    return [plan for _stem, plan in sorted(network.plans.items()) if plan.quarter in quarters]


class _Context:
    """What the sections share while they are built: figures computed once per contact."""

    def __init__(self, network: Network, today: date) -> None:
        self.network = network
        self.settings = network.settings
        self.today = today
        self.minutes = durations(network.settings)
        self.survey = activity.survey(network.contacts, today)
        self.seen, self.latest = self.survey.seen, self.survey.latest
        self.scores = {
            slug: scoring.score(contact, self.settings) for slug, contact in self.contacts.items()
        }
        self.states = [
            state
            for plan in this_weeks_plans(network, today)
            for state in plans.item_states(plan, network.contacts, today)
        ]
        self.listed: set[str] = set()
        self.balances: dict[str, int] = {}
        names = Counter(contact.name for contact in self.contacts.values())
        self.namesakes = {name for name, count in names.items() if count > 1}

    @property
    def contacts(self) -> dict[str, Contact]:
        return self.network.contacts

    def _happened(self, contact: Contact) -> list[Interaction]:
        """What is dated after today has not happened: it counts in no figure."""
        return [i for i in contact.interactions if i.date <= self.today]

    def name(self, slug: str) -> str:
        """The contact's name, with the slug when another contact has the same name."""
        contact = self.contacts.get(slug)
        if contact is None:
            return slug
        return f"{contact.name} ({slug})" if contact.name in self.namesakes else contact.name

    def item(self, section: str, kind: str, contacts: Iterable[str], **fields: Any) -> Item:
        return Item(section, kind, tuple(contacts), minutes=self.minutes[kind], **fields)

    def by_value(self, slugs: Iterable[str]) -> list[str]:
        """Best score first, the unqualified last, then by slug."""
        return sorted(slugs, key=lambda slug: (-self._score_or_below(slug), slug))

    def _score_or_below(self, slug: str) -> int:
        value = self.scores[slug]
        return -1 if value is None else value

    def tier(self, slug: str) -> str:
        return scoring.tier_of(self.scores[slug], self.settings)

    def value_phrase(self, slug: str) -> str:
        value = self.scores[slug]
        return (
            _("unqualified")
            if value is None
            else _("tier {value}, score {value2}").format(value=self.tier(slug), value2=value)
        )

    # promises --------------------------------------------------------------------------

    def promise_items(self) -> list[Item]:
        """Every active contact's open promises due by Sunday, late ones first."""
        sunday = week_bounds(self.today)[1]
        rows = [
            (due.promise.by, slug, due.promise)
            for slug, contact in self.contacts.items()
            if contact.is_active
            for due in promises.due_by(contact, sunday)
        ]
        rows.sort(key=lambda row: (row[0], row[1]))
        self.listed.update(slug for _key, slug, _found in rows)
        return [self._promise(slug, promise) for _key, slug, promise in rows]

    def _promise(self, slug: str, promise: Promise) -> Item:
        made = (
            _(" · promised on {value}").format(value=date_label(promise.made))
            if promise.made
            else ""
        )
        return self.item(
            "keep",
            "promise",
            [slug],
            who=self.name(slug),
            action=_("keep your promise: {what}").format(what=promise.what),
            reason=f"{due_phrase(promise.by, self.today)}{made}",
            when=promise.by,
        )

    # plan and events -------------------------------------------------------------------

    def plan_items(self) -> list[Item]:
        items = []
        for state in self.states:
            if isinstance(state.item, MeetItem) and not state.is_done:
                self.listed.add(state.item.contact)
            if state.state not in ("late", "this week"):
                continue
            if isinstance(state.item, AnimateItem):
                if state.state == "late":
                    items.append(self._follow_up(state))
            else:
                items.append(self._plan_item(state))
        return items

    def _plan_item(self, state: plans.ItemState) -> Item:
        item = state.item
        due = due_phrase(state.when, self.today)
        if isinstance(item, MeetItem):
            if item.channel:
                action = _("arrange to meet: {channel}").format(channel=item.channel)
            else:
                action = _("arrange to meet in person")
            why = f" · {item.why}" if item.why else ""
            return self.item(
                "plan",
                "meet",
                [item.contact],
                who=self.name(item.contact),
                action=action,
                reason=f"{due}{why}",
                when=state.when,
                member=item.owner,
            )
        assert isinstance(item, ReputationItem)
        channel = f" ({item.channel})" if item.channel else ""
        return self.item(
            "plan",
            "reputation",
            [],
            who=_("reputation"),
            action=_("work on: {what}{channel}").format(what=item.what, channel=channel),
            reason=due,
            when=state.when,
            member=item.owner,
        )

    def _follow_up(self, state: plans.ItemState) -> Item:
        item = state.item
        assert isinstance(item, AnimateItem)
        return self.item(
            "plan",
            "follow-up",
            self._invited(item)[0],
            who=_("event"),
            action=_("follow up: {what} (thank, then mark it done)").format(what=item.what),
            reason=_("held {value}, not marked done").format(value=date_label(item.on))
            if item.on
            else _("not marked done"),
            when=item.on,
        )

    def event_items(self) -> list[Item]:
        items = []
        for state in self.states:
            item = state.item
            if not isinstance(item, AnimateItem) or state.state != "this week":
                continue
            slugs, words = self._invited(item)
            invited = (
                _("invite: {value}").format(value=", ".join(words))
                if words
                else _("no one invited yet")
            )
            items.append(
                self.item(
                    "events",
                    "event",
                    slugs,
                    who=_event_day(item.on, self.today),
                    action=_("prepare: {what}").format(what=item.what),
                    reason=invited,
                    when=item.on,
                )
            )
        return items

    def _invited(self, item: AnimateItem) -> tuple[list[str], list[str]]:
        """The active contacts invited (a circle wins over a slug), and how to say who."""
        slugs: list[str] = []
        words: list[str] = []
        for name in item.invite:
            if name in self.settings.objectives:
                members = [s for s, c in self.contacts.items() if c.is_active and name in c.circles]
                slugs.extend(members)
                words.append(f"{name} ({len(members)})")
            elif name in self.contacts and self.contacts[name].status == "archived":
                continue  # archived: out of the agenda, even where a plan still names them
            else:
                slugs.append(name)
                words.append(self.name(name))
        return list(dict.fromkeys(slugs)), words

    # meet, touch, give -----------------------------------------------------------------

    def meet_items(self) -> list[Item]:
        within = self.settings.met_within_days
        stale = [
            slug
            for slug, contact in self.contacts.items()
            if slug not in self.listed
            and activity.stale_since(contact, self.latest[slug].met, self.today, within)
        ]
        self.listed.update(stale)
        return [self._meet(slug) for slug in self.by_value(stale)]

    def _meet(self, slug: str) -> Item:
        contact = self.contacts[slug]
        met = self.latest[slug].met
        if met is None:
            known = (
                _(" (known since {value})").format(value=date_label(contact.since))
                if contact.since
                else ""
            )
            history = _("never met in person{known}").format(known=known)
        else:
            history = _("last met {days} days ago ({value})").format(
                days=(self.today - met).days, value=date_label(met)
            )
        return self.item(
            "meet",
            "meet",
            [slug],
            who=self.name(slug),
            action=_("arrange to meet in person"),
            reason=f"{history} · {self.value_phrase(slug)}",
        )

    def touch_items(self) -> list[Item]:
        """This week's birthdays and other dates that matter first, earliest first; then
        those past their rhythm, late before due, best score first."""
        dated = self._occasion_items()
        rows = []
        for slug, contact in self.contacts.items():
            if not contact.is_active or slug in self.listed:
                continue
            last, tier = self.latest[slug].contact, self.tier(slug)
            rhythm = activity.cadence_since(contact, self.settings, tier, self.today, last)
            if rhythm.state in ("due", "late"):
                rows.append((rhythm, slug))
        order = {slug: i for i, slug in enumerate(self.by_value(slug for _key, slug in rows))}
        rows.sort(key=lambda row: (row[0].state != "late", order[row[1]]))
        self.listed.update(slug for _key, slug in rows)
        return dated + [self._touch(slug, rhythm) for rhythm, slug in rows]

    def _occasion_items(self) -> list[Item]:
        """A date that matters is worth its message even when another section names the
        person; one item per person, for the first of their dates this week."""
        monday, sunday = week_bounds(self.today)
        rows = []
        for slug, contact in self.contacts.items():
            if not contact.is_active:
                continue
            found = occasions.occasions_between(contact, monday, sunday)
            if found:
                rows.append((found[0].day, slug, found))
        rows.sort(key=lambda row: (row[0], row[1]))
        items = []
        for _key, slug, found in rows:
            rhythm = None
            if slug not in self.listed:
                tier = self.tier(slug)
                rhythm = activity.cadence(self.contacts[slug], self.settings, tier, self.today)
            items.append(self._occasion(slug, found, rhythm))
        self.listed.update(slug for _key, slug, _found in rows)
        return items

    def _occasion(
        self, slug: str, found: list[occasions.Occasion], rhythm: activity.Cadence | None
    ) -> Item:
        first = found[0]
        if first.label == occasions.BIRTHDAY:
            action = _("wish them a happy birthday")
        else:
            action = _("wish them a happy {occasion}").format(occasion=first.label)
        reasons = [f"{self._occasion_name(o.label)} {self._on_day(o.day)}" for o in found]
        if rhythm is not None and rhythm.state == "late" and rhythm.since is not None:
            reasons.append(
                _("late: {days} days since the last contact").format(
                    days=(self.today - rhythm.since).days
                )
            )
        return self.item(
            "touch",
            "touch",
            [slug],
            who=self.name(slug),
            action=action,
            reason=" · ".join(reasons),
            when=first.day,
        )

    def _on_day(self, day: date) -> str:
        """`today`, `on Thursday`: a day of this week."""
        if day == self.today:
            return _("today")
        return _("on {weekday}").format(weekday=weekday_name(day))

    @staticmethod
    def _occasion_name(label: str) -> str:
        return _("birthday") if label == occasions.BIRTHDAY else label

    def _touch(self, slug: str, rhythm: activity.Cadence) -> Item:
        contact = self.contacts[slug]
        others = [i for _people, i in self.seen.get(slug, ()) if i.date <= self.today]
        last = max([*self._happened(contact), *others], key=lambda i: i.date, default=None)
        if rhythm.since is None:
            why = _("{state}: no interaction or date yet").format(state=_(rhythm.state))
        elif last is None:
            why = _("{state}: known since {value}, no interaction yet").format(
                state=_(rhythm.state), value=date_label(rhythm.since)
            )
        else:
            days = (self.today - rhythm.since).days
            why = _("{state}: {days} days since the last contact, every {days2}").format(
                state=_(rhythm.state), days=days, days2=rhythm.days
            )
        about = (
            _(" · last: {note}").format(note=last.note) if last is not None and last.note else ""
        )
        return self.item(
            "touch",
            "touch",
            [slug],
            who=self.name(slug),
            action=_("call or write to keep in touch"),
            reason=why + about,
        )

    def give_items(self) -> list[Item]:
        """Contacts in debt first, each offered the best introduction for them; then the
        week's introductions, among people no other give item names."""
        # The balances first: what they read is freed before the finder's indexes are built.
        in_debt = self._in_debt()
        finder = IntroFinder(self.contacts, self.settings, self.scores, self.today, self.seen)
        used: set[frozenset[str]] = set()
        # Only so many give items can fit in the budget: look for offers for those alone.
        reach = self.settings.ritual.minutes // self.minutes["give"]
        owed = [
            self._owed(slug, finder if rank < reach else None, used)
            for rank, slug in enumerate(in_debt)
        ]
        busy = {slug for item in owed[:reach] for slug in item.contacts}
        introduce = [self._intro(s) for s in pick_intros(finder.best(), INTROS_PER_WEEK, busy)]
        return list(take_turns([owed, introduce]))

    def _in_debt(self) -> list[str]:
        balances = {
            slug: self.survey.balance(slug)
            for slug, contact in self.contacts.items()
            if contact.is_active
        }
        self.balances = balances
        order = {slug: i for i, slug in enumerate(self.by_value(balances))}
        return sorted(
            (s for s, b in balances.items() if b < 0), key=lambda s: (balances[s], order[s])
        )

    def _owed(self, slug: str, finder: IntroFinder | None, used: set[frozenset[str]]) -> Item:
        contact = self.contacts[slug]
        offer = finder.best_for(slug, used) if finder else None
        received = max(
            (i for i in self._happened(contact) if i.received), key=lambda i: i.date, default=None
        )
        why = _("balance {value} over 12 months").format(value=self.balances[slug])
        if received is not None:
            why += _(" · they gave on {value}: {received}").format(
                value=date_label(received.date), received=received.received
            )
        if offer is None:
            return self.item(
                "give",
                "give",
                [slug],
                who=self.name(slug),
                action=_("ask what you can do for them"),
                reason=why,
            )
        used.add(offer.pair)
        other = offer.second if offer.first == slug else offer.first
        return self.item(
            "give",
            "give",
            [slug, other],
            who=self.name(slug),
            action=_("offer an introduction to {value} ({value2})").format(
                value=self.name(other), value2=offer.shared_keys()
            ),
            reason=why,
        )

    def _intro(self, suggestion: Suggestion) -> Item:
        a, b = suggestion.first, suggestion.second
        circles = self._circles_phrase(a, b, suggestion.across)
        return self.item(
            "give",
            "intro",
            [a, b],
            who=self.name(a),
            action=_("introduce to {value}").format(value=self.name(b)),
            reason=f"{suggestion.shared()} · {circles}",
        )

    def _circles_phrase(self, a: str, b: str, across: bool) -> str:
        def circles(slug: str) -> str:
            return ", ".join(self.contacts[slug].circles) or _("no circle")

        if across:
            return _("across circles ({value} / {value2})").format(
                value=circles(a), value2=circles(b)
            )
        shared = [c for c in self.contacts[a].circles if c in self.contacts[b].circles]
        if not shared:  # one of them has no circle: the pair opens no other circle
            return _("not across circles ({value} / {value2})").format(
                value=circles(a), value2=circles(b)
            )
        return _("same circle ({value})").format(value=", ".join(shared))


def pick_intros(
    suggestions: Iterable[Suggestion], limit: int, busy: Iterable[str] = ()
) -> list[Suggestion]:
    """The best suggestions with nobody in two of them (nor in `busy`)."""
    chosen: list[Suggestion] = []
    taken = set(busy)
    for suggestion in itertools.islice(suggestions, _INTRO_SEARCH):
        if len(chosen) == limit:
            break
        if suggestion.first in taken or suggestion.second in taken:
            continue
        chosen.append(suggestion)
        taken.update(suggestion.pair)
    return chosen


def _event_day(day: date | None, today: date) -> str:
    if day is None:
        return _("this week")
    return _("today") if day == today else day_label(day)
