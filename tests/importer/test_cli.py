"""The import command as a user meets it: exit codes, one line per problem, a summary, no half files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from importer.cli import main
from library.frontmatter import split

DUMP = """Work summaries > Annual summary

×A year of steady work: our office's 2023 summary

Over the past year the office kept its promises to the staff and to the public. The work went well.

1. We answered every letter within five days.

2. We trained all new clerks before they began work. .

recommended article
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run_import(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "docs"


def md_files(docs: Path) -> list[Path]:
    return sorted(docs.rglob("*.md"))


def test_a_dump_becomes_an_article_and_the_summary_counts_it(
    tmp_path: Path, docs: Path, capsys
) -> None:
    code, out, _ = run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    assert code == 0
    assert out.strip().endswith("imported 1, unchanged 0, conflicts 0, skipped 0")
    (article,) = md_files(docs)
    assert article.relative_to(docs).as_posix() == (
        "work-summaries/annual-summary/a-year-of-steady-work-our-offices-2023-summary.md"
    )


def test_importing_twice_rewrites_nothing(tmp_path: Path, docs: Path, capsys) -> None:
    source = write(tmp_path / "a.txt", DUMP)
    run_import(capsys, str(source), "--docs", str(docs))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    code, out, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0
    assert "unchanged 1" in out
    assert {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()
    } == before


def test_an_editors_change_is_never_overwritten(tmp_path: Path, docs: Path, capsys) -> None:
    source = write(tmp_path / "a.txt", DUMP)
    run_import(capsys, str(source), "--docs", str(docs))
    (article,) = md_files(docs)
    edited = article.read_text(encoding="utf-8") + "\nAn editor's closing line.\n"
    article.write_text(edited, encoding="utf-8")
    write(source, DUMP.replace("five days", "three days"))
    code, out, err = run_import(capsys, str(source), "--docs", str(docs))
    assert article.read_text(encoding="utf-8") == edited
    assert "conflict" in err and article.name + ".incoming" in err
    assert (article.parent / (article.name + ".incoming")).exists()
    assert "conflicts 1" in out
    assert code == 0


def test_a_changed_source_updates_an_unedited_article(tmp_path: Path, docs: Path, capsys) -> None:
    source = write(tmp_path / "a.txt", DUMP)
    run_import(capsys, str(source), "--docs", str(docs))
    write(source, DUMP.replace("five days", "three days"))
    code, out, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0 and "updated 1" in out
    assert "three days" in md_files(docs)[0].read_text(encoding="utf-8")


def test_the_same_article_from_two_sources_is_imported_once(
    tmp_path: Path, docs: Path, capsys
) -> None:
    first = write(tmp_path / "a.txt", DUMP)
    second = write(tmp_path / "copy.txt", DUMP.replace("\n\n1.", "\n\n\n1."))
    code, out, _ = run_import(capsys, str(first), str(second), "--docs", str(docs))
    assert len(md_files(docs)) == 1
    assert "duplicate" in out and "same text as" in out
    assert code == 0


def test_an_editors_own_file_at_the_same_path_is_left_alone(
    tmp_path: Path, docs: Path, capsys
) -> None:
    mine = write(
        docs / "work-summaries/annual-summary/a-year-of-steady-work-our-offices-2023-summary.md",
        "mine",
    )
    run_import(capsys, str(write(tmp_path / "a.txt", DUMP)), "--docs", str(docs))
    assert mine.read_text(encoding="utf-8") == "mine"
    assert mine.with_name(mine.stem + "-2.md").exists()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary file"),
        (
            "no-article.html",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "no article found",
        ),
        (
            "undecodable.txt",
            b"\xff\xfe\xfa" + bytes(range(128, 256)) * 4 + b"\x00\x01",
            "cannot tell the text encoding",
        ),
    ],
)
def test_bad_input_is_named_with_its_reason_and_the_batch_goes_on(
    tmp_path: Path, docs: Path, capsys, name: str, content: bytes, reason: str
) -> None:
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", DUMP)
    code, out, err = run_import(capsys, str(bad), str(good), "--docs", str(docs))
    assert code == 1
    problem = next(line for line in err.splitlines() if name in line)
    assert "skipped" in problem and reason in problem
    assert "imported 1" in out and "skipped 1" in out
    assert len(md_files(docs)) == 1


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path, docs: Path, capsys) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, _, err = run_import(capsys, str(big), "--docs", str(docs))
    assert code == 1
    assert "huge.html: skipped: the file is 50.0 MiB" in err


def test_a_missing_path_is_reported(tmp_path: Path, docs: Path, capsys) -> None:
    code, out, err = run_import(capsys, str(tmp_path / "nope.html"), "--docs", str(docs))
    assert code == 1
    assert "nope.html: skipped: no such file or folder" in err
    assert "skipped 1" in out


def test_no_title_or_breadcrumb_escapes_the_docs_folder(tmp_path: Path, docs: Path, capsys) -> None:
    hostile = (
        "../../etc > ../..\\/x\n\n×../../../"
        + "evil/" * 60
        + "\n\nA body paragraph with enough words to be an article.\n"
    )
    code, _, _ = run_import(capsys, str(write(tmp_path / "h.txt", hostile)), "--docs", str(docs))
    assert code == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".md"]
    assert written and all(docs.resolve() in p.resolve().parents for p in written)
    assert all(len(p.name) <= 90 for p in written)


def test_a_page_without_breadcrumb_takes_the_category_option(
    tmp_path: Path, docs: Path, capsys
) -> None:
    text = "×A notice without a trail\n\nAll staff will meet on Monday at nine in the main hall.\n"
    run_import(
        capsys, str(write(tmp_path / "n.txt", text)), "--docs", str(docs), "--category", "Notices"
    )
    (article,) = md_files(docs)
    assert split(article.read_text(encoding="utf-8"))[0]["category"] == "Notices"


def test_a_page_without_any_category_is_uncategorized_not_dropped(
    tmp_path: Path, docs: Path, capsys
) -> None:
    text = "×A notice without a trail\n\nAll staff will meet on Monday at nine in the main hall.\n"
    code, _, _ = run_import(capsys, str(write(tmp_path / "n.txt", text)), "--docs", str(docs))
    assert code == 0
    (article,) = md_files(docs)
    assert article.relative_to(docs).parts[0] == "uncategorized"


def test_help_describes_the_import_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "importer", "import", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--docs" in result.stdout and "incoming" in result.stdout


@pytest.mark.parametrize(
    "title", ["../../x", "/etc/passwd", "a\x00b", "x" * 300, "..", "秘书/../../知识"]
)
def test_article_paths_are_safe_single_segments(title: str) -> None:
    from importer.assemble import article_path

    path = article_path(title, title, title)
    parts = path.split("/")
    assert len(parts) == 3
    assert all(part and part not in {".", ".."} and "\x00" not in part for part in parts)
    assert all(len(part) <= 83 for part in parts)


def test_markup_in_a_scraped_title_cannot_open_a_tag(tmp_path: Path, docs: Path, capsys) -> None:
    from library.frontmatter import from_mapping

    text = "A > B\n\n×<img src=x onerror=alert(1)> Plan\n\nThe plan for the year is set out below in full.\n"
    run_import(capsys, str(write(tmp_path / "t.txt", text)), "--docs", str(docs))
    (article,) = md_files(docs)
    meta = split(article.read_text(encoding="utf-8"))[0]
    assert "<" not in meta["title"]
    from_mapping(meta, "t.md")  # the site build's validation accepts it


def test_a_file_written_after_the_last_checkpoint_is_adopted_not_duplicated(
    tmp_path: Path, docs: Path, capsys
) -> None:
    source = write(tmp_path / "a.txt", DUMP)
    run_import(capsys, str(source), "--docs", str(docs))
    (docs / "_manifest.json").unlink()  # as if the run was killed before its manifest checkpoint
    code, out, _ = run_import(capsys, str(source), "--docs", str(docs))
    assert code == 0 and "unchanged 1" in out and "adopted" in out
    assert len(md_files(docs)) == 1
