"""What `-h` shows: readable metavars, and one example per command.

Every example and placeholder lives here, so the help reads the same everywhere and can be
translated in one place.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument

from reseau.cli.groups import translate_help
from reseau.files.i18n import N_, P_, _

EXAMPLES = {
    "week": N_("reseau week --done --note 'Called four clients'"),
    "stats": N_("reseau stats --json"),
    "init": N_("reseau init ~/network"),
    "add": N_("reseau add 'Marie Dupont' --company Acme --circle clients --since '3 days ago'"),
    "show": N_("reseau show thomas"),
    "list": N_("reseau list --tier A --sort last-met"),
    "qualify": N_("reseau qualify nour --nature peer --influence lyon-industry=2"),
    "stale": N_("reseau stale --days 180"),
    "log": N_("reseau log paul 'Call about the sale' --kind call --date friday"),
    "intro": N_("reseau intro thomas marie 'Both hire in Lyon' --date yesterday"),
    "promise": N_('reseau promise paul "the broker\'s name" --by friday'),
    "promise make": N_('reseau promise make paul "the broker\'s name" --by 2026-12-08'),
    "promise done": N_("reseau promise done paul 2 --log"),
    "edit": N_("reseau edit chloe"),
    "rename": N_("reseau rename jean-martin-2 'Jean-Baptiste Martin'"),
    "merge": N_("reseau merge grace-hopper grace-hopper-2 --dry-run"),
    "archive": N_("reseau archive gregoire"),
    "remove": N_("reseau remove gregoire --force"),
    "plan": N_("reseau plan 2026-Q4"),
    "plan show": N_("reseau plan 2026-Q4 --json"),
    "plan new": N_("reseau plan new --meet 6 --focus clients"),
    "plan done": N_("reseau plan done 3 --kind meal --note 'Lunch in Lyon'"),
    "sync": N_("reseau sync"),
    "handover": N_("reseau handover camille paul"),
    "check": N_("reseau check --json"),
    "import": N_("reseau import vcard contacts.vcf --circle clients --dry-run"),
    "import vcard": N_("reseau import vcard contacts.vcf --circle clients --dry-run"),
    "import linkedin": N_("reseau import linkedin Connections.csv --tag linkedin"),
    "import google": N_("reseau import google contacts.csv --encoding cp1252"),
    "import ics": N_("reseau import ics calendar.ics --dry-run"),
    "export": N_("reseau export vcard --circle clients -o clients.vcf"),
    "export vcard": N_("reseau export vcard --circle clients -o clients.vcf"),
    "export csv": N_("reseau export csv --private -o network.csv"),
    "export ics": N_("reseau export ics --weeks 8 -o reseau.ics"),
}

# The placeholder of each parameter, by its name; an explicit metavar in the code wins.
METAVARS = {
    "who": P_("WHO"),
    "first": P_("WHO"),
    "second": P_("WHO"),
    "keep": P_("KEEP"),
    "other": P_("OTHER"),
    "with": P_("WHO"),
    "item": P_("ITEM"),
    "quarter": P_("QUARTER"),
    "name": P_("NAME"),
    "note": P_("NOTE"),
    "what": P_("WHAT"),
    "by": P_("DATE"),
    "next_step": P_("WHAT"),
    "number": P_("N"),
    "when": P_("DATE"),
    "date": P_("DATE"),
    "since": P_("DATE"),
    "today": P_("DATE"),
    "circle": P_("CIRCLE"),
    "focus": P_("CIRCLE"),
    "tag": P_("TAG"),
    "status": P_("STATUS"),
    "tier": P_("TIER"),
    "kind": P_("KIND"),
    "tone": P_("TONE"),
    "nature": P_("NATURE"),
    "influence": P_("TERRITORY=LEVEL"),
    "email": P_("EMAIL"),
    "phone": P_("PHONE"),
    "link": P_("URL"),
    "slug": P_("SLUG"),
    "file": P_("FILE"),
    "directory": P_("DIR"),
    "output": P_("FILE"),
    "encoding": P_("ENCODING"),
}
_BY_TYPE = {"int": P_("N"), "Path": P_("PATH")}
TEXT = P_("TEXT")


class ReadableArgument(TyperArgument):
    """An argument shown as `WHO` in the usage line and the list, with no `<str>` after it."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


def make_readable(command: Any, path: str) -> None:
    """Metavars, the example and the language for `command` (named `path`, as in `plan
    done`) and below it: every text the help shows goes through the catalog here, when the
    command is built, so the code that declares it keeps plain Typer strings (marked for the
    catalog by files/i18n_extract.py)."""
    example = EXAMPLES.get(path)
    if example and not command.epilog:
        command.epilog = "\b\n" + _("Example:") + f"\n  {_(example)}"
    for param in command.params:
        _name_placeholder(param)
    translate_help(command)
    for name, sub in getattr(command, "commands", {}).items():
        make_readable(sub, f"{path} {name}")


def _name_placeholder(param: Any) -> None:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    if param.metavar is None:
        key = (param.name or "").rstrip("_")
        type_name = param.bare_type().split(".")[-1].strip("'>")
        param.metavar = METAVARS.get(key) or _BY_TYPE.get(type_name) or TEXT
    if isinstance(param, TyperArgument) and not isinstance(param, ReadableArgument):
        param.__class__ = ReadableArgument
