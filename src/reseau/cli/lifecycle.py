"""reseau rename, reseau merge, reseau archive, reseau remove: a contact's whole life."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from reseau.cli.output import say
from reseau.cli.state import state_of
from reseau.files.text import clean

if TYPE_CHECKING:
    from reseau.actions.references import Reference

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
        say(f"renamed {clean(done.old_name)} to {clean(done.name)}")
    if done.moved:
        say(f"moved contacts/{done.old_slug}.yaml to contacts/{done.slug}.yaml")
    _say_references(done.references, f"{done.old_slug} -> {done.slug}", "rewrote")


def _say_references(references: list[Reference], change: str, verb: str) -> None:
    if not references:
        return
    files = len({r.relpath for r in references})
    noun = "reference" if len(references) == 1 else "references"
    where = "file" if files == 1 else "files"
    say(f"{verb} {len(references)} {noun} in {files} {where} ({change}):")
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
        raise ReseauError(f"--prefer takes keep or other, not '{prefer}'")
    state = state_of(ctx)
    done = merge_contacts(
        state.root(),
        keep,
        other,
        state.today,
        prefer_other=prefer == "other",
        dry_run=dry_run,
    )
    would, removed = ("would merge", "would be removed") if dry_run else ("merged", "removed")
    other_path = f"contacts/{done.other}.yaml"
    say(f"{would} {other_path} into contacts/{done.keep}.yaml; {other_path} {removed}")
    if done.brought:
        items = ", ".join(f"{key} {count}" for key, count in done.brought.items())
        say(f"  brought in: {items}")
    for difference in done.differences:
        say(
            f"  {difference.field}: kept {clean(str(difference.kept))}, "
            f"not {clean(str(difference.dropped))} ({'would go' if dry_run else 'written'} "
            "to the notes)"
        )
    verb = "would rewrite" if dry_run else "rewrote"
    _say_references(done.references, f"{done.other} -> {done.keep}", verb)
    if dry_run:
        say("dry run: nothing written")


def archive(ctx: typer.Context, who: WhoArgument) -> None:
    """Archive a contact: the history stays, they count in nothing reseau computes."""
    from reseau.actions.leave import archive_contact

    done = archive_contact(state_of(ctx).root(), who)
    say(f"archived {clean(done.name)} (contacts/{done.slug}.yaml): status archived")
    for reference in done.references:
        say(f"  still planned: {reference.relpath}: {reference.field}: {clean(reference.what)}")


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
    say(f"removed contacts/{done.slug}.yaml ({clean(done.name)})")
    _say_references(done.references, done.slug, "removed")
