"""Introductions to suggest (recommendation 8), across circles first (recommendation 9).

A pair is worth introducing when both people are active and qualified, share a territory
(both with an influence of 2 or more there) or a tag, and do not know each other through
the files yet: no introduction of one to the other, and no meeting, meal or event logged with
both of them present. Pairs across circles (both have circles, and share none) come first,
then the best combined score.

A network of ten thousand contacts has fifty million pairs, so suggestions are produced
lazily, best first: contacts are grouped by what they share and, inside a group, by their
circles; each pair of sub-groups yields its pairs in descending combined score from a heap,
and the streams are merged. Taking the first few costs little more than sorting the groups.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from datetime import date
from typing import Any

from reseau.files.i18n import _
from reseau.files.model import Contact, Interaction, Settings
from reseau.method import activity, scoring

INFLUENCE_FLOOR = 2

Pair = frozenset[str]
_NONE: frozenset[int] = frozenset()
_Key = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class Candidate:
    slug: str
    score: int
    circles: frozenset[str]
    territories: frozenset[str]
    tags: frozenset[str]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two contacts to introduce; `first` has the better score."""

    first: str
    second: str
    score: int
    across: bool
    territories: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def pair(self) -> Pair:
        return frozenset((self.first, self.second))

    def shared(self) -> str:
        """What makes the pair worth it, in words: the territories first, then the tags."""
        parts = []
        if self.territories:
            parts.append(
                _("both influential in {territories}").format(
                    territories=", ".join(self.territories)
                )
            )
        if self.tags:
            parts.append(_("both tagged {tags}").format(tags=", ".join(self.tags)))
        return "; ".join(parts)

    def shared_keys(self) -> str:
        """The territories and tags in common, in a few words: `lyon-industry, robotics`."""
        return ", ".join(dict.fromkeys((*self.territories, *self.tags)))

    def to_json(self) -> dict[str, Any]:
        return {
            "contacts": [self.first, self.second],
            "score": self.score,
            "across_circles": self.across,
            "territories": list(self.territories),
            "tags": list(self.tags),
        }


def is_across(first: Collection[str], second: Collection[str]) -> bool:
    """Across circles: both people have circles, and share none."""
    return bool(first) and bool(second) and not set(first) & set(second)


class Acquaintances:
    """Who already knows whom: two people are acquainted when they were part of the same
    gathering (an intro, or a meeting, meal or event with others present), whichever file
    holds it.

    The gatherings a person was part of are their own file's and those other files hold with
    them in `with` (`activity.seen_elsewhere`, which the agenda has already): nothing is
    indexed here, and a question builds the set of gatherings of the one person it is about.
    Storing pairs would not stay linear: one meeting with 3,000 names is 4.5 million pairs.
    """

    def __init__(
        self,
        contacts: Mapping[str, Contact],
        seen: Mapping[str, activity.Elsewhere],
        today: date | None = None,
    ) -> None:
        self._contacts = contacts
        self._seen = seen
        self._today = today
        self._sets: dict[str, Set[int]] = {}

    def _counts(self, interaction: Interaction) -> bool:
        return (self._today is None or interaction.date <= self._today) and _brings_together(
            interaction
        )

    def _gatherings(self) -> Iterator[tuple[str, Interaction]]:
        for slug, contact in self._contacts.items():
            for interaction in contact.interactions:
                if self._counts(interaction) and set(interaction.with_) - {slug}:
                    yield slug, interaction

    def __len__(self) -> int:
        """How many gatherings: what this answers about, whatever their sizes."""
        return sum(1 for _gathering in self._gatherings())

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, frozenset) or len(pair) != 2:
            return False
        first, second = pair
        return not self._set_of(first).isdisjoint(self._set_of(second))

    def _set_of(self, slug: str) -> Set[int]:
        """The person's gatherings, made on the first question about them. A gathering is
        known by its interaction's identity: each is read into its own object, and the
        contacts this was made from hold them all while it is asked."""
        found = self._sets.get(slug)
        if found is None:
            contact = self._contacts.get(slug)
            own = contact.interactions if contact is not None else ()
            found = {id(i) for i in own if self._counts(i)}
            found.update(id(i) for _author, i in self._seen.get(slug, ()) if self._counts(i))
            self._sets[slug] = found = found or _NONE
        return found

    def pairs(self) -> set[Pair]:
        """Every acquainted pair (quadratic in a gathering's size: for small networks)."""
        return {
            frozenset(pair)
            for slug, interaction in self._gatherings()
            for pair in itertools.combinations(sorted({slug, *interaction.with_}), 2)
        }


def known_pairs(
    contacts: Mapping[str, Contact],
    today: date | None = None,
    seen: Mapping[str, activity.Elsewhere] | None = None,
) -> Acquaintances:
    """Pairs already acquainted: introduced, or logged together in person (up to `today`);
    `seen`: `activity.seen_elsewhere` of the contacts, when the caller already has it."""
    return Acquaintances(
        contacts, activity.seen_elsewhere(contacts) if seen is None else seen, today
    )


def _brings_together(interaction: Interaction) -> bool:
    return bool(interaction.with_) and (interaction.kind == "intro" or interaction.is_in_person)


class IntroFinder:
    """The introductions worth making in a network, best first."""

    def __init__(
        self,
        contacts: dict[str, Contact],
        settings: Settings,
        scores: Mapping[str, int | None] | None = None,
        today: date | None = None,
        seen: Mapping[str, activity.Elsewhere] | None = None,
    ) -> None:
        """`scores` and `seen` (`activity.seen_elsewhere`), when the caller has them already,
        save computing them again; what is dated after `today` has not happened, so it does
        not make a pair acquainted."""
        known = scores if scores is not None else {}
        self.candidates = {
            c.slug: c for c in _candidates(contacts, settings, known) if c.territories or c.tags
        }
        self.known = known_pairs(contacts, today, seen)
        self._sharing: dict[str, list[Candidate]] | None = None

    def best(self) -> Iterator[Suggestion]:
        """Every pair worth introducing: across circles first, then by combined score."""
        streams = [_stream(a, b) for a, b in _sub_group_pairs(self._groups())]
        seen: set[Pair] = set()
        for _score, _order, first, second in heapq.merge(*streams):
            pair = frozenset((first, second))
            if pair in seen or pair in self.known:
                continue
            seen.add(pair)
            yield self._suggestion(first, second)

    def best_for(self, slug: str, excluded: Collection[Pair] = ()) -> Suggestion | None:
        """The best pair to make with `slug` (across circles first, then the partner's
        score), leaving out the `excluded` pairs.

        Each group `slug` shares is walked best first and only until its first partner
        across circles: that partner is the group's best, and a partner not across circles
        can only win when no group has one across.
        """
        me = self.candidates.get(slug)
        if me is None:
            return None
        across: list[Candidate] = []
        others: list[Candidate] = []
        for group in self._groups_of(me):
            found = self._first_partners(me, group, excluded)
            if found[1] is not None:
                across.append(found[1])
            elif found[0] is not None:
                others.append(found[0])
        best = min(across or others, key=_rank, default=None)
        return None if best is None else self._suggestion(*_ordered(me, best))

    def _first_partners(
        self, me: Candidate, group: list[Candidate], excluded: Collection[Pair]
    ) -> tuple[Candidate | None, Candidate | None]:
        """In a group sorted best first: the first partner `me` may be introduced to, and
        the first of them across circles (None when there is none)."""
        first: Candidate | None = None
        for other in group:
            if other.slug == me.slug:
                continue
            pair = frozenset((me.slug, other.slug))
            if pair in self.known or pair in excluded:
                continue
            if first is None:
                first = other
            if is_across(me.circles, other.circles):
                return first, other
        return first, None

    def _groups_of(self, me: Candidate) -> Iterator[list[Candidate]]:
        """The groups of candidates sharing a territory or a tag with `me`, each sorted best
        first; indexed once, so a call costs what it walks, not the network."""
        if self._sharing is None:
            self._sharing = {
                key: sorted(members, key=_rank) for key, members in self._by_key().items()
            }
        for key in (*("territory:" + t for t in me.territories), *("tag:" + t for t in me.tags)):
            yield self._sharing[key]

    def _by_key(self) -> dict[str, list[Candidate]]:
        groups: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in self.candidates.values():
            for territory in candidate.territories:
                groups["territory:" + territory].append(candidate)
            for tag in candidate.tags:
                groups["tag:" + tag].append(candidate)
        return groups

    def _groups(self) -> list[list[Candidate]]:
        groups = self._by_key()
        return [members for _key, members in sorted(groups.items()) if len(members) > 1]

    def _suggestion(self, first: str, second: str) -> Suggestion:
        a, b = self.candidates[first], self.candidates[second]
        return Suggestion(
            first=first,
            second=second,
            score=a.score + b.score,
            across=is_across(a.circles, b.circles),
            territories=tuple(sorted(a.territories & b.territories)),
            tags=tuple(sorted(a.tags & b.tags)),
        )


def _candidates(
    contacts: dict[str, Contact], settings: Settings, scores: Mapping[str, int | None]
) -> Iterator[Candidate]:
    # Thousands of candidates have the same circles, territories or tags: one set for all of
    # them (a set costs hundreds of bytes).
    shared: dict[frozenset[str], frozenset[str]] = {}

    def one(values: frozenset[str]) -> frozenset[str]:
        return shared.setdefault(values, values)

    for slug, contact in contacts.items():
        if not contact.is_active:
            continue
        value = scores[slug] if slug in scores else scoring.score(contact, settings)
        if not contact.is_active or value is None or contact.qualification is None:
            continue
        influence = contact.qualification.influence
        territories = frozenset(
            t
            for t, level in influence.items()
            if level >= INFLUENCE_FLOOR and (not settings.territories or t in settings.territories)
        )
        tags = frozenset(tag.strip().casefold() for tag in contact.tags if tag.strip())
        yield Candidate(slug, value, one(frozenset(contact.circles)), one(territories), one(tags))


def _ordered(a: Candidate, b: Candidate) -> tuple[str, str]:
    return (a.slug, b.slug) if _rank(a) <= _rank(b) else (b.slug, a.slug)


def _rank(candidate: Candidate) -> tuple[int, str]:
    return (-candidate.score, candidate.slug)


def _sub_group_pairs(
    groups: Iterable[list[Candidate]],
) -> Iterator[tuple[list[Candidate], list[Candidate]]]:
    """For each group, every pair of its sub-groups by circles (a sub-group with itself too)."""
    for members in groups:
        by_circles: dict[frozenset[str], list[Candidate]] = defaultdict(list)
        for candidate in sorted(members, key=_rank):
            by_circles[candidate.circles].append(candidate)
        parts = list(by_circles.values())
        for i, part in enumerate(parts):
            for other in parts[i:]:
                yield part, other


def _stream(a: list[Candidate], b: list[Candidate]) -> Iterator[_Key]:
    across = is_across(a[0].circles, b[0].circles)
    pairs = _pairs_within(a) if a is b else _pairs_between(a, b)
    for i, j in pairs:
        first, second = _ordered(i, j)
        yield (0 if across else 1, -(i.score + j.score), first, second)


def _pairs_within(members: list[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    """Pairs of a list sorted best first, in descending combined score.

    Each pair (i, j) but the first has one parent, (i, j - 1), or (i - 1, j) when j is i + 1,
    never worth less: the heap starts from the best pair alone and holds at most one pair per
    row, so a stream costs what is taken from it (the agenda opens one per group, takes few).
    """
    if len(members) < 2:
        return
    heap = [(-(members[0].score + members[1].score), 0, 1)]
    while heap:
        _cost, i, j = heapq.heappop(heap)
        yield members[i], members[j]
        children = [(i, j + 1)] + ([(i + 1, j)] if j == i + 2 else [])
        for ni, nj in children:
            if nj < len(members):
                heapq.heappush(heap, (-(members[ni].score + members[nj].score), ni, nj))


def _pairs_between(a: list[Candidate], b: list[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    """Pairs of one of each list (both sorted best first), in descending combined score."""
    heap = [(-(a[0].score + b[0].score), 0, 0)]
    queued = {(0, 0)}
    while heap:
        _cost, i, j = heapq.heappop(heap)
        yield a[i], b[j]
        for ni, nj in ((i + 1, j), (i, j + 1)):
            if ni < len(a) and nj < len(b) and (ni, nj) not in queued:
                queued.add((ni, nj))
                heapq.heappush(heap, (-(a[ni].score + b[nj].score), ni, nj))
