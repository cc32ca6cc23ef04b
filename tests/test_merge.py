"""reseau merge: one contact out of two, nothing lost, references rewritten, all or nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import Runner, write_network
from faults import kill_at_every_step, state
from test_transaction import copy_sample

PHONE_CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nTEL:+1 555 0100\nORG:Navy\nEND:VCARD\n"
LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy Research,Rear Admiral,02 Feb 2025\n"
)

NETWORK = {
    "reseau.yaml": "objectives:\n  clients: {}\n  peers: {}\n",
    "contacts/ada.yaml": (
        "# Ada, the one I know best\n"
        "name: Ada Lovelace\n"
        "emails: [ada@example.org]\n"
        "company: Analytical   # since 1842\n"
        "circles: [clients]\n"
        "interactions:\n"
        "  - date: 2026-01-10\n"
        "    kind: meal\n"
        "    note: Lunch\n"
        "    with: [ada-2, bob]\n"
        "  - date: 2026-06-01\n"
        "    kind: call\n"
        "notes: |\n"
        "  Likes engines.\n"
    ),
    "contacts/ada-2.yaml": (
        "name: Ada Lovelace\n"
        "emails: [ADA@example.org, countess@example.org]\n"
        "phones: ['+44 20 7946 0000']\n"
        "company: Analytical Engines\n"
        "city: London\n"
        "circles: [peers]\n"
        "tags: [math]\n"
        "interactions:\n"
        "  - date: 2026-03-05   # the talk\n"
        "    kind: event\n"
        "    note: Her talk\n"
        "    with: [ada]\n"
        "notes: Met through Babbage.\n"
    ),
    "contacts/bob.yaml": (
        "name: Bob\ninteractions:\n"
        "  - {date: 2026-02-01, kind: call, with: [ada-2, ada]}   # both of them\n"
        "  - {date: 2026-02-02, kind: call, with: [ada-2]}\n"
    ),
    "plans/2026-Q4.yaml": "quarter: 2026-Q4\nmeet:\n  - contact: ada-2   # first\n    why: talk\n",
}


def test_merging_two_imported_duplicates_of_the_sample(
    run: Runner, sample: Path, tmp_path: Path
) -> None:
    (tmp_path / "phone.vcf").write_text(PHONE_CARD, encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    assert run("--dir", str(sample), "import", "vcard", str(tmp_path / "phone.vcf")).code == 0
    linkedin = run("--dir", str(sample), "import", "linkedin", str(tmp_path / "Connections.csv"))
    assert linkedin.code == 0, linkedin.err
    checked = run("--dir", str(sample), "check")
    assert checked.code == 0
    assert (
        "contacts/grace-hopper-2.yaml:1: name: warning: the same name as "
        "contacts/grace-hopper.yaml: the same person? `reseau merge grace-hopper grace-hopper-2` "
        "makes them one"
    ) in checked.out
    result = run("--dir", str(sample), "merge", "grace-hopper-2", "grace-hopper")
    assert result.code == 0, result.err
    assert result.out == (
        "merged contacts/grace-hopper.yaml into contacts/grace-hopper-2.yaml; "
        "contacts/grace-hopper.yaml removed\n"
        "  brought in: phones 1\n"
        "  company: kept Navy Research, not Navy (written to the notes)\n"
    )
    assert not (sample / "contacts" / "grace-hopper.yaml").exists()
    assert (sample / "contacts" / "grace-hopper-2.yaml").read_text(encoding="utf-8") == (
        "name: Grace Hopper\n"
        "phones: [+1 555 0100]\n"
        "company: Navy Research\n"
        "role: Rear Admiral\n"
        "links: [https://www.linkedin.com/in/grace]\n"
        "status: dormant\n"
        "since: 2025-02-02\n"
        "notes: |\n"
        "  Merged grace-hopper (Grace Hopper) into grace-hopper-2 on 2026-11-30.\n"
        "  Values not kept:\n"
        "  - company: Navy\n"
    )
    after = run("--dir", str(sample), "check")
    assert after.code == 0 and "warning" not in after.out


def test_merge_unites_lists_keeps_keep_values_and_rewrites_references(
    run: Runner, tmp_path: Path
) -> None:
    root = write_network(tmp_path, NETWORK)
    result = run("--dir", str(root), "merge", "ada", "ada-2")
    assert result.code == 0, result.err
    ada = (root / "contacts" / "ada.yaml").read_text(encoding="utf-8")
    assert ada == (
        "# Ada, the one I know best\n"
        "name: Ada Lovelace\n"
        "emails: [ada@example.org, countess@example.org]\n"
        "phones: [+44 20 7946 0000]\n"
        "company: Analytical   # since 1842\n"
        "city: London\n"
        "circles: [clients, peers]\n"
        "tags: [math]\n"
        "interactions:\n"
        "  - date: 2026-01-10\n"
        "    kind: meal\n"
        "    note: Lunch\n"
        "    with: [bob]\n"
        "  - date: 2026-03-05   # the talk\n"
        "    kind: event\n"
        "    note: Her talk\n"
        "    with: []\n"
        "  - date: 2026-06-01\n"
        "    kind: call\n"
        "notes: |\n"
        "  Likes engines.\n"
        "\n"
        "  Merged ada-2 (Ada Lovelace) into ada on 2026-11-30.\n"
        "  Values not kept:\n"
        "  - company: Analytical Engines\n"
        "  Notes not kept:\n"
        "  Met through Babbage.\n"
    )
    bob = (root / "contacts" / "bob.yaml").read_text(encoding="utf-8")
    assert "  - {date: 2026-02-01, kind: call, with: [ada]}   # both of them\n" in bob
    assert "  - {date: 2026-02-02, kind: call, with: [ada]}\n" in bob
    plan = (root / "plans" / "2026-Q4.yaml").read_text(encoding="utf-8")
    assert "  - contact: ada   # first\n" in plan
    assert not (root / "contacts" / "ada-2.yaml").exists()
    assert run("--dir", str(root), "check").code == 0


def test_prefer_other_keeps_other_values_and_notes_keep_ones(run: Runner, tmp_path: Path) -> None:
    root = write_network(tmp_path, NETWORK)
    result = run("--dir", str(root), "merge", "ada", "ada-2", "--prefer", "other")
    assert result.code == 0, result.err
    assert "  company: kept Analytical Engines, not Analytical (written to the notes)\n" in (
        result.out
    )
    ada = (root / "contacts" / "ada.yaml").read_text(encoding="utf-8")
    assert "company: Analytical Engines   # since 1842\n" in ada
    assert "  - company: Analytical\n  Notes not kept:\n  Likes engines.\n" in ada


def test_dry_run_and_refusals_write_nothing(run: Runner, tmp_path: Path) -> None:
    root = write_network(tmp_path, NETWORK)
    before = state(root)
    dry = run("--dir", str(root), "merge", "ada", "ada-2", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.splitlines()[0] == (
        "would merge contacts/ada-2.yaml into contacts/ada.yaml; contacts/ada-2.yaml would be "
        "removed"
    )
    assert dry.out.endswith("dry run: nothing written\n")
    assert "would rewrite 4 references in 3 files (ada-2 -> ada):" in dry.out
    same = run("--dir", str(root), "merge", "ada", "ada")
    assert (same.code, same.err) == (1, "reseau: ada and ada are the same contact; name two\n")
    wrong = run("--dir", str(root), "merge", "ada", "ada-2", "--prefer", "mine")
    assert wrong.code == 1 and "--prefer takes keep or other" in wrong.err
    assert state(root) == before


def test_merge_killed_at_every_step_leaves_the_old_network_or_the_new(tmp_path: Path) -> None:
    def prepare(root: Path) -> None:
        copy_sample(root)
        for relpath, text in NETWORK.items():
            if relpath.startswith("contacts/"):
                (root / relpath).write_text(text, encoding="utf-8")
        plan = root / "plans" / "2026-Q4.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("contact: claire-dubois", "contact: ada-2"), "utf-8")

    old, new, steps = kill_at_every_step(prepare, tmp_path, "merge", "ada", "ada-2")
    assert sorted(set(old) - set(new)) == ["contacts/ada-2.yaml"]
    changed = sorted(p for p in new if new[p] != old[p])
    assert changed == ["contacts/ada.yaml", "contacts/bob.yaml", "plans/2026-Q4.yaml"]
    assert steps >= 15


def test_dates_and_numbers_from_other_stay_plain(run: Runner, sample: Path) -> None:
    write_network(
        sample,
        {
            "contacts/claire-d.yaml": (
                "name: Claire D.\nemails: [claire.d@example.org]\nbirthday: 1980-03-04\n"
                "cadence_days: 45\n"
            )
        },
    )
    result = run("--dir", str(sample), "merge", "claire-dubois", "claire-d")
    assert result.code == 0, result.err
    text = (sample / "contacts" / "claire-dubois.yaml").read_text(encoding="utf-8")
    assert "\nbirthday: 1980-03-04\n" in text
    assert "\ncadence_days: 45\n" in text
