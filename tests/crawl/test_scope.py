"""Only http(s) pages on the start hosts (and --allow-host ones) are ever requested.

A hostile listing links to a local file, to another host (a second loopback address), and to a page
that redirects there; none of it may be fetched or imported, and the other host is not even asked
for its robots.txt. Named with --allow-host, the other host is crawled under its own robots.txt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, Reply, serve
from tests.crawl.pages import FakeArticle, article_html, listing_html

LOCAL = FakeArticle(1)
SECRET = FakeArticle(2)  # a local file in the site's template: imported if file:// were fetched
OTHER = FakeArticle(3)  # on the other host
OTHER_PRIVATE = FakeArticle(4)  # on the other host, under its robots.txt Disallow


def _other_host() -> FakeSite:
    other = FakeSite()
    other.page(OTHER.path, article_html(OTHER))
    other.page(f"/private{OTHER_PRIVATE.path}", article_html(OTHER_PRIVATE))
    other.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    return other


def _hostile_listing(site: FakeSite, other: FakeSite, secret: Path) -> None:
    links = [
        LOCAL.path,
        secret.as_uri(),
        "file:///etc/passwd",
        "data:text/html,<h1>x</h1>",
        f"ftp://127.0.0.1/{SECRET.path}",
        other.url(OTHER.path),
        other.url(f"/private{OTHER_PRIVATE.path}"),
        "/article/away.html",  # redirects to the other host
    ]
    site.page("/list/1.html", listing_html(links, None))
    site.page(LOCAL.path, article_html(LOCAL))
    site.add("/article/away.html", Reply(302, b"", (("Location", other.url(OTHER.path)),)))
    site.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    secret = tmp_path_factory.mktemp("local") / "secret.html"
    secret.write_text(article_html(SECRET), encoding="utf-8")
    return secret


def _crawl(tmp: Path, secret: Path, *args: str) -> tuple[FakeSite, FakeSite, CrawlRun]:
    site, other = FakeSite(), _other_host()
    with serve(site), serve(other, host="127.0.0.2"):
        _hostile_listing(site, other, secret)
        run = run_crawl(site, tmp, site.url("/list/1.html"), *args, delay="0", quiet=False)
    return site, other, run


@pytest.fixture(scope="module")
def confined(
    tmp_path_factory: pytest.TempPathFactory, secret_file: Path
) -> tuple[FakeSite, FakeSite, CrawlRun]:
    return _crawl(tmp_path_factory.mktemp("confined"), secret_file)


@pytest.fixture(scope="module")
def allowed(
    tmp_path_factory: pytest.TempPathFactory, secret_file: Path
) -> Iterator[tuple[FakeSite, FakeSite, CrawlRun]]:
    yield _crawl(tmp_path_factory.mktemp("allowed"), secret_file, "--allow-host", "127.0.0.2")


def test_a_file_link_on_a_listing_is_neither_fetched_nor_imported(
    confined: tuple[FakeSite, FakeSite, CrawlRun],
) -> None:
    _, _, run = confined
    assert SECRET.title not in run.text()
    assert "root:" not in run.text()
    assert [path.name for path in run.articles()] == [
        f"zai-di-{LOCAL.number}-ci-gong-zuo-hui-yi-shang-de-jiang-hua.md"
    ]


def test_another_host_is_not_contacted_at_all(
    confined: tuple[FakeSite, FakeSite, CrawlRun],
) -> None:
    _, other, _ = confined
    assert other.hits() == []  # not its pages, not its robots.txt, not through the redirect


def test_a_redirect_to_another_host_is_reported_as_not_fetched(
    confined: tuple[FakeSite, FakeSite, CrawlRun],
) -> None:
    _, _, run = confined
    (line,) = [line for line in run.lines("FAILED") if "/article/away.html" in line]
    assert "another host (127.0.0.2)" in line
    assert "--allow-host" in line


def test_ignored_links_are_counted_in_the_summary(
    confined: tuple[FakeSite, FakeSite, CrawlRun],
) -> None:
    _, _, run = confined
    (row,) = [line for line in run.stdout.splitlines() if "links out of scope" in line]
    # Two file:// links, the ftp: link and two other-host links; Scrapy's link extractor itself
    # drops the data: link, so that one never reaches the scope check.
    assert row.split()[-2] == "5", row


def test_an_allowed_host_is_crawled_under_its_own_robots_txt(
    allowed: tuple[FakeSite, FakeSite, CrawlRun],
) -> None:
    _, other, run = allowed
    assert other.hits()[0].path == "/robots.txt"
    assert other.hits("/private/") == []
    assert OTHER.title in run.text()
    assert OTHER_PRIVATE.title not in run.text()


def test_allowing_a_host_never_allows_a_file_link(
    allowed: tuple[FakeSite, FakeSite, CrawlRun],
) -> None:
    _, _, run = allowed
    assert SECRET.title not in run.text()
