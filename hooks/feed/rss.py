"""The feed as an RSS 2.0 document, written with :mod:`xml.etree.ElementTree`.

The channel is dated by its newest item, not by the build: two builds of the same library give
the same bytes, so an unchanged feed is not downloaded again and builds can be compared.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime

from hooks.feed.items import FeedItem

ATOM = "http://www.w3.org/2005/Atom"
GENERATOR = "Secretariat (secretariat/feed)"


@dataclass(frozen=True)
class Channel:
    """What the feed says about the site."""

    title: str
    description: str
    link: str
    feed_url: str
    language: str


def rss_document(channel: Channel, items: Sequence[FeedItem]) -> bytes:
    """The whole feed, UTF-8, with an XML declaration and two-space indentation."""
    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", {"version": "2.0"})
    head = ET.SubElement(rss, "channel")
    _text(head, "title", channel.title)
    _text(head, "description", channel.description)
    _text(head, "link", channel.link)
    ET.SubElement(
        head,
        f"{{{ATOM}}}link",
        {"href": channel.feed_url, "rel": "self", "type": "application/rss+xml"},
    )
    _text(head, "language", channel.language)
    if items:
        newest = rfc822(max(item.published for item in items))
        _text(head, "pubDate", newest)
        _text(head, "lastBuildDate", newest)
    _text(head, "generator", GENERATOR)
    for item in items:
        entry = ET.SubElement(head, "item")
        _text(entry, "title", item.title)
        _text(entry, "category", item.category)
        _text(entry, "description", item.summary)
        _text(entry, "link", item.url)
        _text(entry, "pubDate", rfc822(item.published))
        ET.SubElement(entry, "guid", {"isPermaLink": "true"}).text = item.url
    ET.indent(rss)
    return bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True)) + b"\n"


def rfc822(day: dt.date) -> str:
    """``Fri, 10 Jan 2025 00:00:00 +0000``: RSS dates are RFC 822 date-times, here at midnight UTC."""
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text
