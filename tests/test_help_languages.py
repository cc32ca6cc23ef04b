"""The help of every command in French, with nothing left in English; in English, the help as
it always read; the framework's own errors in French."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Runner, assert_golden
from reseau.files import i18n
from test_french_tour import _english_left
from test_help import command_paths

PATHS = ["", *(path for path, _ in command_paths())]  # "": `reseau --help` itself
# Typed as they are in every language: the command names, the date words the options take,
# the plan's sections; and one word French shares with English.
TYPED = sorted(
    {word for path in PATHS for word in path.split()}
    | {"3 days ago", "today", "yesterday", "tomorrow", "friday", "meet"}
    | {"last"}  # of --sort last-met, once the options are taken out
    | {"Options", "options"},
    key=len,
    reverse=True,
)


def _help(run: Runner, path: str, *lang: str) -> str:
    result = run(*lang, *path.split(), "-h")
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("path", PATHS, ids=[path or "reseau" for path in PATHS])
def test_every_help_in_french_leaves_no_english(run: Runner, path: str) -> None:
    i18n.reset_misses()
    shown = _help(run, path, "--lang", "fr")
    assert not i18n.misses(), sorted(i18n.misses())
    assert "Options :\n" in shown
    assert "Affiche ce message et quitte." in shown
    leaks = _english_left(shown, [], TYPED)
    assert not leaks, "English left:\n" + "\n".join(leaks)


def test_the_french_help_names_its_placeholders_in_french(run: Runner) -> None:
    shown = _help(run, "log", "--lang", "fr")
    assert "Utilisation : reseau log [OPTIONS] QUI NOTE\n" in shown
    assert "--date DATE" in shown and "--with QUI" in shown
    assert "Utilisation : reseau [OPTIONS] COMMANDE [ARGS]...\n" in _help(run, "", "--lang", "fr")
    # KEEP is the contact that stays here, not the week's section (TENIR)
    assert "reseau merge [OPTIONS] GARDÉ AUTRE\n" in _help(run, "merge", "--lang", "fr")


def test_the_english_help_is_unchanged(run: Runner) -> None:
    """Every command's English help, pinned: the catalog changes nothing in English."""
    shown = "".join(f"$ reseau {path} -h\n{_help(run, path)}\n" for path in PATHS)
    assert_golden("help-en.txt", shown)
    assert "Usage: reseau merge [OPTIONS] KEEP OTHER\n" in shown


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (["log", "--bogus"], "Erreur : Aucune option --bogus\n"),
        (["log", "--kin", "call"], "Erreur : Aucune option --kin (options possibles : --kind)\n"),
        (["log"], "Erreur : Argument manquant : 'QUI'.\n"),
        (["log", "paul", "x", "y", "z"], "Erreur : Argument(s) en trop inattendu(s) (y z)\n"),
        (["stale", "--days", "abc"], "un nombre entier est attendu\n"),
        (["export", "vcard", "-o"], "Erreur : L'option '-o' demande une valeur.\n"),
        (["import", "vcard", "nowhere.vcf"], "le fichier 'nowhere.vcf' n'existe pas.\n"),
        (["lst"], "Vouliez-vous dire 'list' ?\n"),
    ],
)
def test_the_framework_errors_in_french(
    run: Runner, sample: Any, args: list[str], french: str
) -> None:
    i18n.reset_misses()
    result = run("--lang", "fr", *args, cwd=sample)
    assert result.code == 2
    assert french in result.err
    assert not i18n.misses(), sorted(i18n.misses())
    english = run(*args, cwd=sample)
    assert english.code == 2 and "Error: " in english.err
    assert ("Essayez 'reseau" in result.err) == ("Try 'reseau" in english.err)
