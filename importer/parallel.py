"""Convert pages in worker processes; write them in the one main process, in input order.

Converting (decode, extract, clean, convert) is pure and takes nearly all of an import's time, so
it runs in a process pool, and so does hashing the body for the near-duplicate index (MinHash, as
long as a fifth of converting); the manifest, the index's look-ups and additions and every file
write stay in the main process, which receives results in the order the files were given. Output is therefore the
same for any number of jobs, and the single writer needs no locks.

Whatever else a worker can do for the writer it does too: it renders the article's file text
(:attr:`~importer.records.Article.text`), which the main process would otherwise render for each
page while the workers wait on it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from importer.near_duplicates import Signature, signature_of
from importer.pipeline import ImportOptions, convert_within_budget
from importer.reading import read_page, source_name
from importer.records import Article, ImportProblem

#: Pages handed out ahead of the writer per worker: enough to keep workers busy while the main
#: process writes, few enough that a 100,000-page batch never sits in memory.
PAGES_AHEAD_PER_JOB = 8

#: Pages per task sent to a worker. Each task costs the main process a pickled message, a wake-up
#: through a pipe and hand-overs of the GIL between the pool's threads and the writing thread:
#: with a task per page, 14% of the main process's time with two jobs (py-spy, 1,000 sample
#: pages), and every page goes through that process. Four pages a task made it 4%, and each
#: worker still has two tasks ahead (PAGES_AHEAD_PER_JOB).
PAGES_PER_TASK = 4


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Converted:
    """A page's article, or the reason it has none; small enough to pass between processes."""

    source: str
    article: Article | None = None
    problem: str = ""
    #: The body's near-duplicate signature, when a worker computed it (else the index does).
    signature: Signature | None = None


def convert_file(path: Path, options: ImportOptions, in_worker: bool = False) -> Converted:
    """Read and convert one file; a worker also hashes the body and renders the file's text."""
    try:
        raw = read_page(path)
    except ImportProblem as problem:
        return Converted(source_name(path), problem=str(problem))
    try:
        article = convert_within_budget(raw, options)
    except ImportProblem as problem:
        return Converted(raw.source, problem=str(problem))
    if not in_worker:
        return Converted(raw.source, article=article)
    _rendered = article.text  # kept by the article, so the writing process need not render it
    return Converted(raw.source, article=article, signature=signature_of(article.body))


def convert_batch(paths: list[Path], options: ImportOptions) -> list[Converted]:
    """:func:`convert_file` of each path, in a worker: one task of PAGES_PER_TASK pages."""
    return [convert_file(path, options, in_worker=True) for path in paths]


def convert_files(files: Iterable[Path], options: ImportOptions, jobs: int) -> Iterator[Converted]:
    """Each file's :class:`Converted`, in input order, using ``jobs`` processes (1: this one).

    Workers hash every body; one process leaves it to the index, which hashes only what it looks
    up (a re-import of unchanged sources hashes nothing)."""
    if jobs <= 1:
        for path in files:
            yield convert_file(path, options)
        return
    tasks_ahead = max(1, jobs * PAGES_AHEAD_PER_JOB // PAGES_PER_TASK)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[Converted]]] = deque()
        try:
            for batch in _batches(files, PAGES_PER_TASK):
                pending.append(pool.submit(convert_batch, batch, options))
                if len(pending) >= tasks_ahead:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _batches(files: Iterable[Path], size: int) -> Iterator[list[Path]]:
    """The files in order, ``size`` at a time (the last batch may be shorter)."""
    batch: list[Path] = []
    for path in files:
        batch.append(path)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
