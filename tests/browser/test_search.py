"""Browser tests of the search box: Pagefind behind Material's search box, in headless Chromium.

A small library (English and Chinese articles, a landing page whose title shows only in the navigation,
Recommended lists under every article) is built once for the module with ``mkdocs build --strict`` and
served on 127.0.0.1. Each test opens a fresh page and types into the search box as a reader would.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from library.frontmatter import FrontMatter, dump, split

ROOT = Path(__file__).resolve().parents[2]

NATURE = "speeches/education/nature-education.md"
DANGJIAN = "speeches/party-building/dangjian.md"

ARTICLES = {
    NATURE: (
        FrontMatter(
            title="Speech on advanced nature education activities",
            category="Speeches",
            subcategory="Education",
            date=dt.date(2024, 3, 5),
        ),
        "Colleagues, this spring our schools start the heron counting festival. Every pupil takes "
        "part in advanced nature education activities in the school garden and by the river.\n",
    ),
    "speeches/education/reading.md": (
        FrontMatter(title="Reading week opening", category="Speeches", subcategory="Education"),
        "Reading week gives education a new rhythm: nature books, history books and poetry.\n",
    ),
    "reports/annual/summary.md": (
        FrontMatter(title="Annual work summary", category="Reports", subcategory="Annual"),
        "## Targets\n\nThe office met its targets; activities in every department were reviewed "
        "twice.\n",
    ),
    DANGJIAN: (
        FrontMatter(title="在全市会议上的讲话", category="Speeches", subcategory="Party Building"),
        "同志们：今天我们召开会议，要进一步加强党建工作，推动经济高质量发展，切实提高基层治理水平。\n",
    ),
    "reports/annual/anquan.md": (
        FrontMatter(title="年度安全生产工作总结", category="Reports", subcategory="Annual"),
        "一年来，我们认真落实安全生产责任制，开展隐患排查，全年未发生重大事故。\n",
    ),
}

#: The seed dump's file name, which the importer records as the article's ``source``.
SEED_SOURCE = "000_a7cd6e1f4c748b2f"
#: Appears only in the navigation (the landing page's title) and in the footer.
NAV_ONLY = "Quokkaville"
#: Appears only in the heading of the Recommended list under each article.
RECOMMENDED_ONLY = "Recommended"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, serve_dir: Any) -> str:
    root = tmp_path_factory.mktemp("search-site")
    docs = root / "docs"
    for name, (front, body) in ARTICLES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(dump(front, body), encoding="utf-8")
    (docs / "index.md").write_text(f"# {NAV_ONLY}\n", encoding="utf-8")
    config = {
        "site_name": "Search fixture",
        "copyright": f"{NAV_ONLY} office",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "en"},
        "plugins": ["secretariat/search", "secretariat/articles", "secretariat/recommended"],
        # The site's own Markdown settings: the toc permalinks ("¶") must not reach excerpts.
        "markdown_extensions": [{"toc": {"permalink": True}}, "sane_lists"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return str(serve_dir(root / "site"))


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page on an English article, 1280 px wide."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "reports/annual/summary/")
    yield page
    context.close()


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the search box and return the result titles once the count is shown."""
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # text inserted at once (as CJK is) fires no keyup
    meta = page.locator("[data-sec-search-meta]")
    meta.filter(has_text=re.compile(r"matching document")).wait_for(timeout=20_000)
    return [str(t) for t in page.locator(".md-search-result__item h1").all_inner_texts()]


def test_an_english_phrase_finds_its_article_first(page: Any) -> None:
    titles = search(page, "heron counting festival")
    assert titles[:1] == ["Speech on advanced nature education activities"]


def test_english_words_are_stemmed(page: Any) -> None:
    assert "Speech on advanced nature education activities" in search(page, "counted herons")


def test_a_chinese_word_inside_a_sentence_finds_the_chinese_article(page: Any) -> None:
    assert search(page, "党建") == ["在全市会议上的讲话"]


def test_a_result_shows_its_category_and_highlighted_terms(page: Any) -> None:
    search(page, "heron")
    first = page.locator(".md-search-result__item").first
    assert first.locator(".md-tag").inner_text() == "Speeches › Education"
    assert first.locator("mark").first.inner_text().lower() == "heron"


def test_excerpts_leave_out_the_headings_permalink_signs(page: Any) -> None:
    assert search(page, "targets") == ["Annual work summary"]
    excerpt = page.locator(".md-search-result__item").first.inner_text()
    assert "targets" in excerpt.lower() and "¶" not in excerpt


def test_a_word_only_in_the_navigation_finds_nothing(page: Any) -> None:
    assert NAV_ONLY in page.locator("nav").first.inner_text() + page.content()
    assert search(page, NAV_ONLY) == []


def test_a_word_only_in_the_recommended_list_finds_nothing(page: Any) -> None:
    assert RECOMMENDED_ONLY in page.locator(".sc-recommended").inner_text()
    assert search(page, RECOMMENDED_ONLY) == []


def test_arrow_down_and_enter_open_the_first_result(page: Any, site_url: str) -> None:
    search(page, "heron counting festival")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + "speeches/education/nature-education/"


def test_escape_closes_the_search(page: Any) -> None:
    search(page, "heron")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_pagefind_loads_only_when_the_box_is_used(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [url for url in fetched if "/pagefind/" in url]
    context.close()


def test_search_works_at_phone_width(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "reports/annual/summary/")
    page.locator("label.md-header__button[for='__search']").click()
    page.wait_for_function("document.activeElement.matches('.md-search__input')")
    page.keyboard.insert_text("heron")
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=20_000)
    assert first.is_visible()
    context.close()


def seed_article_title() -> str | None:
    """Title of the article imported from the seed dump (its ``source``), if docs/ has it yet."""
    folder = ROOT / "docs" / "secretarial-knowledge" / "conference-speech"
    for path in sorted(folder.glob("*.md")):
        meta, _ = split(path.read_text(encoding="utf-8"))
        if str(meta.get("source", "")).startswith(SEED_SOURCE):
            return str(meta["title"])
    return None


def test_the_seed_article_is_found_first_on_the_real_site(
    browser: Any, built_site: Path, serve_dir: Any
) -> None:
    expected = seed_article_title()
    if expected is None:
        pytest.skip("docs/ has no article imported from the seed yet")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(serve_dir(built_site))
    titles = search(page, "advanced nature education activities")
    context.close()
    assert titles[:1] == [expected]
