"""The cleaner and the Markdown converter: clutter goes, words stay, nothing live gets through."""

from __future__ import annotations

import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from importer.clean import clean_body, collapse_doubled_punctuation, safe_href
from importer.convert import to_markdown
from tests.importer.helpers import words

PHRASES = ("recommended article", "推荐文章")
SITE_EXTENSIONS = ["toc", "sane_lists", "tables", "admonition"]
ALLOWED_RENDERED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "hr",
    "pre",
    "code",
    "sup",
    "sub",
    "div",
}


def convert(html: str, url: str | None = None) -> str:
    return to_markdown(clean_body(html, url, PHRASES).html)


def render(md: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(md, extensions=SITE_EXTENSIONS), "html.parser")


def assert_not_live(md: str) -> None:
    soup = render(md)
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_RENDERED_TAGS, f"live <{tag.name}> in {md!r}"
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), md
            if attribute == "href":
                assert (
                    not str(value).strip().lower().startswith(("javascript:", "data:", "vbscript:"))
                )


def test_script_style_and_iframe_are_removed_with_their_content() -> None:
    md = convert("<p>Keep</p><script>alert(1)</script><style>p{}</style><iframe src=x></iframe>")
    assert md == "Keep\n"


def test_onclick_and_javascript_links_do_not_survive() -> None:
    md = convert('<p onclick="steal()">Read <a href="javascript:steal()">this</a> now</p>')
    assert md == "Read this now\n"


def test_relative_links_become_absolute_with_the_page_url() -> None:
    md = convert('<p>See <a href="/b.html">the plan</a>.</p>', url="https://example.org/a/x.html")
    assert md == "See [the plan](https://example.org/b.html).\n"


def test_markup_written_as_text_stays_text() -> None:
    md = convert("<p>Write &lt;script&gt;alert(1)&lt;/script&gt; as text</p>")
    assert "<script" not in str(render(md).find("p").decode_contents())
    assert render(md).get_text().strip() == "Write <script>alert(1)</script> as text"


def test_trailing_widget_labels_are_removed() -> None:
    assert convert("<p>Body text.</p><p>Recommended article</p><p>推荐文章</p>") == "Body text.\n"


def test_doubled_punctuation_collapses_but_an_ellipsis_stays() -> None:
    assert collapse_doubled_punctuation("done. . Next。。好，，") == "done. Next。好，"
    assert collapse_doubled_punctuation("and so on...") == "and so on..."


def test_numbered_paragraphs_keep_their_numbers_after_an_interruption() -> None:
    md = convert("<p>1. One.</p><p>2. Two.</p><p>Aside.</p><p>3. Three.</p>")
    rendered = render(md)
    assert [ol.get("start") for ol in rendered.find_all("ol")] == [None, "3"]


def test_a_number_that_does_not_continue_the_list_stays_a_paragraph() -> None:
    md = convert("<p>1. One.</p><p>5. Five.</p>")
    assert len(render(md).find_all("li")) == 1
    assert "5. Five." in render(md).get_text()


def test_text_that_looks_like_markdown_does_not_become_markup() -> None:
    md = convert("<p># not a heading</p><p>&gt; not a quote</p><p>[x](javascript:alert(1))</p>")
    rendered = render(md)
    assert rendered.find_all(["h1", "blockquote", "a"]) == []
    assert words(rendered.get_text()) == words(
        "# not a heading > not a quote [x](javascript:alert(1))"
    )


def test_safe_href_refuses_obfuscated_javascript() -> None:
    assert safe_href("java\tscript:alert(1)", None) is None
    assert safe_href(" JAVASCRIPT:alert(1)", "https://e.org/") is None
    assert safe_href("https://e.org/a b", None) == "https://e.org/a%20b"


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
    | st.sampled_from("<>&[]()*_#`!-.。"),
    min_size=1,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_arbitrary_paragraph_text_never_crashes_or_goes_live(paragraphs: list[str]) -> None:
    from html import escape

    md = convert("".join(f"<p>{escape(p)}</p>" for p in paragraphs))
    assert_not_live(md)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.from_regex(
            r"[A-Za-z0-9\u4e00-\u9fa5]{1,12}( [A-Za-z0-9\u4e00-\u9fa5]{1,12}){0,8}", fullmatch=True
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_paragraph_loses_its_words(paragraphs: list[str]) -> None:
    md = convert("".join(f"<p>{p}</p>" for p in paragraphs))
    assert words(render(md).get_text()) == words(" ".join(paragraphs))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_html_never_crashes_or_goes_live(html: str) -> None:
    md = convert(html)
    assert_not_live(md)
    assert not re.search(r"<\s*script", md, re.I)
