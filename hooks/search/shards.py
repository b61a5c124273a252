"""Search shards: Pagefind bundles of a bounded size, per language and top-level section, kept
between builds.

Why shards: Pagefind cannot update a written bundle, so one bundle per language meant re-indexing
every article of that language after any edit. Split by top-level section (``reports/``,
``speeches/``...), an edit re-indexes one shard; the browser merges every shard's index as it merged
the languages (``mergeIndex``: a merged index loads no WebAssembly of its own, only its small entry
and meta files and the chunks a query needs).

A section grows with the library, so a section (of one language) holding more than
:data:`SHARD_PAGES` articles is split further, by the hash of each article's path
(:func:`plan_shards`): an edit re-indexes at most :data:`SHARD_PAGES` pages at any library size.

Each shard's key is a hash of what Pagefind is given (every page's URL and the digest of its
payload, :mod:`hooks.search.payload`) and how (Pagefind's version and the indexing settings).
A shard whose key is in the cache is linked or copied from there; its files are checked against
the sizes (and the entry file against the hash) recorded beside them, and a damaged or incomplete
copy is indexed again, never trusted.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hooks.search.indexer import Bundle, root_selector

#: Bump when a shard's layout in the cache or the meaning of its key changes.
SHARD_FORMAT = 5

#: Articles directly in docs/ (no section folder) go to this shard; no slug is a lone hyphen.
ROOT_SHARD = "-"

_LISTING = "files.json"
#: Pagefind's entry file, which names every other file of a bundle.
_ENTRY = "pagefind-entry.json"
#: What each page gave the last build, beside the bundles.
_PAGES = "pages.json"


#: The most articles one bundle holds (one language of one section, or a part of it); a larger
#: section is split (:func:`plan_shards`), so an edit re-indexes at most this many pages (about
#: 5 ms of Pagefind each: 3.5 s) at any library size. Why not fewer: every bundle adds to a
#: query's download (its entry and meta files, and the index chunk of each query word, ~22 KB:
#: Pagefind's chunks are a fixed 20,000 word positions). Measured with
#: ``benchmarks/bench_search_scale.py`` on the 10,000-article benchmark corpus (8 sections of
#: ~625 articles a language), first-query bytes for an English query: 16 bundles 721 KB,
#: 29 bundles 998 KB, 32 bundles 1,051 KB, 64 bundles 1,922 KB; so at most ~29 bundles fit the
#: 1 MB budget at 10,000 articles. A split section's bundles hold about half the cap or more,
#: so a library of N articles has at most about 2N / cap bundles (plus sections smaller than
#: that): 700 keeps 10,000 articles within ~29 bundles whatever the sections' sizes.
SHARD_PAGES = 700

#: Bits of an article's path hash that can tell parts of a section apart (the hash's width).
_HASH_BITS = 64


def section_of(src_uri: str) -> str:
    """The top-level section an article belongs to: ``reports/annual/x.md`` -> ``reports``."""
    return src_uri.split("/", 1)[0] if "/" in src_uri else ROOT_SHARD


def plan_shards(
    articles: Iterable[tuple[str, str]], max_pages: int = SHARD_PAGES
) -> dict[str, str]:
    """The shard of each article, given as ``(src_uri, language)``: ``reports`` or ``reports/01``.

    The articles of one language and section form one shard while they are at most ``max_pages``;
    a larger group is split in two by the first bit of each path's hash, and each half again by
    the next bit while it is still too large (a binary trie over the hashes; ``reports/01`` is
    the part whose hashes start with the bits 0, 1). So a shard depends only on the articles whose
    hashes share its prefix: adding or deleting one article changes the one shard it falls in
    (which may split in two, or merge with its sibling), never the rest of the section; the plan
    is a function of the set of paths alone, so a clean build and an incremental one agree. A
    bundle of a split section holds about ``max_pages / 2`` to ``max_pages`` articles.
    """
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for src_uri, language in articles:
        groups.setdefault((language, section_of(src_uri)), []).append(
            (_path_hash(src_uri), src_uri)
        )
    plan: dict[str, str] = {}
    for (_, section), members in groups.items():
        members.sort()
        hashes = [hashed for hashed, _ in members]
        for start, end, prefix in _split(hashes, 0, len(members), "", max_pages):
            shard = f"{section}/{prefix}" if prefix else section
            for _, src_uri in members[start:end]:
                plan[src_uri] = shard
    return plan


def _split(
    hashes: list[int], start: int, end: int, prefix: str, max_pages: int
) -> Iterable[tuple[int, int, str]]:
    """The leaves of the trie under ``prefix``: (start, end, prefix) over the sorted ``hashes``."""
    depth = len(prefix)
    if end - start <= max_pages or depth == _HASH_BITS:
        yield start, end, prefix
        return
    # Sorted hashes sharing ``prefix``: those with a 1 in the next bit come after the 0s.
    value = int(prefix, 2) if prefix else 0
    boundary = (value << 1 | 1) << (_HASH_BITS - depth - 1)
    middle = bisect.bisect_left(hashes, boundary, start, end)
    yield from _split(hashes, start, middle, f"{prefix}0", max_pages)
    yield from _split(hashes, middle, end, f"{prefix}1", max_pages)


def _path_hash(src_uri: str) -> int:
    """A stable 64-bit hash of an article's path (the same in every process and every run)."""
    digest = hashlib.blake2b(src_uri.encode("utf-8"), digest_size=_HASH_BITS // 8).digest()
    return int.from_bytes(digest, "big")


def shard_key(bundle: Bundle, pages: Iterable[tuple[str, str]], settings: str) -> str:
    """The key of a bundle built from ``pages`` (URL, digest of the payload) with ``settings``."""
    hasher = hashlib.blake2b(digest_size=20)
    header = [str(SHARD_FORMAT), _pagefind_version(), bundle.language, bundle.folder, settings]
    for part in (*header, root_selector(bundle.language)):
        _update(hasher, part)
    for url, page_digest in pages:
        _update(hasher, url)
        _update(hasher, page_digest)
    return hasher.hexdigest()


class ShardCache:
    """Written bundles by key, under ``<cache_dir>/search/``, and what each page gave last time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def restore(self, key: str, target: Path) -> bool:
        """Put the bundle stored under ``key`` at ``target``; False when missing or damaged.

        Each file must have its recorded size (a stat, not a read: a no-op rebuild restores
        every bundle), and the entry file, which names every other, its recorded hash. Files are
        hard-linked where the file system allows (nothing writes into a bundle: a new one
        replaces the folder), else copied.
        """
        stored = str(self.folder / key)
        files: dict[str, tuple[int, int]] = {}
        try:
            with open(f"{stored}/{_LISTING}", encoding="utf-8") as handle:  # noqa: PTH123
                listing = json.load(handle)
            for name, (size, content_hash) in listing.items():
                path = f"{stored}/{name}"
                stat = os.stat(path)  # noqa: PTH116 - see _link_tree
                if stat.st_size != size or (
                    name == _ENTRY and _hash(Path(path).read_bytes()) != content_hash
                ):
                    return False
                files[name] = (stat.st_dev, stat.st_ino)
        except (OSError, ValueError, TypeError, AttributeError):
            return False
        if _linked_already(str(target), files):
            return True
        staging = target.with_name(f".{target.name}.restoring")
        shutil.rmtree(staging, ignore_errors=True)
        _link_tree(stored, str(staging), sorted(listing))
        _swap(staging, target)
        return True

    def store(
        self, key: str, files: Iterable[tuple[str, bytes]], written: Path | None = None
    ) -> None:
        """Keep a bundle's files under ``key`` (complete, or not at all).

        ``written``: where the same files were just written in the site; they are kept as hard
        links to those, so that the next build finds the site's bundle already in place
        (:meth:`restore`) and the disk holds one copy.
        """
        stored = self.folder / key
        if stored.exists():
            return
        staging = self.folder / f".{key}.writing"
        shutil.rmtree(staging, ignore_errors=True)
        listing = {}
        for name, data in files:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            if not _linked(written / name if written is not None else None, staging / name):
                (staging / name).write_bytes(data)
            listing[name] = [len(data), _hash(data)]
        staging.mkdir(parents=True, exist_ok=True)
        (staging / _LISTING).write_text(json.dumps(listing, sort_keys=True), encoding="utf-8")
        staging.rename(stored)

    def prune(self, used: Iterable[str]) -> None:
        """Drop the stored bundles no shard of this build uses."""
        keep = set(used) | {_PAGES}
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in keep:
                    if path.is_dir():
                        shutil.rmtree(path, ignore_errors=True)
                    else:
                        path.unlink(missing_ok=True)

    def pages(self) -> dict[str, PageDigest]:
        """What each page gave the last build (empty when unknown or unreadable)."""
        try:
            data = json.loads((self.folder / _PAGES).read_text(encoding="utf-8"))
            if data.get("format") != SHARD_FORMAT:
                return {}
            return {
                src_uri: PageDigest(str(url), str(output), str(payload), str(stamp), str(source))
                for src_uri, (url, output, payload, stamp, source) in data["pages"].items()
            }
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return {}

    def keep_pages(self, pages: dict[str, PageDigest]) -> None:
        """Record what each page gave this build, for the next one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {
            "format": SHARD_FORMAT,
            "pages": {
                src: [p.url, p.output, p.payload, p.stamp, p.source]
                for src, p in sorted(pages.items())
            },
        }
        staging = self.folder / f".{_PAGES}.writing"
        staging.write_text(json.dumps(data), encoding="utf-8")
        staging.replace(self.folder / _PAGES)


@dataclass(frozen=True)
class PageDigest:
    """One written article page: its URL, the hash of its whole output, the digest of its payload.

    The output hash lets an unchanged page (kept by the build engine, not rendered) skip the
    payload's extraction; the payload digest goes into its shard's key.
    """

    url: str
    output: str
    payload: str
    #: The written file's inode, size and modification time (:func:`file_stamp`): while they are
    #: the same, the file is the one hashed last time and is not read again.
    stamp: str = ""
    #: The hash of the article's source (the Library's ``content_hash``): a page whose source
    #: changed is about to be rendered anew, so its shard can be started before it is.
    source: str = ""


def file_stamp(path: str) -> str:
    """``inode:size:mtime_ns`` of the file at ``path``; '' when it is not there.

    The build engine keeps an unchanged page by the same rule (hooks/build/engine.py): any write
    through MkDocs makes a new file or changes its size or modification time.
    """
    try:
        stat = os.stat(path)  # noqa: PTH116 - a str path: a Path per article costs more
    except OSError:
        return ""
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def output_hash(data: bytes) -> str:
    """The hash of a page's whole written output."""
    return _hash(data)


def _link_tree(source: str, target: str, names: list[str]) -> None:
    """Hard-link (or, across file systems, copy) ``names`` from ``source`` into ``target``.

    Plain ``os`` calls on strings: a no-op rebuild restores every bundle's thousand-odd files,
    and ``pathlib`` objects cost more than the links themselves.
    """
    made: set[str] = set()
    for name in names:
        destination = f"{target}/{name}"
        folder = destination.rsplit("/", 1)[0]
        if folder not in made:
            os.makedirs(folder, exist_ok=True)  # noqa: PTH103
            made.add(folder)
        try:
            os.link(f"{source}/{name}", destination)
        except OSError:
            shutil.copyfile(f"{source}/{name}", destination)


def _linked(source: Path | None, link: Path) -> bool:
    """Whether ``link`` could be made a hard link to ``source``."""
    if source is None:
        return False
    try:
        os.link(source, link)
    except OSError:
        return False
    return True


def _linked_already(target: str, files: dict[str, tuple[int, int]]) -> bool:
    """Whether ``target`` holds exactly the stored files (by device and inode), and nothing else.

    A bundle restored by the last build is still there as hard links to the stored one: linking
    it again meant unlinking and linking some 10,000 files at 10,000 articles (1.8 s of every
    rebuild, which did not change the site by a byte).
    """
    found: set[str] = set()
    try:
        for folder, _, names in os.walk(target):
            prefix = "" if folder == target else folder[len(target) + 1 :] + "/"
            found.update(prefix + name for name in names)
        if found != files.keys():
            return False
        for name, identity in files.items():
            stat = os.stat(f"{target}/{name}")  # noqa: PTH116 - see _link_tree
            if (stat.st_dev, stat.st_ino) != identity:
                return False
    except OSError:
        return False
    return True


def _swap(staging: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def _update(hasher: hashlib.blake2b, part: str) -> None:
    data = part.encode("utf-8")
    hasher.update(len(data).to_bytes(8, "little"))
    hasher.update(data)


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@functools.cache
def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
