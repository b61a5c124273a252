"""Generic metadata rules: what a page shows beats guesses, and nothing beats a wrong value."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from importer import page_metadata
from importer.page_metadata import (
    PageMetadata,
    find_breadcrumb,
    read_page_metadata,
    strip_site_suffix,
)


def _read(html: str) -> PageMetadata:
    return read_page_metadata(BeautifulSoup(html, "lxml"), html, None)


@pytest.mark.parametrize(
    ("title", "article"),
    [
        ("关于2023年工作的总结 - 范文站", "关于2023年工作的总结"),
        ("2024年度党建工作计划_党建计划_某某网", "2024年度党建工作计划"),
        ("Notice on fire safety checks | County Site", "Notice on fire safety checks"),
        ("2020年学校教学工作计划-中国范文中心", "2020年学校教学工作计划"),
    ],
)
def test_the_site_suffix_is_removed_from_the_title(title: str, article: str) -> None:
    assert strip_site_suffix(title) == article


def test_a_logo_heading_is_not_the_title() -> None:
    html = "<title>社区工作总结 - 好范文网</title><h1>好范文网</h1><div>社区工作总结</div>"
    assert _read(html).title == "社区工作总结"


def test_a_page_without_title_takes_its_heading() -> None:
    assert (
        _read("<body><h1>在教师节大会上的讲话</h1><p>老师们：</p></body>").title
        == "在教师节大会上的讲话"
    )


@pytest.mark.parametrize("separator", [">", "»", "›", "/", "＞", "→", "-", "&gt;"])
def test_breadcrumb_separators_split_crumbs(separator: str) -> None:
    html = f'<div class="crumb">首页 {separator} 秘书知识 {separator} 工作总结 {separator} 社区工作总结</div>'
    assert find_breadcrumb(BeautifulSoup(html, "lxml"), "社区工作总结") == ("秘书知识", "工作总结")


def test_a_text_cue_finds_a_breadcrumb_without_markup() -> None:
    html = (
        '<div><span>您的位置：</span><a href="/">网站首页</a> > '
        '<a href="/a">政务公开</a> > <a href="/b">通知公告</a></div>'
    )
    assert find_breadcrumb(BeautifulSoup(html, "lxml"), "x") == ("政务公开", "通知公告")


def test_a_copyright_year_is_never_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_metadata, "htmldate_find_date", lambda *a, **k: None)
    html = "<h1>社区工作总结</h1><p>正文。</p><div>Copyright © 2005-01-01 某某网 版权所有</div>"
    assert _read(html).date is None


def test_a_guess_of_today_is_not_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        page_metadata, "htmldate_find_date", lambda *a, **k: dt.date.today().isoformat()
    )
    assert _read("<h1>社区工作总结</h1><p>正文。</p>").date is None


def test_the_date_next_to_the_title_beats_dates_in_the_text() -> None:
    html = "<h1>防汛工作方案</h1><div>发布时间：2024-05-20</div><p>2023年6月1日发生洪水。</p>"
    assert _read(html).date == dt.date(2024, 5, 20)


def test_a_counter_filled_by_script_gives_no_views() -> None:
    html = (
        '<h1>讲话稿</h1><div>阅读：<span id="hits"><script src="/count.php?id=1"></script></span>'
        "</div><div>2022-06-18</div>"
    )
    assert _read(html).views is None


def test_an_empty_counter_does_not_borrow_the_next_number() -> None:
    html = '<h1>讲话稿</h1><div>浏览次数：<span id="hits"></span></div><div>2022-06-18 10:00</div>'
    assert _read(html).views is None


def test_a_placeholder_zero_is_not_a_view_count() -> None:
    assert _read('<h1>讲话稿</h1><div>阅读：<span id="hits">0</span></div>').views is None


@pytest.mark.parametrize(
    ("line", "views"),
    [
        ("阅读：1037", 1037),
        ("浏览次数：2,418", 2418),
        ("点击：88", 88),
        ("3562人阅读", 3562),
        ("1,204 views", 1204),
    ],
)
def test_counters_are_read_next_to_their_label(line: str, views: int) -> None:
    assert _read(f"<h1>工作总结</h1><div>{line}</div>").views == views


def test_a_sidebar_counter_is_not_the_articles() -> None:
    filler = "<p>" + "正文内容。" * 80 + "</p>"
    html = f"<h1>工作总结</h1>{filler}<ul><li>热门文章 阅读(9999)</li></ul>"
    assert _read(html).views is None


def test_a_sites_own_home_crumb_is_dropped() -> None:
    html = '<div class="post_crumb"><a href="/">网易首页</a> &gt; <a href="/m">财经频道</a> &gt; 正文</div>'
    assert find_breadcrumb(BeautifulSoup(html, "lxml"), "x") == ("财经频道",)


def test_a_lone_link_with_a_crumb_class_is_not_a_breadcrumb() -> None:
    html = '<div class="trc-position"><a href="https://ads.example">by Taboola</a></div>'
    assert find_breadcrumb(BeautifulSoup(html, "lxml"), "x") == ()


def test_the_top_bars_today_is_not_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_metadata, "htmldate_find_date", lambda *a, **k: None)
    html = "<div>今天是2024年5月6日 星期一</div><h1>防汛工作方案</h1><p>为做好防汛工作，制定本方案。</p>"
    assert _read(html).date is None
