"""The one definition of CJK text and of an article's language."""

from __future__ import annotations

from library.text import count_cjk, detect_language, is_cjk


def test_han_and_kana_are_cjk_but_hangul_and_latin_are_not() -> None:
    assert [is_cjk(c) for c in "字㐀かカ한a"] == [True, True, True, True, False, False]


def test_cjk_characters_are_counted_in_runs_and_alone() -> None:
    assert count_cjk("党建 work 工作。") == 4


def test_a_chinese_text_with_english_names_is_chinese() -> None:
    assert detect_language("要进一步加强党建工作 PDF Word", "en") == "zh"


def test_an_english_text_quoting_a_chinese_name_keeps_the_default() -> None:
    assert detect_language("The 党建 campaign was discussed at length.", "en-GB") == "en"
