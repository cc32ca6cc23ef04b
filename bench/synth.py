"""Deterministic synthetic networks: the same size and seed always give the same bytes.

Each contact file looks hand-written: a comment, flow lists, a block-scalar note, a
qualification on most contacts, 5 to 30 interactions (a few years of use), some of them with
a comment or a block-scalar note of their own, 40 to 250 lines. The same people can
also be written as vCards, one file each, for address-book tools.

    python bench/synth.py DIR --size 10000      # a network in DIR/network, vCards in DIR/vcards
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 30)
QUARTER = "2026-Q4"
QUARTER_START = date(2026, 10, 1)
QUARTER_END = date(2026, 12, 31)
MIN_LINES = 40
MAX_LINES = 250
INTERACTIONS = (5, 30)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Agnès Amélie Anja Antoine Arnaud Aurélie Baptiste Bérénice Bruno Camille Carlos Carmen "
    "Cédric Chloé Claire Damien Delphine Diego Dorota Édouard Élodie Emma Étienne Fabrice "
    "Florence François Gaëlle Gérard Grégoire Hana Hélène Hugo Inès Isabelle Jakub Jean "
    "Jérôme Joanna Julien Jürgen Karim Katarzyna Laure Léa Léon Lucas Lucía Magali Manon "
    "Marc Margaux Marie Martín Mathieu Maxime Mélanie Michał Nadia Nathalie Nicolas Noémie "
    "Océane Olivier Pablo Pascal Paweł Philippe Pierre Rachid Raphaël Rémi Renée Romain "
    "Sabine Samuel Sandrine Sébastien Simon Sofía Solène Stéphane Sylvie Théo Thomas Ulrike "
    "Valérie Victor Virginie Wang Xavier Yasmine Yann Zoé Zofia Björn Søren Grete Małgorzata "
    "Thu Minh Akira Yuki Oriane Lorenzo Giulia Matteo Chiara Inge Anouk Sven Ingrid"
)
LAST = _words(
    "Dupont Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
    "Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André "
    "Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Perrin Robin "
    "Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont "
    "Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas "
    "Brunet Gaillard Barbier Arnaud Martínez Hernández López Fernández Schröder Müller "
    "Schmidt Strauß Wagner Becker Hoffmann Kowalski Nowak Wiśniewski Wójcik Kamińska "
    "Lewandowski Zieliński Nguyen Tran Pham Lê Caron Rousseau Lambert Fontaine Bonnet "
    "Mallet Renaud Aubert Carré Colin Leclerc Picard Rossi Bianchi Ferrari Esposito Sørensen "
    "Andersson Lindqvist Jansen Devaux Tanaka Suzuki Okafor Haddad Benali Moulin Poirier"
)
MAX_SIZE = 100_000  # past PAIRS, double-barrelled last names keep every name distinct
CITIES = (
    "Lyon",
    "Villeurbanne",
    "Vénissieux",
    "Saint-Étienne",
    "Grenoble",
    "Annecy",
    "Paris",
    "Oyonnax",
    "Clermont-Ferrand",
    "Wrocław",
    "Zaragoza",
    "Hannover",
    "Stuttgart",
    "Milano",
    "Hô Chi Minh-Ville",
)
COMPANIES = (
    "Acme Robotique",
    "Girard Équipements Auto",
    "Plasturgie du Bugey",
    "Rhône Usinage",
    "Alpes Composites",
    "Lumière Conseil",
    "Banque Populaire AURA",
    "CCI Lyon Métropole",
    "Décolletage Arve",
    "Kowalski Sp. z o.o.",
    "Strauss Antriebe GmbH",
    "Hernández Componentes",
    "Saigon Precision",
    "Forge & Fonderie",
    "Atelier 42",
    "Cabinet Rivière",
)
ROLES = (
    "CEO",
    "Managing director",
    "Head of purchasing",
    "Plant manager",
    "Sales director",
    "CFO",
    "Founder",
    "Consultant",
    "Export manager",
    "Business angel",
    "Engineer",
    "Partner",
)
TAGS = (
    "industry",
    "automotive",
    "plastics",
    "robotics",
    "finance",
    "export",
    "aerospace",
    "medtech",
    "energy",
    "startup",
    "cluster",
    "alumni",
)
CIRCLES = ("clients", "pairs", "export", "alumni", "association")
TERRITORIES = ("lyon-industry", "export", "paris-tech", "grenoble-research")
NATURES = ("client", "prospect", "prescriber", "partner", "peer", "colleague", "supplier")
NATURES_RARE = ("mentor", "friend", "family", "other")
KINDS = ("meeting", "meal", "event", "call", "video", "message", "email", "intro", "invite")
TONES = ("positive", "positive", "positive", "neutral", "negative")
NOTES = (
    "Lunch, talked about the export project",
    "Coffee near Part-Dieu",
    "Quarterly review of the framework contract",
    "Asked for advice on hiring a sales engineer",
    "Met at the cluster's breakfast",
    "Visited the plant, new injection line",
    "Short call about the tender",
    "Sent the article on export financing",
    "Dinner after the trade fair",
    "Talked about the succession of the company",
    "Thanked her for the referral",
    "Introduced to a customs broker",
)
GIFTS = (
    "Sent the customs broker's contact",
    "Reviewed his pitch deck",
    "Invited to the clients' afterwork",
    "Two names of robotics integrators",
    "A table at the chamber's dinner",
    "Shared my notes on the new regulation",
)
RECEIVED = (
    "A referral to the automotive cluster",
    "Slot at the January meeting",
    "Feedback on my offer",
    "Introduction to a buyer in Stuttgart",
)
REMARKS = (
    "Prefers mornings; never on Fridays.",
    "Two children, plays rugby on Sundays.",
    "Knows everyone in the plastics valley.",
    "Speaks French, English and German.",
    "Was my manager at my first job.",
    "Likes long lunches: book a real restaurant.",
    "Very busy in Q1, budgets are voted in March.",
    "Met through the alumni association.",
)


@dataclass(frozen=True, slots=True)
class Person:
    slug: str
    first: str
    last: str
    email: str
    phones: tuple[str, ...]
    company: str
    role: str
    city: str
    circles: tuple[str, ...]
    tags: tuple[str, ...]
    status: str
    since: date

    @property
    def name(self) -> str:
        return f"{self.first} {self.last.replace('-', ' ')}"


@dataclass(slots=True)
class Network:
    """What was written, for the harness: the people and the folders."""

    root: Path
    people: list[Person] = field(default_factory=list)
    vcards: Path | None = None

    @property
    def size(self) -> int:
        return len(self.people)


def ascii_slug(text: str) -> str:
    special = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "Ø": "o"})
    decomposed = unicodedata.normalize("NFKD", text.translate(special))
    bare = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in bare).split())


def make_people(size: int, seed: int) -> list[Person]:
    rng = random.Random(seed)
    pairs = [(first, last) for first in FIRST for last in LAST]
    if size > MAX_SIZE:
        raise ValueError(f"at most {MAX_SIZE} distinct names; asked for {size}")
    chosen = rng.sample(pairs, min(size, len(pairs)))
    taken = set(chosen)
    while len(chosen) < size:
        first, last, other = rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST)
        pair = (first, f"{last}-{other}")
        if last != other and pair not in taken:
            taken.add(pair)
            chosen.append(pair)
    active_share = 0.8
    people = []
    for index, (first, last) in enumerate(chosen):
        slug = ascii_slug(f"{first} {last}")
        roll = rng.random()
        status = "active" if roll < active_share else "dormant" if roll < 0.95 else "archived"
        people.append(
            Person(
                slug=slug,
                first=first,
                last=last,
                email=f"{slug.replace('-', '.')}@example.org",
                phones=_phones(rng, index),
                company=rng.choice(COMPANIES),
                role=rng.choice(ROLES),
                city=rng.choice(CITIES),
                circles=tuple(rng.sample(CIRCLES, rng.choice((1, 1, 1, 2)))),
                tags=tuple(rng.sample(TAGS, rng.randint(1, 3))),
                status=status,
                since=TODAY - timedelta(days=rng.randint(20, 3650)),
            )
        )
    return sorted(people, key=lambda p: p.slug)


def _phones(rng: random.Random, index: int) -> tuple[str, ...]:
    mobile = f"+33 6 {index // 10000 % 100:02d} {index // 100 % 100:02d} {index % 100:02d} 00"
    if rng.random() < 0.4:
        return (mobile, f"04{rng.randint(10000000, 99999999)}")
    return (mobile,)


def contact_text(person: Person, slugs: list[str], rng: random.Random) -> str:
    head = _identity(person, rng)
    qualification = _qualification(rng) if rng.random() < 0.85 else []
    notes = _notes(rng)
    interactions: list[str] = ["interactions:"]
    for when in _dates(person.since, rng.randint(*INTERACTIONS), rng):
        interactions.extend(_interaction(person, when, slugs, rng))
    lines = head + qualification + interactions + notes
    while len(lines) < MIN_LINES:
        lines.insert(1, f"# {rng.choice(REMARKS)}")
    if len(lines) > MAX_LINES:
        raise AssertionError(f"{person.slug}: {len(lines)} lines")
    return "\n".join(lines) + "\n"


def _identity(person: Person, rng: random.Random) -> list[str]:
    lines = [
        f"# {person.name}, {person.role.lower()} at {person.company}",
        f"name: {person.name}",
        f"emails: [{person.email}]",
        f"phones: [{', '.join(person.phones)}]",
        f"company: {person.company}",
        f"role: {person.role}",
        f"city: {person.city}",
        "links:",
        f"  - https://www.linkedin.com/in/example-{person.slug}",
        f"circles: [{', '.join(person.circles)}]",
        f"tags: [{', '.join(person.tags)}]",
        f"status: {person.status}",
        f"since: {person.since.isoformat()}            # first met",
    ]
    if rng.random() < 0.1:
        lines.append(f"cadence_days: {rng.choice((30, 45, 60, 120))}")
    return lines


def _qualification(rng: random.Random) -> list[str]:
    nature = rng.choice(NATURES) if rng.random() < 0.9 else rng.choice(NATURES_RARE)
    territories = rng.sample(TERRITORIES, rng.randint(1, 2))
    influence = ", ".join(f"{t}: {rng.randint(0, 3)}" for t in territories)
    lines = [
        "qualification:",
        f"  nature: {nature}",
        f"  strength: {rng.randint(0, 3)}",
        f"  sharing: {rng.randint(0, 3)}",
        f"  influence: {{{influence}}}",
        f"  pleasure: {rng.randint(0, 3)}",
        f"  efficiency: {rng.randint(0, 3)}",
        f"  on: {(TODAY - timedelta(days=rng.randint(1, 400))).isoformat()}",
    ]
    if rng.random() < 0.1:  # not qualified yet: one criterion missing
        del lines[rng.randint(2, 6)]
    return lines


def _dates(since: date, count: int, rng: random.Random) -> list[date]:
    span = (TODAY - since).days
    return sorted(since + timedelta(days=rng.randint(0, span)) for _ in range(count))


def _interaction(person: Person, when: date, slugs: list[str], rng: random.Random) -> list[str]:
    kind = rng.choice(KINDS)
    lines = [f"  - date: {when.isoformat()}", f"    kind: {kind}"]
    if kind == "event" and rng.random() < 0.3:
        lines.append("    in_person: false")
    lines.append(f"    tone: {rng.choice(TONES)}")
    note = rng.choice(NOTES)
    roll = rng.random()
    if roll < 0.15:
        lines.append(f"    # {rng.choice(REMARKS)}")
    if roll > 0.85:
        lines += ["    note: |", f"      {note}.", f"      {rng.choice(REMARKS)}"]
    elif roll > 0.65:
        lines.append(f'    note: "{note}: follow-up"')
    else:
        lines.append(f"    note: {note}")
    if kind == "intro" or rng.random() < 0.3:
        lines.append(f"    gave: {rng.choice(GIFTS)}")
    elif rng.random() < 0.2:
        lines.append(f"    received: {rng.choice(RECEIVED)}")
    if kind in ("intro", "event") and len(slugs) > 2:
        others = [s for s in rng.sample(slugs, 3) if s != person.slug][:2]
        lines.append(f"    with: [{', '.join(others)}]")
    return lines


def _notes(rng: random.Random) -> list[str]:
    chosen = rng.sample(REMARKS, rng.randint(1, 3))
    return ["notes: |", *(f"  {line}" for line in chosen)]


def settings_text() -> str:
    return """\
# reseau.yaml: the settings of a synthetic network for the benchmark.
owner: Camille Martin

ritual:
  weekday: monday        # the day `reseau week` plans for
  minutes: 240           # the time budget of a session

dunbar_limit: 150
met_within_days: 365

objectives:
  # Customers and the people who recommend me to them.
  clients:
    goal: referrals
    description: Get recommended to mid-size manufacturers around Lyon
    cadence_days: 60
  pairs:
    goal: peers
    description: A bench of peers to compare notes with
  export:
    goal: market segment
    description: Open the export market for industrial subcontracting
    cadence_days: 90
  alumni: {goal: shared values, description: "Engineering school alumni"}
  association:
    goal: election
    description: Be elected to the board of the industry association

territories:
  - lyon-industry        # the Lyon industrial ecosystem
  - export               # buyers, agents and bankers abroad
  - paris-tech
  - grenoble-research

scoring:
  weights: {strength: 20, sharing: 25, influence: 25, pleasure: 15, efficiency: 15}
  tiers: {A: 70, B: 40}

cadence_days:
  A: 30
  B: 90
  C: 365
"""


def plan_text(people: list[Person], rng: random.Random) -> str:
    active = [p for p in people if p.status == "active"] or people
    lines = [
        f"# {QUARTER}: push the clients circle before the 2027 budgets are voted.",
        f"quarter: {QUARTER}",
        "focus: [clients, export]",
        "",
        "meet:                              # in priority order",
    ]
    for index, person in enumerate(rng.sample(active, min(12, len(active)))):
        by = QUARTER_START + timedelta(days=7 * index + rng.randint(0, 6))
        done = by - timedelta(days=2) if by < TODAY - timedelta(days=14) else None
        lines += [
            f"  - contact: {person.slug}",
            f"    why: {rng.choice(NOTES).lower()}",
            f"    channel: {rng.choice(('lunch', 'coffee', 'visit', 'dinner'))}",
            f"    by: {by.isoformat()}",
            f"    done: {done.isoformat() if done else 'null'}",
        ]
    guest = active[0].slug
    lines += [
        "",
        "animate:",
        "  - what: Peers' breakfast at the office",
        "    on: 2026-10-15",
        "    invite: [pairs]",
        "    done: 2026-10-15",
        "  - what: Clients' afterwork in Lyon",
        "    on: 2026-12-03",
        f"    invite: [clients, {guest}]",
        "    done: null",
        '  - what: "Webinar: sourcing in Asia for Lyon subcontractors"',
        "    on: 2026-12-15",
        "    invite: [export]",
        "    done: null",
        "",
        "reputation:",
        "  - what: Article on export financing",
        "    channel: linkedin",
        "    by: 2026-11-20",
        "    done: null",
        "  - what: Talk at the chamber of commerce's industry breakfast",
        "    channel: talk",
        "    by: 2026-12-04",
        "    done: null",
    ]
    return "\n".join(lines) + "\n"


def journal_text(rng: random.Random) -> str:
    lines = ["# The weekly ritual, recorded by `reseau week --done`.", "sessions:"]
    monday = TODAY - timedelta(days=7 * 52)
    while monday < TODAY:
        if rng.random() < 0.8:
            minutes = rng.choice((180, 200, 210, 240))
            lines.append(f"  - {{date: {monday.isoformat()}, minutes: {minutes}, note: Calls}}")
        monday += timedelta(days=7)
    return "\n".join(lines) + "\n"


def vcard_text(person: Person) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{person.slug}",
        f"FN:{_escape(person.name)}",
        f"N:{_escape(person.last)};{_escape(person.first)};;;",
        f"EMAIL;TYPE=INTERNET:{person.email}",
        *(f"TEL;TYPE=CELL:{phone}" for phone in person.phones),
        f"ORG:{_escape(person.company)}",
        f"TITLE:{_escape(person.role)}",
        f"ADR;TYPE=WORK:;;;{_escape(person.city)};;;",
        f"URL:https://www.linkedin.com/in/example-{person.slug}",
        f"CATEGORIES:{','.join(person.circles + person.tags)}",
        f"NOTE:{_escape(f'Since {person.since.isoformat()}. {REMARKS[len(person.slug) % 8]}')}",
        "END:VCARD",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str, width: int = 73) -> str:
    return "\r\n ".join(line[i : i + width] for i in range(0, len(line), width))


def generate(folder: Path, size: int, seed: int = 2026, vcards: bool = True) -> Network:
    """A network of `size` contacts in folder/network, the same people in folder/vcards."""
    rng = random.Random(seed * 1_000_003 + size)
    people = make_people(size, seed + size)
    root = folder / "network"
    (root / "contacts").mkdir(parents=True)
    (root / "plans").mkdir()
    (root / "reseau.yaml").write_text(settings_text(), encoding="utf-8")
    slugs = [p.slug for p in people]
    for person in people:
        text = contact_text(person, slugs, rng)
        (root / "contacts" / f"{person.slug}.yaml").write_text(text, encoding="utf-8")
    (root / "plans" / f"{QUARTER}.yaml").write_text(plan_text(people, rng), encoding="utf-8")
    (root / "journal.yaml").write_text(journal_text(rng), encoding="utf-8")
    network = Network(root, people)
    if vcards:
        network.vcards = folder / "vcards"
        network.vcards.mkdir()
        for person in people:
            (network.vcards / f"{person.slug}.vcf").write_bytes(vcard_text(person).encode())
    return network


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic network.")
    parser.add_argument("folder", type=Path, help="an empty or new folder")
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    network = generate(args.folder, args.size, args.seed)
    print(f"{network.size} contacts in {network.root}, vCards in {network.vcards}")


if __name__ == "__main__":
    main()
