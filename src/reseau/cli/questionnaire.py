"""The questions `reseau qualify WHO` asks in a terminal, one criterion at a time.

Pure: it talks through two functions, `ask` (show a prompt, return the line typed, raise
EOFError at the end of input) and `tell` (show a line), so tests feed it answers.
"""

from __future__ import annotations

from collections.abc import Callable

from reseau.actions.qualify import LEVELS, Answers
from reseau.files.i18n import N_, _
from reseau.files.model import NATURES, Contact, Qualification, Settings
from reseau.files.text import clean

Ask = Callable[[str], str]
Tell = Callable[[str], None]

LEVEL_MEANINGS: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "strength": (
        N_("how strong the tie is"),
        (
            N_("barely know each other"),
            N_("acquaintance"),
            N_("good relationship"),
            N_("close, trusted"),
        ),
    ),
    "sharing": (
        N_("do they open their own network to you"),
        (N_("never"), N_("rarely, when asked"), N_("readily, when asked"), N_("spontaneously")),
    ),
    "influence": (
        N_("their weight in this territory"),
        (N_("none"), N_("known there"), N_("listened to"), N_("sways decisions")),
    ),
    "pleasure": (
        N_("how much you enjoy the exchange"),
        (N_("a chore"), N_("neutral"), N_("pleasant"), N_("a real pleasure")),
    ),
    "efficiency": (
        N_("what the exchange brings"),
        (
            N_("nothing"),
            N_("now and then"),
            N_("often something useful"),
            N_("always something concrete"),
        ),
    ),
}
# The criteria as the prompt names them; the files keep the English keys.
LABELS = {
    "strength": N_("strength"),
    "sharing": N_("sharing"),
    "pleasure": N_("pleasure"),
    "efficiency": N_("efficiency"),
}


def interview(contact: Contact, relpath: str, settings: Settings, ask: Ask, tell: Tell) -> Answers:
    """Each criterion in turn, the current value as the default: Enter keeps it."""
    current = contact.qualification or Qualification()
    tell(_("Qualifying {name} ({path}).").format(name=clean(contact.name), path=clean(relpath)))
    tell(_("Enter keeps the value in brackets; Ctrl-C stops without writing anything."))
    return Answers(
        nature=ask_nature(current.nature, ask, tell),
        strength=ask_level("strength", _(LABELS["strength"]), current.strength, ask, tell),
        sharing=ask_level("sharing", _(LABELS["sharing"]), current.sharing, ask, tell),
        influence=ask_influence(current, settings, ask, tell),
        pleasure=ask_level("pleasure", _(LABELS["pleasure"]), current.pleasure, ask, tell),
        efficiency=ask_level("efficiency", _(LABELS["efficiency"]), current.efficiency, ask, tell),
    )


def ask_nature(current: str | None, ask: Ask, tell: Tell) -> str | None:
    """The nature of the link, by its number or its name (a unique start of it will do)."""
    tell(_("nature of the link:"))
    choices = [f"{number} {name}" for number, name in enumerate(NATURES, start=1)]
    tell("  " + "  ".join(choices[:8]))
    tell("  " + "  ".join(choices[8:]))
    while True:
        typed = ask(_("nature [{current}]: ").format(current=current or _("none"))).strip().lower()
        if not typed:
            return None
        chosen = _nature_of(typed)
        if chosen:
            return chosen
        tell(
            _("  '{typed}' is not in the list; type its number or its name").format(
                typed=clean(typed)
            )
        )


def _nature_of(typed: str) -> str | None:
    from reseau.method.qualification import natures_named

    named = natures_named(typed)
    return named[0] if len(named) == 1 else None


def ask_level(criterion: str, label: str, current: int | None, ask: Ask, tell: Tell) -> int | None:
    """A level 0-3, with what each level means for this criterion."""
    meaning, levels = LEVEL_MEANINGS[criterion]
    tell(_("{label}: {meaning}").format(label=label, meaning=_(meaning)))
    tell("  " + "  ".join(f"{n} {_(text)}" for n, text in zip(LEVELS, levels, strict=True)))
    default = _("none") if current is None else str(current)
    while True:
        typed = ask(f"{label} [{default}]: ").strip()
        if not typed:
            return None
        if typed in {str(n) for n in LEVELS}:
            return int(typed)
        tell(_("  type 0, 1, 2 or 3, or Enter to keep the value in brackets"))


def ask_influence(
    current: Qualification, settings: Settings, ask: Ask, tell: Tell
) -> dict[str, int]:
    """One level per territory of reseau.yaml."""
    if not settings.territories:
        tell(
            _("influence: reseau.yaml lists no territories; add some under territories: to rate it")
        )
        return {}
    levels = {}
    for territory in settings.territories:
        label = _("influence on {territory}").format(territory=clean(territory))
        level = ask_level("influence", label, current.influence.get(territory), ask, tell)
        if level is not None:
            levels[territory] = level
    return levels
