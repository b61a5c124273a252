"""Stage 4b (after cleaning): the outline of an official document, as headings.

Chinese official documents number their sections by a fixed convention — ``第一章``, ``第一节``,
``一、``, ``（一）``, ``1.`` — and English ones by ``I.`` and ``1.``. Pages print those section
lines as plain paragraphs, so the article's table of contents would be empty. A standalone short
line numbered this way becomes a heading, its number kept as written; the kinds present in a
document get ``##``, ``###``, ``####`` in the convention's order.

Not every numbered line is a heading: a paragraph that merely starts with a number (``1. The
awareness of party members has been greatly enhanced. …``) is long or ends like a sentence and
stays a paragraph (or list item); a run of numbered short lines with no text between them
(``一、会议时间`` ``二、会议地点``) is a list, not an outline.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from library.text import CJK_RE

#: A Chinese heading line is short: official-document headings run 8-30 characters.
MAX_CJK_HEADING_CHARS = 40

#: English headings are longer in characters ("1. Strengthening the organisation of training").
MAX_LATIN_HEADING_CHARS = 90

#: The deepest heading made: ``####``; deeper numbering stays as written, in paragraphs.
DEEPEST_LEVEL = 4

#: Numbering kinds, highest first (the order of the official-document convention).
NUMBERING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(r"^第[一二三四五六七八九十百零〇\d]+章\s*\S")),
    ("section", re.compile(r"^第[一二三四五六七八九十百零〇\d]+节\s*\S")),
    ("cn-item", re.compile(r"^[一二三四五六七八九十]+[、．.]\s*\S")),
    ("cn-paren", re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*\S")),
    ("roman", re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.\s+[A-Z]")),
    ("arabic", re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))\s*\S")),
)

_SENTENCE_END = tuple(".!?;:。！？；：，,、")
_BODY_TAGS = frozenset({"p", "ol", "ul", "table", "blockquote", "pre"})


def outline_headings(body_html: str) -> str:
    """Cleaned body HTML with its numbered section lines made headings."""
    soup = BeautifulSoup(f"<div id='secretariat-outline'>{body_html}</div>", "lxml")
    root = soup.find(id="secretariat-outline")
    assert isinstance(root, Tag)
    outline_tree(root, soup)
    return root.decode_contents()


def outline_tree(root: Tag, soup: BeautifulSoup) -> None:
    """:func:`outline_headings` on a parsed body (``root``'s children), in place."""
    blocks = [child for child in root.children if isinstance(child, Tag)]
    kinds = [_heading_kind(block) for block in blocks]
    chosen: list[tuple[Tag, str, str]] = []
    for index, (block, kind) in enumerate(zip(blocks, kinds, strict=True)):
        following = kinds[index + 1] if index + 1 < len(blocks) else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if kind is None or after is None or following == kind:
            continue
        if following is None and after.name not in _BODY_TAGS:
            continue
        if index > 0 and kinds[index - 1] == kind and _is_short_line(blocks[index - 1]):
            continue  # the last line of a run of numbered short lines: a list, not an outline
        chosen.append((block, kind, _line_text(block)))
    if not chosen:
        return
    order = [name for name, _ in NUMBERING_KINDS if any(kind == name for _, kind, _ in chosen)]
    for block, kind, text in chosen:
        level = 2 + order.index(kind)
        if level > DEEPEST_LEVEL:
            continue
        heading = soup.new_tag(f"h{level}")
        heading.string = text
        block.replace_with(heading)


def is_outline_line(text: str) -> bool:
    """Whether a line of text reads as a numbered section heading (``一、指导思想``, ``I. Method``)
    — the description leaves such lines out, since they are headings in the article."""
    text = " ".join(text.split())
    if not text or text.endswith(_SENTENCE_END):
        return False
    limit = MAX_CJK_HEADING_CHARS if CJK_RE.search(text) else MAX_LATIN_HEADING_CHARS
    return len(text) <= limit and any(pattern.match(text) for _, pattern in NUMBERING_KINDS)


def _heading_kind(block: Tag) -> str | None:
    """The numbering kind of a standalone short heading line, else ``None``."""
    if not _is_short_line(block):
        return None
    text = _line_text(block)
    for name, pattern in NUMBERING_KINDS:
        if pattern.match(text):
            return name
    return None


def _is_short_line(block: Tag) -> bool:
    if block.name == "p":
        text = block.get_text(" ", strip=True)
    elif block.name == "ol" and len(block.find_all("li", recursive=False)) == 1:
        text = _line_text(block)  # the cleaner made a lone "2. Methods" line a one-item list
    else:
        return False
    if not text or text.endswith(_SENTENCE_END) or "\n" in text:
        return False
    limit = MAX_CJK_HEADING_CHARS if CJK_RE.search(text) else MAX_LATIN_HEADING_CHARS
    return len(text) <= limit


def _line_text(block: Tag) -> str:
    """The line as the page wrote it (a one-item list gets its number back)."""
    if block.name == "ol":
        item = block.find("li", recursive=False)
        number = str(block.get("start", "1"))
        return f"{number}. {item.get_text(' ', strip=True)}" if isinstance(item, Tag) else ""
    return " ".join(block.get_text(" ", strip=True).split())
