"""``build -q --strict`` fails on warnings with the ``secretariat/strict`` plugin, and only then.

Each case builds a one-page fixture site (a broken internal link, or a page-view row naming a page
the site does not have) from the command line, as CI does. The first test pins the upstream trap
itself: the day it fails, MkDocs no longer hides warnings from ``--strict`` under ``-q``, and the
workaround in ``hooks/strict/quiet.py`` can go.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hooks.strict import quiet
from tests.ops.engines import build

pytestmark = pytest.mark.build

BROKEN_LINK = "See [the retired notice](retired-notice.md).\n"


def write_site(
    root: Path, *, strict_plugin: bool, body: str = BROKEN_LINK, extra: str = ""
) -> Path:
    """A one-page Material site under ``root``; returns its mkdocs.yml."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(f"# Home\n\n{body}", encoding="utf-8")
    plugins = "  - secretariat/strict\n" if strict_plugin else ""
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Quiet trap\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        f"plugins:\n{plugins}{extra}",
        encoding="utf-8",
    )
    return config


def test_upstream_quiet_strict_build_passes_despite_a_broken_link(tmp_path: Path) -> None:
    """The trap, without our plugin. If this fails, MkDocs fixed -q: drop the Hack."""
    result = build(
        "mkdocs", write_site(tmp_path, strict_plugin=False), tmp_path / "site", "-q", "--strict"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_quiet_strict_build_fails_on_a_broken_link(tmp_path: Path, engine: str) -> None:
    result = build(
        engine, write_site(tmp_path, strict_plugin=True), tmp_path / "site", "-q", "--strict"
    )
    assert result.returncode == 1
    assert "contains a link 'retired-notice.md', but the target is not found" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def test_quiet_strict_build_fails_on_a_stale_page_view_row(tmp_path: Path) -> None:
    (tmp_path / "views.csv").write_text("path,views\n/retired-notice/,40\n", encoding="utf-8")
    config = write_site(
        tmp_path,
        strict_plugin=True,
        body="Nothing broken here.\n",
        extra="  - secretariat/popular:\n      data_file: views.csv\n",
    )
    result = build("mkdocs", config, tmp_path / "site", "-q", "--strict")
    assert result.returncode == 1
    assert "/retired-notice/" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def test_quiet_build_without_strict_stays_quiet_and_passes(tmp_path: Path) -> None:
    result = build("mkdocs", write_site(tmp_path, strict_plugin=True), tmp_path / "site", "-q")
    assert result.returncode == 0
    assert result.stdout + result.stderr == ""


def test_quiet_strict_build_of_a_clean_site_passes_without_info_lines(tmp_path: Path) -> None:
    config = write_site(tmp_path, strict_plugin=True, body="Nothing broken here.\n")
    result = build("mkdocs", config, tmp_path / "site", "-q", "--strict")
    assert result.returncode == 0, result.stderr
    assert "INFO" not in result.stdout + result.stderr


def test_unverified_engine_version_is_refused_loudly() -> None:
    assert quiet.Engine("mkdocs", "1.6.1").verified
    assert quiet.Engine("properdocs", "1.6.7").verified
    assert not quiet.Engine("mkdocs", "2.0.0").verified
    assert not quiet.Engine("zensical", "0.0.57").verified


def test_let_warnings_through_lowers_the_level_and_restores_it() -> None:
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        engine = quiet.Engine("mkdocs", "1.6.1")
        assert quiet.quiet_hides_warnings(engine)
        lowered = quiet.let_warnings_through(engine)
        assert not quiet.quiet_hides_warnings(engine)
        lowered.restore()
        assert logger.level == logging.ERROR
    finally:
        logger.setLevel(before)
