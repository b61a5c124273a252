"""The library as readers browse it: categories, their subcategories and articles, newest first.

Nothing here knows about MkDocs: the plugin hands in each article's record and URL, and gets
back plain records that the templates render. That keeps the grouping and ordering testable in a
blink and portable to whatever generator follows MkDocs 1.6.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from library.model import ArticleRecord
from library.names import folder_of


@dataclass(frozen=True)
class ArticleSummary:
    """What a list shows about one article."""

    src_uri: str
    url: str
    title: str
    category: str
    subcategory: str | None
    date: dt.date | None
    description: str | None
    minutes: int


@dataclass
class Subcategory:
    name: str
    folder: str  # e.g. "speeches/opening-speeches"
    articles: list[ArticleSummary] = field(default_factory=list)


@dataclass
class Category:
    name: str
    folder: str  # e.g. "speeches"
    subcategories: list[Subcategory] = field(default_factory=list)
    #: Every article of the category, its subcategories' included.
    articles: list[ArticleSummary] = field(default_factory=list)


def summary_of(record: ArticleRecord, url: str) -> ArticleSummary:
    """What a list shows of an article of the library, published at ``url``."""
    front = record.front
    return ArticleSummary(
        src_uri=record.src_uri,
        url=url,
        title=front.title,
        category=front.category,
        subcategory=front.subcategory,
        date=front.date,
        description=front.description,
        minutes=record.minutes,
    )


def newest_first(articles: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Dated articles newest first, then undated ones; ties by title so the order never flickers."""
    return sorted(
        articles,
        key=lambda a: (a.date is None, -(a.date.toordinal() if a.date else 0), a.title.casefold()),
    )


def group_by_category(articles: Sequence[ArticleSummary]) -> list[Category]:
    """Categories (by folder, alphabetically) with their subcategories, every list newest first.

    Folders come from the same ``folder_of`` the importer uses, so a category page lives exactly where
    the importer put the category's articles. Two spellings of one name (``Reports``/``reports``)
    share a folder and show the first spelling in path order.
    """
    categories: dict[str, Category] = {}
    subcategories: dict[str, Subcategory] = {}
    for article in sorted(articles, key=lambda a: a.src_uri):
        folder = folder_of(article.category)
        category = categories.setdefault(folder, Category(article.category, folder))
        category.articles.append(article)
        if article.subcategory:
            sub_folder = folder_of(article.category, article.subcategory)
            if sub_folder not in subcategories:
                subcategories[sub_folder] = Subcategory(article.subcategory, sub_folder)
                category.subcategories.append(subcategories[sub_folder])
            subcategories[sub_folder].articles.append(article)
    for category in categories.values():
        category.articles = newest_first(category.articles)
        category.subcategories.sort(key=lambda s: s.folder)
        for sub in category.subcategories:
            sub.articles = newest_first(sub.articles)
    return [categories[folder] for folder in sorted(categories)]
