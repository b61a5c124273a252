"""What the search box in ``overrides/partials/search.html`` needs from the build.

The partial serialises this to JSON for ``assets/javascripts/secretariat-search.js``; everything the
browser needs to know (where the bundles are, how long excerpts are) comes from the plugin's options.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hooks.search.indexer import Bundle


@dataclass(frozen=True)
class SearchBox:
    """Settings of the search box, the same on every page."""

    #: Bundles relative to the site root; the first is the one whose ``pagefind.js`` is loaded.
    bundles: tuple[Bundle, ...]
    excerpt_length: int
    result_count: int
    category_filters: bool

    def to_json(self) -> dict[str, object]:
        """Plain data for the template's ``tojson``."""
        return {
            "bundles": [{"language": b.language, "folder": b.folder} for b in self.bundles],
            "excerptLength": self.excerpt_length,
            "resultCount": self.result_count,
            "filters": self.category_filters,
        }


def ordered_bundles(bundles: Iterable[Bundle], interface_language: str) -> tuple[Bundle, ...]:
    """The interface language's bundles first: Pagefind's primary index follows ``<html lang>``."""
    return tuple(
        sorted(bundles, key=lambda b: (b.language != interface_language, b.language, b.folder))
    )
