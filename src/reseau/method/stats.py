"""The network's health against the ten recommendations (recommendation 10).

One line per recommendation: a figure, a score out of 100, a verdict (good from 75, fair
from 50, weak below) and, when it is not good, what to do next. The tenth line is the
overall score: the mean of the nine others.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reseau.files.bulk import collector_paused
from reseau.files.i18n import N_, _, ngettext
from reseau.files.localized import duration, month_year, number, percent
from reseau.files.model import Contact, Interaction
from reseau.files.quarters import Quarter
from reseau.files.store import Network
from reseau.method import activity, plans, promises, scoring
from reseau.method.intros import is_across
from reseau.method.ritual import RECENT_WEEKS, ritual_state

GOOD = 75
FAIR = 50
MONTHS = 12
RENEWAL_AIM = 3  # new contacts in the last 90 days: one a month
ADD_FIRST = N_("add the people you cultivate (reseau add)")
# The names and verdicts stay English in --json; the text output translates them.
NAMES = (
    N_("objectives"),
    N_("selection"),
    N_("qualification"),
    N_("plan"),
    N_("ritual"),
    N_("give first"),
    N_("cultivate"),
    N_("free services"),
    N_("renewal"),
    N_("strategy"),
)
VERDICTS = (N_("good"), N_("fair"), N_("weak"))


@dataclass(frozen=True, slots=True)
class Line:
    """One recommendation's figure and verdict."""

    number: int
    name: str
    figure: str
    score: int
    advice: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return "good" if self.score >= GOOD else "fair" if self.score >= FAIR else "weak"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "figure": self.figure,
            "score": self.score,
            "verdict": self.verdict,
            "advice": self.advice if self.verdict != "good" else "",
            **self.data,
        }


@dataclass(frozen=True, slots=True)
class Month:
    """Interactions in one calendar month: all of them, and the positive ones."""

    year: int
    month: int
    interactions: int
    positive: int

    @property
    def label(self) -> str:
        return month_year(self.year, self.month)

    def to_json(self) -> dict[str, Any]:
        return {
            "month": f"{self.year}-{self.month:02d}",
            "interactions": self.interactions,
            "positive": self.positive,
        }


@dataclass(frozen=True, slots=True)
class Stats:
    today: date
    owner: str | None
    lines: tuple[Line, ...]
    months: tuple[Month, ...]

    @property
    def overall(self) -> int:
        return self.lines[-1].score

    @property
    def positive_percent(self) -> int | None:
        total = sum(m.interactions for m in self.months)
        return _percent(sum(m.positive for m in self.months), total) if total else None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.today.isoformat(),
            "owner": self.owner,
            "overall": self.overall,
            "recommendations": [line.to_json() for line in self.lines],
            "interactions_per_month": [month.to_json() for month in self.months],
            "positive_percent": self.positive_percent,
        }


@collector_paused()
def network_stats(network: Network, today: date) -> Stats:
    facts = _Facts(network, today)
    rules: list[Callable[[_Facts], Line]] = [
        objectives,
        selection,
        qualification,
        plan_progress,
        ritual,
        give_first,
        cultivate,
        free_services,
        renewal,
    ]
    lines = [rule(facts) for rule in rules]
    return Stats(today, network.settings.owner, (*lines, strategy(lines)), facts.months())


class _Facts:
    """What several lines need, computed once."""

    def __init__(self, network: Network, today: date) -> None:
        self.network = network
        self.settings = network.settings
        self.today = today
        self.quarter = Quarter.of(today)
        self.active = {s: c for s, c in network.contacts.items() if c.is_active}
        self.seen = activity.seen_elsewhere(network.contacts)
        self.scores = {s: scoring.score(c, self.settings) for s, c in self.active.items()}
        self.events = distinct_interactions(network.contacts, today)

    @property
    def months_begun(self) -> int:
        """The months of the quarter begun by today: the yardstick of one a month."""
        return self.today.month - self.quarter.start.month + 1

    def months(self) -> tuple[Month, ...]:
        counts: Counter[tuple[int, int]] = Counter()
        positive: Counter[tuple[int, int]] = Counter()
        for _people, interaction in self.events:
            key = (interaction.date.year, interaction.date.month)
            counts[key] += 1
            positive[key] += interaction.tone == "positive"
        return tuple(
            Month(y, m, counts[(y, m)], positive[(y, m)]) for y, m in last_months(self.today)
        )

    def in_last_months(self, day: date) -> bool:
        first_year, first_month = last_months(self.today)[0]
        return date(first_year, first_month, 1) <= day <= self.today


def last_months(today: date, count: int = MONTHS) -> list[tuple[int, int]]:
    """(year, month) of the `count` calendar months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - count + 1, index + 1)]


def distinct_interactions(
    contacts: dict[str, Contact], today: date
) -> list[tuple[frozenset[str], Interaction]]:
    """Each interaction once: an introduction written on both files, or an event written
    on several, has the same date, kind and people, and counts once."""
    seen: dict[tuple[date, str, frozenset[str]], Interaction] = {}
    for slug, contact in contacts.items():
        alone = frozenset((slug,))  # most interactions name nobody else: one set for them all
        for interaction in contact.interactions:
            if interaction.date <= today:
                named = interaction.with_
                people = frozenset((slug, *named)) if named else alone
                seen.setdefault((interaction.date, interaction.kind, people), interaction)
    return [(people, interaction) for (_day, _kind, people), interaction in seen.items()]


def _unless_empty(active: int, advice: str) -> str:
    """What to do next, or first of all to add contacts when there is no one to measure."""
    return advice if active else _(ADD_FIRST)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


# the ten lines ---------------------------------------------------------------------------------


def objectives(facts: _Facts) -> Line:
    names = list(facts.settings.objectives)
    if not names:
        return Line(
            1, "objectives", _("no objective in reseau.yaml"), 0, _("set one per community")
        )
    members = {n: sum(n in c.circles for c in facts.active.values()) for n in names}
    outside = sum(not set(c.circles) & set(names) for c in facts.active.values())
    spread = ", ".join(f"{name} {count}" for name, count in members.items())
    figure = _("{objectives} · active: {spread}").format(
        objectives=ngettext("{count} objective", "{count} objectives", len(names)).format(
            count=number(len(names))
        ),
        spread=spread,
    )
    if outside:
        figure += " · " + _("{count} in none").format(count=outside)
    score = _percent(len(facts.active) - outside, len(facts.active))
    advice = ""
    if outside:
        advice = _("give the {count} without a circle one of the objectives").format(count=outside)
    advice = _unless_empty(len(facts.active), advice)
    return Line(1, "objectives", figure, score, advice, {"members": members, "outside": outside})


def selection(facts: _Facts) -> Line:
    active, limit = len(facts.active), facts.settings.dunbar_limit
    within = facts.settings.met_within_days
    met = sum(
        not activity.is_stale(c, facts.today, within, facts.seen.get(s, ()))
        for s, c in facts.active.items()
    )
    figure = _(
        "{active} active of {limit} (Dunbar) · {met} met in person within {within} days ({share})"
    ).format(
        active=number(active),
        limit=number(limit),
        met=number(met),
        within=within,
        share=percent(_percent(met, active)),
    )
    score = _percent(met, active)
    advice = _unless_empty(
        active, _("meet the {count} not seen in person (reseau stale)").format(count=active - met)
    )
    if active > limit:
        advice = _("over the limit: make {count} dormant").format(count=active - limit)
        score = min(score, FAIR - 1)
    data = {"active": active, "dunbar_limit": limit, "met_in_person": met}
    return Line(2, "selection", figure, score, advice, data)


def qualification(facts: _Facts) -> Line:
    tiers = Counter(scoring.tier_of(v, facts.settings) for v in facts.scores.values())
    qualified = sum(v is not None for v in facts.scores.values())
    active = len(facts.active)
    spread = ", ".join(f"{tier} {tiers[tier]}" for tier in ("A", "B", "C"))
    figure = _("{qualified} of {active} active qualified ({share}) · {spread}").format(
        qualified=number(qualified),
        active=number(active),
        share=percent(_percent(qualified, active)),
        spread=spread,
    )
    advice = _unless_empty(
        active,
        _("qualify the {count} others (reseau qualify --missing)").format(count=active - qualified),
    )
    data = {"qualified": qualified, "tiers": {t: tiers[t] for t in ("A", "B", "C", "?")}}
    return Line(3, "qualification", figure, _percent(qualified, active), advice, data)


def plan_progress(facts: _Facts) -> Line:
    quarter = str(facts.quarter)
    plan = next(
        (p for _stem, p in sorted(facts.network.plans.items()) if p.quarter == quarter), None
    )
    if plan is None:
        figure = _("no plan for {quarter}").format(quarter=quarter)
        return Line(4, "plan", figure, 0, _("draft it: reseau plan new"))
    states = Counter(s.state for s in plans.item_states(plan, facts.network.contacts, facts.today))
    total = sum(states.values())
    figure = _("{quarter}: {done} of {items} done, {late} late").format(
        quarter=quarter,
        done=states["done"],
        items=ngettext("{count} item", "{count} items", total).format(count=number(total)),
        late=states["late"],
    )
    advice = _("catch up on the {count} late (reseau week)").format(count=states["late"])
    data = {"quarter": quarter, "items": total, "done": states["done"], "late": states["late"]}
    return Line(4, "plan", figure, _percent(total - states["late"], total), advice, data)


def ritual(facts: _Facts) -> Line:
    state = ritual_state(facts.network.journal, facts.today)
    figure = _("{weeks} in a row · {held} of the last {recent} weeks held, {time} in all").format(
        weeks=ngettext("{count} week", "{count} weeks", state.streak).format(
            count=number(state.streak)
        ),
        held=state.recent_weeks_held,
        recent=RECENT_WEEKS,
        time=duration(state.recent_minutes),
    )
    score = _percent(state.recent_weeks_held, RECENT_WEEKS)
    advice = _("hold it every week; reseau week --done records it")
    return Line(5, "ritual", figure, score, advice, state.to_json())


def give_first(facts: _Facts) -> Line:
    mentions = activity.intros_naming(facts.network.contacts, facts.seen)
    gave = {
        s: activity.given_count(c, facts.today, mentions.get(s, ()))
        for s, c in facts.active.items()
    }
    got = {s: activity.received_count(c, facts.today) for s, c in facts.active.items()}
    given, received = sum(gave.values()), sum(got.values())
    owing = [s for s in facts.active if gave[s] < got[s]]
    figure = _("gave {given}, received {received} in 12 months · you owe {owing}").format(
        given=number(given),
        received=number(received),
        owing=ngettext("{count} contact", "{count} contacts", len(owing)).format(
            count=number(len(owing))
        ),
    )
    advice = _unless_empty(
        len(facts.active),
        _("give back to the {count} first (reseau week, give)").format(count=len(owing)),
    )
    score = _percent(len(facts.active) - len(owing), len(facts.active))
    kept = promises.keeping(list(facts.active.values()), facts.today)
    if kept.percent is not None:
        figure += " · " + _("promises kept on time: {kept} of {due}").format(
            kept=kept.kept_on_time, due=kept.due
        )
        score = round((score + kept.percent) / 2)
        if kept.open_late:
            advice += ngettext(
                "; keep the {count} late promise (reseau week, keep)",
                "; keep the {count} late promises (reseau week, keep)",
                kept.open_late,
            ).format(count=number(kept.open_late))
    data = {
        "given": given,
        "received": received,
        "owing": owing,
        "promises_due": kept.due,
        "promises_kept_on_time": kept.kept_on_time,
        "promises_kept_late": kept.kept_late,
        "promises_open_late": kept.open_late,
    }
    return Line(6, "give first", figure, score, advice, data)


def cultivate(facts: _Facts) -> Line:
    months = facts.months()
    total = sum(m.interactions for m in months)
    positive = _percent(sum(m.positive for m in months), total)
    late = [
        slug
        for slug, contact in facts.active.items()
        if activity.cadence(
            contact,
            facts.settings,
            scoring.tier_of(facts.scores[slug], facts.settings),
            facts.today,
            facts.seen.get(slug, ()),
        ).state
        == "late"
    ]
    active = len(facts.active)
    figure = _(
        "{interactions} in 12 months, {share} positive · {rhythm} of {active} active in rhythm"
    ).format(
        interactions=ngettext("{count} interaction", "{count} interactions", total).format(
            count=number(total)
        ),
        share=percent(positive),
        rhythm=number(active - len(late)),
        active=number(active),
    )
    advice = _unless_empty(
        active, _("catch up with the {count} late (reseau week, touch)").format(count=len(late))
    )
    data = {"interactions": total, "positive_percent": positive, "late": late}
    return Line(7, "cultivate", figure, _percent(active - len(late), active), advice, data)


def free_services(facts: _Facts) -> Line:
    intros = [p for p, i in facts.events if i.kind == "intro" and i.date in facts.quarter]
    held = _events_held(facts)
    figure = _("{introductions} and {events} this quarter (one a month is the aim)").format(
        introductions=ngettext("{count} introduction", "{count} introductions", len(intros)).format(
            count=number(len(intros))
        ),
        events=ngettext("{count} event", "{count} events", held).format(count=number(held)),
    )
    score = min(100, _percent(len(intros) + held, facts.months_begun))
    advice = _("make an introduction: reseau week suggests three")
    return Line(
        8, "free services", figure, score, advice, {"introductions": len(intros), "events": held}
    )


def _events_held(facts: _Facts) -> int:
    quarter = str(facts.quarter)
    return sum(
        1
        for plan in facts.network.plans.values()
        if plan.quarter == quarter
        for item in plan.animate
        if item.done is not None and item.done <= facts.today
    )


def renewal(facts: _Facts) -> Line:
    new = activity.new_contacts(facts.network.contacts, facts.today)
    pairs = [p for p, i in facts.events if i.kind == "intro" and facts.in_last_months(i.date)]
    across = sum(_is_across(p, facts.network.contacts) for p in pairs)
    figure = _("{new} in {days} days · {across} of {introductions} in 12 months across circles")
    figure = figure.format(
        new=ngettext("{count} new contact", "{count} new contacts", len(new)).format(
            count=number(len(new))
        ),
        days=activity.RENEWAL_DAYS,
        across=across,
        introductions=ngettext("{count} introduction", "{count} introductions", len(pairs)).format(
            count=number(len(pairs))
        ),
    )
    renewing = min(1.0, len(new) / RENEWAL_AIM)
    opening = across / len(pairs) if pairs else 0.0
    score = round(50 * (renewing + opening))
    advice = _("meet someone new each month; introduce people from different circles")
    data = {"new_last_90_days": new, "introductions": len(pairs), "across_circles": across}
    return Line(9, "renewal", figure, score, advice, data)


def _is_across(people: frozenset[str], contacts: dict[str, Contact]) -> bool:
    """Each of the people has circles, and no two of them share one."""
    circles = [contacts[s].circles for s in people if s in contacts]
    return len(circles) > 1 and all(is_across(a, b) for a, b in itertools.combinations(circles, 2))


def strategy(lines: list[Line]) -> Line:
    overall = round(sum(line.score for line in lines) / len(lines))
    weakest = min(lines, key=lambda line: line.score)
    figure = _("overall {overall}/100 · weakest: {name} ({score})").format(
        overall=overall, name=_(weakest.name), score=weakest.score
    )
    return Line(
        10, "strategy", figure, overall, _("start with {name}").format(name=_(weakest.name))
    )
