"""Pages of templates the project has no profile for: the generic path must get them right.

Each fixture in ``tests/fixtures/unknown/`` (right answers in its ``expected.json``) imitates a
real kind of Chinese or English site
(model-essay, government, news) with its own breadcrumb, date and counter markup; none matches a
shipped profile. The golden files beside them in ``tests/golden/unknown/`` have been read.
To accept a deliberate change: ``UPDATE_GOLDEN=1 pytest tests/importer/test_unknown_templates.py``
and read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from importer.decode import decode_page
from importer.page_tree import parse_page
from importer.profiles import load_profiles
from importer.reading import read_page
from library.frontmatter import dump
from tests.conftest import GOLDEN, ROOT
from tests.importer.helpers import convert_file, words

FIXTURES = ROOT / "tests" / "fixtures" / "unknown"


class Expected(NamedTuple):
    """The right answers for one fixture, from ``expected.json`` (shared with the benchmark)."""

    title: str
    category: str
    subcategory: str | None
    date: dt.date | None
    views: int | None
    body: str  # CSS selector of the article's text in the fixture, to check no word is lost


def _load_expected() -> dict[str, Expected]:
    data = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    return {
        name: Expected(
            title=case["title"],
            category=case["category"],
            subcategory=case["subcategory"],
            date=dt.date.fromisoformat(case["date"]) if case["date"] else None,
            views=case["views"],
            body=case["body"],
        )
        for name, case in data.items()
    }


EXPECTED = _load_expected()


def _fixture(name: str) -> Path:
    return FIXTURES / f"{name}.html"


def test_every_fixture_has_expectations() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_fixture_matches_a_shipped_profile(name: str) -> None:
    page = decode_page(read_page(_fixture(name)))
    tree = parse_page(page.text)
    assert [p.name for p in load_profiles() if p.matches(tree, None)] == []


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
