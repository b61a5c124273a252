"""The scan of a built page: anything from the corpus that a browser would run, load or follow.

A page's own script tags are compared with a clean control page of the same site, so the theme's
scripts (Material's bundle, its inline config, the project's assets) are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

FORBIDDEN_TAGS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base")
_BAD_SCHEME_RE = re.compile(r"^(?:javascript|data|vbscript):", re.IGNORECASE)
_IGNORED_IN_URL_RE = re.compile(r"[\x00-\x20\x7f]+")
_PARENT_DIRS_RE = re.compile(r"(?:\.\./)+")
#: Every well-formed <meta> of the site has one of these attribute sets.
META_SHAPES = (
    frozenset({"charset"}),
    frozenset({"name", "content"}),
    frozenset({"property", "content"}),
)


def script_signature(script: Tag) -> str:
    """A script by its source file or its text, blind to how deep the page lies."""
    source = str(script.get("src", ""))
    return _PARENT_DIRS_RE.sub("", source or script.get_text())


def theme_scripts(control_html: str) -> set[str]:
    return {script_signature(s) for s in BeautifulSoup(control_html, "html.parser")("script")}


def live_hits(html: str, allowed_scripts: Iterable[str]) -> list[str]:
    """Everything in the page that could run, load or redirect; an empty list is a clean page."""
    allowed = set(allowed_scripts)
    soup = BeautifulSoup(html, "html.parser")
    hits = [
        f"<script> {script_signature(script)[:60]!r}"
        for script in soup("script")
        if script_signature(script) not in allowed
    ]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                hits.append(f"{name} on <{element.name}>")
            text = " ".join(value) if isinstance(value, list) else str(value)
            if _BAD_SCHEME_RE.match(_IGNORED_IN_URL_RE.sub("", text)):
                hits.append(f"{name}={text[:40]!r} on <{element.name}>")
            if name.lower() == "style" and re.search(r"url\(|expression|behavior", text, re.I):
                hits.append(f"style={text[:40]!r} on <{element.name}>")
    hits.extend(f"<{tag.name}>" for tag in soup.find_all(FORBIDDEN_TAGS))
    hits.extend(
        "<meta http-equiv>" for meta in soup.find_all("meta") if meta.has_attr("http-equiv")
    )
    return hits


def malformed_meta(html: str) -> list[str]:
    """Meta tags whose attributes are not one of the site's shapes (a value broke out)."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        str(meta)[:120]
        for meta in soup.find_all("meta")
        if frozenset(meta.attrs) not in META_SHAPES
    ]


def article_text(html: str) -> str:
    """The visible text of the article body."""
    body = BeautifulSoup(html, "html.parser").select_one(".sec-article-body")
    if body is None:
        return ""
    for hidden in body.select(".sec-search-fields, .headerlink"):
        hidden.decompose()
    return body.get_text(" ", strip=True)
