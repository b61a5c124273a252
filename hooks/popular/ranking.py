"""Ordering articles by how much they are read.

A raw view count favours old articles forever; with ``half_life_days`` an article's views count half
as much for every half-life that has passed since its date, so a recent piece that is read a lot can
climb past a classic. When no article has any views the lists fall back to newest first, and say so,
rather than disappearing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """An article that can appear in a Popular list."""

    key: str  # page key, see pageviews.page_key
    url: str
    title: str
    category: str
    subcategory: str | None
    date: dt.date | None
    views: int | None  # None: no figure at all (not the same as 0 views)


@dataclass(frozen=True)
class PopularList:
    """What a template shows: whose list it is, the articles, and whether views ordered them.

    The heading is the template's to word (and translate): ``scope`` is the category's name, or
    ``None`` for the whole site.
    """

    scope: str | None
    items: tuple[Candidate, ...]

    @property
    def by_views(self) -> bool:
        """False when no item has a view figure: the list is then simply the newest articles."""
        return any(item.views is not None for item in self.items)


def weighted_views(candidate: Candidate, today: dt.date, half_life_days: float | None) -> float:
    """Views, decayed by the article's age when a half-life is set (undated ones don't decay)."""
    if candidate.views is None:
        return 0.0
    if half_life_days is None or candidate.date is None:
        return float(candidate.views)
    age_days = max(0, (today - candidate.date).days)
    return float(candidate.views * 0.5 ** (age_days / half_life_days))


def rank(
    candidates: Iterable[Candidate], today: dt.date, half_life_days: float | None = None
) -> list[Candidate]:
    """Most read first; articles without figures after them; ties newest first, then by title."""

    def key(c: Candidate) -> tuple[bool, float, bool, int, str]:
        newest = -c.date.toordinal() if c.date else 0
        return (
            c.views is None,
            -weighted_views(c, today, half_life_days),
            c.date is None,
            newest,
            c.title.casefold(),
        )

    return sorted(candidates, key=key)


def top(
    ranked: Sequence[Candidate],
    limit: int,
    keep: Callable[[Candidate], bool] = lambda _: True,
    exclude: str | None = None,
) -> tuple[Candidate, ...]:
    """The first ``limit`` ranked articles that ``keep`` accepts, except the page ``exclude``."""
    chosen: list[Candidate] = []
    for candidate in ranked:
        if len(chosen) >= limit:
            break
        if candidate.key != exclude and keep(candidate):
            chosen.append(candidate)
    return tuple(chosen)
