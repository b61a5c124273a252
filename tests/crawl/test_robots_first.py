"""With --urls and --sitemap, robots.txt is read before the first page of a host is requested.

Scrapy 2.19 gave the parsed robots.txt to only the first of the requests waiting for it; the
others went out as if the host had no robots.txt (see ``RobotsFirstMiddleware``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scrapy

from importer.crawl.politeness import ROBOTS_HACK_CHECKED_ON
from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, Reply, serve
from tests.crawl.pages import FakeArticle, article_html

PUBLIC = [FakeArticle(number) for number in (1, 2)]
PRIVATE = [FakeArticle(number) for number in (3, 4)]
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def _site() -> FakeSite:
    site = FakeSite()
    for article in PUBLIC:
        site.page(article.path, article_html(article))
    for article in PRIVATE:
        site.page(f"/private{article.path}", article_html(article))
    site.add("/robots.txt", Reply(body=ROBOTS, headers=(("Content-Type", "text/plain"),)))
    return site


def _urls(site: FakeSite) -> list[str]:
    private = [site.url(f"/private{a.path}") for a in PRIVATE]
    return [private[0], *(site.url(a.path) for a in PUBLIC), private[1]]


def _sitemap(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'


def _crawl_urls(tmp: Path) -> tuple[FakeSite, CrawlRun]:
    site = _site()
    with serve(site):
        url_file = tmp / "urls.txt"
        url_file.write_text("\n".join(_urls(site)) + "\n", encoding="utf-8")
        return site, run_crawl(site, tmp, "--urls", str(url_file), delay="0")


def _crawl_sitemap(tmp: Path) -> tuple[FakeSite, CrawlRun]:
    site = _site()
    with serve(site):
        site.page("/sitemap.xml", _sitemap(_urls(site)), "application/xml")
        return site, run_crawl(site, tmp, "--sitemap", site.url("/sitemap.xml"), delay="0")


@pytest.mark.parametrize("crawl", [_crawl_urls, _crawl_sitemap], ids=["urls", "sitemap"])
def test_robots_txt_is_read_before_the_first_page(crawl: object, tmp_path: Path) -> None:
    site, run = crawl(tmp_path)  # type: ignore[operator]
    assert site.hits()[0].path == "/robots.txt"
    assert site.hits("/private/") == []
    assert len(run.articles()) == len(PUBLIC)


def test_the_robots_txt_hack_was_checked_on_this_scrapy_version() -> None:
    """RobotsFirstMiddleware works around Scrapy internals: re-check it when Scrapy changes."""
    assert scrapy.__version__.startswith(ROBOTS_HACK_CHECKED_ON), (
        f"Scrapy {scrapy.__version__}: re-check importer.crawl.politeness.RobotsFirstMiddleware "
        "(do requests waiting for a host's robots.txt still get None?), then add the version"
    )
