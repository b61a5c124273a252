"""Stage 1: find the files a user named and read their bytes.

Folders are walked for ``.html``/``.htm``/``.txt`` files in a stable order, so a batch always runs
the same way. Oversized files are refused before they are read: a real article page is well under a
megabyte, and a 50 MB "page" is a mistake that must not stall the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from importer.records import ImportProblem, RawPage

#: Extensions the importer reads when it walks a folder (a file named explicitly is always read).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".xhtml"})

#: The largest page read. The biggest real article page we have seen is ~300 KB; 8 MiB leaves room.
MAX_PAGE_BYTES = 8 * 1024 * 1024


def find_pages(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the page files named or contained in ``paths``, each once, folders in sorted order."""
    seen: set[Path] = set()
    for path in paths:
        candidates = (
            sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def source_name(path: Path) -> str:
    """How a file is named in the manifest: relative to the working folder when inside it or in a
    folder beside it (``../shared/...``), else absolute.

    Relative names keep the manifest valid in every clone of the repository.
    """
    absolute = path.resolve()
    try:
        relative = Path(os.path.relpath(absolute, Path.cwd()))
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
    return absolute.as_posix() if relative.parts[:2] == ("..", "..") else relative.as_posix()


def read_page(path: Path) -> RawPage:
    """Read one file into a :class:`RawPage`, refusing what cannot be an article page."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"cannot read the file ({error.strerror or error})") from None
    if not path.is_file():
        raise ImportProblem("not a file")
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
