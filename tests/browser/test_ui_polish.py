"""Where an article's Popular list sits, and the Chinese wording of the Recommended and Popular lists.

The list is drawn once, below the article; on screens wide enough for Material's right-hand sidebar
``assets/secretariat/popular-aside.js`` moves it under the table of contents. The layout tests use
the shipped site (``built_site``); the wording tests build a tiny site with ``theme.language: zh``
using the fixture helpers of tests/hooks/test_articles_build.py. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from library.frontmatter import FrontMatter, dump
from tests.hooks.test_articles_build import build, write_site

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ASIDE = ".sec-popular-aside"
SIDEBAR = ".md-sidebar--secondary .md-sidebar__inner"

SUMMARY_BODY = (
    "本年度我们坚持党建引领，推进社区服务、环境整治和平安建设，较好完成了全年工作任务。\n"
)
NOTICE_BODY = "各部门要按照统一部署，认真做好年度预算编制和安全检查工作，按时报送材料。\n"


def zh_article(title: str, category: str, day: int, body: str, views: int | None = None) -> str:
    front = FrontMatter(
        title=title,
        category=category,
        subcategory="年度" if category == "工作总结" else "通知",
        date=dt.date(2024, 1, day),
        imported=dt.date(2025, 1, 10),
        views=views,
    )
    return dump(front, body * 6)


ZH_PAGES = {
    "index.md": "# 文库\n",
    "gong-zuo-zong-jie/nian-du/a.md": zh_article(
        "幸福社区年度工作总结", "工作总结", 3, SUMMARY_BODY, 320
    ),
    "gong-zuo-zong-jie/nian-du/b.md": zh_article(
        "实验小学年度工作总结", "工作总结", 4, SUMMARY_BODY, 1
    ),
    "gong-zuo-zong-jie/nian-du/c.md": zh_article(
        "机关年度工作总结", "工作总结", 5, SUMMARY_BODY, 2048
    ),
    "tong-zhi/tong-zhi/a.md": zh_article("关于编制年度预算的通知", "通知", 6, NOTICE_BODY),
    "tong-zhi/tong-zhi/b.md": zh_article("关于开展安全检查的通知", "通知", 7, NOTICE_BODY),
}
ZH_SUMMARY = "gong-zuo-zong-jie/nian-du/a/index.html"
ZH_NOTICE = "tong-zhi/tong-zhi/a/index.html"


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five Chinese articles in two categories, built with the Popular and Recommended plugins."""
    root = tmp_path_factory.mktemp("ui-polish-zh")
    config = write_site(
        root, ZH_PAGES, language="zh", plugins=["secretariat/popular", "secretariat/recommended"]
    )
    result = build(config)
    assert result.returncode == 0, result.stderr
    return root / "site"


def zh_page(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")


def article_in(site: Path, language: str) -> str:
    """The URL path of the first article page of the given language that has a Popular list."""
    marker = f'data-pagefind-body lang="{language}"'
    for page in sorted(site.glob("*/*/*/index.html")):
        html = page.read_text(encoding="utf-8")
        if marker in html and 'class="sec-popular-aside"' in html:
            return page.parent.relative_to(site).as_posix() + "/"
    pytest.fail(f"the built site has no {language} article with a Popular list")


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve_dir: Any) -> str:
    url: str = serve_dir(built_site)
    return url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A fresh page whose JavaScript errors fail the test that opened it."""
    context = browser.new_context(viewport=DESKTOP)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def open_page(page: Any, url: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(url)
    page.wait_for_load_state("networkidle")


def in_sidebar(page: Any) -> bool:
    found: bool = page.evaluate(f"!!document.querySelector('{SIDEBAR} {ASIDE}')")
    return found


def test_popular_list_sits_in_the_sidebar_under_the_contents_on_desktop(
    tab: Any, site_url: str, built_site: Path, artifacts: Path
) -> None:
    open_page(tab, site_url + article_in(built_site, "en"), DESKTOP)
    tab.screenshot(path=artifacts / "ui-popular-desktop-en.png")
    assert in_sidebar(tab)
    assert tab.locator(f"{SIDEBAR} > :last-child").evaluate(
        "node => node.matches('.sec-popular-aside')"
    )
    assert tab.locator(".sc-popular").count() == 1
    assert tab.locator(f"{ASIDE} li a").first.is_visible()


def test_popular_list_follows_the_article_on_a_phone(
    tab: Any, site_url: str, built_site: Path, artifacts: Path
) -> None:
    open_page(tab, site_url + article_in(built_site, "en"), PHONE)
    tab.screenshot(path=artifacts / "ui-popular-phone-en.png", full_page=True)
    assert not in_sidebar(tab)
    aside = tab.locator(ASIDE)
    aside.scroll_into_view_if_needed()
    assert aside.is_visible()
    body = tab.locator(".sec-article-body").bounding_box()
    assert aside.bounding_box()["y"] > body["y"] + body["height"]


def test_popular_list_moves_back_below_the_article_when_the_window_narrows(
    tab: Any, site_url: str, built_site: Path
) -> None:
    open_page(tab, site_url + article_in(built_site, "en"), DESKTOP)
    tab.set_viewport_size(PHONE)
    tab.wait_for_function(f"!document.querySelector('{SIDEBAR} {ASIDE}')")
    assert tab.locator(f".md-content {ASIDE}").is_visible()


def test_chinese_article_shows_its_popular_list_in_the_sidebar(
    tab: Any, site_url: str, built_site: Path, artifacts: Path
) -> None:
    open_page(tab, site_url + article_in(built_site, "zh"), DESKTOP)
    tab.screenshot(path=artifacts / "ui-popular-desktop-zh-article.png")
    assert in_sidebar(tab)


def test_print_leaves_the_popular_list_out(tab: Any, site_url: str, built_site: Path) -> None:
    open_page(tab, site_url + article_in(built_site, "en"), DESKTOP)
    tab.emulate_media(media="print")
    assert tab.locator(".sc-popular").is_hidden()


def test_chinese_site_titles_the_recommended_list_in_chinese(zh_site: Path) -> None:
    title = zh_page(zh_site, ZH_SUMMARY).select_one(".sc-recommended__title")
    assert title is not None and title.get_text(strip=True) == "推荐阅读"


def test_chinese_site_titles_the_popular_list_in_chinese(zh_site: Path) -> None:
    title = zh_page(zh_site, ZH_SUMMARY).select_one(".sc-popular__title")
    assert title is not None and title.get_text(strip=True) == "工作总结热门文章"


def test_chinese_site_counts_views_in_chinese(zh_site: Path) -> None:
    meta = [
        m.get_text(strip=True) for m in zh_page(zh_site, ZH_SUMMARY).select(".sc-popular__meta")
    ]
    assert meta == ["2,048次阅读", "1次阅读"]


def test_chinese_site_says_in_chinese_that_a_list_without_views_is_the_newest(
    zh_site: Path,
) -> None:
    popular = zh_page(zh_site, ZH_NOTICE).select_one(".sc-popular")
    assert popular is not None
    assert popular.select_one(".sc-popular__note").get_text(strip=True).startswith("暂无阅读量数据")  # type: ignore[union-attr]
    assert popular.select_one("time").get_text(strip=True) == "2024年1月7日"  # type: ignore[union-attr]


def test_chinese_site_prints_no_english_in_the_lists(zh_site: Path) -> None:
    page = zh_page(zh_site, ZH_SUMMARY)
    text = " ".join(s.get_text(" ") for s in page.select(".sc-recommended, .sc-popular"))
    assert not re.search(r"Recommended|Popular|views?\b|page-view", text)


def test_chinese_site_article_on_desktop_and_phone(
    tab: Any, zh_site: Path, serve_dir: Any, artifacts: Path
) -> None:
    url = serve_dir(zh_site) + ZH_SUMMARY.removesuffix("index.html")
    open_page(tab, url, DESKTOP)
    tab.screenshot(path=artifacts / "ui-popular-desktop-zh-site.png")
    assert "热门文章" in tab.locator(f"{SIDEBAR} {ASIDE}").inner_text()
    open_page(tab, url, PHONE)
    tab.screenshot(path=artifacts / "ui-popular-phone-zh-site.png", full_page=True)
    assert "热门文章" in tab.locator(f".md-content {ASIDE}").inner_text()
