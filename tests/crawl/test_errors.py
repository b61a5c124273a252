"""Bad answers are handled and reported, and the crawl goes on past them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, Reply, serve
from tests.crawl.pages import FakeArticle, article_html

GOOD = FakeArticle(41)
THROTTLED = FakeArticle(42)  # 429 with Retry-After: 1, then the page
FLAKY = FakeArticle(43)  # 500, then the page
RETRY_AFTER = 1.0
PATHS = {
    "good": GOOD.path,
    "throttled": THROTTLED.path,
    "flaky": FLAKY.path,
    "missing": "/article/404.html",
    "loop": "/loop/a.html",
    "hang": "/article/hang.html",
}


def _page(article: FakeArticle) -> Reply:
    return Reply(body=article_html(article).encode("utf-8"))


def troubled_site() -> FakeSite:
    site = FakeSite()
    site.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    site.add(GOOD.path, _page(GOOD))
    site.add(
        THROTTLED.path,
        [Reply(429, b"slow down", (("Retry-After", f"{RETRY_AFTER:g}"),)), _page(THROTTLED)],
    )
    site.add(FLAKY.path, [Reply(500, b"oops"), _page(FLAKY)])
    site.add("/loop/a.html", Reply(302, b"", (("Location", "/loop/b.html"),)))
    site.add("/loop/b.html", Reply(302, b"", (("Location", "/loop/a.html"),)))
    site.add("/article/hang.html", Reply(hang=3.0))
    return site


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site = troubled_site()
    tmp = tmp_path_factory.mktemp("errors")
    urls = tmp / "urls.txt"
    with serve(site):
        urls.write_text("".join(site.url(path) + "\n" for path in PATHS.values()), encoding="utf-8")
        run = run_crawl(
            site, tmp, "--urls", str(urls), "--timeout", "0.5", "--retries", "1", "--backoff", "0.2"
        )
        yield site, run


def _failure_line(run: CrawlRun, path: str) -> str:
    lines = [line for line in run.stdout.splitlines() if line.startswith("FAILED") and path in line]
    assert len(lines) == 1, run.stdout
    return lines[0]


def test_429_is_retried_after_the_retry_after_delay(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, run = crawled
    first, second = site.hits(THROTTLED.path)
    assert second.time - first.time >= RETRY_AFTER * 0.95
    assert any(f"di-{THROTTLED.number}-ci" in path.name for path in run.articles())


def test_500_that_succeeds_on_retry_is_imported(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, run = crawled
    assert site.count(FLAKY.path) == 2
    assert any(f"di-{FLAKY.number}-ci" in path.name for path in run.articles())


def test_404_is_reported_as_a_failure(crawled: tuple[FakeSite, CrawlRun]) -> None:
    site, run = crawled
    assert "HTTP 404 Not Found" in _failure_line(run, PATHS["missing"])
    assert site.count(PATHS["missing"]) == 1  # a 404 is not retried


def test_redirect_loop_is_reported_as_a_failure(crawled: tuple[FakeSite, CrawlRun]) -> None:
    _, run = crawled
    assert "redirect loop" in _failure_line(run, PATHS["loop"])


def test_page_that_never_answers_is_reported_as_a_timeout(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    site, run = crawled
    assert "no answer within 0.5 s" in _failure_line(run, PATHS["hang"])
    assert site.count(PATHS["hang"]) == 2  # the first try and one retry


def test_crawl_goes_on_and_exits_non_zero_when_pages_failed(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    _, run = crawled
    assert len(run.articles()) == 3  # good, throttled, flaky
    assert run.returncode == 1
