"""Every rule of `reseau check`, in one list, and what runs them."""

from __future__ import annotations

from reseau.checks import contacts, duplicates, git, plans, settings, team
from reseau.checks.base import Where
from reseau.files.problems import Problem, sort_problems
from reseau.files.store import Network

# What the folder's files alone decide: `check` may remember these while no file changes.
FOLDER_RULES = (
    settings.check_scoring,
    settings.check_language,
    contacts.check_slugs,
    contacts.check_circles,
    contacts.check_with,
    contacts.check_territories,
    duplicates.check_duplicates,
    contacts.check_dunbar,
    plans.check_plans,
    team.check_members,
)


def check_network(network: Network) -> list[Problem]:
    """The problems of every file (those found while loading, then the cross-file rules)."""
    return sort_problems([*folder_problems(network), *git.check_merge_driver(network.root)])


def folder_problems(network: Network) -> list[Problem]:
    """The problems the folder's files decide: found while loading, then across files."""
    where = Where(network.root)
    found = list(network.problems)
    for rule in FOLDER_RULES:
        found.extend(rule(network, where))
    return found
