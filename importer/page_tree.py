"""One lxml tree per page, read by every stage that looks at the whole page.

Building a BeautifulSoup tree of a whole page cost more than trafilatura's entire extraction, and
soupsieve matched each profile selector by walking that tree in Python. A page is now parsed once
by lxml (the same libxml2 parser BeautifulSoup's ``"lxml"`` builder drives, fed the same way, so
the tree has the same shape), and profile selectors are compiled once to XPath by cssselect, which
libxml2 evaluates in C. BeautifulSoup is kept for the small article body only, where the cleaner
and markdownify need its API.

:func:`text_of` reads text as BeautifulSoup's ``get_text`` does, so the titles, dates and
breadcrumbs read through it are the ones the soup gave.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator

from cssselect import HTMLTranslator, SelectorError
from lxml import etree
from lxml.html import HtmlElement, HTMLParser

#: Elements whose text BeautifulSoup keeps in string classes of their own (``Script``,
#: ``Stylesheet``, ...), which ``get_text`` leaves out unless it is asked about that element.
_STRING_CONTAINERS = frozenset({"rt", "rp", "style", "script", "template"})

_TRANSLATOR = HTMLTranslator()


class SelectorProblem(ValueError):
    """A CSS selector that cssselect cannot read; the message names the selector."""


def parse_page(text: str) -> HtmlElement:
    """The page's element tree (the ``<html>`` root), as BeautifulSoup's lxml builder sees it:
    comments kept, nothing repaired beyond what libxml2 does."""
    parser = HTMLParser(recover=True, strip_cdata=False)
    parser.feed(text)
    root = parser.close()
    if root is None:  # pragma: no cover - libxml2 always returns a root for text
        root = etree.fromstring("<html></html>", parser=HTMLParser())
    return root


@functools.cache
def _xpath(selector: str, prefix: str) -> etree.XPath:
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector, prefix=prefix))
    except (SelectorError, etree.XPathSyntaxError) as error:
        raise SelectorProblem(f"cannot read the CSS selector '{selector}': {error}") from None


def compile_selector(selector: str) -> None:
    """Check and compile a selector now (a profile's selectors are compiled when it loads)."""
    _xpath(selector, "descendant-or-self::")
    _xpath(selector, "descendant::")


def select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    """Elements below ``root`` (``root`` itself excluded) matching ``selector``, in document order."""
    return [node for node in _xpath(selector, "descendant::")(root) if _is_element(node)]


def select_in_page(root: HtmlElement, selector: str) -> list[HtmlElement]:
    """Elements of the whole page (the ``<html>`` element included) matching ``selector``."""
    return [node for node in _xpath(selector, "descendant-or-self::")(root) if _is_element(node)]


def select_one_in_page(root: HtmlElement, selector: str) -> HtmlElement | None:
    """The first element of the page matching ``selector``, or ``None``."""
    return next(iter(select_in_page(root, selector)), None)


def _is_element(node: object) -> bool:
    return isinstance(node, etree.ElementBase) and isinstance(node.tag, str)


def text_of(element: HtmlElement, separator: str = "", strip: bool = False) -> str:
    """The element's text as BeautifulSoup's ``get_text(separator, strip)`` gives it: every text
    node in document order, comments and script/style/template text left out."""
    return separator.join(_strings(element, strip))


def has_text(element: HtmlElement) -> bool:
    """Whether :func:`text_of` the element (stripped) is not empty; the walk ends at the first
    text, where a whole article body's text was read to answer it."""
    return any(_strings(element, strip=True))


def _strings(element: HtmlElement, strip: bool) -> Iterator[str]:
    """Text nodes in document order (none empty once stripped, if ``strip``); an explicit
    stack, so no nesting depth is too deep."""
    wanted = element.tag if element.tag in _STRING_CONTAINERS else None
    # Each entry: an element to enter, or a (text, container) pair to emit.
    stack: list[HtmlElement | tuple[str | None, str | None]] = [element]
    containers = {id(element): element.tag if wanted else _container_above(element)}
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            text, container = item
            if text and container == wanted:
                text = text.strip() if strip else text
                if text:
                    yield text
            continue
        container = containers.pop(id(item))
        pending: list[HtmlElement | tuple[str | None, str | None]] = [(item.text, container)]
        for child in item:
            if isinstance(child.tag, str):
                containers[id(child)] = child.tag if child.tag in _STRING_CONTAINERS else container
                pending.append(child)
            pending.append((child.tail, container))
        stack.extend(reversed(pending))


def _container_above(element: HtmlElement) -> str | None:
    for ancestor in element.iterancestors():
        if ancestor.tag in _STRING_CONTAINERS:
            return str(ancestor.tag)
    return None


def inner_html(element: HtmlElement) -> str:
    """The element's content as HTML (its own tag left out), for the stages that read markup."""
    parts = [html.escape(element.text, quote=False)] if element.text else []
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts)
