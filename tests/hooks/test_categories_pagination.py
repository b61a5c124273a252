"""Splitting a category's list over pages of ``per_page`` articles."""

from __future__ import annotations

import pytest

from hooks.categories.pagination import PageSlice, page_src_uri, split_pages


def test_a_short_list_fits_on_one_page() -> None:
    assert split_pages(50, 50) == [PageSlice(1, 1, 0, 50)]


def test_one_article_past_the_limit_starts_a_second_page() -> None:
    assert split_pages(51, 50) == [PageSlice(1, 2, 0, 50), PageSlice(2, 2, 50, 51)]


def test_an_empty_list_still_has_its_first_page() -> None:
    assert split_pages(0, 50) == [PageSlice(1, 1, 0, 0)]


def test_per_page_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="per_page"):
        split_pages(10, 0)


def test_first_page_is_the_folders_index() -> None:
    assert page_src_uri("speeches/opening", 1) == "speeches/opening/index.md"


def test_later_pages_live_under_page_n() -> None:
    assert page_src_uri("speeches", 3) == "speeches/page/3/index.md"
