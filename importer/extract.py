"""Stage 3: find the article in a page.

A cascade, as in trafilatura, each stage running only when the one before delivered nothing:

1. a page from a known template is read with its site profile (exact selectors, no guessing);
   when the profile matches the page but its selectors find no title or body, the site was
   redesigned: the page goes on to generic extraction with a warning naming the outdated profile;
2. a plain-text dump goes to :mod:`importer.textdump`;
3. any other HTML page goes to trafilatura's main-content extraction, with ``favor_precision``
   first; when that keeps little of the page's text (:data:`MIN_PRECISION_SHARE`), the
   ``favor_recall`` result is taken instead if it holds clearly more (:data:`RECALL_GAIN`).
   Title, breadcrumb, date and views come from :mod:`importer.page_metadata`, which reads the
   same parsed tree.
"""

from __future__ import annotations

import re

import trafilatura
from bs4 import BeautifulSoup, Tag
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from importer.clean import CLOSE_GLYPHS
from importer.metadata import parse_date, parse_views
from importer.page_metadata import parse_any_date, read_page_metadata, views_in
from importer.page_tree import (
    has_text,
    inner_html,
    parse_page,
    select,
    select_in_page,
    select_one_in_page,
    text_of,
)
from importer.profiles import Profile, load_profiles, text_profile
from importer.records import DecodedPage, ExtractedPage, ImportProblem
from importer.textdump import extract_dump, normalize_phrase, strip_artifacts

#: Below this many characters of text, the generic extractor found navigation, not an article.
#: (The shortest real notice in the sample library has ~300 characters; 80 leaves room.)
MIN_ARTICLE_CHARS = 80

#: The precision result is trusted when it keeps at least this share of the page's visible
#: text. Model-essay pages carry heavy sidebars and footers: on our fixtures the article is 35-70%
#: of the page's text, so a result under a quarter of it has probably dropped paragraphs.
MIN_PRECISION_SHARE = 0.25

#: ...otherwise the recall result replaces it when it is at least this much longer: recall also
#: keeps more clutter, so a few extra characters do not justify the swap, a missing paragraph does.
RECALL_GAIN = 1.2

#: A table whose text is at least this much link text is navigation, not article content.
NAVIGATION_LINK_SHARE = 0.9

#: How many blocks at the start of a generic body may be title and info lines (title, byline,
#: date-and-counter line); the article's own text starts by then on every template we know.
LEADING_FURNITURE_BLOCKS = 3

#: An info line (date, author, counter) is short and is not a sentence.
MAX_INFO_LINE_CHARS = 80
_SENTENCE_ENDS = tuple("。！？.!?")

_BREADCRUMB_SEPARATORS = {">", "»", "›", "/", "＞", "|"}


class ProfileMismatch(ImportProblem):
    """A profile matched the page's template, but its selectors found no title or body."""


def extract(page: DecodedPage, profiles: tuple[Profile, ...] | None = None) -> ExtractedPage:
    """Run the cascade: site profile, text dump, then generic extraction."""
    if page.kind == "text":
        dumped = extract_dump(page, text_profile())
        return _with_warnings(dumped, page.warnings)
    tree = parse_page(page.text)
    for profile in profiles if profiles is not None else load_profiles():
        if profile.matches(tree, page.url):
            try:
                return _with_warnings(extract_with_profile(tree, page, profile), page.warnings)
            except ProfileMismatch as mismatch:
                outdated = (
                    f"profile '{profile.name}' matches this page but {mismatch}: the site was "
                    "probably redesigned and the profile is probably outdated; "
                    "imported with generic extraction"
                )
                return extract_generic(page, tree, (*page.warnings, outdated))
    return extract_generic(page, tree, page.warnings)


def _with_warnings(extracted: ExtractedPage, warnings: tuple[str, ...]) -> ExtractedPage:
    if not warnings:
        return extracted
    return ExtractedPage(**{**vars(extracted), "warnings": (*warnings, *extracted.warnings)})


def extract_with_profile(tree: HtmlElement, page: DecodedPage, profile: Profile) -> ExtractedPage:
    """Read a page of a known template through its profile's selectors (compiled XPath)."""
    fields = profile.fields
    assert fields is not None  # guaranteed for html profiles by the loader
    title = _title(_text_of(tree, fields.title), profile)
    if not title:
        raise ProfileMismatch(f"finds no title at '{fields.title}'")
    body = select_one_in_page(tree, fields.body)
    if body is None or not has_text(body):
        raise ProfileMismatch(f"finds no article body at '{fields.body}'")
    if profile.drop:  # one pass over the body for all selectors, not one pass each
        for element in select(body, ", ".join(profile.drop)):
            element.drop_tree()  # its tail (the text after it) stays, as in the page
    crumbs = _breadcrumb(tree, fields.breadcrumb, profile.breadcrumb_skip, title)
    date_text = _date_text_of(tree, fields.date)
    views_text = _text_of(tree, fields.views)
    return ExtractedPage(
        source=page.source,
        profile=profile.name,
        title=title,
        subtitle=_text_of(tree, fields.subtitle) or None,
        body_html=inner_html(body),
        breadcrumb=crumbs,
        date=parse_date(date_text) if date_text else None,
        views=_views(views_text),
        tags=tuple(text_of(el, " ", strip=True) for el in select_in_page(tree, fields.tags))
        if fields.tags
        else (),
        category_hint=_page_meta_category(tree),
        url=page.url,
    )


def extract_generic(
    page: DecodedPage, page_tree: HtmlElement, warnings: tuple[str, ...] = ()
) -> ExtractedPage:
    """Main-content extraction with trafilatura, metadata from the page, for unknown templates."""
    soup = BeautifulSoup(page.text, "lxml")
    tree = load_html(page.text)  # one lxml tree for every trafilatura run and for htmldate
    if tree is None:
        raise ImportProblem("no article found in this page (the HTML has no content)")
    metadata = read_page_metadata(soup, tree, page.url)
    body_html = main_content(tree, page.url, metadata.text_chars)
    text = BeautifulSoup(body_html or "", "lxml").get_text(" ", strip=True)
    if not body_html or len(text) < MIN_ARTICLE_CHARS:
        raise ImportProblem(
            "no article found in this page (no known template, too little main text)"
        )
    if not metadata.title:
        raise ImportProblem("the page's article has no title (no <title>, og:title or heading)")
    return ExtractedPage(
        source=page.source,
        profile="generic",
        title=metadata.title,
        body_html=_drop_page_furniture(body_html, metadata.title),
        breadcrumb=metadata.breadcrumb,
        date=metadata.date,
        views=metadata.views,
        tags=_meta_tags(page_tree),
        category_hint=_page_meta_category(page_tree),
        url=page.url,
        warnings=warnings,
    )


def main_content(tree: HtmlElement, url: str | None, page_chars: int) -> str | None:
    """trafilatura with ``favor_precision``, or with ``favor_recall`` when precision kept too
    little of the page (:data:`MIN_PRECISION_SHARE`) and recall holds clearly more
    (:data:`RECALL_GAIN`)."""
    precise = _trafilatura(tree, url, favor_precision=True)
    precise_chars = _text_length(precise)
    if precise_chars >= MIN_PRECISION_SHARE * page_chars:
        return precise
    recalled = _trafilatura(tree, url, favor_recall=True)
    if _text_length(recalled) >= RECALL_GAIN * max(precise_chars, 1):
        return recalled
    return precise


def _trafilatura(
    tree: HtmlElement, url: str | None, favor_precision: bool = False, favor_recall: bool = False
) -> str | None:
    result = trafilatura.extract(
        tree,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_links=True,
        include_formatting=True,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        with_metadata=False,
    )
    return str(result) if result else None


def _text_length(body_html: str | None) -> int:
    if not body_html:
        return 0
    return len("".join(BeautifulSoup(body_html, "lxml").get_text().split()))


def _meta_tags(tree: HtmlElement) -> tuple[str, ...]:
    tags = (el.get("content") or "" for el in select_in_page(tree, 'meta[property="article:tag"]'))
    return tuple(dict.fromkeys(str(t).strip() for t in tags if str(t).strip()))


def _title(text: str, profile: Profile) -> str:
    return strip_artifacts(text, profile.title_artifacts or CLOSE_GLYPHS)


def _text_of(tree: HtmlElement, selector: str | None) -> str:
    if not selector:
        return ""
    element = select_one_in_page(tree, selector)
    return text_of(element, " ", strip=True) if element is not None else ""


def _date_text_of(tree: HtmlElement, selector: str | None) -> str:
    """The date field's machine-readable ``datetime`` (``<time datetime=...>``), else its text.

    A ``<time>`` element often shows a date that no rule reads ("yesterday", "3 days ago") and
    keeps the real one in its attribute.
    """
    if not selector:
        return ""
    element = select_one_in_page(tree, selector)
    if element is None:
        return ""
    for candidate in element.iter("time"):
        machine_readable = str(candidate.get("datetime") or "").strip()
        if machine_readable:
            return machine_readable
    return text_of(element, " ", strip=True)


def _breadcrumb(
    tree: HtmlElement, selector: str | None, skip: tuple[str, ...], title: str
) -> tuple[str, ...]:
    """Breadcrumb texts without 'Home', separators and the article's own title at the end."""
    if not selector:
        return ()
    crumbs = [text_of(el, " ", strip=True) for el in select_in_page(tree, selector)]
    crumbs = [c for c in crumbs if c and c not in _BREADCRUMB_SEPARATORS]
    skipped = {normalize_phrase(s) for s in skip}
    while crumbs and normalize_phrase(crumbs[0]) in skipped:
        crumbs.pop(0)
    if crumbs and normalize_phrase(crumbs[-1]) in {normalize_phrase(title), "正文", "text"}:
        crumbs.pop()
    return tuple(crumbs)


def _views(text: str) -> int | None:
    if not text:
        return None
    views = parse_views(text)
    if views is not None:
        return views
    digits = re.search(r"\d[\d,]*", text)
    return int(digits.group().replace(",", "")) if digits else None


_CATEGORY_METAS = ('meta[property="article:section"]', 'meta[name="category"]')


def _page_meta_category(tree: HtmlElement) -> str | None:
    for selector in _CATEGORY_METAS:
        element = select_one_in_page(tree, selector)
        if element is not None and str(element.get("content") or "").strip():
            return str(element.get("content")).strip()
    return None


def _drop_page_furniture(body_html: str, title: str) -> str:
    """What trafilatura keeps around the article that a reader would not call its text: the
    title repeated as the first line, the info line under it (``发布时间：… 浏览：1533``), and
    layout tables of links (old templates lay out their top bar as a table)."""
    soup = BeautifulSoup(body_html, "lxml")
    root = soup.body or soup
    for table in root.find_all("table"):
        cells = table.get_text("", strip=True)
        links = "".join(a.get_text("", strip=True) for a in table.find_all("a"))
        if cells and len(links) >= NAVIGATION_LINK_SHARE * len(cells):
            table.decompose()
    container = root
    first = next(iter(root.find_all(True, recursive=False)), None)
    if isinstance(first, Tag) and first.name == "main":
        container = first
    for _ in range(LEADING_FURNITURE_BLOCKS):
        block = next(iter(container.find_all(True, recursive=False)), None)
        if not isinstance(block, Tag) or not _is_furniture(block.get_text(" ", strip=True), title):
            break
        block.decompose()
    return root.decode_contents()


def _is_furniture(text: str, title: str) -> bool:
    if normalize_phrase(text) == normalize_phrase(title):
        return True
    if len(text) > MAX_INFO_LINE_CHARS or text.rstrip().endswith(_SENTENCE_ENDS):
        return False
    return bool(parse_any_date(text) or views_in(text))
