"""reseau validates its files without Pydantic plugins.

The first time Pydantic builds a validator, it looks for plugins (the `pydantic` entry
point group): it imports `importlib.metadata` and reads the metadata of every installed
distribution, which costs a `reseau log` about a tenth of its time. reseau uses no
plugin, and a plugin installed beside it (an observability hook for another program) has
no part in checking a contact file, so `skip_plugins()` puts in place of Pydantic's plugin
loader a module that finds none. Anything else asked of that module loads the real one.
"""

from __future__ import annotations

import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"


def skip_plugins() -> None:
    """From now on Pydantic finds no plugin, unless it looked for them already."""
    if LOADER in sys.modules:
        return
    loader = types.ModuleType(LOADER, "Pydantic's plugin loader, finding no plugin.")
    vars(loader).update(get_plugins=_no_plugins, __getattr__=_from_real_loader)
    sys.modules[LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


def _from_real_loader(name: str) -> Any:
    """A name this stand-in lacks (a newer Pydantic's): the real loader replaces it."""
    if name.startswith("__"):  # what the import system probes a module for (`__path__`)
        raise AttributeError(name)
    import importlib

    del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)
