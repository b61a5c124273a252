"""The library of one build: every article read, validated and measured once.

``scan_library`` turns the article files into frozen :class:`ArticleRecord` s; every plugin of the
site (lists, Popular, Recommended, the feed, search, the article header) reads them instead of
working the facts out again from page events. Problems (invalid front matter) are collected here,
once per file, for the site adapter to report.

Parsing YAML, validating it and measuring the text is most of the cost at 100,000 articles, and
almost every file is unchanged from the previous build, so what a file yields is kept on disk under
``.cache/library/``, keyed by a hash of the file's text. The cache is only a shortcut: a version
mark guards its format and a checksum its content, and a file that is corrupt, foreign or of
another version is ignored and written anew, never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from library.frontmatter import (
    FrontMatter,
    FrontMatterError,
    body_of,
    check_template,
    from_mapping,
    from_own_mapping,
    split,
)
from library.names import folder_of
from library.reading_time import reading_minutes
from library.text import CHINESE, is_chinese

#: Bump whenever a record's content or the cache file's layout changes.
CACHE_VERSION = 1
CACHE_FORMAT = "secretariat-library"
CACHE_FILE = "records.json"


@dataclass(frozen=True)
class ArticleRecord:
    """One valid article, as every plugin sees it."""

    src_uri: str
    front: FrontMatter
    #: The text after the front matter, leading blank lines dropped (as MkDocs hands it on).
    body: str
    #: The folder of the list page the article belongs to: its subcategory's, else its category's.
    folder: str
    minutes: int
    #: ``zh`` for a Chinese article, None for one in the site's own language.
    language: str | None
    content_hash: str

    @property
    def category_folder(self) -> str:
        """The category's folder, which also lists the articles of its subcategories."""
        return folder_of(self.front.category)

    @property
    def date(self) -> dt.date | None:
        """The date the text was written; an imported article without one: when it was imported."""
        return self.front.date or self.front.imported


@dataclass(frozen=True)
class Problem:
    """A file that is not a valid article, with the message for its editor."""

    src_uri: str
    message: str
    content_hash: str = ""


@dataclass(frozen=True)
class Library:
    """Every valid article by ``src_uri`` (in ``src_uri`` order), and the files that were not."""

    records: Mapping[str, ArticleRecord] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    #: The articles this scan had to read (in neither the last scan nor the cache): new or edited
    #: since the last build. The build engine renders them first, so that their search shard
    #: gets them while the rest of the site is checked. How a library was scanned is not what it
    #: holds: two scans of the same files are equal.
    fresh: frozenset[str] = field(default=frozenset(), compare=False)

    def __iter__(self) -> Iterator[ArticleRecord]:
        return iter(self.records.values())

    def __len__(self) -> int:
        return len(self.records)

    def get(self, src_uri: str) -> ArticleRecord | None:
        return self.records.get(src_uri)

    @property
    def refused(self) -> frozenset[str]:
        """The files that are not valid articles."""
        return frozenset(problem.src_uri for problem in self.problems)

    def without_templates_outside(self, templates: Collection[str]) -> Library:
        """This library less the articles whose ``template:`` the theme does not have.

        Which templates exist is a fact of the site, not of the file, so it is checked on every
        build (cached records included), not when a file is first read.
        """
        problems = list(self.problems)
        records: dict[str, ArticleRecord] = {}
        for src_uri, record in self.records.items():
            try:
                check_template(record.front.theme.get("template"), src_uri, templates)
            except FrontMatterError as error:
                problems.append(Problem(src_uri, str(error), record.content_hash))
                continue
            records[src_uri] = record
        if len(records) == len(self.records):
            return self
        return Library(records, tuple(problems), self.fresh & records.keys())


@dataclass
class ScanStats:
    """What the cache saved, for the build's debug log and for tests."""

    hits: int = 0
    misses: int = 0
    #: Why the cache file was not used, if it was not (missing, corrupt, another version).
    discarded: str | None = None


def content_hash(text: str) -> str:
    """The key of a file's text in the cache."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def scan_library(
    sources: Iterable[tuple[str, str]],
    cache_dir: Path | None = None,
    stats: ScanStats | None = None,
    previous: Library | None = None,
) -> Library:
    """The library of ``(src_uri, text)`` article files, using and refreshing ``cache_dir``.

    ``previous`` is the last Library this process built (``mkdocs serve`` rebuilds): when every
    file is one of its records, unchanged and at the same path, it is returned without touching
    the disk.
    """
    stats = stats if stats is not None else ScanStats()
    sources = sorted(sources)
    if previous is not None and _unchanged(previous, sources):
        stats.hits = len(sources)
        return replace(previous, fresh=frozenset()) if previous.fresh else previous
    reusable = _by_content(previous)
    disk = _DiskEntries(LibraryCache(cache_dir) if cache_dir is not None else None, stats)
    fresh: dict[str, dict[str, Any] | ArticleRecord] = {}
    records: dict[str, ArticleRecord] = {}
    problems: list[Problem] = []
    read: set[str] = set()
    for src_uri, text in sources:
        key = content_hash(text)
        record = reusable.get((src_uri, key))
        if record is not None:
            fresh[key] = record
        else:
            entry = disk.get(key)
            record = _from_cache(src_uri, text, key, entry)
            if record is not None and entry is not None:
                fresh[key] = entry
        if record is not None:
            stats.hits += 1
        else:
            stats.misses += 1
            try:
                record = read_article(src_uri, text, key)
            except ArticleError as error:
                problems.append(Problem(src_uri, str(error), key))
                continue
            fresh[key] = record
            read.add(src_uri)
        records[src_uri] = record
    if disk.cache is not None and (stats.misses or disk.stale(fresh.keys())):
        disk.save(fresh)
    return Library(records, tuple(problems), frozenset(read))


def _by_content(previous: Library | None) -> dict[tuple[str, str], ArticleRecord]:
    """The records of the last scan by path and content: a file unchanged since is not re-read."""
    if previous is None:
        return {}
    return {(src_uri, r.content_hash): r for src_uri, r in previous.records.items()}


class _DiskEntries:
    """The disk cache's entries, read only once a file is not in the previous scan.

    ``mkdocs serve`` rebuilds after a save with the last scan in memory: the edited file is read,
    the others are taken from that scan, and the cache file is read only to be written back.
    """

    def __init__(self, cache: LibraryCache | None, stats: ScanStats) -> None:
        self.cache = cache
        self.stats = stats
        self.entries: dict[str, dict[str, Any]] = {}
        self.loaded = False

    def get(self, key: str) -> dict[str, Any] | None:
        self._load()
        return self.entries.get(key)

    def stale(self, keys: Collection[str]) -> bool:
        """Whether the file holds other entries than ``keys`` (or could not be used)."""
        self._load()
        return bool(self.stats.discarded) or self.entries.keys() != set(keys)

    def _load(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.entries = self.cache.load(self.stats) if self.cache is not None else {}

    def save(self, fresh: Mapping[str, dict[str, Any] | ArticleRecord]) -> None:
        assert self.cache is not None
        entries = {}
        for key, value in fresh.items():
            entry = (
                (self.get(key) or _cache_entry(value))
                if isinstance(value, ArticleRecord)
                else value
            )
            if entry is not None:
                entries[key] = entry
        self.cache.save(entries)


def _unchanged(previous: Library, sources: list[tuple[str, str]]) -> bool:
    """Whether ``sources`` are exactly the files ``previous`` was scanned from."""
    if len(sources) != len(previous.records) + len(previous.problems):
        return False
    problems = {p.src_uri: p.content_hash for p in previous.problems}
    for src_uri, text in sources:
        record = previous.records.get(src_uri)
        known = record.content_hash if record is not None else problems.get(src_uri)
        if known is None or known != content_hash(text):
            return False
    return True


class ArticleError(ValueError):
    """A file that cannot be an article; the message names the file and what is wrong."""


def read_article(src_uri: str, text: str, key: str | None = None) -> ArticleRecord:
    """Parse, validate and measure one article; :class:`ArticleError` if it is not valid."""
    try:
        meta, body = split(text, src_uri)
        front = from_mapping(meta, src_uri)
    except FrontMatterError as error:
        raise ArticleError(str(error)) from None
    except (ValueError, yaml.YAMLError) as error:
        problem = " ".join(str(error).split())
        raise ArticleError(f"Cannot read the front matter of '{src_uri}': {problem}") from None
    body = body.lstrip("\n")
    return _record(src_uri, front, body, key or content_hash(text), _measure(front, body))


def _measure(front: FrontMatter, body: str) -> tuple[int, str | None]:
    language = CHINESE if is_chinese(f"{front.title}\n{body}") else None
    return reading_minutes(body), language


def _record(
    src_uri: str, front: FrontMatter, body: str, key: str, measured: tuple[int, str | None]
) -> ArticleRecord:
    return ArticleRecord(
        src_uri=src_uri,
        front=front,
        body=body,
        folder=folder_of(front.category, front.subcategory),
        minutes=measured[0],
        language=measured[1],
        content_hash=key,
    )


def _from_cache(
    src_uri: str, text: str, key: str, entry: Mapping[str, Any] | None
) -> ArticleRecord | None:
    """The record from a cache entry, or None when the entry is missing or malformed."""
    if entry is None:
        return None
    try:
        front = from_own_mapping(entry["front"])
        minutes, language = entry["minutes"], entry["language"]
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(minutes, int) or language not in (None, CHINESE):
        return None
    return _record(src_uri, front, body_of(text).lstrip("\n"), key, (minutes, language))


def _cache_entry(record: ArticleRecord) -> dict[str, Any] | None:
    """What the cache keeps of a record; None for front matter JSON cannot hold exactly."""
    mapping = record.front.to_mapping()
    entry = {"front": mapping, "minutes": record.minutes, "language": record.language}
    try:
        json.dumps(entry, default=_date_only)
    except TypeError:
        return None
    return entry


def _date_only(value: object) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"not kept in the cache: {value!r}")


class LibraryCache:
    """``records.json`` in ``folder``: a header line, then ``{content hash: entry}`` as JSON."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE

    def load(self, stats: ScanStats) -> dict[str, dict[str, Any]]:
        """The entries, or none (with the reason in ``stats``) when the file cannot be trusted.

        The first line is a header (format, version, SHA-256 of the rest); the rest is the entries
        as JSON. A file that is cut short, edited or damaged fails the checksum and is not used.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            stats.discarded = "no cache yet"
            return {}
        except OSError as error:
            stats.discarded = f"unreadable ({error})"
            return {}
        header_line, _, body = raw.partition(b"\n")
        try:
            header = json.loads(header_line)
        except ValueError as error:
            stats.discarded = f"unreadable ({error})"
            return {}
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT:
            stats.discarded = "not a library cache"
            return {}
        if header.get("version") != CACHE_VERSION:
            stats.discarded = (
                f"version {header.get('version')!r}, this build writes {CACHE_VERSION}"
            )
            return {}
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            stats.discarded = "corrupt (checksum does not match)"
            return {}
        try:
            entries = json.loads(body)
        except ValueError as error:
            stats.discarded = f"corrupt ({error})"
            return {}
        if not isinstance(entries, dict) or not all(isinstance(e, dict) for e in entries.values()):
            stats.discarded = "corrupt entries"
            return {}
        return entries

    def save(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace the file in one step, so a crash never leaves half a cache behind."""
        body = json.dumps(entries, ensure_ascii=False, sort_keys=True, default=_date_only)
        data = body.encode("utf-8")
        header = {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        document = json.dumps(header).encode("utf-8") + b"\n" + data
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=self.folder, prefix=".records-")
        except OSError:
            # A read-only checkout still builds; it only misses the shortcut next time.
            return
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(document)
            temporary.replace(self.path)
        except OSError:
            temporary.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
