"""``describe``: the text plugins give the engine for a page's or the site's inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hooks.build.fingerprint import describe


@dataclass(frozen=True)
class Item:
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class Listing:
    name: str
    items: tuple[Item, ...]


def test_nested_dataclasses_are_written_as_their_fields() -> None:
    listing = Listing("报告", (Item("A", dt.date(2024, 3, 4)), Item("B", None)))
    assert describe(listing) == (
        '{"items": [{"date": "2024-03-04", "title": "A"}, {"date": null, "title": "B"}], '
        '"name": "报告"}'
    )


def test_a_changed_field_deep_inside_changes_the_text() -> None:
    before = Listing("x", (Item("A", None),))
    after = Listing("x", (Item("A", dt.date(2024, 1, 1)),))
    assert describe(before) != describe(after)


def test_nothing_is_null() -> None:
    assert describe(None) == "null"
