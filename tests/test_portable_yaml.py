"""What reseau writes reads the same in every YAML parser: PyYAML's pure-Python parser,
libyaml and ruamel.yaml (YAML 1.2) all read each text field as the very text reseau reads.

Any text goes through every kind of write (add, log, intro, promise, qualify, import, plan
new, week --done); the file is read back by the three parsers and each string the model
keeps as text is compared. Dates, numbers and true/false are written plain on purpose, for
other tools to read with their type: those are left out of the comparison.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from reseau.files.problems import ReseauError
from reseau.files.yamledit import is_safe_plain, quote, render_inline, render_key, render_text
from reseau.files.yamlio import parse_text

TODAY = date(2026, 11, 30)
TYPED_KEYS = frozenset(
    {"since", "cadence_days", "strength", "sharing", "pleasure", "efficiency", "on", "date"}
    | {"in_person", "by", "done", "minutes", "made"}
)
TRICKY = [
    "+33612345678", "0478123456", "NO", "no", "yes", "Yes", "on", "OFF", "y", "n", "~", "null",
    "Null", "12:30", "190:20:30", "0x1F", "0o17", "0b101", "1e3", "1_000", ".inf", "-.inf",
    ".NaN", "2026-11-30", "2026-11-30 10:00", "=", "<<", "tab\tinside", "what?", "a #b", "C#",
    "x: y", "key:", " lead", "trail ", "https://www.linkedin.com/in/x/?trk=a", "[a]", "{b}",
    "a, b", "- item", "? q", "!tag", "&anchor", "*alias", "%dir", "@at", "`tick", "'q'", '"q"',
    "---", "...", "|", ">", "\u2028", "\x85", "\ufeff", "é", "王芳", "+1", "-2", "3M", "1.",
    "a\nb", "a\n", "a\n\nb\n", "\x1b[31m", "\x00", "\x7f", "-", "--today", "-x", "- ", "-.5",
]  # fmt: skip
texts = st.sampled_from(TRICKY) | st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from(list(":#?,[]{}-'\" \t\n")),
    min_size=1,
    max_size=30,
)


def _pure(text: str) -> Any:
    return yaml.load(text, Loader=yaml.SafeLoader)


def _libyaml(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _ruamel(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


PARSERS: dict[str, Callable[[str], Any]] = {"pyyaml": _pure, "libyaml": _libyaml, "ruamel": _ruamel}


def text_leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string the model keeps as text, with its path (typed values left out)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TYPED_KEYS or (path and path[-1] == "influence"):
                continue
            yield from text_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_leaves(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def keys_of(data: Any) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (key,)
            yield from ((key, *rest) for rest in keys_of(value))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from ((index, *rest) for rest in keys_of(value))


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def assert_portable(path: Path) -> dict[str, Any]:
    """The file's text fields read alike by reseau and the three parsers; reseau's data."""
    text = path.read_text(encoding="utf-8")
    ours = parse_text(text, path.name)
    assert ours.data is not None and not ours.problems, ours.problems
    for name, parser in PARSERS.items():
        theirs = parser(text)
        assert sorted(map(str, keys_of(theirs))) == sorted(map(str, keys_of(ours.data))), name
        for where, value in text_leaves(ours.data):
            assert at(theirs, where) == value, (name, where, text)
    return ours.data


def network(root: Path, contacts: dict[str, str] | None = None) -> Path:
    (root / "contacts").mkdir()
    (root / "plans").mkdir()
    (root / "reseau.yaml").write_text(
        "owner: X\nobjectives:\n  clients: {goal: referrals}\nterritories: [lyon]\n",
        encoding="utf-8",
    )
    for slug, body in (contacts or {"ada": "name: Ada\n", "bob": "name: Bob\n"}).items():
        (root / "contacts" / f"{slug}.yaml").write_text(body, encoding="utf-8")
    return root


def written(action: Callable[[Path], None], **files: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = network(Path(folder), files or None)
        try:
            action(root)
        except ReseauError:
            return  # refused (a name with a control character, an e-mail that is not one)
        yield root


slow = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@slow
@given(name=texts, company=texts, city=texts, phone=texts, tag=texts, notes=texts)
def test_add(name: str, company: str, city: str, phone: str, tag: str, notes: str) -> None:
    from reseau.actions.add import NewContact, add_contact

    new = NewContact(name, phones=[phone], company=company, city=city, tags=[tag], notes=notes)
    slugs: list[str] = []

    def act(root: Path) -> None:
        slugs.append(add_contact(root, new, slug="new", same_name=True)[0])

    for root in written(act):
        data = assert_portable(root / "contacts" / f"{slugs[0]}.yaml")
        assert (data["name"], data["company"], data["city"]) == (name, company, city)
        assert (data["phones"], data["tags"], data["notes"]) == ([phone], [tag], notes)


@slow
@given(note=texts, gave=texts, received=texts)
def test_log(note: str, gave: str, received: str) -> None:
    from reseau.actions.log import Entry, log_interaction
    from reseau.files.store import load_network

    entry = Entry(TODAY, "call", note=note, gave=gave, received=received, with_=("bob",))

    def act(root: Path) -> None:
        log_interaction(root, load_network(root), "ada", entry)

    for root in written(act, ada="name: Ada\ninteractions:\n  - date: 2026-01-05\n"):
        data = assert_portable(root / "contacts" / "ada.yaml")
        item = data["interactions"][-1]
        assert (item["note"], item["gave"], item["received"]) == (note, gave, received)


@slow
@given(note=texts, first=texts, second=texts)
def test_intro(note: str, first: str, second: str) -> None:
    """The note, and the gift named after the other person (a name from the file)."""
    from reseau.actions.log import introduce
    from reseau.files.store import load_network

    def act(root: Path) -> None:
        network_ = load_network(root)
        if sorted(network_.contacts) != ["ada", "bob"]:
            raise ReseauError("a name a contact file cannot hold")
        introduce(root, network_, "ada", "bob", TODAY, note)

    files = {"ada": f"name: {quote(first)}\n", "bob": f"name: {quote(second)}\n"}
    for root in written(act, **files):
        for slug in ("ada", "bob"):
            item = assert_portable(root / "contacts" / f"{slug}.yaml")["interactions"][-1]
            assert item["note"] == note
            assert item["gave"].startswith("Introduction to ")


@slow
@given(what=texts)
def test_promise(what: str) -> None:
    from reseau.actions.promise import NewPromise, add_promise, close_promise
    from reseau.files.store import load_network

    def act(root: Path) -> None:
        add_promise(root, load_network(root), "ada", NewPromise(what, TODAY, TODAY))
        close_promise(root, load_network(root), "ada", None, TODAY)

    for root in written(act):
        data = assert_portable(root / "contacts" / "ada.yaml")
        assert data["promises"][0]["what"] == what


@slow
@given(territory=texts)
def test_qualify(territory: str) -> None:
    """A territory of reseau.yaml becomes a key of the contact's influence."""
    from reseau.actions.qualify import Answers, qualify_contact
    from reseau.files.store import load_network

    def act(root: Path) -> None:
        settings_text = f"owner: X\nterritories: [{quote(territory)}]\n"
        (root / "reseau.yaml").write_text(settings_text, encoding="utf-8")
        network_ = load_network(root)
        if network_.settings.territories != [territory]:
            raise ReseauError("not a territory reseau.yaml can hold")
        qualify_contact(root, network_, "ada", Answers(strength=2, influence={territory: 3}), TODAY)

    for root in written(act):
        data = assert_portable(root / "contacts" / "ada.yaml")
        assert list(data["qualification"]["influence"]) == [territory]
        for name, parser in PARSERS.items():
            theirs = parser((root / "contacts" / "ada.yaml").read_text(encoding="utf-8"))
            assert list(theirs["qualification"]["influence"]) == [territory], name


@slow
@given(name=texts, company=texts, phone=texts, link=texts, email_user=texts)
def test_import(name: str, company: str, phone: str, link: str, email_user: str) -> None:
    from reseau.actions.importing import ImportOptions, import_people
    from reseau.formats.importers.records import ImportedPerson, ParseResult, clean_text

    person = ImportedPerson(1, name, phones=[phone], company=company, links=[link])
    parsed = ParseResult([person], [])
    merged = ImportedPerson(2, "Ada", emails=[f"{email_user}@x.org"], phones=[phone], links=[link])

    def act(root: Path) -> None:
        if not clean_text(name).strip():
            raise ReseauError("an importer never gives an empty name")
        import_people(root, parsed, ImportOptions())
        import_people(root, ParseResult([merged], []), ImportOptions())

    for root in written(act):
        for path in (root / "contacts").iterdir():
            assert_portable(path)


@slow
@given(why=texts, what=texts, channel=texts)
def test_plan_new(why: str, what: str, channel: str) -> None:
    """Items carried over from the last quarter keep their text, written anew."""
    from reseau.actions.plan_new import draft_plan, write_draft
    from reseau.files.quarters import Quarter
    from reseau.files.store import load_network

    old = (
        "quarter: 2026-Q3\n"
        f"meet:\n  - {{contact: ada, why: {quote(why)}, channel: {quote(channel)}}}\n"
        f"animate:\n  - {{what: {quote(what)}, invite: [clients]}}\n"
        f"reputation:\n  - {{what: {quote(what)}, channel: {quote(channel)}}}\n"
    )

    def act(root: Path) -> None:
        (root / "plans" / "2026-Q3.yaml").write_text(old, encoding="utf-8")
        network_ = load_network(root)
        if "2026-Q3" not in network_.plans:
            raise ReseauError("a plan reseau cannot read")
        write_draft(network_, draft_plan(network_, Quarter.parse("2026-Q4"), TODAY))

    for root in written(act):
        data = assert_portable(root / "plans" / "2026-Q4.yaml")
        assert (data["meet"][0]["why"], data["meet"][0]["channel"]) == (why, channel)
        assert (data["animate"][0]["what"], data["reputation"][0]["what"]) == (what, what)


@slow
@given(note=texts)
def test_week_done(note: str) -> None:
    from reseau.actions.journal import session_note, write_session

    kept = session_note(note)

    def act(root: Path) -> None:
        (root / "journal.yaml").write_text("sessions:\n  - {date: 2026-11-23}\n")
        write_session(root, TODAY, 30, kept)

    for root in written(act):
        data = assert_portable(root / "journal.yaml")
        assert data["sessions"][-1].get("note") == kept


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("in_flow", [False, True])
def test_every_renderer_reads_back_in_every_parser(text: str, in_flow: bool) -> None:
    value = render_inline([text]) if in_flow else render_inline(text)
    key = render_key(text, in_flow=in_flow)
    document = f"inline_: {value}\n{key}: v\nblock_: {render_text(text)}\n"
    for name, parser in PARSERS.items():
        data = parser(document)
        assert data["inline_"] == ([text] if in_flow else text), (name, document)
        assert data[text] == "v", (name, document)
        assert data["block_"] == text, (name, document)


@pytest.mark.parametrize(
    "text",
    ["+33612345678", "0478123456", "NO", "yes", "on", "12:30", "0x1F", "~", "1e3", ".inf"],
)
def test_what_a_parser_would_type_is_quoted(text: str) -> None:
    assert not is_safe_plain(text, in_flow=False)
    assert render_inline(text) == f'"{text}"'


@pytest.mark.parametrize(
    "text",
    ["Marie Dupont", "+33 6 12 34 56", "06 12 34 56", "https://x.org/a:b", "3M", "C#", "--today"],
)
def test_safe_text_stays_plain(text: str) -> None:
    assert render_inline(text) == text
    assert render_inline([text]) == f"[{text}]"
