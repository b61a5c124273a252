"""One article write in flight while the next page is worked on.

A durable write waits for the disk (``fsync``: about 10 ms a page, as long as half of converting
one), and the wait releases the GIL. So each article's file is written to a temporary file beside
it and flushed to disk by a single writer thread while the importer converts the next page, and
renamed into place when the importer collects it, before it decides anything about that page
(:class:`importer.atomic.StagedWrite`: the thread is given only bare system calls, so that it
seldom has to win the GIL back from the importer).

At most one write is ever in flight, so every decision still sees the docs folder, the manifest
and the near-duplicate index exactly as a one-page-at-a-time import would: the output does not
depend on timing, and an error still belongs to the page whose file failed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from importer.atomic import StagedWrite


class WriteBehind:
    """A single writer thread; :meth:`start` hands it a file, :meth:`wait` collects the result."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="article-writer")
        self._in_flight: Future[None] | None = None
        self._staged: StagedWrite | None = None

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
        """Begin writing ``text`` to ``path`` durably; the previous write must be collected.

        A failure to make its folder or to encode it (text that is not UTF-8) is raised by
        :meth:`wait`, like a failure to write it, so that it is reported in the same place.
        """
        if self._in_flight is not None:
            raise RuntimeError("the previous write was not collected")
        try:
            self._staged = StagedWrite(path, text.encode("utf-8"))
        except Exception as error:
            failed: Future[None] = Future()
            failed.set_exception(error)
            self._in_flight = failed
            return
        self._in_flight = self._thread.submit(self._staged.write)

    def wait(self) -> None:
        """Wait for the write in flight (if any) and put its file in place; raises what it
        raised (OSError, ...), the temporary file removed. Interrupted (Ctrl-C), it leaves the
        write to :meth:`close`."""
        if self._in_flight is None:
            return
        try:
            self._in_flight.result()
        except Exception:
            self._end(commit=False)
            raise
        self._end(commit=True)

    def close(self) -> None:
        """Let the write in flight finish (even after Ctrl-C) and put its file in place, then
        stop the thread; a write that failed leaves no temporary file."""
        self._thread.shutdown(wait=True)
        if self._in_flight is not None:
            self._end(commit=self._in_flight.exception() is None)

    def _end(self, commit: bool) -> None:
        """Commit or abandon the staged file, and forget the write."""
        staged, self._staged, self._in_flight = self._staged, None, None
        if staged is None:
            return
        if commit:
            staged.commit()
        else:
            staged.abort()
