"""The Scrapy settings of a crawl: polite by default, every number traceable to a CLI option.

Scrapy's own defaults are tuned for throughput (16 parallel requests, 8 per host, no delay, robots.txt
ignored). A crawl of someone else's essay site must be the opposite: one request at a time per host,
at least a second apart, robots.txt obeyed, a name in the User-Agent, and nothing fetched twice when
the cache can answer.
"""

from __future__ import annotations

from typing import Any

from importer.crawl.config import CrawlConfig
from importer.reading import MAX_PAGE_BYTES

_PACKAGE = "importer.crawl"


def crawl_settings(config: CrawlConfig) -> dict[str, Any]:
    """Scrapy settings for one crawl; no Scrapy project folder is needed or read."""
    return {
        "BOT_NAME": "secretariat",
        "USER_AGENT": config.user_agent,
        "ROBOTSTXT_OBEY": True,
        # One request at a time per host, ``delay`` seconds apart, never less (no random jitter
        # below the delay). Crawl-delay from robots.txt raises the delay per host.
        "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": config.delay,
        "DOWNLOAD_DELAY_JITTER": 0.0,
        # AutoThrottle slows down further when the server gets slow; it never goes below the delay.
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": config.delay,
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "EXTENSIONS": {
            "scrapy.extensions.throttle.AutoThrottle": None,
            f"{_PACKAGE}.politeness.PoliteThrottle": 0,
            "scrapy.extensions.telnet.TelnetConsole": None,
        },
        "DOWNLOADER_MIDDLEWARES": {
            # Before robots.txt (100): a host out of scope is not even asked for its robots.txt.
            f"{_PACKAGE}.scope.ScopeGuardMiddleware": 50,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            f"{_PACKAGE}.politeness.RobotsFirstMiddleware": 100,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            f"{_PACKAGE}.politeness.PoliteRetryMiddleware": 550,
        },
        # Only the web: no file://, ftp://, s3:// or data: handler exists, whatever a page links to.
        "DOWNLOAD_HANDLERS": {"file": None, "ftp": None, "s3": None, "data": None},
        # The same cap as ``import``. Scrapy applies it to the bytes on the wire (a Content-Length
        # above it is refused before the body is read) and, since 2.11, to the inflated body
        # while HttpCompressionMiddleware decompresses it, so a gzip bomb stops at the cap too.
        "DOWNLOAD_MAXSIZE": MAX_PAGE_BYTES,
        "DOWNLOAD_WARNSIZE": MAX_PAGE_BYTES // 4,
        "RETRY_TIMES": config.retries,
        "SECRETARIAT_RETRY_BACKOFF": config.backoff,
        "SECRETARIAT_MAX_RETRY_AFTER": config.max_retry_after,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RETRY_GIVE_UP_LOG_LEVEL": "WARNING",
        "DOWNLOAD_TIMEOUT": config.timeout,
        "REDIRECT_MAX_TIMES": 5,
        # Conditional requests (If-Modified-Since / If-None-Match) for pages fetched before, so a
        # resumed or repeated crawl costs the site a 304 instead of a page.
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_STORAGE": "scrapy.extensions.httpcache.FilesystemCacheStorage",
        "HTTPCACHE_DIR": str((config.job_dir / "httpcache").resolve()),
        "HTTPCACHE_IGNORE_HTTP_CODES": [429, 500, 502, 503, 504],
        # Breadth first, in page order: the articles of listing page 1 before those of page 2.
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "ITEM_PIPELINES": {f"{_PACKAGE}.pipeline.ImportPipeline": 300},
        "COOKIES_ENABLED": False,
        # The console belongs to the progress bar; Scrapy's own log goes to the job folder.
        "LOG_FILE": str(config.job_dir / "crawl.log"),
        "LOG_FILE_APPEND": True,
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy 2.19's remote-control HTTP server runs code sent to it: no open port for that.
        "REMOTE_CONTROL_ENABLED": False,
    }
