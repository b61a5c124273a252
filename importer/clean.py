"""Stage 4: reduce an article body to safe, plain structure.

Scraped HTML is untrusted. Rather than removing what is known to be bad, the cleaner keeps only an
allow-list of structural tags and attributes, so nothing from a page can run script in a reader's
browser: no ``<script>``/``<iframe>``/``<style>``, no ``on*=`` attributes, no ``javascript:`` links.
It also drops the page's widget labels, collapses doubled punctuation (``. .``, ``。。``) and turns
numbered paragraphs into real ordered lists that keep their numbers.

Every step is linear in the size of the body: a page is hostile input, and one with 10,000 nested
``<div>``s once took two minutes here. Nesting deeper than :data:`MAX_NESTING` is flattened to its
text first, so the later steps (and markdownify and Python-Markdown, which recurse) see a shallow tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement

from importer.body_tree import parse_body, settle_text
from importer.textdump import normalize_phrase

#: Removed with everything inside: active content, forms, media and page furniture.
REMOVE_TAGS = frozenset(
    "script style iframe frame frameset noscript form input button select textarea option "
    "object embed applet svg math canvas link meta base img picture source video audio track "
    "template head title nav aside footer header map area dialog".split()
)

#: Kept as they are (their attributes still go through the attribute allow-list).
KEEP_TAGS = frozenset(
    "p br h1 h2 h3 h4 h5 h6 ul ol li strong b em i blockquote table thead tbody tfoot tr th "
    "td a hr pre code sup sub caption".split()
)

#: Containers that become paragraphs when they hold only text, and vanish otherwise.
CONTAINER_TAGS = frozenset(
    "div section article main center figure figcaption dl dd dt address".split()
)

BLOCK_TAGS = (
    KEEP_TAGS - {"br", "strong", "b", "em", "i", "a", "code", "sup", "sub"} | CONTAINER_TAGS
)

ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
#: Tags below this depth are flattened to their text. The sample pages' bodies nest 3 levels at most
#: (whole pages, layout included, 10); markdownify recurses about three Python frames per level, so
#: 64 keeps it far from Python's recursion limit of 1,000.
MAX_NESTING = 64
#: Blocks that make a container inside them an inline run of text rather than a paragraph.
_TEXT_BLOCK_TAGS = frozenset("p li h1 h2 h3 h4 h5 h6 td th".split())
_PARAGRAPH_TAGS = frozenset({"p", "li"})
_WIDGET_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li strong b".split())
_DEMOTED_HEADINGS = frozenset("h1 h2 h3 h4 h5".split())
_EMPTY_DROPPED_TAGS = frozenset("p li h2 h3 h4 h5 h6 strong b em i a".split())
_CODE_TAGS = frozenset({"pre", "code"})

_DOUBLED_FULL_STOP_RE = re.compile(r"\.(?:\s+\.)+(?!\.)")
_DOUBLED_CJK_RE = re.compile(r"([。，、；])\1+")
_DOUBLED_COMMA_RE = re.compile(r",(?:\s*,)+")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,3})\.\s+(?=\S)")
#: Close-button glyphs that model-essay pages leave behind, alone or glued to titles.
CLOSE_GLYPHS = ("×", "✕", "✖")


@dataclass(frozen=True)
class CleanBody:
    """The cleaned body and its paragraphs' plain text (for the description)."""

    html: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CleanTree:
    """The cleaned body as a tree (``root``'s children), for the stages after the cleaner."""

    soup: BeautifulSoup
    root: Tag
    paragraphs: tuple[str, ...]


def clean_body(body_html: str, url: str | None, drop_phrases: tuple[str, ...]) -> CleanBody:
    """Run every cleaning step over an article body; the result as HTML."""
    cleaned = clean_tree(body_html, url, drop_phrases)
    return CleanBody(html=cleaned.root.decode_contents(), paragraphs=cleaned.paragraphs)


def clean_tree(body_html: str, url: str | None, drop_phrases: tuple[str, ...]) -> CleanTree:
    """Run every cleaning step over an article body, parsed once; the tree is kept for the
    outline and the converter (:mod:`importer.body_tree`)."""
    soup = parse_body(f"<div id='{_ROOT_ID}'>{body_html}</div>")
    root = _first_with_id(soup, _ROOT_ID)
    _remove_comments(root)
    _remove_active_content(root)
    _flatten_deep_nesting(root, soup)
    _simplify_tags(root)
    _wrap_loose_text(root, soup)
    _filter_attributes(root, url)
    _drop_widget_blocks(root, {normalize_phrase(p) for p in drop_phrases})
    _collapse_doubled_punctuation(root)
    _demote_h1(root)
    _number_lists(root, soup)
    _drop_empty_blocks(root)
    paragraphs = tuple(
        text for el in tags_below(root, _PARAGRAPH_TAGS) if (text := el.get_text(" ", strip=True))
    )
    settle_text(root)
    return CleanTree(soup=soup, root=root, paragraphs=paragraphs)


_ROOT_ID = "secretariat-root"


def _first_with_id(soup: BeautifulSoup, element_id: str) -> Tag:
    """The first tag in document order with this id: ``soup.find(id=...)``'s answer, without
    building a filter (the wrapper is the first tag with its id, a few nodes in)."""
    for node in soup.descendants:
        if isinstance(node, Tag) and node.get("id") == element_id:
            return node
    raise AssertionError(f"the parser lost the wrapper #{element_id}")


def collapse_doubled_punctuation(text: str) -> str:
    """``. .`` becomes ``.`` and ``。。`` becomes ``。``; an ellipsis (``...``) is left alone."""
    text = _DOUBLED_FULL_STOP_RE.sub(".", text)
    text = _DOUBLED_COMMA_RE.sub(",", text)
    return _DOUBLED_CJK_RE.sub(r"\1", text)


def tags_below(root: Tag, names: frozenset[str] | None = None) -> list[Tag]:
    """The tags below ``root`` (named ``names``, if given) in document order: ``find_all``'s
    answer, without the filter machinery that made ``find_all`` most of the cleaner's time."""
    return [
        node
        for node in root.descendants
        if isinstance(node, Tag) and (names is None or node.name in names)
    ]


def _remove_comments(root: Tag) -> None:
    for comment in [node for node in root.descendants if isinstance(node, Comment)]:
        comment.extract()


def _remove_active_content(root: Tag) -> None:
    gone: set[int] = set()
    for element in tags_below(root, REMOVE_TAGS):
        if id(element) not in gone:
            _decompose(element, gone)


def _decompose(element: Tag, gone: set[int]) -> None:
    """Decompose ``element``, adding it and everything inside it to ``gone``.

    The loops that remove elements ask ``gone`` whether an element went with an ancestor, not
    bs4's ``Tag.decomposed``: on a live tag that property looks up ``_decomposed`` through
    ``Tag.__getattr__``, which searches the whole subtree for a child tag of that name (a tenth
    of the cleaner's time). The loops hold every element they visit, so the ids stay unique.
    """
    gone.add(id(element))
    gone.update(id(node) for node in element.descendants)
    element.decompose()


def _flatten_deep_nesting(root: Tag, soup: BeautifulSoup) -> None:
    """Replace each element nested deeper than :data:`MAX_NESTING` by its text (words kept)."""
    too_deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        for child in element.children:
            if not isinstance(child, Tag):
                continue
            if depth + 1 > MAX_NESTING:
                too_deep.append(child)
            else:
                stack.append((child, depth + 1))
    for element in too_deep:
        element.replace_with(soup.new_string(" " + element.get_text(" ", strip=True) + " "))


def _simplify_tags(root: Tag) -> None:
    """Keep the allow-list; containers of plain text become paragraphs; other tags are unwrapped.

    Whether a container sits inside a text block, and whether blocks sit inside it, is worked out
    for all elements in two passes before anything changes (asking each element's ancestors and
    subtree instead made this step quadratic). Elements are then handled children first; a
    container that holds blocks, or a container that is itself turned into a paragraph, leaves a
    block behind in any case, so the answers stay true while the tree changes.
    """
    elements = tags_below(root)
    inside_block = _inside_text_block(root, elements)
    holds_block = _holds_block(elements)
    for element in reversed(elements):
        if element.name in KEEP_TAGS:
            continue
        plain = not holds_block[id(element)] and not inside_block[id(element)]
        if element.name in CONTAINER_TAGS and plain:
            element.name = "p"
            element.attrs = {}
        else:
            element.unwrap()


def _inside_text_block(root: Tag, elements: list[Tag]) -> dict[int, bool]:
    """For each element (in document order): is one of its ancestors a paragraph, item, heading or cell?"""
    inside = {id(root): False}
    for element in elements:
        parent = element.parent
        assert parent is not None
        inside[id(element)] = inside[id(parent)] or parent.name in _TEXT_BLOCK_TAGS
    return inside


def _holds_block(elements: list[Tag]) -> dict[int, bool]:
    """For each element: does a block tag (kept or container) sit anywhere below it?"""
    holds = {id(element): False for element in elements}
    for element in reversed(elements):  # children before their parents
        parent = element.parent
        if parent is not None and id(parent) in holds and not holds[id(parent)]:
            holds[id(parent)] = holds[id(element)] or element.name in BLOCK_TAGS
    return holds


def _wrap_loose_text(root: Tag, soup: BeautifulSoup) -> None:
    """Text and inline tags directly in the body become paragraphs, like the blocks around them."""
    run: list[PageElement] = []
    for node in [*root.contents, None]:
        if node is not None and not (isinstance(node, Tag) and node.name in BLOCK_TAGS):
            run.append(node)
            continue
        if any(str(n).strip() for n in run):
            paragraph = soup.new_tag("p")
            run[0].insert_before(paragraph)
            for loose in run:
                paragraph.append(loose.extract())
        run = []


def _filter_attributes(root: Tag, url: str | None) -> None:
    for element in tags_below(root):
        allowed = ALLOWED_ATTRIBUTES.get(element.name, set())
        element.attrs = {k: v for k, v in element.attrs.items() if k in allowed}
        if element.name == "a":
            href = safe_href(str(element.get("href", "")), url)
            if href:
                element.attrs = {"href": href}
            else:
                element.unwrap()
        elif element.name == "ol" and not str(element.get("start", "1")).isdigit():
            del element["start"]


def safe_href(href: str, base_url: str | None) -> str | None:
    """An absolute http(s)/mailto link, or ``None`` for anything else (``javascript:``, fragments)."""
    href = re.sub(r"[\x00-\x1f\x7f]", "", href).strip()
    if not href or href.startswith("#"):
        return None
    if base_url:
        href = urljoin(base_url, href)
    scheme = urlsplit(href).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return None
    # Characters that would end or break a Markdown link destination are percent-encoded.
    return quote(href, safe=":/?#@!$&'*+,;=%~-._[]")


def _drop_widget_blocks(root: Tag, phrases: set[str]) -> None:
    gone: set[int] = set()
    for element in tags_below(root, _WIDGET_TAGS):
        if id(element) in gone:
            continue
        text = normalize_phrase(element.get_text(" "))
        if text in phrases or text in CLOSE_GLYPHS:
            _decompose(element, gone)


def _collapse_doubled_punctuation(root: Tag) -> None:
    for node in _strings_outside_code(root):
        collapsed = collapse_doubled_punctuation(str(node))
        if collapsed != str(node):
            node.replace_with(NavigableString(collapsed))
    # A paragraph may end with "text." followed by a separate "." node (e.g. "<b>x.</b> .").
    for block in tags_below(root, _PARAGRAPH_TAGS):
        text = block.get_text()
        if _DOUBLED_FULL_STOP_RE.search(text) and block.contents:
            last = block.contents[-1]
            if isinstance(last, NavigableString) and last.strip() == ".":
                last.extract()


def _strings_outside_code(root: Tag) -> list[NavigableString]:
    """Text nodes below ``root`` that no ``<pre>`` or ``<code>`` holds (in no particular order:
    each is rewritten on its own); one walk, not one walk up the ancestors per text node."""
    found: list[NavigableString] = []
    stack: list[Tag] = [root]
    while stack:
        tag = stack.pop()
        for child in reversed(tag.contents):
            if isinstance(child, Tag):
                if child.name not in _CODE_TAGS:
                    stack.append(child)
            elif isinstance(child, NavigableString):
                found.append(child)
    return found


def _demote_h1(root: Tag) -> None:
    """The page title is the page's only ``h1``; the body's headings start at ``h2``."""
    headings = tags_below(root, _DEMOTED_HEADINGS)
    if any(heading.name == "h1" for heading in headings):
        for heading in headings:  # each once, by the level it had
            heading.name = f"h{int(heading.name[1]) + 1}"


def _number_lists(root: Tag, soup: BeautifulSoup) -> None:
    """Paragraphs that start ``6.`` become ``<ol start="6">`` items, so the page still says 6.

    Consecutive numbers share one list. A number that does not continue the list right before it
    stays a paragraph: two adjacent Markdown lists would merge and renumber.
    """
    current: Tag | None = None
    next_number = 0
    for block in list(root.children):
        if not isinstance(block, Tag):
            if str(block).strip():
                current = None
            continue
        match = _NUMBERED_RE.match(block.get_text()) if block.name == "p" else None
        if match is None:
            current = None
            continue
        number = int(match.group(1))
        if current is not None and number != next_number:
            current = None
            continue
        if current is None:
            previous = block.find_previous_sibling(True)
            if previous is not None and previous.name == "ol":
                continue
            current = soup.new_tag("ol")
            if number != 1:
                current["start"] = str(number)
            block.insert_before(current)
        _strip_number(block, match.end())
        block.name = "li"
        current.append(block.extract())
        next_number = number + 1


def _strip_number(block: Tag, length: int) -> None:
    """Remove the leading ``6. `` from the block's first text node(s)."""
    remaining = length
    for node in list(block.descendants):
        if remaining <= 0:
            break
        if isinstance(node, NavigableString):
            text = str(node)
            cut = min(remaining, len(text))
            node.replace_with(NavigableString(text[cut:]))
            remaining -= cut


def _drop_empty_blocks(root: Tag) -> None:
    for element in reversed(tags_below(root, _EMPTY_DROPPED_TAGS)):
        if not element.get_text(strip=True) and not element.find(["br", "hr"]):
            element.decompose()
