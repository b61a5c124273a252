"""The crawl's pure rules, without a crawl: the scope, URL shapes and "next page" link texts."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from importer.crawl.generic import (
    link_items,
    next_page_url,
    not_an_article,
    says_next_page,
    url_shape,
)
from importer.crawl.scope import CrawlScope, normalize_host
from importer.records import RawPage
from tests.crawl import unknown

SCOPE = CrawlScope(frozenset({"www.example.cn", "127.0.0.2"}))


@pytest.mark.parametrize(
    "url",
    ["https://www.example.cn/a/1.html", "http://127.0.0.2:8000/x", "HTTP://WWW.EXAMPLE.CN/b"],
)
def test_http_urls_on_allowed_hosts_are_in_scope(url: str) -> None:
    assert SCOPE.refusal(url) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "not an http(s) URL (file scheme)"),
        ("ftp://www.example.cn/a.html", "not an http(s) URL (ftp scheme)"),
        ("data:text/html,<script>", "not an http(s) URL (data scheme)"),
        ("javascript:alert(1)", "not an http(s) URL (javascript scheme)"),
        ("http://m.example.cn/1.html", "another host (m.example.cn)"),
        ("http://www.example.cn.evil.com/1.html", "another host (www.example.cn.evil.com)"),
        ("http:///1.html", "no host name"),
    ],
)
def test_other_schemes_and_hosts_are_refused_with_a_reason(url: str, reason: str) -> None:
    refusal = SCOPE.refusal(url)
    assert refusal is not None
    assert refusal.startswith(reason)


@pytest.mark.parametrize("given", [" WWW.Example.CN:8080 ", "https://www.example.cn/zongjie/"])
def test_allow_host_names_are_normalized_like_urls(given: str) -> None:
    assert normalize_host(given) == "www.example.cn"


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("http://a.cn/zongjie/2024/0310/1001.html", "article"),
        ("http://a.cn/show.php?id=56", "article"),
        ("http://a.cn/news/index.php?aid=12", "article"),
        ("http://a.cn/2024/03/10/a-title/", "article"),
        ("http://a.cn/zongjie/list_2.html", "listing"),
        ("http://a.cn/list/3.html", "listing"),
        ("http://a.cn/zongjie/index_3.html", "listing"),
        ("http://a.cn/news/?page=4", "listing"),
        ("http://a.cn/category/speeches/", "listing"),
        ("http://a.cn/about.html", "other"),
        ("http://a.cn/zongjie/", "other"),
    ],
)
def test_url_shapes(url: str, shape: str) -> None:
    assert url_shape(url) == shape


@pytest.mark.parametrize(
    "text", ["下一页", " 下一页 > ", "下页", "Next", "Next »", "next page", "»", ">"]
)
def test_next_page_texts(text: str) -> None:
    assert says_next_page(text)


@pytest.mark.parametrize("text", ["上一页", "<", "«", "末页", "2", "Nextcloud setup", ""])
def test_texts_that_are_not_next_page(text: str) -> None:
    assert not says_next_page(text)


def _response(body: str) -> HtmlResponse:
    return HtmlResponse("http://a.cn/list/1.html", body=body.encode(), encoding="utf-8")


def test_rel_next_wins_over_link_texts() -> None:
    page = _response('<a href="/list/9.html">下一页</a><link rel="next" href="/list/2.html">')
    assert next_page_url(page) == "http://a.cn/list/2.html"


def test_the_first_link_saying_next_is_the_next_page() -> None:
    page = _response('<a href="/list/0.html">上一页</a> <a href="list/2.html"> 下一页 </a>')
    assert next_page_url(page) == "http://a.cn/list/list/2.html"


def test_a_listing_without_a_next_link_has_no_next_page() -> None:
    assert next_page_url(_response('<a href="/list/0.html">上一页</a> <span>下一页</span>')) is None


def _judge(path: str, html: str) -> str | None:
    page = HtmlResponse(f"http://a.cn{path}", body=html.encode(), encoding="utf-8")
    raw = RawPage(source=page.url, data=page.body, charset="utf-8", url=page.url)
    return not_an_article(raw, link_items(page))


def test_an_article_page_holds_an_article() -> None:
    article = unknown.ARTICLES[0]
    assert _judge(article.path, unknown.article_html(article)) is None


def test_a_listing_of_titles_with_summaries_is_not_an_article() -> None:
    # trafilatura takes the summaries for paragraphs; they sit in the items of article links.
    html = unknown.listing_html(unknown.ON_SUB_LISTING, None, "")
    assert (
        _judge(unknown.SUB_LISTING, html) == "its main text is the list items of 3 linked articles"
    )
