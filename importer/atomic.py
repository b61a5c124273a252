"""Atomic file writes: a killed import leaves the old file or the new one, never half of either.

The temporary file sits beside its target as ``.<name>.<random>.importer.tmp``: hidden, and named
so that :func:`remove_stale_temp_files` can tell a leftover of a killed run from anyone else's file.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

#: The end of every temporary file name the importer makes, and nothing else's.
TEMP_SUFFIX = ".importer.tmp"

#: What ``tempfile.mkstemp`` made for earlier versions of the importer: ``.<name>.<8 chars>.tmp``
#: beside an article, an ``.incoming`` file or the manifest. Killed runs of those left them too.
_LEGACY_TEMP_RE = re.compile(
    r"\A\.(?:.+\.md|.+\.md\.incoming|_manifest\.json)\.[a-z0-9_]{8}\.tmp\Z"
)


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    """Write ``text`` (UTF-8, ``\n`` line ends) atomically: see :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"), durable)


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    The rename alone protects against a killed process; ``durable`` also flushes to disk, against
    power loss, at a cost that matters for files rewritten after every page (the manifest). The file
    gets the mode any other tool would give it: the umask's for a new file, the old file's when it
    replaces one (``tempfile.mkstemp`` would make it 0600, unreadable to the web server's group).
    """
    staged = StagedWrite(path, data, durable)
    staged.write()
    staged.commit()


class StagedWrite:
    """:func:`atomic_write_bytes` in three steps: the folder made (on creation), :meth:`write`
    (the temporary file beside ``path``, flushed to disk if ``durable``), :meth:`commit` (renamed
    over ``path``, with the old file's mode).

    Steps, so that a writer thread can be given :meth:`write`, the step that waits for the disk,
    which makes four system calls (the Python between them makes none). A thread takes the GIL
    back after every system call, and while another thread computes it waits for the switch
    interval (5 ms) to get it; a whole atomic write through ``pathlib`` in the writer thread took
    about ten such turns a file, and the importer's own system calls (reading the next page)
    waited on them. A failed step removes the temporary file; :meth:`abort` gives up after a
    failed or interrupted write.
    """

    def __init__(self, path: Path, data: bytes, durable: bool = True) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._data = data
        self._durable = durable
        self._temp: Path | None = None  # once created
        self._token = secrets.token_hex(4)  # drawn here: os.urandom is a system call too

    def write(self) -> None:
        """Create the temporary file (mode 0666 less the umask), write and flush it, close it."""
        token = self._token
        while True:
            temp = self.path.with_name(f".{self.path.name}.{token}{TEMP_SUFFIX}")
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                token = secrets.token_hex(4)
                continue
            break
        self._temp = temp
        try:
            try:
                view = memoryview(self._data)
                while view:  # a regular file takes it all at once; the loop is the contract
                    view = view[os.write(fd, view) :]
                if self._durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            self.abort()
            raise

    def commit(self) -> None:
        """Rename the written temporary file over ``path``, giving it the old file's mode."""
        assert self._temp is not None, "commit() before write()"
        try:
            with contextlib.suppress(FileNotFoundError):
                self._temp.chmod(stat.S_IMODE(self.path.stat().st_mode))
            self._temp.replace(self.path)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Give up: remove the temporary file, if there is one; ``path`` stays as it was."""
        temp, self._temp = self._temp, None
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete the importer's temporary files under ``folder``; return what was deleted.

    Only a killed run leaves them, and one import at a time writes to a docs folder (the manifest
    could not be shared), so every one found when an import starts is a leftover.
    """
    removed = []
    for temp in _temp_files(folder):
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
            removed.append(temp)
    return removed


def _temp_files(folder: Path) -> Iterator[Path]:
    for root, _, names in os.walk(folder):
        for name in names:
            if (name.startswith(".") and name.endswith(TEMP_SUFFIX)) or _LEGACY_TEMP_RE.match(name):
                yield Path(root, name)
