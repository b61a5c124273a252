"""Front-matter values in the head's attributes and title: escaped, so no value can break out."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from library.frontmatter import split
from library.pages import is_index_page
from tests.security.corpus import Corpus
from tests.security.scan import malformed_meta

ROOT = Path(__file__).resolve().parents[2]
THEME = Path(material.__file__).parent / "templates"
_HEAD_TAG_RE = re.compile(r"<(meta|link) (?:name|rel|charset|property)=\"?([\w-]*)")


def head_tags(template: str) -> list[tuple[str, str]]:
    return _HEAD_TAG_RE.findall(template)


def theme_block(name: str) -> str:
    base = (THEME / "base.html").read_text(encoding="utf-8")
    return base.split(f"{{% block {name} %}}")[1].split("{% endblock %}")[0]


def test_the_head_override_writes_the_same_tags_as_materials_blocks() -> None:
    """Hack guard: partials/site-meta.html stands in for Material's site_meta block."""
    ours = (ROOT / "overrides" / "partials" / "site-meta.html").read_text(encoding="utf-8")
    assert head_tags(ours) == head_tags(theme_block("site_meta"))
    assert "mkdocs-material-9.8.2" in theme_block("site_meta"), "re-read the override"
    assert theme_block("htmltitle").count("<title>") == 3


@pytest.mark.parametrize("template", ["main.html", "home.html", "category.html"])
def test_every_page_template_uses_the_escaped_head(template: str) -> None:
    text = (ROOT / "overrides" / template).read_text(encoding="utf-8")
    assert '{% block site_meta %}{% include "partials/site-meta.html" %}{% endblock %}' in text
    assert '{% block htmltitle %}{% include "partials/html-title.html" %}{% endblock %}' in text


@pytest.mark.build
def test_every_meta_tag_of_the_shipped_site_is_well_formed(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    broken = [
        f"{page}: {meta}" for page in pages for meta in malformed_meta(page.read_text("utf-8"))
    ]
    assert broken == []


@pytest.mark.build
def test_shipped_descriptions_with_quotes_reach_the_meta_tag_whole(built_site: Path) -> None:
    docs = ROOT / "docs"
    quoted = 0
    for source in sorted(docs.rglob("*.md")):
        src_uri = str(source.relative_to(docs))
        if is_index_page(src_uri):
            continue
        description = split(source.read_text(encoding="utf-8"))[0].get("description")
        page = built_site / src_uri.removesuffix(".md") / "index.html"
        if not description or not page.exists():
            continue
        quoted += '"' in description
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"name": "description"})
        assert [meta["content"] for meta in metas] == [description], src_uri
    assert quoted >= 3  # the pages whose description tags the theme used to break


@pytest.mark.build
def test_titles_that_try_to_break_out_arrive_whole_in_the_title(corpus: Corpus) -> None:
    checked = 0
    for page in corpus.pages:
        if page.vector.title is None or page.outcome.path is None:
            continue
        front = split((corpus.root / "docs" / page.outcome.path).read_text("utf-8"))[0]
        soup = BeautifulSoup(corpus.html(page), "html.parser")
        assert [title.get_text() for title in soup.find_all("title")] == [
            f"{front['title']} - Security corpus"
        ]
        assert soup.find("meta", attrs={"property": "og:title"})["content"] == front["title"]
        checked += 1
    assert checked >= 8
