"""Cross-file rules: each module has an ID and a `check(network, where)` yielding problems."""

from __future__ import annotations

from reseau.checks import contacts, duplicates, git, plans, settings, team
from reseau.checks.base import Where
from reseau.files.problems import Problem, sort_problems
from reseau.files.store import Network

RULES = (
    settings.check_scoring,
    settings.check_language,
    contacts.check_slugs,
    contacts.check_circles,
    contacts.check_with,
    contacts.check_territories,
    duplicates.check_duplicates,
    contacts.check_dunbar,
    plans.check_plans,
    git.check_merge_driver,
    team.check_members,
)


def check_network(network: Network) -> list[Problem]:
    """The problems of every file (those found while loading, then the cross-file rules)."""
    where = Where(network.root)
    found = list(network.problems)
    for rule in RULES:
        found.extend(rule(network, where))
    return sort_problems(found)
