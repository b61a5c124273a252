"""The import manifest: which source became which file, and what the importer last wrote there.

It is what lets a re-import be a no-op, and what tells an editor's edit (the file no longer matches
what the importer wrote) from an article the importer may still update. It lives in the docs folder
as ``_manifest.json`` (excluded from the site) so that it travels with the articles it describes.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importer.atomic import atomic_write_text, remove_stale_temp_files

MANIFEST_NAME = "_manifest.json"
#: 2 added ``output_sha256``; a version-1 manifest is read as if it were the file's hash.
FORMAT_VERSION = 2
_READABLE_VERSIONS = (1, 2)


@dataclass(frozen=True)
class Entry:
    """One imported source."""

    path: str  # relative to the docs folder, POSIX separators
    content_hash: str  # of the article's normalized text: finds the same article from two sources
    #: Of the file as the importer last wrote it there: tells an editor's edit. Empty when the
    #: importer never wrote the file it now tracks (a lost manifest), so every text counts as edited.
    file_sha256: str
    imported: str  # ISO date of the first import, kept so re-imports stay byte-identical
    #: Of the importer's latest version of this source, wherever it went: into the file, or beside
    #: it as ``.incoming``. A re-import that produces it again has nothing new to say.
    output_sha256: str = ""

    @property
    def latest_output(self) -> str:
        return self.output_sha256 or self.file_sha256


class ManifestError(ValueError):
    """A manifest file that cannot be read; the importer refuses to guess rather than clobber."""


_FIX = (
    "fix it, or delete it: the next import then takes back only the articles that are exactly as "
    "it would write them, and never overwrites any other file"
)


class Manifest:
    """Source -> :class:`Entry`, loaded from and saved to ``docs/_manifest.json``."""

    def __init__(self, docs: Path) -> None:
        self.file = docs / MANIFEST_NAME
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._last_save = time.monotonic()
        #: Temporary files of a killed run (the manifest's and the articles'), deleted on opening.
        self.removed_temp_files = remove_stale_temp_files(docs)
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
        except (OSError, ValueError) as error:
            raise self._error(str(error)) from None
        if not isinstance(data, dict):
            raise self._error("it is not a JSON object")
        if data.get("version", 1) not in _READABLE_VERSIONS:
            raise self._error(
                f"format version {data.get('version')!r} is not one this importer reads "
                f"({', '.join(map(str, _READABLE_VERSIONS))})"
            )
        sources = data.get("sources")
        if not isinstance(sources, dict):
            raise self._error(f'"sources" must be an object of entries (got {_json(sources)})')
        return {source: self._entry(source, fields) for source, fields in sources.items()}

    def _entry(self, source: str, fields: Any) -> Entry:
        """One entry, checked key by key so that the message names what is wrong."""
        where = f'the entry for "{source}"'
        if not isinstance(fields, Mapping):
            raise self._error(f"{where} must be an object (got {_json(fields)})")
        values: dict[str, str] = {}
        for name in ("path", "content_hash", "file_sha256", "imported", "output_sha256"):
            value = fields.get(name, "" if name == "output_sha256" else None)
            if value is None:
                raise self._error(f'{where} has no "{name}"')
            if not isinstance(value, str):
                raise self._error(f'{where} has a "{name}" that is not text (got {_json(value)})')
            values[name] = value
        if not values["path"]:
            raise self._error(f'{where} has an empty "path"')
        unknown = sorted(set(fields) - set(values))
        if unknown:
            raise self._error(f'{where} has an unknown key "{unknown[0]}"')
        return Entry(**values)

    def _error(self, problem: str) -> ManifestError:
        return ManifestError(f"Cannot read the import manifest '{self.file}': {problem}; {_FIX}")

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
            "sources": {source: _fields(self.entries[source]) for source in sorted(self.entries)},
        }
        atomic_write_text(
            self.file, json.dumps(data, ensure_ascii=False, indent=1) + "\n", durable=False
        )
        self.dirty = False
        self._last_save = time.monotonic()


def _fields(entry: Entry) -> dict[str, str]:
    """An entry as saved: ``output_sha256`` only when it differs from the file's (a conflict).

    The fields are read one by one, in their declared order, rather than by ``asdict``, whose
    deep copy of each entry was half the cost of a save.
    """
    fields = {field.name: getattr(entry, field.name) for field in _ENTRY_FIELDS}
    if not fields["output_sha256"]:
        del fields["output_sha256"]
    return fields


_ENTRY_FIELDS = dataclasses.fields(Entry)


def _json(value: object) -> str:
    """A value as it looks in the JSON file, shortened: what the user will search the file for."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
