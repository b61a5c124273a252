"""What the search index learns about one article, worked out from its front matter and text.

The template (``overrides/main.html`` and ``partials/search-fields.html``) turns these into Pagefind's
``data-pagefind-*`` markup; keeping the rules here means they are tested without a build.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from hooks.search.language import detect_language
from library.frontmatter import FrontMatter


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

    def fingerprint(self) -> str:
        """Every field, as JSON: what the plugin puts into the article's page (build engine)."""
        return json.dumps(
            [self.language, self.title, self.category, self.subcategory, self.date, self.filters],
            ensure_ascii=False,
        )


def in_sections(src_uri: str, sections: Sequence[str]) -> bool:
    """True when the article lives under one of ``sections`` (top folders); no sections means all."""
    return not sections or src_uri.split("/", 1)[0] in {s.strip("/") for s in sections}


def search_fields(
    front: FrontMatter | None,
    title: str,
    text: str,
    *,
    default_language: str,
    filters: bool,
    language: str | None = None,
) -> SearchFields:
    """The fields of an article with validated ``front`` matter (None: not a valid article).

    ``language``: the article's language when already known (the Library measures it with the
    same :func:`~library.text.detect_language` rule), which saves reading the text again.
    """
    return SearchFields(
        language=language or detect_language(f"{title}\n{text}", default_language),
        title=title,
        category=front.category if front else None,
        subcategory=front.subcategory if front else None,
        date=_iso_date(front.date or front.imported) if front else None,
        filters=filters,
    )


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
