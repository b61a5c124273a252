"""What the search index learns about one article, worked out from its front matter and text.

The template (``overrides/main.html`` and ``partials/search-fields.html``) turns these into Pagefind's
``data-pagefind-*`` markup; keeping the rules here means they are tested without a build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hooks.search.language import detect_language


@dataclass(frozen=True)
class SearchFields:
    """One article's search fields: its language decides which index holds it."""

    language: str
    title: str
    category: str | None
    subcategory: str | None
    date: str | None
    #: Offer category and subcategory as Pagefind filters (the ``category_filters`` option).
    filters: bool


def in_sections(src_uri: str, sections: Sequence[str]) -> bool:
    """True when the article lives under one of ``sections`` (top folders); no sections means all."""
    return not sections or src_uri.split("/", 1)[0] in {s.strip("/") for s in sections}


def search_fields(
    meta: Mapping[str, Any], title: str, text: str, *, default_language: str, filters: bool
) -> SearchFields:
    """The fields of an article whose front matter is ``meta`` and whose plain text is ``text``."""
    return SearchFields(
        language=detect_language(f"{title}\n{text}", default_language),
        title=title,
        category=_text(meta.get("category")),
        subcategory=_text(meta.get("subcategory")),
        date=_iso_date(meta.get("date") or meta.get("imported")),
        filters=filters,
    )


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _iso_date(value: object) -> str | None:
    """YAML gives a ``date`` for ``2024-03-05``; anything else is left to the articles plugin to flag."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None
