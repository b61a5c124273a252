"""Stable CSS selectors: tag names, ids and classes, never positions.

Candidates are tried shortest first (``div.article-content``, then ``div#content``, then with an
ancestor: ``div.crumbs > a``) and one is kept only when it picks exactly the intended element on
every page, so a selector that happens to work on one page is never learned.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from importer.profile_learning.compare import ParsedPage, stable_tokens


def simple_steps(tag: Tag) -> list[str]:
    """Selectors for the element alone, most readable first: ``div.cls``, ``div#id``, ``div``."""
    classes = stable_tokens(tag.get("class"))
    ids = stable_tokens(tag.get("id"))
    steps = [f"{tag.name}.{c}" for c in classes]
    if len(classes) > 1:
        steps.append(tag.name + "".join(f".{c}" for c in classes))
    steps += [f"{tag.name}#{i}" for i in ids[:1]]
    return steps


def _candidates(tag: Tag) -> Iterator[str]:
    own = simple_steps(tag)
    yield from own
    tail = own or [tag.name]
    ancestor = tag.parent
    depth = 0
    while isinstance(ancestor, Tag) and ancestor.name not in ("html", "[document]") and depth < 4:
        for step in simple_steps(ancestor):
            for end in tail:
                yield f"{step} > {end}" if depth == 0 else f"{step} {end}"
        ancestor = ancestor.parent
        depth += 1
    if not own:
        yield tag.name


def unique_selector(elements: list[tuple[ParsedPage, Tag]]) -> str | None:
    """The first candidate selector that picks exactly the given element on each page."""
    for candidate in _candidates(elements[0][1]):
        if all(_picks_only(page, candidate, tag) for page, tag in elements):
            return candidate
    return None


def _picks_only(page: ParsedPage, selector: str, tag: Tag) -> bool:
    found = page.soup.select(selector, limit=2)
    return len(found) == 1 and found[0] is tag
