"""The engine's cache: each page's fingerprint, output, anchors and log lines from the last build.

Layout under ``<cache_dir>/build/``: ``manifest.json`` (one record per page) and ``outputs/``, each
page's HTML stored under its own content hash. Nothing in it is trusted: a manifest that does not
parse, has another format version or fails its checksum is thrown away (a cold build follows), and
an output whose bytes do not match their hash is rendered again.

Why keep a copy of every output when ``site_dir`` is kept between builds: ``mkdocs serve`` builds
into a new temporary folder every time it starts, and CI keeps ``.cache/`` between runs but not
``site/``; without the copies both would render every page again. The copy costs no second write:
an output is stored as a hard link to the page just written (a copy only where ``site_dir`` is on
another file system), and a page is always written to a new file (:mod:`hooks.build.render`
removes the old one first), so a stored output never changes under its name.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hooks.build.fingerprint import CACHE_FORMAT


@dataclass(frozen=True)
class LogLine:
    """One message a page's rendering logged, replayed when the page is kept from the cache."""

    logger: str
    level: int
    message: str


@dataclass(frozen=True)
class PageRecord:
    """What the engine knows about one page's last output."""

    fingerprint: str
    #: The output's path inside site_dir, and the hash its bytes are stored under ("" for none).
    dest: str
    output: str
    anchors: tuple[str, ...] = ()
    #: Links to anchors of other pages: target src_uri -> anchor -> the link as written.
    links: dict[str, dict[str, str]] = field(default_factory=dict)
    logs: tuple[LogLine, ...] = ()
    #: Size and modification time (ns) of the page's file in site_dir when this build left it:
    #: a kept page whose file no longer matches them is restored or rendered again.
    size: int = -1
    mtime_ns: int = -1

    def to_json(self) -> dict[str, object]:
        """The record as the manifest keeps it (by hand: ``dataclasses.asdict`` deep-copies)."""
        return {
            "fingerprint": self.fingerprint,
            "dest": self.dest,
            "output": self.output,
            "anchors": list(self.anchors),
            "links": self.links,
            "logs": [[line.logger, line.level, line.message] for line in self.logs],
            "size": self.size,
            "mtime_ns": self.mtime_ns,
        }


def output_hash(data: bytes) -> str:
    """The name an output is stored under."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class BuildCache:
    """The manifest and the stored outputs of one site's last build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.outputs = folder / "outputs"
        self.manifest = folder / "manifest.json"

    def load(self) -> tuple[dict[str, PageRecord], str | None]:
        """The last build's records, and why they were thrown away (``None`` when trusted)."""
        try:
            header_line, _, body = self.manifest.read_bytes().partition(b"\n")
            header = json.loads(header_line)
        except FileNotFoundError:
            return {}, "no cache yet"
        except (OSError, ValueError) as error:
            return {}, f"the cache manifest is unreadable ({error})"
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT:
            return {}, "the cache was written by another version of the engine"
        if output_hash(body) != header.get("checksum"):
            return {}, "the cache manifest fails its checksum"
        try:
            pages = json.loads(body)
        except ValueError as error:
            return {}, f"the cache manifest is unreadable ({error})"
        if not isinstance(pages, dict):
            return {}, "the cache manifest is malformed"
        try:
            return {uri: _record(raw) for uri, raw in pages.items()}, None
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            return {}, f"the cache manifest is malformed ({error})"

    def save(self, records: dict[str, PageRecord], previous: dict[str, PageRecord]) -> None:
        """Write the manifest atomically and drop outputs no page refers to any more.

        Nothing is written when ``records`` equal ``previous`` (the manifest this build loaded).
        """
        if records == previous and self.manifest.exists():
            return
        pages = {uri: records[uri].to_json() for uri in sorted(records)}
        body = json.dumps(pages, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = {"format": CACHE_FORMAT, "checksum": output_hash(body)}
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.manifest, json.dumps(header).encode("utf-8") + b"\n" + body)
        self._drop_unused(record.output for record in records.values())

    def store_file(self, written: Path, data: bytes) -> str:
        """Keep the output ``data`` just written to ``written``, as a hard link to it if possible."""
        name = output_hash(data)
        path = self._path(name)
        if path.exists():
            return name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(written, path)
        except FileExistsError:  # another worker stored the same bytes first
            pass
        except OSError:  # another file system, or links not allowed: a copy then
            _write_atomically(path, data)
        return name

    def restore(self, name: str, dest: Path) -> bool:
        """Put the stored output ``name`` at ``dest`` (a link, else a copy); False if damaged."""
        data = self.fetch(name)
        if data is None:
            return False
        dest.unlink(missing_ok=True)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self._path(name), dest)
        except OSError:
            _write_atomically(dest, data)
        return True

    def fetch(self, name: str) -> bytes | None:
        """A stored output, or ``None`` when it is missing or its bytes do not match its hash."""
        try:
            data = self._path(name).read_bytes()
        except OSError:
            return None
        return data if output_hash(data) == name else None

    def _path(self, name: str) -> Path:
        return self.outputs / name[:2] / name

    def _drop_unused(self, used: Iterable[str]) -> None:
        keep = set(used)
        if not self.outputs.is_dir():
            return
        for path in self.outputs.glob("*/*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)


def _record(raw: dict[str, object]) -> PageRecord:
    logs = raw.get("logs") or []
    assert isinstance(logs, list)
    return PageRecord(
        fingerprint=str(raw["fingerprint"]),
        dest=str(raw["dest"]),
        output=str(raw["output"]),
        anchors=tuple(str(a) for a in raw.get("anchors") or []),  # type: ignore[attr-defined]
        links={str(k): dict(v) for k, v in dict(raw.get("links") or {}).items()},  # type: ignore[call-overload]
        logs=tuple(LogLine(str(x[0]), int(x[1]), str(x[2])) for x in logs),
        size=int(raw["size"]),  # type: ignore[call-overload]
        mtime_ns=int(raw["mtime_ns"]),  # type: ignore[call-overload]
    )


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
