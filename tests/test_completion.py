"""Shell completion: the scripts, run in a real bash, zsh and fish, and what they offer."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY, Runner

BIN = Path(sys.executable).parent
needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def in_shell(sample: Path, shell: list[str], code: str) -> list[str]:
    """The lines a shell prints running `code`, with the venv's reseau on its PATH and the
    sample network as its folder."""
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "RESEAU_DIR": str(sample),
        "RESEAU_TODAY": TODAY,
        "HOME": str(sample),
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [*shell, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=sample
    )
    return result.stdout.splitlines()


def bash_offers(run: Runner, sample: Path, *words: str) -> list[str]:
    """What the generated bash completion puts in COMPREPLY for `reseau WORDS`, the last
    word being the one completed."""
    script = run("--show-completion", "bash")
    assert script.code == 0, script.err
    line = " ".join(shlex.quote(w) for w in ("reseau", *words))
    code = (
        script.out
        + f"COMP_WORDS=({line}); COMP_CWORD={len(words)}; _reseau_completion\n"
        + 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    return [line for line in in_shell(sample, ["bash", "--norc", "--noprofile"], code) if line]


def fish_offers(run: Runner, sample: Path, line: str) -> list[str]:
    """What fish, with reseau's script loaded, offers for the command line `line`."""
    script = sample / "reseau.fish"
    script.write_text(run("--show-completion", "fish").out)
    code = f"source {shlex.quote(str(script))}; complete -C {shlex.quote(line)}"
    return in_shell(sample, ["fish", "--no-config"], code)


def zsh_offers(run: Runner, sample: Path, *words: str) -> list[str]:
    """What reseau's zsh function hands to `_describe` for `reseau WORDS` (or `<files>` when
    it falls back to `_files`). zsh's completion system needs a terminal, so its two entry
    points are replaced by functions that print what they receive; the script itself, the
    words and CURRENT are zsh's own."""
    script = sample / "_reseau"
    script.write_text(run("--show-completion", "zsh").out)
    quoted = " ".join(shlex.quote(word) for word in ("reseau", *words))
    code = (
        "compdef() { :; }\n"
        '_describe() { print -rl -- "${(@P)4}"; }\n'
        "_files() { print -r -- '<files>'; }\n"
        f"source {shlex.quote(str(script))}\n"
        f"words=({quoted}); CURRENT={len(words) + 1}; _reseau\n"
    )
    return in_shell(sample, ["zsh", "-f"], code)


needs_fish = pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
needs_zsh = pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")


@needs_fish
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("reseau show thom", ["thomas-bernard\tThomas Bernard"]),
        (
            "reseau st",
            [
                "stale\tActive contacts not met in person lately.",
                "stats\tThe network's health against the ten recommendations.",
            ],
        ),
        ("reseau --lang ", ["en", "fr"]),
        ("reseau log paul x --kind me", ["meal", "meeting", "message"]),
    ],
)
def test_fish_completion_offers(run: Runner, sample: Path, line: str, expected: list[str]) -> None:
    assert sorted(fish_offers(run, sample, line)) == expected


@needs_fish
def test_fish_completes_files_only_where_reseau_offers_nothing(run: Runner, sample: Path) -> None:
    plan = fish_offers(run, sample, "reseau plan ")
    assert "2026-Q4\tthis quarter" in plan
    assert "contacts/" not in plan
    assert "contacts/" in fish_offers(run, sample, "reseau import vcard con")


@needs_fish
def test_a_subcommand_is_described_by_its_first_whole_sentence(run: Runner, sample: Path) -> None:
    (done,) = [line for line in fish_offers(run, sample, "reseau plan d")]
    assert (
        done == "done\tMark an item of the current quarter's plan done today; a meet item's "
        "meeting is recorded in the contact's file."
    )


@needs_zsh
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("show", "thom"), ["thomas-bernard:Thomas Bernard"]),
        (
            ("show", "Jean"),
            ["jean-martin:Jean Martin", "jean-martin-2:Jean Martin", "Jean Martin:jean-martin"],
        ),
        (("plan", "new", "2027"), ["2027-Q1:the next quarter"]),
        (("import", "vcard", "nowhere"), ["<files>"]),
    ],
)
def test_zsh_completion_offers(
    run: Runner, sample: Path, words: tuple[str, ...], expected: list[str]
) -> None:
    assert zsh_offers(run, sample, *words) == expected


@needs_bash
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("st",), ["stats", "stale"]),
        (("pl",), ["plan"]),
        (("plan", ""), ["show", "new", "done", "2026-Q4", "2027-Q1"]),
        (("plan", "new", "2027"), ["2027-Q1"]),
        (("export", "c"), ["csv"]),
        (("show", "thom"), ["thomas-bernard"]),
        (("show", "Jean"), ["jean-martin", "jean-martin-2", "Jean\\ Martin"]),
        (("show", "Thom"), ["thomas-bernard", "Thomas\\ Bernard"]),
        (("show", "jurg"), ["jurgen-strauss"]),
        (("show", "Jürg"), ["jurgen-strauss", "Jürgen\\ Strauß"]),
        (("log", "paul", "x", "--with", "mar"), ["marie-dupont"]),
        (("log", "paul", "x", "--with", "Mar"), ["marie-dupont", "Marie\\ Dupont"]),
        (("show", "dupont"), ["Marie\\ Dupont"]),
        (("list", "--circle", ""), ["clients", "pairs", "export"]),
        (("list", "--status", "d"), ["dormant"]),
        (("list", "--sort", ""), ["score", "last-met", "name"]),
        (("qualify", "nour", "--influence", ""), ["lyon-industry=", "export="]),
        (("qualify", "nour", "--nature", "pr"), ["prospect", "prescriber"]),
        (("log", "paul", "x", "--kind", "m"), ["meeting", "meal", "message"]),
        (("plan", "done", "3", "--kind", ""), ["meeting", "meal", "event"]),
        (("week", "--d"), ["--done", "--dir", "--debug"]),
        (("stale", "--to"), ["--today"]),
        (("--show-completion", ""), ["bash", "zsh", "fish"]),
        (("nothing-like-this", ""), []),
    ],
)
def test_bash_completion_offers(
    run: Runner, sample: Path, words: tuple[str, ...], expected: list[str]
) -> None:
    assert bash_offers(run, sample, *words) == expected


@needs_bash
def test_bash_completion_offers_tags_from_the_files(run: Runner, sample: Path) -> None:
    tags = bash_offers(run, sample, "list", "--tag", "")
    assert "export" in tags and "finance" in tags
    assert tags == sorted(tags)


@needs_bash
def test_bash_completion_reads_dir_from_the_words(run: Runner, sample: Path) -> None:
    other = sample / "elsewhere"
    shutil.copytree(sample, other, ignore=shutil.ignore_patterns("elsewhere"))
    (other / "contacts" / "thomas-bernard.yaml").rename(other / "contacts" / "tom-b.yaml")
    assert bash_offers(run, sample, "--dir", str(other), "show", "t") == ["tom-b"]


def test_scripts_for_each_shell(run: Runner) -> None:
    for shell, marker in [
        ("bash", "complete -o default -F _reseau_completion reseau"),
        ("zsh", "#compdef reseau"),
        ("fish", "complete -c reseau -f -a '(__reseau_complete)'"),
    ]:
        result = run("--show-completion", shell)
        assert result.code == 0, result.err
        assert marker in result.out
        assert "_RESEAU_COMPLETE" in result.out


def test_an_unknown_shell_is_a_usage_error(run: Runner) -> None:
    result = run("--show-completion", "tcsh")
    assert result.code == 2
    assert "'tcsh' is not a shell reseau completes; name one: bash, zsh, fish" in result.err


def test_the_shell_is_detected_when_not_named(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import reseau.cli.completion as completion

    monkeypatch.setattr(completion, "detect_shell", lambda: "fish")
    result = run("--show-completion")
    assert result.code == 0, result.err
    assert "complete -c reseau" in result.out


def test_zsh_and_fish_answers_carry_descriptions(
    sample: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reseau.cli.completion import answer_from_environment

    monkeypatch.setenv("RESEAU_DIR", str(sample))
    for shell, expected in [
        ("zsh", "thomas-bernard:Thomas Bernard\n"),
        ("fish", "thomas-bernard\tThomas Bernard\n"),
    ]:
        monkeypatch.setenv("_RESEAU_COMPLETE", shell)
        monkeypatch.setenv("COMP_CWORD", "2")
        monkeypatch.setattr(sys, "argv", ["reseau", "show", "thom"])
        assert answer_from_environment() == 0
        assert capsys.readouterr().out == expected


@pytest.mark.parametrize(
    ("shell", "files"),
    [
        ("bash", [".bash_completions/reseau.sh", ".bashrc"]),
        ("zsh", [".zfunc/_reseau", ".zshrc"]),
        ("fish", [".config/fish/completions/reseau.fish"]),
    ],
)
def test_install_writes_the_script_and_loads_it_once(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str, files: list[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    rc = tmp_path / files[-1]
    if len(files) == 2:
        rc.write_text("# mine\nalias ll='ls -l'", encoding="utf-8")  # no final newline
    result = run("--install-completion", shell)
    assert result.code == 0, result.err
    assert [line for line in result.out.splitlines() if line.startswith("wrote")] == [
        f"wrote ~/{name}" for name in files
    ]
    script = run("--show-completion", shell).out
    assert (tmp_path / files[0]).read_text(encoding="utf-8") == script
    if len(files) == 2:
        text = rc.read_text(encoding="utf-8")
        assert text.startswith("# mine\nalias ll='ls -l'\n# reseau completion\n")
    again = run("--install-completion", shell)
    assert again.out.splitlines()[0] == f"{shell} completion is already installed"
    if len(files) == 2:
        assert rc.read_text(encoding="utf-8") == text


def test_completion_never_builds_a_command_at_start_up() -> None:
    script = (
        "import sys\nfrom reseau.cli.app import app\n"
        "print(sorted(m for m in sys.modules if m.startswith('reseau.cli.completion')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
