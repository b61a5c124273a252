"""robots.txt is obeyed: disallowed paths are never fetched and Crawl-delay spaces the requests."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest

from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, serve
from tests.crawl.pages import FakeArticle, article_html, listing_html

CRAWL_DELAY = 1.0


def polite_site() -> FakeSite:
    """Three public articles, two under a disallowed path, and a robots.txt with Crawl-delay."""
    site = FakeSite()
    public = [FakeArticle(number) for number in (1, 2, 3)]
    private = [FakeArticle(number) for number in (4, 5)]
    links = [a.path for a in public] + [f"/private{a.path}" for a in private]
    site.page("/list/1.html", listing_html(links, None))
    for article in public:
        site.page(article.path, article_html(article))
    for article in private:
        site.page(f"/private{article.path}", article_html(article))
    site.page(
        "/robots.txt",
        f"User-agent: *\nDisallow: /private/\nCrawl-delay: {CRAWL_DELAY:g}\n",
        "text/plain",
    )
    return site


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site = polite_site()
    with serve(site):
        # --delay 0.1: only robots.txt's Crawl-delay can make the requests a second apart.
        run = run_crawl(
            site, tmp_path_factory.mktemp("polite"), site.url("/list/1.html"), delay="0.1"
        )
        yield site, run


def test_nothing_under_a_disallowed_path_is_fetched(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, run = crawled
    assert site.hits("/private/") == []
    assert len(site.hits("/article/")) == 3
    assert len(run.articles()) == 3


def test_disallowed_pages_are_skipped_not_failed(crawled: tuple[FakeSite, CrawlRun]) -> None:
    _, run = crawled
    assert run.returncode == 0, run.stdout + run.stderr


def test_crawl_delay_spaces_requests_to_the_host(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, _ = crawled
    pages = [hit for hit in site.hits() if hit.path != "/robots.txt"]
    gaps = [later.time - earlier.time for earlier, later in pairwise(pages)]
    assert len(gaps) == 3
    assert min(gaps) >= CRAWL_DELAY * 0.95, gaps
