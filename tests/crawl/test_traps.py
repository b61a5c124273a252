"""Crawler traps end: listings are bounded by depth, by count, and by bringing nothing new.

The trap links each listing page to a "next page" of itself with an ever-new query string, so
without a bound the walk never ends (the run would hit the test's timeout).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

from importer.crawl.config import MAX_BARREN_LISTINGS
from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, Reply, serve
from tests.crawl.pages import FakeArticle, article_html, listing_html
from tests.crawl.sites import category_site

ARTICLES = [FakeArticle(number) for number in (1, 2)]


def _trap_site(article_links: list[str]) -> FakeSite:
    """``/list/trap.html?n=K`` links to ``?n=K+1`` as its next page, forever."""
    site = FakeSite()
    site.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    for article in ARTICLES:
        site.page(article.path, article_html(article))

    def listing(query: str) -> Reply:
        number = int(parse_qs(query).get("n", ["0"])[0])
        html = listing_html(article_links, f"/list/trap.html?n={number + 1}")
        return Reply(body=html.encode("utf-8"))

    site.add("/list/trap.html", listing)
    return site


def _crawl(site: FakeSite, tmp: Path, start: str, *args: str) -> CrawlRun:
    with serve(site):
        return run_crawl(site, tmp, site.url(start), *args, delay="0", quiet=False)


def test_a_self_linking_listing_trap_ends_once_it_brings_nothing_new(tmp_path: Path) -> None:
    site = _trap_site([article.path for article in ARTICLES])
    run = _crawl(site, tmp_path, "/list/trap.html")
    # The first page brings the two articles; then MAX_BARREN_LISTINGS pages that bring nothing.
    assert len(site.hits("/list/")) == 1 + MAX_BARREN_LISTINGS
    assert len(run.articles()) == len(ARTICLES)
    (line,) = [line for line in run.lines("skipped") if "/list/trap.html" in line]
    assert "brought no new article (a crawler trap?)" in line


def test_listings_without_article_links_end_even_with_max_pages(tmp_path: Path) -> None:
    site = _trap_site([])
    run = _crawl(site, tmp_path, "/list/trap.html", "--max-pages", "5")
    assert len(site.hits("/list/")) == MAX_BARREN_LISTINGS
    assert run.returncode == 0, run.stdout + run.stderr


def test_max_depth_bounds_the_walk_along_next_page_links(tmp_path: Path) -> None:
    site, _ = category_site(25)  # three listing pages of new articles each
    run = _crawl(site, tmp_path, "/list/1.html", "--max-depth", "1")
    assert [site.count(f"/list/{n}.html") for n in (1, 2, 3)] == [1, 1, 0]
    assert len(run.articles()) == 20
    (line,) = [line for line in run.lines("skipped") if "/list/3.html" in line]
    assert "more than 1 listing pages deep (--max-depth)" in line


def test_max_listings_bounds_the_listing_pages_of_a_run(tmp_path: Path) -> None:
    site, _ = category_site(25)
    run = _crawl(site, tmp_path, "/list/1.html", "--max-listings", "2")
    assert [site.count(f"/list/{n}.html") for n in (1, 2, 3)] == [1, 1, 0]
    (line,) = [line for line in run.lines("skipped") if "/list/3.html" in line]
    assert "2 listing pages fetched already (--max-listings)" in line
