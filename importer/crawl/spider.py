"""Which pages to fetch: category listings (with pagination), sitemaps and plain URL lists.

One spider serves all three ways in, because they usually point at one host and Scrapy keeps its
per-host politeness (delay, Crawl-delay, pauses) per crawler: two spiders would each keep their own.
Listing pages are walked with the profile's link rules; every URL, from any source, passes the
profile's ``deny`` patterns, the in-run "seen" set, ``--resume``'s manifest check and the page cap
before it is requested.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from importer.crawl.job import CrawlJob
from importer.crawl.politeness import GIVE_UP_REASON
from importer.crawl.progress import RESUMED
from importer.records import RawPage

_ROLE = "secretariat_role"


class SiteSpider(scrapy.Spider):
    """Walks one source site for one profile; yields each article page as a :class:`RawPage`."""

    name = "secretariat"

    def __init__(self, job: CrawlJob, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.job = job
        config = job.config
        rules = config.links
        self.allowed_domains = sorted(
            {
                host
                for url in (*config.start_urls, *config.sitemaps, *config.article_urls)
                if (host := urlsplit(url).hostname)
            }
        )
        self.deny = tuple(re.compile(pattern) for pattern in rules.deny)
        self.article_links = LinkExtractor(restrict_css=rules.article, deny=rules.deny)
        self.next_links = (
            LinkExtractor(restrict_css=rules.next_page, deny=rules.deny)
            if rules.next_page
            else None
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        config = self.job.config
        for url in config.sitemaps:
            yield self._request(url, "sitemap", self.parse_sitemap)
        for url in config.start_urls:
            request = self._listing(url)
            if request is not None:
                yield request
        for url in config.article_urls:
            request = self._article(url)
            if request is not None:
                yield request

    # -- callbacks ------------------------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        self.job.report.page_fetched(response.url)
        if not isinstance(response, TextResponse):
            self.job.report.page_failed(response.url, "a listing page that is not HTML")
            return
        for link in self.article_links.extract_links(response):
            request = self._article(link.url)
            if request is not None:
                yield request
        if self.next_links is not None:
            for link in self.next_links.extract_links(response)[:1]:
                request = self._listing(link.url)
                if request is not None:
                    yield request

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        self.job.report.page_fetched(response.url)
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz file served without Content-Encoding
            body = gunzip(body)
        sitemap = Sitemap(body)
        for entry in sitemap:
            url = response.urljoin(entry["loc"])
            if sitemap.type == "sitemapindex":
                yield self._request(url, "sitemap", self.parse_sitemap)
            elif (request := self._article(url)) is not None:
                yield request

    def parse_article(self, response: Response) -> Iterator[RawPage]:
        self.job.report.page_fetched(response.url)
        content_type = response.headers.get(b"Content-Type") or b""
        yield RawPage(
            source=_first_url(response.request) if response.request else response.url,
            data=response.body,
            charset=http_content_type_encoding(content_type.decode("latin-1")),
            url=response.url,
        )

    def failed(self, failure: Failure) -> None:
        """Errback of every request: the report gets the URL and a reason a person understands."""
        request = failure.request  # type: ignore[attr-defined]
        url = _first_url(request)
        reason = explain_failure(failure, request.meta, self.job.config.timeout)
        if isinstance(failure.value, IgnoreRequest) and "robots.txt" in str(failure.value):
            self.job.report.page_skipped(url, reason)
        else:
            self.job.report.page_failed(url, reason)

    # -- requests -------------------------------------------------------------------------------

    def _listing(self, url: str) -> scrapy.Request | None:
        if self._refused(url) or self.job.cap_reached():
            return None
        return self._request(url, "listing", self.parse_listing)

    def _article(self, url: str) -> scrapy.Request | None:
        if self._refused(url):
            return None
        if self.job.already_imported(url):
            self.job.seen.add(url)
            self.job.report.page_skipped(url, RESUMED)
            return None
        if self.job.cap_reached():
            self.job.seen.add(url)
            self.job.report.page_capped(url)
            return None
        self.job.articles_requested += 1
        self.job.report.article_found()
        return self._request(url, "article", self.parse_article)

    def _refused(self, url: str) -> bool:
        """Denied by the profile, or already requested in this run."""
        if url in self.job.seen or any(pattern.search(url) for pattern in self.deny):
            return True
        self.job.seen.add(url)
        return False

    def _request(self, url: str, role: str, callback: Any) -> scrapy.Request:
        # dont_filter: the spider's own "seen" set dedupes, so a redirect loop comes back as a
        # clear "max redirections" error instead of vanishing in Scrapy's duplicate filter.
        return scrapy.Request(
            url, callback=callback, errback=self.failed, dont_filter=True, meta={_ROLE: role}
        )


def _first_url(request: scrapy.Request) -> str:
    """The URL we asked for, before any redirect: the manifest knows pages by it."""
    redirects = request.meta.get("redirect_urls")
    return str(redirects[0]) if redirects else str(request.url)


def explain_failure(failure: Failure, meta: dict[str, Any], timeout: float) -> str:
    """One line saying why a page could not be fetched."""
    if meta.get(GIVE_UP_REASON):
        return str(meta[GIVE_UP_REASON])
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return f"HTTP {status} {_reason_phrase(status)}".rstrip()
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "max redirections" in message:
            chain = " -> ".join(meta.get("redirect_urls", [])[:3])
            return f"redirect loop (gave up after too many redirects: {chain} ...)"
        if "robots.txt" in message:
            return "forbidden by robots.txt"
        return message or "ignored"
    if isinstance(error, TwistedTimeoutError | DownloadTimeoutError):
        tries = int(meta.get("retry_times", 0)) + 1
        return f"no answer within {timeout:g} s (timed out {tries} times)"
    return f"{type(error).__name__}: {error}"


def _reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
