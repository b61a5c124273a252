"""Stage 1: find the files a user named and read their bytes.

Folders are walked for ``.html``/``.htm``/``.txt`` files in a stable order, so a batch always runs
the same way. Whatever cannot be read is reported, never passed over in silence: a folder that
cannot be listed, a page-named entry that is a named pipe (reading one would block the batch), a
socket or a device, a broken symbolic link. Oversized files are refused before they are read: a real
article page is well under a megabyte, and a 50 MB "page" is a mistake that must not stall the batch.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from importer.records import ImportProblem, RawPage

#: Extensions the importer reads when it walks a folder (a file named explicitly is always read).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".xhtml"})

#: The largest page read. The biggest real article page we have seen is ~300 KB; 8 MiB leaves room.
MAX_PAGE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Unreadable:
    """A path the user named, or found in a folder, that cannot be read as a page."""

    path: Path
    reason: str

    @property
    def name(self) -> str:
        """The path as the user wrote it (or the walk met it), printable whatever its bytes."""
        return printable_name(str(self.path))


def find_pages(paths: Iterable[Path]) -> Iterator[Path | Unreadable]:
    """Yield the page files named or contained in ``paths``, each once, folders in sorted order,
    and an :class:`Unreadable` for everything on the way that cannot be read."""
    seen: set[Path] = set()
    walked: set[tuple[int, int]] = set()
    for path in paths:
        if not path.exists():
            yield Unreadable(path, _missing_reason(path))
            continue
        candidates = _walk(path, walked) if path.is_dir() else iter([path])
        for candidate in candidates:
            if isinstance(candidate, Unreadable):
                yield candidate
                continue
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(folder: Path, walked: set[tuple[int, int]]) -> Iterator[Path | Unreadable]:
    """Depth first, names sorted (the order of sorted paths); a folder met twice (through a
    symbolic link) is walked once, so link loops end."""
    try:
        status = folder.stat()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield Unreadable(folder, f"cannot read the folder ({error.strerror or error})")
        return
    if (status.st_dev, status.st_ino) in walked:
        return
    walked.add((status.st_dev, status.st_ino))
    for entry in entries:
        path = Path(entry.path)
        if _is_folder(entry):
            yield from _walk(path, walked)
        elif path.suffix.lower() in PAGE_SUFFIXES:
            problem = _not_a_file(path)
            yield Unreadable(path, problem) if problem else path
        elif entry.is_symlink() and not path.exists():  # it may have been a folder of pages
            yield Unreadable(path, _missing_reason(path))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _missing_reason(path: Path) -> str:
    if path.is_symlink():
        return f"a broken symbolic link (its target {str(path.readlink())!r} does not exist)"
    return "no such file or folder"


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file that can be read without blocking, or None if it is.

    Only metadata is looked at (``stat``): opening a named pipe would wait for a writer forever.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return _missing_reason(path)
    except OSError as error:
        return f"cannot read the file ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a file"


def printable_name(name: str) -> str:
    """A file name as text that can always be printed, saved as JSON and written as YAML.

    File names are bytes on POSIX; Python hands undecodable ones over with lone surrogates, which
    no UTF-8 writer accepts (one such name once stopped a whole batch at the manifest save). The
    undecodable bytes are shown as ``\\xff`` escapes, which also keeps the name stable from run to
    run.
    """
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def source_name(path: Path) -> str:
    """How a file is named in the manifest: relative to the working folder when inside it or in a
    folder beside it (``../shared/...``), else absolute; printable (see :func:`printable_name`).

    Relative names keep the manifest valid in every clone of the repository.
    """
    absolute = path.resolve()
    try:
        relative = Path(os.path.relpath(absolute, Path.cwd()))
    except ValueError:  # another drive on Windows
        return printable_name(absolute.as_posix())
    name = absolute if relative.parts[:2] == ("..", "..") else relative
    return printable_name(name.as_posix())


def read_page(path: Path) -> RawPage:
    """Read one file into a :class:`RawPage`, refusing what cannot be an article page."""
    problem = _not_a_file(path)
    if problem:
        raise ImportProblem(problem)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"cannot read the file ({error.strerror or error})") from None
    if size == 0:
        raise ImportProblem("the file is empty")
    if size > MAX_PAGE_BYTES:
        raise ImportProblem(
            f"the file is {size / 1024 / 1024:.1f} MiB, larger than the "
            f"{MAX_PAGE_BYTES // 1024 // 1024} MiB a page may be"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportProblem(f"cannot read the file ({error.strerror or error})") from None
    return RawPage(source=source_name(path), data=data)
