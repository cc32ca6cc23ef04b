"""Three versions of a network file merged as data, written onto our side's text.

git calls the merge driver when both sides changed the same file. A text merge conflicts on
every pair of interactions logged on two devices, because both append at the end of the same
list; as data they simply add up. The rules:

- interactions, promises, journal sessions and plan items are unions by identity (an
  interaction is its date, kind, note and `with`; a session its date; a meet item its
  contact; an animate or reputation item, or a promise, its `what`), new ones placed in
  date order (plan items after the item that precedes them on their side). An interaction
  whose note or `with` one side edited is still the same interaction when it is the only one
  of its date and kind that changed there, so it merges field by field with the other
  side's edit rather than coming out twice. An item edited
  on one side and untouched on the other takes the edit; deleted on one side and untouched
  on the other is deleted; deleted on one side and edited on the other is kept with the
  edit, so nothing written is lost;
- lists of values (emails, phones, links, circles, tags, focus, invite...): the additions and
  the removals of both sides;
- mappings merge key by key; a single value changed on both sides to different values is a
  conflict, and only that.

The result is our side's text changed through the surgical editor, so our comments and layout
stay; an item that came from their side is copied with its own text (and its comments). A
conflict is written between git's markers around that field's lines only.

Kept light: git starts one process per file to merge, so this imports only the read path and
the editor.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from reseau.files.i18n import _
from reseau.files.yamledit import Document, EditError, Typed, _line_start, item_text
from reseau.files.yamlio import compose, parse_bytes, parse_text

Path_ = list[str | int]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
OURS_LABEL = "ours"
THEIRS_LABEL = "theirs"

CONTACT_ORDER = (
    "name", "emails", "phones", "company", "role", "city", "links", "circles", "tags",
    "status", "held_by", "since", "birthday", "dates", "cadence_days", "qualification",
    "interactions", "promises", "notes", "extra",
)  # fmt: skip
PLAN_ORDER = ("quarter", "focus", "meet", "animate", "reputation")


def _interaction_id(item: dict[str, Any]) -> tuple[Any, ...]:
    others = item.get("with")
    listed = tuple(sorted(str(o) for o in others)) if isinstance(others, list) else others
    return (item.get("date"), item.get("kind") or "meeting", item.get("note"), listed)


IDENTITY: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    "interactions": _interaction_id,
    "sessions": lambda item: (item.get("date"), item.get("by")),
    "meet": lambda item: (item.get("contact"),),
    "animate": lambda item: (item.get("what"),),
    "reputation": lambda item: (item.get("what"),),
    "promises": lambda item: (item.get("what"),),
}
DATED = frozenset({"interactions", "sessions"})
# An interaction's identity holds its note and `with`, which a user may edit in place.
EDITED_IN_PLACE = frozenset({"interactions"})


@dataclass(slots=True)
class Conflict:
    """A single value changed on both sides: where it is in our text, and each side's value."""

    path: Path_
    ours: Any
    theirs: Any


@dataclass(slots=True)
class Result:
    """The merged text (None: the versions could not be merged as data) and its conflicts."""

    text: str | None
    conflicts: list[Conflict]


def merge_texts(base: bytes, ours: bytes, theirs: bytes, relpath: str) -> Result:
    """The three versions merged as data onto our text; None when one does not parse.

    Our text is first given their side's changes that git's line merge takes without a
    conflict (a comment they wrote, a line they changed where we changed nothing), as long as
    that gives the same data in the end: so their comments stay too, not only ours.
    """
    loaded = [parse_bytes(raw, relpath) for raw in (base, ours, theirs)]
    if any(version.problems for version in loaded[1:]) or (base.strip() and loaded[0].problems):
        return Result(None, [])
    base_data = loaded[0].data if base.strip() else {}
    ours_data, theirs_data = loaded[1].data, loaded[2].data
    assert base_data is not None and ours_data is not None and theirs_data is not None
    bom = "\ufeff" if loaded[1].bom else ""
    order = _order_for(relpath)
    merged = _merge_onto(loaded[1].text, ours_data, base_data, loaded[2].text, theirs_data, order)
    if merged is None:
        return Result(None, [])
    combined = parse_bytes(_line_merge(base, ours, theirs) or ours, relpath)
    if combined.text != loaded[1].text and combined.data is not None and not combined.problems:
        better = _merge_onto(
            combined.text, combined.data, base_data, loaded[2].text, theirs_data, order
        )
        if better is not None and _same_outcome(better, merged):
            merged = better
    return Result(bom + merged.text, merged.conflicts)


def merge_onto(base_data: dict[str, Any], ours: bytes, theirs: bytes, relpath: str) -> Result:
    """Two versions merged onto our text, the base given as data: `reseau merge` makes one
    up, so that on each field the side meant to win reads as the side that changed it."""
    our_side, their_side = parse_bytes(ours, relpath), parse_bytes(theirs, relpath)
    if our_side.problems or their_side.problems:
        return Result(None, [])
    if our_side.data is None or their_side.data is None:
        return Result(None, [])
    order = _order_for(relpath)
    merged = _merge_onto(
        our_side.text, our_side.data, base_data, their_side.text, their_side.data, order
    )
    if merged is None:
        return Result(None, [])
    bom = "\ufeff" if our_side.bom else ""
    return Result(bom + merged.text, merged.conflicts)


def _merge_onto(
    text: str,
    data: dict[str, Any],
    base: dict[str, Any],
    theirs_text: str,
    theirs: dict[str, Any],
    order: Sequence[str],
) -> _Merger | None:
    try:
        data, theirs = _as_written(compose(text), data), _as_written(compose(theirs_text), theirs)
        merger = _Merger(text, data, theirs_text, order)
        merger.mapping([], [], base, data, theirs)
        merger.text = merger.finish()
    except (EditError, yaml.YAMLError):
        return None
    return merger


def _as_written(node: yaml.Node | None, value: Any) -> Any:
    """`value` with each text its side wrote plain marked Typed, so that what is taken from
    that side is written plain again (`cadence_days: 45`, not `"45"`): the read path keeps
    every scalar as text. Quoted text stays text, quoted where it needs to be."""
    if isinstance(node, yaml.ScalarNode):
        plain = type(value) is str and not node.style
        return Typed(value) if plain else value
    if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
        nodes = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        return {key: _as_written(nodes.get(key), item) for key, item in value.items()}
    if isinstance(node, yaml.SequenceNode) and isinstance(value, list):
        if len(node.value) != len(value):
            return value
        return [_as_written(n, item) for n, item in zip(node.value, value, strict=True)]
    return value


def _same_outcome(one: _Merger, other: _Merger) -> bool:
    if [c.path for c in one.conflicts] != [c.path for c in other.conflicts]:
        return False
    first, second = (parse_text(m.document.text, "").data for m in (one, other))
    return bool(_canonical(first) == _canonical(second))


def _canonical(data: dict[str, Any] | None) -> Any:
    """The data with the order of identity lists left out: git may place same-day items
    either way, and both are right."""
    if data is None:
        return None
    return {
        key: sorted(value, key=repr) if key in IDENTITY and isinstance(value, list) else value
        for key, value in data.items()
    }


def _line_merge(base: bytes, ours: bytes, theirs: bytes) -> bytes | None:
    """git's line merge, our lines kept where both sides changed the same ones."""
    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory(prefix="reseau-merge-") as folder:
        paths = []
        for name, raw in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = os.path.join(folder, name)
            with open(path, "wb") as handle:
                handle.write(raw)
            paths.append(path)
        result = subprocess.run(
            [git, "merge-file", "-p", "--ours", *paths], capture_output=True, check=False
        )
    return result.stdout if result.returncode >= 0 else None


def _order_for(relpath: str) -> tuple[str, ...]:
    if relpath.startswith("contacts/") or "/contacts/" in relpath:
        return CONTACT_ORDER
    if relpath.startswith("plans/") or "/plans/" in relpath:
        return PLAN_ORDER
    return ()


def _same(a: Any, b: Any) -> bool:
    """Equal as data: a key that is missing, null or empty says the same thing."""
    return bool(_normal(a) == _normal(b))


def _normal(value: Any) -> Any:
    return None if value is MISSING or value in ([], {}, None) else value


class _Merger:
    def __init__(
        self, ours_text: str, ours_data: dict[str, Any], theirs_text: str, order: Sequence[str]
    ) -> None:
        self.document = Document(ours_text, ours_data)
        self.theirs_text = theirs_text
        self.theirs_root = compose(theirs_text)
        self.order = order
        self.conflicts: list[Conflict] = []
        self.text = ""  # the result, markers included, once finished

    # --- the data ----------------------------------------------------------------------

    def mapping(self, path: Path_, theirs_path: Path_, base: Any, ours: Any, theirs: Any) -> None:
        base = base if isinstance(base, dict) else {}
        keys = list(ours) + [key for key in theirs if key not in ours]
        for key in keys:
            self.value(
                [*path, key],
                [*theirs_path, key],
                base.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
            )

    def value(self, path: Path_, theirs_path: Path_, base: Any, ours: Any, theirs: Any) -> None:
        if _same(ours, theirs) or _same(theirs, base):
            return
        if isinstance(ours, dict) and isinstance(theirs, dict):
            self.mapping(path, theirs_path, base, ours, theirs)
        elif isinstance(ours, list) and isinstance(theirs, list) and _listish(base):
            self.sequence(path, theirs_path, base if isinstance(base, list) else [], ours, theirs)
        elif _same(ours, base):
            self.take(path, ours, theirs)
        else:
            self.conflict(path, ours, theirs)

    def take(self, path: Path_, ours: Any, theirs: Any) -> None:
        if theirs is MISSING:
            self.document.remove(path)
        else:
            order = self.order if len(path) == 1 else ()
            self.document.set(path, copy.deepcopy(theirs), order=order)

    def conflict(self, path: Path_, ours: Any, theirs: Any) -> None:
        if ours is MISSING:  # the key must be in the text for markers to surround it
            self.take(path, ours, theirs)
        self.conflicts.append(Conflict(path, ours, theirs))

    def sequence(
        self, path: Path_, theirs_path: Path_, base: list[Any], ours: list[Any], theirs: list[Any]
    ) -> None:
        key = path[-1]
        everything = [*base, *ours, *theirs]
        if (
            isinstance(key, str)
            and key in IDENTITY
            and all(isinstance(i, dict) for i in everything)
        ):
            self.items(path, theirs_path, IDENTITY[key], base, ours, theirs)
        elif not any(isinstance(item, dict | list) for item in everything):
            self.values(path, base, ours, theirs)
        elif _same(ours, base):
            self.take(path, ours, theirs)
        else:
            self.conflict(path, ours, theirs)

    def values(self, path: Path_, base: list[Any], ours: list[Any], theirs: list[Any]) -> None:
        """A list of values: what either side removed goes, what either side added comes."""
        removed = [value for value in base if value not in theirs]
        for index in range(len(ours) - 1, -1, -1):
            if ours[index] in removed:
                self.document.remove([*path, index])
        current = list(self.document.get(path) or [])
        for value in theirs:
            if value not in base and value not in current:
                self.document.insert(path, value)
                current.append(value)

    def items(
        self,
        path: Path_,
        theirs_path: Path_,
        identity: Callable[[dict[str, Any]], tuple[Any, ...]],
        base: list[Any],
        ours: list[Any],
        theirs: list[Any],
    ) -> None:
        """A union by identity: deletions first, then their new items, then each edit."""
        base_ids, ours_ids, theirs_ids = (
            _identities(items, identity) for items in (base, ours, theirs)
        )
        if path[-1] in EDITED_IN_PLACE:
            ours_ids = _follow_edits(base_ids, base, ours_ids, ours)
            theirs_ids = _follow_edits(base_ids, base, theirs_ids, theirs)
        base_by, theirs_by = (
            dict(zip(base_ids, base, strict=True)),
            dict(zip(theirs_ids, theirs, strict=True)),
        )
        current = list(ours_ids)
        for index in range(len(ours) - 1, -1, -1):
            item_id = ours_ids[index]
            deleted = item_id in base_by and item_id not in theirs_by
            if deleted and _same(ours[index], base_by[item_id]):
                self.document.remove([*path, index])
                del current[index]
        dated = path[-1] in DATED
        for position, item_id in enumerate(theirs_ids):
            if item_id in current or (
                item_id in base_by and _same(theirs[position], base_by[item_id])
            ):
                continue  # ours already, or deleted here and untouched there
            at = (
                _dated_position(self.document.get(path) or [], theirs[position])
                if dated
                else (_after_predecessor(current, theirs_ids[:position]))
            )
            self.insert(path, [*theirs_path, position], at, theirs[position])
            current.insert(at, item_id)
        for index, item_id in enumerate(current):
            if item_id in theirs_by and item_id in ours_ids:
                ours_item = ours[ours_ids.index(item_id)]
                self.mapping(
                    [*path, index],
                    [*theirs_path, theirs_ids.index(item_id)],
                    base_by.get(item_id, {}),
                    ours_item,
                    theirs_by[item_id],
                )

    def insert(self, path: Path_, theirs_item_path: Path_, at: int, item: Any) -> None:
        """Their item with its own text when it reads back the same here, else rendered."""
        written = None
        if self.theirs_root is not None:
            written = item_text(
                self.theirs_text, self.theirs_root, theirs_item_path[:-1], int(theirs_item_path[-1])
            )
        if written is not None and self.document.insert_text(path, at, item, *written):
            return
        self.document.insert(path, copy.deepcopy(item), index=at, order=self.order)

    # --- the text ----------------------------------------------------------------------

    def finish(self) -> str:
        """Our text with every change made, and git's markers around each conflict."""
        text = self.document.text
        if not self.conflicts:
            return text
        root = compose(text)
        regions = sorted(
            ((*_region(text, root, conflict.path), conflict) for conflict in self.conflicts),
            key=lambda entry: entry[0],
        )
        groups: list[tuple[int, int, list[Conflict]]] = []
        for start, end, conflict in regions:
            if groups and start < groups[-1][1]:
                previous = groups[-1]
                groups[-1] = (previous[0], max(previous[1], end), [*previous[2], conflict])
            else:
                groups.append((start, end, [conflict]))
        newline = self.document.newline
        blocks = [
            (
                start,
                end,
                f"<<<<<<< {OURS_LABEL}{newline}"
                + _side(text, start, end, conflicts, lambda c: c.ours)
                + f"======={newline}"
                + _side(text, start, end, conflicts, lambda c: c.theirs)
                + f">>>>>>> {THEIRS_LABEL}{newline}",
            )
            for start, end, conflicts in groups
        ]
        for start, end, block in reversed(blocks):
            text = text[:start] + block + text[end:]
        return text


def _listish(value: Any) -> bool:
    return value is MISSING or value is None or isinstance(value, list)


def _identities(
    items: list[Any], identity: Callable[[dict[str, Any]], tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Each item's identity, numbered when the same one is there twice (two equal items)."""
    seen: dict[tuple[Any, ...], int] = {}
    result = []
    for item in items:
        key = identity(item)
        seen[key] = seen.get(key, 0) + 1
        result.append((*key, seen[key]))
    return result


def _follow_edits(
    base_ids: list[tuple[Any, ...]],
    base: list[Any],
    side_ids: list[tuple[Any, ...]],
    side: list[Any],
) -> list[tuple[Any, ...]]:
    """`side_ids`, where an item that replaced a base item in place keeps the base's identity.

    Editing an interaction's note or `with` changes its identity: without this, the edit on
    one device and a change of its tone on the other would come out as two interactions. A
    base item gone from this side, and an item new on this side, both alone with their date
    and kind on their side, are one interaction edited; the union then merges them field by
    field, so the note comes from one side and the tone from the other.
    """
    side_set, base_set = set(side_ids), set(base_ids)
    gone = _alone_by_day(
        [(key, item) for key, item in zip(base_ids, base, strict=True) if key not in side_set]
    )
    new = _alone_by_day(
        [(key, item) for key, item in zip(side_ids, side, strict=True) if key not in base_set]
    )
    renamed = {new[day]: gone[day] for day in new.keys() & gone.keys()}
    return [renamed.get(key, key) for key in side_ids]


def _alone_by_day(keyed: list[tuple[tuple[Any, ...], Any]]) -> dict[tuple[Any, ...], Any]:
    """Each (date, kind) that exactly one of the items has, with that item's identity."""
    by_day: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for key, item in keyed:
        if isinstance(item, dict):
            by_day.setdefault((item.get("date"), item.get("kind") or "meeting"), []).append(key)
    return {day: keys[0] for day, keys in by_day.items() if len(keys) == 1}


def _dated_position(current: list[Any], item: dict[str, Any]) -> int:
    """After the last item dated on or before the new one: oldest first, same day in order."""
    when = str(item.get("date") or "")
    for index in range(len(current) - 1, -1, -1):
        other = current[index]
        if isinstance(other, dict) and str(other.get("date") or "") <= when:
            return index + 1
    return 0 if when else len(current)


def _after_predecessor(current: list[Any], preceding: Sequence[Any]) -> int:
    for item_id in reversed(preceding):
        if item_id in current:
            return current.index(item_id) + 1
    return 0


def _region(text: str, root: yaml.Node | None, path: Path_) -> tuple[int, int]:
    """The whole lines of the innermost block entry holding `path`: a key, or a list item."""
    if root is None:
        raise EditError(_("the merged text does not parse"))
    node = root
    best: tuple[int, int] | None = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                break
            if not node.flow_style:
                best = (_line_start(text, pair[0].start_mark.index), _entry_end(text, pair[1]))
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            item = node.value[part]
            if not node.flow_style:
                best = (_line_start(text, item.start_mark.index), _entry_end(text, item))
            node = item
        else:
            break
    if best is None:
        raise EditError(_("no block line to mark"))
    return best


def _entry_end(text: str, node: yaml.Node) -> int:
    document = Document.__new__(Document)
    document.text = text
    return document._content_end(node)


def _side(
    text: str, start: int, end: int, conflicts: list[Conflict], pick: Callable[[Conflict], Any]
) -> str:
    """One side's version of the marked lines: our text with that side's values put in."""
    document = Document(text)
    for conflict in conflicts:
        value = pick(conflict)
        if value is MISSING:
            document.remove(conflict.path)
        elif document.get(conflict.path) != value:
            document.set(conflict.path, copy.deepcopy(value))
    delta = len(document.text) - len(text)
    if document.text[:start] != text[:start] or document.text[end + delta :] != text[end:]:
        raise EditError(_("a conflict's lines could not be marked alone"))
    side = document.text[start : end + delta]
    if side and not side.endswith("\n"):
        side += "\r\n" if "\r\n" in text else "\n"
    return side
