"""Read the pages to learn from: saved files, or URLs fetched with the crawler's manners.

URLs are fetched one at a time with the crawler's User-Agent, at least the crawler's polite delay
apart per host (longer when robots.txt asks for a ``Crawl-delay``), and never when robots.txt
disallows them. Bytes are decoded by the importer's own decode stage, so a GBK page learns the same
as a UTF-8 one.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from importer.crawl.config import DEFAULT_USER_AGENT, POLITE_DELAY
from importer.decode import decode_page
from importer.reading import MAX_PAGE_BYTES, read_page
from importer.records import ImportProblem, RawPage


@dataclass(frozen=True)
class SourcePage:
    """One page to learn from: its text and how the user named it (the label for comments)."""

    label: str
    text: str
    url: str | None = None


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


@dataclass
class PoliteFetcher:
    """A tiny sequential HTTP client that follows the crawler's politeness rules."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = POLITE_DELAY
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    _last_request: dict[str, float] = field(default_factory=dict)

    def fetch(self, url: str) -> RawPage:
        """The page's bytes, or an ImportProblem saying why not (robots, HTTP status, size)."""
        host = urlsplit(url).netloc
        robots = self._robots_for(url)
        if not robots.can_fetch(self.user_agent, url):
            raise ImportProblem("robots.txt disallows fetching it")
        crawl_delay = robots.crawl_delay(self.user_agent)
        self._wait(host, max(self.delay, float(crawl_delay or 0)))
        data, headers = self._get(url)
        charset = headers.get_content_charset() if headers is not None else None
        return RawPage(source=url, data=data, charset=charset, url=url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = urllib.robotparser.RobotFileParser(f"{root}/robots.txt")
            try:
                self._wait(parts.netloc, self.delay)
                data, _ = self._get(f"{root}/robots.txt")
                parser.parse(data.decode("utf-8", "replace").splitlines())
            except ImportProblem:
                parser.parse([])  # no robots.txt (or none readable): everything is allowed
            self._robots[root] = parser
        return self._robots[root]

    def _wait(self, host: str, delay: float) -> None:
        last = self._last_request.get(host)
        if last is not None:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = time.monotonic()

    def _get(self, url: str) -> tuple[bytes, Message | None]:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(MAX_PAGE_BYTES + 1)
                headers: Message = response.headers
        except urllib.error.HTTPError as error:
            raise ImportProblem(f"HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ImportProblem(f"cannot fetch it ({reason})") from None
        if len(data) > MAX_PAGE_BYTES:
            raise ImportProblem(
                f"larger than the {MAX_PAGE_BYTES // 1024 // 1024} MiB a page may be"
            )
        return data, headers


def read_sources(
    sources: Iterable[str], fetcher: PoliteFetcher | None = None
) -> Iterator[SourcePage | tuple[str, str]]:
    """Each source as a :class:`SourcePage`, or ``(source, reason)`` when it cannot be read."""
    fetcher = fetcher or PoliteFetcher()
    for source in sources:
        try:
            raw = fetcher.fetch(source) if is_url(source) else read_page(Path(source))
            page = decode_page(raw)
        except ImportProblem as problem:
            yield source, str(problem)
            continue
        if page.kind != "html":
            yield source, "not an HTML page (profiles are learned from HTML pages)"
            continue
        yield SourcePage(label=source, text=page.text, url=page.url)
