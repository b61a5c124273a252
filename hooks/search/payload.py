"""What Pagefind is given of an article page, and the digest that says whether it changed.

Pagefind reads only the element its ``root_selector`` matches (``main.html`` writes the article body
as ``<div ... data-pagefind-body lang="..">``) and what lies inside it. Handing it that element alone,
in an empty document, makes every page cheaper to send and to parse (the head, navigation, footer
and scripts are most of a page), and the digest of exactly what was handed over is the shard's
cache key (:mod:`hooks.search.shards`): a Recommended list or the navigation changing around an
article does not re-index its shard, since Pagefind would read neither.

The element's end is found by counting ``<div>`` tags. Where that count could be fooled (comments,
raw-text elements such as ``<script>``, foreign content, a ``<`` in a quoted attribute value), or
the element is not a ``div``, the page is handed over from the element to the end of the document, as Pagefind
itself would read it: never less than Pagefind would have indexed.
"""

from __future__ import annotations

import hashlib
import re

from hooks.search.indexer import root_attribute

#: The empty document the element is put in.
_PREFIX = "<!DOCTYPE html><html><head></head><body>"
_SUFFIX = "</body></html>"

#: A ``<div>`` or ``</div>`` tag.
_DIV_RE = re.compile(r"<(/?)div(?=[\s/>])", re.IGNORECASE)

#: Inside these, ``<div>`` is not a tag (or the tree is built by other rules); and a ``<`` inside a
#: quoted attribute value could fake one. Either way: fall back to the whole rest of the page.
_UNCOUNTABLE = re.compile(
    r"<(?:!--|!\[CDATA\[|script|style|textarea|title|xmp|iframe|noembed|noframes|noscript"
    r"|plaintext|template|svg|math)|=\s*(?:\"[^\"]*<|'[^']*<)",
    re.IGNORECASE,
)


def indexed_payload(html: str, language: str) -> str | None:
    """The document Pagefind is given for a page of ``language``; None when it has no such body."""
    marker = html.find(f" data-pagefind-body {root_attribute(language)}")
    start = html.rfind("<", 0, marker) if marker >= 0 else -1
    if start < 0:
        return None
    end = _element_end(html, start)
    if end is None or _UNCOUNTABLE.search(html, start, end):
        return _PREFIX + html[start:]
    return _PREFIX + html[start:end] + _SUFFIX


def digest(payload: str) -> str:
    """The digest of one page's payload, as shard keys record it."""
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def _element_end(html: str, start: int) -> int | None:
    """Where the ``div`` opened at ``start`` ends (after its ``</div>``), None if it does not."""
    depth = 0
    for match in _DIV_RE.finditer(html, start):
        if depth == 0 and (match.start() != start or match.group(1)):
            return None
        if match.group(1):
            depth -= 1
            if depth == 0:
                close = html.find(">", match.end())
                return close + 1 if close >= 0 else None
        else:
            depth += 1
    return None
