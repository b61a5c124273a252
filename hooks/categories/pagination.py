"""Splitting a long list over numbered pages: ``speeches/``, ``speeches/page/2/``, ...

A category of 3,000 articles on one page would be a multi-megabyte page; fixed-size pages keep every
page small and the first page's address stable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class PageSlice:
    """Page ``number`` of ``count`` shows items ``start`` up to (not including) ``stop``."""

    number: int
    count: int
    start: int
    stop: int


def split_pages(total: int, per_page: int) -> list[PageSlice]:
    """The pages a list of ``total`` items needs; an empty list still gets its first page."""
    if per_page < 1:
        raise ValueError(f"per_page must be 1 or more, got {per_page}")
    count = max(1, math.ceil(total / per_page))
    return [
        PageSlice(n, count, (n - 1) * per_page, min(total, n * per_page))
        for n in range(1, count + 1)
    ]


def page_src_uri(folder: str, number: int) -> str:
    """Where page ``number`` of a folder's list lives, as a Markdown path inside docs/."""
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}index.md" if number == 1 else f"{prefix}page/{number}/index.md"
