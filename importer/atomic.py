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
from typing import BinaryIO

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
    staged = StagedWrite(path, data)
    if durable:
        try:
            staged.sync()
        except BaseException:
            staged.abort()
            raise
    staged.commit()


class StagedWrite:
    """:func:`atomic_write_bytes` in its three steps: staged (the data is in a temporary file
    beside ``path``), :meth:`sync` (flushed to disk), :meth:`commit` (renamed over ``path``).

    Steps, so that a writer thread can be given only :meth:`sync`, the step that waits for the
    disk and holds no GIL while it waits. Each system call of a write releases the GIL and takes
    it back, and a thread that wants the GIL back while another computes waits for the switch
    interval (5 ms); with the whole write in the writer thread, those waits, about ten a file,
    came between the importer and the next page. A failed step removes the temporary file.
    """

    def __init__(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._temp = _create_temp(path)
        self._handle: BinaryIO | None = None
        try:
            self._handle = self._temp.open("wb")
            self._handle.write(data)
            self._handle.flush()
        except BaseException:
            self.abort()
            raise

    def sync(self) -> None:
        """Flush the data to disk (the only step that may run in another thread)."""
        assert self._handle is not None
        os.fsync(self._handle.fileno())

    def commit(self) -> None:
        """Close the temporary file, give it the old file's mode and rename it over ``path``."""
        assert self._handle is not None
        try:
            self._handle.close()
            with contextlib.suppress(FileNotFoundError):
                self._temp.chmod(stat.S_IMODE(self.path.stat().st_mode))
            self._temp.replace(self.path)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Give up: close and remove the temporary file; ``path`` stays as it was."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
        with contextlib.suppress(OSError):
            self._temp.unlink()


def _create_temp(path: Path) -> Path:
    """Create an empty, new temporary file beside ``path`` (mode 0666 less the umask)."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temp


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
