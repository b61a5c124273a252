"""Which pages to fetch: category listings (with pagination), sitemaps and plain URL lists.

One spider serves all three ways in, because they usually point at one host and Scrapy keeps its
per-host politeness (delay, Crawl-delay, pauses) per crawler: two spiders would each keep their own.
Listing pages are walked with the profile's link rules, or without a profile by the generic rules
of :mod:`importer.crawl.generic`. Every URL, from any source, passes the crawl's scope (``http(s)``
on an allowed host), the profile's ``deny`` patterns, the in-run "seen" set, ``--resume``'s manifest
check and the page cap before it is requested; every listing passes the depth and count limits.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import scrapy
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.internet.defer import CancelledError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from importer.crawl import generic
from importer.crawl.config import MAX_BARREN_LISTINGS
from importer.crawl.job import CrawlJob
from importer.crawl.politeness import GIVE_UP_REASON
from importer.crawl.progress import RESUMED
from importer.crawl.scope import OUT_OF_SCOPE, CrawlScope
from importer.reading import MAX_PAGE_BYTES
from importer.records import RawPage

logger = logging.getLogger(__name__)

_ROLE = "secretariat_role"
_WALK = "secretariat_walk"


@dataclass(frozen=True)
class Walk:
    """Where a listing page sits in its walk from a start URL."""

    depth: int = 0  # listing pages between it and its start URL
    barren: int = 0  # listing pages in a row, up to this one, that brought no new article link

    def next(self, brought_new_articles: bool) -> Walk:
        return Walk(self.depth + 1, 0 if brought_new_articles else self.barren + 1)


class SiteSpider(scrapy.Spider):
    """Walks one source site; yields each article page as a :class:`RawPage`."""

    name = "secretariat"

    def __init__(self, job: CrawlJob, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.job = job
        config = job.config
        self.scope = CrawlScope(config.allowed_hosts)
        self.allowed_domains = sorted(config.allowed_hosts)
        rules = config.links
        self.deny = tuple(re.compile(pattern) for pattern in rules.deny) if rules else ()
        self.article_links = (
            LinkExtractor(restrict_css=rules.article, deny=rules.deny) if rules else None
        )
        self.next_links = (
            LinkExtractor(restrict_css=rules.next_page, deny=rules.deny)
            if rules and rules.next_page
            else None
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        config = self.job.config
        for url in config.sitemaps:
            if self._in_scope(url) and not self._refused(url):
                yield self._request(url, "sitemap", self.parse_sitemap)
        for url in config.start_urls:  # listings by definition, with or without a profile
            if (request := self._listing(url, Walk())) is not None:
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
        yield from self._walk_listing(response, response.meta.get(_WALK, Walk()))

    def parse_candidate(self, response: Response) -> Iterator[scrapy.Request | RawPage]:
        """A page found without a profile: imported if it holds an article, else walked."""
        self.job.report.page_fetched(response.url)
        page = _raw_page(response)
        if not isinstance(response, TextResponse):
            self._no_article_after_all()
            self.job.report.page_skipped(response.url, "not an article (not HTML)")
            return
        reason = generic.not_an_article(page, generic.link_items(response))
        if reason is None:
            yield page
            return
        self._no_article_after_all()
        walk: Walk = response.meta.get(_WALK, Walk())
        limit = self._listing_limit(walk)
        if limit is not None:
            self.job.report.page_skipped(
                response.url, f"not an article ({reason}); not walked: {limit}"
            )
            return
        logger.info("%s holds no article (%s): walked as a listing", response.url, reason)
        self.job.listings_requested += 1
        yield from self._walk_listing(response, walk)

    def _no_article_after_all(self) -> None:
        """A candidate held no article: it leaves the article count (--max-pages, the bar)."""
        self.job.articles_requested -= 1
        self.job.report.not_an_article()

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        self.job.report.page_fetched(response.url)
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz file served without Content-Encoding
            try:
                body = gunzip(body, max_size=MAX_PAGE_BYTES)
            except ValueError as error:  # larger than the cap once inflated, or not gzip
                self.job.report.page_failed(response.url, _too_large(str(error)))
                return
        sitemap = Sitemap(body)
        for entry in sitemap:
            url = response.urljoin(entry["loc"])
            if sitemap.type == "sitemapindex":
                if self._in_scope(url) and not self._refused(url):
                    yield self._request(url, "sitemap", self.parse_sitemap)
            elif (request := self._article(url)) is not None:
                yield request

    def parse_article(self, response: Response) -> Iterator[RawPage]:
        self.job.report.page_fetched(response.url)
        yield _raw_page(response)

    def failed(self, failure: Failure) -> None:
        """Errback of every request: the report gets the URL and a reason a person understands."""
        request = failure.request  # type: ignore[attr-defined]
        url = _first_url(request)
        reason = explain_failure(failure, request.meta, self.job.config.timeout)
        if isinstance(failure.value, IgnoreRequest) and "robots.txt" in str(failure.value):
            self.job.report.page_skipped(url, reason)
        else:
            self.job.report.page_failed(url, reason)

    # -- walking listings -----------------------------------------------------------------------

    def _walk_listing(self, response: TextResponse, walk: Walk) -> Iterator[scrapy.Request]:
        """Request a listing's article links, then its next page unless a limit says stop."""
        article_urls, next_urls = self._listing_links(response)
        new_articles = any(url not in self.job.seen for url in article_urls)
        # Without a profile, a linked page that turns out to be a listing is one more step
        # away from the start, and one more step without an article.
        candidate_walk = Walk(walk.depth + 1, walk.barren + 1)
        for url in article_urls:
            request = (
                self._article(url)
                if self.article_links is not None
                else self._candidate(url, candidate_walk)
            )
            if request is not None:
                yield request
        for url in next_urls:
            if (request := self._next_listing(url, walk.next(new_articles))) is not None:
                yield request

    def _listing_links(self, response: TextResponse) -> tuple[list[str], list[str]]:
        """A listing's article links and its next-page link, by the profile or generic rules."""
        if self.article_links is not None:
            articles = [link.url for link in self.article_links.extract_links(response)]
            found = self.next_links.extract_links(response)[:1] if self.next_links else []
            return articles, [link.url for link in found]
        next_url = generic.next_page_url(response)
        next_urls = [next_url] if next_url else []
        articles = [
            url
            for url in generic.page_links(response)
            if url not in next_urls and self._in_scope(url) and generic.url_shape(url) == "article"
        ]
        return articles, next_urls

    def _next_listing(self, url: str, walk: Walk) -> scrapy.Request | None:
        """The next listing page, unless the walk is too deep, too barren or too long."""
        limit = self._listing_limit(walk)
        if limit is not None:
            if url not in self.job.seen:
                logger.info("Not following %s: %s", url, limit)
                self.job.report.page_skipped(url, f"listing not followed: {limit}")
                self.job.seen.add(url)
            return None
        return self._listing(url, walk)

    def _listing_limit(self, walk: Walk) -> str | None:
        config = self.job.config
        if walk.barren >= MAX_BARREN_LISTINGS:
            return f"{walk.barren} listing pages in a row brought no new article (a crawler trap?)"
        if walk.depth > config.max_depth:
            return f"more than {config.max_depth} listing pages deep (--max-depth)"
        if self.job.listings_requested >= config.max_listings:
            return f"{config.max_listings} listing pages fetched already (--max-listings)"
        return None

    # -- requests -------------------------------------------------------------------------------

    def _listing(self, url: str, walk: Walk) -> scrapy.Request | None:
        if not self._in_scope(url) or self._refused(url) or self.job.cap_reached():
            return None
        self.job.listings_requested += 1
        return self._request(url, "listing", self.parse_listing, walk)

    def _candidate(self, url: str, walk: Walk) -> scrapy.Request | None:
        """A page of a site without a profile, told apart (article or listing) once fetched."""
        if not self._may_fetch_article(url):
            return None
        return self._request(url, "candidate", self.parse_candidate, walk)

    def _article(self, url: str) -> scrapy.Request | None:
        if not self._may_fetch_article(url):
            return None
        return self._request(url, "article", self.parse_article)

    def _may_fetch_article(self, url: str) -> bool:
        if not self._in_scope(url) or self._refused(url):
            return False
        if self.job.already_imported(url):
            self.job.report.page_skipped(url, RESUMED)
            return False
        if self.job.cap_reached():
            self.job.report.page_capped(url)
            return False
        self.job.articles_requested += 1
        self.job.report.article_found()
        return True

    def _in_scope(self, url: str) -> bool:
        """An ``http(s)`` URL on an allowed host; anything else is counted and never requested."""
        reason = self.scope.refusal(url)
        if reason is None:
            return True
        if url not in self.job.ignored:
            self.job.ignored.add(url)
            self.job.report.link_ignored()
            logger.debug("Ignoring %s: %s", url, reason)
        return False

    def _refused(self, url: str) -> bool:
        """Denied by the profile, or already requested in this run."""
        if url in self.job.seen or any(pattern.search(url) for pattern in self.deny):
            return True
        self.job.seen.add(url)
        return False

    def _request(
        self, url: str, role: str, callback: Any, walk: Walk | None = None
    ) -> scrapy.Request:
        # dont_filter: the spider's own "seen" set dedupes, so a redirect loop comes back as a
        # clear "max redirections" error instead of vanishing in Scrapy's duplicate filter. It
        # also turns off Scrapy's off-site filter: the scope is checked above and by the guard.
        meta: dict[str, Any] = {_ROLE: role}
        if walk is not None:
            meta[_WALK] = walk
        return scrapy.Request(
            url, callback=callback, errback=self.failed, dont_filter=True, meta=meta
        )


def _raw_page(response: Response) -> RawPage:
    content_type = response.headers.get(b"Content-Type") or b""
    return RawPage(
        source=_first_url(response.request) if response.request else response.url,
        data=response.body,
        charset=http_content_type_encoding(content_type.decode("latin-1")),
        url=response.url,
    )


def _first_url(request: scrapy.Request) -> str:
    """The URL we asked for, before any redirect: the manifest knows pages by it."""
    redirects = request.meta.get("redirect_urls")
    return str(redirects[0]) if redirects else str(request.url)


def _too_large(detail: str = "") -> str:
    limit = f"{MAX_PAGE_BYTES // 1024 // 1024} MiB"
    return f"the page is larger than the {limit} a page may be" + (f" ({detail})" if detail else "")


def explain_failure(failure: Failure, meta: dict[str, Any], timeout: float) -> str:
    """One line saying why a page could not be fetched."""
    if meta.get(GIVE_UP_REASON):
        return str(meta[GIVE_UP_REASON])
    if meta.get(OUT_OF_SCOPE):
        return f"not fetched: {meta[OUT_OF_SCOPE]}"
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return f"HTTP {status} {_reason_phrase(status)}".rstrip()
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "DOWNLOAD_MAXSIZE" in message:
            return _too_large("once decompressed")
        if "max redirections" in message:
            chain = " -> ".join(meta.get("redirect_urls", [])[:3])
            return f"redirect loop (gave up after too many redirects: {chain} ...)"
        if "robots.txt" in message:
            return "forbidden by robots.txt"
        return message or "ignored"
    if isinstance(error, DownloadCancelledError | CancelledError):
        # Scrapy cancels a download only when the body outgrows DOWNLOAD_MAXSIZE.
        return _too_large()
    if isinstance(error, TwistedTimeoutError | DownloadTimeoutError):
        tries = int(meta.get("retry_times", 0)) + 1
        return f"no answer within {timeout:g} s (timed out {tries} times)"
    return f"{type(error).__name__}: {error}"


def _reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
