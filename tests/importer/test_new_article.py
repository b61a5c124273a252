"""``python -m importer new``: exit code, printed path, and the file it writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from importer.cli import main
from importer.new_article import PLACEHOLDER
from library.frontmatter import from_mapping, split


def new(docs: Path, *args: str) -> int:
    return main(["new", *args, "--docs", str(docs)])


def test_new_article_is_written_where_the_site_expects_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new(tmp_path, "Opening Speech", "--category", "Speeches", "--subcategory", "Conferences")
    expected = tmp_path / "speeches" / "conferences" / "opening-speech.md"
    assert (code, capsys.readouterr().out) == (0, f"{expected}\n")
    assert expected.is_file()


def test_new_chinese_article_gets_pinyin_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(tmp_path, "年度工作总结", "--category", "报告", "--subcategory", "年度报告") == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == tmp_path / "bao-gao" / "nian-du-bao-gao" / "nian-du-gong-zuo-zong-jie.md"


def test_new_article_has_complete_valid_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new(
        tmp_path, "Spring plan", "--category", "Plans", "--subcategory", "Yearly",
        "--subtitle", "For the office", "--date", "2024-03-05", "--tags", "plan, spring，office",
    )  # fmt: skip
    path = Path(capsys.readouterr().out.strip())
    meta, body = split(path.read_text(encoding="utf-8"))
    front = from_mapping(meta, str(path))
    assert (front.title, front.category, front.subcategory, front.subtitle) == (
        "Spring plan", "Plans", "Yearly", "For the office",
    )  # fmt: skip
    assert front.date == dt.date(2024, 3, 5)
    assert front.imported == dt.date.today()
    assert front.tags == ("plan", "spring", "office")
    assert body.strip() == PLACEHOLDER


def test_existing_article_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notices" / "holiday.md"
    path.parent.mkdir(parents=True)
    path.write_text("An editor's text.\n", encoding="utf-8")
    code = new(tmp_path, "Holiday", "--category", "Notices")
    assert code == 1
    assert capsys.readouterr().err == (
        f"error: '{path}' already exists; edit that file, or give the new article another title\n"
    )
    assert path.read_text(encoding="utf-8") == "An editor's text.\n"


def test_markup_in_the_title_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "<b>Loud</b> notice", "--category", "Notices") == 1
    assert "'title'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_date_that_is_not_a_date_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        new(tmp_path, "Plan", "--category", "Plans", "--date", "tomorrow")
    assert exit_info.value.code == 2
    assert "'tomorrow' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_new_article_titled_index_does_not_replace_the_list_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(tmp_path, "Index", "--category", "Reports") == 0
    assert Path(capsys.readouterr().out.strip()) == tmp_path / "reports" / "index-article.md"


def test_new_article_named_like_a_sibling_subcategory_gets_its_own_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "work-summaries" / "annual-summary").mkdir(parents=True)
    assert new(tmp_path, "Annual summary", "--category", "Work summaries") == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == tmp_path / "work-summaries" / "annual-summary-article.md"
