"""Reading time counts Chinese by characters and other text by words."""

from __future__ import annotations

from library.reading_time import reading_minutes


def test_english_reads_at_two_hundred_words_a_minute() -> None:
    assert reading_minutes("word " * 1000) == 5


def test_chinese_reads_at_four_hundred_characters_a_minute() -> None:
    assert reading_minutes("秘书工作总结" * 200) == 3  # 1,200 characters


def test_chinese_without_spaces_is_not_one_word() -> None:
    assert reading_minutes("会" * 2000) == 5


def test_mixed_text_adds_both_times() -> None:
    assert reading_minutes("word " * 200 + "字" * 400) == 2


def test_link_targets_are_not_read() -> None:
    link = "[report](https://example.org/a/very/long/path/with/many/segments/in/it) "
    assert reading_minutes(link * 150) == 1


def test_empty_text_still_takes_a_minute() -> None:
    assert reading_minutes("") == 1
