"""The article body's one BeautifulSoup tree, handed from the cleaner to the outline and the converter.

Each of those stages used to serialize the body and parse it again, which cost more than the work
itself. They now share the tree; :func:`settle_text` gives it the two properties a fresh parse
used to give it, so every later rule sees the same text nodes as before: consecutive text nodes
are one node (a rule that asks "what comes before this text?" must not see half a sentence), and
every text node is plain text (BeautifulSoup keeps ruby annotations, ``<rt>``, in a string class
of their own that ``get_text`` leaves out, even after the cleaner has unwrapped the ``<rt>``).

The tree is parsed by :func:`parse_body`, whose tags are all :class:`BodyTag` objects.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

#: C0 controls but tab and newline (see :mod:`importer.convert`, which must not see them).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BodyTag(Tag):
    """A tag of the body tree, whose ``find_parent(name)`` walks up the parents comparing names.

    markdownify asks every tag ``find_parent("pre")`` (is it inside a code block?), and bs4
    answers any query through its general filter machinery, which builds a matcher per call:
    a fifth of the Markdown conversion's time. A query by one tag name is answered here as bs4
    would match it (the name, or ``prefix:name``); every other query goes to bs4.
    """

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Tag | None:
        if not isinstance(name, str) or attrs is not None or kwargs:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None:
            if parent.name == name or (parent.prefix and f"{parent.prefix}:{parent.name}" == name):
                return parent
            parent = parent.parent
        return None


def parse_body(html: str) -> BeautifulSoup:
    """Parse a body (or a page) with BeautifulSoup's lxml builder, every tag a :class:`BodyTag`."""
    return BeautifulSoup(html, "lxml", element_classes={Tag: BodyTag})


def settle_text(root: Tag, drop_controls: bool = False) -> None:
    """Merge consecutive text nodes into one plain text node, everywhere below ``root``.

    ``drop_controls`` also turns CR line ends into LF and removes the other C0 controls, as the
    converter did to the HTML it parsed; a text node left empty is removed, as a parser makes none.
    """
    stack = [root]
    while stack:
        tag = stack.pop()
        run: list[NavigableString] = []
        for child in [*tag.contents, None]:
            if _is_text(child):
                assert isinstance(child, NavigableString)
                run.append(child)
                continue
            if run:
                _settle_run(run, drop_controls)
                run = []
            if isinstance(child, Tag):
                stack.append(child)


def _is_text(node: PageElement | None) -> bool:
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _settle_run(run: list[NavigableString], drop_controls: bool) -> None:
    text = "".join(run)
    if drop_controls:
        text = CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    first = run[0]
    if len(run) == 1 and type(first) is NavigableString and text == first:
        return
    for later in run[1:]:
        later.extract()
    if text:
        first.replace_with(NavigableString(text))
    else:
        first.extract()
