"""The sweep (hooks/build/outputs.py): what survives in site_dir after a build, without a build."""

from __future__ import annotations

import os
import time
from pathlib import Path

from hooks.build.outputs import listing, sweep


def write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_left_untouched_by_the_build_is_removed_with_its_empty_folder(
    tmp_path: Path,
) -> None:
    write(tmp_path / "gone" / "page" / "index.html")
    before = listing(tmp_path)
    assert sweep(tmp_path, before, kept=(), kept_folders=()) == ["gone/page/index.html"]
    assert list(tmp_path.iterdir()) == []


def test_a_file_rewritten_by_the_build_stays(tmp_path: Path) -> None:
    page = write(tmp_path / "index.html", "old")
    before = listing(tmp_path)
    time.sleep(0.02)  # past the file system's clock tick
    page.unlink()
    write(page, "new")
    assert sweep(tmp_path, before, kept=(), kept_folders=()) == []
    assert page.read_text(encoding="utf-8") == "new"


def test_a_file_linked_again_from_the_same_cached_copy_stays(tmp_path: Path) -> None:
    """Same inode, size and mtime as before the build: only the ctime tells it was put back."""
    cached = write(tmp_path / "cache" / "bundle.js")
    site = tmp_path / "site"
    site.mkdir()
    os.link(cached, site / "bundle.js")
    before = listing(site)
    time.sleep(0.02)
    (site / "bundle.js").unlink()
    os.link(cached, site / "bundle.js")
    assert sweep(site, before, kept=(), kept_folders=()) == []


def test_kept_pages_and_kept_folders_stay(tmp_path: Path) -> None:
    write(tmp_path / "page" / "index.html")
    write(tmp_path / "search" / "en" / "entry.json")
    write(tmp_path / "stale.html")
    before = listing(tmp_path)
    removed = sweep(tmp_path, before, kept={"page/index.html"}, kept_folders=["search"])
    assert removed == ["stale.html"]
    assert (tmp_path / "search" / "en" / "entry.json").exists()
