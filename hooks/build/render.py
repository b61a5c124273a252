"""Rendering pages, in the main process or in forked workers, each page written as it is done.

A worker is forked once the library, the navigation and ``on_env`` are done, so it shares them with
the main process for free (copy-on-write) and needs nothing sent but the list of pages. It renders a
page with MkDocs' own functions (every plugin's page events included), writes it to ``site_dir``
as a new file, stores the output in the cache (a hard link to that file), and sends back only a
small record: the output's hash, the page's anchors and links to other pages' anchors (validated
in the main process, which knows them all) and what the page logged (replayed there through the
same loggers, so ``--strict`` counts it).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from hooks.build import mkdocs_loop
from hooks.build.cache import BuildCache, LogLine, PageRecord


@dataclass(frozen=True)
class Job:
    """One page to render."""

    src_uri: str
    fingerprint: str
    excluded: bool


@dataclass(frozen=True)
class Rendered:
    """What rendering one page gave: its record, or the error that stopped it (logs either way)."""

    src_uri: str
    record: PageRecord | None
    error: str | None
    logs: tuple[LogLine, ...]


@dataclass(frozen=True)
class RenderState:
    """Everything a worker inherits from the main process at the fork."""

    config: MkDocsConfig
    files: Files
    doc_files: Sequence[File]
    nav: Navigation
    env: jinja2.Environment
    cache: BuildCache
    #: Pages read in the main process (the navigation's): their content must outlive rendering.
    kept: frozenset[str]


#: Set just before the workers are forked; they find it here.
_state: RenderState | None = None


def render_all(state: RenderState, jobs: Sequence[Job], workers: int) -> Iterator[Rendered]:
    """Render ``jobs``, in ``workers`` forked processes when there are enough pages to share.

    Results come in the order of ``jobs`` whatever the number of workers, so log lines are
    replayed in page order and the output does not depend on the worker count.
    """
    global _state
    _state = state
    try:
        if workers <= 1 or len(jobs) < 2 * workers:
            yield from (_render(job) for job in jobs)
            return
        context = multiprocessing.get_context("fork")
        chunk = max(1, min(16, len(jobs) // (workers * 8)))
        with _frozen_heap(), context.Pool(processes=workers) as pool:
            yield from pool.imap(_render, jobs, chunksize=chunk)
    finally:
        _state = None


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the main process's objects out of the workers' garbage collections while they run.

    A collection writes to the header of every object it visits, which copies each visited page
    of the heap the workers share with the main process copy-on-write: at 10,000 articles each
    worker ended up with a private copy of most of the Library and the navigation. Frozen
    objects are never visited (``gc.freeze``, the fork recipe of the ``gc`` documentation).
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Capture(logging.Handler):
    """Keeps what a page logs, formatted, to replay it in the main process."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[LogLine] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(LogLine(record.name, record.levelno, record.getMessage()))


def _render(job: Job) -> Rendered:
    assert _state is not None
    state = _state
    file = state.files.get_file_from_path(job.src_uri)
    assert file is not None and file.page is not None
    page = file.page
    capture = _Capture()
    saved = _capture_logs(capture)
    record, error = None, None
    try:
        # A new file, never a rewrite of the old one: the cache may hold the old one as a link.
        Path(file.abs_dest_path).unlink(missing_ok=True)
        if page.markdown is None:
            mkdocs_loop.populate_page(page, state.config, state.files)
        mkdocs_loop.build_page(
            page, state.config, state.doc_files, state.nav, state.env, excluded=job.excluded
        )
        record = _record(job, file, state.cache, capture.lines)
    except Exception as failure:  # MkDocs logged it already; the main process stops the build
        error = f"Error building page '{job.src_uri}': {failure}"
    finally:
        _restore_logs(saved)
        if job.src_uri not in state.kept:
            _forget_rendered(page)
    return Rendered(job.src_uri, record, error, tuple(capture.lines))


def _forget_rendered(page: Page) -> None:
    """Bounded memory: drop what only the page's own rendering reads (its record is made).

    Its source, HTML and table of contents would otherwise pile up in the process that rendered
    it, one page after another; title and meta stay (other pages' templates may show them).
    """
    page.markdown = None
    page.content = None
    page.toc = get_toc([])


def _record(job: Job, file: File, cache: BuildCache, logs: list[LogLine]) -> PageRecord:
    page = file.page
    assert page is not None
    path = Path(file.abs_dest_path)
    try:
        data = path.read_bytes()
        stat = path.stat()
    except FileNotFoundError:  # MkDocs writes nothing for a page that renders empty
        data, stat = None, None
    output = cache.store_file(path, data) if data is not None else ""
    return PageRecord(
        fingerprint=job.fingerprint,
        dest=file.dest_uri,
        output=output,
        anchors=tuple(sorted(page.present_anchor_ids or ())),
        links={
            target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
        },
        logs=tuple(logs),
        size=stat.st_size if stat is not None else -1,
        mtime_ns=stat.st_mtime_ns if stat is not None else -1,
    )


_CAPTURED = ("", "mkdocs")


def _capture_logs(capture: _Capture) -> list[tuple[list[logging.Handler], bool]]:
    saved = []
    for name in _CAPTURED:
        logger = logging.getLogger(name)
        saved.append((logger.handlers[:], logger.propagate))
        logger.handlers = [capture]
        logger.propagate = False
    return saved


def _restore_logs(saved: list[tuple[list[logging.Handler], bool]]) -> None:
    for name, (handlers, propagate) in zip(_CAPTURED, saved, strict=True):
        logger = logging.getLogger(name)
        logger.handlers = handlers
        logger.propagate = propagate
