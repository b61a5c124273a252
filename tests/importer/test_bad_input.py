"""Input that once stopped, stalled or silently shrank a batch: each is named, counted, and the
rest of the batch goes on."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from importer.reading import printable_name
from library.frontmatter import read_front_matter
from tests.importer.test_cli import DUMP, md_files, run_import, write

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "docs"


def batch_with_good_page(tmp_path: Path) -> Path:
    batch = tmp_path / "batch"
    write(batch / "good.txt", DUMP)
    return batch


def import_subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, with a timeout: a page that blocks fails the test, not CI."""
    return subprocess.run(
        [sys.executable, "-m", "importer", "import", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_named_pipe_in_a_folder_is_reported_without_blocking(tmp_path: Path) -> None:
    batch = batch_with_good_page(tmp_path)
    os.mkfifo(batch / "pipe.html")
    result = import_subprocess("batch", "--docs", "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert "batch/pipe.html: skipped: a named pipe (FIFO), not a file\n" in result.stderr
    assert result.stdout.endswith("imported 1, unchanged 0, conflicts 0, skipped 1\n")


def test_a_named_pipe_given_directly_is_reported_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    result = import_subprocess("pipe.html", "--docs", "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "pipe.html: skipped: a named pipe (FIFO), not a file\n"


def test_a_dangling_symlink_in_a_folder_is_reported(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = batch_with_good_page(tmp_path)
    (batch / "gone.html").symlink_to("deleted.html")
    code, out, err = run_import(capsys, str(batch), "--docs", str(docs))
    assert code == 1
    assert (
        f"{batch}/gone.html: skipped: a broken symbolic link "
        "(its target 'deleted.html' does not exist)\n"
    ) in err
    assert out.strip().endswith("imported 1, unchanged 0, conflicts 0, skipped 1")


def test_a_dangling_symlink_to_a_folder_is_reported(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = batch_with_good_page(tmp_path)
    (batch / "old-pages").symlink_to(tmp_path / "moved-away")
    code, _, err = run_import(capsys, str(batch), "--docs", str(docs))
    assert code == 1
    assert f"{batch}/old-pages: skipped: a broken symbolic link" in err


def test_a_dangling_symlink_given_directly_is_reported(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gone.html").symlink_to("deleted.html")
    code, _, err = run_import(capsys, str(tmp_path / "gone.html"), "--docs", str(docs))
    assert code == 1
    assert "gone.html: skipped: a broken symbolic link (its target 'deleted.html'" in err


def deny_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` unlistable as for a user without the permission (the tests run as root,
    who may read anything, so ``chmod`` alone cannot show it)."""
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_inside_a_batch_is_reported(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = batch_with_good_page(tmp_path)
    locked = batch / "locked"
    write(locked / "hidden.txt", DUMP)
    deny_listing(monkeypatch, locked)
    code, out, err = run_import(capsys, str(batch), "--docs", str(docs))
    assert code == 1
    assert f"{locked}: skipped: cannot read the folder (Permission denied)\n" in err
    assert out.strip().endswith("imported 1, unchanged 0, conflicts 0, skipped 1")


def test_an_unreadable_folder_given_directly_is_reported_and_fails_the_run(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    write(locked / "hidden.txt", DUMP)
    deny_listing(monkeypatch, locked)
    code, out, err = run_import(capsys, str(locked), "--docs", str(docs))
    assert code == 1
    assert err == f"{locked}: skipped: cannot read the folder (Permission denied)\n"
    assert out.strip().endswith("skipped 1")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may list any folder")
def test_a_folder_without_read_permission_is_reported(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    write(locked / "hidden.txt", DUMP)
    locked.chmod(0)
    try:
        code, _, err = run_import(capsys, str(locked), "--docs", str(docs))
    finally:
        locked.chmod(0o755)
    assert code == 1 and "cannot read the folder (Permission denied)" in err


NON_UTF8_NAME = b"caf\xe9 notes.txt"  # Latin-1, as old zip files and Windows shares make them


def test_a_non_utf8_file_name_does_not_stop_the_batch(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (Path(os.fsdecode(bytes(batch) + b"/" + NON_UTF8_NAME))).write_text(
        DUMP.replace("A year", "One year"), encoding="utf-8"
    )
    write(batch / "z-last.txt", DUMP)
    # The two dumps differ by one word: near-duplicates, which are kept here on purpose.
    result = import_subprocess("batch", "--docs", "docs", "--keep-duplicates", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "batch/caf\\xe9 notes.txt: imported -> " in result.stdout
    assert result.stdout.endswith("imported 2, unchanged 0, conflicts 0, skipped 0\n")
    sources = json.loads((tmp_path / "docs/_manifest.json").read_text(encoding="utf-8"))["sources"]
    assert sorted(sources) == ["batch/caf\\xe9 notes.txt", "batch/z-last.txt"]


def test_a_non_utf8_file_name_is_reimported_as_unchanged(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    Path(os.fsdecode(bytes(batch) + b"/" + NON_UTF8_NAME)).write_text(DUMP, encoding="utf-8")
    import_subprocess("batch", "--docs", "docs", cwd=tmp_path)
    again = import_subprocess("batch", "--docs", "docs", cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout.endswith("imported 0, unchanged 1, conflicts 0, skipped 0\n")


def test_the_article_of_a_non_utf8_file_name_has_valid_front_matter(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(os.fsdecode(bytes(tmp_path) + b"/" + NON_UTF8_NAME))
    source.write_text(DUMP, encoding="utf-8")
    run_import(capsys, str(source), "--docs", str(docs))
    (article,) = md_files(docs)
    text = article.read_bytes().decode("utf-8")  # strict: no surrogates reached the file
    front, _ = read_front_matter(text, "a.md")
    assert front.source == "caf\\xe9 notes.txt"


def test_printable_name_shows_undecodable_bytes_as_escapes() -> None:
    assert printable_name(os.fsdecode(b"a\xff\xfe.txt")) == "a\\xff\\xfe.txt"
    assert printable_name("秘书.txt") == "秘书.txt"


# --- File modes --------------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_written_files_get_the_umask_mode_not_0600(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str], umask_022: object
) -> None:
    run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    modes = {
        path.name: stat.S_IMODE(path.stat().st_mode) for path in docs.rglob("*") if path.is_file()
    }
    # The article, the manifest and the near-duplicate index.
    assert len(modes) == 3 and set(modes.values()) == {0o644}, modes


def test_an_updated_file_keeps_its_mode(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str], umask_022: object
) -> None:
    source = write(tmp_path / "a.txt", DUMP)
    run_import(capsys, str(source), "--docs", str(docs))
    (article,) = md_files(docs)
    article.chmod(0o664)
    write(source, DUMP.replace("five days", "three days"))
    run_import(capsys, str(source), "--docs", str(docs))
    assert "three days" in article.read_text(encoding="utf-8")
    assert stat.S_IMODE(article.stat().st_mode) == 0o664


def test_an_article_is_not_written_beside_a_folder_of_its_own_name(
    tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``x.md`` beside a subcategory folder ``x/`` would be published at ``x/``, over its list."""
    code, out, _ = run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    assert code == 0
    (first,) = md_files(docs)
    first.unlink()
    (docs / "_manifest.json").unlink()
    first.with_suffix("").mkdir()
    code, out, _ = run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    assert code == 0
    (written,) = md_files(docs)
    assert written.name == f"{first.stem}-2.md", out
