"""Build test of the popular plugin: one real build of a small site with a page-views data file.

The data file names pages in the three accepted ways (site path, full URL, Markdown path), one
article has only a ``views:`` figure in its front matter, and one row names a page the site does
not have.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from library.frontmatter import FrontMatter, dump

pytestmark = pytest.mark.build

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"

ARTICLES = {
    "plans/yearly/work-plan.md": FrontMatter(
        title="Work plan", category="Plans", subcategory="Yearly", date=dt.date(2024, 1, 1)
    ),
    "plans/yearly/budget-plan.md": FrontMatter(
        title="Budget plan", category="Plans", subcategory="Yearly", date=dt.date(2024, 2, 1)
    ),
    "plans/monthly/march-plan.md": FrontMatter(
        title="March plan",
        category="Plans",
        subcategory="Monthly",
        date=dt.date(2024, 3, 1),
        views=150,
    ),
    "notices/holiday-notice.md": FrontMatter(
        title="Holiday notice", category="Notices", date=dt.date(2024, 4, 1)
    ),
    "notices/meeting-notice.md": FrontMatter(
        title="Meeting notice", category="Notices", date=dt.date(2024, 5, 1)
    ),
}

#: Most viewed first; "March plan" (150 in front matter) belongs between the 2nd and 3rd rows.
DATA = """\
# Exported from analytics
Page path,Views
/notices/meeting-notice/,"1,200"
https://example.org/plans/yearly/budget-plan/,300
plans/yearly/work-plan.md,90
/notices/holiday-notice/,40
/plans/retired-plan/,500
"""
STALE_LINE = 7


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built once (not strict: the stale row must warn); returns the site and the log."""
    root = tmp_path_factory.mktemp("popular")
    for src_uri, front in ARTICLES.items():
        path = root / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(front, f"About {front.title}."), encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "views.csv").write_text(DATA, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            site_name: Fixture library
            site_url: https://example.org/
            theme:
              name: material
              custom_dir: {OVERRIDES}
              font: false
              features: [navigation.tabs, navigation.indexes]
            plugins:
              - secretariat/categories
              - secretariat/popular:
                  data_file: data/views.csv
                  limit_home: 4
                  limit_sidebar: 2
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root / "site", result.stderr


def popular_titles(site: Path, page: str) -> list[str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return [a.get_text(strip=True) for a in BeautifulSoup(html, "lxml").select(".sc-popular li a")]


def test_home_page_lists_the_most_viewed_in_the_data_files_order(build: tuple[Path, str]) -> None:
    assert popular_titles(build[0], ".") == [
        "Meeting notice",
        "Budget plan",
        "March plan",
        "Work plan",
    ]


def test_category_page_lists_its_own_most_viewed(build: tuple[Path, str]) -> None:
    assert popular_titles(build[0], "plans") == ["Budget plan", "March plan", "Work plan"]


def test_subcategory_page_lists_its_own_most_viewed(build: tuple[Path, str]) -> None:
    assert popular_titles(build[0], "plans/yearly") == ["Budget plan", "Work plan"]


def test_article_sidebar_lists_its_category_without_itself(build: tuple[Path, str]) -> None:
    assert popular_titles(build[0], "plans/yearly/budget-plan") == ["March plan", "Work plan"]


def test_views_are_shown_with_thousands_separators(build: tuple[Path, str]) -> None:
    html = (build[0] / "index.html").read_text(encoding="utf-8")
    assert "1,200 views" in html


def test_row_for_a_missing_page_warns_naming_file_and_line(build: tuple[Path, str]) -> None:
    log = build[1]
    assert "WARNING" in log
    assert f"views.csv: 1 row(s) name pages this site does not have: line {STALE_LINE}" in log
    assert "/plans/retired-plan/" in log


def test_malformed_data_file_stops_the_build_naming_the_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "views.csv").write_text("path,views\n/a/,12\n/b/,lots\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nplugins:\n  - secretariat/popular:\n      data_file: views.csv\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "views.csv:3: views must be a whole number" in result.stderr


def test_missing_data_file_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nplugins:\n  - secretariat/popular:\n      data_file: nowhere.csv\n",
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        load_config(config_file=str(config))
    assert "option 'data_file'" in caplog.text
    assert "nowhere.csv' isn't an existing file" in caplog.text


def test_zero_half_life_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nplugins:\n  - secretariat/popular:\n      half_life_days: 0\n",
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        load_config(config_file=str(config))
    assert "option 'half_life_days': Must be greater than 0" in caplog.text
