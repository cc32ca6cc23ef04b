"""What `list`, `show`, `stale` and `qualify` print: one result object, as text or as JSON."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reseau.cli.layout import Column, ago, short_date, table, with_slug_for_namesakes, wrap_line
from reseau.cli.palette import Screen, Style
from reseau.files import labels
from reseau.files.i18n import N_, _, ngettext, pgettext
from reseau.files.localized import number
from reseau.files.model import CRITERIA, Contact, Qualification, Settings, plain
from reseau.files.slugs import same_name_key
from reseau.files.store import Network
from reseau.files.text import clean
from reseau.method import activity, scoring, team
from reseau.method.occasions import BIRTHDAY, yearly_dates
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
    and the last touch go; the score goes last, the tier says it roughly."""
    if not rows:
        return [_("no contacts")]
    style = screen.style
    columns = [
        *_who_columns([row.slug for row in rows], [row.contact.name for row in rows], alike),
        Column(
            "circles",
            _("circles"),
            [",".join(row.contact.circles) for row in rows],
            drop=7,
            wrap=True,
        ),
        Column("status", _("status"), [labels.status(row.contact.status) for row in rows], drop=8),
        _score_column([row.score for row in rows], drop=1),
        _tier_column([row.tier for row in rows], style),
        _last_met_column([row.last_met for row in rows], today, style),
        _last_touch_column([row.last_contact for row in rows], today, style, drop=6),
        Column(
            "cadence",
            _("cadence"),
            [labels.cadence(row.cadence.state) for row in rows],
            paint=style.state,
            values=[row.cadence.state for row in rows],
        ),
    ]
    if any(row.held_by is not None for row in rows):  # a team network
        held = [",".join(row.held_by or ()) or _("nobody") for row in rows]
        columns.append(Column("held by", _("held by"), held, drop=5))
    count = ngettext("{count} contact", "{count} contacts", len(rows))
    return [*table(columns, screen.width), count.format(count=number(len(rows)))]


def _score_column(scores: list[int | None], drop: int = 0) -> Column:
    cells = ["" if score is None else str(score) for score in scores]
    return Column("score", _("score"), cells, right=True, drop=drop)


def _tier_column(tiers: list[str], style: Style) -> Column:
    """The tiers read the same in every language (A, B, C, ?): `--tier` takes them."""
    return Column("tier", _("tier"), tiers, paint=style.tier)


def _last_met_column(days: list[date | None], today: date, style: Style) -> Column:
    header = pgettext("compact header", "last met")
    return _days_column("last met", _("last met"), header, days, today, style)


def _last_touch_column(days: list[date | None], today: date, style: Style, drop: int) -> Column:
    header = pgettext("compact header", "last touch")
    return _days_column("last touch", _("last touch"), header, days, today, style, drop)


def _days_column(
    key: str,
    label: str,
    compact_header: str,
    days: list[date | None],
    today: date,
    style: Style,
    drop: int = 0,
) -> Column:
    """A date per contact, or `never`: the ISO date when wide, how long ago when compact."""
    return Column(
        key,
        label,
        [_iso(day) or _("never") for day in days],
        compact=[ago(day, today) for day in days],
        compact_header=compact_header,
        drop=drop,
        paint=style.never,
        values=_never_values(days),
    )


def _never_values(days: list[date | None]) -> list[str]:
    """What the palette dims: the cells that say never, in any language."""
    return ["never" if day is None else day.isoformat() for day in days]


def contact_detail(network: Network, slug: str, today: date) -> dict[str, Any]:
    seen = activity.seen_elsewhere(network.contacts)
    row = row_for(network, slug, today, seen)
    elsewhere = activity.intros_in(seen.get(slug, ()))
    within = network.settings.met_within_days
    data = plain(row.contact, mode="json", by_alias=True, exclude_defaults=True)
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


@dataclass(frozen=True, slots=True)
class CardLine:
    """A line of `show`'s card; `tail`, the word ending it that the palette colours (a tier,
    a cadence, stale), and `hang`, the column its wrapped lines start at (by default, after
    its `key: `)."""

    text: str
    tail: str = ""
    paint: Callable[[Style, str], str] | None = None
    hang: int | None = None


def contact_card(detail: dict[str, Any]) -> list[CardLine]:
    computed = detail["computed"]
    lines = [CardLine(f"{clean(detail['name'])}  ({clean(detail['file'])})")]
    for key, label in _CARD_FIELDS.items():
        if not detail.get(key):
            continue
        value = clean(detail[key])
        if isinstance(detail[key], list):
            value = ", ".join(clean(v) for v in detail[key])
        elif key == "status":
            value = labels.status(value)
        lines.append(CardLine(_field(_(label), value)))
    for when in computed["next_dates"]:
        lines.append(CardLine(_next_date_line(when)))
    lines.append(_score_line(computed))
    if computed["missing"] and computed["score"] is None:
        missing = ", ".join(labels.criterion(c) for c in computed["missing"])
        lines.append(CardLine(_field(_("to qualify"), missing)))
    lines.extend(_meeting_lines(computed))
    lines.extend(CardLine(line) for line in _holder_lines(computed))
    lines.extend(CardLine(line) for line in _promise_lines(computed["open_promises"]))
    lines.extend(CardLine(line, hang=hang) for line, hang in card_lines(computed))
    if detail.get("notes"):
        lines.append(CardLine("  " + _("notes:")))
        lines.extend(CardLine(f"    {clean(line)}") for line in str(detail["notes"]).splitlines())
    return lines


# The fields of a contact the card shows, in this order, with their labels.
_CARD_FIELDS = {
    "company": N_("company"),
    "role": N_("role"),
    "city": N_("city"),
    "status": N_("status"),
    "since": N_("since"),
    "emails": N_("emails"),
    "phones": N_("phones"),
    "links": N_("links"),
    "circles": N_("circles"),
    "tags": N_("tags"),
}


def _field(label: str, value: str) -> str:
    """`  company: Acme` (`  entreprise : Acme`)."""
    return "  " + _("{label}: {value}").format(label=label, value=value)


def _next_date_line(when: dict[str, Any]) -> str:
    label = _("birthday") if when["label"] == BIRTHDAY else clean(when["label"])
    if when["years"] is None:
        text = _("{date} (next on {next})")
    else:
        text = ngettext(
            "{date} (next on {next}, {years} year)",
            "{date} (next on {next}, {years} years)",
            when["years"],
        )
    return _field(label, text.format(date=when["date"], next=when["next"], years=when["years"]))


def _score_line(computed: dict[str, Any]) -> CardLine:
    tier = computed["tier"]
    if computed["score"] is None:
        text = _("unqualified, tier {tier}").format(tier=tier)
    else:
        text = _("{score}/100, tier {tier}").format(score=computed["score"], tier=tier)
    return CardLine(_field(_("score"), text), tier, lambda style, shown: style.tier(shown, tier))


def _meeting_lines(computed: dict[str, Any]) -> list[CardLine]:
    never = _("never")
    met = _field(_("last met in person"), computed["last_met"] or never)
    stale = _("(stale)")
    lines = [
        CardLine(f"{met}  {stale}", stale, lambda style, shown: style.red(shown))
        if computed["stale"]
        else CardLine(met),
        CardLine(_field(_("last contact"), computed["last_contact"] or never)),
    ]
    state = computed["cadence"]
    shown = labels.cadence(state)
    every = ngettext(
        "every {days} day, {state}", "every {days} days, {state}", computed["cadence_days"]
    )
    text = every.format(days=computed["cadence_days"], state=shown)
    lines.append(
        CardLine(_field(_("cadence"), text), shown, lambda style, word: style.state(word, state))
    )
    balance = _("balance (last 365 days)")
    lines.append(CardLine(_field(balance, f"{computed['balance']:+d}")))
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
    held = ", ".join(clean(m) for m in computed["held_by"]) or _("nobody")
    lines = [_field(_("held by"), held)]
    never = _("never")
    for h in computed["holders"]:
        part = ngettext(
            "last contact {contact}, last met in person {met}, {positive} positive",
            "last contact {contact}, last met in person {met}, {positive} positive",
            h["positive"],
        ).format(
            contact=h["last_contact"] or never, met=h["last_met"] or never, positive=h["positive"]
        )
        lines.append("  " + _field(clean(h["member"]), part))
    return lines


def _promise_lines(found: list[dict[str, Any]]) -> list[str]:
    """The open promises, numbered as `reseau promise done WHO N` takes them."""
    if not found:
        return []
    lines = ["  " + _("open promises:")]
    for item in found:
        made = _("{what}: by {by}, promised on {made}")
        text = made if item["made"] else _("{what}: by {by}")
        line = text.format(what=clean(item["what"]), by=item["by"], made=item["made"])
        late = "  " + _("(late)") if item["late"] else ""
        lines.append(f"    {item['number']}. {line}{late}")
    return lines


_KEY = re.compile(r" *[^:]{1,24}: ")


def card_fitted(lines: list[CardLine], screen: Screen) -> list[str]:
    """The card wrapped to the terminal, each line's continuation under its text (after the
    `key: ` or in the timeline's note column), then coloured: the tier, the cadence, stale."""
    fitted = []
    for line in lines:
        hang = line.hang
        if hang is None and (key := _KEY.match(line.text)):
            hang = len(key.group(0))
        wrapped = wrap_line(line.text, screen.width, hang)
        if line.paint is not None and line.tail and wrapped[-1].endswith(line.tail):
            last = wrapped[-1][: -len(line.tail)]
            wrapped[-1] = last + line.paint(screen.style, line.tail)
        fitted.extend(wrapped)
    return fitted


def outcome_lines(outcome: Outcome, settings: Settings) -> list[str]:
    before = score_text(outcome.before, settings)
    after = score_text(outcome.after, settings)
    name, path = clean(outcome.after.name), clean(outcome.relpath)
    lines = [
        _("qualified {name} ({path})").format(name=name, path=path),
        _("score: {before} -> {after}").format(before=before, after=after),
    ]
    missing = to_do(outcome.after, settings)
    if missing:
        rate = ", ".join(labels.criterion(c) for c in missing)
        lines.append(_("still to rate: {criteria}").format(criteria=rate))
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
        "qualification": plain(qualification, mode="json", exclude_none=True),
    }


def to_qualify_table(
    rows: list[ToQualify], today: date, screen: Screen, alike: set[str] | None = None
) -> list[str]:
    if not rows:
        return [_("every active contact is qualified, all within the last year")]
    columns = [
        *_who_columns([row.slug for row in rows], [row.contact.name for row in rows], alike),
        _last_met_column([row.last_met for row in rows], today, screen.style),
        Column(
            "exchanges",
            _("exchanges"),
            [number(row.interactions) for row in rows],
            right=True,
            drop=7,
        ),
        Column(
            "qualified",
            _("qualified"),
            [_qualified(row) for row in rows],
            compact=[_qualified(row, today) for row in rows],
            drop=6,
        ),
        Column("to rate", _("to rate"), [_to_do_text(row.missing) for row in rows], wrap=True),
    ]
    summary = ngettext(
        "{count} active contact to qualify; `reseau qualify WHO` asks each criterion",
        "{count} active contacts to qualify; `reseau qualify WHO` asks each criterion",
        len(rows),
    ).format(count=number(len(rows)))
    return [*table(columns, screen.width), *wrap_line(summary, screen.width)]


def _who_columns(slugs: list[str], names: list[str], alike: set[str] | None) -> list[Column]:
    """Slug then name; a narrow terminal drops the slug first, and a name another contact
    shares then shows its slug."""
    return [
        Column("slug", _("slug"), slugs, drop=9),
        Column(
            "name",
            _("name"),
            names,
            instead={"slug": with_slug_for_namesakes(names, slugs, alike)},
        ),
    ]


def _qualified(row: ToQualify, today: date | None = None) -> str:
    if row.qualified_on is None:
        return _("undated") if row.contact.qualification else _("never")
    return row.qualified_on.isoformat() if today is None else short_date(row.qualified_on, today)


def _to_do_text(missing: list[str]) -> str:
    if not missing:
        return _("review")
    if len(missing) == 1 + len(CRITERIA):
        return pgettext("criteria", "all")
    return ",".join(labels.criterion(c) for c in missing)


def stale_table(
    rows: list[StaleRow],
    active: int,
    within_days: int,
    today: date,
    screen: Screen,
    alike: set[str] | None = None,
) -> list[str]:
    if not rows:
        return [
            ngettext(
                "every active contact was met in person within the last {days} day",
                "every active contact was met in person within the last {days} days",
                within_days,
            ).format(days=number(within_days))
        ]
    style = screen.style
    last_met = [row.last_met for row in rows]
    columns = [
        *_who_columns([row.slug for row in rows], [row.contact.name for row in rows], alike),
        Column(
            "last met",
            _("last met"),
            [_iso(day) or _("never") for day in last_met],
            compact=[short_date(day, today) for day in last_met],
            paint=style.never,
            values=_never_values(last_met),
        ),
        Column(
            "days",
            _("days"),
            ["" if row.days is None else str(row.days) for row in rows],
            right=True,
        ),
        _last_touch_column([row.last_contact for row in rows], today, style, drop=7),
        _score_column([row.score for row in rows]),
        _tier_column([row.tier for row in rows], style),
    ]
    summary = ngettext(
        "{count} of {active} active contacts not met in person within {days} days",
        "{count} of {active} active contacts not met in person within {days} days",
        len(rows),
    ).format(count=number(len(rows)), active=number(active), days=number(within_days))
    return [*table(columns, screen.width), *wrap_line(summary, screen.width)]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
