"""Convert pages in worker processes; write them in the one main process, in input order.

Converting (decode, extract, clean, convert) is pure and takes nearly all of an import's time, so
it runs in a process pool, and so does hashing the body for the near-duplicate index (MinHash, as
long as a fifth of converting); the manifest, the index's look-ups and additions and every file
write stay in the main process, which receives results in the order the files were given. Output is therefore the
same for any number of jobs, and the single writer needs no locks.
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


def convert_file(path: Path, options: ImportOptions, with_signature: bool = False) -> Converted:
    """Read and convert one file (runs in a worker, which also hashes the body if asked)."""
    try:
        raw = read_page(path)
    except ImportProblem as problem:
        return Converted(source_name(path), problem=str(problem))
    try:
        article = convert_within_budget(raw, options)
    except ImportProblem as problem:
        return Converted(raw.source, problem=str(problem))
    signature = signature_of(article.body) if with_signature else None
    return Converted(raw.source, article=article, signature=signature)


def convert_files(files: Iterable[Path], options: ImportOptions, jobs: int) -> Iterator[Converted]:
    """Each file's :class:`Converted`, in input order, using ``jobs`` processes (1: this one).

    Workers hash every body; one process leaves it to the index, which hashes only what it looks
    up (a re-import of unchanged sources hashes nothing)."""
    if jobs <= 1:
        for path in files:
            yield convert_file(path, options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[Converted]] = deque()
        try:
            for path in files:
                pending.append(pool.submit(convert_file, path, options, True))
                if len(pending) >= jobs * PAGES_AHEAD_PER_JOB:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
