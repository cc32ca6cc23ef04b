"""Rules on reseau.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from reseau.checks.base import Where, did_you_mean
from reseau.files import i18n
from reseau.files.folder import SETTINGS_FILE
from reseau.files.i18n import _
from reseau.files.problems import Problem
from reseau.files.store import Network


def check_scoring(network: Network, where: Where) -> Iterator[Problem]:
    scoring = network.settings.scoring
    if SETTINGS_FILE in network.skipped:
        return
    if scoring.weights.total <= 0:
        yield where.problem(
            SETTINGS_FILE,
            ("scoring", "weights"),
            _("the weights add up to 0; give at least one criterion a positive weight"),
            "weights-sum",
        )
    if scoring.tiers.A < scoring.tiers.B:
        yield where.problem(
            SETTINGS_FILE,
            ("scoring", "tiers"),
            _("tier A's threshold ({a}) is below tier B's ({b})").format(
                a=scoring.tiers.A, b=scoring.tiers.B
            ),
            "tiers-order",
        )


def check_language(network: Network, where: Where) -> Iterator[Problem]:
    """`language:` names a language reseau speaks, on a line of its own where start-up
    reads it (before any YAML parser is loaded)."""
    wanted = network.settings.language
    if SETTINGS_FILE in network.skipped or wanted is None:
        return
    code = i18n.language_code(wanted)
    if code not in i18n.LANGUAGES:
        yield where.problem(
            SETTINGS_FILE,
            ("language",),
            _("'{wanted}' is not a language reseau speaks ({known}){hint}").format(
                wanted=wanted,
                known=", ".join(i18n.LANGUAGES),
                hint=did_you_mean(wanted.lower(), i18n.LANGUAGES),
            ),
            "language",
        )
    elif i18n.settings_language(network.root) != wanted:
        yield where.problem(
            SETTINGS_FILE,
            ("language",),
            _("write it on a line of its own at the top of the file (language: {wanted})").format(
                wanted=wanted
            ),
            "language-line",
        )
