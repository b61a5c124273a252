"""What one crawl was asked to do, in one typed record shared by the spider, pipeline and report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from importer.profiles import LinkRules

#: The delay between two requests to one host that we never go below unless the user says so.
POLITE_DELAY = 1.0

#: Says who we are, so a site owner can find us and block or contact us.
DEFAULT_USER_AGENT = "SecretariatBot/0.1 (+https://github.com/secretariat-site/secretariat)"


@dataclass(frozen=True)
class CrawlConfig:
    """Everything the command line decided; nothing here is Scrapy-specific."""

    start_urls: tuple[str, ...]  # category listing pages
    profile: str
    links: LinkRules
    docs: Path
    job_dir: Path
    sitemaps: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()  # from --urls FILE
    category: str | None = None
    max_pages: int | None = None
    delay: float = POLITE_DELAY
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 30.0
    retries: int = 2
    backoff: float = 2.0  # first retry waits this long, each later one twice as long
    max_retry_after: float = 600.0  # a Retry-After longer than this gives the page up
    resume: bool = False
    quiet: bool = False
