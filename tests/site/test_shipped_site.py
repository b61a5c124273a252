"""The shipped site, built with --strict exactly as `make site` builds it, read as a reader sees it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import ROOT

SEED_PAGE = "secretarial-knowledge/conference-speech/the-main-results-of-the-schools-advanced-education-activities"
SEED_TITLE = "The main results of the school's advanced education activities"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def article_text(soup: BeautifulSoup) -> str:
    body = soup.select_one(".md-content")
    assert isinstance(body, Tag)
    return body.get_text(" ")


def rendered_numbers(soup: BeautifulSoup) -> list[int]:
    """The numbers a browser shows on the ordered lists of the article body."""
    numbers = []
    for ol in soup.select(".sec-article-body > ol"):
        start = int(str(ol.get("start", "1")))
        numbers += [start + i for i, _ in enumerate(ol.find_all("li", recursive=False))]
    return numbers


@pytest.fixture(scope="module")
def seed_page(built_site: Path, seed_path: Path) -> BeautifulSoup:
    if not (ROOT / "docs" / f"{SEED_PAGE}.md").exists():
        pytest.skip("the seed article has not been imported into docs/ (run `make import`)")
    return page(built_site, SEED_PAGE)


def test_seed_page_has_its_title_without_the_close_button(seed_page: BeautifulSoup) -> None:
    h1 = seed_page.select_one(".md-content h1")
    assert h1 is not None and h1.get_text(strip=True) == SEED_TITLE
    assert "×" not in article_text(seed_page)


def test_seed_sections_are_numbered_one_to_six_in_order(seed_page: BeautifulSoup) -> None:
    assert rendered_numbers(seed_page) == [1, 2, 3, 4, 5, 6]
    items = [li.get_text(" ", strip=True) for li in seed_page.select(".sec-article-body > ol > li")]
    assert items[5].startswith("Combine the actual situation of the college")


def test_seed_page_has_no_widget_labels_or_doubled_stops(seed_page: BeautifulSoup) -> None:
    body = seed_page.select_one(".sec-article-body")
    assert body is not None
    for block in body.find_all(["p", "li", "h2"]):
        assert block.get_text(strip=True).casefold() not in {
            "recommended article",
            "popular articles",
        }
    assert not re.search(r"\.\s+\.(?!\.)", body.get_text(" "))


def test_seed_in_article_heading_is_kept(seed_page: BeautifulSoup) -> None:
    headings = [h.get_text(strip=True) for h in seed_page.select(".md-content article h2")]
    assert any(
        h.startswith("The main achievements of advanced education activities") for h in headings
    )


def test_every_shipped_article_has_a_page(built_site: Path) -> None:
    manifest = json.loads((ROOT / "docs" / "_manifest.json").read_text(encoding="utf-8"))
    paths = [entry["path"] for entry in manifest["sources"].values()]
    assert len(paths) >= 30
    missing = [p for p in paths if not (built_site / p.removesuffix(".md") / "index.html").exists()]
    assert missing == []


def test_no_page_of_the_site_carries_script_from_an_imported_article(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        article = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one(
            ".md-content article"
        )
        if article is None:
            continue
        assert article.find(["script", "iframe", "style", "object", "embed"]) is None, html
        for tag in article.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], html
            assert not str(tag.get("href", "")).lower().startswith("javascript:"), html
