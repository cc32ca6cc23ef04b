"""The questions `reseau qualify WHO` asks in a terminal, one criterion at a time.

Pure: it talks through two functions, `ask` (show a prompt, return the line typed, raise
EOFError at the end of input) and `tell` (show a line), so tests feed it answers.
"""

from __future__ import annotations

from collections.abc import Callable

from reseau.actions.qualify import LEVELS, Answers
from reseau.files.model import NATURES, Contact, Qualification, Settings
from reseau.files.text import clean

Ask = Callable[[str], str]
Tell = Callable[[str], None]

LEVEL_MEANINGS: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "strength": (
        "how strong the tie is",
        ("barely know each other", "acquaintance", "good relationship", "close, trusted"),
    ),
    "sharing": (
        "do they open their own network to you",
        ("never", "rarely, when asked", "readily, when asked", "spontaneously"),
    ),
    "influence": (
        "their weight in this territory",
        ("none", "known there", "listened to", "sways decisions"),
    ),
    "pleasure": (
        "how much you enjoy the exchange",
        ("a chore", "neutral", "pleasant", "a real pleasure"),
    ),
    "efficiency": (
        "what the exchange brings",
        ("nothing", "now and then", "often something useful", "always something concrete"),
    ),
}


def interview(contact: Contact, relpath: str, settings: Settings, ask: Ask, tell: Tell) -> Answers:
    """Each criterion in turn, the current value as the default: Enter keeps it."""
    current = contact.qualification or Qualification()
    tell(f"Qualifying {clean(contact.name)} ({clean(relpath)}).")
    tell("Enter keeps the value in brackets; Ctrl-C stops without writing anything.")
    return Answers(
        nature=ask_nature(current.nature, ask, tell),
        strength=ask_level("strength", "strength", current.strength, ask, tell),
        sharing=ask_level("sharing", "sharing", current.sharing, ask, tell),
        influence=ask_influence(current, settings, ask, tell),
        pleasure=ask_level("pleasure", "pleasure", current.pleasure, ask, tell),
        efficiency=ask_level("efficiency", "efficiency", current.efficiency, ask, tell),
    )


def ask_nature(current: str | None, ask: Ask, tell: Tell) -> str | None:
    """The nature of the link, by its number or its name (a unique start of it will do)."""
    tell("nature of the link:")
    choices = [f"{number} {name}" for number, name in enumerate(NATURES, start=1)]
    tell("  " + "  ".join(choices[:8]))
    tell("  " + "  ".join(choices[8:]))
    while True:
        typed = ask(f"nature [{current or 'none'}]: ").strip().lower()
        if not typed:
            return None
        chosen = _nature_of(typed)
        if chosen:
            return chosen
        tell(f"  '{clean(typed)}' is not in the list; type its number or its name")


def _nature_of(typed: str) -> str | None:
    from reseau.method.qualification import natures_named

    named = natures_named(typed)
    return named[0] if len(named) == 1 else None


def ask_level(criterion: str, label: str, current: int | None, ask: Ask, tell: Tell) -> int | None:
    """A level 0-3, with what each level means for this criterion."""
    meaning, levels = LEVEL_MEANINGS[criterion]
    tell(f"{label}: {meaning}")
    tell("  " + "  ".join(f"{n} {text}" for n, text in zip(LEVELS, levels, strict=True)))
    default = "none" if current is None else str(current)
    while True:
        typed = ask(f"{label} [{default}]: ").strip()
        if not typed:
            return None
        if typed in {str(n) for n in LEVELS}:
            return int(typed)
        tell("  type 0, 1, 2 or 3, or Enter to keep the value in brackets")


def ask_influence(
    current: Qualification, settings: Settings, ask: Ask, tell: Tell
) -> dict[str, int]:
    """One level per territory of reseau.yaml."""
    if not settings.territories:
        tell("influence: reseau.yaml lists no territories; add some under territories: to rate it")
        return {}
    levels = {}
    for territory in settings.territories:
        label = f"influence on {clean(territory)}"
        level = ask_level("influence", label, current.influence.get(territory), ask, tell)
        if level is not None:
            levels[territory] = level
    return levels
