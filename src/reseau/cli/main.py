"""The entry point: run the app, turn every failure into a clear line and an exit code."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reseau.files.problems import ReseauError


def main() -> None:
    from reseau.cli.app import app
    from reseau.files.problems import ReseauError

    debug = "--debug" in sys.argv[1:]
    try:
        app(prog_name="reseau")
    except ReseauError as exc:
        _report(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the boundary: whatever happened, no traceback unless asked
        if debug:
            raise
        from reseau.files.text import clean

        what = clean(f"{type(exc).__name__}: {exc}")
        sys.stderr.write(f"reseau: internal error ({what}); run with --debug for details\n")
        sys.exit(1)


def _report(exc: ReseauError) -> None:
    from reseau.files.text import clean

    lines = [f"reseau: {exc.message}", *(f"  {line}" for line in exc.details)]
    sys.stderr.write("".join(clean(line) + "\n" for line in lines))
