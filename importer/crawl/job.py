"""The state one crawl shares between the spider, the item pipeline and the progress report."""

from __future__ import annotations

from dataclasses import dataclass, field

from importer.crawl.config import CrawlConfig
from importer.crawl.progress import CrawlReport
from importer.pipeline import Importer


@dataclass
class CrawlJob:
    """Handed to the spider as a keyword argument, so Scrapy never copies or pickles it."""

    config: CrawlConfig
    importer: Importer
    report: CrawlReport
    articles_requested: int = 0
    listings_requested: int = 0
    seen: set[str] = field(default_factory=set)  # every URL requested in this run
    ignored: set[str] = field(default_factory=set)  # links out of the crawl's scope

    def already_imported(self, url: str) -> bool:
        """Whether ``--resume`` may skip this article: the manifest says a file came from it."""
        return self.config.resume and self.importer.knows_source(url)

    def cap_reached(self) -> bool:
        cap = self.config.max_pages
        return cap is not None and self.articles_requested >= cap
