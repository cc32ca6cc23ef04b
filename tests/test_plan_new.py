"""reseau plan new: carry-over, who to meet first, the commented file, never overwriting."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Runner
from reseau.actions.plan_new import draft_plan, render_draft
from reseau.files.model import Contact, Plan, validated
from reseau.files.quarters import Quarter
from reseau.files.store import Network, load_network
from reseau.files.yamlio import parse_text

Q1 = "plans/2027-Q1.yaml"
PROPOSED = [
    "wang-fang",
    "laure-chevalier",
    "francois-lefevre",
    "karim-benali",
    "jean-martin",
    "sebastien-moreau",
    "javier-ortega",
    "paul-bernard",
    "mathieu-roux",
    "sophie-marchand",
    "anja-schroder",
    "berenice-caron",
]
CARRIED_MEET = [
    "lucia-hernandez",
    "pawel-kowalski",
    "nguyen-thu-ha",
    "jurgen-strauss",
    "thomas-bernard",
]


def read_plan(path: Path) -> Plan:
    data = parse_text(path.read_text(encoding="utf-8"), path.name).data
    assert data is not None
    return Plan.model_validate(data)


def new_q1(run: Runner, sample: Path, *args: str) -> tuple[int, str, str]:
    result = run("--dir", str(sample), "--today", "2026-12-28", "plan", "new", *args)
    return result.code, result.out, result.err


# The sample network in late December: a sensible 2027-Q1 draft.


def test_late_december_drafts_next_quarter(run: Runner, sample: Path) -> None:
    code, out, err = new_q1(run, sample)
    assert code == 0, err
    assert err == ""
    plan = read_plan(sample / Q1)
    assert plan.quarter == "2027-Q1"
    assert plan.focus == ["clients", "export"]
    assert [i.contact for i in plan.meet] == CARRIED_MEET + PROPOSED
    written = (sample / Q1).read_text(encoding="utf-8")
    assert out.startswith(written.rstrip("\n") + "\n\n")
    assert out.endswith(
        "wrote plans/2027-Q1.yaml: 9 undone items carried over from 2026-Q4,"
        " 12 people proposed to meet first\n"
        "next: edit it (why, channel, dates), then run `reseau check`\n"
    )


def test_carry_over_keeps_the_items_and_clears_their_dates(run: Runner, sample: Path) -> None:
    assert new_q1(run, sample)[0] == 0
    plan = read_plan(sample / Q1)
    carried = plan.meet[:5]
    assert {(i.carried, i.by, i.done) for i in carried} == {("2026-Q4", None, None)}
    assert carried[0].why == "only met once at a fair; supplier panel opens in 2027"
    assert carried[0].channel == "visit in Zaragoza or her Lyon trip"
    assert [(i.what, i.on, i.invite, i.carried) for i in plan.animate] == [
        ("Clients' afterwork in Lyon", None, ["clients", "nicolas-perrin"], "2026-Q4"),
        (
            "Webinar: sourcing in Asia for Lyon subcontractors",
            None,
            ["export", "wang-fang"],
            "2026-Q4",
        ),
    ]
    assert [(i.what, i.channel, i.by, i.carried) for i in plan.reputation] == [
        ("Article on export financing", "linkedin", None, "2026-Q4"),
        ("Talk at the industry breakfast of the chamber of commerce", "talk", None, "2026-Q4"),
    ]
    assert all(i.carried is None and i.why is None for i in plan.meet[5:])


def test_the_draft_is_commented(run: Runner, sample: Path) -> None:
    assert new_q1(run, sample)[0] == 0
    lines = (sample / Q1).read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "# The action plan for 2027-Q1, drafted by `reseau plan new` on 2026-12-28."
    )
    assert "focus: [clients, export]           # as in 2026-Q4; change at will" in lines
    assert "    by: null                       # was 2026-11-20; set a date in the new quarter" in (
        lines
    )
    assert "  # not done in 2026-Q4 as of 2026-12-28: give it a new date, or delete it" in lines
    reasons = [line for line in lines if line.startswith("  - contact: ") and "#" in line]
    assert [line.split("# ", 1)[1] for line in reasons[:3]] == [
        "tier A (score 88), export in focus, never met in person",
        "tier A (score 83), export in focus, last met 2026-04-03",
        "tier B (score 67), export in focus, last met 2026-04-03",
    ]
    assert reasons[0].startswith("  - contact: wang-fang             # tier A")
    assert reasons[-1] == (
        "  - contact: berenice-caron        # unqualified, clients in focus, never met in person"
    )
    assert len(reasons) == 12


def test_the_draft_checks_clean_and_shows_as_a_plan(run: Runner, sample: Path) -> None:
    assert new_q1(run, sample)[0] == 0
    check = run("--dir", str(sample), "check")
    assert check.code == 0, check.out
    shown = run("--dir", str(sample), "--today", "2027-01-04", "plan", "--json")
    report = json.loads(shown.out)
    assert report["quarter"] == "2027-Q1"
    assert report["progress"]["overall"] == {"done": 0, "total": 21, "percent": 0}
    assert {i["state"] for i in report["items"]} == {"later"}


def test_an_explicit_quarter_and_meet_count(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "plan", "new", "2027-Q1", "--meet", "3")
    assert result.code == 0, result.err
    plan = read_plan(sample / Q1)
    # on 30 November, Claire's item is done (her lunch) and nothing later is known
    assert [i.contact for i in plan.meet] == CARRIED_MEET + PROPOSED[:3]


def test_no_proposals_with_meet_zero(run: Runner, sample: Path) -> None:
    code, out, _ = new_q1(run, sample, "--meet", "0")
    assert code == 0
    assert [i.contact for i in read_plan(sample / Q1).meet] == CARRIED_MEET
    assert "0 people proposed to meet first" in out


def test_a_negative_meet_is_a_usage_error(run: Runner, sample: Path) -> None:
    assert new_q1(run, sample, "--meet", "-1")[0] == 2
    assert not (sample / Q1).exists()


def test_focus_option_changes_the_ranking(run: Runner, sample: Path) -> None:
    assert new_q1(run, sample, "--focus", "pairs", "--meet", "4")[0] == 0
    plan = read_plan(sample / Q1)
    assert plan.focus == ["pairs"]
    assert [i.contact for i in plan.meet[5:]] == [
        "wang-fang",
        "laure-chevalier",
        "sebastien-moreau",
        "francois-lefevre",
    ]
    text = (sample / Q1).read_text(encoding="utf-8")
    assert "focus: [pairs]                     # chosen with --focus" in text


def test_unknown_focus_is_refused(run: Runner, sample: Path) -> None:
    code, _, err = new_q1(run, sample, "--focus", "client")
    assert code == 1
    assert (
        err
        == "reseau: --focus: 'client' is not an objective of reseau.yaml; did you mean 'clients'?\n"
    )
    assert not (sample / Q1).exists()


# Never over an existing file.


def test_never_overwrites_a_plan(run: Runner, sample: Path) -> None:
    (sample / Q1).write_text("quarter: 2027-Q1\n# mine\n", encoding="utf-8")
    code, out, err = new_q1(run, sample)
    assert code == 1
    assert out == ""
    assert err == (
        "reseau: plans/2027-Q1.yaml already exists; edit it, or remove it to draft it again\n"
    )
    assert (sample / Q1).read_text(encoding="utf-8") == "quarter: 2027-Q1\n# mine\n"


def test_a_second_draft_is_refused(run: Runner, sample: Path) -> None:
    assert new_q1(run, sample)[0] == 0
    first = (sample / Q1).read_bytes()
    code, _, err = new_q1(run, sample, "--meet", "1")
    assert code == 1
    assert "plans/2027-Q1.yaml already exists" in err
    assert (sample / Q1).read_bytes() == first


def test_even_an_invalid_or_dangling_file_is_kept(run: Runner, sample: Path) -> None:
    (sample / Q1).symlink_to(sample / "nowhere.yaml")
    code, _, err = new_q1(run, sample)
    assert code == 1
    assert "plans/2027-Q1.yaml already exists" in err
    assert (sample / Q1).is_symlink()


def test_an_invalid_previous_plan_stops_the_draft(run: Runner, sample: Path) -> None:
    path = sample / "plans" / "2026-Q4.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("channel: talk", "chanel: talk"))
    code, _, err = new_q1(run, sample)
    assert code == 1
    assert (
        "reseau: plans/2026-Q4.yaml does not validate, so its undone items cannot be carried over"
        in err
    )
    assert not (sample / Q1).exists()


# Without a previous plan, and with a contact gone.


def test_first_plan_of_a_network_is_the_current_quarter(run: Runner, empty_network: Path) -> None:
    (empty_network / "contacts" / "ana.yaml").write_text("name: Ana\ncircles: [clients]\n")
    result = run("--dir", str(empty_network), "plan", "new")
    assert result.code == 0, result.err
    text = (empty_network / "plans" / "2026-Q4.yaml").read_text(encoding="utf-8")
    assert "focus: []                          # objectives to choose from: clients, pairs" in text
    assert "animate:                           # animate the community (recommendation 8)\n" in text
    assert "  # for example:\n  # - what: Breakfast for the circle\n  #   on: 2026-1" in text
    plan = read_plan(empty_network / "plans" / "2026-Q4.yaml")
    assert [i.contact for i in plan.meet] == ["ana"]
    assert plan.animate == [] and plan.reputation == []
    assert result.out.splitlines()[-2:] == [
        "wrote plans/2026-Q4.yaml: no plan for 2026-Q3, nothing carried over,"
        " 1 person proposed to meet first",
        "next: edit it (why, channel, dates), then run `reseau check`",
    ]
    again = run("--dir", str(empty_network), "plan", "new")
    assert again.code == 0, again.err
    assert "wrote plans/2027-Q1.yaml: 1 undone item carried over from 2026-Q4" in again.out


def test_an_invalid_current_plan_counts_as_a_plan(run: Runner, empty_network: Path) -> None:
    (empty_network / "plans" / "2026-Q4.yaml").write_text("quarter: [\n")
    result = run("--dir", str(empty_network), "plan", "new")
    assert result.code == 1
    assert "plans/2026-Q4.yaml does not validate, so its undone items cannot be carried" in (
        result.err
    )
    assert not (empty_network / "plans" / "2027-Q1.yaml").exists()
    assert (empty_network / "plans" / "2026-Q4.yaml").read_text() == "quarter: [\n"


def test_a_meet_item_whose_contact_is_gone_is_not_carried(run: Runner, sample: Path) -> None:
    (sample / "contacts" / "pawel-kowalski.yaml").unlink()
    code, out, _ = new_q1(run, sample)
    assert code == 0
    plan = read_plan(sample / Q1)
    assert "pawel-kowalski" not in [i.contact for i in plan.meet]
    assert "not carried: item 4 (meet pawel-kowalski): that contact no longer exists" in out


# Ranking, on an inline network.


def contact(
    name: str, circles: str, met: str | None, quality: int | None, status: str = "active"
) -> str:
    lines = [f"name: {name}", f"circles: [{circles}]", f"status: {status}"]
    if quality is not None:
        levels = ", ".join(
            f"{key}: {quality}" for key in ("strength", "sharing", "pleasure", "efficiency")
        )
        lines.append(f"qualification: {{{levels}, influence: {{lyon: {quality}}}}}")
    if met:
        lines.append(f"interactions:\n  - {{date: {met}, kind: meal}}")
    return "\n".join(lines) + "\n"


RANKED = {
    # tier A (all 3s, score 100; 2s score 67 = B; 1s score 33 = C)
    "a-met-old-other": contact("A1", "pairs", "2025-01-10", 3),
    "a-met-new-focus": contact("A2", "clients", "2026-05-01", 3),
    "a-met-old-focus": contact("A3", "clients", "2026-02-01", 3),
    "a-never-other": contact("A4", "pairs", None, 3),
    "a-never-focus": contact("A5", "clients", None, 3),
    "a-met-this-quarter": contact("A6", "clients", "2026-10-02", 3),
    "a-dormant": contact("A7", "clients", None, 3, "dormant"),
    "a-planned": contact("A8", "clients", None, 3),
    "b-never-other": contact("B1", "pairs", None, 2),
    "b-met-focus": contact("B2", "clients", "2026-06-01", 2),
    "c-never-focus": contact("C1", "clients", None, 1),
    "unqualified-never": contact("U1", "clients", None, None),
}


def ranked_network(root: Path) -> Network:
    for slug, text in RANKED.items():
        (root / "contacts" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    (root / "plans" / "2026-Q4.yaml").write_text(
        "quarter: 2026-Q4\nfocus: [clients]\nmeet:\n  - {contact: a-planned, by: 2026-12-01}\n",
        encoding="utf-8",
    )
    return load_network(root)


def test_ranking_tier_then_never_met_then_focus_then_longest(empty_network: Path) -> None:
    network = ranked_network(empty_network)
    assert not network.problems
    draft = draft_plan(network, Quarter(2027, 1), date(2026, 12, 28))
    assert [s.item.contact for s in draft.carried] == ["a-planned"]  # type: ignore[union-attr]
    assert [p.slug for p in draft.proposals] == [
        "a-never-focus",
        "a-never-other",
        "a-met-old-focus",
        "a-met-new-focus",
        "a-met-old-other",
        "b-never-other",
        "b-met-focus",
        "c-never-focus",
        "unqualified-never",
    ]
    assert [p.reason for p in draft.proposals[2:3]] == [
        "tier A (score 100), clients in focus, last met 2026-02-01"
    ]


def test_ranking_is_cut_at_meet(empty_network: Path) -> None:
    network = ranked_network(empty_network)
    draft = draft_plan(network, Quarter(2027, 1), date(2026, 12, 28), meet=2)
    assert [p.slug for p in draft.proposals] == ["a-never-focus", "a-never-other"]


def test_drafting_the_current_quarter_leaves_out_who_was_just_met(empty_network: Path) -> None:
    network = ranked_network(empty_network)
    draft = draft_plan(network, Quarter(2026, 4), date(2026, 10, 20), focus=[])
    proposed = [p.slug for p in draft.proposals]
    assert "a-met-this-quarter" not in proposed
    assert proposed[:3] == ["a-never-focus", "a-never-other", "a-planned"]
    assert draft.carried == []


# Whatever text an item holds, it is carried over exactly.

TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(why=TEXT, what=TEXT, channel=TEXT, invite=TEXT)
def test_carried_text_reads_back_exactly(why: str, what: str, channel: str, invite: str) -> None:
    old = Plan.model_validate(
        {
            "quarter": "2026-Q4",
            "focus": [invite],
            "meet": [{"contact": "ana", "why": why, "channel": channel}],
            "animate": [{"what": what, "invite": [invite, "x"]}],
            "reputation": [{"what": what, "channel": channel, "by": "2026-12-01"}],
        }
    )
    contacts = {
        "ana": validated(Contact, {"name": "Ana"}),
        "bo": validated(Contact, {"name": "Bo", "circles": [invite]}),
    }
    network = Network(Path("."), contacts=contacts, plans={"2026-Q4": old})
    draft = draft_plan(network, Quarter(2027, 1), date(2026, 12, 28))
    assert [p.focus for p in draft.proposals] == [(invite,)]
    text, data = render_draft(draft, network)
    assert parse_text(text, "draft").data == data
    plan = Plan.model_validate(data)
    assert [(i.contact, i.why, i.channel) for i in plan.meet] == [
        ("ana", why, channel),
        ("bo", None, None),
    ]
    assert (plan.animate[0].what, plan.animate[0].invite) == (what, [invite, "x"])
    assert (plan.reputation[0].what, plan.reputation[0].channel) == (what, channel)
    assert plan.focus == [invite]
