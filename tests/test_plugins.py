"""reseau runs its models without Pydantic plugins, so it never scans installed packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
sys.argv = ["reseau", *sys.argv[1:]]
from reseau.cli.main import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
from reseau.files.model import Contact
print("importlib.metadata" in sys.modules, type(Contact.__pydantic_validator__).__name__)
"""


def probe(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_log_builds_its_validators_without_looking_for_plugins(sample: Path) -> None:
    assert probe("log", "thomas-bernard", "Coffee", cwd=sample) == "False SchemaValidator"
    assert "Coffee" in (sample / "contacts" / "thomas-bernard.yaml").read_text("utf-8")


def test_show_too(sample: Path) -> None:
    assert probe("show", "thomas", cwd=sample) == "False SchemaValidator"


def test_any_other_name_comes_from_pydantics_own_loader(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from reseau.cli.plugins import LOADER, skip_plugins\n"
        "skip_plugins()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins()) == ()\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP, sys.modules[LOADER].__file__ is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pydantic", "True"]


def test_a_loader_already_there_is_left_alone(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import pydantic.plugin._loader as real\n"
        "from reseau.cli.plugins import LOADER, skip_plugins\n"
        "skip_plugins()\n"
        "print(sys.modules[LOADER] is real)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
