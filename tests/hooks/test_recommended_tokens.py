"""Unit tests of what an article's terms are and of their cache by content hash."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from hooks.recommended.term_cache import CACHE_FILE, TermCache, content_key, decode, encode
from hooks.recommended.tokens import (
    TITLE_WEIGHT,
    TermVector,
    term_counts,
    term_vector,
    tokenize,
)


def test_english_is_lowercased_and_stop_words_dropped() -> None:
    assert tokenize("The Budget of the Office") == ["budget", "office"]


def test_english_plurals_fold_into_the_singular() -> None:
    assert tokenize("members member policies policy") == ["member", "member", "policy", "policy"]


def test_chinese_is_cut_into_overlapping_character_pairs() -> None:
    assert tokenize("加强党员教育") == ["加强", "强党", "党员", "员教", "教育"]


def test_chinese_pairs_do_not_cross_punctuation() -> None:
    assert tokenize("党员，教育") == ["党员", "教育"]


def test_chinese_stop_words_and_pairs_with_a_function_character_are_dropped() -> None:
    assert tokenize("我们的纪律") == ["纪律"]


def test_a_lone_chinese_character_is_no_term() -> None:
    assert tokenize("党") == []


def test_mixed_text_keeps_both_languages_in_order() -> None:
    assert tokenize("Audit 审计 findings") == ["audit", "审计", "finding"]


def test_link_targets_and_html_are_not_terms() -> None:
    assert tokenize(
        'See [the report](https://example.org/annual-report) <b class="x">today</b>'
    ) == [
        "see",
        "report",
        "today",
    ]


def test_chinese_past_the_budget_is_not_read() -> None:
    assert tokenize("党员教育。预算审批", cjk_budget=4) == ["党员", "员教", "教育"]


def test_title_terms_weigh_more_than_body_terms() -> None:
    counts = term_counts("Budget", "budget office")
    assert counts["budget"] == 1 + TITLE_WEIGHT
    assert counts["office"] == 1


def test_the_vector_counts_what_the_readable_terms_count() -> None:
    title, body = "关于预算的通知 Budget", "各部门报送预算申请。Budget requests, budget plans."
    assert term_vector(title, body) == TermVector.from_counts(term_counts(title, body))


def test_a_vector_survives_its_cache_encoding() -> None:
    vector = term_vector("讲话", "加强党员教育 members")
    assert decode(encode(vector)) == vector


def test_a_corrupt_cache_row_is_detected() -> None:
    blob = bytearray(encode(term_vector("讲话", "加强党员教育")))
    blob[-1] ^= 1
    assert decode(bytes(blob)) is None


def test_content_key_changes_with_the_body() -> None:
    assert content_key("T", "body one") != content_key("T", "body two")


def test_a_second_build_reads_terms_from_the_disk_cache(tmp_path: Path) -> None:
    articles = [("Budget notice", "Budget requests by March."), ("讲话", "加强党员教育")]
    first = TermCache(tmp_path).counts_for(articles)
    cache = TermCache(tmp_path)
    assert cache.counts_for(articles) == first
    assert (cache.hits, cache.misses) == (2, 0)


def test_only_the_edited_article_is_segmented_again(tmp_path: Path) -> None:
    cache = TermCache(tmp_path)
    cache.counts_for([("A", "alpha text"), ("B", "beta text")])
    counts = cache.counts_for([("A", "alpha text"), ("B", "beta text edited")])
    assert (cache.hits, cache.misses) == (1, 1)
    assert counts[1].count("edited") == 1


def test_cache_works_in_memory_without_a_folder() -> None:
    cache = TermCache(None)
    cache.counts_for([("A", "alpha")])
    cache.counts_for([("A", "alpha")])
    assert cache.hits == 1


def test_an_unreadable_cache_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_text("not a database")
    assert TermCache(tmp_path).counts_for([("A", "alpha")]) == [term_vector("A", "alpha")]
    cache = TermCache(tmp_path)
    cache.counts_for([("A", "alpha")])
    assert cache.hits == 1


def test_a_corrupt_row_in_the_cache_file_is_computed_again(tmp_path: Path) -> None:
    TermCache(tmp_path).counts_for([("A", "alpha")])
    with closing(sqlite3.connect(tmp_path / CACHE_FILE)) as db, db:
        db.execute("UPDATE terms SET vector = ?", (b"garbage!",))
    cache = TermCache(tmp_path)
    assert cache.counts_for([("A", "alpha")]) == [term_vector("A", "alpha")]
    assert cache.misses == 1


def test_a_cache_of_another_version_is_not_trusted(tmp_path: Path) -> None:
    TermCache(tmp_path).counts_for([("A", "alpha")])
    with closing(sqlite3.connect(tmp_path / CACHE_FILE)) as db, db:
        db.execute("UPDATE meta SET version = 'old'")
    cache = TermCache(tmp_path)
    cache.counts_for([("A", "alpha")])
    assert cache.misses == 1


def test_the_previous_cache_layout_is_replaced(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / CACHE_FILE)) as db, db:
        db.execute("CREATE TABLE terms (key TEXT PRIMARY KEY, counts TEXT NOT NULL)")
        db.execute("INSERT INTO terms VALUES (?, ?)", (content_key("A", "alpha"), '{"x": 1}'))
    assert TermCache(tmp_path).counts_for([("A", "alpha")]) == [term_vector("A", "alpha")]
