"""Stage 3: find the article in a page.

A cascade, as in trafilatura: a page from a known template is read with its site profile (exact
selectors, no guessing); a plain-text dump goes to :mod:`importer.textdump`; any other HTML page goes
to trafilatura's generic main-content extraction, which only has to deliver a title and enough text.
"""

from __future__ import annotations

import re

import trafilatura
from bs4 import BeautifulSoup, Tag

from importer.clean import CLOSE_GLYPHS
from importer.metadata import parse_date, parse_views
from importer.profiles import Profile, load_profiles, text_profile
from importer.records import DecodedPage, ExtractedPage, ImportProblem
from importer.textdump import extract_dump, normalize_phrase, strip_artifacts

#: Below this many characters of text, the generic extractor found navigation, not an article.
#: (The shortest real notice in the sample library has ~300 characters; 80 leaves room.)
MIN_ARTICLE_CHARS = 80

_BREADCRUMB_SEPARATORS = {">", "»", "›", "/", "＞", "|"}


def extract(page: DecodedPage, profiles: tuple[Profile, ...] | None = None) -> ExtractedPage:
    """Run the cascade: site profile, text dump, then trafilatura."""
    if page.kind == "text":
        return extract_dump(page, text_profile())
    soup = BeautifulSoup(page.text, "lxml")
    for profile in profiles if profiles is not None else load_profiles():
        if profile.matches(soup, page.url):
            return extract_with_profile(soup, page, profile)
    return extract_generic(page, soup)


def extract_with_profile(soup: BeautifulSoup, page: DecodedPage, profile: Profile) -> ExtractedPage:
    """Read a page of a known template through its profile's selectors."""
    fields = profile.fields
    assert fields is not None  # guaranteed for html profiles by the loader
    title = _title(_text_of(soup, fields.title), profile)
    if not title:
        raise ImportProblem(f"no title at '{fields.title}' (profile {profile.name})")
    body = soup.select_one(fields.body)
    if body is None or not body.get_text(strip=True):
        raise ImportProblem(f"no article body at '{fields.body}' (profile {profile.name})")
    if profile.drop:  # one pass over the body for all selectors, not one pass each
        for element in body.select(", ".join(profile.drop)):
            if not element.decomposed:
                element.decompose()
    crumbs = _breadcrumb(soup, fields.breadcrumb, profile.breadcrumb_skip, title)
    date_text = _text_of(soup, fields.date)
    views_text = _text_of(soup, fields.views)
    return ExtractedPage(
        source=page.source,
        profile=profile.name,
        title=title,
        subtitle=_text_of(soup, fields.subtitle) or None,
        body_html=body.decode_contents(),
        breadcrumb=crumbs,
        date=parse_date(date_text) if date_text else None,
        views=_views(views_text),
        tags=tuple(el.get_text(" ", strip=True) for el in soup.select(fields.tags))
        if fields.tags
        else (),
        category_hint=_meta_category(soup),
        url=page.url,
    )


def extract_generic(page: DecodedPage, soup: BeautifulSoup) -> ExtractedPage:
    """Main-content extraction with trafilatura for pages of unknown templates."""
    body_html = trafilatura.extract(
        page.text,
        url=page.url,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_links=True,
        include_formatting=True,
        favor_precision=True,
    )
    metadata = trafilatura.extract_metadata(page.text, default_url=page.url)
    title = strip_artifacts(
        getattr(metadata, "title", None) or _text_of(soup, "title"), CLOSE_GLYPHS
    )
    text = BeautifulSoup(body_html or "", "lxml").get_text(" ", strip=True)
    if not body_html or len(text) < MIN_ARTICLE_CHARS:
        raise ImportProblem(
            "no article found in this page (no known template, too little main text)"
        )
    if not title:
        raise ImportProblem("the page's article has no title")
    categories = getattr(metadata, "categories", None) or []
    return ExtractedPage(
        source=page.source,
        profile="generic",
        title=title,
        body_html=_drop_leading_title(body_html, title),
        date=parse_date(getattr(metadata, "date", None) or ""),
        tags=tuple(getattr(metadata, "tags", None) or ()),
        category_hint=_meta_category(soup) or (categories[0] if categories else None),
        url=page.url,
    )


def _title(text: str, profile: Profile) -> str:
    return strip_artifacts(text, profile.title_artifacts or CLOSE_GLYPHS)


def _text_of(soup: BeautifulSoup, selector: str | None) -> str:
    if not selector:
        return ""
    element = soup.select_one(selector)
    return element.get_text(" ", strip=True) if element else ""


def _breadcrumb(
    soup: BeautifulSoup, selector: str | None, skip: tuple[str, ...], title: str
) -> tuple[str, ...]:
    """Breadcrumb texts without 'Home', separators and the article's own title at the end."""
    if not selector:
        return ()
    crumbs = [el.get_text(" ", strip=True) for el in soup.select(selector)]
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


def _meta_category(soup: BeautifulSoup) -> str | None:
    for selector in ('meta[property="article:section"]', 'meta[name="category"]'):
        element = soup.select_one(selector)
        if isinstance(element, Tag) and str(element.get("content", "")).strip():
            return str(element["content"]).strip()
    return None


def _drop_leading_title(body_html: str, title: str) -> str:
    """trafilatura often repeats the title as the body's first line."""
    soup = BeautifulSoup(body_html, "lxml")
    root = soup.body or soup
    first = next((el for el in root.find_all(True, recursive=False)), None)
    if isinstance(first, Tag) and first.name == "main":
        first = next((el for el in first.find_all(True, recursive=False)), None)
    if isinstance(first, Tag) and normalize_phrase(first.get_text()) == normalize_phrase(title):
        first.decompose()
    return root.decode_contents()
