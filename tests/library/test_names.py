"""Where categories, subcategories and articles live: every folder case, on the one function."""

from __future__ import annotations

import posixpath

import pytest

from hooks.categories.catalog import ArticleSummary, group_by_category
from importer.assemble import article_path
from library.names import article_src_uri, article_stem, folder_of


@pytest.mark.parametrize(
    ("category", "subcategory", "folder"),
    [
        ("Speeches", None, "speeches"),
        ("Work summaries", "Annual summary", "work-summaries/annual-summary"),
        ("会议讲话", "开幕词", "hui-yi-jiang-hua/kai-mu-ci"),
        # Spellings of one name share a folder.
        ("REPORTS", None, "reports"),
        # An empty or blank subcategory is no subcategory.
        ("Reports", "", "reports"),
        ("Reports", "   ", "reports"),
        # Names the built site uses for itself get a suffix, at the top and in every folder.
        ("Pagefind", "En", "pagefind-section/en"),
        ("Assets", None, "assets-section"),
        ("Search", None, "search-section"),
        ("Index", None, "index-section"),
        ("Reports", "Page", "reports/page-section"),
        ("Reports", "Index", "reports/index-section"),
        # Only below the top: a subcategory may be called Assets.
        ("Reports", "Assets", "reports/assets"),
        # Path tricks stay one safe segment each.
        ("../etc", "a/b", "etc/a-b"),
    ],
)
def test_folder_of(category: str, subcategory: str | None, folder: str) -> None:
    assert folder_of(category, subcategory) == folder


def test_a_category_of_symbols_gets_a_stable_uncategorized_folder() -> None:
    folder = folder_of("★★")
    assert folder.startswith("uncategorized-")
    assert folder == folder_of("★★") != folder_of("☆☆")


def test_a_subcategory_of_symbols_gets_a_general_folder() -> None:
    assert folder_of("Reports", "★★").startswith("reports/general-")


def test_a_symbols_category_is_listed_where_its_articles_are_imported() -> None:
    summary = ArticleSummary("x.md", "x/", "T", "★★", None, None, None, 1)
    [category] = group_by_category([summary])
    assert category.folder == posixpath.dirname(article_path("★★", None, "T"))


def test_an_article_titled_index_does_not_replace_its_list_page() -> None:
    assert article_path("Reports", "Annual", "Index") == "reports/annual/index-article.md"


@pytest.mark.parametrize("title", ["Index", "README", "Page"])
def test_reserved_article_names_get_a_suffix(title: str) -> None:
    assert article_stem(title) == f"{title.lower()}-article"


def test_an_ordinary_title_keeps_its_slug() -> None:
    assert article_src_uri("Reports", None, "Index of terms") == "reports/index-of-terms.md"
