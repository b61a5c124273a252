"""The Scrapy item pipeline: every fetched article page goes through the shared importer.

Nothing here decodes or parses HTML. The page's raw bytes, the charset from its HTTP header and its
URL go to :meth:`Importer.import_page`, exactly what ``import`` does with a saved copy, so both give
the same Markdown file.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from importer.records import RawPage, Status

logger = logging.getLogger(__name__)


class ImportPipeline:
    """Imports one page at a time, in the crawl's own thread (the importer is not thread-safe)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ImportPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawPage):
            return item
        job = self.crawler.spider.job  # type: ignore[union-attr]
        try:
            outcome = job.importer.import_page(item)  # saves the manifest: SIGKILL-safe resume
        except Exception as error:  # one bad page must not stop the crawl
            logger.exception("Importing %s failed", item.source)
            job.report.page_failed(item.source, f"importer error: {type(error).__name__}: {error}")
            return item
        if outcome.status is Status.SKIPPED:
            job.report.page_failed(item.source, f"fetched but not imported: {outcome.message}")
        else:
            job.report.page_imported(outcome)
        return item
