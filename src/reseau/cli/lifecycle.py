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
