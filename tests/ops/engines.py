"""Running a real build with either engine, as a user runs it from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: The command of each engine; ProperDocs is the maintained fork of MkDocs 1.x (README).
ENGINE_COMMANDS = {
    "mkdocs": [sys.executable, "-m", "mkdocs"],
    "properdocs": [sys.executable, "-m", "properdocs"],
}


def build(
    engine: str, config: Path, site: Path, *flags: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``ENGINE build -f CONFIG -d SITE FLAGS...``; the result keeps exit code and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*ENGINE_COMMANDS[engine], "build", "-f", str(config), "-d", str(site), *flags],
        cwd=cwd or config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
