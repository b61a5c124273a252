"""Under ``theme.language: zh`` the generated home and category pages speak Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from library.frontmatter import FrontMatter, dump
from tests.hooks.test_articles_build import build, write_site

PAGES = {
    f"gong-zuo-zong-jie/nian-du/{n}.md": dump(
        FrontMatter(title=f"年度总结{n}", category="工作总结", subcategory="年度总结"),
        "今年各项工作稳步推进，圆满完成了年初确定的目标任务。" * 5,
    )
    for n in ("a", "b")
}


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("categories-zh")
    result = build(write_site(root, PAGES, language="zh", plugins=["secretariat/categories"]))
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def text_of(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one(".md-content").get_text(" ", strip=True)  # type: ignore[union-attr]


def test_home_page_headings_and_counts_are_chinese(zh_site: Path) -> None:
    text = text_of(zh_site, "index.html")
    assert "文章分类" in text and "最新文章" in text and "2篇文章" in text
    assert "Latest articles" not in text and "articles" not in text


def test_category_list_heading_and_reading_time_are_chinese(zh_site: Path) -> None:
    text = text_of(zh_site, "gong-zuo-zong-jie/index.html")
    assert "共2篇文章" in text and "分钟阅读时间" in text
    assert "newest first" not in text and "min read" not in text
