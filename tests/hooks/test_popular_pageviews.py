"""Reading analytics exports and matching their paths and URLs to the site's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.popular.pageviews import (
    PageviewRow,
    PageviewsError,
    match_rows,
    page_key,
    parse_pageviews,
    read_pageviews,
    total_views,
)


def test_plain_path_and_views_columns_are_read() -> None:
    rows = parse_pageviews("path,views\n/a/b/,12\n", "views.csv")
    assert rows == [PageviewRow(line=2, target="/a/b/", views=12)]


def test_google_analytics_export_with_notes_and_thousands_is_read() -> None:
    text = (
        "# Pages and screens\n# 2024-01-01 - 2024-03-31\n\n"
        'Page path and screen class,Views,Users\n/a/,"1,234",50\n'
    )
    assert parse_pageviews(text, "ga.csv") == [PageviewRow(line=5, target="/a/", views=1234)]


@pytest.mark.parametrize("header", ["page,pageviews", "URL,Page views", "Page path,Views"])
def test_common_header_names_are_accepted(header: str) -> None:
    assert parse_pageviews(f"{header}\n/a/,3\n", "v.csv")[0].views == 3


def test_bad_views_value_names_the_file_and_line() -> None:
    with pytest.raises(
        PageviewsError, match=r"^views\.csv:3: views must be a whole number.*'many'"
    ):
        parse_pageviews("path,views\n/a/,1\n/b/,many\n", "views.csv")


def test_negative_views_are_refused() -> None:
    with pytest.raises(PageviewsError, match=r"views\.csv:2:"):
        parse_pageviews("path,views\n/a/,-4\n", "views.csv")


def test_missing_views_column_is_named() -> None:
    with pytest.raises(PageviewsError, match=r"views\.csv:1: .*lacks a views column"):
        parse_pageviews("path,visitors\n/a/,4\n", "views.csv")


def test_row_with_extra_fields_names_its_line() -> None:
    with pytest.raises(PageviewsError, match=r"views\.csv:2: has 3 fields"):
        parse_pageviews("path,views\n/a/,1,2\n", "views.csv")


def test_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    data = tmp_path / "views.csv"
    data.write_bytes("path,views\n/会议/,1\n".encode("gb18030"))
    with pytest.raises(PageviewsError, match=r"views\.csv: is not UTF-8"):
        read_pageviews(data)


@pytest.mark.parametrize(
    "target",
    [
        "/reports/annual/x/",
        "reports/annual/x.md",
        "https://example.org/reports/annual/x/",
        "/reports/annual/x/index.html",
        "/reports/annual/x/?utm_source=mail#top",
        "reports/annual/x.html",
    ],
)
def test_paths_urls_and_markdown_paths_name_the_same_page(target: str) -> None:
    assert page_key(target) == "reports/annual/x"


def test_site_served_under_a_subpath_is_matched() -> None:
    assert page_key("https://example.org/library/reports/x/", "/library/") == "reports/x"


def test_home_page_has_the_empty_key() -> None:
    assert page_key("/") == page_key("index.md") == ""


def test_percent_encoded_paths_are_decoded() -> None:
    assert page_key("/reports/%E4%BC%9A%E8%AE%AE/") == "reports/会议"


def test_rows_naming_one_page_add_up() -> None:
    rows = [PageviewRow(2, "/a/", 5), PageviewRow(3, "a.md", 7)]
    assert total_views(rows) == {"a": 12}


def test_rows_for_missing_pages_are_returned_as_stale() -> None:
    rows = [PageviewRow(2, "/a/", 5), PageviewRow(3, "/gone/", 7)]
    views, stale = match_rows(rows, {"a", ""})
    assert views == {"a": 5}
    assert stale == [PageviewRow(3, "/gone/", 7)]
