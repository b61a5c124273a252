"""How long an article takes to read, for Chinese and English text alike.

Counting "words" by spaces says a 3,000-character Chinese speech takes one minute, because Chinese
has no spaces. So CJK characters are counted one by one at a typical Chinese reading speed, and the
other text by words at a typical English speed; the two times add up for mixed articles.
"""

from __future__ import annotations

import math
import re

#: Typical silent-reading speeds: Chinese characters per minute and English words per minute.
CJK_CHARS_PER_MINUTE = 400
WORDS_PER_MINUTE = 200

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RUN_RE = re.compile(f"[{_CJK}]+")
_NOT_CJK_RE = re.compile(f"[^{_CJK}]+")
_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Markup a reader never reads: link targets, image sources, HTML tags, front matter.
_NOT_READ_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|\A---\s*\n.*?\n---\s*\n", re.S)


def reading_minutes(markdown_text: str) -> int:
    """Whole minutes to read ``markdown_text`` (at least 1, so no list shows "0 min")."""
    text = _NOT_READ_RE.sub(" ", markdown_text)
    # Whole-run substitutions, not a match per character: this runs for every article of every build.
    cjk_chars = len(_NOT_CJK_RE.sub("", text))
    words = len(_WORD_RE.findall(_CJK_RUN_RE.sub(" ", text)))
    minutes = cjk_chars / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))
