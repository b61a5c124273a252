"""A bounded pool of Pagefind processes that index shards as their pages come.

Each shard (a language and section, :mod:`hooks.search.shards`) is one index in one of at most
``processes`` Pagefind services (processes): a new service while fewer run, else the one with the
fewest pages waiting. Pages are handed over from any thread and return at once; the services run on
an asyncio loop in a background thread. A shard is finished as soon as its last page is in: its
files are fetched (``GetFiles``), and a service left with no shard exits, so that the bundles are
written while the build goes on and a process holds only the shards being indexed. Why exit rather
than delete the index and keep the process: Pagefind 1.5.2 does not give a deleted index's memory
back (at 10,000 articles each of two long-lived services grew to 200-300 MiB over its eight
shards), while a new process costs a few milliseconds.

:class:`_PromptService` exists because ``pagefind`` 1.5.2's Python service reads one reply per
0.1 s (it sleeps between reads), which caps it at ten pages a second; it reads replies as they come.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import threading
from concurrent.futures import Future
from typing import Any, cast

from pagefind.index import PagefindIndex
from pagefind.service import PagefindService
from pagefind.service.types import InternalResponsePayload

from hooks.search.indexer import Bundle, IndexingError, root_selector

#: Inside the article body, what is not the article's text: the "¶" permalinks that the toc
#: extension puts after every heading would otherwise show up in result excerpts.
EXCLUDED_SELECTORS = (".headerlink",)

#: Pagefind processes at most when the plugin's ``processes`` is 0 (or one per core, if more):
#: pages come in source order, so the shards open at once are both languages of the section being
#: rendered and, while the workers' last pages of it overlap the next one's first, of that one
#: too. With fewer, a process takes a second shard before its first ends, then a third, and never
#: exits (at 10,000 articles, two processes held every shard's memory to the end of the build).
DEFAULT_PROCESSES = 4

#: Pages queued for Pagefind and not yet indexed, at most (bounded memory).
PENDING_PAGES = 256

#: A page's reply does not take this long unless the Pagefind process is stuck.
_TIMEOUT_SECONDS = 600

#: Time a Pagefind process gets to exit once its stdin is closed; every bundle has been fetched
#: (``GetFiles``) by then, so one that lingers (a forked process may hold its pipe) is stopped.
_EXIT_SECONDS = 5


class IndexerPool:
    """At most ``processes`` Pagefind services, each holding the indexes of the shards it was given.

    Every method may be called from any thread and returns at once; the calls of one shard keep
    their order (``open``, ``add``..., ``finish``).
    """

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="pagefind-pool", daemon=True
        )
        self._thread.start()
        #: The services running, launched when a shard needs one (after the build engine has
        #: forked its workers, which then hold no copy of their pipes); each exits with its last
        #: shard.
        self._services: list[_Service] = []
        #: Pagefind processes started so far, for the tests and benchmarks.
        self.launched = 0
        self._shards: dict[str, _Shard] = {}
        self._room = threading.Semaphore(PENDING_PAGES)
        self._fetching = asyncio.Lock()

    def open(self, bundle: Bundle) -> None:
        """Start the index of ``bundle`` in the service with the fewest pages waiting."""
        self._submit(self._open(bundle))

    def add(self, bundle: Bundle, url: str, payload: str) -> None:
        """Queue one page (its :func:`~hooks.search.payload.indexed_payload`) for ``bundle``.

        Waits while :data:`PENDING_PAGES` pages are queued: when Pagefind falls behind, the pages
        wait in the renderers (whose pipe fills up) rather than pile up in memory here.
        """
        self._room.acquire()
        self._submit(self._add(bundle.folder, url, payload))

    def finish(self, bundle: Bundle) -> Future[list[tuple[str, bytes]]]:
        """Once the queued pages are in: the bundle's files, then its index is dropped.

        The future raises :class:`IndexingError` naming the pages Pagefind refused.
        """
        return self._submit(self._finish(bundle.folder))

    def close(self) -> None:
        """Stop the services and the loop's thread (safe to call twice)."""
        if self._thread.is_alive():
            try:
                self._submit(self._close_services()).result(_TIMEOUT_SECONDS)
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join()
                self._loop.close()

    def _submit(self, work: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    async def _open(self, bundle: Bundle) -> None:
        shard = self._shards[bundle.folder] = _Shard(self._choose(), self._loop.create_future())
        shard.service.shards += 1
        try:
            service = await shard.service.process
            index = await service.create_index(
                {
                    "force_language": bundle.language,
                    "root_selector": root_selector(bundle.language),
                    "exclude_selectors": list(EXCLUDED_SELECTORS),
                }
            )
            shard.index.set_result(index)
        except Exception as error:
            shard.index.set_exception(IndexingError(f"Pagefind could not start: {error}"))

    def _choose(self) -> _Service:
        """A new service while fewer than ``processes`` run, else the least busy one."""
        if len(self._services) < self.processes:
            self._services.append(_Service(asyncio.ensure_future(_PromptService().launch())))
            self.launched += 1
            return self._services[-1]
        return min(self._services, key=lambda service: service.waiting)

    async def _add(self, folder: str, url: str, payload: str) -> None:
        shard = self._shards[folder]
        task = asyncio.current_task()
        assert task is not None
        shard.pending.append(task)
        # This first step runs in the order the pages were queued; the pages go in in that order.
        previous, shard.last = shard.last, task
        shard.service.waiting += 1
        try:
            index = await shard.index
            if previous is not None:
                await asyncio.wait([previous])  # its failure is its own, reported with it
            await index.add_html_file(content=payload, url=url)
        except Exception as error:  # the service reports errors as a bare Exception
            shard.refused.append(f"{url}: {error}")
        finally:
            shard.service.waiting -= 1
            self._room.release()

    async def _finish(self, folder: str) -> list[tuple[str, bytes]]:
        shard = self._shards.pop(folder)
        await asyncio.gather(*shard.pending)
        index = await shard.index
        if shard.refused:
            more = f" and {len(shard.refused) - 5} more pages" if len(shard.refused) > 5 else ""
            raise IndexingError(f"Pagefind refused {'; '.join(shard.refused[:5])}{more}")
        # One shard's files at a time: building them takes Pagefind about twice the memory of the
        # index itself (at 10,000 articles an English shard's process went from 48 to 157 MiB),
        # and the shards of a section's two languages end together. The process then exits.
        async with self._fetching:
            try:
                files = await index.get_files()
            except Exception as error:
                raise IndexingError(f"Pagefind could not write '{folder}': {error}") from error
            finally:
                await self._release(shard.service, index)
        return [(str(file["path"]), bytes(file["content"])) for file in files]

    async def _release(self, service: _Service, index: PagefindIndex) -> None:
        """A finished shard's index: the whole process goes when it held the last one."""
        service.shards -= 1
        if service.shards:
            with contextlib.suppress(Exception):  # the shard's files are in hand already
                await index.delete_index()
            return
        # Out of the list before the first await: no new shard may choose a closing service.
        if service in self._services:
            self._services.remove(service)
        with contextlib.suppress(Exception):
            await (await service.process).close()

    async def _close_services(self) -> None:
        services, self._services = self._services, []
        started = []
        for service in services:
            with contextlib.suppress(Exception):  # one that never started has nothing to stop
                started.append(await service.process)
        await asyncio.gather(*(service.close() for service in started), return_exceptions=True)
        current = asyncio.current_task()
        left = [task for task in asyncio.all_tasks(self._loop) if task is not current]
        for task in left:
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)


class _Service:
    """One Pagefind process of the pool: its shards still open and the pages waiting in it."""

    def __init__(self, process: asyncio.Future[PagefindService]) -> None:
        self.process = process
        self.shards = 0
        self.waiting = 0


class _Shard:
    """One shard's index in the pool: where it lives, its queued pages, the pages refused."""

    def __init__(self, service: _Service, index: asyncio.Future[PagefindIndex]) -> None:
        self.service = service
        self.index = index
        self.pending: list[asyncio.Task[None]] = []
        self.refused: list[str] = []
        #: The page queued last: each page waits for the one before it. Pagefind numbers pages as
        #: they come, and that number decides which of two equally good results comes first, so
        #: the order must not depend on which task the loop happens to wake first.
        self.last: asyncio.Task[None] | None = None


class _PromptService(PagefindService):
    """Pagefind's service, reading each reply as soon as the process writes it.

    The service protocol: every message, both ways, is base64-encoded JSON followed by a comma;
    replies carry the ``message_id`` of their request (or, for a request the process could not
    parse, the request itself as ``original_message``).
    """

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        try:
            while True:
                self._resolve(json.loads(base64.b64decode(await _read_message(stdout))))
        except (asyncio.IncompleteReadError, ValueError) as error:
            # The process ended or wrote garbage: fail what waits, rather than let it wait forever.
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(Exception(f"the Pagefind process stopped ({error!r})"))

    async def close(self) -> None:
        """Ask the process to exit (its stdin closed), and stop it if it does not, also after a failure.

        Bundles are fetched whole with ``GetFiles`` and written by the plugin, never by Pagefind's
        ``WriteFiles`` (which answers before its files are complete, issue 10), so nothing is lost
        when a process that lingers is terminated.
        """
        self._poll_task.cancel()
        if self._backend.returncode is None and self._backend.stdin is not None:
            self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), _EXIT_SECONDS)
        except TimeoutError:
            self._backend.terminate()
            await self._backend.wait()

    def _resolve(self, reply: dict[str, Any] | None) -> None:
        message_id = _message_id(reply) if reply is not None else None
        future = self._responses.get(message_id) if message_id is not None else None
        if reply is None or future is None or future.done():
            return
        payload = reply.get("payload") or {}
        if payload.get("type") == "Error":
            future.set_exception(Exception(payload.get("message", "unknown error")))
        else:
            future.set_result(cast(InternalResponsePayload, payload))


async def _read_message(stdout: asyncio.StreamReader) -> bytes:
    """One message, without its comma; a bundle (``GetFiles``) is larger than the stream's limit."""
    message = bytearray()
    while True:
        try:
            message += await stdout.readuntil(b",")
            return bytes(message[:-1])
        except asyncio.LimitOverrunError as error:
            message += await stdout.readexactly(error.consumed)


def _message_id(reply: dict[str, Any]) -> int | None:
    """The id of the request ``reply`` answers."""
    if reply.get("message_id") is not None:
        return int(reply["message_id"])
    original = (reply.get("payload") or {}).get("original_message")
    if original:
        request = json.loads(original)
        if isinstance(request, dict) and request.get("message_id") is not None:
            return int(request["message_id"])
    return None
