"""The language reseau speaks: English, or French from the gettext catalog in locale/.

The language is chosen once per run, in this order: `--lang`, then reseau.yaml's
`language:`, then the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads
them); a language reseau does not speak is English. The catalog is the compiled
`locale/<lang>/LC_MESSAGES/reseau.mo`, read with the standard library's gettext only when
the first message is translated, so `reseau --help` in English opens no file at all.

Every layer translates its own messages with `_()` and `ngettext()`; constants defined at
import time are marked with `N_()` and translated where they are shown. A message that the
catalog lacks is shown in English and remembered (`misses()`), which is how the tests catch
a message nobody translated.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from gettext import GNUTranslations

DOMAIN = "reseau"
ENGLISH = "en"
LANGUAGES = (ENGLISH, "fr")
LOCALE_DIR = Path(__file__).parent.parent / "locale"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# reseau.yaml's `language:` is read at start-up from its own line, without a YAML parser
# (too slow to load before `--help`); `reseau check` says when that line and the parsed file
# disagree.
_SETTING = re.compile(rb"^language:[ \t]*(['\"]?)([A-Za-z_.@-]*)\1[ \t]*(?:#.*)?\r?$", re.M)


class _Catalog(Protocol):
    def gettext(self, message: str) -> str: ...

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...


class _Recorder:
    """The fallback behind a catalog: English, and a note of every message it had to give."""

    def __init__(self) -> None:
        self.missed: set[str] = set()

    def gettext(self, message: str) -> str:
        self.missed.add(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.missed.add(msgid1)
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        self.missed.add(message)
        return message


class _State:
    def __init__(self) -> None:
        self.wanted: str | None = None
        self.translations: _Catalog | None = None
        self.recorder = _Recorder()


_state = _State()


def language_code(value: str | None) -> str | None:
    """`fr_FR.UTF-8`, `fr-CA` or `FR` as `fr`; None for no value, `C` or `POSIX`."""
    if not value:
        return None
    code = re.split(r"[_.@-]", value.strip(), maxsplit=1)[0].lower()
    return None if code in ("", "c", "posix") else code


def from_environment(environ: Mapping[str, str]) -> str:
    """The language the environment asks for, as gettext reads it; English when unknown.

    LANGUAGE is a list of preferences (`fr:en`); the first variable that is set decides.
    """
    for name in ENVIRONMENT:
        value = environ.get(name)
        if not value:
            continue
        for preference in value.split(":") if name == "LANGUAGE" else [value]:
            code = language_code(preference)
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":
            return ENGLISH
    return ENGLISH


def settings_language(root: Path | None) -> str | None:
    """The `language:` line of `root`'s reseau.yaml, if it has one."""
    if root is None:
        return None
    try:
        with open(root / "reseau.yaml", "rb") as handle:
            text = handle.read(1 << 20)
    except OSError:
        return None
    match = _SETTING.search(text)
    return match[2].decode("ascii") if match and match[2] else None


def choose(explicit: str | None, setting: str | None, environ: Mapping[str, str]) -> str:
    """The language of this run: `--lang`, else reseau.yaml, else the environment."""
    for wanted in (explicit, setting):
        code = language_code(wanted)
        if code is not None:
            return code if code in LANGUAGES else ENGLISH
    return from_environment(environ)


def set_language(code: str) -> None:
    """Speak `code` from now on (English when reseau does not speak it)."""
    _state.wanted = code if code in LANGUAGES else ENGLISH
    _state.translations = None


def language() -> str:
    """The language in use; the environment's when none was set."""
    if _state.wanted is None:
        _state.wanted = from_environment(os.environ)
    return _state.wanted


def is_french() -> bool:
    return language() == "fr"


def _translations() -> _Catalog:
    if _state.translations is None:
        _state.translations = _load(language())
    return _state.translations


def _load(code: str) -> _Catalog:
    """The catalog of `code`, with the recorder behind it; gettext is imported only here."""
    if code == ENGLISH:
        return _Recorder()  # English needs no catalog and records nothing
    from gettext import GNUTranslations

    try:
        with open(catalog_path(code), "rb") as handle:
            catalog: GNUTranslations = GNUTranslations(handle)
    except OSError:
        return _state.recorder
    catalog.add_fallback(_state.recorder)  # type: ignore[arg-type]
    return catalog


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def catalog_stamp() -> str:
    """What a cached output in this language depends on: the language and its catalog."""
    code = language()
    if code == ENGLISH:
        return code
    try:
        stat = catalog_path(code).stat()
    except OSError:
        return code
    return f"{code} {stat.st_size} {stat.st_mtime_ns}"


def _(message: str) -> str:
    """`message` in the language in use."""
    if _state.wanted == ENGLISH:
        return message
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count`, in the language in use."""
    if _state.wanted == ENGLISH:
        return singular if count == 1 else plural
    return _translations().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the language in use, as meant in `context`: a word that French says
    differently in two places (a contact's status `active`, the `active` contacts counted)."""
    if _state.wanted == ENGLISH:
        return message
    return _translations().pgettext(context, message)


PLACEHOLDER = "placeholder"


def placeholder(text: str) -> str:
    """A placeholder of the command line's help (`WHO`, `DATE`) in the language in use."""
    return pgettext(PLACEHOLDER, text)


def P_(text: str) -> str:
    """Marks a placeholder for the catalog (files/i18n_extract.py gives it its context)."""
    return text


def N_(message: str) -> str:
    """Marks a constant for the catalog; it is translated with `_()` where it is shown."""
    return message


@contextmanager
def english() -> Iterator[None]:
    """English for what is computed inside: `--json` and the files stay language-neutral."""
    saved = (_state.wanted, _state.translations)
    set_language(ENGLISH)
    try:
        yield
    finally:
        _state.wanted, _state.translations = saved


def misses() -> set[str]:
    """The messages shown in English since the last `reset_misses()` for want of a translation."""
    return set(_state.recorder.missed)


def reset_misses() -> None:
    _state.recorder.missed.clear()
