"""Build tests of the categories plugin: one real ``mkdocs build --strict`` of a small fixture site.

The fixture has an English category with two subcategories (three articles at two per page, so its
list continues on page 2), a Chinese category, and a category whose index.md an editor wrote. The
popular plugin runs without a data file, so its lists fall back to the newest articles.
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
    "speeches/opening/spring-address.md": FrontMatter(
        title="Spring address",
        category="Speeches",
        subcategory="Opening",
        date=dt.date(2024, 3, 1),
        description="Opening the spring session.",
    ),
    "speeches/opening/new-year-address.md": FrontMatter(
        title="New Year address",
        category="Speeches",
        subcategory="Opening",
        date=dt.date(2024, 1, 5),
    ),
    "speeches/closing/year-end-remarks.md": FrontMatter(
        title="Year-end remarks",
        category="Speeches",
        subcategory="Closing",
        date=dt.date(2023, 12, 20),
    ),
    "gong-zuo-zong-jie/nian-du-zong-jie/gong-zuo-zong-jie-2023.md": FrontMatter(
        title="2023年工作总结",
        category="工作总结",
        subcategory="年度总结",
        date=dt.date(2024, 1, 2),
    ),
    "reports/annual-report.md": FrontMatter(
        title="Annual report", category="Reports", date=dt.date(2023, 6, 1)
    ),
}

EDITOR_INDEX = "---\ntitle: Our reports\n---\n\n# Our reports\n\nWritten by an editor.\n"


def write_site(root: Path, plugin_options: str = "per_page: 2") -> Path:
    """A fixture site in ``root``; returns its mkdocs.yml."""
    for src_uri, front in ARTICLES.items():
        path = root / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(front, f"Body of {front.title}. " * 50), encoding="utf-8")
    (root / "docs" / "reports" / "index.md").write_text(EDITOR_INDEX, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            site_name: Fixture library
            site_url: http://127.0.0.1/
            strict: true
            theme:
              name: material
              custom_dir: {OVERRIDES}
              font: false
              features: [navigation.tabs, navigation.indexes]
            plugins:
              - secretariat/categories:
                  {plugin_options}
              - secretariat/popular
            """
        ),
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once with ``--strict``; the build must succeed without warnings."""
    config = write_site(tmp_path_factory.mktemp("categories"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return config.parent / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")


def listed_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".sc-articles .sc-article__title")]


def test_every_category_and_subcategory_gets_a_list_page(site: Path) -> None:
    for folder in [
        "speeches",
        "speeches/opening",
        "speeches/closing",
        "gong-zuo-zong-jie",
        "gong-zuo-zong-jie/nian-du-zong-jie",
    ]:
        assert (site / folder / "index.html").is_file(), folder


def test_category_page_lists_its_articles_newest_first(site: Path) -> None:
    assert listed_titles(soup(site, "speeches")) == ["Spring address", "New Year address"]


def test_long_list_continues_on_page_two(site: Path) -> None:
    page_two = soup(site, "speeches/page/2")
    assert listed_titles(page_two) == ["Year-end remarks"]
    assert page_two.select_one(".sc-pager a[rel=prev]") is not None


def test_list_entry_shows_date_reading_time_and_description(site: Path) -> None:
    entry = soup(site, "speeches").select_one(".sc-article")
    assert entry is not None
    text = entry.get_text(" ", strip=True)
    assert "2024-03-01" in text
    assert "min read" in text
    assert "Opening the spring session." in text


def test_category_page_links_its_subcategories(site: Path) -> None:
    chips = [a.get_text(" ", strip=True) for a in soup(site, "speeches").select(".sc-chip")]
    assert chips == ["Closing 1", "Opening 2"]


def test_editors_index_page_wins(site: Path) -> None:
    page = soup(site, "reports")
    assert "Written by an editor." in page.get_text()
    assert page.select(".sc-articles") == []


def test_articles_are_not_in_the_navigation(site: Path) -> None:
    nav = soup(site, "speeches").select_one("nav.md-nav--primary")
    assert nav is not None
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert hrefs, "the nav should list the categories"
    assert not [h for h in hrefs if "address" in h or "remarks" in h]


def test_tabs_are_named_after_the_categories(site: Path) -> None:
    tabs = [a.get_text(strip=True) for a in soup(site, "speeches").select(".md-tabs__link")]
    assert "工作总结" in tabs
    assert "Speeches" in tabs


def test_home_page_lists_categories_with_counts(site: Path) -> None:
    cards = [c.get_text(" ", strip=True) for c in soup(site, ".").select(".sc-card")]
    assert "Speeches 3 articles" in cards
    assert "工作总结 1 article" in cards


def test_home_page_lists_the_latest_articles_newest_first(site: Path) -> None:
    assert listed_titles(soup(site, "."))[:3] == [
        "Spring address",
        "New Year address",
        "2023年工作总结",
    ]


def test_popular_list_without_data_says_it_shows_the_newest(site: Path) -> None:
    popular = soup(site, ".").select_one(".sc-popular")
    assert popular is not None
    assert "newest" in popular.get_text()
    assert popular.select("li a")[0].get_text(strip=True) == "Spring address"


def test_negative_per_page_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = write_site(tmp_path, plugin_options="per_page: -1")
    with pytest.raises(Abort):
        load_config(config_file=str(config))
    assert "option 'per_page': Must be 1 or more, got -1" in caplog.text


def test_article_page_highlights_its_category_tab(site: Path) -> None:
    article = soup(site, "speeches/opening/spring-address")
    active = article.select_one(".md-tabs__item--active .md-tabs__link")
    assert active is not None
    assert active.get_text(strip=True) == "Speeches"


def test_later_list_pages_stay_out_of_the_navigation(site: Path) -> None:
    nav = soup(site, "speeches").select_one("nav.md-nav--primary")
    assert nav is not None
    assert not [a["href"] for a in nav.select("a[href]") if "page/2" in a["href"]]
