"""Editors' work survives every re-import: a lost manifest, an unchanged source, a killed run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from importer.reading import source_name
from tests.importer.test_cli import DUMP, md_files, run_import, write

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "work-summaries/annual-summary/a-year-of-steady-work-our-offices-2023-summary.md"
EDIT = "\nAn editor's closing line.\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "docs"


def imported(tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The source of one article, imported once."""
    source = write(tmp_path / "a.txt", DUMP)
    code, _, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0
    return source


def edit(article: Path) -> str:
    edited = article.read_text(encoding="utf-8") + EDIT
    article.write_text(edited, encoding="utf-8")
    return edited


def incoming(docs: Path) -> Path:
    return docs / (ARTICLE + ".incoming")


def change(source: Path) -> None:
    write(source, DUMP.replace("five days", "three days"))


def test_an_edited_article_of_an_unchanged_source_is_unchanged_and_no_incoming_is_written(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = imported(tmp_path, docs, capsys)
    edited = edit(docs / ARTICLE)
    code, out, err = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0
    assert f"{source_name(source)}: unchanged -> {ARTICLE}: edited since import; kept" in out
    assert out.strip().endswith("imported 0, unchanged 1, conflicts 0, skipped 0")
    assert err == ""
    assert not incoming(docs).exists()
    assert (docs / ARTICLE).read_text(encoding="utf-8") == edited


def test_a_conflict_is_reported_once_not_on_every_run(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = imported(tmp_path, docs, capsys)
    edit(docs / ARTICLE)
    change(source)
    run_import(capsys, str(source), "--docs", str(docs))
    incoming(docs).unlink()  # the editor merged what they wanted
    code, out, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0 and "unchanged 1, conflicts 0" in out
    assert not incoming(docs).exists()


def test_without_a_manifest_an_edited_article_is_not_overwritten_when_the_source_changes(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = imported(tmp_path, docs, capsys)
    edited = edit(docs / ARTICLE)
    (docs / "_manifest.json").unlink()
    change(source)
    code, out, err = run_import(capsys, str(source), "--docs", str(docs))
    assert (docs / ARTICLE).read_text(encoding="utf-8") == edited
    assert (
        f"{source_name(source)}: conflict -> {ARTICLE}: edited since import; the importer's version is "
        f"beside it as {Path(ARTICLE).name}.incoming"
    ) in err
    assert "three days" in incoming(docs).read_text(encoding="utf-8")
    assert code == 0 and "updated" not in out


def test_without_a_manifest_an_edited_article_of_an_unchanged_source_is_kept_and_tracked(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = imported(tmp_path, docs, capsys)
    edited = edit(docs / ARTICLE)
    (docs / "_manifest.json").unlink()
    code, out, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0 and f"unchanged -> {ARTICLE}: edited by hand; kept" in out
    assert not incoming(docs).exists()
    change(source)  # later, the source changes: still the editor's file, so a conflict
    run_import(capsys, str(source), "--docs", str(docs))
    assert (docs / ARTICLE).read_text(encoding="utf-8") == edited
    assert incoming(docs).exists()


def test_without_a_manifest_an_edited_article_is_never_adopted_as_the_importers(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = imported(tmp_path, docs, capsys)
    edit(docs / ARTICLE)
    (docs / "_manifest.json").unlink()
    _, out, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert "adopted" not in out
    assert json.loads((docs / "_manifest.json").read_text(encoding="utf-8"))["sources"]


@pytest.mark.parametrize(
    ("manifest", "problem"),
    [
        ({"version": 2, "sources": None}, '"sources" must be an object of entries (got null)'),
        (
            {"version": 2, "sources": {"a.txt": {"path": 5}}},
            'the entry for "a.txt" has a "path" that is not text (got 5)',
        ),
        (
            {"version": 2, "sources": {"a.txt": {"path": "x.md", "content_hash": "1"}}},
            'the entry for "a.txt" has no "file_sha256"',
        ),
        (
            {"version": 2, "sources": {"a.txt": []}},
            'the entry for "a.txt" must be an object (got [])',
        ),
        ([], "it is not a JSON object"),
    ],
)
def test_a_broken_manifest_names_the_entry_and_what_is_wrong(
    tmp_path: Path,
    docs: Path,
    capsys: pytest.CaptureFixture[str],
    manifest: object,
    problem: str,
) -> None:
    write(docs / "_manifest.json", json.dumps(manifest))
    code, _, err = run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    assert code == 2
    assert err == (
        f"error: Cannot read the import manifest '{docs / '_manifest.json'}': {problem}; fix it, "
        "or delete it: the next import then takes back only the articles that are exactly as it "
        "would write them, and never overwrites any other file\n"
    )


def test_temporary_files_of_a_killed_run_are_removed(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left = [
        write(docs / "reports/.plan.md.1a2b3c4d.importer.tmp", "half"),
        write(docs / "._manifest.json.k2j3h4l5.tmp", "half"),  # as mkstemp named them before
    ]
    editors = write(docs / "reports/.notes.tmp", "mine")
    code, out, _ = run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    assert code == 0
    assert "removed 2 temporary files left by an interrupted import" in out
    assert not any(path.exists() for path in left)
    assert editors.exists()


# --- kill -9 in the middle of a batch -------------------------------------------------------------

#: Sources that all have the same title, so their articles become x.md, x-2.md, x-3.md ...
SAME_TITLE_SOURCES = 60


def same_title_batch(folder: Path) -> Path:
    for n in range(SAME_TITLE_SOURCES):
        write(folder / f"p{n:03}.txt", DUMP.replace("five days", f"{n + 2} days"))
    return folder


def import_process(batch: Path, docs: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        # One job, so articles appear one by one; near-duplicates kept: the dumps differ by a word.
        [
            sys.executable,
            "-m",
            "importer",
            "import",
            str(batch),
            "--docs",
            str(docs),
            "-q",
            "--jobs",
            "1",
            "--keep-duplicates",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_after_articles(process: subprocess.Popen[bytes], docs: Path, count: int) -> None:
    """SIGKILL the import once ``count`` articles are on disk (well before its first checkpoint)."""
    deadline = time.monotonic() + 60
    while len(md_files(docs)) < count:
        assert process.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_a_rerun_after_kill_9_adopts_the_numbered_files_instead_of_duplicating_them(
    tmp_path: Path, docs: Path
) -> None:
    batch = same_title_batch(tmp_path / "batch")
    kill_after_articles(import_process(batch, docs), docs, 3)  # x.md, x-2.md, x-3.md
    written = len(md_files(docs))
    manifest = docs / "_manifest.json"
    recorded = len(json.loads(manifest.read_text())["sources"]) if manifest.exists() else 0
    assert recorded < written, "the killed run saved every article; nothing left to adopt"
    rerun = subprocess.run(
        # One job, so articles appear one by one; near-duplicates kept: the dumps differ by a word.
        [
            sys.executable,
            "-m",
            "importer",
            "import",
            str(batch),
            "--docs",
            str(docs),
            "-q",
            "--jobs",
            "1",
            "--keep-duplicates",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"imported {SAME_TITLE_SOURCES - written}, unchanged {written}," in rerun.stdout
    files = md_files(docs)
    assert len(files) == SAME_TITLE_SOURCES
    assert len({path.read_text(encoding="utf-8") for path in files}) == SAME_TITLE_SOURCES
    assert not list(docs.rglob("*.tmp"))
