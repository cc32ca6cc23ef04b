"""reseau rename, reseau merge, reseau archive, reseau remove: a contact's whole life."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import say
from reseau.cli.state import state_of
from reseau.files.i18n import N_, _, ngettext
from reseau.files.text import clean

if TYPE_CHECKING:
    from reseau.actions.references import Reference

# How many references a command changed, and in how many files.
REWROTE = N_("rewrote {references} in {files} ({change}):")
WOULD_REWRITE = N_("would rewrite {references} in {files} ({change}):")
REMOVED = N_("removed {references} in {files} ({change}):")

WhoArgument = Annotated[
    str, typer.Argument(help="A slug, a unique prefix of one, or part of a name.")
]


def rename(
    ctx: typer.Context,
    who: WhoArgument,
    name: Annotated[str, typer.Argument(help="The new name.")],
    slug: Annotated[
        str | None, typer.Option("--slug", help="The new slug (default: from the new name).")
    ] = None,
    keep_slug: Annotated[
        bool, typer.Option("--keep-slug", help="Change the name only; the file keeps its name.")
    ] = False,
) -> None:
    """Rename a contact: the name, the file, and every reference to it in other files."""
    from reseau.actions.rename import rename_contact

    state = state_of(ctx)
    done = rename_contact(state.root(), who, name, slug=slug, keep_slug=keep_slug)
    if done.name != done.old_name:
        say(_("renamed {old} to {new}").format(old=clean(done.old_name), new=clean(done.name)))
    if done.moved:
        say(
            _("moved {old} to {new}").format(
                old=f"contacts/{done.old_slug}.yaml", new=f"contacts/{done.slug}.yaml"
            )
        )
    _say_references(done.references, f"{done.old_slug} -> {done.slug}", REWROTE)


def _say_references(references: list[Reference], change: str, verb: str) -> None:
    if not references:
        return
    files = len({r.relpath for r in references})
    counted = ngettext("{count} reference", "{count} references", len(references))
    where = ngettext("{count} file", "{count} files", files)
    say(
        _(verb).format(
            references=counted.format(count=len(references)),
            files=where.format(count=files),
            change=change,
        )
    )
    for reference in references:
        say(f"  {reference.relpath}: {reference.field}: {clean(reference.what)}")


def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The contact that stays (like WHO).")],
    other: Annotated[str, typer.Argument(help="The duplicate, merged into KEEP and removed.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    prefer: Annotated[
        str,
        typer.Option(
            "--prefer", help="keep or other: whose value wins where both differ.", metavar="SIDE"
        ),
    ] = "keep",
) -> None:
    """Merge two files of one person: lists united, KEEP's values kept, OTHER removed."""
    from reseau.actions.merge import merge_contacts
    from reseau.files.problems import ReseauError

    if prefer not in ("keep", "other"):
        raise ReseauError(_("--prefer takes keep or other, not '{prefer}'").format(prefer=prefer))
    state = state_of(ctx)
    done = merge_contacts(
        state.root(),
        keep,
        other,
        state.today,
        prefer_other=prefer == "other",
        dry_run=dry_run,
    )
    merged = (
        _("would merge {other} into {keep}; {other} would be removed")
        if dry_run
        else _("merged {other} into {keep}; {other} removed")
    )
    say(merged.format(other=f"contacts/{done.other}.yaml", keep=f"contacts/{done.keep}.yaml"))
    if done.brought:
        items = ", ".join(f"{key} {count}" for key, count in done.brought.items())
        say(_("  brought in: {items}").format(items=items))
    kept = (
        _("  {field}: kept {kept}, not {dropped} (would go to the notes)")
        if dry_run
        else _("  {field}: kept {kept}, not {dropped} (written to the notes)")
    )
    for difference in done.differences:
        say(
            kept.format(
                field=difference.field,
                kept=clean(str(difference.kept)),
                dropped=clean(str(difference.dropped)),
            )
        )
    verb = WOULD_REWRITE if dry_run else REWROTE
    _say_references(done.references, f"{done.other} -> {done.keep}", verb)
    if dry_run:
        say(_("dry run: nothing written"))


def archive(ctx: typer.Context, who: WhoArgument) -> None:
    """Archive a contact: the history stays, they count in nothing reseau computes."""
    from reseau.actions.leave import archive_contact

    done = archive_contact(state_of(ctx).root(), who)
    say(
        _("archived {name} ({path}): status archived").format(
            name=clean(done.name), path=f"contacts/{done.slug}.yaml"
        )
    )
    for reference in done.references:
        say(
            _("  still planned: {path}: {field}: {what}").format(
                path=reference.relpath, field=reference.field, what=clean(reference.what)
            )
        )


def remove(
    ctx: typer.Context,
    who: WhoArgument,
    force: Annotated[
        bool,
        typer.Option("--force", help="Also remove every reference other files make to them."),
    ] = False,
) -> None:
    """Remove a contact's file; refused while other files name them, unless --force."""
    from reseau.actions.leave import remove_contact

    done = remove_contact(state_of(ctx).root(), who, force=force)
    say(
        _("removed {path} ({name})").format(
            path=f"contacts/{done.slug}.yaml", name=clean(done.name)
        )
    )
    _say_references(done.references, done.slug, REMOVED)
