"""Dates and read counters as model-essay pages write them (importer/metadata.py, extract.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml.html import fromstring

from importer.extract import extract_with_profile
from importer.metadata import parse_date, parse_views
from importer.profiles import Fields, Profile
from importer.records import DecodedPage


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published: 2024-03-04", dt.date(2024, 3, 4)),
        ("发布时间：2023年5月12日", dt.date(2023, 5, 12)),
        ("Published March 4, 2024", dt.date(2024, 3, 4)),
        ("4 March 2024", dt.date(2024, 3, 4)),
        ("Posted Mar. 4 2024 by the office", dt.date(2024, 3, 4)),
        ("Sept 12th, 2023", dt.date(2023, 9, 12)),
    ],
)
def test_dates_are_read_numeric_or_with_the_month_named(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


def test_the_first_date_in_the_text_wins_whichever_way_it_is_written() -> None:
    assert parse_date("Updated 2024-05-01, first published March 4, 2024") == dt.date(2024, 5, 1)
    assert parse_date("First published March 4, 2024, updated 2024-05-01") == dt.date(2024, 3, 4)


@pytest.mark.parametrize("text", ["February 30, 2024", "Mayor 4 2024", "March 2024"])
def test_what_is_not_a_whole_date_gives_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "views"),
    [
        ("阅读：1037", 1037),
        ("Views: 1,037", 1037),
        ("1,204 views", 1204),
        ("1204 次阅读", 1204),
        ("已有1204人浏览", 1204),
    ],
)
def test_read_counters_are_read_before_or_after_their_word(text: str, views: int) -> None:
    assert parse_views(text) == views


def test_a_number_followed_by_a_longer_word_is_not_a_counter() -> None:
    assert parse_views("12 viewsheds") is None


def test_a_profile_date_field_prefers_the_time_elements_datetime() -> None:
    html = (
        "<html><body><h1>Title</h1><p class='meta'>Posted <time datetime='2024-03-04'>"
        "yesterday</time></p><div class='body'><p>Text of the article.</p></div></body></html>"
    )
    profile = Profile(
        name="t",
        kind="html",
        fields=Fields(title="h1", body="div.body", date="p.meta"),
    )
    page = DecodedPage(source="page.html", text=html, kind="html")
    assert extract_with_profile(fromstring(html), page, profile).date == dt.date(2024, 3, 4)
