"""``python -m importer crawl``: fetch a source site with Scrapy and import every article found."""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console

from importer.crawl.config import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_LISTINGS,
    DEFAULT_USER_AGENT,
    MAX_BARREN_LISTINGS,
    POLITE_DELAY,
    CrawlConfig,
)
from importer.crawl.progress import CrawlReport
from importer.crawl.scope import normalize_host
from importer.crawl.settings import crawl_settings
from importer.manifest import ManifestError
from importer.pipeline import Importer, ImportOptions
from importer.profiles import ProfileError, get_profile
from importer.reading import MAX_PAGE_BYTES

HELP = f"""Crawl a model-essay site and import every article into the docs folder. Start from
category listing pages (START_URL, following the "next page" link), a sitemap (--sitemap) or a file
of article URLs, one per line (--urls). With --profile, the profile's link rules say which links are
articles; without one, links with a number in their URL are fetched and kept when the importer finds
an article in them, and the "next page" link is found by its text (下一页, Next, », >). Only http(s)
URLs on the start hosts (and --allow-host ones) are ever requested; pages larger than
{MAX_PAGE_BYTES // 1024 // 1024} MiB (also once decompressed) fail. Polite by default: robots.txt and
its Crawl-delay are obeyed, one request at a time per host at least {POLITE_DELAY:g} s apart,
Retry-After honoured, retries back off. Interrupted? Run the same command with --resume: articles
already imported are not fetched again. Exit code 1 if any page failed (the failures are listed with
their reason)."""


class UsageError(ValueError):
    """A command line that cannot start a crawl; the message says what to change."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "crawl", help="crawl a source site and import it", description=HELP
    )
    parser.add_argument("start_urls", nargs="*", metavar="START_URL", help="category listing pages")
    parser.add_argument(
        "--profile",
        help="site profile whose link and field rules to use (default: none; links are followed "
        "by the generic rules and each page is read by the profile that matches it, if any)",
    )
    parser.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="a sitemap (or sitemap index) listing article URLs; may be repeated",
    )
    parser.add_argument(
        "--urls", type=Path, metavar="FILE", help="a file of article URLs, one per line"
    )
    parser.add_argument(
        "--max-pages",
        type=int,
        metavar="N",
        help="fetch at most N articles in this run (listings do not count)",
    )
    parser.add_argument(
        "--max-depth",
        type=int,
        default=DEFAULT_MAX_DEPTH,
        metavar="N",
        help=f"follow listing pages at most N deep from a start URL (default {DEFAULT_MAX_DEPTH}); "
        f"a walk also stops after {MAX_BARREN_LISTINGS} listing pages in a row without a new article",
    )
    parser.add_argument(
        "--max-listings",
        type=int,
        default=DEFAULT_MAX_LISTINGS,
        metavar="N",
        help=f"fetch at most N listing pages in this run (default {DEFAULT_MAX_LISTINGS})",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="also fetch links to this host (the start URLs' hosts always are); may be repeated",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=POLITE_DELAY,
        metavar="S",
        help=f"seconds between two requests to one host (default {POLITE_DELAY:g}; "
        "below 1, even 0, only for your own servers); robots.txt Crawl-delay raises it",
    )
    parser.add_argument(
        "--user-agent",
        default=DEFAULT_USER_AGENT,
        metavar="UA",
        help=f"User-Agent to send and to match in robots.txt (default: {DEFAULT_USER_AGENT})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="give up on an answer after S seconds (default 30)",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=2,
        metavar="N",
        help="retries after a timeout or a 429/5xx answer (default 2)",
    )
    parser.add_argument(
        "--backoff",
        type=float,
        default=2.0,
        metavar="S",
        help="wait before the first retry, doubled for each next one (default 2), "
        "unless the server sends Retry-After",
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the site's docs folder (default: docs)"
    )
    parser.add_argument("--category", help="category for pages that have no breadcrumb")
    parser.add_argument(
        "--job-dir",
        type=Path,
        metavar="DIR",
        help="where the HTTP cache and the crawl log live (default: .crawl/<host>)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted crawl: skip every article already imported",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar; print only failures"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True, highlight=False)
    try:
        config = config_from_args(args)
    except (UsageError, ProfileError) as error:
        err.print(f"error: {error}", markup=False)
        return 2
    if config.delay < POLITE_DELAY:
        err.print(
            f"warning: --delay {config.delay:g} is below the polite {POLITE_DELAY:g} s; "
            "use it only against servers you run",
            markup=False,
        )
    try:
        importer = Importer(
            ImportOptions(
                docs=config.docs,
                category=config.category,
                profile=config.profile,
                # Save the manifest after every page: --resume must never fetch an article twice.
                checkpoint_seconds=0,
            )
        )
    except (ManifestError, ProfileError) as error:
        err.print(f"error: {error}", markup=False)
        return 2
    report = CrawlReport(err, quiet=config.quiet)
    with importer:
        run_crawl(config, importer, report)
    report.print_summary(Console(highlight=False))
    return report.exit_code


def run_crawl(config: CrawlConfig, importer: Importer, report: CrawlReport) -> None:
    """Run Scrapy in this process until the crawl ends (or Ctrl-C stops it gracefully)."""
    # Imported here: Scrapy installs its reactor on import of the crawler machinery.
    from scrapy.crawler import CrawlerProcess

    from importer.crawl.job import CrawlJob
    from importer.crawl.spider import SiteSpider

    config.job_dir.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(crawl_settings(config))
    process.crawl(SiteSpider, job=CrawlJob(config, importer, report))
    with report.live():
        process.start()


def config_from_args(args: argparse.Namespace) -> CrawlConfig:
    """Check the command line and turn it into a :class:`CrawlConfig`."""
    profile = get_profile(args.profile) if args.profile else None
    if profile is not None and profile.links is None and args.start_urls:
        raise UsageError(
            f"profile '{profile.name}' has no 'links:' rules, so its listings cannot be walked; "
            "leave out --profile to walk them by the generic rules"
        )
    article_urls = _read_url_file(args.urls) if args.urls else ()
    urls = (*args.start_urls, *args.sitemap, *article_urls)
    if not urls:
        raise UsageError("give at least one START_URL, --sitemap URL or --urls FILE")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"'{url}' is not an http(s) URL")
    if args.delay < 0:
        raise UsageError("--delay must not be negative")
    if args.max_pages is not None and args.max_pages < 1:
        raise UsageError("--max-pages must be at least 1")
    if args.max_depth < 0 or args.max_listings < 1:
        raise UsageError("--max-depth must not be negative, --max-listings at least 1")
    if args.timeout <= 0 or args.retries < 0 or args.backoff < 0:
        raise UsageError("--timeout must be positive, --retries and --backoff not negative")
    hosts = {urlsplit(url).hostname or "" for url in urls}
    hosts |= {normalize_host(host) for host in args.allow_host}
    host = urlsplit(urls[0]).hostname or "site"
    return CrawlConfig(
        start_urls=tuple(args.start_urls),
        profile=profile.name if profile else None,
        links=profile.links if profile else None,
        docs=args.docs,
        job_dir=args.job_dir or Path(".crawl") / host,
        allowed_hosts=frozenset(hosts - {""}),
        sitemaps=tuple(args.sitemap),
        article_urls=article_urls,
        category=args.category,
        max_pages=args.max_pages,
        max_depth=args.max_depth,
        max_listings=args.max_listings,
        delay=args.delay,
        user_agent=args.user_agent,
        timeout=args.timeout,
        retries=args.retries,
        backoff=args.backoff,
        resume=args.resume,
        quiet=args.quiet,
    )


def _read_url_file(path: Path) -> tuple[str, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the URL file '{path}': {error}") from None
    return tuple(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )
