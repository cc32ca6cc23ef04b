"""What `list`, `show`, `stale` and `qualify` print: one result object, as text or as JSON."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reseau.cli.layout import Column, ago, short_date, table, with_slug_for_namesakes, wrap_line
from reseau.cli.palette import Screen, Style
from reseau.files.model import CRITERIA, Contact, Qualification, Settings
from reseau.files.slugs import same_name_key
from reseau.files.store import Network
from reseau.files.text import clean
from reseau.method import activity, scoring, team
from reseau.method.occasions import yearly_dates
from reseau.method.promises import open_promises
from reseau.method.qualification import ToQualify, score_text, to_do
from reseau.method.stale import StaleRow
from reseau.method.timeline import card_lines, figures

if TYPE_CHECKING:
    from reseau.actions.qualify import Outcome


@dataclass(frozen=True, slots=True)
class ContactRow:
    slug: str
    contact: Contact
    score: int | None
    tier: str
    last_met: date | None
    last_contact: date | None
    cadence: activity.Cadence
    held_by: tuple[str, ...] | None = None  # in a team network: the members who hold it

    def to_json(self) -> dict[str, Any]:
        c = self.contact
        team = {} if self.held_by is None else {"held_by": list(self.held_by)}
        return {
            **team,
            "slug": self.slug,
            "name": c.name,
            "company": c.company,
            "city": c.city,
            "circles": list(c.circles),
            "tags": list(c.tags),
            "status": c.status,
            "birthday": c.birthday,
            "dates": dict(c.dates),
            "score": self.score,
            "tier": self.tier,
            "last_met": _iso(self.last_met),
            "last_contact": _iso(self.last_contact),
            "cadence_days": self.cadence.days,
            "cadence": self.cadence.state,
            "due_on": _iso(self.cadence.due_on),
        }


def row_for(
    network: Network, slug: str, today: date, seen: Mapping[str, activity.Elsewhere] | None = None
) -> ContactRow:
    """`seen`: `activity.seen_elsewhere` of the network, when the caller already has it."""
    contact = network.contacts[slug]
    value = scoring.score(contact, network.settings)
    tier = scoring.tier_of(value, network.settings)
    if seen is None:
        seen = activity.seen_elsewhere(network.contacts)
    elsewhere = seen.get(slug, ())
    return ContactRow(
        slug=slug,
        contact=contact,
        score=value,
        tier=tier,
        last_met=activity.last_met(contact, today, elsewhere),
        last_contact=activity.last_contact(contact, today, elsewhere),
        cadence=activity.cadence(contact, network.settings, tier, today, elsewhere),
        held_by=(
            tuple(team.holders(contact, network.settings, today))
            if team.is_team(network.settings)
            else None
        ),
    )


def contact_rows(
    network: Network,
    today: date,
    *,
    circle: str | None = None,
    tag: str | None = None,
    status: str | None = None,
    tier: str | None = None,
    sort: str | None = None,
    held_by: str | None = None,
) -> list[ContactRow]:
    rows = []
    seen = activity.seen_elsewhere(network.contacts)
    for slug, contact in network.contacts.items():
        if circle and circle not in contact.circles:
            continue
        if tag and tag not in contact.tags:
            continue
        if status and contact.status != status:
            continue
        row = row_for(network, slug, today, seen)
        if tier and row.tier != tier:
            continue
        if held_by and held_by not in (row.held_by or ()):
            continue
        rows.append(row)
    return sort_rows(rows, sort) if sort else rows


LIST_SORTS = ("score", "last-met", "name")


def sort_rows(rows: list[ContactRow], by: str) -> list[ContactRow]:
    """score: best first, unqualified last; last-met: never met first, then the longest
    unseen; name: alphabetical, ignoring case and accents. Ties keep slug order."""
    if by == "score":
        return sorted(rows, key=lambda r: (r.score is None, -(r.score or 0), r.slug))
    if by == "last-met":
        return sorted(rows, key=lambda r: (r.last_met is not None, r.last_met or date.min, r.slug))
    if by == "name":
        return sorted(rows, key=lambda r: (same_name_key(r.contact.name), r.slug))
    raise ValueError(f"unknown sort: {by}")


def shared_names(network: Network) -> set[str]:
    """The names two contacts of the network share: there, a narrow table adds the slug."""
    from reseau.cli.layout import namesakes

    return namesakes([contact.name for contact in network.contacts.values()])


def list_table(
    rows: list[ContactRow], today: date, screen: Screen, alike: set[str] | None = None
) -> list[str]:
    """The contacts: the slug column goes first when the terminal is narrow (then a name
    another contact shares shows its slug), the dates turn compact, then status, circles
    and the last touch go."""
    if not rows:
        return ["no contacts"]
    style = screen.style
    columns = [
        *_who_columns([row.slug for row in rows], [row.contact.name for row in rows], alike),
        Column("circles", [",".join(row.contact.circles) for row in rows], drop=7, wrap=True),
        Column("status", [row.contact.status for row in rows], drop=8),
        Column("score", ["" if row.score is None else str(row.score) for row in rows], right=True),
        Column("tier", [row.tier for row in rows], paint=style.tier),
        Column(
            "last met",
            [_iso(row.last_met) or "never" for row in rows],
            compact=[ago(row.last_met, today) for row in rows],
            paint=style.never,
        ),
        Column(
            "last touch",
            [_iso(row.last_contact) or "never" for row in rows],
            compact=[ago(row.last_contact, today) for row in rows],
            drop=6,
            paint=style.never,
        ),
        Column("cadence", [row.cadence.state for row in rows], paint=style.state),
    ]
    if any(row.held_by is not None for row in rows):  # a team network
        held = [",".join(row.held_by or ()) or "nobody" for row in rows]
        columns.append(Column("held by", held, drop=5))
    return [*table(columns, screen.width), f"{len(rows)} contacts"]


def contact_detail(network: Network, slug: str, today: date) -> dict[str, Any]:
    seen = activity.seen_elsewhere(network.contacts)
    row = row_for(network, slug, today, seen)
    elsewhere = activity.intros_naming(network.contacts).get(slug, set())
    within = network.settings.met_within_days
    data = row.contact.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return {
        "slug": slug,
        "file": network.contact_path(slug),
        **data,
        "computed": {
            "score": row.score,
            "tier": row.tier,
            "missing": scoring.missing_criteria(row.contact, network.settings),
            "last_met": _iso(row.last_met),
            "last_contact": _iso(row.last_contact),
            "stale": activity.is_stale(row.contact, today, within, seen.get(slug, ())),
            "cadence_days": row.cadence.days,
            "cadence": row.cadence.state,
            "due_on": _iso(row.cadence.due_on),
            "balance": activity.balance(row.contact, today, elsewhere),
            "next_dates": [
                {"label": label, "date": written, "next": day.isoformat(), "years": years}
                for label, written, day, years in _next_dates(row.contact, today)
            ],
            "open_promises": [
                {
                    "number": item.number,
                    "what": item.promise.what,
                    "by": item.promise.by.isoformat(),
                    "made": _iso(item.promise.made),
                    "late": item.promise.by < today,
                }
                for item in open_promises(row.contact)
            ],
            **figures(network, slug, today, elsewhere, seen.get(slug, ())),
            **_team_figures(network, row, today),
        },
    }


def _team_figures(network: Network, row: ContactRow, today: date) -> dict[str, Any]:
    """In a team network: who holds the relationship, and each member's part in it."""
    if row.held_by is None:
        return {}
    return {
        "held_by": list(row.held_by),
        "holders": [h.to_json() for h in team.holdings(row.contact, today)],
    }


def contact_card(detail: dict[str, Any]) -> list[str]:
    computed = detail["computed"]
    lines = [f"{clean(detail['name'])}  ({clean(detail['file'])})"]
    for key in ("company", "role", "city", "status", "since"):
        if detail.get(key):
            lines.append(f"  {key}: {clean(detail[key])}")
    for key in ("emails", "phones", "links", "circles", "tags"):
        if detail.get(key):
            lines.append(f"  {key}: {', '.join(clean(v) for v in detail[key])}")
    for when in computed["next_dates"]:
        years = f", {when['years']} years" if when["years"] is not None else ""
        label, written = clean(when["label"]), when["date"]
        lines.append(f"  {label}: {written} (next on {when['next']}{years})")
    score = "unqualified" if computed["score"] is None else f"{computed['score']}/100"
    lines.append(f"  score: {score}, tier {computed['tier']}")
    if computed["missing"] and computed["score"] is None:
        lines.append(f"  to qualify: {', '.join(computed['missing'])}")
    met = computed["last_met"] or "never"
    lines.append(f"  last met in person: {met}{'  (stale)' if computed['stale'] else ''}")
    lines.append(f"  last contact: {computed['last_contact'] or 'never'}")
    lines.append(f"  cadence: every {computed['cadence_days']} days, {computed['cadence']}")
    lines.append(f"  balance (last 365 days): {computed['balance']:+d}")
    lines.extend(_holder_lines(computed))
    lines.extend(_promise_lines(computed["open_promises"]))
    lines.extend(card_lines(computed))
    if detail.get("notes"):
        lines.append("  notes:")
        lines.extend(f"    {clean(line)}" for line in str(detail["notes"]).splitlines())
    return lines


def _next_dates(contact: Contact, today: date) -> list[tuple[str, str, date, int | None]]:
    """Each yearly date as written, and its next occurrence (today included), soonest first."""
    found = []
    for label, yearly in yearly_dates(contact):
        day = yearly.next_on_or_after(today)
        found.append((label, yearly.text(), day, yearly.years_on(day)))
    return sorted(found, key=lambda row: row[2])


def _holder_lines(computed: dict[str, Any]) -> list[str]:
    if "held_by" not in computed:
        return []
    held = ", ".join(clean(m) for m in computed["held_by"]) or "nobody"
    lines = [f"  held by: {held}"]
    for h in computed["holders"]:
        lines.append(
            f"    {clean(h['member'])}: last contact {h['last_contact'] or 'never'}, "
            f"last met in person {h['last_met'] or 'never'}, {h['positive']} positive"
        )
    return lines


def _promise_lines(found: list[dict[str, Any]]) -> list[str]:
    """The open promises, numbered as `reseau promise done WHO N` takes them."""
    if not found:
        return []
    lines = ["  open promises:"]
    for item in found:
        made = f", promised on {item['made']}" if item["made"] else ""
        late = "  (late)" if item["late"] else ""
        lines.append(f"    {item['number']}. {clean(item['what'])}: by {item['by']}{made}{late}")
    return lines


_TIMELINE_ROW = re.compile(r"    [0-9]{4}-[0-9]{2}-[0-9]{2} [* ]  ")
_TIMELINE_TEXT = 37  # where a timeline row's note starts: see method.timeline
_KEY = re.compile(r" *[^:]{1,24}: ")


def card_fitted(lines: list[str], screen: Screen) -> list[str]:
    """The card wrapped to the terminal, each line's continuation under its text (after the
    `key: ` or in the timeline's note column), then coloured: the tier, the cadence, stale."""
    fitted = []
    for line in lines:
        hang: int | None = None
        if _TIMELINE_ROW.match(line) or line.startswith(" " * _TIMELINE_TEXT):
            hang = _TIMELINE_TEXT
        elif key := _KEY.match(line):
            hang = len(key.group(0))
        fitted.extend(wrap_line(line, screen.width, hang))
    return [_painted(line, screen.style) for line in fitted]


def _painted(line: str, style: Style) -> str:
    if line.startswith("  score: "):
        head, _, tier = line.rpartition("tier ")
        return f"{head}tier {style.tier(tier)}" if head else line
    if line.startswith("  cadence: "):
        head, _, state = line.rpartition(", ")
        return f"{head}, {style.state(state)}"
    if line.endswith("  (stale)"):
        return line[: -len("(stale)")] + style.red("(stale)")
    return line


def outcome_lines(outcome: Outcome, settings: Settings) -> list[str]:
    before = score_text(outcome.before, settings)
    after = score_text(outcome.after, settings)
    lines = [
        f"qualified {clean(outcome.after.name)} ({clean(outcome.relpath)})",
        f"score: {before} -> {after}",
    ]
    missing = to_do(outcome.after, settings)
    if missing:
        lines.append(f"still to rate: {', '.join(missing)}")
    return lines


def outcome_json(outcome: Outcome, settings: Settings) -> dict[str, Any]:
    def figures(contact: Contact) -> dict[str, Any]:
        value = scoring.score(contact, settings)
        return {"score": value, "tier": scoring.tier_of(value, settings)}

    qualification = outcome.after.qualification or Qualification()
    return {
        "slug": outcome.slug,
        "file": outcome.relpath,
        "before": figures(outcome.before),
        "after": {**figures(outcome.after), "missing": to_do(outcome.after, settings)},
        "qualification": qualification.model_dump(mode="json", exclude_none=True),
    }


def to_qualify_table(
    rows: list[ToQualify], today: date, screen: Screen, alike: set[str] | None = None
) -> list[str]:
    if not rows:
        return ["every active contact is qualified, all within the last year"]
    columns = [
        *_who_columns([row.slug for row in rows], [row.contact.name for row in rows], alike),
        Column(
            "last met",
            [_iso(row.last_met) or "never" for row in rows],
            compact=[ago(row.last_met, today) for row in rows],
            paint=screen.style.never,
        ),
        Column("exchanges", [str(row.interactions) for row in rows], right=True, drop=7),
        Column(
            "qualified",
            [_qualified(row) for row in rows],
            compact=[_qualified(row, today) for row in rows],
            drop=6,
        ),
        Column("to rate", [_to_do_text(row.missing) for row in rows], wrap=True),
    ]
    count = len(rows)
    noun = "contact" if count == 1 else "contacts"
    summary = f"{count} active {noun} to qualify; `reseau qualify WHO` asks each criterion"
    return [*table(columns, screen.width), *wrap_line(summary, screen.width)]


def _who_columns(slugs: list[str], names: list[str], alike: set[str] | None) -> list[Column]:
    """Slug then name; a narrow terminal drops the slug first, and a name another contact
    shares then shows its slug."""
    return [
        Column("slug", slugs, drop=9),
        Column("name", names, instead={"slug": with_slug_for_namesakes(names, slugs, alike)}),
    ]


def _qualified(row: ToQualify, today: date | None = None) -> str:
    if row.qualified_on is None:
        return "undated" if row.contact.qualification else "never"
    return row.qualified_on.isoformat() if today is None else short_date(row.qualified_on, today)


def _to_do_text(missing: list[str]) -> str:
    if not missing:
        return "review"
    if len(missing) == 1 + len(CRITERIA):
        return "all"
    return ",".join(missing)


def stale_table(
    rows: list[StaleRow],
    active: int,
    within_days: int,
    today: date,
    screen: Screen,
    alike: set[str] | None = None,
) -> list[str]:
    if not rows:
        return [f"every active contact was met in person within the last {within_days} days"]
    style = screen.style
    columns = [
        *_who_columns([row.slug for row in rows], [row.contact.name for row in rows], alike),
        Column(
            "last met",
            [_iso(row.last_met) or "never" for row in rows],
            compact=[short_date(row.last_met, today) for row in rows],
            paint=style.never,
        ),
        Column("days", ["" if row.days is None else str(row.days) for row in rows], right=True),
        Column(
            "last touch",
            [_iso(row.last_contact) or "never" for row in rows],
            compact=[ago(row.last_contact, today) for row in rows],
            drop=7,
            paint=style.never,
        ),
        Column("score", ["" if row.score is None else str(row.score) for row in rows], right=True),
        Column("tier", [row.tier for row in rows], paint=style.tier),
    ]
    summary = f"{len(rows)} of {active} active contacts not met in person within {within_days} days"
    return [*table(columns, screen.width), *wrap_line(summary, screen.width)]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
