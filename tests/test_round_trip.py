"""An export read back by an import gives back the same network.

`reseau export vcard --private`, then `reseau import vcard` into a network that holds
nothing but the same reseau.yaml: the same slugs, and for each contact the same name,
e-mails, phones, company, role, city, links, circles, tags, status, since, birthday, the
other dates that matter, cadence and notes. Contacts may share an e-mail or a phone, and
names may be namesakes: the UID keeps them apart.
"""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Runner, write_network
from reseau.actions.add import NewContact, contact_text
from reseau.files.slugs import SLUG_RE, is_valid_slug
from reseau.files.store import load_network

SETTINGS = "objectives:\n  clients: {goal: referrals}\n  pairs: {goal: peers}\n"
KEPT = (
    "name", "emails", "phones", "company", "role", "city", "links", "circles", "tags",
    "status", "since", "birthday", "dates", "cadence_days", "notes",
)  # fmt: skip


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Letters and digits of every script, and the characters vCard escapes or splits on.
word = st.text(
    alphabet=st.characters(categories=["L", "N"]) | st.sampled_from(",;:\\'.-&/\"#"),
    min_size=1,
    max_size=10,
).map(nfc)
text = st.lists(word, min_size=1, max_size=3).map(" ".join)
note_line = st.lists(word, min_size=1, max_size=4).map(" ".join)
email = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,8}@[a-z0-9-]{1,8}\.[a-z]{2,4}", fullmatch=True)
phone = st.from_regex(r"\+?[0-9]{2}( ?[0-9]{2}){2,5}", fullmatch=True)
link = st.from_regex(r"https://[a-z0-9-]{1,10}\.org/[a-zA-Z0-9_~%-]{0,10}", fullmatch=True)
day = st.dates(date(1900, 1, 1), date(2999, 12, 31))
yearly = day.map(date.isoformat) | day.map(lambda d: d.strftime("--%m-%d"))
label = st.from_regex(r"[a-z][a-z ]{0,12}[a-z]", fullmatch=True)
# a file name every system can hold: no reserved device name (con, com0...), as `add` asks
slug = st.from_regex(SLUG_RE, fullmatch=True).filter(is_valid_slug)

contact = st.builds(
    NewContact,
    name=text,
    emails=st.lists(email, max_size=2, unique_by=str.casefold),
    phones=st.lists(phone, max_size=2, unique=True),
    company=st.none() | text,
    role=st.none() | text,
    city=st.none() | text,
    links=st.lists(link, max_size=2, unique_by=lambda u: u.casefold().rstrip("/")),
    circles=st.lists(st.sampled_from(["clients", "pairs"]), unique=True),
    tags=st.lists(text, max_size=3, unique=True),
    status=st.sampled_from(["active", "dormant", "archived"]),
    since=st.none() | day,
    birthday=st.none() | yearly,
    dates=st.dictionaries(label, yearly, max_size=2),
    cadence_days=st.none() | st.integers(1, 36500),
    notes=st.none() | st.lists(note_line, min_size=1, max_size=3).map("\n".join),
)
network = st.dictionaries(slug, contact, min_size=1, max_size=6)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=network, namesakes=st.booleans())
def test_export_then_import_gives_back_the_same_network(
    run: Runner, people: dict[str, NewContact], namesakes: bool
) -> None:
    if namesakes and people:  # everyone the same name, and the same first e-mail
        first = next(iter(people.values()))
        for person in people.values():
            person.name = first.name
            person.emails = [*first.emails[:1], *person.emails[1:]]
    with tempfile.TemporaryDirectory() as folder:
        source = write_network(Path(folder) / "a", {"reseau.yaml": SETTINGS})
        target = write_network(Path(folder) / "b", {"reseau.yaml": SETTINGS})
        (target / "contacts").mkdir()
        write_network(
            source,
            {f"contacts/{key}.yaml": contact_text(person) for key, person in people.items()},
        )
        exported = run("--dir", str(source), "export", "vcard", "--private")
        assert exported.code == 0, exported.err
        cards = Path(folder) / "all.vcf"
        cards.write_text(exported.out, encoding="utf-8")
        imported = run("--dir", str(target), "import", "vcard", str(cards))
        assert imported.code == 0, imported.out + imported.err
        before, after = load_network(source).contacts, load_network(target).contacts
    assert sorted(after) == sorted(before)
    for key, contact in before.items():
        assert {f: getattr(after[key], f) for f in KEPT} == {f: getattr(contact, f) for f in KEPT}
