"""A French run next to broken files: the warning of every read command, and what `check`
says of each broken file, are French too."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner
from reseau.files import i18n


def _break(root: Path, count: int) -> None:
    for number in range(count):
        (root / "contacts" / f"zz-{number}.yaml").write_text("name: [broken\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("count", "warning"),
    [
        (1, "reseau : 1 fichier invalide ignoré ; lancez `reseau check`\n"),
        (2, "reseau : 2 fichiers invalides ignorés ; lancez `reseau check`\n"),
    ],
)
@pytest.mark.parametrize("command", [["list"], ["week"], ["stats"], ["stale"], ["plan"]])
def test_the_skipped_files_are_said_in_french(
    run: Runner, sample: Path, count: int, warning: str, command: list[str]
) -> None:
    _break(sample, count)
    i18n.reset_misses()
    result = run("--dir", str(sample), "--lang", "fr", *command)
    assert result.code == 0
    assert result.err == warning
    assert i18n.misses() == set()


def test_json_keeps_the_warning_english(run: Runner, sample: Path) -> None:
    _break(sample, 1)
    result = run("--dir", str(sample), "--lang", "fr", "list", "--json")
    assert result.err == "reseau: skipped 1 invalid file; run `reseau check`\n"
