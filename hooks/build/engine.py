"""One build's page loop: keep what is unchanged, render the rest on every core.

The order, called from :mod:`hooks.build.mkdocs_loop` at MkDocs' first ``_build_page``: work out
each page's fingerprint (:mod:`hooks.build.fingerprint`); keep in place the pages whose fingerprint
matches the cache and whose file in ``site_dir`` still has the size and modification time the cache
recorded (``site_dir`` is not cleaned while the engine runs); restore from the cache those whose
file is missing or altered; render the others (:mod:`hooks.build.render`); save the cache. What
the previous build wrote and this one does not is removed after the build
(:mod:`hooks.build.outputs`). Each page's anchors and links end up on
its ``Page`` whichever way it was made, so MkDocs' own anchor validation runs unchanged.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks.build import fingerprint
from hooks.build.cache import BuildCache, LogLine, PageRecord
from hooks.build.render import Job, RenderState, render_all
from hooks.library import current_library

log = get_plugin_logger(__name__)


class Engine:
    """The page loop of one build (a new one per build; ``mkdocs serve`` makes one per rebuild)."""

    def __init__(self, cache: BuildCache, workers: int, files: Files, nav: Navigation) -> None:
        self.cache = cache
        self.workers = workers
        self.files = files
        self.nav = nav
        self.in_nav = frozenset(page.file.src_uri for page in nav.pages)
        self.done = False
        #: Figures of the last build, for the log line and the benchmarks.
        self.rendered = 0
        self.kept = 0
        self.restored = 0
        #: The files (relative to site_dir) of pages left in place: the sweep keeps them.
        self.kept_files: set[str] = set()

    def reads_in_main(self, page: Page) -> bool:
        """The navigation's pages are read before ``on_env``: every page shows their titles."""
        return page.file.src_uri in self.in_nav

    def build_pages(
        self,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: jinja2.Environment,
    ) -> None:
        """Write every page of ``doc_files``: from the cache when unchanged, rendered otherwise."""
        if self.done:
            return
        self.done = True
        started = time.monotonic()
        previous, reason = self.cache.load()
        if reason is not None:
            log.info(f"Rendering every page: {reason}.")
        fingerprint_of = _fingerprinter(config, nav, self.files)
        records: dict[str, PageRecord] = {}
        for batch in _batches(doc_files, _edited_articles(config)):
            jobs = []
            for file in batch:
                old = previous.get(file.src_uri)
                uri = file.src_uri
                page_fingerprint = fingerprint_of(file)
                kept = None
                if (
                    old is not None
                    and old.fingerprint == page_fingerprint
                    and old.dest == file.dest_uri
                ):
                    kept = self._keep(file, old)
                if kept is not None:
                    records[uri] = kept
                    self.kept += 1
                else:
                    jobs.append(Job(uri, page_fingerprint, _excluded(file)))
            records.update(self._render(config, doc_files, nav, env, jobs))
            self.rendered += len(jobs)
        _remove_gone(Path(config.site_dir), previous, records)
        self.cache.save(records, previous)
        for file in doc_files:
            self._attach(file, records[file.src_uri])
        restored = f" ({self.restored} restored from the cache)" if self.restored else ""
        log.info(
            f"Pages: {self.rendered} rendered ({self.workers} worker"
            f"{'s' if self.workers != 1 else ''}), {self.kept} unchanged{restored}, "
            f"in {time.monotonic() - started:.2f} s"
        )

    def _keep(self, file: File, record: PageRecord) -> PageRecord | None:
        """An unchanged page's record once its file is in place; None to render it again.

        The file left by the last build is trusted when its size and modification time are the
        ones recorded; otherwise (deleted, edited, a new site_dir) the stored output is put back.
        """
        if record.output:
            try:
                stat = os.stat(file.abs_dest_path)  # noqa: PTH116 - a Path per page costs more
                intact = (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns)
            except OSError:
                intact = False
            if not intact:
                path = Path(file.abs_dest_path)
                if not self.cache.restore(record.output, path):
                    return None
                stat = path.stat()
                record = replace(record, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
                self.restored += 1
            self.kept_files.add(file.dest_uri)
        _replay(record.logs)
        return record

    def _render(
        self,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: jinja2.Environment,
        jobs: list[Job],
    ) -> dict[str, PageRecord]:
        state = RenderState(config, self.files, doc_files, nav, env, self.cache, self.in_nav)
        records, errors = {}, []
        for result in render_all(state, jobs, self.workers):
            _replay(result.logs)
            if result.record is not None:
                records[result.src_uri] = result.record
            if result.error is not None:
                errors.append(result.error)
        if errors:
            more = f" (and {len(errors) - 1} more pages)" if len(errors) > 1 else ""
            raise PluginError(errors[0] + more)
        return records

    def _attach(self, file: File, record: PageRecord) -> None:
        """Give the page the anchors and links MkDocs' anchor validation reads."""
        page = file.page
        assert page is not None
        page.present_anchor_ids = set(record.anchors)
        links = {}
        by_uri = self.files.src_uris  # the records' URIs are src_uris already: no normalising
        for target_uri, anchors in record.links.items():
            target = by_uri.get(target_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links


#: At most this many edited articles go first (:func:`_batches`): a save, or a commit of a few
#: articles. More (a cold build, a large import) are rendered in source order with the rest.
EDITED_FIRST = 32


def _batches(doc_files: Sequence[File], edited: frozenset[str]) -> Iterator[Sequence[File]]:
    """The pages in two batches, edited articles first, when only a few were edited.

    Why: the search shard of an edited article starts indexing before the page loop
    (:meth:`hooks.search.session.IndexingSession.start_expected`) but must take its pages in
    order, so it waits for the edited page; rendered first, the page reaches it before the
    engine has fingerprinted the thousands of others. The pages' outputs do not depend on the
    order in which they are made.
    """
    if not edited or len(edited) > EDITED_FIRST:
        yield doc_files
        return
    yield [file for file in doc_files if file.src_uri in edited]
    yield [file for file in doc_files if file.src_uri not in edited]


def _edited_articles(config: MkDocsConfig) -> frozenset[str]:
    """The articles new or edited since the last build, as this build's Library found them."""
    library = current_library(config)
    return library.fresh if library is not None else frozenset()


def _fingerprinter(config: MkDocsConfig, nav: Navigation, files: Files) -> Callable[[File], str]:
    """The fingerprint of each page, with what every page shares worked out once."""
    site = fingerprint.digest(
        [
            fingerprint.settings_digest(config),
            fingerprint.navigation_digest(nav),
            fingerprint.site_inputs(config),
        ]
    )
    of_page = fingerprint.page_fingerprinter(
        config,
        site=site,
        files_hash=fingerprint.files_digest(files),
        library=current_library(config),
    )

    def fingerprint_of(file: File) -> str:
        assert file.page is not None
        return of_page(file.page, _excluded(file))

    return fingerprint_of


def _replay(lines: tuple[LogLine, ...]) -> None:
    """Log a page's messages again in this process, through the logger that first logged them."""
    for line in lines:
        logger = logging.getLogger(line.logger)
        logger.handle(
            logger.makeRecord(line.logger, line.level, "(engine)", 0, line.message, (), None)
        )


def _remove_gone(
    site_dir: Path, previous: dict[str, PageRecord], current: dict[str, PageRecord]
) -> None:
    """Outputs of pages that no longer exist, even on a ``--dirty`` build (no sweep follows it)."""
    written = {record.dest for record in current.values()}
    for record in previous.values():
        if record.dest and record.dest not in written:
            (site_dir / record.dest).unlink(missing_ok=True)


def default_workers(configured: int) -> int:
    """``SECRETARIAT_JOBS``, else the configured count, else one per core this process may use."""
    override = os.environ.get("SECRETARIAT_JOBS", "").strip()
    if override:
        try:
            return max(1, int(override))
        except ValueError as error:
            raise PluginError(
                f"SECRETARIAT_JOBS must be a whole number, got {override!r}"
            ) from error
    if configured:
        return configured
    return max(1, len(os.sched_getaffinity(0)))


def _excluded(file: File) -> bool:
    """A draft shown only by ``mkdocs serve`` (it carries MkDocs' DRAFT marker)."""
    return bool(file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
