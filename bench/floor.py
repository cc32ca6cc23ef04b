"""The floor: read every YAML file of a network folder and parse it with libyaml, nothing more.

    python bench/floor.py NETWORK_FOLDER

No validation, no model, no output but a count: what any tool reading these files must at
least spend. PyYAML without libyaml is refused, since the pure-Python parser is no floor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def yaml_files(root: Path) -> list[Path]:
    files = [root / "reseau.yaml", root / "journal.yaml"]
    for folder in ("contacts", "plans"):
        files += sorted((root / folder).glob("*.yaml"))
    return [path for path in files if path.is_file()]


def main() -> int:
    if not getattr(yaml, "__with_libyaml__", False):
        sys.stderr.write("floor: PyYAML has no libyaml here; the floor needs the C parser\n")
        return 2
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    count = 0
    for path in yaml_files(root):
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    print(f"{count} files parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
