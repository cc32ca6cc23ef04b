"""Three devices, one hub, a few hundred random writes each, synced in random orders.

What must hold at the end: no conflict (no two devices change the same single value to
different values here), every interaction and session of every device is there exactly
once, every comment written by hand in a region nobody else touched is kept, the network
validates, and all devices hold the same files.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from conftest import Runner
from gitnet import clone, git, hub_and_clone
from reseau.files.yamlio import read_file

PEOPLE = [f"person-{n}" for n in range(8)]
TODAY = date(2026, 11, 30)


def _contact(n: int) -> str:
    return (
        f"name: Person {n}\n"
        f"emails: [person{n}@example.org]\n"
        f"company: Company {n}   # as on the card\n"
        f"role: Role {n}\n"
        "tags: [export]\n"
        f"city: City {n}\n"
        "circles: [clients]\n"
        "status: active\n"
        "qualification:\n  nature: client\n  strength: 1\n  sharing: 1\n"
        "  influence: {lyon: 1}\n  pleasure: 1\n  efficiency: 1\n"
        "interactions:\n"
        f"  - date: 2026-01-0{n % 9 + 1}\n    kind: meeting\n    note: First meeting {n}\n"
        f"notes: |\n  Met at the fair, {n}.\n"
    )


NETWORK = {
    "reseau.yaml": (
        "owner: Team\nobjectives:\n  clients: {goal: referrals}\nterritories: [lyon]\n"
    ),
    "plans/2026-Q4.yaml": "quarter: 2026-Q4\nmeet:\n"
    + "".join(f"  - contact: person-{n}\n    why: catch up\n    done: null\n" for n in range(6)),
    "journal.yaml": "sessions:\n  - {date: 2026-10-05, minutes: 200}\n",
    **{f"contacts/person-{n}.yaml": _contact(n) for n in range(8)},
}


class Device:
    """One clone, and what it wrote: the notes and session days that must survive."""

    def __init__(self, name: str, root: Path, run: Runner, rng: random.Random) -> None:
        self.name, self.root, self.run, self.rng = name, root, run, rng
        self.count = 0
        self.notes: list[tuple[str, str]] = []  # (slug, note) for each interaction written
        self.sessions: set[str] = set()
        self.comments: list[tuple[str, str]] = []

    def reseau(self, *args: str) -> None:
        result = self.run("--dir", str(self.root), *args)
        assert result.code == 0, (args, result.err)

    def act(self) -> None:
        self.count += 1
        tag = f"{self.name}{self.count}"
        choice = self.rng.random()
        who = self.rng.choice(PEOPLE)
        if choice < 0.35:
            when = (TODAY - timedelta(days=self.rng.randrange(60))).isoformat()
            kind = self.rng.choice(["meeting", "call", "meal", "email"])
            self.reseau("log", who, f"note {tag}", "--kind", kind, "--date", when)
            self.notes.append((who, f"note {tag}"))
        elif choice < 0.45:
            other = self.rng.choice([p for p in PEOPLE if p != who])
            self.reseau("intro", who, other, f"intro {tag}")
            self.notes += [(who, f"intro {tag}"), (other, f"intro {tag}")]
        elif choice < 0.52:
            self.reseau("add", f"New {self.name.upper()} {self.count}")
        elif choice < 0.62:
            criterion = {"a": "--pleasure", "b": "--efficiency", "c": "--sharing"}[self.name]
            self.reseau("qualify", who, criterion, str(self.rng.randrange(4)))
        elif choice < 0.68:
            self.reseau("plan", "done", str(self.rng.randrange(1, 7)))
        elif choice < 0.74:
            day = (TODAY - timedelta(days=self.rng.randrange(50))).isoformat()
            self.reseau("--today", day, "week", "--done")
            self.sessions.add(day)
        elif choice < 0.87:
            self.hand_comment(who, tag)
        else:
            self.hand_field(who, tag)

    def hand_comment(self, who: str, tag: str) -> None:
        """a comments under the name, b at the end: regions nobody else changes."""
        if self.name == "c":
            return
        path = self.root / "contacts" / f"{who}.yaml"
        text = path.read_text(encoding="utf-8")
        comment = f"# by hand {tag}"
        if self.name == "a":
            first, rest = text.split("\n", 1)
            text = f"{first}\n{comment}\n{rest}"
        else:
            text += comment + "\n"
        path.write_text(text, encoding="utf-8")
        self.comments.append((who, comment))

    def hand_field(self, who: str, tag: str) -> None:
        """a edits the role, c the city; b leaves fields alone."""
        key = {"a": "role", "c": "city"}.get(self.name)
        if key is None:
            return
        path = self.root / "contacts" / f"{who}.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines = [f"{key}: {key} {tag}" if line.startswith(f"{key}:") else line for line in lines]
        path.write_text("\n".join(lines), encoding="utf-8")

    def sync(self) -> None:
        result = self.run("--dir", str(self.root), "sync")
        assert result.code == 0, f"{self.name} sync: {result.err}"


def test_three_devices_random_writes_merge_without_loss(run: Runner, tmp_path: Path) -> None:
    rng = random.Random(20261130)
    hub, first = hub_and_clone(tmp_path, NETWORK)
    run("init", str(first))
    assert run("--dir", str(first), "sync").code == 0
    devices = [Device("a", first, run, rng)]
    for name in ("b", "c"):
        devices.append(Device(name, clone(hub, tmp_path / name), run, rng))
    for device in devices:
        device.sync()
    for _ in range(6):
        for device in devices:
            for _ in range(rng.randrange(15, 30)):
                device.act()
        for device in rng.sample(devices, len(devices)):
            device.sync()
    for device in [*devices, *devices[:2]]:
        device.sync()
    _assert_all_kept(devices)


def _assert_all_kept(devices: list[Device]) -> None:
    reference = devices[0].root
    files = git(reference, "ls-files", "contacts", "plans", "journal.yaml", "reseau.yaml").split()
    for device in devices[1:]:
        assert git(device.root, "ls-files", "contacts", "plans").split() == [
            f for f in files if f != "journal.yaml" and f != "reseau.yaml"
        ]
        for relpath in files:
            assert (device.root / relpath).read_bytes() == (reference / relpath).read_bytes()
    texts = {f: (reference / f).read_text(encoding="utf-8") for f in files}
    assert sum(d.count for d in devices) > 300
    for device in devices:
        for slug, note in device.notes:
            loaded = read_file(reference / "contacts" / f"{slug}.yaml", slug)
            assert loaded.data is not None, loaded.problems
            notes = [i.get("note") for i in loaded.data["interactions"]]
            assert notes.count(note) == 1, (slug, note)
        for slug, comment in device.comments:
            assert texts[f"contacts/{slug}.yaml"].count(comment + "\n") == 1, comment
    journal = read_file(reference / "journal.yaml", "journal.yaml").data
    assert journal is not None
    days = [s["date"] for s in journal["sessions"]]
    assert len(days) == len(set(days))
    assert set().union(*(d.sessions for d in devices)) <= set(days)
    assert "<<<<<<<" not in "".join(texts.values())
    result = devices[0].run("--dir", str(reference), "check")
    assert result.code == 0, result.out
