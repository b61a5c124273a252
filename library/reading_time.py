"""How long an article takes to read, for Chinese and English text alike.

Counting "words" by spaces says a 3,000-character Chinese speech takes one minute, because Chinese
has no spaces. So CJK characters are counted one by one at a typical Chinese reading speed, and the
other text by words at a typical English speed; the two times add up for mixed articles.
"""

from __future__ import annotations

import math
import re

from library.text import CJK_RUN_RE, NOT_CJK_RUN_RE

#: Typical silent-reading speeds: Chinese characters per minute and English words per minute.
CJK_CHARS_PER_MINUTE = 400
WORDS_PER_MINUTE = 200

_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Markup a reader never reads: link targets, image sources, HTML tags, front matter.
_NOT_READ_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|\A---\s*\n.*?\n---\s*\n", re.S)


def reading_minutes(markdown_text: str) -> int:
    """Whole minutes to read ``markdown_text`` (at least 1, so no list shows "0 min")."""
    text = _NOT_READ_RE.sub(" ", markdown_text)
    # Whole-run substitutions, not a match per character: this runs for every article of every build.
    cjk_chars = len(NOT_CJK_RUN_RE.sub("", text))
    words = len(_WORD_RE.findall(CJK_RUN_RE.sub(" ", text)))
    minutes = cjk_chars / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))
