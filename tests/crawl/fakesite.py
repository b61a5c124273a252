"""A fake model-essay site on 127.0.0.1 for crawl tests: real HTTP, a request log, bad behaviour on
demand (429 with Retry-After, 500 then 200, 404, redirect loops, pages that never answer, endless
bodies streamed without being held in memory, pages made up per query string).

Pages use the sample site's template (see ``pages.py``); the server is a threaded ``http.server``
that the test starts and stops, so no test ever touches the internet.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

#: Last-Modified of every page: fixed, so conditional requests get a 304.
_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass(frozen=True)
class Reply:
    """One answer: status, headers and body (``hang`` seconds of silence before it)."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    hang: float = 0.0
    #: Instead of ``body``: ``stream_chunks`` copies of ``stream_chunk``, sent one by one; with
    #: ``stream_length`` False there is no Content-Length (the body ends when the server closes).
    stream_chunk: bytes = b""
    stream_chunks: int = 0
    stream_length: bool = True


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    time: float
    path: str
    user_agent: str
    conditional: bool
    query: str = ""


@dataclass
class FakeSite:
    """Path -> reply (or a list of replies served in turn, the last one repeating)."""

    routes: dict[str, Reply | list[Reply] | Callable[[str], Reply]] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    base_url: str = ""
    answered: list[str] = field(default_factory=list)  # paths whose reply was fully sent
    sent: dict[str, int] = field(default_factory=dict)  # body bytes written per path
    hold_articles_after: int | None = None  # answer no /article/ request after this many...
    release: threading.Event = field(default_factory=threading.Event)  # ...until this is set
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, reply: Reply | list[Reply] | Callable[[str], Reply]) -> None:
        """Serve ``path``: one reply, replies in turn, or a reply made from the query string."""
        self.routes[path] = reply

    def page(
        self, path: str, html: str | bytes, content_type: str = "text/html; charset=utf-8"
    ) -> None:
        body = html.encode("utf-8") if isinstance(html, str) else html
        self.add(path, Reply(body=body, headers=(("Content-Type", content_type),)))

    def url(self, path: str) -> str:
        return self.base_url + path

    def hits(self, prefix: str = "/") -> list[Hit]:
        with self._lock:
            return [hit for hit in self.log if hit.path.startswith(prefix)]

    def count(self, path: str) -> int:
        return sum(1 for hit in self.hits() if hit.path == path)

    def _reply_for(self, path: str, query: str) -> Reply:
        with self._lock:
            route = self.routes.get(path)
            if callable(route):
                return route(query)
            if isinstance(route, list):
                reply = route.pop(0) if len(route) > 1 else route[0]
            else:
                reply = route or Reply(404, b"<html><body>not found</body></html>")
            return reply

    def _must_hold(self, path: str) -> bool:
        if self.hold_articles_after is None or self.release.is_set():
            return False
        return (
            path.startswith("/article/") and len(self.hits("/article/")) > self.hold_articles_after
        )

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self.log.append(hit)


def _handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            target = urlsplit(self.path)
            path = target.path
            conditional = "If-Modified-Since" in self.headers or "If-None-Match" in self.headers
            user_agent = self.headers.get("User-Agent", "")
            site._record(Hit(time.monotonic(), path, user_agent, conditional, target.query))
            if site._must_hold(path):
                site.release.wait()
            reply = site._reply_for(path, target.query)
            if reply.stream_chunks:
                self._stream(path, reply)
                return
            if reply.hang:
                time.sleep(reply.hang)
                self.close_connection = True
                return
            etag = '"' + hashlib.sha1(reply.body).hexdigest() + '"'
            if reply.status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.status == 200:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", _LAST_MODIFIED)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            try:
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):  # the crawler was killed meanwhile
                return
            with site._lock:
                site.answered.append(path)

        def _stream(self, path: str, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.stream_length:
                size = len(reply.stream_chunk) * reply.stream_chunks
                self.send_header("Content-Length", str(size))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            try:
                for _ in range(reply.stream_chunks):
                    self.wfile.write(reply.stream_chunk)
                    with site._lock:
                        site.sent[path] = site.sent.get(path, 0) + len(reply.stream_chunk)
            except (BrokenPipeError, ConnectionResetError):  # the crawler hung up: expected
                self.close_connection = True
                return
            with site._lock:
                site.answered.append(path)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads ``site.log`` instead."""

    return Handler


@contextmanager
def serve(site: FakeSite, host: str = "127.0.0.1") -> Iterator[FakeSite]:
    """Run the site on a free port of ``host`` (a loopback address) for the duration of the block.

    Linux answers on all of 127.0.0.0/8, so ``127.0.0.2`` makes a second host on this machine.
    """
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    site.base_url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


Builder = Callable[[FakeSite], None]
