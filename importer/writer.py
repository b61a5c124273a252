"""Stage 7: write an article, putting editors first.

The decision table, for one source:

* never imported, new text      -> write it (at a free path: an editor's file is never replaced);
* never imported, text known    -> ``duplicate``: the same article came from another source;
* never imported, but its file is there (a killed run wrote it after the last manifest checkpoint)
                                -> adopt that file: ``unchanged``;
* imported, file as we wrote it -> ``unchanged`` if identical, else ``updated`` (the source changed);
* imported, file edited since   -> ``conflict``: the editor's file stays, ours goes beside it
  as ``<name>.md.incoming``;
* imported, file deleted        -> ``unchanged``: an editor retired it; it is not brought back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from pathlib import Path, PurePosixPath

from importer.atomic import atomic_write_text
from importer.manifest import Entry, Manifest
from importer.records import Article, Outcome, Status
from library.frontmatter import dump, split

INCOMING_SUFFIX = ".incoming"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_article(article: Article, source: str, docs: Path, manifest: Manifest) -> Outcome:
    """Apply the decision table above and record the result in the manifest."""
    entry = manifest.get(source)
    if entry is not None:
        article = replace(
            article, front=replace(article.front, imported=dt.date.fromisoformat(entry.imported))
        )
        return _reimport(article, source, docs, manifest, entry)
    content_hash = article.front.hash or ""
    twin = manifest.source_with_hash(content_hash, other_than=source)
    if twin is not None:
        twin_path = manifest.entries[twin].path
        return Outcome(source, Status.DUPLICATE, twin_path, f"same text as {twin}")
    adopted = _adopt(article, source, docs, manifest)
    if adopted is not None:
        return adopted
    relative = _free_path(article.relative_path, docs, manifest)
    text = dump(article.front, article.body)
    atomic_write_text(_inside(docs, relative), text)
    manifest.record(source, _entry(relative, content_hash, text, article))
    return Outcome(source, Status.IMPORTED, relative)


def _reimport(
    article: Article, source: str, docs: Path, manifest: Manifest, entry: Entry
) -> Outcome:
    text = dump(article.front, article.body)
    target = _inside(docs, entry.path)
    if not target.exists():
        return Outcome(source, Status.UNCHANGED, entry.path, "retired by an editor; not re-created")
    on_disk = target.read_text(encoding="utf-8")
    if sha256(on_disk) != entry.file_sha256:
        if on_disk == text:
            manifest.record(source, replace(entry, file_sha256=sha256(text)))
            return Outcome(source, Status.UNCHANGED, entry.path)
        incoming = target.with_name(target.name + INCOMING_SUFFIX)
        if not incoming.exists() or incoming.read_text(encoding="utf-8") != text:
            atomic_write_text(incoming, text)
        return Outcome(
            source,
            Status.CONFLICT,
            entry.path,
            f"edited since import; the importer's version is beside it as {incoming.name}",
        )
    if on_disk == text:
        return Outcome(source, Status.UNCHANGED, entry.path)
    atomic_write_text(target, text)
    manifest.record(source, _entry(entry.path, article.front.hash or "", text, article))
    return Outcome(source, Status.UPDATED, entry.path)


def _adopt(article: Article, source: str, docs: Path, manifest: Manifest) -> Outcome | None:
    """Take over a file that an interrupted run wrote for this very source and text."""
    target = _inside(docs, article.relative_path)
    if manifest.claims(article.relative_path) or not target.is_file():
        return None
    on_disk = target.read_text(encoding="utf-8")
    try:
        meta, _ = split(on_disk)
    except ValueError:
        return None
    same = meta.get("source") == article.front.source and meta.get("hash") == article.front.hash
    imported = meta.get("imported")
    if not same or not isinstance(imported, dt.date):
        return None
    manifest.record(
        source,
        Entry(
            path=article.relative_path,
            content_hash=article.front.hash or "",
            file_sha256=sha256(on_disk),
            imported=imported.isoformat(),
        ),
    )
    return Outcome(
        source, Status.UNCHANGED, article.relative_path, "adopted from an interrupted run"
    )


def _entry(relative: str, content_hash: str, text: str, article: Article) -> Entry:
    imported = article.front.imported or dt.date.today()
    return Entry(
        path=relative,
        content_hash=content_hash,
        file_sha256=sha256(text),
        imported=imported.isoformat(),
    )


def _free_path(relative: str, docs: Path, manifest: Manifest) -> str:
    """The wanted path, or ``name-2.md``, ``name-3.md`` ... when a file or a claim is already there."""
    candidate = PurePosixPath(relative)
    number = 1
    while manifest.claims(str(candidate)) or _inside(docs, str(candidate)).exists():
        number += 1
        candidate = candidate.with_name(f"{PurePosixPath(relative).stem}-{number}.md")
    return str(candidate)


def _inside(docs: Path, relative: str) -> Path:
    """Resolve a docs-relative path, refusing anything that would land outside the docs folder."""
    root = docs.resolve()
    target = (root / relative).resolve()
    if root not in target.parents:
        raise ValueError(f"refusing to write outside the docs folder: {relative!r}")
    return target
