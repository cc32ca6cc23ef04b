"""`reseau --help` written without Typer is, byte for byte, the page Typer writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reseau.cli import tophelp

WIDTHS = ("1", "40", "52", "53", "60", "79", "80", "81", "100", "250")
ASKED = {  # the arguments, by the language they end up speaking
    "en": (
        ["--help"],
        ["-h"],
        ["-h", "--help"],
        ["--debug", "--help"],
        ["--help", "--debug"],
        ["--today", "not a date", "--help"],
        ["--dir", "/no/such/folder", "-h"],
        ["--dir=/no/such/folder", "--help"],
        ["--as", "nobody", "--help"],
        ["--lang", "xx", "--help"],
        ["--lang=fr", "--help", "--lang", "en"],
    ),
    "fr": (["--lang", "fr", "--debug", "-h"], ["--lang=fr", "--as", "nobody", "--help"]),
}
# Each run of the probe is one process, as each run of reseau is: Typer's application keeps
# the help texts of the language it was first imported in.
PROBE = """
import io, json, os, sys
from reseau.cli import main as entry, tophelp

def run(args, short_way):
    sys.argv = ["reseau", *args]
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (io.TextIOWrapper(io.BytesIO(), "utf-8") for _ in "12")
    asked = tophelp.asked
    if not short_way:
        tophelp.asked = lambda arguments: False
    code = 0
    try:
        entry.main()
    except SystemExit as exc:
        code = exc.code or 0
    finally:
        tophelp.asked = asked
        shown = [code]
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
            shown.append(stream.buffer.getvalue().decode("utf-8"))
        sys.stdout, sys.stderr = streams
    return shown

answers = []
for columns, args in json.loads(sys.argv[1]):
    os.environ["COLUMNS"] = columns
    answers.append([run(args, True), run(args, False)])
print(json.dumps(answers))
"""


def both_ways(cases: list[tuple[str, list[str]]], cwd: Path) -> list[list[list[object]]]:
    """For each (COLUMNS, arguments): [code, stdout, stderr] the short way, then Typer's."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(cases)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
    )
    answers: list[list[list[object]]] = json.loads(done.stdout)
    return answers


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_is_typers_at_every_width(tmp_path: Path, lang: str) -> None:
    cases = [(columns, ["--lang", lang, "--help"]) for columns in WIDTHS]
    for (columns, _args), (ours, typers) in zip(cases, both_ways(cases, tmp_path), strict=True):
        assert ours == typers, f"COLUMNS={columns}"
        assert ours[0] == 0 and str(ours[1]).count("\n") > len(tophelp.COMMANDS)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_way_of_asking_gets_typers_page(tmp_path: Path, lang: str) -> None:
    cases = [("100", args) for args in ASKED[lang]]
    assert all(tophelp.asked(args) for _columns, args in cases)
    for (_columns, args), (ours, typers) in zip(cases, both_ways(cases, tmp_path), strict=True):
        assert ours == typers, args
        assert ours[0] == 0 and ("Utilisation" in str(ours[1])) == (lang == "fr"), args


def test_the_language_of_the_network_folder_is_spoken(sample: Path) -> None:
    settings = sample / "reseau.yaml"
    settings.write_text("language: fr\n" + settings.read_text(encoding="utf-8"), "utf-8")
    [(ours, typers)] = both_ways([("100", ["--help"])], sample)
    assert str(ours[1]).startswith("Utilisation")
    assert ours == typers


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version", "--help"],
        ["--help", "--version"],
        ["--show-completion", "--help"],
        ["--dir", "--help"],
        ["--help", "--dir"],
        ["--debug=1", "--help"],
        ["--", "--help"],
        ["log", "--help"],
        ["--help", "log"],
        ["-hh"],
        ["--debug"],
    ],
    ids=repr,
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert not tophelp.asked(args)


def test_the_page_loads_neither_typer_nor_a_command() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['reseau', '--help']\n"
        "from reseau.cli.main import main\n"
        "main()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('typer', 'reseau.cli.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.splitlines()[-1]
    assert loaded == repr(
        ["reseau.cli.collector", "reseau.cli.commands", "reseau.cli.main", "reseau.cli.tophelp"]
    )


def test_a_closed_pipe_ends_quietly_as_with_typer(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.argv = ['reseau', *sys.argv[1:]]\n"
        "from reseau.cli.main import main\n"
        "main()\n"
    )
    outcomes = []
    for args in (["--help"], ["--help", "--version"]):  # the second one is Typer's
        reader = subprocess.Popen(["head", "-c", "0"], stdin=subprocess.PIPE)
        assert reader.stdin is not None
        reader.wait()
        done = subprocess.run(
            [sys.executable, "-c", script, *args], stdout=reader.stdin, stderr=subprocess.PIPE
        )
        reader.stdin.close()
        outcomes.append((done.returncode, done.stderr))
    assert outcomes == [(1, b""), (1, b"")]
