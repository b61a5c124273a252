"""What counts as CJK text, and which language a text is written in: one definition for all.

"CJK" here means the scripts written without spaces between words: Han ideographs (the unified
block, extension A and the compatibility block) and Japanese kana. Hangul is left out on purpose:
Korean puts spaces between words, so it is joined, counted and split like Latin text. Slugs (pinyin),
reading time (characters per minute), line joining in text dumps (no space between two CJK lines),
recommendation terms (jieba) and search (which index) all ask this one question.
"""

from __future__ import annotations

import re

#: The character ranges, as the body of a regex character class.
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: One CJK character.
CJK_RE = re.compile(f"[{CJK_RANGES}]")
#: A run of CJK characters: a few hundred matches a page instead of thousands.
CJK_RUN_RE = re.compile(f"[{CJK_RANGES}]+")
#: A run of anything else.
NOT_CJK_RUN_RE = re.compile(f"[^{CJK_RANGES}]+")

CHINESE = "zh"

_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")


def is_cjk(character: str) -> bool:
    """Whether ``character`` (one character, or the first of a string) is CJK."""
    return bool(CJK_RE.match(character))


def count_cjk(text: str) -> int:
    """How many CJK characters ``text`` holds."""
    return sum(map(len, CJK_RUN_RE.findall(text)))


def is_chinese(text: str) -> bool:
    """Whether CJK characters outnumber Latin words in ``text``.

    A CJK character and a Latin word are weighed alike: a Chinese word is one to three characters,
    so a mostly-English text with a few Chinese names stays English and vice versa.
    """
    return count_cjk(text) > len(_LATIN_WORD_RE.findall(text))


def detect_language(text: str, default: str) -> str:
    """``zh`` for a Chinese text (:func:`is_chinese`), else the base of ``default``."""
    return CHINESE if is_chinese(text) else base_language(default)


def base_language(code: str) -> str:
    """``zh-Hant`` -> ``zh``, ``en`` -> ``en``: one index or feed language per base language."""
    return (code or "en").split("-")[0].split("_")[0].lower()
