"""Ranking articles by views, with optional recency weighting and a newest-first fallback."""

from __future__ import annotations

import datetime as dt

from hooks.popular.ranking import Candidate, PopularList, rank, top, weighted_views

TODAY = dt.date(2024, 6, 1)


def cand(
    key: str, views: int | None, date: dt.date | None = None, category: str = "Speeches"
) -> Candidate:
    return Candidate(key, f"{key}/", key.title(), category, None, date, views)


def keys(items: list[Candidate] | tuple[Candidate, ...]) -> list[str]:
    return [c.key for c in items]


def test_most_viewed_comes_first() -> None:
    assert keys(rank([cand("a", 10), cand("b", 300), cand("c", 40)], TODAY)) == ["b", "c", "a"]


def test_articles_without_views_follow_those_with_views() -> None:
    ranked = rank([cand("none", None, dt.date(2024, 5, 1)), cand("zero", 0)], TODAY)
    assert keys(ranked) == ["zero", "none"]


def test_without_any_views_the_order_is_newest_first() -> None:
    ranked = rank(
        [cand("old", None, dt.date(2020, 1, 1)), cand("new", None, dt.date(2024, 1, 1))], TODAY
    )
    assert keys(ranked) == ["new", "old"]


def test_equal_views_put_the_newer_article_first() -> None:
    ranked = rank([cand("old", 5, dt.date(2020, 1, 1)), cand("new", 5, dt.date(2024, 1, 1))], TODAY)
    assert keys(ranked) == ["new", "old"]


def test_half_life_halves_views_per_half_life() -> None:
    year_old = cand("a", 1000, TODAY - dt.timedelta(days=365))
    assert weighted_views(year_old, TODAY, 365) == 500


def test_recency_weighting_lifts_a_recent_article_past_an_old_classic() -> None:
    classic = cand("classic", 1000, TODAY - dt.timedelta(days=730))
    recent = cand("recent", 400, TODAY - dt.timedelta(days=10))
    assert keys(rank([classic, recent], TODAY))[0] == "classic"
    assert keys(rank([classic, recent], TODAY, half_life_days=180))[0] == "recent"


def test_top_leaves_out_the_current_article_and_keeps_the_limit() -> None:
    ranked = rank([cand("a", 9), cand("b", 8), cand("c", 7), cand("d", 6)], TODAY)
    assert keys(top(ranked, 2, exclude="a")) == ["b", "c"]


def test_top_filters_by_category() -> None:
    ranked = rank([cand("a", 9, category="Plans"), cand("b", 8), cand("c", 7)], TODAY)
    assert keys(top(ranked, 5, keep=lambda c: c.category == "Speeches")) == ["b", "c"]


def test_list_without_figures_is_not_by_views() -> None:
    assert not PopularList(None, (cand("a", None),)).by_views
    assert PopularList(None, (cand("a", None), cand("b", 0))).by_views
