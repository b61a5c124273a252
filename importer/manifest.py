"""The import manifest: which source became which file, and what the importer last wrote there.

It is what lets a re-import be a no-op, and what tells an editor's edit (the file no longer matches
what the importer wrote) from an article the importer may still update. It lives in the docs folder
as ``_manifest.json`` (excluded from the site) so that it travels with the articles it describes.
"""

from __future__ import annotations

import json
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
        if self.file.exists():
            self.entries = self._load()

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
            self.dirty = True

    def source_with_hash(self, content_hash: str, other_than: str) -> str | None:
        """Another source that already brought in the same text, if any."""
        for source, entry in self.entries.items():
            if entry.content_hash == content_hash and source != other_than:
                return source
        return None

    def paths(self) -> set[str]:
        return {entry.path for entry in self.entries.values()}

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
