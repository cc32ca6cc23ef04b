"""The floors: read every YAML file of a network folder, and parse it with libyaml or not.

    python bench/floor.py NETWORK_FOLDER           # read and parse with libyaml
    python bench/floor.py --bytes NETWORK_FOLDER   # only read the bytes

No validation, no model, no output but a count. Parsing with libyaml (PyYAML's C loader,
which builds Python objects) is what a tool that parses YAML in Python spends; reading the
bytes is what any tool must spend, the real floor. PyYAML without libyaml is refused, since
the pure-Python parser is no floor.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def yaml_files(root: Path) -> list[Path]:
    files = [root / "reseau.yaml", root / "journal.yaml"]
    for folder in ("contacts", "plans"):
        files += sorted((root / folder).glob("*.yaml"))
    return [path for path in files if path.is_file()]


def main() -> int:
    arguments = sys.argv[1:]
    only_bytes = arguments[:1] == ["--bytes"]
    arguments = arguments[1:] if only_bytes else arguments
    yaml = None if only_bytes else importlib.import_module("yaml")  # not imported to read bytes
    if yaml is not None and not getattr(yaml, "__with_libyaml__", False):
        sys.stderr.write("floor: PyYAML has no libyaml here; the floor needs the C parser\n")
        return 2
    root = Path(arguments[0]) if arguments else Path.cwd()
    count = size = 0
    for path in yaml_files(root):
        raw = path.read_bytes()
        size += len(raw)
        if yaml is not None:
            yaml.load(raw.decode("utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    print(f"{count} files {'read' if only_bytes else 'parsed'}, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
