"""Link rules for the crawler, learned from category listing pages of the site.

The article links are the biggest group of links (by their text) whose entries carry more than a
link — a date, an intro — and whose element path is not found on the article pages (sidebar lists
and navigation are); the next-page link is the pager's "next"/"下一页" link.
"""

from __future__ import annotations

from bs4 import Tag

from importer.profile_learning.compare import (
    Comparison,
    ParsedPage,
    Path_,
    parse_page,
    stable_tokens,
    text_of,
)
from importer.profile_learning.learned import Learned, LearnedLinks
from importer.profile_learning.selectors import simple_steps
from importer.profile_learning.sources import SourcePage
from importer.textdump import normalize_phrase

_NEXT_WORDS = frozenset({"next", "next page", "下一页", "下页", "后一页", "›", "»", ">", "next ›"})


def learn_links(comparison: Comparison, listings: list[SourcePage]) -> LearnedLinks | None:
    """From listing pages: the biggest group of title-like links not found on article pages."""
    template_paths = {path for page in comparison.pages for path in page.by_path}
    parsed = [parse_page(listing) for listing in listings]
    first = parsed[0]
    groups: dict[Path_, list[Tag]] = {}
    for tag in first.soup.find_all("a", href=True):
        if id(tag) not in first.paths:
            continue
        path = first.path(tag)
        if path not in template_paths:
            groups.setdefault(path, []).append(tag)
    good = [
        links
        for links in groups.values()
        if len(links) >= 2 and sum(len(text_of(a)) for a in links) / len(links) >= 4
    ]
    if not good:
        return None
    links = max(good, key=_listing_score)
    selector = _group_selector(first, links)
    if selector is None or not all(p.soup.select(selector) for p in parsed):
        return None
    labels = tuple(p.label for p in parsed)
    article = Learned(
        selector,
        labels,
        f"title links of entries that carry more than a link ({len(links)} on {first.label}), "
        "not found on article pages",
    )
    return LearnedLinks(article, _next_page(parsed))


def _listing_score(links: list[Tag]) -> tuple[bool, int]:
    """Article entries carry more than their link (a date, an intro); sidebar lists do not.

    Among rich groups, the one with the most link text wins: titles are longer than the
    category labels beside them.
    """
    rich = sum(
        1 for a in links if a.parent is not None and len(text_of(a.parent)) > len(text_of(a))
    )
    return rich * 2 >= len(links), sum(len(text_of(a)) for a in links)


def _group_selector(page: ParsedPage, links: list[Tag]) -> str | None:
    """``ul.article-list a.title``: a unique container plus the links' own step."""
    wanted = {id(a) for a in links}
    classes = stable_tokens(links[0].get("class"))
    end = f"a.{classes[0]}" if classes else "a"
    ancestor = links[0].parent
    while isinstance(ancestor, Tag) and ancestor.name != "html":
        if all(ancestor in a.parents for a in links):
            for step in simple_steps(ancestor):
                selector = f"{step} {end}"
                if {id(a) for a in page.soup.select(selector)} == wanted:
                    return selector
        ancestor = ancestor.parent
    return None


def _next_page(parsed: list[ParsedPage]) -> Learned | None:
    for page in parsed:
        for a in page.soup.find_all("a", href=True):
            text = normalize_phrase(text_of(a))
            classes = stable_tokens(a.get("class"))
            if not (text in _NEXT_WORDS or "next" in classes or "next" in (a.get("rel") or [])):
                continue
            end = "a.next" if "next" in classes else 'a[rel~="next"]'
            if "next" not in classes and "next" not in (a.get("rel") or []):
                end = f'a:-soup-contains("{text_of(a)}")'
            for ancestor in a.parents:
                for step in simple_steps(ancestor):
                    selector = f"{step} {end}"
                    if page.soup.select(selector) == [a]:
                        labels = tuple(p.label for p in parsed)
                        return Learned(selector, labels, f"the '{text_of(a)}' link of the pager")
    return None
