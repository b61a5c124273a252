"""Generic page metadata: title, breadcrumb, publication date and read counter of any template.

A stage beside extraction: trafilatura finds the article's text, this module finds the facts
around it that the site is organised by, on pages of templates the project has no profile for.
Every rule prefers what a reader sees next to the article's heading (the breadcrumb above it, the
info line ``2024-03-10  阅读：1037`` below it) over guesses, and a missing fact over a wrong one:
a counter filled in by script gives no views, a copyright year or today's date is never a
publication date, and htmldate is asked only when the page shows no date at all.

It reads the BeautifulSoup tree the extractor already parsed, so a page is parsed once for both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString
from htmldate import find_date as htmldate_find_date
from lxml.html import HtmlElement

from importer.clean import CLOSE_GLYPHS
from importer.metadata import find_date
from importer.textdump import normalize_phrase, strip_artifacts
from library.text import CJK_RANGES

#: Characters of page text after the heading searched for the info line (date, counter). The
#: info lines of the templates we know sit within ~120 characters of the heading (source, author,
#: font-size links included); 300 leaves room without reaching a sidebar or the footer.
INFO_AFTER_TITLE_CHARS = 300

#: ...and before it, for templates that print the date above the heading.
INFO_BEFORE_TITLE_CHARS = 120

#: A breadcrumb is short; a longer element with a crumb-like class is a menu or a whole page part.
MAX_BREADCRUMB_CHARS = 200

#: Crumbs longer than this are the article's title or a sentence, not a category name.
MAX_CRUMB_CHARS = 40

#: A trail has at least two links (home and a section); one lone link with a crumb-like class
#: name is a widget ("by Taboola"), not a breadcrumb.
MIN_TRAIL_CRUMBS = 2

#: ``网易首页``, ``新浪首页``: a site name and 首页 is the home crumb too.
MAX_HOME_CRUMB_CHARS = 8

#: A heading that shows at least this share of the ``<title>``'s article part is its heading
#: (a shortened heading); the site-name ``<h1>`` of a logo is a much smaller part.
MIN_TITLE_SHARE = 0.6

#: A counter of 0 is the placeholder a script overwrites, not a count readers would want to see.
MIN_VIEWS = 1

_HOME_CRUMBS = frozenset(
    normalize_phrase(word) for word in ("首页", "网站首页", "主页", "返回首页", "Home", "Homepage")
)
_CURRENT_PAGE_CRUMBS = frozenset(
    normalize_phrase(word) for word in ("正文", "内容", "详情", "正文内容", "阅读文章", "Article")
)
_CRUMB_CLASS_RE = re.compile(
    r"crumb|bread|position(?!-(?:relative|absolute|fixed|static|sticky))|location"
    r"|(?<![a-z])path|weizhi|dqwz",
    re.I,
)
_CRUMB_CUE_RE = re.compile(
    r"(当前位置|您的位置|你的位置|您现在的位置|现在位置|所在位置|You are here)\s*[:：]?", re.I
)
_CRUMB_SEPARATOR_RE = re.compile(r"\s*(?:>>|[>»›＞→|]|\s[-/]\s|&gt;)\s*")
_TITLE_SEPARATOR_RE = re.compile(
    r"\s+[-|–—]\s+|\s*[_｜|]\s*|\s+-\s*|\s*--\s*|(?<=[" + CJK_RANGES + "])-(?=[" + CJK_RANGES + "])"
)
#: Lines whose dates are not the article's: copyright lines and the "today is" of a top bar.
_NOT_PUBLICATION_RE = re.compile(r"©|copyright|版权所有|备案|ICP|今天是|今日是|today is", re.I)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ENGLISH_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d{{2}}))\b",
    re.I,
)
_DATE_LABEL_RE = re.compile(
    r"(?:发布时间|发布日期|发表时间|发表日期|发文日期|成文日期|时间|日期|更新时间"
    r"|(?<![a-z])(?:published(?: on)?|posted(?: on)?|date))\s*[:：]?\s*",
    re.I,
)
_VIEWS_BEFORE_RE = re.compile(
    r"(?:阅读次数|浏览次数|点击次数|阅读量|浏览量|点击量|阅读|浏览|点击|人气|views?|reads|hits)"
    r"\s*[:：]?[\s\x01]*(\d[\d,]*)(?![\d,]*\s*[-/.年月:])",
    re.I,
)
_VIEWS_AFTER_RE = re.compile(
    r"(?<![\d,])(\d[\d,]*)\s*(?:人阅读|次阅读|人浏览|次浏览|人看过|次点击|views|reads)", re.I
)
#: What a walk of the page puts where an element's text ends and where a script was.
_BOUNDARY = "\x01"
_SCRIPT = "\x02"
_BREADCRUMB_LABEL_RE = re.compile("breadcrumb|面包屑|当前位置", re.I)
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
)
_BOUNDARY_TAGS = frozenset(
    "br p div li span td th a em b strong font h1 h2 h3 h4 h5 h6 time dd dt".split()
)
_NOT_TITLE_TAGS = frozenset({"title", "script", "a", "li", "option"})
_SKIPPED_TAGS = frozenset({"style", "noscript", "template", "head", "title", "select", "option"})


@dataclass(frozen=True)
class PageMetadata:
    """What the page shows about its article; ``None``/empty where it shows nothing reliable."""

    title: str | None
    breadcrumb: tuple[str, ...] = ()
    date: dt.date | None = None
    views: int | None = None
    text_chars: int = 0  # the page's visible text, without spaces: what extraction is measured by


@dataclass
class PageIndex:
    """What the rules look up, gathered in one pass over the tree (CSS selectors and repeated
    ``find`` calls each walk the whole tree, which costs seconds on deeply nested pages)."""

    metas: dict[str, str] = field(default_factory=dict)  # property/name/itemprop -> content
    json_ld: list[dict[str, object]] = field(default_factory=list)
    title: str = ""
    headings: list[Tag] = field(default_factory=list)
    time: Tag | None = None
    microdata_trail: Tag | None = None
    labelled_trails: list[Tag] = field(default_factory=list)
    named_trails: list[Tag] = field(default_factory=list)


def index_page(soup: BeautifulSoup) -> PageIndex:
    """One walk over the page's elements."""
    index = PageIndex()
    for element in soup.find_all(True):
        name = element.name
        if name == "meta":
            key = element.get("property") or element.get("name") or element.get("itemprop")
            content = str(element.get("content") or "").strip()
            if key and content:
                index.metas.setdefault(str(key).lower(), content)
        elif name == "script" and str(element.get("type", "")).lower() == "application/ld+json":
            with contextlib.suppress(ValueError):
                index.json_ld.extend(_json_nodes(json.loads(element.get_text())))
        elif name == "title" and not index.title:
            index.title = element.get_text(" ", strip=True)
        elif name in ("h1", "h2") and _heading_text(element):
            index.headings.append(element)
        elif name == "time" and index.time is None:
            index.time = element
        if (
            index.microdata_trail is None
            and "breadcrumblist" in str(element.get("itemtype", "")).lower()
        ):
            index.microdata_trail = element
        if _BREADCRUMB_LABEL_RE.search(str(element.get("aria-label", ""))):
            index.labelled_trails.append(element)
        elif _CRUMB_CLASS_RE.search(
            " ".join([*element.get_attribute_list("class"), str(element.get("id") or "")])
        ):
            index.named_trails.append(element)
    return index


def read_page_metadata(
    soup: BeautifulSoup, html: str | HtmlElement, url: str | None
) -> PageMetadata:
    """Title, breadcrumb, date and views of a page of any template."""
    index = index_page(soup)
    title, heading = find_title(soup, index)
    text, anchor = _page_text(soup, heading)
    info = text[max(anchor - INFO_BEFORE_TITLE_CHARS, 0) : anchor + INFO_AFTER_TITLE_CHARS]
    if heading is None:
        info = text[: INFO_AFTER_TITLE_CHARS + INFO_BEFORE_TITLE_CHARS]
    date = (
        date_from_markup(soup, index)
        or labelled_date(info)
        or any_date(info)
        or labelled_date(_without_other_dates(text))
        or guessed_date(html, url)
    )
    return PageMetadata(
        title=title,
        breadcrumb=find_breadcrumb(soup, title or "", index),
        date=date,
        views=views_in(info),
        text_chars=len("".join(text.replace(_BOUNDARY, " ").replace(_SCRIPT, " ").split())),
    )


# --- title -------------------------------------------------------------------------------------


def find_title(
    soup: BeautifulSoup, index: PageIndex | None = None
) -> tuple[str | None, Tag | None]:
    """The article's title and the heading element that shows it (``None`` when there is none).

    ``<title>`` (or ``og:title``) carries the site's name (``关于…的总结 - 范文站``); the page's
    ``<h1>`` is often the site's logo. The ``<h1>`` whose text the ``<title>`` contains is the
    title; without one, the ``<title>`` without its site suffix; without a ``<title>``, the first
    heading.
    """
    index = index or index_page(soup)
    head_title = _clean(index.metas.get("og:title") or index.title)
    headings = index.headings
    if head_title:
        core = strip_site_suffix(head_title)
        shown = [h for h in headings if _same_title(_heading_text(h), core)]
        if shown:
            heading = max(shown, key=lambda h: len(_heading_text(h)))
            return _heading_text(heading), heading
        return core, _element_showing(soup, core)
    h1 = next((h for h in headings if h.name == "h1"), headings[0] if headings else None)
    return (_clean(h1.get_text(" ", strip=True)), h1) if h1 is not None else (None, None)


def _element_showing(soup: BeautifulSoup, title: str) -> Tag | None:
    """The element that shows the title in a template without a heading (``<div class="tit">``)."""
    root = soup.body or soup
    key = normalize_phrase(title)
    for string in root.find_all(string=True):
        parent = string.parent
        if (
            normalize_phrase(str(string)) == key
            and parent is not None
            and parent.name not in _NOT_TITLE_TAGS
        ):
            return parent
    return None


def _heading_text(heading: Tag) -> str:
    return _clean(heading.get_text(" ", strip=True))


def strip_site_suffix(title: str) -> str:
    """``关于…的总结 - 范文站`` -> ``关于…的总结``; ``…_工作总结_某某网`` and ``… | Site`` likewise.

    The longest part is the article's: site names and section names are shorter than titles.
    """
    parts = [p.strip() for p in _TITLE_SEPARATOR_RE.split(title) if p.strip()]
    return max(parts, key=len) if parts else title.strip()


def _same_title(heading: str, core: str) -> bool:
    """Whether a heading shows the title: it holds all of it (the ``<title>`` may be cut short),
    or most of it (:data:`MIN_TITLE_SHARE`) — a logo ``<h1>`` holds only the site's name."""
    shown, title = normalize_phrase(heading), normalize_phrase(core)
    if not shown or not title:
        return False
    return title in shown or (shown in title and len(shown) >= MIN_TITLE_SHARE * len(title))


def _clean(text: str | None) -> str:
    return strip_artifacts(" ".join((text or "").split()), CLOSE_GLYPHS)


def _text(element: PageElement | None) -> str:
    return element.get_text(" ", strip=True) if isinstance(element, Tag) else ""


# --- breadcrumb --------------------------------------------------------------------------------


def find_breadcrumb(
    soup: BeautifulSoup, title: str, index: PageIndex | None = None
) -> tuple[str, ...]:
    """Breadcrumb crumbs without Home, the cue (``当前位置：``) and the article's own title.

    Structured data first (schema.org ``BreadcrumbList`` in JSON-LD or microdata: the site says
    what its breadcrumb is), then markup (``aria-label="breadcrumb"``, crumb-like class or id
    names), then a text cue such as ``当前位置：``.
    """
    index = index or index_page(soup)
    candidates = (
        _json_ld_crumbs(index),
        _microdata_crumbs(index),
        *_markup_crumbs(soup, index),
    )
    for crumbs in candidates:
        tidy = _tidy_crumbs(crumbs, title)
        if tidy:
            return tidy
    return ()


def _json_ld_crumbs(index: PageIndex) -> list[str]:
    for node in index.json_ld:
        elements = node.get("itemListElement")
        if node.get("@type") == "BreadcrumbList" and isinstance(elements, list):
            items = [i for i in elements if isinstance(i, dict)]
            items.sort(key=_position)
            return [_json_item_name(item) for item in items]
    return []


def _json_nodes(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_nodes(data.get("@graph", []))


def _position(item: dict[str, object]) -> int:
    position = str(item.get("position", "0"))
    return int(position) if position.isdigit() else 0


def _json_item_name(item: dict[str, object]) -> str:
    name = item.get("name")
    inner = item.get("item")
    if not name and isinstance(inner, dict):
        name = inner.get("name")
    return str(name or "")


def _microdata_crumbs(index: PageIndex) -> list[str]:
    trail = index.microdata_trail
    if trail is None:
        return []
    crumbs = []
    for item in trail.find_all(itemprop="itemListElement"):
        name = item.find(itemprop="name")
        crumbs.append(_text(name) if name is not None else _text(item))
    return crumbs


def _markup_crumbs(soup: BeautifulSoup, index: PageIndex) -> Iterator[list[str]]:
    """Crumbs from each breadcrumb-looking element, best evidence first."""
    for element in [*index.labelled_trails, *index.named_trails]:
        if len(element.get_text(" ", strip=True)) <= MAX_BREADCRUMB_CHARS:
            yield _crumbs_of(element)
    for cue in soup.find_all(string=_CRUMB_CUE_RE):
        around: Tag | None = cue.parent
        while (
            around is not None
            and not around.find("a")
            and around.parent is not None
            and len(around.parent.get_text(" ", strip=True)) <= MAX_BREADCRUMB_CHARS
        ):
            around = around.parent
        if around is not None:
            yield _crumbs_of(around)


def _crumbs_of(element: Tag) -> list[str]:
    """Link texts, plus the text after the last link (often the current section); without links,
    the text split at its separators. Text before a cue (``当前位置：``) is not a crumb."""
    text = element.get_text(_BOUNDARY)
    cue = _CRUMB_CUE_RE.search(text)
    links = element.find_all("a")
    if links:
        crumbs = [link.get_text(" ", strip=True) for link in links]
        tail = links[-1].next_siblings
        rest = " ".join(_text(n) if isinstance(n, Tag) else str(n) for n in tail)
        return [*crumbs, *_split_crumbs(rest)]
    if cue:
        text = text[cue.end() :]
    return _split_crumbs(text)


def _split_crumbs(text: str) -> list[str]:
    parts = _CRUMB_SEPARATOR_RE.split(text.replace(_BOUNDARY, " "))
    return [" ".join(p.split()) for p in parts if p.strip()]


def _tidy_crumbs(crumbs: list[str], title: str) -> tuple[str, ...]:
    crumbs = [_CRUMB_CUE_RE.sub("", c).strip(" :：>»›＞→|") for c in crumbs]
    crumbs = [c for c in crumbs if c]
    if len(crumbs) < MIN_TRAIL_CRUMBS:
        return ()
    while crumbs and _is_home(crumbs[0]):
        crumbs.pop(0)
    while crumbs and (
        normalize_phrase(crumbs[-1]) in _CURRENT_PAGE_CRUMBS or _is_title(crumbs[-1], title)
    ):
        crumbs.pop()
    if not crumbs or any(len(c) > MAX_CRUMB_CHARS for c in crumbs):
        return ()
    return tuple(crumbs)


def _is_home(crumb: str) -> bool:
    """``首页``, ``Home``, and a site's own ``网易首页``."""
    key = normalize_phrase(crumb)
    return key in _HOME_CRUMBS or (key.endswith("首页") and len(key) <= MAX_HOME_CRUMB_CHARS)


def _is_title(crumb: str, title: str) -> bool:
    """The article's own title, also when the template cut it short (``关于加强…``)."""
    crumb_key, title_key = normalize_phrase(crumb.rstrip(".…")), normalize_phrase(title)
    return bool(title_key) and (
        crumb_key == title_key or (len(crumb_key) >= 6 and title_key.startswith(crumb_key))
    )


# --- text near the heading ---------------------------------------------------------------------


def _page_text(soup: BeautifulSoup, heading: Tag | None) -> tuple[str, int]:
    """The page's visible text, element starts marked, scripts marked; and where the heading ends.

    Marking scripts is what keeps a script-filled counter (``阅读：<script>…</script>``) from
    borrowing the next number on the page. One pass over the tree, skipped subtrees not entered,
    so deeply nested pages cost no more than flat ones.
    """
    pieces: list[str] = []
    length = 0
    anchor = -1
    end_of_heading = object()
    stack: list[object] = [soup.body or soup]
    while stack:
        node = stack.pop()
        if node is end_of_heading:
            anchor = length
            continue
        piece = ""
        if isinstance(node, Tag):
            if node.name == "script":
                piece = _SCRIPT
            elif node.name in _SKIPPED_TAGS:
                continue
            else:
                if node is heading:
                    stack.append(end_of_heading)
                stack.extend(reversed(node.contents))
                piece = _BOUNDARY if node.name in _BOUNDARY_TAGS else ""
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            piece = str(node)
        if piece:
            pieces.append(piece)
            length += len(piece)
    return "".join(pieces), anchor if anchor >= 0 else length


def views_in(info: str) -> int | None:
    """The read counter next to its label (``阅读：1037``, ``1,037 views``, ``1037人阅读``).

    A label whose number a script writes at view time is followed by the script, not a number,
    so it gives ``None``; so does a placeholder ``0``.
    """
    for pattern in (_VIEWS_BEFORE_RE, _VIEWS_AFTER_RE):
        match = pattern.search(info)
        if match:
            views = int(match.group(1).replace(",", ""))
            return views if views >= MIN_VIEWS else None
    return None


# --- date --------------------------------------------------------------------------------------


def date_from_markup(soup: BeautifulSoup, index: PageIndex | None = None) -> dt.date | None:
    """A date the page states for machines: ``article:published_time``, ``<time>``, JSON-LD."""
    index = index or index_page(soup)
    for key in _DATE_METAS:
        stated = index.metas.get(key)
        if stated and (date := parse_any_date(stated)):
            return date
    for item in index.json_ld:
        if isinstance(item.get("datePublished"), str):
            date = parse_any_date(str(item["datePublished"]))
            if date:
                return date
    time = index.time
    if isinstance(time, Tag):
        return parse_any_date(str(time.get("datetime", "")) or time.get_text(" ", strip=True))
    return None


def labelled_date(text: str) -> dt.date | None:
    """A date right after its label: ``发布时间：2024-03-10``, ``日期：2024年3月10日``, ``Posted on``."""
    for label in _DATE_LABEL_RE.finditer(text):
        date = parse_any_date(text[label.end() : label.end() + 40].split(_SCRIPT)[0], anchored=True)
        if date:
            return date
    return None


def any_date(text: str) -> dt.date | None:
    """The first full date (year, month and day) in the info line next to the heading."""
    return parse_any_date(_without_other_dates(text))


def parse_any_date(text: str, anchored: bool = False) -> dt.date | None:
    """``2024-03-10``, ``2024年3月10日``, ``March 10, 2024`` or ``10 March 2024``, whichever comes
    first; ``anchored``: only a date at the start of ``text``, as a label's date is."""
    text = text.replace(_BOUNDARY, " ")
    if anchored:
        text = text.lstrip()[:30]
    found = [d for d in (find_date(text), _english_date(text)) if d is not None]
    if not found:
        return None
    date, position = min(found, key=lambda pair: pair[1])
    return None if anchored and position > 0 else date


def _english_date(text: str) -> tuple[dt.date, int] | None:
    for match in _ENGLISH_DATE_RE.finditer(text):
        month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y1") or match.group("y2"))
        try:
            return dt.date(year, month, day), match.start()
        except ValueError:
            continue
    return None


def _without_other_dates(text: str) -> str:
    return "\n".join(
        line
        for line in text.replace(_BOUNDARY, "\n").split("\n")
        if not _NOT_PUBLICATION_RE.search(line)
    )


def guessed_date(html: str | HtmlElement, url: str | None) -> dt.date | None:
    """htmldate, as the last resort: markup and URL only (no copyright-line guessing, which is
    where ``2005-01-01`` came from), and never today, which is what a guess defaults to.
    The extensive search is also slow: htmldate 1.11 spent 45.7 s on one 3 KB fixture page
    (``tests/fixtures/unknown/zh-no-title-aria.html``) with it, 0.04 s without."""
    try:
        found = htmldate_find_date(html, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    date = dt.date.fromisoformat(found) if found else None
    return date if date is not None and date < dt.date.today() else None
