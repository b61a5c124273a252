"""Choose a stable CSS selector for each part of the template, from a :class:`Comparison`.

Each choice is a rule a reviewer can check: the title is the heading whose text differs on every
page and appears in the page's ``<title>``; the body is the shared element with the most prose of
its own; the breadcrumb is a link row before the title that starts with the same link everywhere;
the date and read counter are the smallest shared elements that parse as one; template blocks
inside the body are classed elements that carry scripts, iframes, mostly links, or the same text on
several pages. Selectors are made of tag names, ids and classes, tried from the shortest, and kept
only when they pick exactly the intended element on every page: never a position such as
``nth-child``, which shifts with the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from bs4 import Tag

from importer.clean import CLOSE_GLYPHS
from importer.metadata import parse_date, parse_views
from importer.profile_learning.compare import (
    Comparison,
    ParsedPage,
    Path_,
    compare_pages,
    stable_tokens,
    text_of,
)
from importer.profile_learning.learned import Learned, LearnedProfile, NoSharedTemplate
from importer.profile_learning.listings import learn_links
from importer.profile_learning.selectors import unique_selector
from importer.profile_learning.sources import SourcePage
from importer.textdump import normalize_phrase, strip_artifacts

#: Fewer pages than this cannot tell a template block from an article that happens to repeat.
MIN_PAGES = 3

#: Below this share of common element paths (for the least similar two pages), the pages are not
#: one template. Measured on the shipped samples: two pages of one template share 0.76-0.97 of
#: their paths (the spread comes from optional sidebars and comment boxes); a ModelEssay page and
#: a Wenmi page share 0.01.
MIN_SHARED_STRUCTURE = 0.3

#: A template block inside the body that holds this share of its text in links is a link widget
#: (related articles, share bar, download tip), not prose.
LINK_DENSITY = 0.5

#: A block with more than this share of the body's text is article, whatever it looks like.
MAX_BLOCK_SHARE = 0.4

#: Words that content systems put in the class names of their widgets (split on - and _).
_WIDGET_CLASS_WORDS = frozenset(
    "ad ads advert advertisement gg guanggao share bdshare download tip copy related xg promo "
    "banner sponsor recommend tj".split()
)
_ACTIVE_TAGS = ("script", "iframe", "ins", "object", "embed", "form", "button")
_PROSE_TAGS = frozenset("p h2 h3 h4 h5 h6 ul ol table blockquote pre".split())
_BREADCRUMB_HINT_RE = re.compile(r"crumb|position|location|path|where|nav-?path|weizhi", re.I)
_BREADCRUMB_SEPARATOR_RE = re.compile(r"[>»›/＞|]")
_TAGS_HINT_RE = re.compile(r"^\s*(tags?|keywords?|标签|关键词|关键字)\s*[:：]?", re.I)
_TITLE_SEPARATORS_RE = re.compile(r"\s+[-_|–—]\s+|_")


def learn_profile(
    name: str, pages: list[SourcePage], listings: list[SourcePage] | None = None
) -> LearnedProfile:
    """Learn a profile from article pages (and optionally category listing pages) of one site."""
    if len(pages) < MIN_PAGES:
        raise NoSharedTemplate(
            f"need at least {MIN_PAGES} article pages of the site to tell its template from its "
            f"articles (got {len(pages)})"
        )
    comparison = compare_pages(pages)
    share, one, other = comparison.structure_overlap()
    if share < MIN_SHARED_STRUCTURE:
        raise NoSharedTemplate(
            f"the pages do not share a template: {one} and {other} have only {share:.0%} of their "
            f"page structure in common (one template shares at least {MIN_SHARED_STRUCTURE:.0%})"
        )
    title_path = _title_path(comparison)
    body_path = _body_path(comparison, title_path)
    fields = {
        "title": _selector_field(
            comparison,
            title_path,
            "a heading whose text differs on every page and appears in the page's <title>",
        ),
        "body": _selector_field(
            comparison,
            body_path,
            "the shared element with the most prose of its own; its text differs on every page",
        ),
    }
    meta_paths = _meta_paths(comparison, title_path, body_path)
    fields.update(meta_paths)
    subtitle = _subtitle(comparison, title_path, fields)
    if subtitle:
        fields["subtitle"] = subtitle
    breadcrumb = _breadcrumb(comparison, title_path, body_path)
    skip: tuple[str, ...] = ()
    if breadcrumb:
        fields["breadcrumb"], skip = breadcrumb
    tags = _tags(comparison, body_path)
    if tags:
        fields["tags"] = tags
    ordered = {key: fields[key] for key in _FIELD_ORDER if key in fields}
    return LearnedProfile(
        name=name,
        description=_description(comparison),
        pages=comparison.labels,
        match=_match(comparison, ordered["title"].selector, ordered["body"].selector),
        fields=ordered,
        breadcrumb_skip=skip,
        drop=_drop(comparison, body_path),
        links=learn_links(comparison, listings) if listings else None,
    )


_FIELD_ORDER = ("title", "subtitle", "breadcrumb", "body", "date", "views", "tags")


def _selector_field(comparison: Comparison, path: Path_, reason: str) -> Learned:
    elements = list(zip(comparison.pages, comparison.elements(path), strict=True))
    selector = unique_selector(elements)
    if selector is None:
        raise NoSharedTemplate(
            f"no stable selector (id, class or tag) picks <{path[-1]}> on every page"
        )
    return Learned(selector, comparison.labels, reason)


# --- title and body --------------------------------------------------------------------------


def _norm(text: str) -> str:
    return normalize_phrase(strip_artifacts(text, CLOSE_GLYPHS))


def _title_path(comparison: Comparison) -> Path_:
    best: tuple[tuple[int, int, int], Path_] | None = None
    for path in comparison.shared_paths():
        tags = comparison.elements(path)
        tag = tags[0]
        classes = " ".join(stable_tokens(tag.get("class")))
        if tag.name not in ("h1", "h2", "h3") and "title" not in classes:
            continue
        texts = [_norm(text_of(t)) for t in tags]
        if not all(texts) or len(set(texts)) < len(texts):
            continue
        in_title = sum(
            1
            for page, text in zip(comparison.pages, texts, strict=True)
            if text in normalize_phrase(page.title_text)
        )
        rank = {"h1": 3, "h2": 2, "h3": 1}.get(tag.name, 0)
        score = (in_title, rank, -comparison.pages[0].position(tag))
        if best is None or score > best[0]:
            best = (score, path)
    if best is None or best[0][0] == 0:
        raise NoSharedTemplate(
            "no heading on every page has a different text on each and appears in the page's "
            "<title>: these may not be article pages of one template"
        )
    return best[1]


def _prose_length(tag: Tag) -> int:
    total = 0
    for child in tag.children:
        if isinstance(child, Tag):
            plain_div = child.name == "div" and not stable_tokens(child.get("class"))
            if child.name in _PROSE_TAGS or plain_div:
                total += len(text_of(child))
        else:
            total += len(str(child).strip())
    return total


def _body_path(comparison: Comparison, title_path: Path_) -> Path_:
    best: tuple[int, Path_] | None = None
    for path in comparison.shared_paths():
        if title_path[: len(path)] == path:  # an ancestor of the title holds the whole page
            continue
        tags = comparison.elements(path)
        texts = [text_of(t) for t in tags]
        if len(set(texts)) < len(texts):
            continue
        score = min(_prose_length(t) for t in tags)
        if score > 0 and (best is None or score > best[0]):
            best = (score, path)
    if best is None:
        raise NoSharedTemplate("no element on every page holds prose that differs between pages")
    return best[1]


# --- metadata --------------------------------------------------------------------------------


def _inside(path: Path_, container: Path_) -> bool:
    return path[: len(container)] == container


def _meta_paths(comparison: Comparison, title_path: Path_, body_path: Path_) -> dict[str, Learned]:
    """The date and the read counter: the smallest shared elements outside the body that parse."""
    found: dict[str, Learned] = {}
    tests: dict[str, tuple[Callable[[str], bool], str]] = {
        "date": (_is_date, "parses as a date on every page"),
        "views": (_is_views, "reads as a view count on every page"),
    }
    for key, (test, reason) in tests.items():
        matching = [
            path
            for path in comparison.shared_paths()
            if not _inside(path, body_path)
            and path != title_path
            and all(
                len(text_of(tag)) <= 80 and test(text_of(tag)) for tag in comparison.elements(path)
            )
        ]
        smallest = [p for p in matching if not any(o != p and _inside(o, p) for o in matching)]
        for path in smallest:
            try:
                found[key] = _selector_field(comparison, path, reason)
                break
            except NoSharedTemplate:
                continue
    return found


def _is_date(text: str) -> bool:
    return parse_date(text) is not None


def _is_views(text: str) -> bool:
    return parse_views(text) is not None


def _subtitle(
    comparison: Comparison, title_path: Path_, fields: dict[str, Learned]
) -> Learned | None:
    """A short classed line right after the title, on some pages, that is not the date line."""
    taken = [field.selector for field in fields.values()]
    seen: list[tuple[ParsedPage, Tag]] = []
    for page in comparison.pages:
        title = page.by_path[title_path][0]
        after = title.find_next_sibling()
        if not isinstance(after, Tag) or not stable_tokens(after.get("class")):
            continue
        text = text_of(after)
        if not text or len(text) > 200 or after.find("a") or after.find(_ACTIVE_TAGS):
            continue
        if any(after.select_one(s) is not None or after in page.soup.select(s) for s in taken):
            continue
        seen.append((page, after))
    paths = {page.path(tag) for page, tag in seen}
    if len(paths) != 1:
        return None
    texts = [_norm(text_of(tag)) for _, tag in seen]
    if len(seen) > 1 and len(set(texts)) < len(texts):
        return None  # the same line on several pages is a template slogan, not a subtitle
    selector = unique_selector(seen)
    if selector is None:
        return None
    return Learned(
        selector,
        tuple(page.label for page, _ in seen),
        "a short line right after the title, different on each page that has one",
    )


def _breadcrumb(
    comparison: Comparison, title_path: Path_, body_path: Path_
) -> tuple[Learned, tuple[str, ...]] | None:
    """A row of links before the title that starts with the same link on every page."""
    candidates: list[tuple[tuple[int, int], Path_]] = []
    for path in comparison.shared_paths():
        if _inside(path, body_path) or _inside(title_path, path):
            continue
        tags = comparison.elements(path)
        rows = [_link_row(tag) for tag in tags]
        if not all(len(row) >= 2 for row in rows):
            continue
        firsts = {text_of(row[0]) for row in rows}
        if len(firsts) != 1:
            continue
        hinted = _hints_breadcrumb(tags[0])
        separated = all(_BREADCRUMB_SEPARATOR_RE.search(text_of(tag)) for tag in tags)
        before_title = all(
            page.position(tag) < page.position(page.by_path[title_path][0])
            for page, tag in zip(comparison.pages, tags, strict=True)
        )
        if before_title and (hinted or separated):
            candidates.append(((int(hinted), int(separated)), path))
    for _, path in sorted(candidates, key=lambda item: item[0], reverse=True):
        elements = list(zip(comparison.pages, comparison.elements(path), strict=True))
        container = unique_selector(elements)
        if container is None:
            continue
        first = text_of(_link_row(elements[0][1])[0])
        learned = Learned(
            f"{container} a",
            comparison.labels,
            f"links before the title, starting with '{first}' on every page",
        )
        return learned, (first,)
    return None


def _link_row(tag: Tag) -> list[Tag]:
    """Links that are children of the element, of its own list items, or of the items of a list
    it wraps (``<nav class="breadcrumbs"><ol><li><a>``, the markup of accessible themes)."""
    return [a for a in tag.find_all("a") if _in_row_of(a, tag)]


def _in_row_of(link: Tag, tag: Tag) -> bool:
    parent = link.parent
    if parent is tag:
        return True
    if parent is None or parent.name != "li" or parent.parent is None:
        return False
    row = parent.parent
    return row is tag or (row.name in ("ul", "ol") and row.parent is tag)


def _hints_breadcrumb(tag: Tag) -> bool:
    """Whether the element's class, id or ARIA label names a breadcrumb (or its Chinese cue)."""
    names = [*stable_tokens(tag.get("class")), *stable_tokens(tag.get("id"))]
    names.append(str(tag.get("aria-label", "")))
    return any(_BREADCRUMB_HINT_RE.search(name) for name in names if name)


def _tags(comparison: Comparison, body_path: Path_) -> Learned | None:
    """A row of short links labelled as tags (rel=tag, /tag/ URLs, or a 'Tags:' label)."""
    for path in comparison.pages[0].by_path:
        if _inside(path, body_path):
            continue
        seen = [(page, tags[0]) for page, tags in comparison.pages_with(path) if len(tags) == 1]
        if len(seen) < 2:
            continue
        if not all(_looks_like_tags(tag) for _, tag in seen):
            continue
        container = unique_selector(seen)
        if container:
            return Learned(
                f"{container} a",
                tuple(page.label for page, _ in seen),
                "short links marked as tags (rel=tag, tag URLs or a 'Tags:' label)",
            )
    return None


def _looks_like_tags(tag: Tag) -> bool:
    links = _link_row(tag)
    if not links or any(len(text_of(a)) > 40 for a in links):
        return False
    marked = any(
        "tag" in (a.get("rel") or []) or "tag" in str(a.get("href", "")).lower() for a in links
    )
    return marked or bool(_TAGS_HINT_RE.match(text_of(tag)))


# --- template blocks inside the body ---------------------------------------------------------


def _drop(comparison: Comparison, body_path: Path_) -> tuple[Learned, ...]:
    """Classed blocks inside the body that are template, not article: ads, share bars, widgets.

    A block counts when it holds scripts, iframes or mostly links, or when the same text comes
    back on two pages. Its selector is the tag with its first class (``div.ad`` for
    ``div.ad.ad-inline``), kept only if everything it picks in the bodies is such a block, so a
    class that Word leaves on prose paragraphs (``p.MsoNormal``) is never dropped.
    """
    blocks: dict[str, list[tuple[ParsedPage, Tag, str, str]]] = {}
    for page in comparison.pages:
        body = page.by_path[body_path][0]
        body_length = max(1, len(text_of(body)))
        chosen: list[Tag] = []
        for tag in body.find_all(True):
            classes = stable_tokens(tag.get("class"))
            if not classes or any(block in tag.parents for block in chosen):
                continue
            text = text_of(tag)
            if len(text) > MAX_BLOCK_SHARE * body_length:
                continue
            widget = _widget_reason(tag, text)
            blocks.setdefault(f"{tag.name}.{classes[0]}", []).append(
                (page, tag, _norm(text), widget)
            )
            if widget:
                chosen.append(tag)
    learned: dict[str, Learned] = {}
    kept: list[Tag] = []
    for key, found in blocks.items():
        texts = [text for _, _, text, widget in found if not widget]
        pages = tuple(dict.fromkeys(page.label for page, _, _, _ in found))
        repeated = bool(texts) and len(set(texts)) == 1 and len(pages) >= 2
        if not (all(widget for *_, widget in found) or repeated):
            continue
        if all(any(block in tag.parents for block in kept) for _, tag, _, _ in found):
            continue  # inside a block already dropped, e.g. the buttons of a share bar
        kept.extend(tag for _, tag, _, _ in found)
        reasons = [widget for *_, widget in found if widget]
        reason = "the same text on every page that has it" if repeated else reasons[0]
        learned[key] = Learned(key, pages, f"a template block inside the body: {reason}")
    for key, pages in _ad_slot_classes(comparison, body_path).items():
        learned.setdefault(
            key,
            Learned(key, pages, "the class of the template's ad and script slots outside the body"),
        )
    return tuple(learned.values())


def _ad_slot_classes(comparison: Comparison, body_path: Path_) -> dict[str, tuple[str, ...]]:
    """``div.gg``: widget-named classes of script/iframe slots around the body.

    A template puts the same ad slot inside the body of some articles only; learning it from the
    slots around the body drops it from articles that none of the learning pages showed.
    """
    found: dict[str, list[str]] = {}
    for page in comparison.pages:
        body = page.by_path[body_path][0]
        for tag in page.soup.find_all(True):
            if id(tag) not in page.paths or body in tag.parents or tag is body:
                continue
            words = _widget_words(tag)
            if words and tag.find(_ACTIVE_TAGS) is not None and len(text_of(tag)) < 100:
                found.setdefault(f"{tag.name}.{words[0]}", []).append(page.label)
    return {
        key: tuple(dict.fromkeys(labels)) for key, labels in found.items() if len(set(labels)) >= 2
    }


def _widget_words(tag: Tag) -> list[str]:
    """The element's classes that name a widget (``div.tip-download`` -> ``tip-download``)."""
    return [
        token
        for token in stable_tokens(tag.get("class"))
        if any(word in _WIDGET_CLASS_WORDS for word in re.split(r"[-_]", token.lower()))
    ]


def _widget_reason(tag: Tag, text: str) -> str:
    """Why a block inside the body looks like a template widget ("" when it does not)."""
    if tag.name in _ACTIVE_TAGS or tag.find(_ACTIVE_TAGS) is not None:
        return "holds a script, iframe or form"
    words = _widget_words(tag)
    if words:
        return f"its class '{words[0]}' names a widget"
    links = "".join(text_of(a) for a in tag.find_all("a"))
    if text and len(links) >= LINK_DENSITY * len(text):
        return "its text is mostly links"
    return ""


def _looks_like_widget(tag: Tag, text: str) -> bool:
    return bool(_widget_reason(tag, text))


# --- match and description -------------------------------------------------------------------


def _match(comparison: Comparison, title: str, body: str) -> Learned:
    """The CMS's generator meta when every page has one; else the title and body together."""
    generators = []
    for page in comparison.pages:
        meta = page.soup.find("meta", attrs={"name": "generator"})
        content = str(meta.get("content", "")) if isinstance(meta, Tag) else ""
        generators.append(content.split()[0] if content.split() else "")
    if generators[0] and len(set(generators)) == 1 and re.fullmatch(r"[\w.-]+", generators[0]):
        return Learned(
            f'meta[name="generator"][content^="{generators[0]}"]',
            comparison.labels,
            f"every page names its generator '{generators[0]}'",
        )
    selector = f"html:has({title}):has({body})"
    return Learned(selector, comparison.labels, "no generator meta: pages with this title and body")


def _description(comparison: Comparison) -> str:
    """``Learned from 3 pages of www.example.com``, naming the site as its pages do."""
    suffixes = {
        _TITLE_SEPARATORS_RE.split(page.title_text)[-1].strip() for page in comparison.pages
    }
    hosts = set()
    for page in comparison.pages:
        canonical = page.soup.find("link", rel="canonical")
        if isinstance(canonical, Tag):
            hosts.add(urlsplit(str(canonical.get("href", ""))).netloc)
    site = next(iter(suffixes)) if len(suffixes) == 1 else ""
    host = next(iter(hosts)) if len(hosts) == 1 else ""
    named = " ".join(part for part in (site, f"({host})" if host else "") if part)
    return f"Learned from {len(comparison.pages)} article pages" + (f" of {named}" if named else "")
