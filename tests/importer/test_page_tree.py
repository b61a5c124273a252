"""One parse per page: the lxml page tree, compiled profile selectors, the body's one soup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import bs4
import pytest
from bs4 import BeautifulSoup

from importer.body_tree import BodyTag, parse_body, settle_text
from importer.page_tree import parse_page, select, select_in_page, text_of
from importer.profiles import ProfileError, load_profile
from tests.conftest import ROOT
from tests.importer.helpers import convert_file

#: Markup where BeautifulSoup's get_text skips text: comments, scripts, styles, templates, ruby.
TRICKY = (
    "<div id='x'> Head <!-- a comment --> <b>bold</b>tail <script>var s = 1;</script>"
    "<style>p {}</style><template><p>hidden</p></template>"
    "<ruby>漢<rt>kan</rt></ruby> <span> end </span></div>"
)


@pytest.mark.parametrize(("separator", "strip"), [("", False), (" ", True), ("|", False)])
def test_text_of_reads_text_as_get_text_does(separator: str, strip: bool) -> None:
    soup_div = BeautifulSoup(TRICKY, "lxml").find(id="x")
    assert isinstance(soup_div, bs4.Tag)
    tree_div = select_in_page(parse_page(TRICKY), "#x")[0]
    assert text_of(tree_div, separator, strip) == soup_div.get_text(separator, strip=strip)


def test_selecting_below_an_element_leaves_the_element_out() -> None:
    tree = parse_page("<div class='ad'><div class='ad'>inner</div></div>")
    outer = select_in_page(tree, "div.ad")[0]
    assert [text_of(el) for el in select(outer, "div.ad")] == ["inner"]


def test_a_profile_with_a_selector_cssselect_cannot_read_fails_when_it_loads(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "name: broken\nkind: html\nmatch: {selector: 'meta[name=generator'}\n"
        "fields: {title: h1, body: div.body}\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=r"broken\.yaml.*meta\[name=generator"):
        load_profile(broken)


def test_a_profile_page_is_never_parsed_by_beautifulsoup_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = ROOT / "samples" / "html" / "en-conference-speech-safety-production.html"
    parsed: list[str] = []
    real_init = BeautifulSoup.__init__

    def counting_init(self: BeautifulSoup, markup: Any = "", *args: Any, **kwargs: Any) -> None:
        parsed.append(str(markup))
        real_init(self, markup, *args, **kwargs)

    monkeypatch.setattr(BeautifulSoup, "__init__", counting_init)
    convert_file(page)
    assert not any("<title>" in markup for markup in parsed)
    assert sum(1 for markup in parsed if markup) == 1  # the article body, once


def test_settled_text_is_one_plain_node_per_run() -> None:
    soup = BeautifulSoup("<p>a<ruby>b<rt>c</rt></ruby></p>", "lxml")
    paragraph = soup.p
    assert paragraph is not None
    for tag in paragraph.find_all(["ruby", "rt"]):
        tag.unwrap()
    settle_text(paragraph)
    assert [type(node) for node in paragraph.contents] == [bs4.NavigableString]
    assert paragraph.get_text() == "abc"


def test_settling_for_the_converter_drops_control_characters() -> None:
    soup = BeautifulSoup("<p>a\x02b\rc</p>", "html.parser")
    settle_text(soup, drop_controls=True)
    assert soup.get_text() == "ab\nc"


#: Nested blocks, code inside and outside <pre>, and a namespaced name libxml2 keeps as written.
NESTED = (
    "<div><pre><p><code>x</code><b><i>y</i></b></p></pre><p><code>z</code></p>"
    "<table><tr><td><pre><span>w</span></pre></td></tr></table><svg:rect>v</svg:rect></div>"
)


@pytest.mark.parametrize("name", ["pre", "p", "td", "div", "table", "svg:rect", "body", "nope"])
def test_the_body_trees_find_parent_answers_as_bs4s(name: str) -> None:
    """BodyTag.find_parent(name) walks the parents itself; bs4's own answer must not differ."""
    body_tree = parse_body(NESTED)
    plain_tree = BeautifulSoup(NESTED, "lxml")
    pairs = zip(body_tree.find_all(True), plain_tree.find_all(True), strict=True)
    for ours, theirs in pairs:
        assert isinstance(ours, BodyTag)
        found, expected = ours.find_parent(name), bs4.Tag.find_parent(theirs, name)
        assert (found is None) == (expected is None)
        if found is not None and expected is not None:
            assert (found.name, found.sourceline) == (expected.name, expected.sourceline)
    # Any other query (a list of names, attributes) is bs4's.
    code = body_tree.find("code")
    assert code is not None
    assert code.find_parent(["p", "td"]) is not None
    assert code.find_parent("div", attrs={"class": "none"}) is None
