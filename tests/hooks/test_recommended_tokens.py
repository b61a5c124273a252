"""Unit tests of what an article's terms are and of their cache by content hash."""

from __future__ import annotations

from pathlib import Path

from hooks.recommended.term_cache import TermCache, content_key
from hooks.recommended.tokens import TITLE_WEIGHT, term_counts, tokenize


def test_english_is_lowercased_and_stop_words_dropped() -> None:
    assert tokenize("The Budget of the Office") == ["budget", "office"]


def test_english_plurals_fold_into_the_singular() -> None:
    assert tokenize("members member policies policy") == ["member", "member", "policy", "policy"]


def test_chinese_is_segmented_into_words() -> None:
    assert tokenize("加强党员教育") == ["加强", "党员", "教育"]


def test_chinese_stop_words_and_single_characters_are_dropped() -> None:
    assert tokenize("我们的纪律") == ["纪律"]


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


def test_chinese_past_the_budget_is_not_segmented() -> None:
    assert tokenize("党员教育。预算审批", cjk_budget=4) == ["党员", "教育"]


def test_title_terms_weigh_more_than_body_terms() -> None:
    counts = term_counts("Budget", "budget office")
    assert counts["budget"] == 1 + TITLE_WEIGHT
    assert counts["office"] == 1


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
    assert counts[1]["edited"] == 1


def test_cache_works_in_memory_without_a_folder() -> None:
    cache = TermCache(None)
    cache.counts_for([("A", "alpha")])
    cache.counts_for([("A", "alpha")])
    assert cache.hits == 1


def test_an_unreadable_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "recommended-terms.sqlite3").write_text("not a database")
    assert TermCache(tmp_path).counts_for([("A", "alpha")]) == [{"alpha": 1}]
