"""What the article header shows, worked out from the validated front matter.

Kept free of MkDocs so the rules (which breadcrumb links exist, how long the text takes to read)
can be tested without a build; the template only lays the result out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from library.frontmatter import FrontMatter
from library.reading_time import reading_minutes
from library.slugs import slugify


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
    reading_minutes: int
    description: str | None
    tags: tuple[str, ...]


def build_header(
    front: FrontMatter, markdown: str, index_url: Callable[[str], str | None]
) -> ArticleHeader:
    """The header of one article.

    ``index_url`` maps a folder such as ``reports/annual`` to the URL of its index page, or None
    when the site has none (the categories plugin is off), so the breadcrumb never links to a 404.
    """
    return ArticleHeader(
        title=front.title,
        subtitle=front.subtitle,
        breadcrumb=category_breadcrumb(front, index_url),
        # The date the text was written; an imported article without one shows when it was imported.
        date=front.date or front.imported,
        reading_minutes=reading_minutes(markdown),
        description=front.description,
        tags=front.tags,
    )


def category_breadcrumb(
    front: FrontMatter, index_url: Callable[[str], str | None]
) -> tuple[Crumb, ...]:
    """``Category > Subcategory``, each linking to its index page (from the categories plugin)."""
    category_folder = slugify(front.category)
    crumbs = [Crumb(front.category, index_url(category_folder))]
    if front.subcategory:
        folder = f"{category_folder}/{slugify(front.subcategory)}"
        crumbs.append(Crumb(front.subcategory, index_url(folder)))
    return tuple(crumbs)
