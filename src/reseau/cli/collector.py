"""The cyclic garbage collector, paused while reseau starts.

Starting a command imports Typer, Pydantic and the command's modules: tens of thousands of
objects that live as long as the process, which the collector would scan some seventy
times for nothing (a twentieth of a `reseau log`). It is paused when `main` starts and
resumed as soon as the command turns to the network folder (`State.root`), so what the
command then does runs with the collector as always; `main` resumes it in any case when it
returns.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector running again, if `pause` stopped it. What start-up made is frozen
    first: it lives as long as the process, and no collection needs to scan it again."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
