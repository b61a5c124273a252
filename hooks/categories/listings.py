"""What each generated page shows, as plain records for the Jinja templates.

The templates (``overrides/category.html``, ``overrides/home.html``) get these records through the
page context and turn them into HTML; Python never writes markup. URLs here are site-relative page
URLs (``speeches/page/2/``); the templates pass them through MkDocs' ``url`` filter.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import yaml

from hooks.categories.catalog import ArticleSummary, Category, Subcategory
from hooks.categories.pagination import PageSlice, page_src_uri, split_pages

#: Page templates in ``overrides/`` that render the records below.
CATEGORY_TEMPLATE = "category.html"
HOME_TEMPLATE = "home.html"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    count: int  # articles behind the link


@dataclass(frozen=True)
class Listing:
    """One page of a category's or subcategory's article list."""

    title: str
    parent: Link | None  # the category, on a subcategory's page
    subcategories: tuple[Link, ...]
    articles: tuple[ArticleSummary, ...]
    total: int
    number: int
    count: int
    newer_url: str | None
    older_url: str | None


@dataclass(frozen=True)
class Home:
    categories: tuple[Link, ...]
    latest: tuple[ArticleSummary, ...]
    total: int


@dataclass(frozen=True)
class PlannedPage:
    """A list page to exist at ``src_uri``: which folder's list, and which slice of it."""

    src_uri: str
    folder: str
    title: str
    slice: PageSlice


def plan_pages(folders: Sequence[Category | Subcategory], per_page: int) -> list[PlannedPage]:
    """Every list page the categories need, first pages first within each folder."""
    return [
        PlannedPage(page_src_uri(f.folder, s.number), f.folder, f.name, s)
        for f in folders
        for s in split_pages(len(f.articles), per_page)
    ]


def index_markdown(title: str, template: str, hide: Sequence[str] = ("toc",)) -> str:
    """The generated Markdown: front matter only; the template renders the list from the context.

    The theme prints a page's title into the nav and tabs unescaped, and category names come from
    scraped pages, so the title is HTML-escaped here.
    """
    front = {"title": html.escape(title, quote=False), "template": template, "hide": list(hide)}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"


def build_listing(
    page: PlannedPage,
    folder: Category | Subcategory,
    parent: Category | None,
    url_of: Callable[[str], str],
) -> Listing:
    """The record for one planned page; ``url_of`` maps a Markdown path to its page URL."""
    s = page.slice
    subcategories = folder.subcategories if isinstance(folder, Category) else []
    return Listing(
        title=folder.name,
        parent=_link(parent, url_of) if parent else None,
        subcategories=tuple(_link(sub, url_of) for sub in subcategories),
        articles=tuple(folder.articles[s.start : s.stop]),
        total=len(folder.articles),
        number=s.number,
        count=s.count,
        newer_url=url_of(page_src_uri(folder.folder, s.number - 1)) if s.number > 1 else None,
        older_url=url_of(page_src_uri(folder.folder, s.number + 1)) if s.number < s.count else None,
    )


def build_home(
    categories: Sequence[Category],
    latest: Sequence[ArticleSummary],
    url_of: Callable[[str], str],
) -> Home:
    """The home page's record: categories with their counts and the newest articles."""
    return Home(
        categories=tuple(_link(c, url_of) for c in categories),
        latest=tuple(latest),
        total=sum(len(c.articles) for c in categories),
    )


def _link(folder: Category | Subcategory, url_of: Callable[[str], str]) -> Link:
    return Link(folder.name, url_of(page_src_uri(folder.folder, 1)), len(folder.articles))
