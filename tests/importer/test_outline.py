"""Official-document outlines: numbered section lines become headings, numbered paragraphs do not."""

from __future__ import annotations

import os

import pytest

from importer.metadata import describe
from importer.outline import outline_headings
from library.frontmatter import dump
from tests.conftest import GOLDEN, ROOT
from tests.importer.helpers import convert_file

FIXTURES = ROOT / "tests" / "fixtures" / "outline"


@pytest.mark.parametrize("name", ["zh-official-document", "en-report"])
def test_outline_matches_its_golden_file(name: str) -> None:
    article = convert_file(FIXTURES / f"{name}.html")
    actual = dump(article.front, article.body)
    golden = GOLDEN / "outline" / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_chinese_levels_follow_the_official_convention() -> None:
    html = "<p>一、总体要求</p><p>（一）目标</p><p>全年完成既定任务，确保不发生重大事故。</p>"
    assert outline_headings(html) == (
        "<h2>一、总体要求</h2><h3>（一）目标</h3><p>全年完成既定任务，确保不发生重大事故。</p>"
    )


def test_chapters_and_sections_become_headings() -> None:
    html = "<p>第一章　总则</p><p>第一节 适用范围</p><p>第一条 本办法适用于本机关。</p>"
    assert outline_headings(html).startswith("<h2>第一章 总则</h2><h3>第一节 适用范围</h3>")


def test_a_numbered_paragraph_that_is_a_sentence_stays_a_paragraph() -> None:
    html = "<p>一、提高认识。各单位要高度重视这项工作。</p><p>下一段落的文字内容，较长。</p>"
    assert outline_headings(html) == html


def test_a_run_of_short_numbered_lines_is_a_list_not_an_outline() -> None:
    html = "<p>一、时间：三月十日</p><p>二、地点：会议室</p><p>三、人员：全体</p><p>请准时参加会议。</p>"
    assert outline_headings(html) == html


def test_roman_then_arabic_headings_get_two_levels() -> None:
    html = "<p>I. Method</p><p>1. Survey</p><p>We asked 420 pupils how they read.</p>"
    assert outline_headings(html) == (
        "<h2>I. Method</h2><h3>1. Survey</h3><p>We asked 420 pupils how they read.</p>"
    )


def test_a_lone_numbered_list_item_heading_keeps_its_number() -> None:
    html = '<ol start="2"><li>Problems</li></ol><p>Follow-up with small customers was slow.</p>'
    assert outline_headings(html).startswith("<h2>2. Problems</h2>")


def test_a_multi_item_numbered_list_stays_a_list() -> None:
    html = "<ol><li>First point</li><li>Second point</li></ol><p>Closing remarks follow here.</p>"
    assert outline_headings(html) == html


def test_the_description_leaves_out_section_heading_lines() -> None:
    paragraphs = ["为做好防汛工作，制定本方案。", "一、指导思想", "坚持人民至上。"]
    assert describe(paragraphs) == "为做好防汛工作，制定本方案。坚持人民至上。"
