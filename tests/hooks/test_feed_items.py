"""Which articles the feed announces and what it says of each, without a build."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hooks.feed.items import feed_items
from hooks.feed.rss import Channel, rss_document
from library.frontmatter import FrontMatter, dump
from library.model import ArticleRecord, read_article


def record(src_uri: str, front: FrontMatter, body: str = "Text.") -> ArticleRecord:
    return read_article(src_uri, dump(front, body))


def items(*records: ArticleRecord, length: int = 20) -> list[str]:
    chosen = feed_items(records, lambda uri: f"/{uri}", length=length, abstract_chars=200)
    return [item.title for item in chosen]


def test_newest_imported_first_and_only_the_newest_length() -> None:
    old = record("a.md", FrontMatter("Old", "C", imported=dt.date(2024, 1, 1)))
    new = record("b.md", FrontMatter("New", "C", imported=dt.date(2025, 1, 1)))
    newer = record("c.md", FrontMatter("Newer", "C", imported=dt.date(2025, 6, 1)))
    assert items(old, new, newer, length=2) == ["Newer", "New"]


def test_the_import_day_orders_the_feed_not_the_writing_day() -> None:
    written_long_ago = FrontMatter("A", "C", date=dt.date(2001, 1, 1), imported=dt.date(2025, 2, 1))
    recent = FrontMatter("B", "C", date=dt.date(2024, 12, 1), imported=dt.date(2025, 1, 1))
    assert items(record("a.md", written_long_ago), record("b.md", recent)) == ["A", "B"]


def test_an_article_without_any_date_is_left_out() -> None:
    assert items(record("a.md", FrontMatter("Undated", "C"))) == []


def test_the_summary_is_the_description_else_the_start_of_the_text() -> None:
    described = record(
        "a.md", FrontMatter("A", "C", description="In short.", imported=dt.date(2025, 1, 1))
    )
    long_text = record("b.md", FrontMatter("B", "C", imported=dt.date(2025, 1, 1)), "word " * 100)
    chosen = feed_items([described, long_text], str, length=20, abstract_chars=200)
    assert chosen[0].summary == "In short."
    assert chosen[1].summary == f"<p>{('word ' * 100)[:197]}...</p>"


def test_titles_with_markup_characters_stay_text_in_the_xml() -> None:
    article = record("a.md", FrontMatter("Q&A: 5 > 3", "C", imported=dt.date(2025, 1, 1)))
    chosen = feed_items([article], str, length=20, abstract_chars=200)
    channel = Channel("Site", "About", "http://x/", "http://x/feed.xml", "en")
    root = ET.fromstring(rss_document(channel, chosen))
    assert root.findtext("channel/item/title") == "Q&A: 5 > 3"
