"""Global options, finding the folder, exit codes, list and show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Runner
from reseau import __version__


def test_version(run: Runner) -> None:
    result = run("--version")
    assert (result.code, result.out) == (0, f"reseau {__version__}\n")


def test_no_folder_says_to_run_init(run: Runner, tmp_path: Path) -> None:
    result = run("list", cwd=tmp_path)
    assert result.code == 1
    assert result.err == (
        "reseau: no network folder here or above (no reseau.yaml); run `reseau init`\n"
    )


def test_folder_is_found_upward(run: Runner, sample: Path) -> None:
    result = run("show", "marie", cwd=sample / "contacts")
    assert result.code == 0
    assert result.out.startswith("Marie Dupont  (contacts/marie-dupont.yaml)")


def test_reseau_dir_environment(
    run: Runner, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESEAU_DIR", str(sample))
    assert run("show", "marie", cwd=tmp_path).code == 0


def test_dir_option_without_a_network(run: Runner, tmp_path: Path) -> None:
    result = run("--dir", str(tmp_path), "list")
    assert result.code == 1
    assert f"no network folder at {tmp_path}" in result.err


def test_bad_today_is_a_usage_error(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "--today", "2026-02-30", "list")
    assert result.code == 2
    assert "'2026-02-30' is not a date" in result.err


def test_unknown_command_is_a_usage_error(run: Runner) -> None:
    assert run("frobnicate").code == 2


def test_ambiguous_who_lists_candidates(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "show", "jean")
    assert result.code == 1
    assert result.err.splitlines() == [
        "reseau: 'jean' matches 2 contacts; say which:",
        "  jean-martin  Jean Martin",
        "  jean-martin-2  Jean Martin",
    ]


def test_unknown_who_suggests(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "show", "marie-dupond")
    assert result.code == 1
    assert result.err == "reseau: no contact matches 'marie-dupond'; did you mean marie-dupont?\n"


def test_list_filters(run: Runner, sample: Path) -> None:
    dormant = json.loads(run("--dir", str(sample), "list", "--status", "dormant", "--json").out)
    assert sorted(row["slug"] for row in dormant) == ["isabelle-faure", "olivier-garnier"]
    tagged = json.loads(run("--dir", str(sample), "list", "--tag", "robotics", "--json").out)
    assert all("robotics" in row["tags"] for row in tagged) and tagged
    circle = json.loads(run("--dir", str(sample), "list", "--circle", "export", "--json").out)
    assert all("export" in row["circles"] for row in circle) and circle


def test_show_json_carries_the_file_and_computed_figures(run: Runner, sample: Path) -> None:
    detail = json.loads(run("--dir", str(sample), "show", "marie-dupont", "--json").out)
    assert detail["slug"] == "marie-dupont"
    assert detail["file"] == "contacts/marie-dupont.yaml"
    assert detail["phones"] == ["+33 6 12 34 56 78", "0612345678"]
    assert detail["computed"]["tier"] == "A"


def test_installed_script_never_shows_a_traceback(sample: Path) -> None:
    (sample / "reseau.yaml").write_text("objectives: [not, a, mapping]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reseau", "--dir", str(sample), "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "skipped 1 invalid file" in result.stderr


def test_every_command_in_the_table_builds_with_help() -> None:
    from reseau.cli.app import COMMANDS, build_command

    for name, entry in COMMANDS.items():
        command = build_command(name)
        assert command.name == name
        assert command.help, name
        assert entry.summary.endswith("."), name


def test_help_lists_every_command_without_importing_them() -> None:
    from reseau.cli.app import COMMANDS

    script = (
        "import sys\n"
        "from reseau.cli.main import main\n"
        "sys.argv = ['reseau', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('reseau.cli.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    help_text, loaded = result.stdout.rsplit("\n", 2)[0], result.stdout.rsplit("\n", 2)[1]
    listed = [line.split()[0] for line in help_text.split("Commands:")[1].strip().splitlines()]
    assert listed == list(COMMANDS)
    light = ["reseau.cli.collector", "reseau.cli.commands", "reseau.cli.main", "reseau.cli.tophelp"]
    assert loaded == repr(light)


def test_without_libyaml_reads_still_work_and_say_it_is_slower(
    run: Runner, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    import reseau.files.yamlio

    monkeypatch.setattr(reseau.files.yamlio, "HAS_C_LOADER", False)

    class PurePython(yaml.BaseLoader):
        descend_resolver = reseau.files.yamlio.Loader.descend_resolver
        ascend_resolver = reseau.files.yamlio.Loader.ascend_resolver
        resolve = reseau.files.yamlio.Loader.resolve

    monkeypatch.setattr(reseau.files.yamlio, "Loader", PurePython)
    for command in ("list", "check"):
        result = run("--dir", str(sample), command)
        assert result.code == 0, result.err
        assert "PyYAML has no libyaml here" in result.err


def test_an_output_that_cannot_show_the_text_is_said_plainly(sample: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "RESEAU_TODAY": "2026-11-30"}
    result = subprocess.run(
        [sys.executable, "-m", "reseau", "--dir", str(sample), "list"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    assert b"reseau: the output's encoding (ascii) cannot show this text" in result.stderr


def test_a_full_disk_under_the_output_is_said_plainly(sample: Path) -> None:
    with open("/dev/full", "w") as full:  # Linux's device where every write finds no space
        result = subprocess.run(
            [sys.executable, "-m", "reseau", "--dir", str(sample), "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("reseau: cannot write the output: No space left on device")
