"""Which URLs a crawl may request at all: ``http(s)`` on the start hosts and ``--allow-host`` ones.

Every request the spider makes carries ``dont_filter=True`` (its own "seen" set dedupes), and that
also switches off Scrapy's off-site filter, so the rule is enforced here instead, twice: the spider
asks :meth:`CrawlScope.refusal` before it creates a request, and :class:`ScopeGuardMiddleware`
checks every request again just before it is downloaded, which also covers redirects and anything
a later change might create. A listing page's ``file://``, ``ftp:`` or ``data:`` link, or a link to
another site, is never fetched and never imported.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)

#: The only schemes a crawl fetches.
WEB_SCHEMES = frozenset({"http", "https"})

#: Meta key of a request the guard refused, so the failure report can say why.
OUT_OF_SCOPE = "secretariat_out_of_scope"


@dataclass(frozen=True)
class CrawlScope:
    """The host names a crawl may contact (exact names: ``example.com`` is not ``m.example.com``)."""

    hosts: frozenset[str]

    def refusal(self, url: str) -> str | None:
        """Why ``url`` must not be requested, or None when it may be."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return "not a valid URL"
        if parts.scheme.lower() not in WEB_SCHEMES:
            return f"not an http(s) URL ({parts.scheme or 'no'} scheme)"
        if not host:
            return "no host name"
        if host not in self.hosts:
            return f"another host ({host}); name it with --allow-host to crawl it"
        return None

    def allows(self, url: str) -> bool:
        return self.refusal(url) is None


def normalize_host(host: str) -> str:
    """A host name as :func:`urllib.parse.urlsplit` reports it: lower case, no port, no brackets.

    A whole URL is accepted too (``--allow-host https://m.example.cn/``), as users paste them.
    """
    text = host.strip()
    return urlsplit(text if "://" in text else f"//{text}").hostname or text.lower()


class ScopeGuardMiddleware:
    """Backstop: refuses any request outside the crawl's scope before the downloader sees it.

    Placed before robots.txt handling, so a refused host is not even asked for its robots.txt.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        scope: CrawlScope = self.crawler.spider.scope  # type: ignore[union-attr]
        reason = scope.refusal(request.url)
        if reason is None:
            return
        logger.warning("Refused %s: %s", request.url, reason)
        request.meta[OUT_OF_SCOPE] = reason
        raise IgnoreRequest(f"out of the crawl's scope: {reason}")
