"""Facts about an article that are not its body: dates, read counters, description, category.

Kept apart from extraction so the same rules serve HTML pages, text dumps and the crawler.
"""

from __future__ import annotations

import datetime as dt
import re

from importer.outline import is_outline_line
from library.text import CJK_RE

#: Description length for search results and link previews (Google shows ~155-160 characters).
MAX_DESCRIPTION = 160

#: Used when a page has neither a breadcrumb, page metadata nor ``--category``.
UNCATEGORIZED = "Uncategorized"

_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_VIEWS_RE = re.compile(
    r"(?:阅读|浏览|点击|人气|阅读次数|浏览次数|views?|reads?|hits?)\s*(?:次数|量)?\s*[:：]?\s*(\d[\d,]*)",
    re.I,
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])\s*")
_CJK_PUNCTUATION = frozenset("。！？，、；：”’）》」』")


def parse_date(text: str) -> dt.date | None:
    """The first plausible date in ``text`` (``2023-05-12``, ``2023/5/12``, ``2023年5月12日``)."""
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str) -> tuple[dt.date, int] | None:
    """The first plausible date in ``text`` and where it starts."""
    for match in _DATE_RE.finditer(text):
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
        return day, match.start()
    return None


def parse_views(text: str) -> int | None:
    """A read counter such as ``阅读：1037`` or ``Views: 1,037``."""
    match = _VIEWS_RE.search(text)
    return int(match.group(1).replace(",", "")) if match else None


def is_meta_line(text: str) -> bool:
    """Whether a short line only carries a date and/or a read counter (a dump's byline)."""
    return len(text) <= 120 and bool(parse_date(text) or parse_views(text))


def describe(paragraphs: list[str], limit: int = MAX_DESCRIPTION) -> str:
    """The first sentence or two of the body, at most ``limit`` characters.

    Whole sentences are preferred; a first sentence longer than the limit is cut at a word
    boundary (or anywhere, for Chinese, which has none) and ends with an ellipsis. Section
    heading lines (``一、指导思想``) are left out: they would run into the sentences around them.
    """
    text = ""
    for paragraph in (p.strip() for p in paragraphs if p.strip() and not is_outline_line(p)):
        glue = "" if not text or (CJK_RE.match(text[-1]) or text[-1] in _CJK_PUNCTUATION) else " "
        text = f"{text}{glue}{paragraph}"
    sentences = [s for s in _SENTENCE_END_RE.split(text) if s]
    chosen = ""
    for sentence in sentences[:2]:
        joiner = (
            "" if not chosen or CJK_RE.match(chosen[-1]) or chosen[-1] in _CJK_PUNCTUATION else " "
        )
        candidate = f"{chosen}{joiner}{sentence}".strip()
        if len(candidate) > limit:
            break
        chosen = candidate
    if chosen:
        return chosen
    first = sentences[0] if sentences else text
    cut = first[: limit - 1]
    if not CJK_RE.search(cut[-1:]) and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:，；：、") + "…"


def category_from(
    breadcrumb: tuple[str, ...], hint: str | None, fallback: str | None
) -> tuple[str, str | None]:
    """Category and subcategory: breadcrumb first, then page metadata, then ``--category``."""
    if breadcrumb:
        return breadcrumb[0], breadcrumb[1] if len(breadcrumb) > 1 else None
    return (hint or fallback or UNCATEGORIZED), None
