"""reseau add, list, show."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import say, warn
from reseau.cli.state import State, state_of
from reseau.files.i18n import _

if TYPE_CHECKING:
    from reseau.cli.palette import Screen
    from reseau.files.store import Network

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person's name, as you write it.")],
    email: Annotated[
        list[str] | None, typer.Option("--email", help="An e-mail (repeat for more).")
    ] = None,
    phone: Annotated[
        list[str] | None, typer.Option("--phone", help="A phone number, kept as written.")
    ] = None,
    company: Annotated[str | None, typer.Option("--company", help="Where they work.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="Their job or title.")] = None,
    city: Annotated[str | None, typer.Option("--city", help="Where they are based.")] = None,
    circle: Annotated[
        list[str] | None,
        typer.Option("--circle", help="An objective of reseau.yaml (repeat for more)."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="A free label (repeat for more).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="When you first met: YYYY-MM-DD, yesterday, 3 days ago, friday...; "
            "not after today.",
        ),
    ] = None,
    link: Annotated[
        list[str] | None,
        typer.Option("--link", help="A web page: a profile, a site (repeat for more)."),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option("--slug", help="The file name to use, instead of one from the name."),
    ] = None,
    same_name: Annotated[
        bool, typer.Option("--same-name", help="Add a namesake: a different person, same name.")
    ] = False,
) -> None:
    """Add a contact: writes contacts/<slug>.yaml."""
    from reseau.actions.add import NewContact, add_contact
    from reseau.files.text import clean

    state = state_of(ctx)
    new = NewContact(
        name=name.strip(),
        emails=email or [],
        phones=[p.strip() for p in phone or []],
        company=company,
        role=role,
        city=city,
        links=link or [],
        circles=circle or [],
        tags=tag or [],
        since=_since(since, state.today),
    )
    chosen, _contact = add_contact(state.root(), new, slug=slug, same_name=same_name)
    say(_("created contacts/{value}.yaml").format(value=clean(chosen)))


def list_contacts(
    ctx: typer.Context,
    circle: Annotated[str | None, typer.Option("--circle", help="Only this circle.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only this tag.")] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="active, dormant or archived.")
    ] = None,
    tier: Annotated[
        str | None, typer.Option("--tier", help="Only this tier: A, B, C or ? (unqualified).")
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="score|last-met|name",
            help="Best score first; never or longest unmet first; by name. Default: by slug.",
        ),
    ] = None,
    held_by: Annotated[
        str | None,
        typer.Option("--held-by", metavar="MEMBER", help="In a team: the contacts they hold."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The table of contacts."""
    from reseau.cli.filters import check_status
    from reseau.cli.palette import Screen
    from reseau.cli.remembered import remembered_output

    check_status(status)
    chosen_tier, chosen_sort = _tier(tier), _sort(sort)
    state = state_of(ctx)
    screen = None if as_json else Screen.stdout()
    shown = (circle, tag, status, chosen_tier, chosen_sort, held_by)
    parts = (*shown, as_json, screen and (screen.width, screen.style.enabled))

    def produce(network: Network) -> str:
        return _list_output(network, state.today, shown, screen)

    sys.stdout.write(remembered_output(state, "list", parts, produce))


def _list_output(
    network: Network,
    today: date,
    shown: tuple[str | None, str | None, str | None, str | None, str | None, str | None],
    screen: Screen | None,
) -> str:
    """The table, or JSON without a screen to fit."""
    from reseau.cli.filters import check_circle
    from reseau.cli.render import to_json
    from reseau.cli.views import contact_rows, list_table, shared_names

    circle, tag, status, tier, sort, held_by = shown
    check_circle(circle, network)
    if held_by is not None:
        from reseau.files.team import known_member

        known_member(held_by, network.settings.members, "--held-by")
    rows = contact_rows(
        network,
        today,
        circle=circle,
        tag=tag,
        status=status,
        tier=tier,
        sort=sort,
        held_by=held_by,
    )
    if screen is None:
        return to_json([row.to_json() for row in rows]) + "\n"
    return "".join(line + "\n" for line in list_table(rows, today, screen, shared_names(network)))


def show(
    ctx: typer.Context,
    who: Annotated[str, typer.Argument(help="A slug, a unique prefix of one, or part of a name.")],
    as_json: JsonOption = False,
) -> None:
    """One contact, with what reseau computes about them."""
    from reseau.cli.palette import Screen
    from reseau.cli.remembered import remembered

    state = state_of(ctx)
    screen = None if as_json else Screen.stdout()
    parts = (who, as_json, screen and (screen.width, screen.style.enabled))

    def compute() -> tuple[str, list[str]]:
        from reseau.cli.render import to_json
        from reseau.cli.views import card_fitted, contact_card, contact_detail

        network, slug, warnings = _around(state, who)
        detail = contact_detail(network, slug, state.today)
        if screen is None:
            return to_json(detail) + "\n", warnings
        return "".join(line + "\n" for line in card_fitted(contact_card(detail), screen)), warnings

    sys.stdout.write(remembered(state, "show", parts, compute, said=True))


def _around(state: State, who: str) -> tuple[Network, str, list[str]]:
    """WHO, what `show` computes from, and the read's warnings (said here): when the file
    names say who, only the contacts linked to them are read (see load_around); otherwise
    the whole folder."""
    from reseau.files.store import load_around, load_network, load_warnings
    from reseau.files.text import clean
    from reseau.files.who import InvalidContactError, by_file_name, find_contact

    root = state.root()
    slug = by_file_name(root, who)
    network = load_network(root) if slug is None else load_around(root, slug)
    warnings = [clean(line, multiline=True) for line in load_warnings(network)]
    for line in warnings:
        warn(line)
    if slug is None:
        return network, find_contact(network, who), warnings
    if slug not in network.contacts:
        raise InvalidContactError(network, slug)
    return network, slug, warnings


def _tier(value: str | None) -> str | None:
    if value is None:
        return None
    from reseau.method.scoring import TIERS

    tier = value.strip().upper()
    if tier not in TIERS:
        raise typer.BadParameter(
            _("'{value}' is not a tier; use A, B, C or ?").format(value=value), param_hint="--tier"
        )
    return tier


def _sort(value: str | None) -> str | None:
    from reseau.cli.views import LIST_SORTS

    if value is None or value in LIST_SORTS:
        return value
    raise typer.BadParameter(
        _("'{value}' is not a sort; use score, last-met or name").format(value=value),
        param_hint="--sort",
    )


def _since(value: str | None, today: date) -> date | None:
    from reseau.cli.dates import FIRST_MEETING, date_option

    return None if value is None else date_option(value, today, "--since", past=FIRST_MEETING)
