"""Slugs (a contact's id and file name) and resolving what a user types to one of them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_SLUG = 64
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_NOT_DECOMPOSED = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)
_HAS_LETTER = re.compile("[a-z]")
_SYLLABLES = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HANGUL SYLLABLE")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).casefold()


def same_name_key(name: str) -> str:
    """Two names with the same key are the same person's name as far as a user can tell."""
    return " ".join(fold(name).split())


def slugify(name: str) -> str:
    """The name folded and transliterated to ASCII, lower case, runs of anything else
    collapsed to '-'; `contact-` and a hash of the name when that leaves no letter."""
    ascii_text = transliterate(fold(name)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    if not _HAS_LETTER.search(slug):
        digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode()).hexdigest()[:8]
        slug = f"contact-{digest}"
    if slug in _RESERVED:
        slug = f"{slug}-contact"
    return slug


def transliterate(text: str) -> str:
    """Letters and digits of other scripts in Latin letters (王芳 -> Wang Fang, Иван -> Ivan),
    by anyascii; one word per ideograph or Hangul syllable, since each is a syllable of its
    own. Symbols (emoji) become blanks: a slug named after a smiley helps nobody."""
    if text.isascii():
        return text
    from anyascii import anyascii

    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif not unicodedata.category(ch).startswith(("L", "N")):
            out.append(" ")
        elif unicodedata.name(ch, "").startswith(_SYLLABLES):
            out.append(f" {anyascii(ch)} ")
        else:
            out.append(anyascii(ch))
    return "".join(out)


def is_valid_slug(slug: str) -> bool:
    return len(slug) <= MAX_SLUG and bool(SLUG_RE.match(slug)) and slug not in _RESERVED


def unique_slug(slug: str, taken: Iterable[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever is free."""
    used = set(taken)
    if slug not in used:
        return slug
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slug[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
        if candidate not in used:
            return candidate
        number += 1


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a WHO resolved to: one slug, or the candidates when it is not unique."""

    slug: str | None
    candidates: tuple[str, ...] = ()


def resolve(who: str, names: Mapping[str, str]) -> Resolution:
    """A slug, a unique prefix of one, or a unique case- and accent-insensitive part of a name."""
    query = who.strip()
    if query in names:
        return Resolution(query)
    prefixed = tuple(slug for slug in names if slug.startswith(query.lower()))
    if len(prefixed) == 1:
        return Resolution(prefixed[0])
    wanted = same_name_key(query)
    matching = tuple(
        slug for slug, name in names.items() if wanted and wanted in same_name_key(name)
    )
    if len(matching) == 1:
        return Resolution(matching[0])
    candidates = tuple(sorted(set(prefixed) | set(matching)))
    return Resolution(None, candidates)
