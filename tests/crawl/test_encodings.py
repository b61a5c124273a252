"""GBK pages come out as correct UTF-8 Markdown, whatever the <meta> claims."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawl.conftest import CrawlRun, run_crawl
from tests.crawl.fakesite import FakeSite, serve
from tests.crawl.pages import FakeArticle, article_html

HEADER_ONLY = FakeArticle(31)
WRONG_META = FakeArticle(32)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlRun]:
    site = FakeSite()
    # GBK bytes; the charset is only in the HTTP header (the page has no <meta charset>).
    header_only = article_html(HEADER_ONLY).replace('<meta charset="utf-8">', "")
    site.page(HEADER_ONLY.path, header_only.encode("gbk"), "text/html; charset=GBK")
    # GBK bytes whose <meta> wrongly claims UTF-8, and a header with no charset.
    wrong_meta = article_html(WRONG_META, meta_charset="utf-8")
    site.page(WRONG_META.path, wrong_meta.encode("gbk"), "text/html")
    site.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    tmp = tmp_path_factory.mktemp("encodings")
    with serve(site):
        urls = tmp / "urls.txt"
        urls.write_text(
            f"{site.url(HEADER_ONLY.path)}\n{site.url(WRONG_META.path)}\n", encoding="utf-8"
        )
        yield run_crawl(site, tmp, "--urls", str(urls))


def _article_text(run: CrawlRun, article: FakeArticle) -> str:
    files: list[Path] = [p for p in run.articles() if f"di-{article.number}-ci" in p.name]
    assert len(files) == 1, run.stdout + run.stderr
    return files[0].read_text(encoding="utf-8")


def test_gbk_page_with_charset_only_in_the_http_header(crawled: CrawlRun) -> None:
    text = _article_text(crawled, HEADER_ONLY)
    assert HEADER_ONLY.title in text
    assert HEADER_ONLY.body_paragraphs()[1] in text


def test_gbk_page_with_a_wrong_meta_charset(crawled: CrawlRun) -> None:
    text = _article_text(crawled, WRONG_META)
    assert WRONG_META.title in text
    assert WRONG_META.body_paragraphs()[1] in text
