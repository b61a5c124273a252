"""Term vectors cached by content hash, in memory and in an SQLite file, so rebuilds read little.

An article's terms depend only on its title and body (and the tokenizer), so its vector is stored
under a hash of both. ``mkdocs serve`` keeps the plugin object between rebuilds, so the in-memory
layer serves an edit-and-rebuild; the SQLite layer serves the next ``mkdocs build``. SQLite rather
than one file: an edit adds one row instead of rewriting the whole cache. A vector is stored as two
raw little-endian arrays with a CRC-32 beside them.

The cache is only a shortcut, never trusted: the file records its format and the tokenizer version
(a file of another version or another program is deleted and started anew), a row whose checksum or
length does not match is recomputed and overwritten, and a file SQLite cannot read is replaced. A
cache that cannot be written only costs time, so it degrades to memory with a log message instead
of failing the build.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np

from hooks.recommended.tokens import (
    TOKENIZER_VERSION,
    TermVector,
    term_vector,
    tokenizer_fingerprint,
)

log = logging.getLogger(__name__)

#: File name of the cache inside the configured cache folder.
CACHE_FILE = "recommended-terms.sqlite3"

#: What the file's ``meta`` table must say; anything else is a foreign or outdated cache.
CACHE_FORMAT = "secretariat-recommended-terms"
CACHE_VERSION = f"3/{TOKENIZER_VERSION}"

#: SQLite allows a limited number of ``?`` parameters per statement.
_CHUNK = 500

_ID_BYTES = 8
_COUNT_BYTES = 4


def content_key(title: str, body: str) -> str:
    """The cache key: changes whenever the title, the body or the tokenizer changes."""
    digest = hashlib.sha256()
    for part in (tokenizer_fingerprint(), title, body):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def encode(vector: TermVector) -> bytes:
    """``crc32 | ids | counts``: what one row holds."""
    payload = vector.ids.astype("<u8").tobytes() + vector.counts.astype("<u4").tobytes()
    return zlib.crc32(payload).to_bytes(4, "little") + payload


def decode(blob: bytes) -> TermVector | None:
    """The vector in ``blob``; None if it is truncated, corrupt or not a valid vector."""
    payload = blob[4:]
    if len(blob) < 4 or int.from_bytes(blob[:4], "little") != zlib.crc32(payload):
        return None
    size, extra = divmod(len(payload), _ID_BYTES + _COUNT_BYTES)
    if extra:
        return None
    ids = np.frombuffer(payload, dtype="<u8", count=size).astype(np.uint64)
    counts = np.frombuffer(payload, dtype="<u4", offset=size * _ID_BYTES).astype(np.uint32)
    if size and (not (counts > 0).all() or not (ids[1:] > ids[:-1]).all()):
        return None
    return TermVector(ids, counts)


class TermCache:
    """Term vectors by content key; ``hits``/``misses`` count the last :meth:`counts_for` call."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE if folder else None
        self.memory: dict[str, TermVector] = {}
        #: The content keys of the last :meth:`counts_for` call, in its order.
        self.keys: list[str] = []
        self.hits = 0
        self.misses = 0

    def counts_for(
        self, articles: Sequence[tuple[str, str]], keys: Sequence[str] | None = None
    ) -> list[TermVector]:
        """The term vector of each ``(title, body)``, computing only those not cached.

        ``keys`` are the articles' :func:`content_key` s when the caller has them already.
        """
        if keys is None:
            keys = [content_key(title, body) for title, body in articles]
        self.keys = keys = list(keys)
        wanted = {key for key in keys if key not in self.memory}
        self.memory.update(self._load(wanted))
        fresh: dict[str, TermVector] = {}
        for key, (title, body) in zip(keys, articles, strict=True):
            if key not in self.memory:
                fresh[key] = self.memory[key] = term_vector(title, body)
        self.misses = len(fresh)
        self.hits = len(keys) - self.misses
        self._store(fresh)
        self.memory = {key: self.memory[key] for key in keys}
        return [self.memory[key] for key in keys]

    def _load(self, keys: set[str]) -> dict[str, TermVector]:
        """The valid cached vectors under ``keys``; a bad row is left out (and so recomputed)."""
        if not keys or self.path is None or not self.path.exists():
            return {}
        found: dict[str, TermVector] = {}
        ordered = sorted(keys)
        bad = 0
        try:
            with self._database() as db:
                for start in range(0, len(ordered), _CHUNK):
                    chunk = ordered[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, vector FROM terms WHERE key IN ({marks})"
                    for key, blob in db.execute(query, chunk):
                        vector = decode(blob) if isinstance(blob, bytes) else None
                        if vector is None:
                            bad += 1
                        else:
                            found[key] = vector
        except sqlite3.Error as error:
            log.info("Replacing the unreadable term cache %s: %s", self.path, error)
            self._discard()
            return {}
        if bad:
            log.info("Recomputing %d corrupt rows of the term cache %s", bad, self.path)
        return found

    def _store(self, fresh: dict[str, TermVector]) -> None:
        if not fresh or self.path is None:
            return
        rows = [(key, encode(vector)) for key, vector in fresh.items()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._database() as db:
                db.executemany("INSERT OR REPLACE INTO terms (key, vector) VALUES (?, ?)", rows)
        except sqlite3.Error as error:
            log.info("Replacing the unwritable term cache %s: %s", self.path, error)
            self._discard()
            self._store_once(rows)
        except OSError as error:
            log.info("Could not write the term cache %s: %s", self.path, error)

    def _store_once(self, rows: list[tuple[str, bytes]]) -> None:
        """A second try after replacing a broken file; failing again only costs time."""
        try:
            with self._database() as db:
                db.executemany("INSERT OR REPLACE INTO terms (key, vector) VALUES (?, ?)", rows)
        except (sqlite3.Error, OSError) as error:
            log.info("Could not write the term cache %s: %s", self.path, error)

    @contextmanager
    def _database(self) -> Iterator[sqlite3.Connection]:
        """The cache file, checked to be ours and of this version (else emptied first)."""
        assert self.path is not None
        with closing(sqlite3.connect(self.path)) as db, db:
            if _meta(db) != (CACHE_FORMAT, CACHE_VERSION):
                db.executescript(
                    "DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS meta;"
                    "CREATE TABLE meta (format TEXT NOT NULL, version TEXT NOT NULL);"
                    "CREATE TABLE terms (key TEXT PRIMARY KEY, vector BLOB NOT NULL);"
                )
                db.execute("INSERT INTO meta VALUES (?, ?)", (CACHE_FORMAT, CACHE_VERSION))
            yield db

    def _discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def _meta(db: sqlite3.Connection) -> tuple[str, str] | None:
    """The file's (format, version), or None when it has no such mark (foreign or too old)."""
    try:
        rows = db.execute("SELECT format, version FROM meta").fetchall()
    except sqlite3.OperationalError:
        return None
    return (str(rows[0][0]), str(rows[0][1])) if len(rows) == 1 else None
