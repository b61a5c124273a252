"""Link rules for a site without a profile: which links are articles, which is the next page.

A profile names the article links and the "next page" link with CSS selectors. A site nobody has
written a profile for gets rules that hold for most article sites instead:

- an article URL has a number in it (``/2024/0310/1234.html``, ``show.php?id=56``,
  ``/2024/03/10/a-title/``); a listing URL names itself (``list_2.html``, ``index_3.html``,
  ``?page=4``, ``/category/``) — see :func:`url_shape`;
- the next listing page is the link marked ``rel="next"`` or whose text says so: ``下一页``,
  ``Next``, ``»``, ``>`` (:func:`next_page_url`);
- whether a page linked from a listing *is* an article is decided by the extraction result: the
  importer's own cascade (a matching profile, else the generic extractor) finds an article in
  it, and that "article" is not taken from the list items of the page's own article links
  (:func:`not_an_article`). A page that holds no article is walked as a listing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bs4 import BeautifulSoup
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor

from importer.decode import decode_page
from importer.extract import extract
from importer.records import ImportProblem, RawPage

logger = logging.getLogger(__name__)

UrlShape = Literal["article", "listing", "other"]

#: Words a listing URL is made of; matched as whole parts of the path or query.
_LISTING_WORDS = (
    "list",
    "lists",
    "index",
    "page",
    "pages",
    "category",
    "categories",
    "tag",
    "tags",
    "archive",
    "archives",
    "search",
    "column",
    "lanmu",
    "node",
)
_LISTING_URL = re.compile(
    r"(?:^|[/_.?&=-])(?:" + "|".join(_LISTING_WORDS) + r")(?:$|[/_.?&=\d-])", re.IGNORECASE
)
_PAGE_QUERY = re.compile(r"(?:^|&)(?:p|pg|pn|page|paged|start|offset)=\d", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

#: Link texts that mean "the next listing page", compared without spaces, arrows and case.
NEXT_PAGE_WORDS = frozenset({"下一页", "下页", "下一頁", "后页", "后一页", "next", "nextpage"})
#: Link texts made of arrows only that mean the same (``«``/``<`` point back and do not).
NEXT_PAGE_ARROWS = frozenset({"»", ">", "›", ">>", "→", "＞"})
_ARROWS = "»>›→＞"
_ID_QUERY = re.compile(r"(?:^|&)\w*id=\d", re.IGNORECASE)

#: A page whose main text comes from at least this many of its links' list items (the item's
#: title, or the summary beside it) is a listing, whatever the extractor made of it: trafilatura
#: takes a listing's summaries for an article's paragraphs, while an article's own text sits in
#: no list item of a link (its "related articles" box is link-dense and left out of it).
#: Measured on the repository's samples: of the 17 article pages in samples/html, 16 have no such
#: item and one has 1; the two listings in samples/listing, read by the generic extractor as if
#: no profile matched, have 2 and 12.
LISTING_MIN_ITEMS = 2
#: Link texts shorter than this are menus and pagers ("首页", "2", "Next"), not article titles.
_MIN_TITLE_CHARS = 4
#: A link outside any list item counts as an item with its parent when that is this short.
_MAX_ITEM_CHARS = 300
_ITEM_TAGS = ("li", "dd", "dt", "tr", "article")
_BLOCK_TAGS = ["p", "li", "dd", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"]


@dataclass(frozen=True)
class LinkItem:
    """A link to an article-shaped URL and the list item around it, without white space."""

    title: str
    item: str


#: Every link of a page, as Scrapy's extractor finds them (it skips images, PDFs, archives, ...).
_ALL_LINKS = LinkExtractor()


def url_shape(url: str) -> UrlShape:
    """Guess from the URL alone whether it names an article, a listing, or neither."""
    rest = url.split("://", 1)[-1]
    path_and_query = rest[rest.find("/") :] if "/" in rest else "/"
    path, _, query = path_and_query.partition("?")
    if _ID_QUERY.search(query):
        return "article"
    if _LISTING_URL.search(path_and_query) or _PAGE_QUERY.search(query):
        return "listing"
    if _DIGIT.search(path) or _DIGIT.search(query):
        return "article"
    return "other"


def next_page_url(response: TextResponse) -> str | None:
    """The page's link to the next listing page: ``rel="next"``, else the first link saying so."""
    for href in response.css('link[rel~="next"]::attr(href), a[rel~="next"]::attr(href)').getall():
        if href.strip():
            return response.urljoin(href.strip())
    for anchor in response.css("a[href]"):
        text = " ".join(anchor.css("::text").getall()).strip() or anchor.attrib.get("title", "")
        if says_next_page(text):
            return response.urljoin(str(anchor.attrib["href"]).strip())
    return None


def page_links(response: TextResponse) -> list[str]:
    """Every link of the page, absolute, once each, in page order."""
    return [link.url for link in _ALL_LINKS.extract_links(response)]


def link_items(response: TextResponse) -> list[LinkItem]:
    """The page's links to article-shaped URLs, each with its list item: what listings are made of."""
    items = []
    for anchor in response.css("a[href]"):
        url = response.urljoin(str(anchor.attrib["href"]).strip())
        title = _squeeze(" ".join(anchor.css("::text").getall()))
        if len(title) < _MIN_TITLE_CHARS or url_shape(url) != "article":
            continue
        around = anchor.xpath(f"ancestor::*[{' or '.join(f'self::{t}' for t in _ITEM_TAGS)}][1]")
        if not around:
            parent = anchor.xpath("..")
            text = _squeeze(" ".join(parent.css("::text").getall()))
            item = text if len(text) <= _MAX_ITEM_CHARS else title
        else:
            item = _squeeze(" ".join(around[0].css("::text").getall()))
        items.append(LinkItem(title, item))
    return items


def not_an_article(raw: RawPage, items: Sequence[LinkItem] = ()) -> str | None:
    """Why a fetched page holds no article (so it is a listing), or None when it holds one.

    ``items`` are the page's :func:`link_items`: a main-content extractor may take a listing's
    titles and summaries for an article, so the result is checked against them.
    """
    if raw.url and url_shape(raw.url) == "listing":
        return "its URL is a listing's"
    try:
        extracted = extract(decode_page(raw))
    except ImportProblem as problem:
        return str(problem)
    except Exception as error:  # a page that breaks the extractor is not an article either
        logger.warning("Extraction of %s failed: %r", raw.url, error)
        return f"the extractor failed: {type(error).__name__}"
    listed = _items_in_main_text(extracted.body_html, items)
    if listed >= LISTING_MIN_ITEMS:
        return f"its main text is the list items of {listed} linked articles"
    return None


def _items_in_main_text(body_html: str, items: Sequence[LinkItem]) -> int:
    """How many link items the extracted main text was taken from."""
    body = BeautifulSoup(body_html, "lxml")
    main_text = _squeeze(body.get_text(" "))
    blocks = {_squeeze(block.get_text(" ")) for block in body.find_all(_BLOCK_TAGS)}
    blocks = {block for block in blocks if len(block) >= _MIN_TITLE_CHARS}
    return sum(
        1
        for link in items
        if link.title in main_text or any(block in link.item for block in blocks)
    )


def says_next_page(text: str) -> bool:
    """Whether a link text means "next page": ``下一页``, ``Next »``, ``»``, ``>`` and the like."""
    squeezed = _squeeze(text)
    return squeezed in NEXT_PAGE_ARROWS or squeezed.strip(_ARROWS) in NEXT_PAGE_WORDS


def _squeeze(text: str) -> str:
    """Text without any white space, in lower case: how link texts and titles are compared."""
    return re.sub(r"\s+", "", text).lower()
