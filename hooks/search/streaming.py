"""Pagefind indexes each article page as MkDocs writes it, in its own process, on a spare core.

Why not index the written site at the end (Pagefind's usual ``add_directory``): MkDocs renders on
one core, so a site-wide pass after the last page adds its whole duration to the build, and with one
bundle per language (see :mod:`hooks.search.indexer`) every page was parsed once per bundle. Here
each article page goes, once, to the bundle of its language while MkDocs renders the next one; the
Pagefind processes work beside the renderer, and ``on_post_build`` only waits for the last pages
and the writing of the bundles.

Each bundle has a Pagefind service (process) of its own, so that at the end the bundles are written
side by side rather than one after the other. The services run on an asyncio loop in a background
thread; the build thread hands pages over with :func:`asyncio.run_coroutine_threadsafe`.

:class:`_PromptService` exists because ``pagefind`` 1.5.2's Python service reads one reply per
0.1 s (it sleeps between reads), which caps it at ten pages a second; it reads replies as they come.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, cast

from pagefind.index import PagefindIndex
from pagefind.service import PagefindService
from pagefind.service.types import InternalResponsePayload

from hooks.search.indexer import (
    Bundle,
    IndexingError,
    finish_bundle,
    root_attribute,
    root_selector,
    write_bundle,
)

#: Inside the article body, what is not the article's text: the "¶" permalinks that the toc
#: extension puts after every heading would otherwise show up in result excerpts.
EXCLUDED_SELECTORS = (".headerlink",)

#: A page's reply does not take this long unless the Pagefind process is stuck.
_TIMEOUT_SECONDS = 600

#: Time a Pagefind process gets to finish writing its bundle once asked to exit.
_EXIT_SECONDS = 120


class StreamingIndexer:
    """One Pagefind index per bundle (one process per language), fed page by page."""

    def __init__(self, bundles: Iterable[Bundle]) -> None:
        """Start the services; raises :class:`IndexingError` when Pagefind cannot start."""
        self.bundles = {bundle.folder: bundle for bundle in bundles}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="pagefind-indexer", daemon=True
        )
        self._thread.start()
        self._services: list[PagefindService] = []
        self._indexes: dict[str, PagefindIndex] = {}
        self._pending: list[tuple[str, Future[object]]] = []
        try:
            self._call(self._open())
        except Exception as error:
            self.close()
            raise IndexingError(f"Pagefind could not start: {error}") from error

    def add(self, bundle: Bundle, url: str, html: str) -> None:
        """Queue a written page for ``bundle``; returns at once."""
        index = self._indexes[bundle.folder]
        content = indexed_part(html, bundle.language)
        task = asyncio.run_coroutine_threadsafe(
            index.add_html_file(content=content, url=url), self._loop
        )
        self._pending.append((url, task))  # type: ignore[arg-type]

    def finish(self, site_dir: Path) -> None:
        """Wait for every queued page, then write each bundle into ``site_dir`` and stop.

        Raises :class:`IndexingError` naming the pages Pagefind refused; the services are stopped
        either way.
        """
        try:
            refused = []
            for url, task in self._pending:
                try:
                    task.result(timeout=_TIMEOUT_SECONDS)
                except Exception as error:  # the service reports errors as a bare Exception
                    refused.append(f"{url}: {error}")
            if refused:
                more = f" and {len(refused) - 5} more pages" if len(refused) > 5 else ""
                raise IndexingError(f"Pagefind refused {'; '.join(refused[:5])}{more}")
            self._call(self._write(site_dir.resolve()))
        finally:
            self.close()

    def close(self) -> None:
        """Stop the services and the loop's thread (safe to call twice)."""
        if self._thread.is_alive():
            try:
                self._call(self._close_services())
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join()
                self._loop.close()

    def _call(self, work: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(_TIMEOUT_SECONDS)

    async def _open(self) -> None:
        services: dict[str, PagefindService] = {}
        for folder, bundle in self.bundles.items():
            service = services.get(bundle.language)
            if service is None:
                service = services[bundle.language] = await _PromptService().launch()
                self._services.append(service)
            self._indexes[folder] = await service.create_index(
                {
                    "force_language": bundle.language,
                    "root_selector": root_selector(bundle.language),
                    "exclude_selectors": list(EXCLUDED_SELECTORS),
                }
            )

    async def _write(self, site_dir: Path) -> None:
        """Fetch each finished bundle from its process and write it ourselves, whole or not at all.

        Pagefind's own ``WriteFiles`` answers before its files are complete, and a process that
        exits then leaves them truncated: about one build in twelve failed on a half-written
        ``pagefind-entry.json`` (issue 10). ``GetFiles`` answers with every file's bytes.
        """
        for folder, bundle in self.bundles.items():
            files = await self._indexes[folder].get_files()
            write_bundle(
                site_dir,
                bundle,
                ((str(file["path"]), bytes(file["content"])) for file in files),
            )

    async def _close_services(self) -> None:
        services, self._services = self._services, []
        await asyncio.gather(*(service.close() for service in services))


def indexed_part(html: str, language: str) -> str:
    """The page from its indexed element on, in an empty document: what Pagefind reads of it.

    Pagefind reads only the element its ``root_selector`` matches (``main.html``'s article body)
    and what lies inside it. The head, header and navigation before that element are three
    quarters of a page; leaving them out makes every page cheaper to send and to parse. The
    template writes the element before the article's content, so the first match is the template's.
    A page without the marker is sent whole.
    """
    marker = html.find(f" data-pagefind-body {root_attribute(language)}")
    start = html.rfind("<", 0, marker) if marker >= 0 else -1
    if start < 0:
        return html
    return "<!DOCTYPE html><html><head></head><body>" + html[start:]


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
        """Let the process finish its work and exit; unlike the library's, also after a failure.

        Pagefind replies to ``WriteFiles`` before every file it writes is complete: stopping it
        then (the library's ``close`` and this one's first version sent SIGTERM) could leave a
        half-written ``pagefind-entry.json`` behind, which the build then failed to read about
        once in twelve builds. Closing its stdin asks it to exit once its writes are done; only a
        process that does not exit in time is terminated.
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


def write_bundles(indexer: StreamingIndexer, site_dir: Path) -> dict[str, int]:
    """Wait for the last pages, write every bundle into ``site_dir``; pages indexed per bundle folder.

    This is all the indexing the build waits for at its end (``benchmarks/bench_search.py`` times it).
    """
    indexer.finish(site_dir)
    return {folder: finish_bundle(site_dir, bundle) for folder, bundle in indexer.bundles.items()}
