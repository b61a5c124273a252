"""Build tests of the engine (secretariat/build) on a site of parallel-safe plugins only.

The fixture uses the search plugin and a small test hook (``words_hook.py``), both parallel-safe,
so every build goes through the engine: its output must equal MkDocs' own loop's, a one-worker
build's, and a clean build's after every kind of change.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.build.sites import built, differences, mkdocs_build, write_site

KEPT_HOOK = Path(__file__).with_name("kept_output_hook.py")

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cold two-worker build of the fixture, to compare others with (do not modify)."""
    root = write_site(tmp_path_factory.mktemp("cold"))
    built(root)
    return root


def copy_of(root: Path, tmp_path: Path) -> Path:
    """The fixture's sources and cache, as a new site to edit."""
    copy = tmp_path / "site-copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site"))
    return copy


def test_two_workers_write_the_same_site_as_one(cold: Path, tmp_path: Path) -> None:
    one = write_site(tmp_path / "one")
    log = built(one, jobs=1)
    assert "rendered (1 worker)" in log
    assert differences(cold / "site", one / "site") == []


def test_the_engine_writes_the_same_site_as_mkdocs_own_loop(cold: Path, tmp_path: Path) -> None:
    stock = write_site(
        tmp_path, plugins=["secretariat/search", {"secretariat/build": {"enabled": False}}]
    )
    log = built(stock)
    assert "Pages:" not in log
    assert differences(cold / "site", stock / "site") == []


def test_an_unchanged_rebuild_renders_no_page(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    assert "Pages: 0 rendered (2 workers), 13 unchanged" in built(root)
    assert differences(cold / "site", root / "site") == []


def test_an_edited_article_is_the_only_page_rendered_again(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    article = root / "docs" / "plans" / "budget" / "plan-2.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert "Pages: 1 rendered" in built(root)
    clean = copy_of(root, tmp_path / "clean")
    shutil.rmtree(clean / ".cache")
    built(clean)
    assert differences(clean / "site", root / "site") == []


@pytest.mark.parametrize(
    "entry_point",
    [
        [str(Path(sys.executable).with_name("mkdocs"))],
        [sys.executable, "-m", "cProfile", "-o", os.devnull, "-m", "mkdocs"],
    ],
    ids=["console-script", "profiler"],
)
def test_a_build_through_another_entry_point_keeps_every_page(
    cold: Path, tmp_path: Path, entry_point: list[str]
) -> None:
    """The entry point is not code of the site: its modules change no page's fingerprint."""
    root = copy_of(cold, tmp_path)
    result = subprocess.run(
        [*entry_point, "build"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECRETARIAT_JOBS": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "Pages: 0 rendered (2 workers), 13 unchanged" in result.stdout


def test_an_override_template_change_renders_every_page(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# changed #}\n", encoding="utf-8")
    assert "Pages: 13 rendered" in built(root)


def test_a_warning_logged_in_a_worker_fails_the_strict_build(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    article = root / "docs" / "plans" / "budget" / "plan-3.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nWARN-ME\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "'plans/budget/plan-3.md' asks for a warning" in result.stdout
    assert "Aborted with 1 warnings in strict mode" in result.stdout


def test_a_kept_page_logs_its_warning_again(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    article = root / "docs" / "plans" / "budget" / "plan-3.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nWARN-ME\n", encoding="utf-8")
    mkdocs_build(root)
    result = mkdocs_build(root)
    assert "Pages: 0 rendered" in result.stdout
    assert result.returncode != 0 and "asks for a warning" in result.stdout


def test_a_link_to_a_missing_anchor_of_a_page_rendered_elsewhere_is_reported(
    tmp_path: Path,
) -> None:
    root = write_site(tmp_path)
    article = root / "docs" / "plans" / "budget" / "plan-4.md"
    text = article.read_text(encoding="utf-8").replace("#rules", "#nowhere")
    article.write_text(text, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "does not contain an anchor '#nowhere'" in result.stdout


def test_a_corrupt_cache_manifest_is_ignored_and_rebuilt(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    (root / ".cache" / "build" / "build" / "manifest.json").write_text(
        '{"format": 1, "pages": {', "utf-8"
    )
    log = built(root)
    assert "Rendering every page: the cache manifest is unreadable" in log
    assert "Pages: 13 rendered" in log
    assert differences(cold / "site", root / "site") == []


def manifest_of(root: Path) -> tuple[Path, dict[str, Any], bytes]:
    """The engine's manifest: its path, its header line and the page records after it."""
    manifest = root / ".cache" / "build" / "build" / "manifest.json"
    header, _, body = manifest.read_bytes().partition(b"\n")
    return manifest, json.loads(header), body


def test_a_cache_of_another_engine_version_is_ignored(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    manifest, header, body = manifest_of(root)
    manifest.write_bytes(json.dumps({**header, "format": 0}).encode() + b"\n" + body)
    assert "written by another version of the engine" in built(root)


def test_a_damaged_stored_output_is_rendered_again(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    output = json.loads(manifest_of(root)[2])["plans/budget/plan-1.md"]["output"]
    (root / ".cache" / "build" / "build" / "outputs" / output[:2] / output).write_bytes(
        b"<p>tampered</p>"
    )
    assert "Pages: 1 rendered" in built(root)
    assert differences(cold / "site", root / "site") == []


def test_a_deleted_article_loses_its_output_on_a_dirty_build(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    built(root)
    (root / "docs" / "plans" / "budget" / "plan-5.md").unlink()
    built(root, "--dirty")
    assert not (root / "site" / "plans" / "budget" / "plan-5" / "index.html").exists()


def test_a_plugin_that_is_not_parallel_safe_gets_mkdocs_own_loop(tmp_path: Path) -> None:
    root = write_site(tmp_path, plugins=["secretariat/search", "secretariat/build", "tags"])
    log = built(root)
    assert (
        "Rendering with MkDocs' own page loop: plugin 'material/tags' is not parallel_safe" in log
    )
    assert "Pages:" not in log


def test_jobs_is_a_whole_number_option(tmp_path: Path) -> None:
    root = write_site(tmp_path, plugins=[{"secretariat/build": {"jobs": -1}}])
    result = mkdocs_build(root)
    assert result.returncode != 0 and "jobs" in result.stdout
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"secretariat/build": {"jobs": -1}}]


def test_an_unchanged_page_stays_in_place_without_being_written(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    built(root)
    page = root / "site" / "plans" / "budget" / "plan-1" / "index.html"
    before = page.stat()
    assert "Pages: 0 rendered (2 workers), 13 unchanged, in" in built(root)
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_page_deleted_from_site_dir_is_restored_from_the_cache(
    cold: Path, tmp_path: Path
) -> None:
    root = copy_of(cold, tmp_path)
    built(root)
    (root / "site" / "plans" / "budget" / "plan-1" / "index.html").unlink()
    assert "0 rendered (2 workers), 13 unchanged (1 restored from the cache)" in built(root)
    assert differences(cold / "site", root / "site") == []


def test_a_page_edited_in_site_dir_is_made_again(cold: Path, tmp_path: Path) -> None:
    """Edited in place, the file's stored copy (a hard link to it) changed too: it is rendered."""
    root = copy_of(cold, tmp_path)
    built(root)
    page = root / "site" / "plans" / "budget" / "plan-1" / "index.html"
    page.write_text("<p>edited by hand</p>", encoding="utf-8")
    built(root)
    assert differences(cold / "site", root / "site") == []


def test_a_file_no_build_writes_any_more_is_removed(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    (root / "docs" / "handout.txt").write_text("A static file.\n", encoding="utf-8")
    built(root)
    assert (root / "site" / "handout.txt").exists()
    (root / "docs" / "handout.txt").unlink()
    (root / "docs" / "plans" / "budget" / "plan-6.md").unlink()
    (root / "site" / "stray" / "deep").mkdir(parents=True)
    (root / "site" / "stray" / "deep" / "left.html").write_text("x", encoding="utf-8")
    built(root)
    clean = copy_of(root, tmp_path / "clean")
    shutil.rmtree(clean / ".cache")
    built(clean)
    assert differences(clean / "site", root / "site") == []
    assert not (root / "site" / "stray").exists()


def test_an_output_a_plugin_says_it_kept_is_not_removed(cold: Path, tmp_path: Path) -> None:
    root = copy_of(cold, tmp_path)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"].append(str(KEPT_HOOK))
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built(root)
    kept = root / "site" / "kept" / "once.txt"
    written = kept.stat().st_mtime_ns
    built(root)
    assert kept.stat().st_mtime_ns == written
