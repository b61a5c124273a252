"""What the user sees during an import: a progress bar for batches, one line per event, a summary.

Problems go to stderr, one line each naming the source and the reason, so they can be grepped out
of a long run; the progress bar goes away when the batch is small or ``--quiet`` is given.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from importer.records import Outcome, Status

#: Batches up to this size print a line per file instead of a bar.
PROGRESS_BAR_THRESHOLD = 5

_STDERR_STATUSES = {Status.SKIPPED, Status.CONFLICT}


class Reporter:
    """Progress and per-file lines for a batch import."""

    def __init__(self, total: int, quiet: bool = False) -> None:
        self.quiet = quiet
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.progress: Progress | None = None
        self.task = None
        if not quiet and total > PROGRESS_BAR_THRESHOLD and sys.stderr.isatty():
            self.progress = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=self.err,
                transient=True,
            )
            self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> Reporter:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.progress:
            self.progress.stop()

    def start(self, source: str) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=source)

    def done(self, outcome: Outcome) -> None:
        line = format_outcome(outcome)
        if outcome.status in _STDERR_STATUSES or outcome.warnings:
            self.err.print(line, markup=False)
        elif not self.quiet and self.progress is None:
            self.out.print(line, markup=False)
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def removed_temp_files(self, paths: list[Path]) -> None:
        """Say that an earlier, interrupted run's temporary files were cleaned up."""
        if paths and not self.quiet:
            noun = "file" if len(paths) == 1 else "files"
            self.out.print(
                f"removed {len(paths)} temporary {noun} left by an interrupted import", markup=False
            )

    def summary(self, counts: Counter[Status]) -> None:
        self.out.print(summary_line(counts), markup=False)


def format_outcome(outcome: Outcome) -> str:
    """``samples/a.html: imported -> speeches/x.md`` or ``a.html: skipped: the file is empty``."""
    line = f"{outcome.source}: {outcome.status.value}"
    if outcome.path:
        line += f" -> {outcome.path}"
    if outcome.message:
        line += f": {outcome.message}"
    for warning in outcome.warnings:
        line += f"; warning: {warning}"
    return line


def summary_line(counts: Counter[Status]) -> str:
    """``imported N, unchanged M, conflicts C, skipped K`` (+ updated and duplicates when there are any)."""
    parts = [f"imported {counts[Status.IMPORTED]}"]
    if counts[Status.UPDATED]:
        parts.append(f"updated {counts[Status.UPDATED]}")
    parts.append(f"unchanged {counts[Status.UNCHANGED]}")
    if counts[Status.DUPLICATE]:
        parts.append(f"duplicates {counts[Status.DUPLICATE]}")
    parts.append(f"conflicts {counts[Status.CONFLICT]}")
    parts.append(f"skipped {counts[Status.SKIPPED]}")
    return ", ".join(parts)
