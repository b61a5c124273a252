"""Term counts cached by content hash, in memory and in an SQLite file, so rebuilds segment little.

Segmenting Chinese is the slow part of recommending (see :mod:`hooks.recommended.tokens`). An
article's terms depend only on its title and body, so they are stored under a hash of both (and of
the tokenizer version). ``mkdocs serve`` keeps the plugin object between rebuilds, so the in-memory
layer serves an edit-and-rebuild; the SQLite layer serves the next ``mkdocs build``. SQLite rather
than one JSON file: an edit adds one row instead of rewriting tens of megabytes. A cache that
cannot be written only costs time, so it degrades to memory with a log message instead of failing
the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path

from hooks.recommended.tokens import TOKENIZER_VERSION, term_counts

log = logging.getLogger(__name__)

#: File name of the cache inside the configured cache folder.
CACHE_FILE = "recommended-terms.sqlite3"

#: SQLite allows a limited number of ``?`` parameters per statement.
_CHUNK = 500

Counts = dict[str, int]


def content_key(title: str, body: str) -> str:
    """The cache key: changes whenever the title, the body or the tokenizer changes."""
    digest = hashlib.sha256()
    for part in (TOKENIZER_VERSION, title, body):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class TermCache:
    """Term counts by content key; ``hits``/``misses`` count the last :meth:`counts_for` call."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE if folder else None
        self.memory: dict[str, Counts] = {}
        self.hits = 0
        self.misses = 0

    def counts_for(
        self, articles: Sequence[tuple[str, str]], computed: Mapping[str, Counts] | None = None
    ) -> list[Counts]:
        """Term counts of each ``(title, body)``, computing only those not cached.

        ``computed`` holds counts segmented elsewhere (a background worker), by content key: used
        and stored like counts computed here.
        """
        computed = computed or {}
        keys = [content_key(title, body) for title, body in articles]
        wanted = {key for key in keys if key not in self.memory and key not in computed}
        self.memory.update(self._load(wanted))
        fresh: dict[str, Counts] = {}
        for key, (title, body) in zip(keys, articles, strict=True):
            if key not in self.memory:
                fresh[key] = computed[key] if key in computed else dict(term_counts(title, body))
                self.memory[key] = fresh[key]
        self.misses = len(fresh)
        self.hits = len(keys) - self.misses
        self._store(fresh)
        self.memory = {key: self.memory[key] for key in keys}
        return [self.memory[key] for key in keys]

    def cached_keys(self, keys: set[str]) -> set[str]:
        """Which of ``keys`` the disk cache holds, without decoding their counts."""
        return set(self._rows(keys, "key, ''"))

    def _load(self, keys: set[str]) -> dict[str, Counts]:
        try:
            return {
                key: json.loads(counts) for key, counts in self._rows(keys, "key, counts").items()
            }
        except ValueError as error:
            log.info("Ignoring the unreadable term cache %s: %s", self.path, error)
            return {}

    def _rows(self, keys: set[str], columns: str) -> dict[str, str]:
        """``columns`` (a key and one more) of the rows under ``keys``; nothing if unreadable."""
        if not keys or self.path is None or not self.path.exists():
            return {}
        found: dict[str, str] = {}
        ordered = sorted(keys)
        try:
            with closing(_connect(self.path)) as db, db:
                for start in range(0, len(ordered), _CHUNK):
                    chunk = ordered[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(f"SELECT {columns} FROM terms WHERE key IN ({marks})", chunk)
                    found.update(rows)
        except sqlite3.Error as error:
            log.info("Ignoring the unreadable term cache %s: %s", self.path, error)
            return {}
        return found

    def _store(self, fresh: dict[str, Counts]) -> None:
        if not fresh or self.path is None:
            return
        rows = [(key, json.dumps(counts, ensure_ascii=False)) for key, counts in fresh.items()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(_connect(self.path)) as db, db:
                db.executemany("INSERT OR REPLACE INTO terms (key, counts) VALUES (?, ?)", rows)
        except (sqlite3.Error, OSError) as error:
            log.info("Could not write the term cache %s: %s", self.path, error)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE IF NOT EXISTS terms (key TEXT PRIMARY KEY, counts TEXT NOT NULL)")
    return db
