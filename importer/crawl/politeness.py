"""The politeness rules Scrapy leaves to us: robots.txt ``Crawl-delay``, ``Retry-After``, and
robots.txt read before *every* first request to a host (not only the first of them).

Scrapy parses ``Crawl-delay`` (protego does) but never applies it, and its RetryMiddleware resends a
failed request as soon as the per-host delay allows, ignoring ``Retry-After`` and without backing
off. Both rules act on Scrapy's per-host downloader *slot* (one per host name), the thing that
already spaces requests ``DOWNLOAD_DELAY`` apart, so every request to that host waits, not just the
one that failed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from time import monotonic
from typing import Any

import scrapy
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

#: Meta key where a request keeps the reason it was given up, for the failure report.
GIVE_UP_REASON = "secretariat_give_up_reason"


class PoliteThrottle(AutoThrottle):
    """AutoThrottle that never lets a host's delay fall below its robots.txt ``Crawl-delay``.

    AutoThrottle lowers a slot's delay towards the server's latency, with ``DOWNLOAD_DELAY`` as the
    only floor; here each host gets its own floor, ``max(DOWNLOAD_DELAY, Crawl-delay)``.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.user_agent: str = crawler.settings["USER_AGENT"]
        self.floors: dict[str, float] = {}
        crawler.signals.connect(self._robots_parsed, signal=signals.robots_parsed)

    def _robots_parsed(self, robotparser: Any, request: Request) -> None:
        crawl_delay = robotparser.crawl_delay(self.user_agent)
        if not crawl_delay:
            return
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        floor = max(self.crawler.settings.getfloat("DOWNLOAD_DELAY"), float(crawl_delay))
        self.floors[key] = floor
        # A slot that Scrapy drops when idle and makes again starts from its per-slot settings.
        downloader.per_slot_settings.setdefault(key, {})["delay"] = floor
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, floor)
        logger.info("robots.txt of %s asks for Crawl-delay %.1f s: obeyed", key, floor)

    def _response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        super()._response_downloaded(response, request, spider)
        key = request.meta.get("download_slot")
        slot = self.crawler.engine.downloader.slots.get(key) if key else None
        if slot is not None and key in self.floors:
            slot.delay = max(slot.delay, self.floors[key])


class PoliteRetryMiddleware(RetryMiddleware):
    """Retries with exponential backoff, waiting as long as ``Retry-After`` says when it says so.

    The wait pauses the whole host, because a 429 or 503 means the *server* wants us to slow down.
    A ``Retry-After`` longer than ``max_retry_after`` gives the page up now, with that reason.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        settings = crawler.settings
        self.backoff: float = settings.getfloat("SECRETARIAT_RETRY_BACKOFF", 2.0)
        self.max_backoff: float = settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)
        self.max_retry_after: float = settings.getfloat("SECRETARIAT_MAX_RETRY_AFTER", 600.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PoliteRetryMiddleware:
        return cls(crawler)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        reason = response_status_message(response.status)
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None and retry_after > self.max_retry_after:
            request.meta[GIVE_UP_REASON] = (
                f"{reason}: the server asked to come back in {retry_after:.0f} s,"
                f" more than the {self.max_retry_after:.0f} s we wait"
            )
            return response
        retry = self._retry_later(request, reason, retry_after)
        if retry is None:
            request.meta[GIVE_UP_REASON] = f"{reason}, still after {self.max_retry_times} retries"
            return response
        return retry

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        return self._retry_later(request, exception, None)

    def _retry_later(
        self, request: Request, reason: str | Exception, retry_after: float | None
    ) -> Request | None:
        assert self.crawler.spider is not None
        retry = get_retry_request(request, spider=self.crawler.spider, reason=reason)
        if retry is not None:
            tries = int(retry.meta["retry_times"])
            wait = retry_after
            if wait is None:
                wait = min(self.backoff * 2 ** (tries - 1), self.max_backoff)
            self._pause_host(request, wait)
        return retry

    def _pause_host(self, request: Request, seconds: float) -> None:
        """Hold every request to the request's host for ``seconds`` from now.

        A slot sends its next request ``delay`` seconds after ``lastseen``; moving ``lastseen``
        into the future is how the downloader itself would see a request sent then.
        """
        downloader = self.crawler.engine.downloader
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.lastseen = max(slot.lastseen, monotonic() + seconds - slot.delay)
            logger.info("Pausing %s for %.1f s before retrying %s", key, seconds, request.url)


def parse_retry_after(value: bytes | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


#: The Scrapy versions whose robots.txt middleware :class:`RobotsFirstMiddleware` was checked on.
ROBOTS_HACK_CHECKED_ON = ("2.19.",)


class RobotsFirstMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every request waiting for its host's robots.txt.

    Hack: in Scrapy 2.19 the requests that arrive while a host's robots.txt is being fetched all
    await one shared Deferred through ``Deferred.asFuture``, whose callback returns None; so the
    first of them gets the parser and every later one gets None, which Scrapy reads as "no
    robots.txt, everything allowed". With ``--urls`` or a sitemap, many requests arrive at once and
    disallowed pages were fetched. Here a waiter that got None looks up the parser the middleware
    stored for the host (``_parsers``, set before the Deferred fires). Re-check on a Scrapy upgrade:
    ``tests/crawl/test_robots_first.py`` fails if the stored parsers move.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        if not isinstance(getattr(self, "_parsers", None), dict):
            raise RuntimeError(
                f"Scrapy {scrapy.__version__}: RobotsTxtMiddleware keeps no '_parsers' any more; "
                "re-check importer.crawl.politeness.RobotsFirstMiddleware"
            )

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if stored is not None and not isinstance(stored, Deferred):
                return stored
        return parser
