"""What `reseau --help` lists: the commands, where each one lives, and the global options.

Free of Typer: cli/app.py builds the application from this table, and cli/tophelp.py writes
`reseau --help` from it without loading Typer at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from reseau.files.i18n import N_, P_

# The framework's placeholders in the usage line.
OPTIONS = P_("[OPTIONS]")
SUBCOMMAND = P_("COMMAND [ARGS]...")
APP_HELP = N_("Cultivate a durable professional network, one weekly ritual at a time.")


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a command lives, and the line `reseau --help` shows for it."""

    module: str
    attribute: str
    summary: str
    group: bool = False


COMMANDS = {
    "week": Entry(
        "reseau.cli.week", "week", "The week's agenda, in the ritual's minutes; --done records it."
    ),
    "stats": Entry(
        "reseau.cli.stats", "stats", "The network's health against the ten recommendations."
    ),
    "init": Entry(
        "reseau.cli.init", "init", "Create a network folder: reseau.yaml, contacts/, plans/, git."
    ),
    "add": Entry("reseau.cli.contacts", "add", "Add a contact: writes contacts/<slug>.yaml."),
    "show": Entry(
        "reseau.cli.contacts", "show", "One contact, with what reseau computes about them."
    ),
    "list": Entry("reseau.cli.contacts", "list_contacts", "The table of contacts."),
    "qualify": Entry(
        "reseau.cli.qualify", "qualify", "Qualify a contact; --missing lists who needs it."
    ),
    "stale": Entry("reseau.cli.stale", "stale", "Active contacts not met in person lately."),
    "log": Entry("reseau.cli.interactions", "log", "Record an interaction with a contact."),
    "promise": Entry(
        "reseau.cli.promise",
        "app",
        "A next step promised to a contact; promise done when it is kept.",
        group=True,
    ),
    "intro": Entry("reseau.cli.interactions", "intro", "Record that you introduced two contacts."),
    "edit": Entry(
        "reseau.cli.edit", "edit", "Open a contact's file in $EDITOR, checked when it closes."
    ),
    "rename": Entry(
        "reseau.cli.lifecycle", "rename", "Rename a contact, its file and every reference to it."
    ),
    "merge": Entry("reseau.cli.lifecycle", "merge", "Merge two files of one person into one."),
    "archive": Entry(
        "reseau.cli.lifecycle", "archive", "Archive a contact: history kept, counted nowhere."
    ),
    "remove": Entry(
        "reseau.cli.lifecycle", "remove", "Remove a contact's file (--force: and references)."
    ),
    "plan": Entry(
        "reseau.cli.plan",
        "app",
        "The quarterly action plan: progress, next draft, done.",
        group=True,
    ),
    "handover": Entry(
        "reseau.cli.team", "handover", "In a team: move a member's plan items and contacts."
    ),
    "sync": Entry(
        "reseau.cli.sync", "sync", "Commit the network's files, pull, merge as data, check, push."
    ),
    "check": Entry(
        "reseau.cli.check", "check", "Validate every file; print every problem with its line."
    ),
    "import": Entry(
        "reseau.cli.exchange",
        "import_app",
        "Bring in people (vCard, LinkedIn, Google) or meetings (ICS).",
        group=True,
    ),
    "export": Entry(
        "reseau.cli.exchange", "export_app", "Write vCard, CSV or a calendar (ICS).", group=True
    ),
}


@dataclass(frozen=True, slots=True)
class GlobalOption:
    """An option of `reseau` itself, given before the command (or after it, see cli/groups)."""

    name: str
    metavar: str | None  # None for a flag
    help: str


def global_options() -> dict[str, GlobalOption]:
    """The global options in the order `reseau --help` lists them; their help and
    placeholders are marked for the catalog, translated where they are shown."""
    options = (
        GlobalOption(
            "--dir",
            P_("PATH"),
            N_("The network folder (default: RESEAU_DIR, else the nearest reseau.yaml upward)."),
        ),
        GlobalOption(
            "--today",
            P_("DATE"),
            N_(
                "The date every computation takes as today: YYYY-MM-DD, yesterday, -7d, "
                "monday... (or RESEAU_TODAY)."
            ),
        ),
        GlobalOption(
            "--lang",
            P_("LANG"),
            N_(
                "The language to speak: en or fr (default: reseau.yaml's language, else "
                "LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."
            ),
        ),
        GlobalOption("--debug", None, N_("Show a traceback on internal errors.")),
        GlobalOption(
            "--show-completion",
            P_("[SHELL]"),
            N_("Print the completion script for bash, zsh or fish (default: this shell)."),
        ),
        GlobalOption(
            "--install-completion",
            P_("[SHELL]"),
            N_("Install completion for bash, zsh or fish (default: this shell)."),
        ),
        GlobalOption(
            "--as",
            P_("MEMBER"),
            N_("In a team network: the member running the command (or RESEAU_MEMBER)."),
        ),
        GlobalOption("--version", None, N_("Print the version and exit.")),
    )
    return {option.name: option for option in options}
