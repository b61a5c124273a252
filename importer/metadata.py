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
#: English month names; each is also read by its first three letters ("Mar"), September as "Sept".
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTHS = {
    name: number for number, full in enumerate(_MONTH_NAMES, start=1) for name in (full, full[:3])
} | {"sept": 9}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d{2})(?!\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
#: "March 4, 2024" (month first, as in US English) and "4 March 2024" (day first).
_MONTH_FIRST_RE = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I)
_DAY_FIRST_RE = re.compile(rf"(?<!\d){_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I)
_VIEWS_RE = re.compile(
    r"(?:阅读|浏览|点击|人气|阅读次数|浏览次数|views?|reads?|hits?)\s*(?:次数|量)?\s*[:：]?\s*(\d[\d,]*)",
    re.I,
)
#: The counter before its word: "1,204 views", "1204 次阅读", "1204人浏览".
_VIEWS_AFTER_RE = re.compile(
    r"(?<![\d,])(\d[\d,]*)\s*(?:(?:views?|reads?|hits?)\b|次阅读|次浏览|人阅读|人浏览)", re.I
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])\s*")
_CJK_PUNCTUATION = frozenset("。！？，、；：”’）》」』")


def parse_date(text: str) -> dt.date | None:
    """The first plausible date in ``text`` (``2023-05-12``, ``2023/5/12``, ``2023年5月12日``)."""
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str) -> tuple[dt.date, int] | None:
    """The first plausible date in ``text`` and where it starts.

    Numeric dates (``2023-05-12``, ``2023年5月12日``) and English ones with the month named
    (``March 4, 2024``, ``4 Mar 2024``) are read; whichever comes first in the text wins.
    """
    found = [date for date in (_first_numeric(text), _first_named(text)) if date is not None]
    return min(found, key=lambda date: date[1]) if found else None


def _first_numeric(text: str) -> tuple[dt.date, int] | None:
    for match in _DATE_RE.finditer(text):
        day = _date(match.group(1), match.group(2), match.group(3))
        if day is not None:
            return day, match.start()
    return None


def _first_named(text: str) -> tuple[dt.date, int] | None:
    candidates = []
    for match in _MONTH_FIRST_RE.finditer(text):
        day = _date(match.group(3), str(_MONTHS[match.group(1).lower()]), match.group(2))
        if day is not None:
            candidates.append((day, match.start()))
            break
    for match in _DAY_FIRST_RE.finditer(text):
        day = _date(match.group(3), str(_MONTHS[match.group(2).lower()]), match.group(1))
        if day is not None:
            candidates.append((day, match.start()))
            break
    return min(candidates, key=lambda date: date[1]) if candidates else None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # 2023-02-30 and the like: not a date
        return None


def parse_views(text: str) -> int | None:
    """A read counter such as ``阅读：1037``, ``Views: 1,037`` or ``1,037 views``."""
    match = _VIEWS_RE.search(text) or _VIEWS_AFTER_RE.search(text)
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
