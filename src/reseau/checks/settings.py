"""Rules on reseau.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from reseau.checks.base import Where
from reseau.files.folder import SETTINGS_FILE
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
            "the weights add up to 0; give at least one criterion a positive weight",
            "weights-sum",
        )
    if scoring.tiers.A < scoring.tiers.B:
        yield where.problem(
            SETTINGS_FILE,
            ("scoring", "tiers"),
            f"tier A's threshold ({scoring.tiers.A}) is below tier B's ({scoring.tiers.B})",
            "tiers-order",
        )
