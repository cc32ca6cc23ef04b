"""The language: the catalog complete and fresh, the language chosen in the right order, dates
and numbers written for it, and --json, the files and the exports language-neutral."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import REPO, Runner
from reseau.files import i18n, localized

PO = REPO / "src/reseau/locale/fr/LC_MESSAGES/reseau.po"
MO = REPO / "src/reseau/locale/fr/LC_MESSAGES/reseau.mo"


@pytest.fixture(autouse=True)
def english_after() -> object:
    yield
    i18n.set_language("en")


def _catalog() -> object:
    with open(PO, "rb") as handle:
        return read_po(handle)


def _extracted() -> set[str]:
    """What .ci/catalogs extracts, through babel.cfg (the marked messages and the help)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(str(REPO / "src/reseau"), method_map, options_map)
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def _msgid(message: object) -> str:
    ident = message.id  # type: ignore[attr-defined]
    return ident if isinstance(ident, str) else ident[0]


# The catalog ----------------------------------------------------------------------------------


def test_every_message_of_the_code_is_in_the_catalog_and_translated() -> None:
    catalog = _catalog()
    entries = {_msgid(m): m for m in catalog if m.id}  # type: ignore[attr-defined]
    missing = sorted(_extracted() - set(entries))
    assert not missing, f"not in reseau.po (run .ci/catalogs): {missing}"
    untranslated = sorted(
        ident
        for ident, m in entries.items()
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])
    )
    assert not untranslated, f"untranslated or fuzzy in reseau.po: {untranslated}"


def test_the_catalog_holds_no_message_the_code_lost() -> None:
    entries = {_msgid(m) for m in _catalog() if m.id}  # type: ignore[attr-defined]
    assert not sorted(entries - _extracted()), "obsolete messages: run .ci/catalogs"


def test_the_compiled_catalog_is_the_po_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())  # type: ignore[arg-type]
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with open(MO, "rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    fresh_messages = {k: v for k, v in fresh._catalog.items() if k != ""}  # type: ignore[attr-defined]
    shipped_messages = {k: v for k, v in shipped._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert fresh_messages == shipped_messages, "reseau.mo is stale: run .ci/catalogs"


def test_translations_keep_every_placeholder() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    for message in _catalog():  # type: ignore[attr-defined]
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(fields(ident) for ident in ids))
        for translated in strings:
            # a plural form may leave the count out ("la promesse"), never add a field
            if len(ids) == 1:
                assert fields(translated) == wanted, message.id
            else:
                assert fields(translated) <= wanted, message.id


# Choosing the language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en", "LC_ALL": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "fr_BE"}, "fr"),
    ],
)
def test_the_environment_in_gettext_order(environ: dict[str, str], expected: str) -> None:
    assert i18n.from_environment(environ) == expected


def test_lang_then_settings_then_environment() -> None:
    french = {"LANG": "fr_FR.UTF-8"}
    assert i18n.choose("en", "fr", french) == "en"
    assert i18n.choose(None, "en", french) == "en"
    assert i18n.choose(None, None, french) == "fr"
    assert i18n.choose("FR", None, {}) == "fr"
    assert i18n.choose("de", "fr", french) == "en"


def test_settings_language_is_read_from_its_line(tmp_path: Path) -> None:
    (tmp_path / "reseau.yaml").write_text("owner: Camille\nlanguage: 'fr'  # parle\n")
    assert i18n.settings_language(tmp_path) == "fr"
    (tmp_path / "reseau.yaml").write_text("owner: Camille\nritual:\n  language: fr\n")
    assert i18n.settings_language(tmp_path) is None
    assert i18n.settings_language(tmp_path / "missing") is None


def test_reseau_yaml_language_speaks_french(run: Runner, sample: Path) -> None:
    text = (sample / "reseau.yaml").read_text(encoding="utf-8")
    (sample / "reseau.yaml").write_text(text + "language: fr\n", encoding="utf-8")
    result = run("check", cwd=sample)
    assert result.code == 0, result.err
    assert "aucun problème" in result.out
    assert "no problems" in run("--lang", "en", "check", cwd=sample).out


def test_lang_after_the_command_and_environment(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "aucun problème" in run("check", "--lang", "fr", cwd=sample).out
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert "aucun problème" in run("check", cwd=sample).out
    assert "no problems" in run("--lang", "en", "check", cwd=sample).out


def test_an_unknown_lang_speaks_english_and_says_so(run: Runner, sample: Path) -> None:
    result = run("--lang", "de", "check", cwd=sample)
    assert result.code == 0
    assert "no problems" in result.out
    assert "reseau: no 'de' language; speaking English (languages: en, fr)" in result.err


def test_check_validates_the_language(run: Runner, sample: Path) -> None:
    text = (sample / "reseau.yaml").read_text(encoding="utf-8")
    (sample / "reseau.yaml").write_text(text + "language: francais\n", encoding="utf-8")
    result = run("check", cwd=sample)
    assert result.code == 1
    assert "reseau.yaml:" in result.out
    assert "language: 'francais' is not a language reseau speaks (en, fr)" in result.out
    (sample / "reseau.yaml").write_text(text + "language: fra\n", encoding="utf-8")
    assert "did you mean 'fr'?" in run("check", cwd=sample).out


def test_check_names_a_language_start_up_cannot_see(run: Runner, sample: Path) -> None:
    text = (sample / "reseau.yaml").read_text(encoding="utf-8")
    (sample / "reseau.yaml").write_text("{language: fr}\n", encoding="utf-8")
    result = run("check", cwd=sample)
    assert "write it on a line of its own" in result.out
    (sample / "reseau.yaml").write_text(text, encoding="utf-8")


# Formats --------------------------------------------------------------------------------------


def test_dates_numbers_and_durations_in_french() -> None:
    i18n.set_language("fr")
    assert localized.weekday_day_month(date(2026, 11, 30)) == "lun. 30 nov."
    assert localized.day_month_year(date(2025, 10, 7)) == "7 oct. 2025"
    assert localized.month_year(2026, 12) == "déc. 2026"
    assert localized.number(1234) == "1\u202f234"
    assert localized.duration(270) == "4 h 30"
    assert localized.duration(45) == "45 min"
    i18n.set_language("en")
    assert localized.weekday_day_month(date(2026, 11, 30)) == "Mon 30 Nov"
    assert localized.day_month_year(date(2025, 10, 7)) == "7 Oct 2025"
    assert localized.number(1234) == "1234"
    assert localized.duration(270) == "4h30"


def test_json_is_the_same_in_every_language(run: Runner, sample: Path) -> None:
    for command in (["check", "--json"], ["stats", "--json"], ["week", "--json"]):
        english = run(*command, cwd=sample)
        french = run("--lang", "fr", *command, cwd=sample)
        assert (french.code, french.out) == (english.code, english.out), command


def test_english_help_loads_no_catalog_and_french_no_babel() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['reseau', *sys.argv[1:]]\n"
        "from reseau.cli.main import main\n"
        "from reseau.files import i18n\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('BABEL' if 'babel' in sys.modules else 'LIGHT')\n"
        "print('CATALOG' if i18n._state.translations is not None else 'NO CATALOG')\n"
    )
    loaded = {"en": "NO CATALOG", "fr": "CATALOG"}
    for lang in ("en", "fr"):
        done = subprocess.run(
            [sys.executable, "-c", probe, "--lang", lang, "--help"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.splitlines()[-2:] == ["LIGHT", loaded[lang]], lang


# The files stay English where they are data ---------------------------------------------------


def test_init_writes_french_comments_and_english_keys(run: Runner, tmp_path: Path) -> None:
    import yaml

    english, french = tmp_path / "en", tmp_path / "fr"
    assert run("init", str(english)).code == 0
    assert run("--lang", "fr", "init", str(french)).code == 0
    english_text = (english / "reseau.yaml").read_text(encoding="utf-8")
    french_text = (french / "reseau.yaml").read_text(encoding="utf-8")
    assert "# Le rituel hebdomadaire" in french_text
    english_data = yaml.safe_load(english_text)
    french_data = yaml.safe_load(french_text)
    english_data["objectives"]["clients"].pop("description")
    french_data["objectives"]["clients"].pop("description")
    assert french_data == english_data
    assert run("check", cwd=french).code == 0


def test_no_module_that_translates_assigns_the_underscore() -> None:
    """`for _, x in ...` in a module that imports `_` would make `_("...")` call a value."""
    import ast

    offenders = []
    for path in sorted((REPO / "src/reseau").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_it = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "reseau.files.i18n"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports_it:
            continue
        for node in ast.walk(tree):
            assigned = isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
            if (assigned and node.id == "_") or (isinstance(node, ast.arg) and node.arg == "_"):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, offenders
