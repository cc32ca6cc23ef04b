"""How the file format's enumerated values read in the language in use, for text output.

A French user writes `kind: meeting` and `status: active`, and reads `rencontre` and `actif`
in the tables and on `show`'s page: the files, `--json` and the exports keep the values as
the format says (see README, "Languages"). A value the format does not know is shown as is.
The tiers (A, B, C and ? for unqualified) read the same in every language: `--tier` takes them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from reseau.files.i18n import language, pgettext


def _words(table: Callable[[], dict[str, str]]) -> Callable[[str], str]:
    """The label of a value, each language's table built once."""

    @cache
    def built(code: str) -> dict[str, str]:
        return table()

    def label(value: str) -> str:
        return built(language()).get(value, value)

    label.__doc__ = table.__doc__
    return label


@_words
def status() -> dict[str, str]:
    """A contact's status."""
    return {
        "active": pgettext("status", "active"),
        "dormant": pgettext("status", "dormant"),
        "archived": pgettext("status", "archived"),
    }


@_words
def kind() -> dict[str, str]:
    """The kind of an interaction."""
    return {
        "meeting": pgettext("kind", "meeting"),
        "meal": pgettext("kind", "meal"),
        "event": pgettext("kind", "event"),
        "call": pgettext("kind", "call"),
        "video": pgettext("kind", "video"),
        "message": pgettext("kind", "message"),
        "email": pgettext("kind", "email"),
        "intro": pgettext("kind", "intro"),
        "invite": pgettext("kind", "invite"),
        "service": pgettext("kind", "service"),
    }


@_words
def tone() -> dict[str, str]:
    """The tone of an interaction."""
    return {
        "positive": pgettext("tone", "positive"),
        "neutral": pgettext("tone", "neutral"),
        "negative": pgettext("tone", "negative"),
    }


@_words
def cadence() -> dict[str, str]:
    """Where a contact stands in its keep-in-touch rhythm."""
    return {
        "ok": pgettext("cadence", "ok"),
        "due": pgettext("cadence", "due"),
        "late": pgettext("cadence", "late"),
    }


@_words
def plan_state() -> dict[str, str]:
    """The state of a plan item."""
    return {
        "done": pgettext("plan item", "done"),
        "late": pgettext("plan item", "late"),
        "this week": pgettext("plan item", "this week"),
        "later": pgettext("plan item", "later"),
    }


@_words
def section() -> dict[str, str]:
    """A section of a quarter's plan."""
    return {
        "meet": pgettext("plan section", "meet"),
        "animate": pgettext("plan section", "animate"),
        "reputation": pgettext("plan section", "reputation"),
    }


@_words
def criterion() -> dict[str, str]:
    """A criterion of the qualification, or its nature."""
    return {
        "nature": pgettext("criterion", "nature"),
        "strength": pgettext("criterion", "strength"),
        "sharing": pgettext("criterion", "sharing"),
        "influence": pgettext("criterion", "influence"),
        "pleasure": pgettext("criterion", "pleasure"),
        "efficiency": pgettext("criterion", "efficiency"),
    }
