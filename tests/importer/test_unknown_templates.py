"""Pages of templates the project has no profile for: the generic path must get them right.

Each fixture in ``tests/fixtures/unknown/`` imitates a real kind of Chinese or English site
(model-essay, government, news) with its own breadcrumb, date and counter markup; none matches a
shipped profile. The golden files beside them in ``tests/golden/unknown/`` have been read.
To accept a deliberate change: ``UPDATE_GOLDEN=1 pytest tests/importer/test_unknown_templates.py``
and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from importer.decode import decode_page
from importer.profiles import load_profiles
from importer.reading import read_page
from library.frontmatter import dump
from tests.conftest import GOLDEN, ROOT
from tests.importer.helpers import convert_file, words

FIXTURES = ROOT / "tests" / "fixtures" / "unknown"


class Expected(NamedTuple):
    title: str
    category: str
    subcategory: str | None
    date: dt.date | None
    views: int | None
    body: str  # CSS selector of the article's text in the fixture, to check no word is lost


EXPECTED = {
    "en-essay-jsonld": Expected(
        "Annual Work Summary of the Sales Department",
        "Work summaries",
        "Annual summaries",
        dt.date(2023, 12, 28),
        2315,
        "div.entry-content",
    ),
    "en-gov-you-are-here": Expected(
        "Notice on the 2024 Spring Fire Safety Inspection",
        "Policies",
        "Notices",
        dt.date(2024, 3, 12),
        1204,
        "div.notice-text",
    ),
    "en-news-time-breadcrumbs": Expected(
        "City opens three new community health stations",
        "News",
        "Local",
        dt.date(2023, 10, 7),
        None,
        "div.story-body",
    ),
    "zh-fanwen-weizhi-gbk": Expected(
        "2024年第一季度安全生产工作总结",
        "秘书知识",
        "工作总结",
        dt.date(2024, 4, 8),
        1037,
        "div.wz-body",
    ),
    "zh-gov-notice-cue": Expected(
        "关于开展2023年冬季安全隐患大排查的通知",
        "政务公开",
        "通知公告",
        dt.date(2023, 11, 2),
        2418,
        "div.article-bd",
    ),
    "zh-microdata-slash": Expected(
        "2024年度党建工作计划", "工作计划", "党建计划", dt.date(2024, 1, 15), 960, "div.txt"
    ),
    "zh-news-jsonld": Expected(
        "全市召开基层减负工作推进会",
        "新闻",
        "本地要闻",
        dt.date(2024, 5, 6),
        3562,
        "div.article-content",
    ),
    "zh-no-title-aria": Expected(
        "在教师节表彰大会上的讲话",
        "公文写作",
        "讲话稿",
        dt.date(2023, 9, 8),
        512,
        "div.post-body",
    ),
    "zh-path-arrow-gbk": Expected(
        "2020年学校教学工作计划",
        "工作计划",
        "学校工作计划",
        dt.date(2020, 8, 5),
        276,
        "div.art-txt",
    ),
    "zh-position-dash-gbk": Expected(
        "学习二十大精神心得体会", "心得体会", "学习心得", dt.date(2019, 4, 22), 1533, "div.con"
    ),
    "zh-regulation-chapters": Expected(
        "机关公文处理管理办法",
        "规章制度",
        "行政管理制度",
        dt.date(2022, 3, 1),
        2048,
        "div.doc-content",
    ),
    "zh-script-counter": Expected(
        "青年干部座谈会上的讲话稿",
        "公文写作",
        "讲话稿",
        dt.date(2022, 6, 18),
        None,
        "div#article",
    ),
    "zh-stray-bytes-location": Expected(
        "社区2021年度工作总结",
        "总结报告",
        "年终总结",
        dt.date(2021, 12, 30),
        88,
        "div.art-c",
    ),
}


def _fixture(name: str) -> Path:
    return FIXTURES / f"{name}.html"


def test_every_fixture_has_expectations() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_fixture_matches_a_shipped_profile(name: str) -> None:
    page = decode_page(read_page(_fixture(name)))
    soup = BeautifulSoup(page.text, "lxml")
    assert [p.name for p in load_profiles() if p.matches(soup, None)] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_of_an_unknown_template_is_right(name: str) -> None:
    front = convert_file(_fixture(name)).front
    expected = EXPECTED[name]
    assert (front.title, front.category, front.subcategory, front.date, front.views) == (
        expected.title,
        expected.category,
        expected.subcategory,
        expected.date,
        expected.views,
    )


#: Words the generic path may keep beside the article (an editor's byline such as 责任编辑：王某).
MAX_EXTRA_WORDS = 3


def _article_words(name: str) -> tuple[list[str], list[str]]:
    article = convert_file(_fixture(name))
    soup = BeautifulSoup(decode_page(read_page(_fixture(name))).text, "lxml")
    body = soup.select_one(EXPECTED[name].body)
    assert body is not None
    return words(article.body), words(body.get_text("\n"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_word_of_the_article_is_lost(name: str) -> None:
    imported, original = _article_words(name)
    start = imported.index(original[0]) if original[0] in imported else -1
    assert imported[start : start + len(original)] == original


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_little_else_is_imported_with_the_article(name: str) -> None:
    imported, original = _article_words(name)
    assert len(imported) - len(original) <= MAX_EXTRA_WORDS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unknown_template_matches_its_golden_file(name: str) -> None:
    article = convert_file(_fixture(name))
    actual = dump(article.front, article.body)
    golden = GOLDEN / "unknown" / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
