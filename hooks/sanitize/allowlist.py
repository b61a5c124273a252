"""The allow-list sanitizer for article HTML, and a note of what it removed.

The importer already escapes everything a scraped page could use to run script (importer/clean.py,
importer/convert.py). This is the second wall, for the day a converter bug or an editor's raw HTML
lets markup through: after Python-Markdown has rendered an article, only what the site's Markdown
writes survives — its block and inline tags, heading ids, the table of contents' permalinks, the
classes of admonitions, details blocks and highlighted code, and links and images to http(s),
mailto and relative URLs. Everything else goes: ``<script>``, ``<iframe>``, ``<svg>``, ``on*``
handlers, ``style`` beyond table-cell alignment, ``javascript:``/``data:``/``vbscript:`` URLs.

nh3 (Python bindings of the Rust ammonia crate) parses with html5ever, as a browser would, so a
tag split across tricks reaches it in the same shape that it would reach a reader.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import nh3

#: Tags that Python-Markdown and the site's extensions (mkdocs.yml) write into an article.
ALLOWED_TAGS = frozenset(
    "h1 h2 h3 h4 h5 h6 p br hr blockquote ul ol li strong em b i code pre span div a img "
    "table thead tbody tfoot tr th td caption details summary sup sub".split()
)
#: Removed together with their content: a reader should see neither the code nor its fallback text.
REMOVED_WITH_CONTENT = frozenset(
    "script style iframe frame frameset object embed applet noscript noembed noframes template "
    "svg math textarea select title xmp".split()
)
#: ``class`` is allowed on every tag: admonitions, details, code highlighting and the permalink
#: anchors are classes, and a class cannot run script.
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "details": {"open"},
}
#: Python-Markdown's tables align a column with ``style="text-align: ..."`` and nothing else.
ALLOWED_STYLE_PROPERTIES = frozenset({"text-align"})
#: Relative URLs (``../x/``, ``#anchor``) are always allowed; of the absolute ones, only these.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
    link_rel=None,  # keep links as Markdown wrote them
    strip_comments=True,
)

_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^>\"'])*)>")
_ATTRIBUTE_RE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


@dataclass(frozen=True)
class Sanitized:
    """The sanitized HTML, and what went: ``<iframe>`` or ``onclick on <p>``, with counts."""

    html: str
    removed: Counter[str]


def sanitize_article_html(html: str) -> Sanitized:
    """Keep only what the site's Markdown writes; say what else there was."""
    clean = _CLEANER.clean(html)
    before, after = _markup(_COMMENT_RE.sub("", html)), _markup(clean)
    return Sanitized(html=clean, removed=before - after)


def _markup(html: str) -> Counter[str]:
    """Counts of tags (``<p>``) and of attributes on them (``href on <a>``), by name.

    Every article goes through this twice, so the names are gathered in a list and counted in one
    go, and a tag without attributes skips the attribute pattern.
    """
    names: list[str] = []
    for tag, attributes in _TAG_RE.findall(html):
        name = tag.lower()
        names.append(f"<{name}>")
        if attributes:
            names.extend(f"{a.lower()} on <{name}>" for a in _ATTRIBUTE_RE.findall(attributes))
    return Counter(names)


def describe_removed(removed: Counter[str]) -> str:
    """``<iframe> (2), onclick on <p>`` for a warning."""
    return ", ".join(
        f"{what} ({count})" if count > 1 else what for what, count in sorted(removed.items())
    )
