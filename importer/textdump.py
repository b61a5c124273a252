"""Extraction for plain-text page dumps (the seed's format).

A dump is what a browser's "save as text" leaves of a model-essay page: the breadcrumb, the title with
the close button's ``×`` glued to it, perhaps a byline with date and read counter, the body's
paragraphs separated by blank lines, and the labels of the widgets that followed the article.
The body is turned into simple, escaped HTML so that it goes through the same cleaning and
conversion as an HTML page: one set of rules for both kinds of input.
"""

from __future__ import annotations

import html
import re

from importer.metadata import is_meta_line, parse_date, parse_views
from importer.profiles import Profile
from importer.records import DecodedPage, ExtractedPage, ImportProblem
from library.text import CJK_RE

#: A heading is short: at most this many characters (Chinese headings are shorter still in practice).
MAX_HEADING_CHARS = 80

#: ...and is followed by a real paragraph, at least this much longer than itself.
HEADING_FOLLOWER_RATIO = 2

_TERMINAL_PUNCTUATION = tuple(".!?;:。！？；：…,，、")
_CLOSING_PUNCTUATION = (*_TERMINAL_PUNCTUATION, "”", '"', "’", "）", ")")
_SUBSECTION_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_ASCII_NUMBERED_RE = re.compile(r"^\d{1,3}[.．)]\s")


def extract_dump(page: DecodedPage, profile: Profile) -> ExtractedPage:
    """Split a dump into breadcrumb, title, byline facts and body paragraphs."""
    lines = page.text.split("\n")
    position = _skip_blank(lines, 0)
    breadcrumb: tuple[str, ...] = ()
    if profile.breadcrumb_line and re.match(profile.breadcrumb_line, lines[position].strip()):
        breadcrumb = _crumbs(lines[position], profile.breadcrumb_separator)
        position = _skip_blank(lines, position + 1)
    if position >= len(lines):
        raise ImportProblem("the dump has a breadcrumb but no title or text")
    title = strip_artifacts(lines[position], profile.title_artifacts)
    if not title:
        raise ImportProblem("the dump has no title line")
    blocks = _blocks(lines[position + 1 :])
    date, views = None, None
    if blocks and is_meta_line(blocks[0]):
        date, views = parse_date(blocks[0]), parse_views(blocks[0])
        blocks = blocks[1:]
    phrases = {normalize_phrase(p) for p in profile.drop_phrases}
    blocks = [b for b in blocks if normalize_phrase(b) not in phrases]
    if not blocks:
        raise ImportProblem("the dump has a title but no article text")
    return ExtractedPage(
        source=page.source,
        profile=profile.name,
        title=title,
        body_html=blocks_to_html(blocks),
        breadcrumb=breadcrumb,
        date=date,
        views=views,
        url=page.url,
    )


def strip_artifacts(text: str, artifacts: tuple[str, ...]) -> str:
    """Remove close-button glyphs and stray whitespace from the ends of a title line."""
    text = text.strip()
    changed = True
    while changed and text:
        changed = False
        for artifact in artifacts:
            if text.startswith(artifact):
                text, changed = text[len(artifact) :].strip(), True
            if text.endswith(artifact):
                text, changed = text[: -len(artifact)].strip(), True
    return text


def normalize_phrase(text: str) -> str:
    """Compare widget labels loosely: case, spaces and trailing punctuation do not matter."""
    return re.sub(r"[\s:：>»›]+", " ", text).strip().casefold()


def blocks_to_html(blocks: list[str]) -> str:
    """Escaped paragraphs, with short title-like lines before long paragraphs made headings."""
    parts = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else ""
        text = html.escape(block, quote=False)
        if _is_heading(block, following, first=index == 0):
            level = 3 if _SUBSECTION_RE.match(block) else 2
            parts.append(f"<h{level}>{text}</h{level}>")
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)


def _is_heading(block: str, following: str, first: bool) -> bool:
    """Short, unpunctuated, and either the body's first line (the page's own heading, as in the
    seed) or followed by a much longer paragraph (a section heading, not a sign-off line)."""
    if len(block) > MAX_HEADING_CHARS or block.endswith(_TERMINAL_PUNCTUATION):
        return False
    if _ASCII_NUMBERED_RE.match(block) or is_meta_line(block):
        return False
    if first and following:
        return True
    long_enough = len(following) >= HEADING_FOLLOWER_RATIO * len(block)
    return long_enough and following.endswith(_CLOSING_PUNCTUATION)


def _crumbs(line: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in line.split(separator) if part.strip())


def _skip_blank(lines: list[str], position: int) -> int:
    while position < len(lines) and not lines[position].strip():
        position += 1
    return position


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs: runs of non-blank lines, joined with a space (none between Chinese characters)."""
    blocks: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(_join(current))
            current = []
    return blocks


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        glue = "" if CJK_RE.match(text[-1]) and CJK_RE.match(line[0]) else " "
        text = f"{text}{glue}{line}"
    return text
