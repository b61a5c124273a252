"""Golden files for each sample template: the Markdown a person has read and found right.

To accept a deliberate change, run ``UPDATE_GOLDEN=1 pytest tests/importer/test_samples_golden.py``
and read the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import os

import pytest

from library.frontmatter import dump
from tests.conftest import GOLDEN, ROOT
from tests.importer.helpers import convert_file

CASES = {
    "modelessay-en": "samples/html/en-conference-speech-safety-production.html",
    "modelessay-en-escaped-tags": "samples/html/en-notice-portal-submissions.html",
    "modelessay-en-title-close-button": "samples/html/en-annual-summary-finance-bureau.html",
    "wenmi-zh": "samples/html/zh-conference-speech-party-building-school.html",
    "wenmi-zh-gbk": "samples/html/zh-conference-speech-safety-production-gbk.html",
    "wenmi-zh-script-in-body": "samples/html/zh-speech-draft-teachers-day-script.html",
    "text-dump-en": "samples/dumps/en-conference-speech-party-building-enterprise.txt",
    "text-dump-zh": "samples/dumps/zh-conference-speech-party-building-agency.txt",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_matches_its_golden_file(name: str) -> None:
    article = convert_file(ROOT / CASES[name])
    actual = dump(article.front, article.body)
    golden = GOLDEN / "samples" / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_script_onclick_and_javascript_link_in_the_body_are_gone() -> None:
    article = convert_file(ROOT / CASES["wenmi-zh-script-in-body"])
    source = (ROOT / CASES["wenmi-zh-script-in-body"]).read_text(encoding="utf-8")
    assert "<script" in source and "onclick" in source and "javascript:" in source
    for needle in ("<script", "onclick", "javascript:", "<"):
        assert needle not in article.body


def test_escaped_tags_in_a_page_stay_visible_text() -> None:
    import markdown
    from bs4 import BeautifulSoup

    article = convert_file(ROOT / CASES["modelessay-en-escaped-tags"])
    rendered = BeautifulSoup(markdown.markdown(article.body), "html.parser")
    assert rendered.find(["b", "font", "br"]) is None
    assert 'tags such as <b>, <font color="red"> and <br> appeared' in rendered.get_text()
