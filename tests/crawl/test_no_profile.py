"""Crawling a site of an unknown template needs no profile: every article arrives.

No test here passes ``--profile``. Links are followed by the generic rules (article URLs have a
number in them; the next listing page is the link saying ``下一页`` or ``Next »``; a page is an
article when the importer finds one in it), with the same politeness as any crawl.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, serve
from tests.crawl.unknown import ARTICLES, HOT_ARTICLE, LISTING_PATHS, SUB_LISTING, unknown_site


@pytest.fixture(scope="module")
def listing_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site = unknown_site()
    with serve(site):
        tmp = tmp_path_factory.mktemp("no-profile-listing")
        yield site, run_crawl(site, tmp, site.url(LISTING_PATHS[0]), delay="0", profile=None)


@pytest.fixture(scope="module")
def urls_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site = unknown_site()
    tmp = tmp_path_factory.mktemp("no-profile-urls")
    with serve(site):
        urls = tmp / "urls.txt"
        urls.write_text("".join(site.url(a.path) + "\n" for a in ARTICLES), encoding="utf-8")
        yield site, run_crawl(site, tmp, "--urls", str(urls), delay="0", profile=None)


@pytest.fixture(scope="module")
def sitemap_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site = unknown_site()
    with serve(site):
        entries = "".join(f"<url><loc>{site.url(a.path)}</loc></url>" for a in ARTICLES)
        sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        site.page("/sitemap.xml", sitemap, "application/xml")
        tmp = tmp_path_factory.mktemp("no-profile-sitemap")
        yield (
            site,
            run_crawl(site, tmp, "--sitemap", site.url("/sitemap.xml"), delay="0", profile=None),
        )


CRAWLS = ["listing_crawl", "urls_crawl", "sitemap_crawl"]


@pytest.mark.parametrize("crawl", CRAWLS)
def test_every_article_is_imported_with_its_title_and_body(
    crawl: str, request: pytest.FixtureRequest
) -> None:
    _, run = request.getfixturevalue(crawl)
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(run.articles()) == len(ARTICLES), run.stdout + run.stderr
    text = run.text()
    for article in ARTICLES:
        assert f"title: {article.title}" in text
        assert article.paragraphs()[2] in text


def test_the_next_page_links_are_found_by_their_text(
    listing_crawl: tuple[FakeSite, CrawlRun],
) -> None:
    site, _ = listing_crawl
    assert [site.count(path) for path in LISTING_PATHS] == [1, 1, 1]


def test_a_linked_page_without_an_article_is_walked_as_a_listing(
    listing_crawl: tuple[FakeSite, CrawlRun],
) -> None:
    site, run = listing_crawl
    assert site.count(SUB_LISTING) == 1
    assert not any(path.stem == "gong-zuo-zong-jie" for path in run.articles())


def test_links_that_are_not_articles_or_next_pages_are_not_fetched(
    listing_crawl: tuple[FakeSite, CrawlRun],
) -> None:
    site, _ = listing_crawl
    fetched = {hit.path for hit in site.hits()}
    assert fetched.isdisjoint({"/", "/about.html", "/login.php", "/mishu/"})


def test_links_on_article_pages_are_not_followed(
    listing_crawl: tuple[FakeSite, CrawlRun],
) -> None:
    site, _ = listing_crawl
    assert site.count(HOT_ARTICLE) == 0


@pytest.mark.parametrize("crawl", CRAWLS)
def test_every_article_gets_its_breadcrumb_category(
    crawl: str, request: pytest.FixtureRequest
) -> None:
    _, run = request.getfixturevalue(crawl)
    for path in run.articles():
        text = path.read_text(encoding="utf-8")
        assert "category: 秘书知识" in text
        assert "subcategory: 工作总结" in text
