"""Which articles the feed announces and what it says of each: plain functions over the Library.

The feed lists what is *new to the library*, so articles are ordered by the day they joined it
(front matter ``imported``; an article written by hand without one, by its ``date``). An article
with neither has no date a reader could be told, and stays out rather than be dated by the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import markdown

from library.model import ArticleRecord


@dataclass(frozen=True)
class FeedItem:
    """One ``<item>`` of the feed; ``summary`` is HTML (feed readers render it)."""

    title: str
    url: str
    published: dt.date
    summary: str
    category: str


def feed_items(
    records: Iterable[ArticleRecord],
    url_of: Callable[[str], str],
    *,
    length: int,
    abstract_chars: int,
) -> list[FeedItem]:
    """The ``length`` newest articles, newest first; ties by path so the order never flickers."""
    dated = [(r.front.imported or r.front.date, r) for r in records]
    newest = sorted(
        ((day, r) for day, r in dated if day is not None),
        key=lambda pair: (-pair[0].toordinal(), pair[1].src_uri),
    )
    return [
        FeedItem(
            title=record.front.title,
            url=url_of(record.src_uri),
            published=day,
            summary=summary_of(record, abstract_chars),
            category=record.front.category,
        )
        for day, record in newest[:length]
    ]


def summary_of(record: ArticleRecord, abstract_chars: int) -> str:
    """The article's ``description``, else the start of its text, cut at ``abstract_chars``."""
    if record.front.description:
        return record.front.description
    text = record.body.strip()
    if len(text) > abstract_chars:
        text = f"{text[: abstract_chars - 3]}..."
    return str(markdown.markdown(text, output_format="html"))
