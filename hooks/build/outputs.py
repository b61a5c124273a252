"""What ``site_dir`` holds, and the sweep that leaves in it only what a clean build would write.

The engine keeps ``site_dir`` between builds instead of letting MkDocs empty it (the one labelled
hack, :mod:`hooks.build.mkdocs_loop`), so that unchanged pages cost nothing. Everything else a
build makes is written anew (static files, list pages, sitemaps, feeds, search bundles), so its
file changes. After every plugin's ``on_post_build`` the sweep compares ``site_dir`` with the
listing taken before the build and removes each file that is neither new or rewritten in this
build, nor kept on purpose: an unchanged page the engine kept, or an output a plugin says it kept
(:func:`plugin_outputs`). Pages and static files gone from the site disappear that way, with no
list of what the previous build wrote to trust.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

#: ``(inode, size, mtime, ctime in ns)`` of a file: any write changes one of them, and so does
#: linking the file into place or renaming it there (both update the ctime), which is how the
#: search plugin restores its bundles from the cache: the same inode as last time, a new ctime.
Stamp = tuple[int, int, int, int]


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def listing(site_dir: Path) -> dict[str, Stamp]:
    """Every file under ``site_dir`` (POSIX path relative to it) with its stamp."""
    found: dict[str, Stamp] = {}
    for relative, entry in _walk(str(site_dir), ""):
        found[relative] = stamp_of(entry.stat(follow_symlinks=False))
    return found


def _walk(folder: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        relative = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, f"{relative}/")
        else:
            yield relative, entry


def plugin_outputs(config: MkDocsConfig) -> list[str]:
    """What the plugins say they kept in ``site_dir`` without writing it again in this build.

    A plugin may define ``site_outputs() -> Iterable[str]``: paths relative to ``site_dir``, each a
    file or a folder (everything under it), that this build's site holds although the plugin did
    not rewrite them (for instance a search bundle left in place because no page of it changed).
    The sweep never removes them. A plugin that writes all its outputs on every build needs none.
    """
    kept: list[str] = []
    seen: set[int] = set()
    for plugin in config.plugins.values():
        method = getattr(plugin, "site_outputs", None)
        if id(plugin) in seen or not callable(method):
            continue
        seen.add(id(plugin))
        kept.extend(str(path).strip("/") for path in method())
    return kept


def sweep(
    site_dir: Path, before: dict[str, Stamp], kept: Collection[str], kept_folders: Iterable[str]
) -> list[str]:
    """Remove the files of ``site_dir`` that this build neither wrote nor kept; returns them.

    ``before`` is the listing from before the build, ``kept`` the files kept on purpose (relative
    paths) and ``kept_folders`` folders kept whole. A folder left empty by the sweep goes too.
    """
    prefixes = tuple(f"{folder}/" for folder in kept_folders if folder)
    kept_exactly = set(kept).union(folder for folder in kept_folders if folder)
    removed = []
    for relative, stamp in listing(site_dir).items():
        if before.get(relative) != stamp:  # new or rewritten by this build
            continue
        if relative in kept_exactly or relative.startswith(prefixes):
            continue
        (site_dir / relative).unlink(missing_ok=True)
        removed.append(relative)
    _drop_empty_parents(site_dir, removed)
    return sorted(removed)


def _drop_empty_parents(site_dir: Path, removed: Iterable[str]) -> None:
    folders = {parent for relative in removed for parent in Path(relative).parents}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.parts:
            with contextlib.suppress(OSError):  # not empty: something of this build lives there
                (site_dir / folder).rmdir()
