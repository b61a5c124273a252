"""What the article header shows, worked out from the article's record.

Kept free of MkDocs so the rules (which breadcrumb links exist, which date is shown) can be tested
without a build; the template only lays the result out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from library.frontmatter import FrontMatter
from library.model import ArticleRecord
from library.names import folder_of


@dataclass(frozen=True)
class Crumb:
    """One step of the category breadcrumb; ``url`` is None when no index page exists to link to."""

    label: str
    url: str | None


@dataclass(frozen=True)
class ArticleHeader:
    """Everything ``partials/article-header.html`` and the Open Graph meta need for one article."""

    title: str
    subtitle: str | None
    breadcrumb: tuple[Crumb, ...]
    date: dt.date | None
    minutes: int
    description: str | None
    tags: tuple[str, ...]


def build_header(record: ArticleRecord, index_url: Callable[[str], str | None]) -> ArticleHeader:
    """The header of one article.

    ``index_url`` maps a folder such as ``reports/annual`` to the URL of its index page, or None
    when the site has none (the categories plugin is off), so the breadcrumb never links to a 404.
    """
    front = record.front
    return ArticleHeader(
        title=front.title,
        subtitle=front.subtitle,
        breadcrumb=category_breadcrumb(front, index_url),
        date=record.date,
        minutes=record.minutes,
        description=front.description,
        tags=front.tags,
    )


def category_breadcrumb(
    front: FrontMatter, index_url: Callable[[str], str | None]
) -> tuple[Crumb, ...]:
    """``Category > Subcategory``, each linking to its index page (from the categories plugin)."""
    category_folder = folder_of(front.category)
    crumbs = [Crumb(front.category, index_url(category_folder))]
    if front.subcategory:
        folder = folder_of(front.category, front.subcategory)
        crumbs.append(Crumb(front.subcategory, index_url(folder)))
    return tuple(crumbs)
