"""Segmenting articles on a spare core while MkDocs reads and renders pages on its one core.

Why: segmenting Chinese with jieba is the slowest step of recommending (about 6 ms an article, and
a second to load jieba's dictionary), and MkDocs builds on a single core. Ranking needs every
article, so it waits for ``on_env``; but an article's terms depend only on its own source file. So
``on_files`` hands the article files to a worker process, which reads and segments them while the
main process converts Markdown; ``on_env`` collects what the worker found.

The worker's results are a guess, checked before use: they are keyed by
:func:`~hooks.recommended.term_cache.content_key` of the title and body the worker read, and the
plugin looks them up under the key of the title and body MkDocs actually handed it. If a plugin
changed the Markdown on the way, or the worker failed, the keys do not match and the plugin
segments that article itself, as it would without a worker.

A worker costs about a second of work to start (jieba loads its dictionary), so small sites, such
as the test sites, do without one.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from hooks.recommended.term_cache import Counts, TermCache, content_key
from hooks.recommended.tokens import term_counts
from library.model import ArticleError, read_article

log = logging.getLogger(__name__)

#: Fewer article files than this are segmented in the main process: a worker would not pay off.
MIN_ARTICLES = 200

#: Articles per task: large enough that inter-process traffic is negligible, small enough that
#: several workers share the load evenly.
BATCH = 100


class BackgroundTerms:
    """Term counts being computed by worker processes; :meth:`results` waits for them."""

    def __init__(self, pool: ProcessPoolExecutor, tasks: list[Future[dict[str, Counts]]]) -> None:
        self._pool = pool
        self._tasks = tasks

    @classmethod
    def start(
        cls,
        paths: Sequence[str],
        *,
        known: Iterable[str],
        cache_folder: Path | None,
        minimum: int = MIN_ARTICLES,
    ) -> BackgroundTerms | None:
        """Start segmenting the article files at ``paths``; None when there are too few of them.

        ``known`` are content keys the caller already holds (its in-memory cache): skipped.
        """
        if len(paths) < max(1, minimum):
            return None
        known_keys = frozenset(known)
        pool = ProcessPoolExecutor(
            max_workers=spare_cores(),
            mp_context=multiprocessing.get_context(start_method()),
        )
        tasks = [
            pool.submit(segment_files, paths[start : start + BATCH], known_keys, cache_folder)
            for start in range(0, len(paths), BATCH)
        ]
        return cls(pool, tasks)

    def results(self) -> dict[str, Counts]:
        """Everything the workers segmented, by content key; a failed batch is simply missing."""
        found: dict[str, Counts] = {}
        for task in self._tasks:
            try:
                found.update(task.result())
            except Exception as error:  # the caller segments whatever is missing
                log.debug("A background segmenting task failed: %s", error)
        self._pool.shutdown()
        return found

    def cancel(self) -> None:
        """Stop the workers without waiting (the build failed)."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def start_method() -> str:
    """How to start the workers: ``fork`` where that is safe, else ``spawn``.

    ``fork`` copies this process as it is, so it starts fast and never re-runs the main script; but
    a lock another thread holds at that moment stays locked in the copy, so it is used only on Linux
    while this process runs a single thread (``mkdocs build``). ``mkdocs serve`` runs server threads:
    there ``spawn`` starts a fresh interpreter, which imports the main module again (the ``mkdocs``
    command guards its entry point, as any script calling MkDocs must).
    """
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def spare_cores() -> int:
    """Cores this process may use, less the one MkDocs renders on; at least one."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, available - 1)


def segment_files(
    paths: Sequence[str], known: frozenset[str], cache_folder: Path | None
) -> dict[str, Counts]:
    """Term counts of the articles at ``paths`` not in ``known`` nor in the disk cache.

    Runs in a worker process. Files without a title or category in their front matter, or that
    cannot be read, are skipped: the plugin deals with them, and reports them, as pages.
    """
    texts: dict[str, tuple[str, str]] = {}
    for path in paths:
        text = article_text(path)
        if text is not None:
            texts.setdefault(content_key(*text), text)
    wanted = set(texts) - known - TermCache(cache_folder).cached_keys(set(texts))
    return {key: dict(term_counts(*texts[key])) for key in sorted(wanted)}


def article_text(path: str) -> tuple[str, str] | None:
    """The ``(title, body)`` the Library holds for the article at ``path``, if it is valid.

    The file is read as MkDocs reads it (``File.content_string``) and split by the Library's own
    reader, so the keys match those of the plugin's records.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="strict")
        record = read_article(path, text)
    except (OSError, UnicodeDecodeError, ArticleError):
        return None
    return record.front.title, record.body
