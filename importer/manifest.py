"""The import manifest: which source became which file, and what the importer last wrote there.

It is what lets a re-import be a no-op, and what tells an editor's edit (the file no longer matches
what the importer wrote) from an article the importer may still update. It lives in the docs folder
as ``_manifest.json`` (excluded from the site) so that it travels with the articles it describes.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from importer.atomic import atomic_write_text

MANIFEST_NAME = "_manifest.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """One imported source."""

    path: str  # relative to the docs folder, POSIX separators
    content_hash: str  # of the article's normalized text: finds the same article from two sources
    file_sha256: str  # of the file exactly as the importer wrote it: tells an editor's edit
    imported: str  # ISO date of the first import, kept so re-imports stay byte-identical


class ManifestError(ValueError):
    """A manifest file that cannot be read; the importer refuses to guess rather than clobber."""


class Manifest:
    """Source -> :class:`Entry`, loaded from and saved to ``docs/_manifest.json``."""

    def __init__(self, docs: Path) -> None:
        self.file = docs / MANIFEST_NAME
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._last_save = time.monotonic()
        if self.file.exists():
            self.entries = self._load()
        # Look-ups by hash and by path, so each page costs the same however large the library is.
        self._source_by_hash = {
            entry.content_hash: source for source, entry in self.entries.items()
        }
        self._paths = {entry.path for entry in self.entries.values()}

    def _load(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            return {source: Entry(**entry) for source, entry in data["sources"].items()}
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ManifestError(
                f"Cannot read the import manifest '{self.file}' ({error}); "
                "fix or delete it (deleting makes every article look edited by hand)"
            ) from None

    def get(self, source: str) -> Entry | None:
        return self.entries.get(source)

    def record(self, source: str, entry: Entry) -> None:
        if self.entries.get(source) != entry:
            self.entries[source] = entry
            self._source_by_hash.setdefault(entry.content_hash, source)
            self._paths.add(entry.path)
            self.dirty = True

    def source_with_hash(self, content_hash: str, other_than: str) -> str | None:
        """Another source that already brought in the same text, if any."""
        source = self._source_by_hash.get(content_hash)
        return source if source != other_than else None

    def claims(self, path: str) -> bool:
        """Whether an imported article already lives at ``path``."""
        return path in self._paths

    def checkpoint(self, interval: float) -> None:
        """Save if ``interval`` seconds passed since the last save (0: save now).

        Saving after every page costs time that grows with the library; a checkpoint every few
        seconds bounds it. Files written after the last checkpoint of a killed run are recognised
        and adopted by the next run (see :func:`importer.writer.write_article`).
        """
        if interval <= 0 or time.monotonic() - self._last_save >= interval:
            self.save()

    def save(self) -> None:
        """Write the manifest (sorted, so diffs stay small) if anything changed."""
        if not self.dirty:
            return
        data = {
            "version": FORMAT_VERSION,
            "sources": {source: asdict(self.entries[source]) for source in sorted(self.entries)},
        }
        atomic_write_text(
            self.file, json.dumps(data, ensure_ascii=False, indent=1) + "\n", durable=False
        )
        self.dirty = False
        self._last_save = time.monotonic()
