"""Stage 5: cleaned HTML to Markdown, with markdownify.

Python-Markdown passes raw HTML through and has no safe mode, and the site turns on extensions that
read more syntax (``mkdocs.yml``: tables, admonition, pymdownx.details, pymdownx.superfences), so
text that merely *looks* like markup must be escaped here, and code must stay code:

- text: ``<script>`` written as text in a page stays text (``&lt;script&gt;``); backticks, brackets,
  pipes, ``*`` and ``_`` are backslash-escaped, so ``[x](javascript:...)`` is no link and
  ``|a|b|`` no table;
- line starts: whatever a line begins with that would make it a heading, quote, list, setext
  underline, admonition (``!!!``), details block (``???``) or fence (``~~~``) is escaped, with a
  backslash where Python-Markdown knows one and a character reference where it does not;
- ``<pre>``: fenced with more backticks than any run inside, so no line of the code can close the
  fence early and publish the rest as raw HTML;
- inline ``<code>``: on one line (a line break inside could start a raw HTML block), delimited by
  a backtick run that occurs nowhere inside it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement
from markdownify import MarkdownConverter

from importer.body_tree import CONTROL_RE as _CONTROL_RE
from importer.body_tree import settle_text

_ENTITY_LIKE_RE = re.compile(r"&(?=#?\w+;)")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_BACKTICK_RUN_RE = re.compile(r"`+")
#: _CONTROL_RE: C0 controls but tab and newline. Python-Markdown drops STX/ETX (its placeholder
#: marks) and turns a lone CR into a line break, which would start a line no escape here has seen.
#: A line that starts with one of these is block syntax; all are in Python-Markdown's ESCAPED_CHARS.
_BACKSLASH_AT_LINE_START = frozenset("#>+-!")
#: Block syntax of the site's extensions whose first character Python-Markdown cannot
#: backslash-escape: ``===`` (setext heading), ``???`` (pymdownx.details), ``~~~`` (superfences).
_REFERENCE_AT_LINE_START = frozenset("=?~")
_NUMBERED_LINE_RE = re.compile(r"^(\d+)\.(?=\s|$)")
#: Python-Markdown's list items continue with lines indented by its tab length, whatever the bullet.
LIST_INDENT = " " * 4
#: The only inline tags left by the cleaner; markdownify starts these with a marker of their own.
_MARKED_INLINE_TAGS = frozenset({"a", "strong", "b", "em", "i", "code"})
#: Inline tags markdownify writes without a marker (its default sup/sub symbols are empty).
_UNMARKED_INLINE_TAGS = frozenset({"sup", "sub", "span"})


class SafeMarkdownConverter(MarkdownConverter):
    """markdownify with escaping that leaves no way for text to become live markup."""

    def __init__(self, **options: Any) -> None:
        defaults = {
            "heading_style": "atx",
            "bullets": "-",
            "escape_asterisks": True,
            "escape_underscores": True,
            "escape_misc": False,
        }
        super().__init__(**{**defaults, **options})
        self._item_numbers: dict[int, int] = {}

    def _base(self) -> Any:
        """markdownify's type stubs omit the per-tag methods that subclasses are meant to extend."""
        return super()

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        text = text.replace("\\", "\\\\")
        text = self._base().escape(text, parent_tags)
        for char in "`[]|":
            text = text.replace(char, f"\\{char}")
        text = _ENTITY_LIKE_RE.sub("&amp;", text)
        return text.replace("<", "&lt;")

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        text = str(self._base().process_text(el, parent_tags))
        context = parent_tags or set()
        if text and not context & {"_noformat", "_inline"} and starts_line(el):
            text = escape_line_start(text)
        if "\n" in text and "_noformat" not in context:
            text = escape_inner_lines(text)
        return text

    def convert_code(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix = " " if text[:1].isspace() else ""
        suffix = " " if text[-1:].isspace() else ""
        code = self._inline_code(text)
        return f"{prefix}{code}{suffix}" if code else ""

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "pre" in parent_tags:  # trafilatura nests <pre> in <pre>: one code block, one fence
            return text
        if "_inline" in parent_tags:  # a table cell or heading holds one line
            return self._inline_code(text)
        code = _strip_blank_edges(text)
        if not code:
            return ""
        fence = code_fence(code)
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        first, *rest = text.split("\n")
        lines = [first, *(f"{LIST_INDENT}{line}" if line.strip() else "" for line in rest)]
        # An item that holds blocks (a paragraph, a code block) ends with a blank line, or the next
        # item would be read as a lazy continuation of its last block.
        end = "\n\n" if "\n\n" in text else "\n"
        return f"{self._bullet(el)} " + "\n".join(lines) + end

    def _bullet(self, li: Tag) -> str:
        """``-``, or the item's number: counted once per list (per item, long lists were quadratic)."""
        parent = li.parent
        if parent is None or parent.name != "ol":
            return "-"
        if id(li) not in self._item_numbers:
            start = str(parent.get("start", "1"))
            first = int(start) if start.isdigit() else 1
            for number, item in enumerate(parent.find_all("li", recursive=False), first):
                self._item_numbers[id(item)] = number
        return f"{self._item_numbers[id(li)]}."

    def _inline_code(self, text: str) -> str:
        code = " ".join(text.split())
        if not code:
            return ""
        delimiter = code_span_delimiter(code)
        if len(delimiter) >= 3:
            # A line that starts with three backticks can open a fence (superfences); such rare
            # code is written as an inline <code> tag around fully escaped text instead.
            return f"<code>{self.escape(code, set())}</code>"
        padding = " " if "`" in code else ""
        return f"{delimiter}{padding}{code}{padding}{delimiter}"


def code_fence(code: str) -> str:
    """A backtick fence longer than any backtick run in ``code`` (superfences closes on an equal one)."""
    longest = max((len(run) for run in _BACKTICK_RUN_RE.findall(code)), default=0)
    return "`" * max(3, longest + 1)


def code_span_delimiter(code: str) -> str:
    """The shortest backtick run that occurs nowhere in ``code``: a code span closes on an equal run."""
    runs = {len(run) for run in _BACKTICK_RUN_RE.findall(code)}
    return "`" * next(n for n in itertools.count(1) if n not in runs)


def escape_line_start(text: str) -> str:
    """Escape what would make a line of text block syntax in the site's Markdown.

    Leading blanks go too: HTML shows none, and four of them would start an indented code block.
    """
    text = text.lstrip(" \t")
    if not text:
        return text
    if text[0] in _BACKSLASH_AT_LINE_START:
        return f"\\{text}"
    if text[0] in _REFERENCE_AT_LINE_START:
        return f"&#{ord(text[0])};{text[1:]}"
    return _NUMBERED_LINE_RE.sub(r"\1\\.", text, count=1)


def escape_inner_lines(text: str) -> str:
    """Escape block syntax at the start of every line but the first of one text.

    A text node keeps the line breaks of the page's source, and a line of it that starts with
    ``#`` or ``===`` would be a heading in the site's Markdown (``0\n#`` was an empty ``<h1>``).
    Lines that need no escape are left exactly as they were.
    """
    first, *rest = text.split("\n")
    lines = [first]
    for line in rest:
        stripped = line.lstrip(" \t")
        escaped = escape_line_start(stripped)
        lines.append(line if escaped == stripped else escaped)
    return "\n".join(lines)


def starts_line(node: PageElement) -> bool:
    """Whether the Markdown written for ``node`` may begin a line: first in its block, or after a break."""
    while True:
        previous = node.previous_sibling
        while previous is not None and _writes_nothing(previous):
            previous = previous.previous_sibling
        if isinstance(previous, Tag):
            return previous.name == "br" or not _is_inline(previous)
        if previous is not None:  # text before it on the same line
            return False
        parent = node.parent
        if parent is None or parent.name not in _UNMARKED_INLINE_TAGS:
            return parent is None or parent.name not in _MARKED_INLINE_TAGS
        node = parent


def _writes_nothing(node: PageElement) -> bool:
    if isinstance(node, Comment):
        return True
    if isinstance(node, NavigableString):
        return not node.strip()
    return isinstance(node, Tag) and _is_inline(node) and node.name != "br" and not node.get_text()


def _is_inline(tag: Tag) -> bool:
    return tag.name in _MARKED_INLINE_TAGS | _UNMARKED_INLINE_TAGS | {"br"}


def _strip_blank_edges(code: str) -> str:
    """Blank lines at either end of a ``<pre>`` are layout, not code."""
    lines = code.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(line.rstrip() for line in lines)


def to_markdown(body_html: str) -> str:
    """Convert a cleaned body to tidy Markdown: ATX headings, ``-`` bullets, one blank line between blocks."""
    body_html = _CONTROL_RE.sub("", body_html.replace("\r\n", "\n").replace("\r", "\n"))
    return _tidy(SafeMarkdownConverter().convert(body_html))


def tree_to_markdown(root: Tag) -> str:
    """:func:`to_markdown` of a parsed body (``root``'s children, which move to a document of
    their own, as markdownify's own parse would have put them)."""
    document = BeautifulSoup("", "html.parser")
    for node in list(root.contents):
        document.append(node.extract())
    settle_text(document, drop_controls=True)
    return _tidy(SafeMarkdownConverter().convert_soup(document))


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() if not line.endswith("  ") else line for line in markdown.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip() + "\n"
