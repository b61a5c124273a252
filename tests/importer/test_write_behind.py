"""An article's durable write overlaps the next page, yet the manifest and errors keep their order."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import importer.atomic
import importer.write_behind
from importer.manifest import Manifest
from importer.pipeline import Importer, ImportOptions
from importer.records import Article, Outcome, Status
from library.frontmatter import split
from tests.importer.helpers import GOLDEN_DAY, convert_file

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "samples" / "html").glob("en-*.html"))[:3]


@pytest.fixture
def articles() -> list[tuple[str, Article]]:
    return [(page.name, convert_file(page)) for page in PAGES]


def batch(docs: Path) -> Importer:
    """An importer that saves the manifest after every page (the strictest ordering test)."""
    return Importer(ImportOptions(docs=docs, today=GOLDEN_DAY, checkpoint_seconds=0))


def import_all(docs: Path, articles: list[tuple[str, Article]]) -> list[Outcome]:
    """Every article through one batch, and what became of each."""
    outcomes: list[Outcome] = []
    with batch(docs) as importer_:
        for source, article in articles:
            outcomes += importer_.submit_article(source, article)
        outcomes += importer_.finish()
    return outcomes


def test_the_manifest_names_an_article_only_once_its_file_is_on_disk(
    tmp_path: Path, articles: list[tuple[str, Article]], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    real_fsync, real_save = os.fsync, Manifest.save
    checked: list[int] = []

    def slow_fsync(fd: int) -> None:
        threading.Event().wait(0.05)  # a slow disk: the next page arrives before this is done
        real_fsync(fd)

    def save_checking_files(manifest: Manifest) -> None:
        for entry in manifest.entries.values():
            target = docs / entry.path
            assert target.is_file(), f"the manifest names {entry.path} before it is written"
            assert split(target.read_text(encoding="utf-8"))[0]["hash"] == entry.content_hash
        checked.append(len(manifest.entries))
        real_save(manifest)

    monkeypatch.setattr(importer.atomic.os, "fsync", slow_fsync)
    monkeypatch.setattr(Manifest, "save", save_checking_files)
    with batch(docs) as importer_:
        for source, article in articles:
            importer_.submit_article(source, article)
    assert max(checked) == len(articles)


def test_the_next_page_is_taken_while_an_article_is_still_being_written(
    tmp_path: Path, articles: list[tuple[str, Article]], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    disk_done = threading.Event()

    def waiting_fsync(fd: int) -> None:
        disk_done.wait(5)
        real_fsync(fd)

    monkeypatch.setattr(importer.atomic.os, "fsync", waiting_fsync)
    (source, article), *_ = articles
    with batch(tmp_path / "docs") as importer_:
        returned_early = importer_.submit_article(source, article) == [] and not disk_done.is_set()
        disk_done.set()
        outcomes = importer_.finish()
    assert returned_early
    assert [(o.source, o.status) for o in outcomes] == [(source, Status.IMPORTED)]


def test_a_failed_write_is_reported_against_its_own_page_and_the_rest_go_on(
    tmp_path: Path, articles: list[tuple[str, Article]], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    real_write = importer.atomic.StagedWrite.write
    (bad_source, bad_article), *good = articles
    bad_name = Path(bad_article.relative_path).name

    def failing_write(staged: importer.atomic.StagedWrite) -> None:
        if staged.path.name == bad_name:
            raise OSError(28, "No space left on device")
        real_write(staged)

    monkeypatch.setattr(importer.atomic.StagedWrite, "write", failing_write)
    outcomes = import_all(docs, articles)
    assert [(o.source, o.status) for o in outcomes] == [
        (bad_source, Status.SKIPPED),
        *((source, Status.IMPORTED) for source, _ in good),
    ]
    assert "No space left on device" in outcomes[0].message
    assert bad_source not in Manifest(docs).entries
    assert not (docs / bad_article.relative_path).exists()


def test_a_failed_fsync_is_reported_against_its_own_page_and_leaves_no_temporary_file(
    tmp_path: Path, articles: list[tuple[str, Article]], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    real_fsync = os.fsync
    calls: list[int] = []

    def failing_first_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(importer.atomic.os, "fsync", failing_first_fsync)
    outcomes = import_all(docs, articles)
    assert [o.status for o in outcomes] == [Status.SKIPPED, Status.IMPORTED, Status.IMPORTED]
    assert "Input/output error" in outcomes[0].message
    assert not (docs / articles[0][1].relative_path).exists()
    assert not list(docs.rglob("*.tmp")), "the failed write left its temporary file"


def test_closing_puts_the_last_write_in_place(tmp_path: Path) -> None:
    """A write still in flight when the importer closes (after Ctrl-C, say) ends on disk."""
    target = tmp_path / "a" / "b.md"
    writes = importer.write_behind.WriteBehind()
    writes.start(target, "text\n")
    writes.close()
    assert target.read_text(encoding="utf-8") == "text\n"
    assert not list(tmp_path.rglob("*.tmp"))
