"""The sample network is valid and the basic commands run on it."""

from __future__ import annotations

from pathlib import Path

from conftest import Runner


def test_sample_network_checks_clean(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "check")
    assert result.code == 0, result.out
    assert result.out.strip().endswith("no problems")


def test_list_shows_every_contact(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "list")
    assert result.code == 0
    assert (
        result.out.strip().splitlines()[-1]
        == f"{len(list((sample / 'contacts').glob('*.yaml')))} contacts"
    )
