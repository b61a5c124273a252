"""The last ranking, kept beside the term cache: a rebuild whose inputs did not change ranks nothing.

Ranking is a pure function of the articles (path, term vector, subcategory, tags, pins,
exclusions), the options, the set of pages and the code that ranks. All of it goes into one
SHA-256 key: each article's content key stands for its vector, and the ranking modules' own source
text and the numpy and scipy versions stand for the code, so changing any of them misses the
cache without anyone remembering to bump a version. A hit gives exactly the lists a cold build
computes; anything else (an edit, a new page, a changed option) ranks the whole library again,
because every idf moves a little.

The file is two lines of JSON, written whole to a temporary name and renamed: a format mark and the
key, then the lists, so that a rebuild whose key differs (any edit) reads one short line, not a
list per article. A file that is unreadable, foreign or malformed is ignored (and replaced by the
next write), never trusted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path
from typing import TypeGuard

import numpy as np
import scipy

from hooks.recommended import recommendations, similarity, tokens
from hooks.recommended.recommendations import Article, Settings

log = logging.getLogger(__name__)

LISTS_FILE = "recommended-lists.json"
FORMAT = "secretariat-recommended-lists/2"

Lists = dict[str, list[str]]


def ranking_key(
    articles: Sequence[Article],
    content_keys: Sequence[str],
    settings: Settings,
    pages: Collection[str],
) -> str:
    """What the lists depend on, as one hash; ``content_keys[i]`` is ``articles[i]``'s."""
    described = sorted(
        [a.path, key, a.subcategory, list(a.tags), list(a.pins), list(a.exclusions)]
        for a, key in zip(articles, content_keys, strict=True)
    )
    text = json.dumps(
        [_code_version(), dataclasses.asdict(settings), sorted(pages), described],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ListCache:
    """The lists of the last ranking and their key: in memory (``serve``) and on disk (``build``)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / LISTS_FILE if folder else None
        self._key: str | None = None
        self._lists: Lists = {}

    def get(self, key: str) -> Lists | None:
        """The lists ranked under ``key``, if they are the last ones kept; else None."""
        if self._key != key:
            self._key, self._lists = self._read(key)
        return (
            {path: list(paths) for path, paths in self._lists.items()} if self._key == key else None
        )

    def put(self, key: str, lists: Lists) -> None:
        self._key, self._lists = key, {path: list(paths) for path, paths in lists.items()}
        if self.path is None:
            return
        header = json.dumps({"format": FORMAT, "key": key})
        text = f"{header}\n{json.dumps({'lists': lists}, ensure_ascii=False)}\n"
        temporary = self.path.with_suffix(".json.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.path)
        except OSError as error:
            log.info("Could not write the ranking cache %s: %s", self.path, error)

    def _read(self, wanted: str) -> tuple[str | None, Lists]:
        """The kept lists when the file holds those of ``wanted`` (its first line says)."""
        if self.path is None or not self.path.exists():
            return None, {}
        try:
            with self.path.open(encoding="utf-8") as handle:
                header = json.loads(handle.readline())
                if not _well_formed_header(header):
                    log.info("Ignoring the ranking cache %s: not one this version wrote", self.path)
                    return None, {}
                if header["key"] != wanted:
                    return None, {}
                data = json.loads(handle.readline())
        except (OSError, ValueError) as error:
            log.info("Ignoring the unreadable ranking cache %s: %s", self.path, error)
            return None, {}
        lists = data.get("lists") if isinstance(data, dict) else None
        if not _well_formed_lists(lists):
            log.info("Ignoring the ranking cache %s: not one this version wrote", self.path)
            return None, {}
        return wanted, {str(p): [str(x) for x in xs] for p, xs in lists.items()}


def _well_formed_header(header: object) -> bool:
    return (
        isinstance(header, dict)
        and header.get("format") == FORMAT
        and isinstance(header.get("key"), str)
    )


def _well_formed_lists(lists: object) -> TypeGuard[dict[str, list[str]]]:
    return isinstance(lists, dict) and all(
        isinstance(paths, list) and all(isinstance(p, str) for p in paths)
        for paths in lists.values()
    )


@cache
def _code_version() -> str:
    """The ranking code as it is: its modules' source text and the numeric libraries' versions."""
    digest = hashlib.sha256(f"{np.__version__} {scipy.__version__}".encode())
    for module in (tokens, similarity, recommendations):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()
