"""The articles plugin's rules, tested without a build: what the header shows, and which embedded
resources would load from another host."""

from __future__ import annotations

import datetime as dt

from hooks.articles.header import Crumb, build_header
from hooks.articles.resources import external_resources
from library.frontmatter import FrontMatter, dump
from library.model import ArticleRecord, read_article

INDEX_PAGES = {"reports": "reports/", "reports/annual": "reports/annual/"}


def record(front: FrontMatter, body: str = "Text.") -> ArticleRecord:
    return read_article("reports/t.md", dump(front, body))


def test_breadcrumb_links_only_folders_that_have_an_index_page() -> None:
    front = FrontMatter(title="T", category="Reports", subcategory="Quarterly")
    header = build_header(record(front), INDEX_PAGES.get)
    assert header.breadcrumb == (Crumb("Reports", "reports/"), Crumb("Quarterly", None))


def test_chinese_category_breadcrumb_uses_pinyin_folders() -> None:
    front = FrontMatter(title="T", category="报告", subcategory="年度")
    header = build_header(record(front, "正文。"), {"bao-gao/nian-du": "bao-gao/nian-du/"}.get)
    assert header.breadcrumb[1] == Crumb("年度", "bao-gao/nian-du/")


def test_header_date_falls_back_to_the_import_date() -> None:
    front = FrontMatter(title="T", category="C", imported=dt.date(2025, 1, 2))
    assert build_header(record(front), INDEX_PAGES.get).date == dt.date(2025, 1, 2)


def test_header_reading_time_counts_chinese_characters() -> None:
    front = FrontMatter(title="T", category="C")
    assert build_header(record(front, "字" * 1200), INDEX_PAGES.get).minutes == 3


def test_image_from_another_host_is_reported() -> None:
    html = '<p><img src="https://cdn.example.com/a.png" alt=""></p>'
    assert external_resources(html, "library.example.org") == ["https://cdn.example.com/a.png"]


def test_every_srcset_candidate_is_checked() -> None:
    html = '<img src="a.png" srcset="a.png 1x, //cdn.example.com/a@2x.png 2x">'
    assert external_resources(html) == ["//cdn.example.com/a@2x.png"]


def test_relative_own_host_and_data_urls_are_not_reported() -> None:
    html = (
        '<img src="../img/a.png"><img src="https://library.example.org/b.png">'
        '<img src="data:image/png;base64,AAAA">'
    )
    assert external_resources(html, "library.example.org") == []


def test_links_to_other_sites_are_not_reported() -> None:
    assert external_resources('<a href="https://example.com/">source</a>') == []


def test_unquoted_and_uppercase_attributes_are_checked() -> None:
    assert external_resources("<IFRAME SRC=https://video.example.com/v></IFRAME>") == [
        "https://video.example.com/v"
    ]
