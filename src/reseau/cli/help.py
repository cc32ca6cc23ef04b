"""What `-h` shows: readable metavars, and one example per command.

Every example and placeholder lives here, so the help reads the same everywhere and can be
translated in one place.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument

from reseau.files.i18n import _

EXAMPLES = {
    "week": "reseau week --done --note 'Called four clients'",
    "stats": "reseau stats --json",
    "init": "reseau init ~/network",
    "add": "reseau add 'Marie Dupont' --company Acme --circle clients --since '3 days ago'",
    "show": "reseau show thomas",
    "list": "reseau list --tier A --sort last-met",
    "qualify": "reseau qualify nour --nature peer --influence lyon-industry=2",
    "stale": "reseau stale --days 180",
    "log": "reseau log paul 'Call about the sale' --kind call --date friday",
    "intro": "reseau intro thomas marie 'Both hire in Lyon' --date yesterday",
    "promise": 'reseau promise paul "the broker\'s name" --by friday',
    "promise make": 'reseau promise make paul "the broker\'s name" --by 2026-12-08',
    "promise done": "reseau promise done paul 2 --log",
    "edit": "reseau edit chloe",
    "rename": "reseau rename jean-martin-2 'Jean-Baptiste Martin'",
    "merge": "reseau merge grace-hopper grace-hopper-2 --dry-run",
    "archive": "reseau archive gregoire",
    "remove": "reseau remove gregoire --force",
    "plan": "reseau plan 2026-Q4",
    "plan show": "reseau plan 2026-Q4 --json",
    "plan new": "reseau plan new --meet 6 --focus clients",
    "plan done": "reseau plan done 3 --kind meal --note 'Lunch in Lyon'",
    "sync": "reseau sync",
    "handover": "reseau handover camille paul",
    "check": "reseau check --json",
    "import": "reseau import vcard contacts.vcf --circle clients --dry-run",
    "import vcard": "reseau import vcard contacts.vcf --circle clients --dry-run",
    "import linkedin": "reseau import linkedin Connections.csv --tag linkedin",
    "import google": "reseau import google contacts.csv --encoding cp1252",
    "import ics": "reseau import ics calendar.ics --dry-run",
    "export": "reseau export vcard --circle clients -o clients.vcf",
    "export vcard": "reseau export vcard --circle clients -o clients.vcf",
    "export csv": "reseau export csv --private -o network.csv",
    "export ics": "reseau export ics --weeks 8 -o reseau.ics",
}

# The placeholder of each parameter, by its name; an explicit metavar in the code wins.
METAVARS = {
    "who": "WHO",
    "first": "WHO",
    "second": "WHO",
    "with": "WHO",
    "item": "ITEM",
    "quarter": "QUARTER",
    "name": "NAME",
    "note": "NOTE",
    "what": "WHAT",
    "by": "DATE",
    "next_step": "WHAT",
    "number": "N",
    "when": "DATE",
    "date": "DATE",
    "since": "DATE",
    "today": "DATE",
    "circle": "CIRCLE",
    "focus": "CIRCLE",
    "tag": "TAG",
    "status": "STATUS",
    "tier": "TIER",
    "kind": "KIND",
    "tone": "TONE",
    "nature": "NATURE",
    "influence": "TERRITORY=LEVEL",
    "email": "EMAIL",
    "phone": "PHONE",
    "link": "URL",
    "slug": "SLUG",
    "file": "FILE",
    "directory": "DIR",
    "output": "FILE",
    "encoding": "ENCODING",
}
_BY_TYPE = {"int": "N", "Path": "PATH"}


class ReadableArgument(TyperArgument):
    """An argument shown as `WHO` in the usage line and the list, with no `<str>` after it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


def make_readable(command: Any, path: str) -> None:
    """Metavars and the example for `command` (named `path`, as in `plan done`) and below it."""
    example = EXAMPLES.get(path)
    if example and not command.epilog:
        command.epilog = "\b\n" + _("Example:") + f"\n  {example}"
    for param in command.params:
        _name_placeholder(param)
        if param.name == "help" and param.help:
            param.help = _(param.help)
    for name, sub in getattr(command, "commands", {}).items():
        make_readable(sub, f"{path} {name}")


def _name_placeholder(param: Any) -> None:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    if param.metavar is None:
        key = (param.name or "").rstrip("_")
        type_name = param.bare_type().split(".")[-1].strip("'>")
        param.metavar = METAVARS.get(key) or _BY_TYPE.get(type_name) or "TEXT"
    if isinstance(param, TyperArgument) and not isinstance(param, ReadableArgument):
        param.__class__ = ReadableArgument
