"""What one crawl was asked to do, in one typed record shared by the spider, pipeline and report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from importer.profiles import LinkRules

#: The delay between two requests to one host that we never go below unless the user says so.
POLITE_DELAY = 1.0

#: Says who we are, so a site owner can find us and block or contact us.
DEFAULT_USER_AGENT = "SecretariatBot/0.1 (+https://github.com/secretariat-site/secretariat)"

#: How many listing pages deep a walk may go from a start URL (each "next page" is one level).
#: A category of 10,000 articles at 20 per page has 500 pages; 1,000 leaves room for the largest
#: and still ends a trap that keeps linking to "new" pages of itself.
DEFAULT_MAX_DEPTH = 1000

#: How many listing pages one run fetches at most, over all start URLs.
DEFAULT_MAX_LISTINGS = 5000

#: A walk stops following "next page" after this many listing pages in a row that linked to no
#: article not seen before: a real category's pages each bring new articles; a trap brings none.
MAX_BARREN_LISTINGS = 3


@dataclass(frozen=True)
class CrawlConfig:
    """Everything the command line decided; nothing here is Scrapy-specific."""

    start_urls: tuple[str, ...]  # category listing pages
    profile: str | None  # None: no profile, links are followed by the generic rules
    links: LinkRules | None  # the profile's link rules (None without a profile)
    docs: Path
    job_dir: Path
    allowed_hosts: frozenset[str] = frozenset()  # the start hosts and every --allow-host
    sitemaps: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()  # from --urls FILE
    category: str | None = None
    max_pages: int | None = None
    max_depth: int = DEFAULT_MAX_DEPTH
    max_listings: int = DEFAULT_MAX_LISTINGS
    delay: float = POLITE_DELAY
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 30.0
    retries: int = 2
    backoff: float = 2.0  # first retry waits this long, each later one twice as long
    max_retry_after: float = 600.0  # a Retry-After longer than this gives the page up
    resume: bool = False
    quiet: bool = False
