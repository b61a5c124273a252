"""Search shards: one Pagefind bundle per language and top-level section, kept between builds.

Why shards: Pagefind cannot update a written bundle, so one bundle per language meant re-indexing
every article of that language after any edit. Split by top-level section (``reports/``,
``speeches/``...), an edit re-indexes one shard; the browser merges every shard's index as it merged
the languages (``mergeIndex``: a merged index loads no WebAssembly of its own, only its small entry
and meta files and the chunks a query needs).

Each shard's key is a hash of what Pagefind would be given (every page's URL and indexed HTML) and
how (Pagefind's version and the indexing settings). A shard whose key is in the cache is copied
from there; its files are checked against the hashes recorded beside them, and a damaged or
incomplete copy is indexed again, never trusted.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from hooks.search.indexer import Bundle, root_selector

#: Bump when a shard's layout in the cache or the meaning of its key changes.
SHARD_FORMAT = 1

#: Articles directly in docs/ (no section folder) go to this shard; no slug is a lone hyphen.
ROOT_SHARD = "-"

_LISTING = "files.json"


def shard_of(src_uri: str) -> str:
    """The top-level section an article belongs to: ``reports/annual/x.md`` -> ``reports``."""
    return src_uri.split("/", 1)[0] if "/" in src_uri else ROOT_SHARD


def shard_key(bundle: Bundle, pages: Iterable[tuple[str, str]], settings: str) -> str:
    """The key of a bundle built from ``pages`` (URL, indexed HTML) with ``settings``."""
    hasher = hashlib.blake2b(digest_size=20)
    header = [str(SHARD_FORMAT), _pagefind_version(), bundle.language, bundle.folder, settings]
    for part in (*header, root_selector(bundle.language)):
        _update(hasher, part)
    for url, html in pages:
        _update(hasher, url)
        _update(hasher, html)
    return hasher.hexdigest()


class ShardCache:
    """Written bundles by key, under ``<cache_dir>/search/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def restore(self, key: str, target: Path) -> bool:
        """Copy the bundle stored under ``key`` to ``target``; False when missing or damaged."""
        stored = self.folder / key
        try:
            listing = json.loads((stored / _LISTING).read_text(encoding="utf-8"))
            files = [(name, (stored / name).read_bytes()) for name in sorted(listing)]
        except (OSError, ValueError, TypeError):
            return False
        if any(_hash(data) != listing[name] for name, data in files):
            return False
        staging = target.with_name(f".{target.name}.restoring")
        shutil.rmtree(staging, ignore_errors=True)
        for name, data in files:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        return True

    def keep(self, key: str, written: Path) -> None:
        """Store the bundle just written to ``written`` under ``key`` (complete, or not at all)."""
        stored = self.folder / key
        if stored.exists():
            return
        staging = self.folder / f".{key}.writing"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(written, staging)
        listing = {
            path.relative_to(staging).as_posix(): _hash(path.read_bytes())
            for path in staging.rglob("*")
            if path.is_file()
        }
        (staging / _LISTING).write_text(json.dumps(listing, sort_keys=True), encoding="utf-8")
        staging.rename(stored)

    def prune(self, used: Iterable[str]) -> None:
        """Drop the stored bundles no shard of this build uses."""
        keep = set(used)
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in keep:
                    shutil.rmtree(path, ignore_errors=True)


def _update(hasher: hashlib.blake2b, part: str) -> None:
    data = part.encode("utf-8")
    hasher.update(len(data).to_bytes(8, "little"))
    hasher.update(data)


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
