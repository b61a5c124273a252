"""A parallel-safe test hook that writes ``site/kept/once.txt`` only when it is missing.

It says so through ``site_outputs()`` (hooks/build/outputs.py), as a plugin that keeps an output in
place between builds must: the engine's sweep then leaves the file although no build rewrote it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

parallel_safe = True


def on_post_build(config: Any) -> None:
    """Write the file on the first build only."""
    path = Path(config.site_dir) / "kept" / "once.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("written once\n", encoding="utf-8")


def site_outputs() -> list[str]:
    """The folder this hook keeps in place."""
    return ["kept"]


def page_inputs(src_uri: str) -> str:
    """Nothing goes into a page."""
    return ""


def site_inputs() -> str:
    """Nothing goes into every page."""
    return ""
