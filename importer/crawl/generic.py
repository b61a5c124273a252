"""Link rules for a site without a profile: which links are articles, which is the next page.

A profile names the article links and the "next page" link with CSS selectors. A site nobody has
written a profile for gets rules that hold for most article sites instead:

- an article URL has a number in it (``/2024/0310/1234.html``, ``show.php?id=56``,
  ``/2024/03/10/a-title/``); a listing URL names itself (``list_2.html``, ``index_3.html``,
  ``?page=4``, ``/category/``) — see :func:`url_shape`;
- the next listing page is the link marked ``rel="next"`` or whose text says so: ``下一页``,
  ``Next``, ``»``, ``>`` (:func:`next_page_url`);
- whether a fetched page *is* an article is decided by the extraction result: the importer's own
  cascade (a matching profile, else trafilatura) finds an article in it or it does not
  (:func:`not_an_article`). A page that holds no article is walked as a listing.
"""

from __future__ import annotations

import logging
import re
from typing import Literal

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


def says_next_page(text: str) -> bool:
    """Whether a link text means "next page": ``下一页``, ``Next »``, ``»``, ``>`` and the like."""
    squeezed = re.sub(r"\s+", "", text).lower()
    return squeezed in NEXT_PAGE_ARROWS or squeezed.strip(_ARROWS) in NEXT_PAGE_WORDS


def page_links(response: TextResponse) -> list[str]:
    """Every link of the page, absolute, once each, in page order."""
    return [link.url for link in _ALL_LINKS.extract_links(response)]


def not_an_article(raw: RawPage) -> str | None:
    """Why a fetched page holds no article (so it is a listing), or None when it holds one."""
    if raw.url and url_shape(raw.url) == "listing":
        return "its URL is a listing's"
    try:
        extract(decode_page(raw))
    except ImportProblem as problem:
        return str(problem)
    except Exception as error:  # a page that breaks the extractor is not an article either
        logger.warning("Extraction of %s failed: %r", raw.url, error)
        return f"the extractor failed: {type(error).__name__}"
    return None
