"""What `list`, `show`, `stale` and `qualify` print: one result object, as text or as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reseau.cli.render import table
from reseau.files.model import CRITERIA, Contact, Qualification, Settings
from reseau.files.slugs import same_name_key
from reseau.files.store import Network
from reseau.files.text import clean
from reseau.method import activity, scoring
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

    def to_json(self) -> dict[str, Any]:
        c = self.contact
        return {
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


def list_table(rows: list[ContactRow]) -> list[str]:
    if not rows:
        return ["no contacts"]
    headers = [
        "slug",
        "name",
        "circles",
        "status",
        "score",
        "tier",
        "last met",
        "last touch",
        "cadence",
    ]
    body = [
        [
            row.slug,
            row.contact.name,
            ",".join(row.contact.circles),
            row.contact.status,
            "" if row.score is None else str(row.score),
            row.tier,
            _iso(row.last_met) or "never",
            _iso(row.last_contact) or "never",
            row.cadence.state,
        ]
        for row in rows
    ]
    return [*table(headers, body, numeric=[4]), f"{len(rows)} contacts"]


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
        },
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


def to_qualify_table(rows: list[ToQualify]) -> list[str]:
    if not rows:
        return ["every active contact is qualified, all within the last year"]
    headers = ["slug", "name", "last met", "exchanges", "qualified", "to rate"]
    body = [
        [
            row.slug,
            row.contact.name,
            _iso(row.last_met) or "never",
            str(row.interactions),
            _iso(row.qualified_on) or ("undated" if row.contact.qualification else "never"),
            _to_do_text(row.missing),
        ]
        for row in rows
    ]
    count = len(rows)
    noun = "contact" if count == 1 else "contacts"
    summary = f"{count} active {noun} to qualify; `reseau qualify WHO` asks each criterion"
    return [*table(headers, body, numeric=[3]), summary]


def _to_do_text(missing: list[str]) -> str:
    if not missing:
        return "review"
    if len(missing) == 1 + len(CRITERIA):
        return "all"
    return ",".join(missing)


def stale_table(rows: list[StaleRow], active: int, within_days: int) -> list[str]:
    if not rows:
        return [f"every active contact was met in person within the last {within_days} days"]
    headers = ["slug", "name", "last met", "days", "last touch", "score", "tier"]
    body = [
        [
            row.slug,
            row.contact.name,
            _iso(row.last_met) or "never",
            "" if row.days is None else str(row.days),
            _iso(row.last_contact) or "never",
            "" if row.score is None else str(row.score),
            row.tier,
        ]
        for row in rows
    ]
    summary = f"{len(rows)} of {active} active contacts not met in person within {within_days} days"
    return [*table(headers, body, numeric=[3, 5]), summary]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
