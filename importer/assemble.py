"""Stage 6: put front matter, body and path together into an :class:`~importer.records.Article`."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePosixPath

from importer.metadata import category_from, describe
from importer.records import Article, ExtractedPage
from library.frontmatter import FrontMatter
from library.names import article_src_uri


def plain_text(value: str | None) -> str | None:
    """A front-matter value made safe and single-line.

    The theme prints titles and descriptions unescaped, so a scraped ``<`` could open a live tag:
    angle brackets become their full-width look-alikes. Runs of whitespace, including the odd
    Unicode line breaks YAML would not keep (``\x85``, ``\u2028``), become one space.
    """
    if value is None:
        return None
    return " ".join(value.replace("<", "＜").replace(">", "＞").split())


def content_hash(title: str, markdown: str) -> str:
    """A hash of the article's words, blind to layout: the same text from two sources matches.

    Runs of whitespace become one space, none at the ends: ``str.split`` does it twice as fast as
    the regular expression ``\\s+`` this hash was defined with, and both take whitespace to be
    exactly ``str.isspace`` (checked over every code point), so the hashes are those of earlier
    imports, which the manifest keeps.
    """
    normalized = " ".join(f"{title}\n{markdown}".split()).casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def article_path(category: str, subcategory: str | None, title: str) -> str:
    """``<category-slug>/<subcategory-slug>/<title-slug>.md``, as :mod:`library.names` lays it out.

    ASCII, one safe segment each, never a name the site keeps for itself (``index``, ``pagefind``).
    """
    return article_src_uri(category, subcategory, title)


def source_label(source: str, url: str | None) -> str:
    """The front matter's ``source``: the page's URL, else the file's name (not the local path)."""
    return url or PurePosixPath(source).name


def assemble_article(
    page: ExtractedPage,
    markdown: str,
    paragraphs: tuple[str, ...],
    imported: dt.date,
    fallback_category: str | None,
) -> Article:
    """Front matter per :mod:`library.frontmatter`, and where the file goes."""
    category, subcategory = category_from(page.breadcrumb, page.category_hint, fallback_category)
    title = plain_text(page.title) or ""
    front = FrontMatter(
        title=title,
        subtitle=plain_text(page.subtitle),
        category=plain_text(category) or "",
        subcategory=plain_text(subcategory),
        source=source_label(page.source, page.url),
        imported=imported,
        date=page.date,
        description=plain_text(describe(list(paragraphs))) if paragraphs else None,
        tags=tuple(plain_text(tag) or "" for tag in page.tags),
        views=page.views,
        hash=content_hash(title, markdown),
    )
    return Article(
        front=front, body=markdown, relative_path=article_path(category, subcategory, title)
    )
