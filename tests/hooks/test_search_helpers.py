"""Unit tests of the search plugin's plain helpers: language, fields, bundles, the binary check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hooks.search import indexer
from hooks.search.fields import in_sections, search_fields
from hooks.search.indexer import Bundle, PagefindMissingError, bundle_for, pages_in, root_selector
from hooks.search.language import base_language, detect_language
from hooks.search.ui import SearchBox, ordered_bundles
from library.frontmatter import FrontMatter


def test_chinese_text_is_detected_as_chinese() -> None:
    assert detect_language("同志们：今天我们召开会议，要进一步加强党建工作。", "en") == "zh"


def test_english_text_with_a_chinese_name_stays_english() -> None:
    text = "The delegation from 北京 visited the schools and discussed the curriculum at length."
    assert detect_language(text, "en") == "en"


def test_chinese_text_with_english_acronyms_stays_chinese() -> None:
    assert detect_language("关于加强 AI 和 GDP 统计工作的通知，请各单位认真执行。", "en") == "zh"


def test_text_without_letters_takes_the_site_language() -> None:
    assert detect_language("2024 — 12/31", "fr") == "fr"


def test_regional_language_codes_keep_their_base_language() -> None:
    assert base_language("zh-Hant") == "zh"


def test_no_sections_means_every_article_is_indexed() -> None:
    assert in_sections("reports/annual/x.md", [])


def test_an_article_outside_the_chosen_sections_is_not_indexed() -> None:
    assert not in_sections("letters/thanks/x.md", ["reports", "speeches/"])


def test_fields_carry_category_subcategory_and_iso_date() -> None:
    front = FrontMatter("Work summary", "Reports", "Annual", date=dt.date(2024, 3, 5))
    fields = search_fields(
        front, "Work summary", "We did well.", default_language="en", filters=True
    )
    assert (fields.category, fields.subcategory, fields.date) == ("Reports", "Annual", "2024-03-05")


def test_fields_fall_back_to_the_import_date() -> None:
    front = FrontMatter("T", "Reports", imported=dt.date(2025, 1, 10))
    fields = search_fields(front, "T", "text", default_language="en", filters=False)
    assert fields.date == "2025-01-10"


def test_fields_take_the_language_of_the_article_text() -> None:
    fields = search_fields(
        None, "讲话", "要进一步加强党建工作。", default_language="en", filters=False
    )
    assert fields.language == "zh"


def test_bundle_folders_sit_under_the_output_folder() -> None:
    assert bundle_for("/pagefind/", "zh") == Bundle(language="zh", folder="pagefind/zh/")


def test_root_selector_picks_the_marked_body_of_one_language() -> None:
    assert root_selector("zh") == '[data-pagefind-body][lang="zh"]'


def test_interface_language_bundle_comes_first() -> None:
    bundles = [bundle_for("pagefind", "en"), bundle_for("pagefind", "zh")]
    assert [b.language for b in ordered_bundles(bundles, "zh")] == ["zh", "en"]


def test_search_box_settings_are_plain_json_data() -> None:
    box = SearchBox((bundle_for("pagefind", "en"),), 30, 10, True)
    assert box.to_json()["bundles"] == [{"language": "en", "folder": "pagefind/en/"}]


def test_a_missing_binary_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "get_executable", lambda: None)
    with pytest.raises(PagefindMissingError, match="pagefind\\[extended\\]"):
        indexer.require_binary()


def test_a_binary_path_that_does_not_exist_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "pagefind_extended"
    monkeypatch.setattr(indexer, "get_executable", lambda: missing)
    with pytest.raises(PagefindMissingError, match="pagefind_extended"):
        indexer.require_binary()


def test_pages_in_a_folder_without_a_bundle_is_zero(tmp_path: Path) -> None:
    assert pages_in(tmp_path) == 0
