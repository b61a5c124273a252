"""Stage 5: cleaned HTML to Markdown, with markdownify.

Python-Markdown passes raw HTML through and has no safe mode, so text that merely *looks* like
markup must be escaped here: ``<script>`` written as text in a page stays text (``&lt;script&gt;``),
``[x](javascript:...)`` typed into a paragraph does not become a link, and a paragraph that starts
with ``#``, ``>``, ``-`` or ``1.`` does not turn into a heading, quote or list.
"""

from __future__ import annotations

import re
from typing import Any

from markdownify import MarkdownConverter

_ENTITY_LIKE_RE = re.compile(r"&(?=#?\w+;)")
_LINE_START_RE = re.compile(r"^(\s*)([#>+!-])", re.M)
_LINE_START_NUMBER_RE = re.compile(r"^(\s*\d{1,9})\.(?=\s|$)", re.M)
_BLANK_LINES_RE = re.compile(r"\n{3,}")


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

    def _base(self) -> Any:
        """markdownify's type stubs omit the per-tag methods that subclasses are meant to extend."""
        return super()

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text:
            return ""
        text = text.replace("\\", "\\\\")
        text = self._base().escape(text, parent_tags)
        text = text.replace("`", "\\`").replace("[", "\\[").replace("]", "\\]")
        text = _ENTITY_LIKE_RE.sub("&amp;", text)
        return text.replace("<", "&lt;")

    def convert_p(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return str(self._base().convert_p(el, escape_line_starts(text), parent_tags))

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return str(self._base().convert_li(el, escape_line_starts(text.strip()), parent_tags))


def escape_line_starts(text: str) -> str:
    """Backslash-escape what would make a line a heading, quote, list or admonition."""
    text = _LINE_START_RE.sub(r"\1\\\2", text)
    return _LINE_START_NUMBER_RE.sub(r"\1\\.", text)


def to_markdown(body_html: str) -> str:
    """Convert a cleaned body to tidy Markdown: ATX headings, ``-`` bullets, one blank line between blocks."""
    markdown = SafeMarkdownConverter().convert(body_html)
    lines = [line.rstrip() if not line.endswith("  ") else line for line in markdown.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip() + "\n"
