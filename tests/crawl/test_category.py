"""A paginated category: every article imported, none fetched twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, serve
from tests.crawl.sites import category_site


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site, _ = category_site(25)
    with serve(site):
        run = run_crawl(site, tmp_path_factory.mktemp("category"), site.url("/list/1.html"))
        yield site, run


def test_all_25_articles_of_three_listing_pages_are_imported(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    site, run = crawled
    assert run.returncode == 0, run.stderr
    assert len(run.articles()) == 25
    assert [site.count(f"/list/{n}.html") for n in (1, 2, 3)] == [1, 1, 1]


def test_no_article_is_fetched_twice(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, _ = crawled
    fetches = Counter(hit.path for hit in site.hits("/article/"))
    assert len(fetches) == 25
    assert set(fetches.values()) == {1}


def test_links_outside_the_article_list_are_not_followed(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    site, _ = crawled
    # Listings link to /member/ (denied by the profile) and articles to related articles 101+.
    assert site.hits("/member/") == []
    assert all(int(Path(hit.path).stem) <= 25 for hit in site.hits("/article/"))


def test_requests_carry_the_identifying_user_agent(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, _ = crawled
    assert {hit.user_agent for hit in site.hits()} == {
        "SecretariatBot/0.1 (+https://github.com/secretariat-site/secretariat)"
    }
