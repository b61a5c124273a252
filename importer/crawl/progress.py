"""What a person watching the crawl sees: a live progress bar, then a summary with every failure.

The bar counts pages fetched, imported, skipped and failed, and shows the URL fetched last; its
total is the number of article links found so far, so it grows while listings are walked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from importer.records import Outcome, Status

_IMPORTED = (Status.IMPORTED, Status.UPDATED)

#: Skip reason of an article ``--resume`` does not fetch again.
RESUMED = "already imported (--resume)"


@dataclass(frozen=True)
class PageProblem:
    url: str
    reason: str


class CrawlReport:
    """Counts, the live bar and the final summary of one crawl."""

    def __init__(self, console: Console | None = None, *, quiet: bool = False) -> None:
        self.console = console or Console(stderr=True)
        self.quiet = quiet
        self.fetched = 0
        self.articles_found = 0
        self.capped = 0
        self.links_ignored = 0  # out of scope: another host, file://, ftp:, data:, ...
        self.not_articles = 0  # pages fetched without a profile that held no article
        self.outcomes: Counter[Status] = Counter()
        self.skipped: list[PageProblem] = []
        self.failures: list[PageProblem] = []
        self.current_url = ""
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    # -- events ---------------------------------------------------------------------------------

    def article_found(self) -> None:
        self.articles_found += 1
        self._refresh()

    def page_fetched(self, url: str) -> None:
        self.fetched += 1
        self.current_url = url
        self._refresh()

    def page_imported(self, outcome: Outcome) -> None:
        self.outcomes[outcome.status] += 1
        self._refresh(advance=True)

    def page_skipped(self, url: str, reason: str) -> None:
        self.skipped.append(PageProblem(url, reason))
        self._refresh()

    def page_capped(self, url: str) -> None:
        self.capped += 1

    def link_ignored(self) -> None:
        self.links_ignored += 1

    def not_an_article(self) -> None:
        """A page fetched as a possible article held none (it was walked as a listing)."""
        self.not_articles += 1
        self.articles_found -= 1
        self._refresh()

    def page_failed(self, url: str, reason: str) -> None:
        self.failures.append(PageProblem(url, reason))
        self._refresh(advance=True)

    # -- display --------------------------------------------------------------------------------

    @property
    def imported(self) -> int:
        return sum(self.outcomes[status] for status in _IMPORTED)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped) + sum(
            count for status, count in self.outcomes.items() if status not in _IMPORTED
        )

    @contextmanager
    def live(self) -> Iterator[None]:
        """Show the bar while the crawl runs (unless quiet or not on a terminal)."""
        if self.quiet:
            yield
            return
        progress = Progress(
            TextColumn("[bold]crawl"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            transient=True,
        )
        with progress:
            self._progress = progress
            self._task = progress.add_task(self._counts(), total=None)
            try:
                yield
            finally:
                self._progress = None

    def _counts(self) -> str:
        return (
            f"fetched {self.fetched} · imported {self.imported} · skipped {self.skipped_count}"
            f" · failed {len(self.failures)}  {self.current_url}"
        )

    def _refresh(self, *, advance: bool = False) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.update(
            self._task,
            total=max(self.articles_found, 1),
            advance=1 if advance else 0,
            description=self._counts(),
        )

    def print_summary(self, console: Console | None = None) -> None:
        """The end-of-run summary; failures are listed even with ``--quiet``."""
        out = console or Console()
        if not self.quiet:
            table = Table(title="Crawl summary", show_header=False)
            table.add_row("pages fetched", str(self.fetched))
            for status in Status:
                if self.outcomes[status]:
                    table.add_row(f"articles {status.value}", str(self.outcomes[status]))
            table.add_row("skipped before fetching", str(len(self.skipped)))
            if self.capped:
                table.add_row("left for later (--max-pages)", str(self.capped))
            if self.not_articles:
                table.add_row("pages without an article (listings)", str(self.not_articles))
            if self.links_ignored:
                table.add_row("links out of scope (not followed)", str(self.links_ignored))
            table.add_row("failed", str(len(self.failures)))
            out.print(table)
            for problem in self.skipped:
                if problem.reason == RESUMED:
                    continue  # counted above; listing every finished article would bury the rest
                out.print(
                    f"skipped {problem.url}: {problem.reason}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
        for problem in self.failures:
            out.print(
                f"FAILED {problem.url}: {problem.reason}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )

    @property
    def exit_code(self) -> int:
        """Non-zero when any page failed, so scripts and CI notice."""
        return 1 if self.failures else 0
