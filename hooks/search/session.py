"""One build's indexing: pages handed to Pagefind as they are rendered, the rest at the end.

Why as they are rendered: Pagefind needs a few milliseconds of CPU per page; done after the page
loop, that time adds to the build. Each article page's payload (:mod:`hooks.search.payload`) is
taken from its rendered output in ``on_post_page``, in whichever process rendered it (the build
engine's forked workers included), and sent down a pipe made before the fork (:class:`PageChannel`)
to this process, where a thread hands it to the pool of Pagefind processes (:mod:`.pool`). A shard
starts indexing as soon as one of its pages differs from the last build, takes its pages in source
order (so that a bundle does not depend on which worker was faster), and is fetched and written as
soon as its last page is in.

At the end (``on_post_build``) the pages that were not rendered (kept by the engine, or by
``--dirty``) are read back from the site, once each: a page whose output is byte for byte the one
recorded last time keeps its recorded digest without being parsed. A shard whose key (its pages'
digests) is in the cache is restored from there; the others are indexed from what is left.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from hooks.search.indexer import (
    Bundle,
    IndexingError,
    pages_in,
    published_files,
    write_bundle,
)
from hooks.search.payload import digest, indexed_payload
from hooks.search.pool import IndexerPool
from hooks.search.shards import PageDigest, ShardCache, file_stamp, output_hash, shard_key

#: Payloads of one shard kept in memory while they wait for an earlier page; beyond this they are
#: read back from the site at the end (bounded memory whatever the order pages come in).
BUFFERED_PAGES = 256


@dataclass(frozen=True)
class Member:
    """One article of a shard: its source, its address, where its page is written."""

    src_uri: str
    url: str
    #: A string, not a Path: a Path per article costs more than everything else here.
    path: str
    #: The hash of the article's source (the Library's ``content_hash``; '' when unknown).
    source: str = ""


@dataclass(frozen=True)
class Arrival:
    """What the renderer sends about one article page."""

    src_uri: str
    output: str
    payload_digest: str
    payload: str


@dataclass
class _Shard:
    bundle: Bundle
    members: list[Member]
    digests: dict[int, str] = field(default_factory=dict)
    outputs: dict[int, str] = field(default_factory=dict)
    buffered: dict[int, str] = field(default_factory=dict)
    active: bool = False
    next: int = 0
    finished: Future[None] | None = None
    #: A page was handed to Pagefind from the site before it was rendered, and the rendered
    #: page differs: this shard's index is wrong and is made again at the end.
    stale: bool = False


@dataclass(frozen=True)
class Summary:
    """Pages indexed per bundle folder, and how many bundles were indexed rather than restored."""

    counts: dict[str, int]
    indexed: int
    #: The folders of the bundles restored from the cache: left in place when they already held
    #: the stored files, so the build engine's sweep must be told to keep them.
    restored: tuple[str, ...] = ()


class IndexingSession:
    """The search work of one build; :meth:`arrive` from one thread, then :meth:`finish`."""

    def __init__(
        self,
        shards: Iterable[tuple[Bundle, list[Member]]],
        cache: ShardCache,
        settings: str,
        site_dir: Path,
        processes: int,
    ) -> None:
        self.cache = cache
        self.settings = settings
        self.site_dir = site_dir
        self.previous = cache.pages()
        self.shards = {bundle.folder: _Shard(bundle, members) for bundle, members in shards}
        self.where: dict[str, tuple[_Shard, int]] = {
            member.src_uri: (shard, position)
            for shard in self.shards.values()
            for position, member in enumerate(shard.members)
        }
        self.pool = IndexerPool(processes)
        self.errors: list[BaseException] = []

    def start_expected(self) -> int:
        """Start now the shards that an edited or added article is known to change; how many.

        Why: re-indexing a shard is most of a one-edit rebuild's search work (Pagefind needs
        about 7 ms of CPU per page, 4 s for a shard of 600), and the shard of an article whose
        source changed will be indexed anyway. Started here, before the ranking and the page
        loop, its Pagefind process works beside them instead of after them. Its other pages are
        handed over at once from the site as the last build wrote them; should one of them be
        rendered with another search payload after all, :meth:`arrive` marks the shard stale
        and :meth:`finish` indexes it again, so the bundle never depends on this guess.

        Only a shard whose other pages are all on disk as the last build left them, and at
        most one per Pagefind process, so that a cold build or a large edit goes on as before.
        """
        started = 0
        for shard in self.shards.values():
            if started >= self.pool.processes:
                break
            expected = {i for i, member in enumerate(shard.members) if self._expected(member)}
            if not expected or len(expected) == len(shard.members):
                continue
            if not all(self._intact(m) for i, m in enumerate(shard.members) if i not in expected):
                continue
            self._start(shard)
            for position in range(len(shard.members)):
                if position not in expected:
                    shard.buffered[position] = self._read(shard, position)
            self._feed(shard)
            started += 1
        return started

    def _expected(self, member: Member) -> bool:
        """Whether the page of ``member`` is about to be rendered with a new search payload."""
        before = self.previous.get(member.src_uri)
        return (
            before is None
            or not member.source
            or before.source != member.source
            or before.url != member.url
        )

    def _intact(self, member: Member) -> bool:
        """Whether the page is on disk exactly as the last build left it."""
        before = self.previous.get(member.src_uri)
        return before is not None and bool(before.stamp) and before.stamp == file_stamp(member.path)

    def arrive(self, arrival: Arrival) -> None:
        """One rendered page: start its shard if it changed, hand over what is next in order."""
        found = self.where.get(arrival.src_uri)
        if found is None:
            return
        shard, position = found
        if position < shard.next and shard.digests.get(position) != arrival.payload_digest:
            shard.stale = True  # handed over from the site (start_expected), now different
        shard.digests[position] = arrival.payload_digest
        shard.outputs[position] = arrival.output
        if not shard.active and self._changed(shard, position):
            self._start(shard)
        if position >= shard.next and (
            position in shard.buffered
            or len(shard.buffered) < BUFFERED_PAGES
            or position == shard.next
        ):
            shard.buffered[position] = arrival.payload
        if shard.active and not shard.stale and shard.finished is None:
            self._feed(shard)
            if shard.next == len(shard.members):
                self._finish(shard)

    def finish(self) -> Summary:
        """Index or restore every shard not done yet, wait for all, record the pages' digests."""
        try:
            outstanding: list[Future[None]] = []
            restored: list[str] = []
            for shard in self.shards.values():
                if shard.stale:
                    self._discard(shard)
                if shard.finished is not None:
                    continue
                self._complete_from_site(shard)
                if not shard.active and self.cache.restore(self._key(shard), self._target(shard)):
                    restored.append(shard.bundle.folder)
                    continue
                while len([f for f in outstanding if not f.done()]) >= self.pool.processes:
                    next(f for f in outstanding if not f.done()).exception()
                self._start(shard)
                self._feed(shard, from_site=True)
                self._finish(shard)
                assert shard.finished is not None
                outstanding.append(shard.finished)
            indexed = 0
            for shard in self.shards.values():
                if shard.finished is not None:
                    shard.finished.result()
                    indexed += 1
            if self.errors:
                raise self.errors[0]
            self.cache.prune(self._key(shard) for shard in self.shards.values())
            self.cache.keep_pages(self._pages())
            counts = {folder: pages_in(self._target(s)) for folder, s in self.shards.items()}
            return Summary(counts, indexed, tuple(restored))
        finally:
            self.pool.close()

    def close(self) -> None:
        """Stop the Pagefind processes (a failed build)."""
        self.pool.close()

    def _discard(self, shard: _Shard) -> None:
        """Forget a stale shard's index (written or not): it is indexed again from the start."""
        if shard.finished is not None:
            shard.finished.result()
        elif shard.active:
            with contextlib.suppress(IndexingError):  # it is made again whatever it says
                self.pool.finish(shard.bundle).result()
        shard.active, shard.next, shard.finished, shard.stale = False, 0, None, False
        shard.buffered.clear()

    def _changed(self, shard: _Shard, position: int) -> bool:
        member = shard.members[position]
        before = self.previous.get(member.src_uri)
        return (
            before is None or before.url != member.url or before.payload != shard.digests[position]
        )

    def _start(self, shard: _Shard) -> None:
        if not shard.active:
            shard.active = True
            self.pool.open(shard.bundle)

    def _feed(self, shard: _Shard, *, from_site: bool = False) -> None:
        """Hand over the shard's next pages in order; from the site too once nothing else comes."""
        while shard.next < len(shard.members):
            payload = shard.buffered.pop(shard.next, None)
            if payload is None and from_site:
                payload = self._read(shard, shard.next)
            if payload is None:
                return
            if payload:
                self.pool.add(shard.bundle, shard.members[shard.next].url, payload)
            shard.next += 1

    def _finish(self, shard: _Shard) -> None:
        files = self.pool.finish(shard.bundle)
        done: Future[None] = Future()
        shard.finished = done
        key = self._key(shard)

        def write(fetched: Future[list[tuple[str, bytes]]]) -> None:
            try:
                contents = published_files(fetched.result())
                write_bundle(self.site_dir, shard.bundle, contents)
                self.cache.store(key, contents, self._target(shard))
                done.set_result(None)
            except BaseException as error:  # reported by finish(), in the build's thread
                done.set_exception(error)

        files.add_done_callback(write)

    def _complete_from_site(self, shard: _Shard) -> None:
        """Digests of the pages that were not rendered, from their written output."""
        for position in range(len(shard.members)):
            if position not in shard.digests:
                self._read(shard, position, need_payload=False)

    def _read(self, shard: _Shard, position: int, *, need_payload: bool = True) -> str:
        """A page's payload from the site, its digest noted ('' when the page is not there).

        Only the digest is needed to look a shard up in the cache: a page written byte for byte
        as last time keeps its recorded digest without being parsed.
        """
        member = shard.members[position]
        before = self.previous.get(member.src_uri)
        if (
            not need_payload
            and before is not None
            and before.stamp
            and (before.url, before.stamp) == (member.url, file_stamp(member.path))
        ):
            shard.outputs[position] = before.output
            shard.digests[position] = before.payload
            return ""
        try:
            with open(member.path, "rb") as page:  # noqa: PTH123 - a str path, see Member
                data = page.read()
        except OSError:
            shard.digests[position] = ""
            return ""
        output = output_hash(data)
        shard.outputs[position] = output
        if (
            not need_payload
            and before is not None
            and (before.url, before.output) == (member.url, output)
        ):
            shard.digests[position] = before.payload
            return ""
        payload = self._payload(shard, data)
        shard.digests[position] = digest(payload) if payload else ""
        return payload

    def _payload(self, shard: _Shard, data: bytes) -> str:
        return indexed_payload(data.decode("utf-8"), shard.bundle.language) or ""

    def _key(self, shard: _Shard) -> str:
        pages = ((m.url, shard.digests.get(i, "")) for i, m in enumerate(shard.members))
        return shard_key(shard.bundle, pages, self.settings)

    def _target(self, shard: _Shard) -> Path:
        return self.site_dir / shard.bundle.folder

    def _pages(self) -> dict[str, PageDigest]:
        return {
            member.src_uri: PageDigest(
                member.url,
                shard.outputs.get(position, ""),
                shard.digests.get(position, ""),
                file_stamp(member.path) if position in shard.outputs else "",
                member.source,
            )
            for shard in self.shards.values()
            for position, member in enumerate(shard.members)
        }


def arrival_of(src_uri: str, output: str, language: str) -> Arrival | None:
    """What to send about a rendered page (None: no search body of ``language`` in it)."""
    payload = indexed_payload(output, language)
    if payload is None:
        return None
    return Arrival(src_uri, output_hash(output.encode("utf-8")), digest(payload), payload)


class PageChannel:
    """A pipe from the processes that render pages to the thread of this one that indexes them.

    Made before the build engine forks its workers, so each inherits the writing end;
    ``SimpleQueue.put`` writes at once (no feeder thread that a worker's exit could cut short).
    """

    def __init__(self, session: IndexingSession) -> None:
        self.session = session
        self.pid = os.getpid()
        self._queue: multiprocessing.SimpleQueue[Arrival | None] = multiprocessing.get_context(
            "fork"
        ).SimpleQueue()
        self._thread = threading.Thread(target=self._read, name="search-pages", daemon=True)
        self._thread.start()

    def send(self, arrival: Arrival) -> None:
        """From any process: one rendered page."""
        self._queue.put(arrival)

    def close(self) -> None:
        """Wait for every page sent before this call, then stop the reading thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
            self._queue.close()

    def _read(self) -> None:
        while (arrival := self._queue.get()) is not None:
            try:
                self.session.arrive(arrival)
            except BaseException as error:  # reported when the build finishes
                self.session.errors.append(error)


__all__ = ["Arrival", "IndexingError", "IndexingSession", "Member", "PageChannel", "arrival_of"]
