"""The sample network's tour (the commands README shows), in French: nothing falls back to
English.

Two nets catch a message nobody translated. A message wrapped for translation but missing
from the catalog is recorded by the catalog's fallback (`i18n.misses()`). A message never
wrapped at all shows as English words left in the output once the data is taken out: every
text of the sample's files, the slugs, the options and the commands typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import Result, Runner
from reseau.files import i18n

# (arguments, stdin): the tour, in README's order, for the commands translated so far.
TOUR: list[tuple[list[str], str | None]] = [
    (["week"], None),
    (["week", "--done", "--note", "Quatre clients appelés"], None),
    (["stats"], None),
    (
        ["log", "thomas", "Déjeuner", "--kind", "meal", "--gave", "Deux CV", "--tone", "positive"],
        None,
    ),
    (["log", "paul", "x", "--date", "01/02"], None),
    (["add", "Marie Durand", "--company", "Acme", "--circle", "clients"], None),
    (["intro", "paul", "karim", "Financer le repreneur"], None),
    (["lst"], None),
    (["list"], None),
    (["list", "--sort", "score"], None),
    (["show", "thomas"], None),
    (["show", "chloe"], None),
    (["stale"], None),
    (["qualify", "--missing"], None),
    (["list", "--held-by", "paul"], None),
    (["plan"], None),
    (["plan", "done", "7"], None),
    (["plan", "done", "1"], None),
    (["plan", "done", "10"], None),
    (["init", "nouveau"], None),
    (["qualify", "chloe"], None),
    (["check"], None),
    (["check", "--lang", "fr"], None),
]

# Words that are English and not French: found in the output once the data is out, they are
# a message nobody translated.
ENGLISH = re.compile(
    r"\b(the|and|with|not|you|your|this|that|is|are|was|has|have|been|from|since|days?|weeks?"
    r"|ago|late|never|more|last|next|of|to|for|none|no|recorded|wrote|written|contacts? added"
    r"|met|give|meet|touch|score of|every|which|what|who|when|run|all|created|qualified"
    r"|unqualified|added|updated|changed|kept|removed|logged|introduced|skipped|invalid|files?"
    r"|folder|errors?|warnings?|items?|planned|done|tier|usage|options?|commands?|show|print)\b",
    re.IGNORECASE,
)


def _data_texts(root: Path) -> list[str]:
    """Every text written in the sample's files (and each line of a text of several lines),
    longest first, and every file's stem."""
    found: set[str] = set()

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield str(key)
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        elif value is not None:
            yield str(value)
            yield from (line.strip() for line in str(value).splitlines())  # notes: line by line

    for path in root.rglob("*.yaml"):
        found.add(path.stem)
        found.update(walk(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return sorted((text for text in found if len(text) > 1), key=len, reverse=True)


def _english_left(output: str, data: list[str], typed: list[str]) -> list[str]:
    leaks = []
    for line in output.splitlines():
        # commands, options and placeholders (`[OPTIONS]`, `WHO`) are the same in every language;
        # the data goes before the options, for a tag such as `next-generation` is data
        rest = re.sub(r"`[^`]*`|\breseau( [a-z]+\b)?", " ", line)
        for text in [*data, *typed]:
            rest = rest.replace(text, " ")
        rest = re.sub(r"--?[a-z][a-z-]*|\b[A-Z]{2,}\b", " ", rest)
        if ENGLISH.search(rest):
            leaks.append(line)
    return leaks


@pytest.fixture
def tour_network(sample: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "1000")  # nothing cut: every text the data holds shows whole
    return sample


def _step(run: Runner, root: Path, args: list[str], stdin: str | None) -> Result:
    i18n.reset_misses()
    result = run("--lang", "fr", *args, cwd=root, stdin=stdin)
    assert not i18n.misses(), (args, sorted(i18n.misses()))
    return result


@pytest.mark.parametrize(("args", "stdin"), TOUR, ids=[" ".join(args) for args, _ in TOUR])
def test_the_tour_in_french_leaves_no_english(
    run: Runner, tour_network: Path, args: list[str], stdin: str | None
) -> None:
    result = _step(run, tour_network, args, stdin)
    leaks = _english_left(result.out + result.err, _data_texts(tour_network), args)
    assert not leaks, "English left:\n" + "\n".join(leaks)


# A team network: the sample, with members, and an interaction each of them logged.
TEAM_TOUR: list[list[str]] = [
    ["list"],
    ["list", "--held-by", "paul"],
    ["show", "thomas"],
    ["week", "--as", "paul"],
    ["week", "--team"],
    ["stats", "--team"],
    ["handover", "paul", "lea"],
    ["handover", "lea", "lea"],
    ["list", "--held-by", "nadia"],
    ["check"],
]
MEMBERS = """
members:
  camille: {name: Camille Martin, email: camille@example.org}
  paul: {name: Paul Roche, email: paul@example.org}
  lea: {name: Léa Girard, email: lea@example.org}
"""


@pytest.fixture
def team_network(run: Runner, tour_network: Path) -> Path:
    settings = tour_network / "reseau.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + MEMBERS, encoding="utf-8")
    plan = tour_network / "plans/2026-Q4.yaml"
    text = plan.read_text(encoding="utf-8")
    owned = "  - contact: jurgen-strauss\n    owner: paul\n"
    plan.write_text(text.replace("  - contact: jurgen-strauss\n", owned), encoding="utf-8")
    for args in (
        ["log", "thomas", "Appel", "--kind", "call", "--as", "paul"],
        ["log", "marie-dupont", "Déjeuner", "--kind", "meal", "--as", "camille"],
    ):
        assert run(*args, cwd=tour_network).code == 0
    thomas = tour_network / "contacts/thomas-bernard.yaml"  # a `by` no member has: check says so
    thomas.write_text(thomas.read_text(encoding="utf-8").replace("by: paul", "by: pual"), "utf-8")
    return tour_network


@pytest.mark.parametrize("args", TEAM_TOUR, ids=[" ".join(args) for args in TEAM_TOUR])
def test_the_team_commands_in_french_leave_no_english(
    run: Runner, team_network: Path, args: list[str]
) -> None:
    result = _step(run, team_network, args, None)
    leaks = _english_left(result.out + result.err, _data_texts(team_network), args)
    assert not leaks, "English left:\n" + "\n".join(leaks)


def test_the_detector_sees_an_english_line(tour_network: Path) -> None:
    data = _data_texts(tour_network)
    assert _english_left("10 days late (due Fri 20 Nov)", data, [])
    assert not _english_left("Thomas Bernard : 10 jours de retard", data, [])


def test_the_qualify_questions_in_french(tour_network: Path) -> None:
    from reseau.cli.questionnaire import interview
    from reseau.files.store import load_network

    network = load_network(tour_network)
    told: list[str] = []
    answers = iter(["4", "2", "1", "2", "1", "3", "2"])
    i18n.set_language("fr")
    i18n.reset_misses()
    try:
        contact = network.contacts["chloe-lambert"]
        result = interview(
            contact,
            "contacts/chloe-lambert.yaml",
            network.settings,
            lambda prompt: told.append(prompt) or next(answers),
            told.append,
        )
    finally:
        i18n.set_language("en")
    assert result.nature == "partner"
    assert "force : la force du lien" in told
    assert not i18n.misses()
    assert not _english_left("\n".join(told), _data_texts(tour_network), [])


def test_the_french_readme_shows_the_real_french_agenda(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README.fr.md shows `reseau --lang fr --today 2026-11-30 week` at 80 columns."""
    readme = (Path(__file__).resolve().parents[1] / "README.fr.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.setenv("COLUMNS", "80")
    assert run("--lang", "fr", "--dir", str(sample), "week").out == shown


def test_french_cells_keep_the_colours_of_their_english_values(sample: Path) -> None:
    """The palette colours by the value the files write (late, never, A), not by the words
    shown: `en retard` is red, `jamais` dim, as `late` and `never` are."""
    from datetime import date

    from reseau.cli.palette import Screen, Style
    from reseau.cli.views import card_fitted, contact_card, contact_detail, contact_rows, list_table
    from reseau.files.store import load_network

    network = load_network(sample)
    today = date(2026, 11, 30)
    screen = Screen(None, Style(enabled=True))
    i18n.set_language("fr")
    try:
        listed = "\n".join(list_table(contact_rows(network, today), today, screen))
        card = "\n".join(
            card_fitted(contact_card(contact_detail(network, "wang-fang", today)), screen)
        )
    finally:
        i18n.set_language("en")
    assert "\x1b[31men retard\x1b[0m" in listed and "\x1b[33mà relancer\x1b[0m" in listed
    assert "\x1b[2mjamais\x1b[0m" in listed and "\x1b[32mA\x1b[0m" in listed
    assert "late" not in listed and "never" not in listed
    assert "niveau \x1b[32mA\x1b[0m" in card and "\x1b[31m(à revoir)\x1b[0m" in card


def test_what_show_says_of_a_kind_or_tone_the_command_line_takes() -> None:
    """`show` says `repas`: `--kind repas` is then what a French user types, and means meal."""
    from reseau.files import labels
    from reseau.files.model import KINDS, TONES
    from reseau.files.vocabulary import meant_value

    i18n.set_language("fr")
    try:
        kinds = {kind: labels.kind(kind) for kind in KINDS}
        tones = {tone: labels.tone(tone) for tone in TONES}
    finally:
        i18n.set_language("en")
    assert kinds["meeting"] == "rencontre" and tones["positive"] == "positif"
    assert all(meant_value(label, KINDS) == kind for kind, label in kinds.items())
    assert all(meant_value(label, TONES) == tone for tone, label in tones.items())


def test_the_plan_states_in_french_keep_their_colours(sample: Path) -> None:
    from datetime import date

    from reseau.cli.palette import Screen, Style
    from reseau.cli.plan import _progress_lines
    from reseau.files.quarters import Quarter
    from reseau.files.store import load_network
    from reseau.method.plans import find_plan, plan_progress

    network = load_network(sample)
    today = date(2026, 11, 30)
    progress = plan_progress(find_plan(network, Quarter.of(today)), network.contacts, today)
    i18n.set_language("fr")
    try:
        lines = "\n".join(_progress_lines(progress, network, Screen(None, Style(enabled=True))))
    finally:
        i18n.set_language("en")
    assert "\x1b[31men retard\x1b[0m" in lines and "\x1b[32mfait\x1b[0m" in lines
    assert "\x1b[33mcette semaine\x1b[0m" in lines


def test_an_error_in_french_has_french_punctuation(run: Runner, sample: Path) -> None:
    result = run("--lang", "fr", "show", "nobody-at-all", cwd=sample)
    assert result.code == 1
    assert result.err.startswith("reseau : "), result.err
    english = run("show", "nobody-at-all", cwd=sample)
    assert english.err.startswith("reseau: "), english.err
