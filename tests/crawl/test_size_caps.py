"""Pages larger than the 8 MiB an imported file may be fail with that reason, also once inflated.

The hostile pages are streamed by the server in 1 MiB chunks (never held in memory) and the test
counts what the server got to send: a capped download stops early instead of reading 100 MB.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import pytest

from importer.reading import MAX_PAGE_BYTES
from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, Reply, serve
from tests.crawl.pages import FakeArticle, article_html

MiB = 1024 * 1024
SMALL = FakeArticle(1)
PATHS = {
    "sized": "/article/100mb-with-length.html",
    "unsized": "/article/100mb-without-length.html",
    "bomb": "/article/gzip-bomb.html",
    "sitemap_bomb": "/sitemap-bomb.xml.gz",
}


def gzip_bomb(inflated: int) -> bytes:
    """``inflated`` bytes of an HTML page, mostly spaces, gzip-compressed (about 1000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(b"<html><body><p>")]
    chunk = b" " * MiB
    parts += [packer.compress(chunk) for _ in range(inflated // MiB)]
    return b"".join([*parts, packer.compress(b"</p></body></html>"), packer.flush()])


def _hostile_site() -> FakeSite:
    site = FakeSite()
    site.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    site.page(SMALL.path, article_html(SMALL))
    chunk = b"<p>" + b"x" * (MiB - 3)
    site.add(PATHS["sized"], Reply(stream_chunk=chunk, stream_chunks=100))
    site.add(PATHS["unsized"], Reply(stream_chunk=chunk, stream_chunks=100, stream_length=False))
    bomb = gzip_bomb(100 * MiB)
    site.add(
        PATHS["bomb"],
        Reply(body=bomb, headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip"))),
    )
    site.add(
        PATHS["sitemap_bomb"], Reply(body=bomb, headers=(("Content-Type", "application/gzip"),))
    )
    return site


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, CrawlRun]]:
    site = _hostile_site()
    tmp = tmp_path_factory.mktemp("sizes")
    with serve(site):
        urls = tmp / "urls.txt"
        pages = [SMALL.path, PATHS["sized"], PATHS["unsized"], PATHS["bomb"]]
        urls.write_text("".join(site.url(path) + "\n" for path in pages), encoding="utf-8")
        sitemap = site.url(PATHS["sitemap_bomb"])
        yield site, run_crawl(site, tmp, "--urls", str(urls), "--sitemap", sitemap, delay="0")


def _failure(run: CrawlRun, path: str) -> str:
    (line,) = [line for line in run.lines("FAILED") if path in line]
    return line


def test_a_page_announcing_100_mb_fails_before_its_body_is_read(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    site, run = crawled
    assert "larger than the 8 MiB a page may be" in _failure(run, PATHS["sized"])
    assert site.sent.get(PATHS["sized"], 0) < 2 * MAX_PAGE_BYTES
    assert site.count(PATHS["sized"]) == 1  # not retried


def test_a_100_mb_page_without_length_is_cut_off_at_the_cap(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    site, run = crawled
    assert "larger than the 8 MiB a page may be" in _failure(run, PATHS["unsized"])
    assert site.sent[PATHS["unsized"]] < 4 * MAX_PAGE_BYTES  # socket buffers hold a few MiB more


def test_a_gzip_bomb_fails_once_inflated_past_the_cap(crawled: tuple[FakeSite, CrawlRun]) -> None:
    _, run = crawled
    assert "larger than the 8 MiB a page may be (once decompressed)" in _failure(run, PATHS["bomb"])


def test_a_gzipped_sitemap_bomb_fails_once_inflated_past_the_cap(
    crawled: tuple[FakeSite, CrawlRun],
) -> None:
    _, run = crawled
    assert "larger than the 8 MiB a page may be" in _failure(run, PATHS["sitemap_bomb"])


def test_the_small_page_is_imported_and_nothing_else(crawled: tuple[FakeSite, CrawlRun]) -> None:
    _, run = crawled
    assert len(run.articles()) == 1
    assert SMALL.title in run.text()
    assert run.returncode == 1
