"""Rules across contact files: names, circles, references, territories, size."""

from __future__ import annotations

from collections.abc import Iterator

from reseau.checks.base import Where, did_you_mean, has_settings
from reseau.files.folder import SETTINGS_FILE
from reseau.files.i18n import _
from reseau.files.problems import Problem, Severity
from reseau.files.slugs import is_valid_slug
from reseau.files.store import Network


def check_slugs(network: Network, where: Where) -> Iterator[Problem]:
    for slug in network.contacts:
        if not is_valid_slug(slug):
            yield Problem(
                network.contact_path(slug),
                0,
                "",
                _("the file name is not a slug (lower-case letters, digits, dashes); rename it"),
                "slug",
            )


def check_circles(network: Network, where: Where) -> Iterator[Problem]:
    """Also on files that failed to validate, so that one run tells every problem."""
    if not has_settings(network):
        return
    objectives = network.settings.objectives
    for relpath, circles in _circles_by_file(network):
        for index, circle in enumerate(circles):
            if isinstance(circle, str) and circle not in objectives:
                hint = did_you_mean(circle, objectives) or _(
                    "; add it to objectives in reseau.yaml"
                )
                yield where.problem(
                    relpath,
                    ("circles", index),
                    _("'{circle}' is not an objective of reseau.yaml{hint}").format(
                        circle=circle, hint=hint
                    ),
                    "unknown-circle",
                )


def _circles_by_file(network: Network) -> Iterator[tuple[str, list[object]]]:
    for slug, contact in network.contacts.items():
        yield network.contact_path(slug), list(contact.circles)
    for relpath, data in network.unvalidated.items():
        circles = data.get("circles")
        if relpath.startswith("contacts/") and isinstance(circles, list):
            yield relpath, circles


def check_with(network: Network, where: Where) -> Iterator[Problem]:
    for slug, contact in network.contacts.items():
        for position, interaction in enumerate(contact.interactions):
            for index, other in enumerate(interaction.with_):
                if not network.has_contact_file(other):
                    yield where.problem(
                        network.contact_path(slug),
                        ("interactions", position, "with", index),
                        _("no contact '{slug}'{hint}").format(
                            slug=other, hint=did_you_mean(other, network.contacts)
                        ),
                        "unknown-contact",
                    )


def check_territories(network: Network, where: Where) -> Iterator[Problem]:
    if not has_settings(network):
        return
    territories = network.settings.territories
    for slug, contact in network.contacts.items():
        influence = contact.qualification.influence if contact.qualification else {}
        for territory in influence:
            if territory not in territories:
                hint = did_you_mean(territory, territories) or _(
                    "; add it to territories in reseau.yaml"
                )
                yield where.problem(
                    network.contact_path(slug),
                    ("qualification", "influence", territory),
                    _("'{territory}' is not a territory of reseau.yaml{hint}").format(
                        territory=territory, hint=hint
                    ),
                    "unknown-territory",
                    Severity.WARNING,
                )


def check_dunbar(network: Network, where: Where) -> Iterator[Problem]:
    if not has_settings(network):
        return
    active = sum(1 for contact in network.contacts.values() if contact.is_active)
    limit = network.settings.dunbar_limit
    if active > limit:
        yield Problem(
            SETTINGS_FILE,
            where.line(SETTINGS_FILE, ("dunbar_limit",)),
            "dunbar_limit",
            _("{active} active contacts, over the limit of {limit}: make some dormant").format(
                active=active, limit=limit
            ),
            "dunbar",
            Severity.WARNING,
        )
