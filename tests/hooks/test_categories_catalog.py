"""Grouping articles into categories and subcategories, newest first, from their front matter."""

from __future__ import annotations

import datetime as dt

from hooks.categories.catalog import (
    ArticleSummary,
    group_by_category,
    newest_first,
    summary_of,
)
from hooks.categories.listings import index_markdown
from library.frontmatter import split
from library.model import read_article
from library.pages import is_index_page


def article(
    title: str,
    date: dt.date | None,
    category: str = "Speeches",
    subcategory: str | None = None,
) -> ArticleSummary:
    return ArticleSummary(
        src_uri=f"x/{title}.md",
        url=f"x/{title}/",
        title=title,
        category=category,
        subcategory=subcategory,
        date=date,
        description=None,
        minutes=1,
    )


def test_newest_first_puts_undated_articles_last() -> None:
    items = [
        article("old", dt.date(2020, 1, 1)),
        article("undated", None),
        article("new", dt.date(2024, 1, 1)),
    ]
    assert [a.title for a in newest_first(items)] == ["new", "old", "undated"]


def test_same_day_articles_are_ordered_by_title() -> None:
    day = dt.date(2024, 5, 1)
    assert [a.title for a in newest_first([article("b", day), article("A", day)])] == ["A", "b"]


def test_category_folder_is_the_slug_of_its_name() -> None:
    [category] = group_by_category(
        [article("t", None, category="工作总结", subcategory="年度总结")]
    )
    assert category.folder == "gong-zuo-zong-jie"
    assert category.subcategories[0].folder == "gong-zuo-zong-jie/nian-du-zong-jie"


def test_category_lists_its_subcategories_articles_too() -> None:
    [category] = group_by_category(
        [
            article("a", dt.date(2024, 1, 1), subcategory="Opening"),
            article("b", dt.date(2024, 2, 1)),
        ]
    )
    assert [a.title for a in category.articles] == ["b", "a"]
    assert [a.title for a in category.subcategories[0].articles] == ["a"]


def test_spellings_of_one_category_share_a_folder() -> None:
    categories = group_by_category([article("a", None, "Reports"), article("b", None, "reports")])
    assert len(categories) == 1


def test_index_and_readme_files_are_not_articles() -> None:
    assert is_index_page("speeches/index.md")
    assert is_index_page("speeches/README.md")
    assert not is_index_page("speeches/index-of-terms.md")


def test_summary_reads_front_matter_and_reading_time() -> None:
    text = "---\ntitle: Plan\ncategory: Plans\ndate: 2024-02-03\n---\n\n" + "word " * 400
    summary = summary_of(read_article("plans/plan.md", text), "plans/plan/")
    assert (summary.title, summary.date, summary.minutes) == ("Plan", dt.date(2024, 2, 3), 2)


def test_generated_page_title_is_escaped_for_the_theme() -> None:
    meta, _ = split(index_markdown("Q&A <b>", "category.html"))
    assert meta["title"] == "Q&amp;A &lt;b&gt;"
