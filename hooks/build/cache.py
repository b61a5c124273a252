"""The engine's cache: each page's fingerprint, output, anchors and log lines from the last build.

Layout under ``<cache_dir>/build/``: ``manifest.json`` (one record per page) and ``outputs/``, each
page's HTML stored under its own content hash. Nothing in it is trusted: a manifest that does not
parse, has another format version or fails its checksum is thrown away (a cold build follows), and
an output whose bytes do not match their hash is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
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
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}, "no cache yet"
        except (OSError, ValueError) as error:
            return {}, f"the cache manifest is unreadable ({error})"
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return {}, "the cache was written by another version of the engine"
        pages = data.get("pages")
        if not isinstance(pages, dict) or _checksum(pages) != data.get("checksum"):
            return {}, "the cache manifest fails its checksum"
        try:
            return {uri: _record(raw) for uri, raw in pages.items()}, None
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            return {}, f"the cache manifest is malformed ({error})"

    def save(self, records: dict[str, PageRecord]) -> None:
        """Write the manifest atomically and drop outputs no page refers to any more."""
        pages = {uri: asdict(record) for uri, record in sorted(records.items())}
        data = {"format": CACHE_FORMAT, "checksum": _checksum(pages), "pages": pages}
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.manifest, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self._drop_unused(record.output for record in records.values())

    def store(self, data: bytes) -> str:
        """Keep an output; returns its hash."""
        name = output_hash(data)
        path = self._path(name)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, data)
        return name

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
        logs=tuple(LogLine(str(x["logger"]), int(x["level"]), str(x["message"])) for x in logs),
    )


def _checksum(pages: object) -> str:
    return hashlib.blake2b(
        json.dumps(pages, sort_keys=True, ensure_ascii=False).encode("utf-8"), digest_size=20
    ).hexdigest()


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
