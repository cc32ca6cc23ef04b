"""On generated contact files, the cached read gives exactly what the strict read gives."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reseau.files.filecache as filecache
from reseau.files.codec import codec_for, texts_in_lists_of
from reseau.files.model import Contact, plain
from reseau.files.store import Network, load_network

CODEC = codec_for(Contact)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
WORDS = st.one_of(
    TEXT,
    st.sampled_from(["0612345678", "NO", "yes", "null", "~", "", "1e3", "2026-02-30", "12:30"]),
)


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Valid values nine times in ten, so that most files validate and reach the cache."""
    return st.integers(0, 9).flatmap(lambda roll: good if roll else bad)


DATES = mostly(
    st.dates(date(1950, 1, 1), date(2100, 12, 31)).map(str),
    st.one_of(st.dates().map(str), st.sampled_from(["20261130", "tomorrow", "2026-11-30 10:00"])),
)
LEVELS = mostly(st.integers(0, 3).map(str), st.one_of(st.integers(-1, 4).map(str), WORDS))
SOMETHING = st.one_of(st.none(), WORDS, st.lists(WORDS, max_size=2))

INTERACTION = st.fixed_dictionaries(
    {"date": DATES},
    optional={
        "kind": mostly(st.sampled_from(["meeting", "call", "intro", "event"]), WORDS),
        "in_person": mostly(st.sampled_from(["true", "false", "no"]), WORDS),
        "tone": mostly(st.sampled_from(["positive", "neutral", "negative"]), WORDS),
        "note": WORDS,
        "gave": WORDS,
        "received": WORDS,
        "with": st.lists(WORDS, max_size=3),
    },
)
QUALIFICATION = st.fixed_dictionaries(
    {},
    optional={
        "nature": mostly(st.sampled_from(["client", "peer", "other"]), WORDS),
        "strength": LEVELS,
        "sharing": LEVELS,
        "influence": st.dictionaries(st.sampled_from(["lyon", "export"]), LEVELS, max_size=2),
        "pleasure": LEVELS,
        "on": DATES,
    },
)
FIELDS = st.fixed_dictionaries(
    {"name": WORDS},
    optional={
        "emails": st.lists(WORDS, max_size=2),
        "phones": st.lists(WORDS, max_size=2),
        "company": WORDS,
        "city": SOMETHING,
        "tags": st.lists(WORDS, max_size=3),
        "status": mostly(st.sampled_from(["active", "dormant", "archived"]), WORDS),
        "since": DATES,
        "cadence_days": LEVELS,
        "qualification": QUALIFICATION,
        "interactions": st.lists(INTERACTION, max_size=4),
        "notes": WORDS,
        "extra": st.dictionaries(WORDS, SOMETHING, max_size=2),
    },
)

CONTACT = st.tuples(FIELDS, st.integers(0, 9), WORDS).map(
    lambda drawn: {**drawn[0], "nmae": drawn[2]} if drawn[1] == 0 else drawn[0]
)


def render(data: dict[str, Any], flow: bool | None) -> str:
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False)


def same(a: Network, b: Network) -> None:
    assert a.contacts == b.contacts
    assert a.problems == b.problems
    assert a.skipped == b.skipped
    assert a.unvalidated == b.unvalidated
    for slug, contact in a.contacts.items():
        other = b.contacts[slug]
        assert plain(contact) == plain(other)
        for mine, theirs in zip(contact.interactions, other.interactions, strict=True):
            assert type(mine) is type(theirs)
            assert mine.with_ == theirs.with_


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts=st.lists(CONTACT, min_size=1, max_size=3), flow=st.sampled_from([None, False]))
def test_the_cached_read_is_the_strict_read(contacts: list[dict[str, Any]], flow: bool) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        root = Path(folder)
        (root / "contacts").mkdir()
        (root / "reseau.yaml").write_text("territories: [lyon, export]\n", encoding="utf-8")
        for index, data in enumerate(contacts):
            text = render(data, flow)
            (root / "contacts" / f"c{index}.yaml").write_text(text, encoding="utf-8")
        real = filecache.time.time_ns
        patch.setattr(filecache.time, "time_ns", lambda: real() + 10 * filecache.SETTLED_NS)
        strict = load_network(root, cached=False)
        filling = load_network(root)
        cached = load_network(root)
        same(strict, filling)
        same(strict, cached)
        stored = filecache.FileCache.open(root).entries
        assert set(stored) == {f"contacts/{slug}.yaml" for slug in strict.contacts}
        for _stamp, _name, encoded, refs in stored.values():  # what names whom: every list
            assert set(refs) == texts_in_lists_of(encoded) == CODEC.texts_in_lists(encoded)
