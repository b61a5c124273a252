"""Stage 7: write an article, putting editors first.

An editor's text is never overwritten, and an unchanged source means nothing to do. The decision
table, for one source (``ours`` is the file the importer would write now):

* imported, file as the importer last wrote it
                                -> ``unchanged`` if ``ours`` is the same, else ``updated``;
* imported, file edited since, and ``ours`` is what the importer last produced for the source
  (written or offered: the source did not change)
                                -> ``unchanged``: nothing is written, the edit is kept;
* imported, file edited since, source changed
                                -> ``conflict``: the editor's file stays, ``ours`` goes beside it as
                                   ``<name>.md.incoming`` (once: the next run with the same source
                                   reports ``unchanged``);
* imported, file deleted since
                                -> ``unchanged``: an editor retired it; it is not brought back;
* never imported, text known    -> ``duplicate``: the same article came from another source;
* never imported (no manifest record: a killed run wrote the file after its last checkpoint, or
  the manifest was deleted), and a file at the article's path or one of its ``-2``, ``-3`` ...
  variants names the same ``source``:
    - it is ``ours`` byte for byte (with its own ``imported`` date)
                                -> adopted: ``unchanged``;
    - its ``hash`` is ours (same article text from the source), yet the file differs
                                -> an editor's edit: kept, recorded as edited, ``unchanged``;
    - otherwise (the source changed too, and the file is not ours)
                                -> ``conflict``, as above: it is treated as an editor's file;
* never imported, no such file  -> write it at a free path (an editor's file is never replaced).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from importer.atomic import atomic_write_text
from importer.manifest import Entry, Manifest
from importer.records import Article, Outcome, Status
from library.frontmatter import split

INCOMING_SUFFIX = ".incoming"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Decision:
    """What to do for one source: at most one file to write, then at most one manifest record.

    Deciding reads the docs folder but changes nothing, so the write can run elsewhere (a writer
    thread, overlapping the next page's work) and the record follow only once the file is safely
    on disk: a manifest never names an article that a crash could still lose.
    """

    outcome: Outcome
    write: tuple[Path, str] | None = None  # the file and its text
    record: tuple[str, Entry] | None = None  # source and entry, recorded once ``write`` is done


def write_article(article: Article, source: str, docs: Path, manifest: Manifest) -> Outcome:
    """Apply the decision table above now: write the file, then record it in the manifest."""
    decision = decide(article, source, docs, manifest)
    if decision.write is not None:
        atomic_write_text(*decision.write)
    apply_record(decision, manifest)
    return decision.outcome


def apply_record(decision: Decision, manifest: Manifest) -> None:
    """Record the decision in the manifest (call only once its file is written)."""
    if decision.record is not None:
        manifest.record(*decision.record)


def decide(article: Article, source: str, docs: Path, manifest: Manifest) -> Decision:
    """The decision table above for one source, without writing anything."""
    docs = docs.resolve()  # once: each path below is checked against it (see _inside)
    entry = manifest.get(source)
    if entry is not None:
        return _reimport(_dated(article, entry.imported), source, docs, manifest, entry)
    content_hash = article.front.hash or ""
    twin = manifest.source_with_hash(content_hash, other_than=source)
    if twin is not None:
        twin_path = manifest.entries[twin].path
        return Decision(Outcome(source, Status.DUPLICATE, twin_path, f"same text as {twin}"))
    found = _find_unrecorded(article, docs, manifest)
    if isinstance(found, _Unrecorded):
        return _take_back(found, source, docs)
    text = article.text
    return Decision(
        Outcome(source, Status.IMPORTED, found),
        write=(_inside(docs, found), text),
        record=(source, _entry(found, article, text)),
    )


def _reimport(
    article: Article, source: str, docs: Path, manifest: Manifest, entry: Entry
) -> Decision:
    text = article.text
    target = _inside(docs, entry.path)
    if not target.exists():
        return Decision(
            Outcome(source, Status.UNCHANGED, entry.path, "retired by an editor; not re-created")
        )
    on_disk = target.read_text(encoding="utf-8")
    if on_disk == text:
        return Decision(
            Outcome(source, Status.UNCHANGED, entry.path),
            record=(source, replace(entry, file_sha256=sha256(text), output_sha256="")),
        )
    if sha256(on_disk) == entry.file_sha256:  # nobody touched it: the source changed
        return Decision(
            Outcome(source, Status.UPDATED, entry.path),
            write=(target, text),
            record=(source, _entry(entry.path, article, text)),
        )
    if sha256(text) == entry.latest_output:
        return Decision(Outcome(source, Status.UNCHANGED, entry.path, _kept_note(target)))
    return _conflict(target, text, source, entry)


def _conflict(target: Path, text: str, source: str, entry: Entry) -> Decision:
    """Leave the editor's file alone and offer ours beside it, remembering that it was offered."""
    incoming = target.with_name(target.name + INCOMING_SUFFIX)
    unchanged = incoming.exists() and incoming.read_text(encoding="utf-8") == text
    outcome = Outcome(
        source,
        Status.CONFLICT,
        entry.path,
        f"edited since import; the importer's version is beside it as {incoming.name}",
    )
    return Decision(
        outcome,
        write=None if unchanged else (incoming, text),
        record=(source, replace(entry, output_sha256=sha256(text))),
    )


def _kept_note(target: Path) -> str:
    incoming = target.with_name(target.name + INCOMING_SUFFIX)
    if incoming.exists():
        return f"edited since import; kept (the importer's newer version is in {incoming.name})"
    return "edited since import; kept"


#: "same": byte for byte ours; "edited": the same source text, edited; "changed": the source changed.
_Kind = Literal["same", "edited", "changed"]
#: Which unrecorded file of a source wins when several are found: the closest to ours.
_PREFERENCE: dict[_Kind, int] = {"same": 0, "edited": 1, "changed": 2}


@dataclass(frozen=True)
class _Unrecorded:
    """A file that names this source but has no manifest record, and how it compares to ours."""

    path: str
    article: Article  # ours, dated like the file, so that only real differences count
    kind: _Kind


def _find_unrecorded(article: Article, docs: Path, manifest: Manifest) -> _Unrecorded | str:
    """The best unrecorded file of this source among the article's paths, else the free path.

    The paths are tried in the order a run hands them out (``x.md``, ``x-2.md`` ...), so a killed
    run's ``x-3.md`` is found again, not duplicated as ``x-4.md``.
    """
    found: list[_Unrecorded] = []
    for relative in _candidate_paths(article.relative_path):
        if manifest.claims(relative):
            continue
        target = _inside(docs, relative)
        if target.with_suffix("").is_dir():
            continue  # x.md beside a folder x/ would share its address (x/index.md's)
        if not target.exists():
            return min(found, key=lambda f: _PREFERENCE[f.kind]) if found else relative
        compared = _compare(article, relative, target)
        if compared is not None:
            if compared.kind == "same":
                return compared
            found.append(compared)
    raise AssertionError("unreachable: the candidate paths never end")


def _compare(article: Article, relative: str, target: Path) -> _Unrecorded | None:
    """How the file at ``target`` relates to ``article``; None if it is not from this source."""
    try:
        on_disk = target.read_text(encoding="utf-8")
        meta, _ = split(on_disk)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    imported = meta.get("imported")
    if meta.get("source") != article.front.source or not isinstance(imported, dt.date):
        return None
    ours = _dated(article, imported.isoformat())
    if ours.text == on_disk:
        return _Unrecorded(relative, ours, "same")
    return _Unrecorded(
        relative, ours, "edited" if meta.get("hash") == ours.front.hash else "changed"
    )


def _take_back(found: _Unrecorded, source: str, docs: Path) -> Decision:
    """Record an unrecorded file of this source: adopt it, keep it as edited, or offer ours."""
    text = found.article.text
    record = (source, _entry(found.path, found.article, text))
    if found.kind == "same":
        return Decision(
            Outcome(
                source,
                Status.UNCHANGED,
                found.path,
                "adopted: the file is exactly what this source imports as",
            ),
            record=record,
        )
    if found.kind == "edited":
        return Decision(
            Outcome(source, Status.UNCHANGED, found.path, "edited by hand; kept"), record=record
        )
    # Nobody knows what the importer once wrote there, so the file counts as edited for good.
    entry = replace(record[1], file_sha256="")
    return _conflict(_inside(docs, found.path), text, source, entry)


def _dated(article: Article, imported: str) -> Article:
    """The article as first imported on ``imported``, so re-imports stay byte-identical."""
    front = replace(article.front, imported=dt.date.fromisoformat(imported))
    return replace(article, front=front)


def _entry(relative: str, article: Article, text: str) -> Entry:
    imported = article.front.imported or dt.date.today()
    return Entry(
        path=relative,
        content_hash=article.front.hash or "",
        file_sha256=sha256(text),
        imported=imported.isoformat(),
    )


def _candidate_paths(relative: str) -> Iterator[str]:
    """``x.md``, ``x-2.md``, ``x-3.md`` ...: where an article may go when its path is taken."""
    wanted = PurePosixPath(relative)
    yield str(wanted)
    number = 2
    while True:
        yield str(wanted.with_name(f"{wanted.stem}-{number}.md"))
        number += 1


def _inside(docs: Path, relative: str) -> Path:
    """Resolve a docs-relative path, refusing anything that would land outside the docs folder
    (``docs`` is resolved already: :func:`decide` resolves it once for all its paths)."""
    target = (docs / relative).resolve()
    if docs not in target.parents:
        raise ValueError(f"refusing to write outside the docs folder: {relative!r}")
    return target
