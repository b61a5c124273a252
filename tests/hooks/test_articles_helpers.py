"""The articles plugin's rules, tested without a build: which pages are articles, what the header
shows, and which embedded resources would load from another host."""

from __future__ import annotations

import datetime as dt

from mkdocs.structure.files import File

from hooks.articles.header import Crumb, build_header
from hooks.articles.resources import external_resources
from hooks.articles.selection import is_article
from library.frontmatter import FrontMatter

INDEX_PAGES = {"reports": "reports/", "reports/annual": "reports/annual/"}


def doc(src_uri: str) -> File:
    return File(src_uri, src_dir="/docs", dest_dir="/site", use_directory_urls=True)


def test_markdown_page_in_a_category_folder_is_an_article() -> None:
    assert is_article(doc("reports/annual/summary.md"))


def test_index_pages_are_not_articles() -> None:
    assert not is_article(doc("reports/index.md"))


def test_generated_pages_are_not_articles() -> None:
    page = doc("reports/summary.md")
    page.generated_by = "secretariat/categories"
    assert not is_article(page)


def test_non_markdown_files_are_not_articles() -> None:
    assert not is_article(doc("reports/chart.png"))


def test_breadcrumb_links_only_folders_that_have_an_index_page() -> None:
    front = FrontMatter(title="T", category="Reports", subcategory="Quarterly")
    header = build_header(front, "Text.", INDEX_PAGES.get)
    assert header.breadcrumb == (Crumb("Reports", "reports/"), Crumb("Quarterly", None))


def test_chinese_category_breadcrumb_uses_pinyin_folders() -> None:
    front = FrontMatter(title="T", category="报告", subcategory="年度")
    header = build_header(front, "正文。", {"bao-gao/nian-du": "bao-gao/nian-du/"}.get)
    assert header.breadcrumb[1] == Crumb("年度", "bao-gao/nian-du/")


def test_header_date_falls_back_to_the_import_date() -> None:
    front = FrontMatter(title="T", category="C", imported=dt.date(2025, 1, 2))
    assert build_header(front, "Text.", INDEX_PAGES.get).date == dt.date(2025, 1, 2)


def test_header_reading_time_counts_chinese_characters() -> None:
    front = FrontMatter(title="T", category="C")
    assert build_header(front, "字" * 1200, INDEX_PAGES.get).reading_minutes == 3


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
