"""One article write in flight while the next page is worked on.

A durable write waits for the disk (``fsync``: about 10 ms a page, as long as half of converting
one), and the wait releases the GIL. So each article is written (temporary file, fsync, rename:
:func:`importer.atomic.atomic_write_text`) by a single writer thread while the importer converts
the next page, and the importer collects the result before it decides anything about that page.
At most one write is ever in flight, so every decision still sees the docs folder, the manifest
and the near-duplicate index exactly as a one-page-at-a-time import would: the output does not
depend on timing, and an error still belongs to the page whose file failed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from importer.atomic import atomic_write_text


class WriteBehind:
    """A single writer thread; :meth:`start` hands it a file, :meth:`wait` collects the result."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="article-writer")
        self._in_flight: Future[None] | None = None

    def __enter__(self) -> WriteBehind:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def busy(self) -> bool:
        """Whether a write was started and not yet collected."""
        return self._in_flight is not None

    def start(self, path: Path, text: str) -> None:
        """Begin writing ``text`` to ``path`` durably; the previous write must be collected."""
        if self._in_flight is not None:
            raise RuntimeError("the previous write was not collected")
        self._in_flight = self._thread.submit(atomic_write_text, path, text)

    def wait(self) -> None:
        """Wait for the write in flight (if any); raises what it raised (OSError, ...)."""
        in_flight, self._in_flight = self._in_flight, None
        if in_flight is not None:
            in_flight.result()

    def close(self) -> None:
        """Let the write in flight finish (even after Ctrl-C), then stop the thread."""
        self._thread.shutdown(wait=True)
