"""Turning an article into the terms that say what it is about.

English words are lowercased and lightly stemmed (plural ``-s``/``-ies`` only: "members" and
"member" are the same topic, and anything cleverer costs more than it brings for ranking). Chinese
has no spaces, so each run of Chinese characters is segmented with jieba; single characters are
dropped because they are mostly particles. Stop words come from two small data files beside this
module. Markup a reader never sees (link targets, HTML tags, code blocks) is removed first so URLs
do not become topics.

jieba is pure Python and segments about 180,000 characters a second: the Chinese half of a
10,000-article library would take a minute on every cold build. An article states its topic early,
so only the first :data:`CJK_BUDGET` Chinese characters of a body are segmented (the title always
is); results are cached by content hash, so warm builds segment only what changed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from library.text import CJK_RUN_RE

#: Bump when tokenization changes: it is part of every cache key, so old cached terms are ignored.
TOKENIZER_VERSION = "1"

#: Chinese characters of a body that are segmented; the rest adds little to what it is about.
CJK_BUDGET = 1200

#: A word in the title counts as much as this many words in the body: titles name the topic.
TITLE_WEIGHT = 3

_DATA = Path(__file__).parent
_LATIN_WORD_RE = re.compile(r"[a-z][a-z'-]*[a-z]")
_HIDDEN_MARKUP_RE = re.compile(
    r"```.*?```|~~~.*?~~~|\]\([^)]*\)|<[^>]+>|https?://\S+|&[a-z]+;", re.S | re.I
)


def term_counts(title: str, body: str) -> Counter[str]:
    """Weighted term counts of an article: title terms count :data:`TITLE_WEIGHT` times."""
    counts = Counter(tokenize(body, cjk_budget=CJK_BUDGET))
    for term in tokenize(title):
        counts[term] += TITLE_WEIGHT
    return counts


def tokenize(text: str, cjk_budget: int | None = None) -> list[str]:
    """The content terms of ``text`` in order, stop words and markup removed.

    With ``cjk_budget``, Chinese text past that many characters is skipped (English never is).
    """
    text = _HIDDEN_MARKUP_RE.sub(" ", text).lower()
    terms: list[str] = []
    english_stops, chinese_stops = _stop_words()
    position = 0
    budget = cjk_budget if cjk_budget is not None else len(text)
    for run in CJK_RUN_RE.finditer(text):
        terms.extend(_english_terms(text[position : run.start()], english_stops))
        if budget > 0:
            chinese = run.group()[:budget]
            budget -= len(chinese)
            terms.extend(w for w in _segment(chinese) if len(w) > 1 and w not in chinese_stops)
        position = run.end()
    terms.extend(_english_terms(text[position:], english_stops))
    return terms


def _english_terms(text: str, stops: frozenset[str]) -> list[str]:
    return [_stem(w) for w in _LATIN_WORD_RE.findall(text) if w not in stops]


def _stem(word: str) -> str:
    """Fold the regular plural into the singular; leave everything else alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _segment(run: str) -> list[str]:
    """jieba's precise mode without its HMM guesser: dictionary words only, faster and stable."""
    return list(_jieba().cut(run, HMM=False))


@cache
def _jieba() -> Any:
    """Import jieba on first use, quietly: its dictionary load takes a second and logs at INFO."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    return _word_list(_DATA / "stopwords-en.txt"), _word_list(_DATA / "stopwords-zh.txt")


def _word_list(path: Path) -> frozenset[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
