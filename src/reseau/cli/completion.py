"""Shell completion for bash, zsh and fish: the scripts, and the answers they ask for.

The shell runs `reseau` with `_RESEAU_COMPLETE` set to its name, the words typed so far as
arguments and `COMP_CWORD` the index of the word being completed; `main` answers before the
application is even built. The answer walks the command table itself (commands, options,
and the values an option or an argument takes: contacts, circles, tags, territories,
quarters...), so it depends on nothing private to Typer or Click, whose own completion
machinery changed shape between versions and is not registered when completion is off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reseau.files.i18n import _

COMPLETE_VAR = "_RESEAU_COMPLETE"
SHELLS = ("bash", "zsh", "fish")

BASH_SCRIPT = """\
# reseau completion for bash: `eval "$(reseau --show-completion bash)"` in ~/.bashrc
_reseau_completion() {
    local IFS=$'\\n'
    COMPREPLY=( $(env COMP_CWORD="$COMP_CWORD" %(var)s=bash "${COMP_WORDS[0]}" \\
        "${COMP_WORDS[@]:1}" 2>/dev/null) )
    return 0
}
complete -o default -F _reseau_completion reseau
"""

ZSH_SCRIPT = """\
#compdef reseau
# reseau completion for zsh: save as _reseau in a folder of $fpath
_reseau() {
    local -a answers
    answers=("${(@f)$(env COMP_CWORD=$((CURRENT - 1)) %(var)s=zsh "${words[1]}" \\
        "${(@)words[2,-1]}" 2>/dev/null)}")
    if [[ -n "${answers[1]}" ]]; then
        _describe -t values 'reseau' answers
    else
        _files
    fi
}
if [[ "$funcstack[1]" == "_reseau" ]]; then
    _reseau "$@"
else
    compdef _reseau reseau
fi
"""

FISH_SCRIPT = """\
# reseau completion for fish: save as ~/.config/fish/completions/reseau.fish
function __reseau_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l answers (env COMP_CWORD=(count $tokens) %(var)s=fish $tokens[1] $tokens[2..-1] \
        "$current" 2>/dev/null)
    if set -q answers[1]
        printf '%%s\n' $answers
    else
        __fish_complete_path "$current"
    end
end
complete -c reseau -f -a '(__reseau_complete)'
"""

SCRIPTS = {"bash": BASH_SCRIPT, "zsh": ZSH_SCRIPT, "fish": FISH_SCRIPT}


def script_for(shell: str) -> str:
    return SCRIPTS[shell] % {"var": COMPLETE_VAR}


def detect_shell() -> str | None:
    """The shell reseau runs in: asked of the process tree, else $SHELL; None if neither is
    one of bash, zsh or fish."""
    try:
        import shellingham  # type: ignore[import-untyped]  # comes with Typer

        name = str(shellingham.detect_shell()[0])
    except Exception:  # not installed, or the process tree cannot be read
        name = Path(os.environ.get("SHELL", "")).name
    return name if name in SHELLS else None


def answer_from_environment() -> int:
    """What `main` prints when the shell asks: one candidate a line, in the shell's form."""
    shell = os.environ.get(COMPLETE_VAR, "")
    words = sys.argv[1:]
    try:
        index = int(os.environ.get("COMP_CWORD", len(words)))
    except ValueError:
        index = len(words)
    typed, incomplete = (
        words[: max(index - 1, 0)],
        (words[index - 1] if 0 < index <= len(words) else ""),
    )
    try:
        found = candidates(typed, incomplete)
    except Exception:  # completion never prints a traceback into the command line
        found = []
    sys.stdout.write("".join(_shown(value, help, shell) + "\n" for value, help in found))
    return 0


def _shown(value: str, help: str, shell: str) -> str:
    from reseau.files.text import clean

    value, help = clean(value), clean(help)
    if shell == "zsh":
        escaped = value.replace("\\", "\\\\").replace(":", "\\:")
        return f"{escaped}:{help}" if help else escaped
    if shell == "fish":
        return f"{value}\t{help}" if help else value
    return "".join("\\" + ch if ch in " '\"\\$`()&;|<>*?[]{}!#~" else ch for ch in value)


# What is being completed ----------------------------------------------------------------------


@dataclass
class Position:
    """Where the typed words lead: the command reached, the option awaiting a value (if
    any), how many arguments are given, and the global options seen on the way."""

    command: Any
    path: list[str] = field(default_factory=list)
    option: Any = None
    arguments: int = 0
    directory: str | None = None
    today: str | None = None


def candidates(typed: list[str], incomplete: str) -> list[tuple[str, str]]:
    """(value, description) pairs for the word being typed, those starting with it."""
    position = locate(typed)
    if position.option is not None:
        return _values(position, position.option.name or "", incomplete)
    if incomplete.startswith("-"):
        return _matching(list(_options(position)), incomplete)
    commands = _matching(list(_commands(position)), incomplete)
    return commands + _argument_values(position, incomplete)


def locate(typed: list[str]) -> Position:
    import typer.main

    from reseau.cli.app import app

    position = Position(typer.main.get_command(app))
    words = iter(typed)
    for word in words:
        if word == "--":
            position.arguments += sum(1 for _word in words)
            break
        if word.startswith("-"):
            _take_option(position, word, words)
            continue
        sub = _subcommand(position, word)
        if sub is not None:
            position.command, position.arguments = sub, 0
            position.path.append(word)
        else:
            position.arguments += 1
    return position


def _take_option(position: Position, word: str, words: Iterator[str]) -> None:
    name, has_value, value = word.partition("=")
    option = _option_named(position, name)
    if option is None or getattr(option, "is_flag", False) or getattr(option, "count", False):
        return
    if not has_value:
        value = next(words, None)  # type: ignore[assignment]
        if value is None:
            position.option = option
            return
    if name == "--dir":
        position.directory = value
    elif name == "--today":
        position.today = value


def _option_named(position: Position, name: str) -> Any:
    for command in (position.command, _root()):
        for param in command.params:
            if name in getattr(param, "opts", ()) and param.param_type_name == "option":
                return param
    return None


def _root() -> Any:
    import typer.main

    from reseau.cli.app import app

    return typer.main.get_command(app)


def _subcommand(position: Position, word: str) -> Any:
    names = _command_names(position.command)
    if word not in names or position.arguments:
        return None
    if not position.path:
        from reseau.cli.app import build_command

        return build_command(word)
    return position.command.commands[word]


def _command_names(command: Any) -> list[str]:
    if command.name == "reseau" or not hasattr(command, "commands"):
        from reseau.cli.commands import COMMANDS

        return list(COMMANDS) if command.name == "reseau" else []
    return list(command.commands)


def _commands(position: Position) -> Iterator[tuple[str, str]]:
    if position.arguments:
        return
    if not position.path:
        from reseau.cli.commands import COMMANDS

        yield from ((name, _(entry.summary)) for name, entry in COMMANDS.items())
        return
    for name, command in getattr(position.command, "commands", {}).items():
        yield name, command.short_help or first_sentence(command.help or "")


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph, on one line: a shell shows one
    line per answer, and the first line of a wrapped docstring can stop mid-phrase."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]


def _options(position: Position) -> Iterator[tuple[str, str]]:
    for command in (position.command, _root()):
        for param in command.params:
            if param.param_type_name != "option" or getattr(param, "hidden", False):
                continue
            for opt in param.opts:
                if opt.startswith("--"):
                    yield opt, (param.help or "")


# The values -----------------------------------------------------------------------------------


def _argument_values(position: Position, incomplete: str) -> list[tuple[str, str]]:
    arguments = [p for p in position.command.params if p.param_type_name == "argument"]
    if hasattr(position.command, "commands"):  # `reseau plan 2026-Q4`: the default `show`
        if position.path == ["plan"] and not position.arguments:
            return _matching(list(_quarters(position)), incomplete)
        return []
    if position.arguments < len(arguments):
        return _values(position, arguments[position.arguments].name or "", incomplete)
    return []


CONTACT_PARAMETERS = ("who", "first", "second", "with_", "item")


def _values(position: Position, name: str, incomplete: str) -> list[tuple[str, str]]:
    """What the option or argument `name` takes, among what starts like `incomplete`."""
    from reseau.files.i18n import LANGUAGES
    from reseau.files.model import IN_PERSON_KINDS, KINDS, NATURES, STATUSES, TONES

    if name in CONTACT_PARAMETERS:
        return _contacts(position, incomplete)
    fixed: dict[str, tuple[str, ...]] = {
        "status": STATUSES,
        "kind": tuple(k for k in KINDS if k in IN_PERSON_KINDS)
        if position.path == ["plan", "done"]
        else KINDS,
        "tone": TONES,
        "nature": NATURES,
        "tier": ("A", "B", "C", "?"),
        "sort": ("score", "last-met", "name"),
        "today": ("today", "yesterday"),
        "when": ("today", "yesterday"),
        "since": ("today", "yesterday"),
        "by": ("today",),
        "lang": LANGUAGES,
        "show_completion": SHELLS,
        "install_completion": SHELLS,
    }
    readers = {
        "circle": _objectives,
        "focus": _objectives,
        "tag": _tags,
        "influence": _territories,
        "quarter": _quarters,
    }
    if name in fixed:
        found = [(value, "") for value in fixed[name]]
    elif name in readers:
        found = list(readers[name](position))
    else:
        found = []
    return _matching(found, incomplete)


def _network(position: Position) -> Any:
    from reseau.files.folder import find_root
    from reseau.files.store import load_network

    return load_network(find_root(position.directory, os.environ, Path.cwd()))


def _contacts(position: Position, incomplete: str) -> list[tuple[str, str]]:
    """The slugs that start with what is typed; names when what is typed looks like one (a
    capital, an accent, a space) or starts no slug: then a name matches by any of its words,
    without case or accents (`dupont` offers Marie Dupont)."""
    from reseau.files.slugs import fold

    network = _network(position)
    typed = fold(incomplete).lower()
    slugs = [(slug, c.name) for slug, c in network.contacts.items() if slug.startswith(typed)]
    if slugs and incomplete == typed:
        return slugs
    names: list[tuple[str, str]] = []
    for slug, contact in network.contacts.items():
        folded = fold(contact.name).lower()
        matches = folded.startswith(typed) or (not slugs and _word_starts(folded, typed))
        if matches and all(contact.name != name for name, _slug in names):
            names.append((contact.name, slug))
    return slugs + names


def _word_starts(name: str, typed: str) -> bool:
    return any(word.startswith(typed) for word in name.split())


def _objectives(position: Position) -> Iterator[tuple[str, str]]:
    for name, objective in _network(position).settings.objectives.items():
        yield name, objective.goal or ""


def _tags(position: Position) -> Iterator[tuple[str, str]]:
    tags = {tag for contact in _network(position).contacts.values() for tag in contact.tags}
    yield from ((tag, "") for tag in sorted(tags))


def _territories(position: Position) -> Iterator[tuple[str, str]]:
    for territory in _network(position).settings.territories:
        yield f"{territory}=", _("a level 0-3")


def _quarters(position: Position) -> Iterator[tuple[str, str]]:
    from reseau.files.folder import PLANS_DIR, find_root
    from reseau.files.quarters import Quarter

    today = _today(position)
    current = Quarter.of(today)
    root = find_root(position.directory, os.environ, Path.cwd())
    planned = sorted(path.stem for path in (root / PLANS_DIR).glob("*.yaml"))
    yield str(current), _("this quarter")
    yield str(current.next()), _("the next quarter")
    yield from ((name, _("has a plan")) for name in planned)


def _today(position: Position) -> date:
    from reseau.cli.state import parse_today

    try:
        return parse_today(position.today)
    except Exception:  # a --today still being typed: the clock will do
        return date.today()


def _matching(found: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    from reseau.files.slugs import fold

    typed = fold(incomplete).lower()
    seen: set[str] = set()
    kept = []
    for value, help in found:
        if value in seen or not fold(value).lower().startswith(typed):
            continue
        seen.add(value)
        kept.append((value, help))
    return kept
