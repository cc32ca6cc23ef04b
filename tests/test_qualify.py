"""reseau qualify: the edit keeps the user's file, the questions, --missing, the check rules."""

from __future__ import annotations

import difflib
import io
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import Runner
from reseau.actions.qualify import Answers, check_answers, merged, parse_influence, qualify_contact
from reseau.checks.rules import check_network
from reseau.cli.questionnaire import interview
from reseau.files.model import Contact, Qualification, Settings, plain, validated
from reseau.files.problems import ReseauError
from reseau.files.store import load_network
from reseau.method.qualification import is_outdated, to_qualify

TODAY = date(2026, 11, 30)
SETTINGS = "objectives:\n  clients: {}\nterritories: [lyon, export]\n"

HAND_WRITTEN = """\
# Met at the 2024 trade fair; keep this comment.
name: Hélène Test     # full name, as on her card
emails: [helene@example.org]
circles: [clients]
status: active
since: 2024-03-12

qualification:        # last reviewed in spring
  nature: client      # she buys
  strength: 02        # written with a zero, left alone
  sharing: 1
  influence: {lyon: 2}   # only Lyon so far
  # pleasure: to see
  efficiency: 2
  on: 2025-04-01
interactions:
  - date: 2026-10-02   # lunch
    kind: meal
    note: 'Quoted: "as is"'
notes: |
  Free text: with colons.
"""


def network(tmp_path: Path, contacts: dict[str, str], settings: str = SETTINGS) -> Path:
    root = tmp_path / "net"
    (root / "contacts").mkdir(parents=True)
    (root / "reseau.yaml").write_text(settings, encoding="utf-8")
    for slug, text in contacts.items():
        (root / "contacts" / f"{slug}.yaml").write_bytes(text.encode("utf-8"))
    return root


def qualify(root: Path, slug: str, answers: Answers) -> str:
    qualify_contact(root, load_network(root), slug, answers, TODAY)
    return (root / "contacts" / f"{slug}.yaml").read_bytes().decode("utf-8")


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines of `old` that are gone and the lines of `new` that are new; all else matched."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    return removed, added


def test_the_rewrite_changes_only_the_lines_that_change(tmp_path: Path) -> None:
    root = network(tmp_path, {"helene": HAND_WRITTEN})
    answers = Answers(strength=2, sharing=3, influence={"export": 1}, pleasure=2)
    new = qualify(root, "helene", answers)
    assert changed_lines(HAND_WRITTEN, new) == (
        ["  sharing: 1\n", "  influence: {lyon: 2}   # only Lyon so far\n", "  on: 2025-04-01\n"],
        [
            "  sharing: 3\n",
            "  influence: {lyon: 2, export: 1}   # only Lyon so far\n",
            "  pleasure: 2\n",
            "  on: 2026-11-30\n",
        ],
    )
    assert new.index("  pleasure: 2\n") < new.index("  # pleasure: to see\n")


def test_a_first_qualification_goes_in_the_contracts_place(tmp_path: Path) -> None:
    text = (
        "name: New Person  # from the fair\n"
        "status: active\n"
        "since: 2026-01-05\n"
        "interactions:\n"
        "  - date: 2026-01-05\n"
        "    kind: event\n"
    )
    root = network(tmp_path, {"new": text})
    answers = Answers(nature="prospect", strength=1, influence={"lyon": 2, "export": 0})
    new = qualify(root, "new", answers)
    assert new == (
        "name: New Person  # from the fair\n"
        "status: active\n"
        "since: 2026-01-05\n"
        "qualification:\n"
        "  nature: prospect\n"
        "  strength: 1\n"
        "  influence:\n"
        "    lyon: 2\n"
        "    export: 0\n"
        '  "on": 2026-11-30\n'
        "interactions:\n"
        "  - date: 2026-01-05\n"
        "    kind: event\n"
    )


def test_a_key_is_inserted_beside_its_predecessor_before_a_comment(tmp_path: Path) -> None:
    text = (
        "name: Nour\n"
        "qualification:\n"
        "  strength: 1\n"
        "  sharing: 2\n"
        "  # influence: to be assessed\n"
        "  pleasure: 3\n"
        "  efficiency: 2\n"
        "  on: 2026-10-16\n"
    )
    root = network(tmp_path, {"nour": text})
    new = qualify(root, "nour", Answers(influence={"lyon": 2}))
    assert new == (
        "name: Nour\n"
        "qualification:\n"
        "  strength: 1\n"
        "  sharing: 2\n"
        "  influence:\n"
        "    lyon: 2\n"
        "  # influence: to be assessed\n"
        "  pleasure: 3\n"
        "  efficiency: 2\n"
        "  on: 2026-11-30\n"
    )


def test_line_endings_and_a_bom_are_kept(tmp_path: Path) -> None:
    text = "\ufeffname: Windows User\r\nqualification:\r\n  strength: 1\r\n"
    root = network(tmp_path, {"win": text})
    qualify(root, "win", Answers(strength=3))
    raw = (root / "contacts" / "win.yaml").read_bytes()
    assert (
        raw
        == (
            '\ufeffname: Windows User\r\nqualification:\r\n  strength: 3\r\n  "on": 2026-11-30\r\n'
        ).encode()
    )


def test_requalifying_with_no_change_only_moves_the_date(tmp_path: Path) -> None:
    root = network(tmp_path, {"helene": HAND_WRITTEN})
    new = qualify(root, "helene", Answers())
    assert new == HAND_WRITTEN.replace("on: 2025-04-01", "on: 2026-11-30")


def test_a_one_line_qualification_keeps_its_style_and_order(tmp_path: Path) -> None:
    flat = "name: Flat\nqualification: {nature: peer, strength: 1}  # kept\nnotes: x\n"
    nested = "name: Nested\nqualification: {strength: 1, influence: {lyon: 1}}  # kept\n"
    root = network(tmp_path, {"flat": flat, "nested": nested})
    assert qualify(root, "flat", Answers(sharing=2, strength=2)) == (
        'name: Flat\nqualification: {nature: peer, strength: 2, sharing: 2, "on": 2026-11-30}'
        "  # kept\nnotes: x\n"
    )
    assert qualify(root, "nested", Answers(sharing=2, influence={"export": 3})) == (
        "name: Nested\n"
        "qualification: {strength: 1, sharing: 2, influence: {lyon: 1, export: 3}, "
        '"on": 2026-11-30}'
        "  # kept\n"
    )


maybe_level = st.none() | st.integers(min_value=0, max_value=3)


@hypothesis_settings(max_examples=40, deadline=None)
@given(
    nature=st.none() | st.sampled_from(["client", "peer", "other"]),
    strength=maybe_level,
    sharing=maybe_level,
    influence=st.dictionaries(
        st.sampled_from(["lyon", "export"]), st.integers(min_value=0, max_value=3)
    ),
    pleasure=maybe_level,
    efficiency=maybe_level,
)
def test_any_answers_land_in_the_file_and_nothing_else_moves(
    nature: str | None,
    strength: int | None,
    sharing: int | None,
    influence: dict[str, int],
    pleasure: int | None,
    efficiency: int | None,
) -> None:
    answers = Answers(nature, strength, sharing, influence, pleasure, efficiency)
    with tempfile.TemporaryDirectory() as folder:
        root = network(Path(folder), {"helene": HAND_WRITTEN})
        old = load_network(root).contacts["helene"]
        new = qualify(root, "helene", answers)
        contact = load_network(root).contacts["helene"]
    assert contact.qualification == merged(old.qualification, answers, TODAY)
    assert plain(contact, exclude={"qualification"}) == plain(old, exclude={"qualification"})
    head, tail = HAND_WRITTEN.split("qualification:")[0], HAND_WRITTEN.split("interactions:")[1]
    assert new.startswith(head) and new.endswith("interactions:" + tail)
    for comment in ("# last reviewed in spring", "# she buys", "# only Lyon so far", "# pleasure"):
        assert comment in new


@pytest.mark.parametrize("empty", ["qualification:\n", "qualification: {}\n", "qualification: ~\n"])
def test_an_empty_qualification_is_filled_in_place(tmp_path: Path, empty: str) -> None:
    root = network(tmp_path, {"x": "name: X\n" + empty + "notes: kept\n"})
    assert qualify(root, "x", Answers(strength=2)) == (
        'name: X\nqualification:\n  strength: 2\n  "on": 2026-11-30\nnotes: kept\n'
        if not empty.startswith("qualification: {}")
        else 'name: X\nqualification: {strength: 2, "on": 2026-11-30}\nnotes: kept\n'
    )


def test_parse_influence() -> None:
    assert parse_influence("export=2") == ("export", 2)
    assert parse_influence(" lyon = 0 ") == ("lyon", 0)
    for bad, message in [
        ("export", "'export' is not TERRITORY=LEVEL, like export=2"),
        ("=2", "'=2' is not TERRITORY=LEVEL, like export=2"),
        ("export=4", "the level in 'export=4' must be 0, 1, 2 or 3"),
        ("export=", "the level in 'export=' must be 0, 1, 2 or 3"),
    ]:
        with pytest.raises(ValueError) as caught:
            parse_influence(bad)
        assert str(caught.value) == message


def test_check_answers_refuses_what_the_file_could_not_hold() -> None:
    settings = Settings.model_validate({"territories": ["lyon-industry", "export"]})
    check_answers(Answers(nature="client", strength=0, influence={"export": 3}), settings)
    cases = [
        (
            Answers(influence={"expor": 2}),
            "'expor' is not a territory of reseau.yaml; did you mean 'export'?",
        ),
        (
            Answers(influence={"paris": 2}),
            "'paris' is not a territory of reseau.yaml; add it to territories in reseau.yaml",
        ),
        (Answers(strength=4), "a level is from 0 to 3"),
        (
            Answers(nature="clients"),
            "'clients' is not a nature of link; did you mean 'client'? (one of: client, "
            "prospect, prescriber, partner, peer, colleague, supplier, mentor, friend, family, "
            "other)",
        ),
    ]
    for answers, message in cases:
        with pytest.raises(ReseauError) as caught:
            check_answers(answers, settings)
        assert caught.value.message == message


def test_merged_keeps_what_is_not_answered() -> None:
    old = validated(
        Qualification,
        {"nature": "peer", "strength": "1", "influence": {"lyon": "2"}, "on": "2025-01-01"},
    )
    new = merged(old, Answers(strength=3, influence={"export": 1}), TODAY)
    assert new == Qualification(
        nature="peer", strength=3, influence={"lyon": 2, "export": 1}, on=TODAY
    )


# -- the questions -------------------------------------------------------------------------


class Script:
    """Answers typed in turn; the end of input after the last one."""

    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        self.told: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def tell(self, line: str) -> None:
        self.told.append(line)


def test_interview_asks_each_criterion_with_the_current_value() -> None:
    someone = validated(
        Contact, {"name": "Chloé", "qualification": {"nature": "prospect", "strength": "1"}}
    )
    settings = Settings.model_validate({"territories": ["lyon", "export"]})
    script = Script("", "3", "", "x", "2", "", "1", "10", "2")
    answers = interview(someone, "contacts/chloe.yaml", settings, script.ask, script.tell)
    assert answers == Answers(
        nature=None, strength=3, influence={"lyon": 2}, pleasure=1, efficiency=2
    )
    assert script.prompts == [
        "nature [prospect]: ",
        "strength [1]: ",
        "sharing [none]: ",
        "influence on lyon [none]: ",
        "influence on lyon [none]: ",
        "influence on export [none]: ",
        "pleasure [none]: ",
        "efficiency [none]: ",
        "efficiency [none]: ",
    ]
    told = script.told
    assert told[:6] == [
        "Qualifying Chloé (contacts/chloe.yaml).",
        "Enter keeps the value in brackets; Ctrl-C stops without writing anything.",
        "nature of the link:",
        "  1 client  2 prospect  3 prescriber  4 partner  5 peer  6 colleague  7 supplier"
        "  8 mentor",
        "  9 friend  10 family  11 other",
        "strength: how strong the tie is",
    ]
    assert (
        "  0 barely know each other  1 acquaintance  2 good relationship  3 close, trusted" in told
    )
    assert "  0 none  1 known there  2 listened to  3 sways decisions" in told
    assert told.count("  type 0, 1, 2 or 3, or Enter to keep the value in brackets") == 2


@pytest.mark.parametrize(
    ("typed", "nature"), [("1", "client"), ("11", "other"), ("Mentor", "mentor"), ("fr", "friend")]
)
def test_nature_by_number_name_or_unique_start(typed: str, nature: str) -> None:
    someone = validated(Contact, {"name": "X"})
    script = Script(typed, "", "", "", "", "", "")
    answers = interview(someone, "contacts/x.yaml", Settings(), script.ask, script.tell)
    assert answers.nature == nature


def test_an_ambiguous_nature_start_is_asked_again() -> None:
    someone = validated(Contact, {"name": "X"})
    script = Script("p", "pe")
    with pytest.raises(EOFError):
        interview(someone, "contacts/x.yaml", Settings(), script.ask, script.tell)
    assert script.prompts == ["nature [none]: ", "nature [none]: ", "strength [none]: "]
    assert "  'p' is not in the list; type its number or its name" in script.told


def test_without_territories_influence_is_not_asked() -> None:
    someone = validated(Contact, {"name": "X"})
    script = Script("", "", "", "", "")
    interview(someone, "contacts/x.yaml", Settings(), script.ask, script.tell)
    assert script.prompts == [
        "nature [none]: ",
        "strength [none]: ",
        "sharing [none]: ",
        "pleasure [none]: ",
        "efficiency [none]: ",
    ]
    assert (
        "influence: reseau.yaml lists no territories; add some under territories: to rate it"
        in script.told
    )


# -- the command ---------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_qualify_with_flags_prints_old_and_new_score(run: Runner, sample: Path) -> None:
    result = run(
        "--dir",
        str(sample),
        "qualify",
        "nour",
        "--influence",
        "lyon-industry=2",
        "--influence",
        "export=1",
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "qualified Nour El Amrani (contacts/nour-el-amrani.yaml)\n"
        "score: unqualified (?) -> 65 (B)\n"
    )
    text = (sample / "contacts" / "nour-el-amrani.yaml").read_text(encoding="utf-8")
    assert "  influence:\n    lyon-industry: 2\n    export: 1\n" in text
    assert "  on: 2026-11-30\n" in text


def test_qualify_says_what_is_still_to_rate(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "qualify", "berenice", "--strength", "1")
    assert result.code == 0
    assert result.out == (
        "qualified Bérénice Caron (contacts/berenice-caron.yaml)\n"
        "score: unqualified (?) -> unqualified (?)\n"
        "still to rate: nature, sharing, influence, pleasure, efficiency\n"
    )


def test_qualify_json(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "qualify", "marie-dupont", "--strength", "3", "--json")
    assert result.code == 0
    assert json.loads(result.out) == {
        "slug": "marie-dupont",
        "file": "contacts/marie-dupont.yaml",
        "before": {"score": 83, "tier": "A"},
        "after": {"score": 90, "tier": "A", "missing": []},
        "qualification": {
            "nature": "client",
            "strength": 3,
            "sharing": 3,
            "influence": {"lyon-industry": 3},
            "pleasure": 2,
            "efficiency": 2,
            "on": "2026-11-30",
        },
    }


def test_qualify_asks_in_a_terminal(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # nature, strength, sharing, influence on lyon-industry and export, pleasure, efficiency
    monkeypatch.setattr(sys, "stdin", Terminal("partner\n\n2\n3\n\n2\n3\n"))
    before = (sample / "contacts" / "chloe-lambert.yaml").read_text(encoding="utf-8")
    result = run("--dir", str(sample), "qualify", "chloe")
    assert result.code == 0, result.err
    assert result.out == (
        "qualified Chloé Lambert (contacts/chloe-lambert.yaml)\nscore: unqualified (?) -> 73 (A)\n"
    )
    assert "strength [1]: " in result.err
    after = (sample / "contacts" / "chloe-lambert.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ["  nature: prospect\n", "  on: 2026-10-09\n"],
        [
            "  nature: partner\n",
            "  sharing: 2\n",
            "  influence:\n",
            "    lyon-industry: 3\n",
            "  efficiency: 3\n",
            "  on: 2026-11-30\n",
        ],
    )


def test_stopping_the_questions_writes_nothing(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample / "contacts" / "chloe-lambert.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(sys, "stdin", Terminal("partner\n3\n"))
    result = run("--dir", str(sample), "qualify", "chloe")
    assert result.code == 1
    assert result.err.endswith("\nreseau: stopped; nothing was written\n")
    assert path.read_bytes() == before


def test_no_flags_and_no_terminal_is_a_usage_error(run: Runner, sample: Path) -> None:
    path = sample / "contacts" / "chloe-lambert.yaml"
    before = path.read_bytes()
    result = run("--dir", str(sample), "qualify", "chloe", stdin="2\n")
    assert result.code == 2
    assert result.err == (
        "reseau: no criterion given and no terminal to ask in; pass --nature, --strength, "
        "--sharing, --influence TERRITORY=LEVEL, --pleasure, --efficiency\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("qualify",), 2, "say who to qualify (reseau qualify WHO), or use --missing"),
        (("qualify", "marie", "--missing"), 2, "--missing lists contacts; it takes no WHO"),
        (("qualify", "--missing", "--strength", "2"), 2, "it takes no WHO and no criterion"),
        (("qualify", "marie", "--strength", "4"), 2, "must be 0, 1, 2 or 3, got 4"),
        (("qualify", "marie", "--nature", "cliant"), 2, "did you mean 'client'?"),
        (("qualify", "marie", "--nature", "p"), 2, "it starts prospect, prescriber, partner, peer"),
        (("qualify", "marie", "--nature", "12"), 2, "'12' is not a nature of link; one of: client"),
        (("qualify", "marie", "--influence", "export"), 2, "is not TERRITORY=LEVEL"),
        (
            ("qualify", "marie", "--influence", "expor=2"),
            1,
            "reseau: 'expor' is not a territory of reseau.yaml; did you mean 'export'?",
        ),
        (("qualify", "nobody-here", "--strength", "2"), 1, "reseau: no contact matches"),
    ],
)
def test_qualify_refuses_bad_requests(
    run: Runner, sample: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = (sample / "contacts" / "marie-dupont.yaml").read_bytes()
    result = run("--dir", str(sample), *args)
    assert result.code == code
    assert message in result.err
    assert (sample / "contacts" / "marie-dupont.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "nature"), [("clien", "client"), ("MENT", "mentor"), ("9", "friend")]
)
def test_nature_option_takes_a_unique_start_or_number(
    run: Runner, sample: Path, typed: str, nature: str
) -> None:
    result = run("--dir", str(sample), "qualify", "marie", "--nature", typed, "--json")
    assert result.code == 0, result.err
    assert f"  nature: {nature}\n" in (sample / "contacts" / "marie-dupont.yaml").read_text()


def test_an_invalid_contact_file_is_not_rewritten(run: Runner, tmp_path: Path) -> None:
    root = network(tmp_path, {"bad": "name: Bad\nqualification:\n  strength: 9\n"})
    result = run("--dir", str(root), "qualify", "bad", "--strength", "2")
    assert result.code == 1
    assert (root / "contacts" / "bad.yaml").read_text() == (
        "name: Bad\nqualification:\n  strength: 9\n"
    )


# -- qualify --missing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "outdated"),
    [(None, True), (date(2025, 11, 30), False), (date(2025, 11, 29), True), (TODAY, False)],
)
def test_a_qualification_is_outdated_after_a_year(on: date | None, outdated: bool) -> None:
    # 2025-11-30 is 365 days before 2026-11-30; 2025-11-29 is 366
    assert is_outdated(on, TODAY) is outdated


def test_to_qualify_lists_active_contacts_best_known_first(tmp_path: Path) -> None:
    full = "qualification: {nature: peer, strength: 1, sharing: 1, influence: {lyon: 1}, "
    full += "pleasure: 1, efficiency: 1, on: %s}\n"
    root = network(
        tmp_path,
        {
            "fresh": "name: Fresh\n" + full % "2026-06-01",
            "old": "name: Old\n" + full % "2025-11-29",
            "year": "name: Year\n" + full % "2025-11-30",
            "dormant": "name: Dormant\nstatus: dormant\n",
            "never": "name: Never\n",
            "often": "name: Often\ninteractions:\n"
            "  - {date: 2026-05-01, kind: meeting}\n  - {date: 2026-06-01, kind: call}\n",
            "once": "name: Once\ninteractions:\n  - {date: 2026-05-01, kind: meeting}\n",
            "recent": "name: Recent\nqualification: {strength: 2}\n"
            "interactions:\n  - {date: 2026-11-01, kind: meal}\n",
            "called": "name: Called\ninteractions:\n  - {date: 2026-11-20, kind: call}\n",
        },
    )
    rows = to_qualify(load_network(root), TODAY)
    assert [(r.slug, r.missing, r.last_met, r.interactions) for r in rows] == [
        (
            "recent",
            ["nature", "sharing", "influence", "pleasure", "efficiency"],
            date(2026, 11, 1),
            1,
        ),
        (
            "often",
            ["nature", "strength", "sharing", "influence", "pleasure", "efficiency"],
            date(2026, 5, 1),
            2,
        ),
        (
            "once",
            ["nature", "strength", "sharing", "influence", "pleasure", "efficiency"],
            date(2026, 5, 1),
            1,
        ),
        (
            "called",
            ["nature", "strength", "sharing", "influence", "pleasure", "efficiency"],
            None,
            1,
        ),
        (
            "never",
            ["nature", "strength", "sharing", "influence", "pleasure", "efficiency"],
            None,
            0,
        ),
        ("old", [], None, 0),
    ]


def test_missing_on_the_sample(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "qualify", "--missing")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "slug",
        "name",
        "last",
        "met",
        "exchanges",
        "qualified",
        "to",
        "rate",
    ]
    assert lines[1].split() == [
        "chloe-lambert",
        "Chloé",
        "Lambert",
        "2026-11-19",
        "2",
        "2026-10-09",
        "sharing,influence,efficiency",
    ]
    assert [line.split()[0] for line in lines[1:-1]] == [
        "chloe-lambert",
        "helene-rousseau",
        "nicolas-perrin",
        "nour-el-amrani",
        "sophie-marchand",
        "paul-bernard",
        "antoine-mercier",
        "thomas-bernard",
        "sebastien-moreau",
        "jurgen-strauss",
        "pawel-kowalski",
        "anja-schroder",
        "berenice-caron",
        "stephane-blanc",
    ]
    assert lines[-1] == "14 active contacts to qualify; `reseau qualify WHO` asks each criterion"


def test_missing_json(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "qualify", "--missing", "--json")
    rows = json.loads(result.out)
    assert rows[0] == {
        "slug": "chloe-lambert",
        "name": "Chloé Lambert",
        "missing": ["sharing", "influence", "efficiency"],
        "qualified_on": "2026-10-09",
        "review": False,
        "last_met": "2026-11-19",
        "interactions": 2,
    }
    assert rows[1]["slug"] == "helene-rousseau"
    assert (rows[1]["review"], rows[1]["missing"]) == (True, [])


def test_missing_when_everyone_is_qualified(run: Runner, tmp_path: Path) -> None:
    root = network(tmp_path, {})
    result = run("--dir", str(root), "qualify", "--missing")
    assert (result.code, result.out) == (
        0,
        "every active contact is qualified, all within the last year\n",
    )


# -- the check rules -----------------------------------------------------------------------


def check(root: Path) -> list[str]:
    return [problem.format() for problem in check_network(load_network(root))]


def test_dunbar_warns_only_over_the_limit(tmp_path: Path) -> None:
    contacts = {f"p{n}": f"name: P{n}\n" for n in range(3)}
    contacts["gone"] = "name: Gone\nstatus: archived\n"
    at_limit = network(tmp_path / "a", contacts, SETTINGS + "dunbar_limit: 3\n")
    assert check(at_limit) == []
    over = network(tmp_path / "b", contacts, SETTINGS + "dunbar_limit: 2\n")
    assert check(over) == [
        "reseau.yaml:4: dunbar_limit: warning: 3 active contacts, over the limit of 2: "
        "make some dormant"
    ]


def test_an_influence_on_an_unknown_territory_is_a_warning(tmp_path: Path) -> None:
    root = network(tmp_path, {"x": "name: X\nqualification:\n  influence: {expor: 2}\n"})
    assert check(root) == [
        "contacts/x.yaml:3: qualification.influence.expor: warning: 'expor' is not a territory "
        "of reseau.yaml; did you mean 'export'?"
    ]


def test_a_level_out_of_range_is_an_error_with_the_range(tmp_path: Path) -> None:
    root = network(
        tmp_path,
        {"x": "name: X\nqualification:\n  strength: 4\n  influence: {lyon: -1}\n"},
    )
    assert check(root) == [
        "contacts/x.yaml:3: qualification.strength: must be from 0 to 3, got '4'",
        "contacts/x.yaml:4: qualification.influence.lyon: must be from 0 to 3, got '-1'",
    ]


def test_weights_adding_up_to_zero_are_an_error(tmp_path: Path) -> None:
    weights = (
        "scoring:\n  weights: {strength: 0, sharing: 0, influence: 0, pleasure: 0, efficiency: 0}\n"
    )
    root = network(tmp_path, {}, SETTINGS + weights)
    assert check(root) == [
        "reseau.yaml:5: scoring.weights: the weights add up to 0; give at least one criterion a "
        "positive weight"
    ]


def test_a_negative_weight_is_an_error(tmp_path: Path) -> None:
    root = network(tmp_path, {}, SETTINGS + "scoring:\n  weights: {strength: -5}\n")
    assert check(root) == ["reseau.yaml:5: scoring.weights.strength: must be at least 0, got '-5'"]
