"""Turning an article into the terms that say what it is about, as a compact term vector.

English words are lowercased and lightly stemmed (plural ``-s``/``-ies`` only: "members" and
"member" are the same topic, and anything cleverer costs more than it brings for ranking). Chinese
has no spaces, so it is cut into overlapping character pairs (bigrams): "加强党员教育" gives 加强,
强党, 党员, 员教, 教育. Bigrams are the standard dictionary-free unit for Chinese document
similarity: every real two-character word is among them, the pairs that straddle two words are rare
and spread thin, so TF-IDF gives them little weight. They replace jieba's word segmentation, which
is pure Python (about 6 ms an article and a second to load its dictionary: 8.7 s of every cold
build at 1,000 articles); pairs are found with numpy over the text's code points, about 50 times
faster, with no dictionary to load or keep current.

Stop words come from two small data files beside this module. For Chinese, a one-character line is
a function character (的, 了): a bigram containing it is dropped, like the pair 的纪 of 我们的纪律;
a longer line drops its own bigrams (我们). Markup a reader never sees (link targets, HTML tags,
code blocks) is removed first so URLs do not become topics.

A term is an integer id, so a vector is two small numpy arrays instead of a dict of strings (a
100,000-article library's vectors fit in a few hundred MB): a bigram's id holds its two code points;
a word's id is the first 63 bits of its BLAKE2b hash with the top bit set, so the two never meet.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from library.text import CJK_RANGES

#: Bump when tokenization changes: cached vectors of another version are ignored.
TOKENIZER_VERSION = "2-bigrams"

#: A word in the title counts as much as this many words in the body: titles name the topic.
TITLE_WEIGHT = 3

#: Chinese characters of a body that are read; past them an article rarely changes topic. Bounds
#: the size of a vector (and so the memory of a 100,000-article ranking) for very long articles.
CJK_BUDGET = 4000

_DATA = Path(__file__).parent
_BMP = 0x10000
_WORD_BIT = np.uint64(1 << 63)
_SHIFT = np.uint64(21)
_HIDDEN_MARKUP = (
    ("```", re.compile(r"```.*?```", re.S)),
    ("~~~", re.compile(r"~~~.*?~~~", re.S)),
    ("](", re.compile(r"\]\([^)]*\)")),
    ("<", re.compile(r"<[^>]+>")),
    ("http", re.compile(r"https?://\S+")),
    ("&", re.compile(r"&[a-z]+;")),
)

Ids = npt.NDArray[np.uint64]
Counts = npt.NDArray[np.uint32]


@dataclass(frozen=True, eq=False)
class TermVector:
    """An article's term counts: ``ids`` sorted and unique, ``counts`` (all above 0) beside them."""

    ids: Ids
    counts: Counts

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TermVector)
            and np.array_equal(self.ids, other.ids)
            and np.array_equal(self.counts, other.counts)
        )

    def __hash__(self) -> int:
        return hash((self.ids.tobytes(), self.counts.tobytes()))

    def count(self, term: str) -> int:
        """How often ``term`` (a bigram or an English stem) counts in this vector; 0 if absent."""
        wanted = term_id(term)
        at = int(np.searchsorted(self.ids, wanted))
        return int(self.counts[at]) if at < len(self.ids) and self.ids[at] == wanted else 0

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> TermVector:
        """A vector from readable terms (tests, callers that count terms themselves)."""
        ids = np.fromiter(map(term_id, counts), dtype=np.uint64, count=len(counts))
        return _vector(ids, np.fromiter(counts.values(), dtype=np.int64, count=len(counts)))


@cache
def tokenizer_fingerprint() -> str:
    """:data:`TOKENIZER_VERSION` plus a hash of this module and its stop-word files.

    Cached vectors are keyed by it, so editing a stop-word list or this code can never leave
    vectors of the old tokenizer in use.
    """
    digest = hashlib.sha256()
    for path in (Path(__file__), _DATA / "stopwords-en.txt", _DATA / "stopwords-zh.txt"):
        digest.update(path.read_bytes())
    return f"{TOKENIZER_VERSION}/{digest.hexdigest()[:16]}"


def term_vector(title: str, body: str) -> TermVector:
    """Weighted term counts of an article: title terms count :data:`TITLE_WEIGHT` times."""
    body_ids, body_counts = _term_ids(body, CJK_BUDGET)
    title_ids, title_counts = _term_ids(title, None)
    ids = np.concatenate((body_ids, title_ids))
    return _vector(ids, np.concatenate((body_counts, title_counts * TITLE_WEIGHT)))


def term_counts(title: str, body: str) -> Counter[str]:
    """:func:`term_vector` as readable terms: what the ranking sees, for tests and debugging."""
    counts = Counter(tokenize(body, cjk_budget=CJK_BUDGET))
    for term in tokenize(title):
        counts[term] += TITLE_WEIGHT
    return counts


def tokenize(text: str, cjk_budget: int | None = None) -> list[str]:
    """The content terms of ``text`` in reading order, stop words and markup removed.

    With ``cjk_budget``, Chinese past that many characters is skipped (English never is).
    """
    clean = _visible(text)
    codes = _code_points(clean)
    at, _ = _bigrams(codes, cjk_budget)
    terms = [(int(p), clean[p : p + 2]) for p in at]
    terms.extend(_words(clean, codes))
    terms.sort(key=lambda pair: pair[0])
    return [term for _, term in terms]


def term_id(term: str) -> int:
    """The integer a term is known by: two CJK characters pack into a bigram id, else a word id."""
    codes = _code_points(term)
    if len(term) == 2 and bool(_keep_table()[codes].all()):
        return int(codes[0]) << 21 | int(codes[1])
    return _word_id(term)


def _term_ids(text: str, cjk_budget: int | None) -> tuple[Ids, npt.NDArray[np.int64]]:
    """The term ids of ``text`` and how often each occurs (an id may repeat; the sum counts).

    The fast path of :func:`tokenize`: no positions, and English words are split and counted by
    C code (``bytes.split``, ``Counter``) so Python only touches each distinct word once.
    """
    clean = _visible(text)
    codes = _code_points(clean)
    _, bigram_ids = _bigrams(codes, cjk_budget)
    ones = np.ones(len(bigram_ids), dtype=np.int64)
    wordish = _wordish_table()[np.minimum(codes, _BMP)]
    if not wordish.any():
        return bigram_ids, ones
    letters = np.where(wordish, codes, 32).astype(np.uint8).tobytes()
    runs = Counter(letters.split())
    ids = np.fromiter(map(_RUN_IDS.__getitem__, runs), dtype=np.uint64, count=len(runs))
    counts = np.fromiter(runs.values(), dtype=np.int64, count=len(runs))
    words = ids != 0
    return np.concatenate((bigram_ids, ids[words])), np.concatenate((ones, counts[words]))


class _RunIds(dict[bytes, int]):
    """Run of letters (ASCII bytes) -> its term's id, 0 for no term; computed once per run.

    Looked up through ``map``, so a run seen before costs one C-level dict access.
    """

    def __missing__(self, run: bytes) -> int:
        term = _english_term(run.decode("ascii"))
        self[run] = found = 0 if term is None else _word_id(term)
        return found


_RUN_IDS = _RunIds()


def _vector(ids: Ids, weights: npt.NDArray[np.int64]) -> TermVector:
    unique, inverse = np.unique(ids, return_inverse=True)
    counts = np.bincount(inverse, weights=weights, minlength=len(unique))
    return TermVector(unique.astype(np.uint64), counts.astype(np.uint32))


def _visible(text: str) -> str:
    """``text`` lowercased, without markup a reader never sees (checked cheaply before each regex)."""
    text = text.lower()
    for marker, pattern in _HIDDEN_MARKUP:
        if marker in text:
            text = pattern.sub(" ", text)
    return text


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4")


def _bigrams(
    codes: npt.NDArray[np.uint32], cjk_budget: int | None
) -> tuple[npt.NDArray[np.intp], Ids]:
    """Positions and ids of the kept bigrams: two adjacent CJK characters, neither a stop one."""
    if len(codes) < 2:
        return np.zeros(0, np.intp), np.zeros(0, np.uint64)
    bmp = np.minimum(codes, _BMP)  # past the BMP: not CJK (the table's last slot is False)
    keep = _keep_table()[bmp]
    if cjk_budget is not None and len(codes) > cjk_budget:
        chinese = np.flatnonzero(_cjk_table()[bmp])
        if len(chinese) > cjk_budget:
            keep[chinese[cjk_budget] :] = False
    at = np.flatnonzero(keep[:-1] & keep[1:])
    ids = codes[at].astype(np.uint64) << _SHIFT | codes[at + 1].astype(np.uint64)
    stops = _stop_bigrams()
    found = stops[np.minimum(np.searchsorted(stops, ids), len(stops) - 1)] == ids
    return at[~found], ids[~found]


def _words(clean: str, codes: npt.NDArray[np.uint32]) -> list[tuple[int, str]]:
    """English terms and their positions: runs of letters (with inner ``'``/``-``), stemmed."""
    wordish = _wordish_table()[np.minimum(codes, _BMP)]
    if not wordish.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([False], wordish, [False])).astype(np.int8)))
    terms = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        term = _english_term(clean[start:end])
        if term is not None:
            terms.append((start, term))
    return terms


@cache
def _english_term(run: str) -> str | None:
    """A run of letters, apostrophes and hyphens as a term; None for a stop word or a letter."""
    word = run.strip("'-")
    return _stem(word) if len(word) > 1 and word not in _english_stops() else None


def _stem(word: str) -> str:
    """Fold the regular plural into the singular; leave everything else alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def _word_id(word: str) -> int:
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") | int(_WORD_BIT)


@cache
def _cjk_table() -> npt.NDArray[np.bool_]:
    """Whether each BMP code point (and one slot for everything past it) is CJK."""
    table = np.zeros(_BMP + 1, dtype=bool)
    for first, last in _ranges(CJK_RANGES):
        table[first : last + 1] = True
    return table


@cache
def _keep_table() -> npt.NDArray[np.bool_]:
    """CJK code points that may be part of a bigram: not a one-character stop word."""
    table = _cjk_table().copy()
    table[[ord(word) for word in _chinese_stops() if len(word) == 1]] = False
    return table


@cache
def _wordish_table() -> npt.NDArray[np.bool_]:
    table = np.zeros(_BMP + 1, dtype=bool)
    table[ord("a") : ord("z") + 1] = True
    table[[ord("'"), ord("-")]] = True
    return table


@cache
def _stop_bigrams() -> Ids:
    pairs = {word[i : i + 2] for word in _chinese_stops() for i in range(len(word) - 1)}
    return np.array(sorted(ord(p[0]) << 21 | ord(p[1]) for p in pairs), dtype=np.uint64)


def _ranges(body: str) -> Iterable[tuple[int, int]]:
    """``"a-bc-d"`` (a regex class body of ranges) -> ``(ord(a), ord(b)), (ord(c), ord(d))``."""
    for start in range(0, len(body), 3):
        yield ord(body[start]), ord(body[start + 2])


@cache
def _english_stops() -> frozenset[str]:
    return _word_list(_DATA / "stopwords-en.txt")


@cache
def _chinese_stops() -> frozenset[str]:
    return _word_list(_DATA / "stopwords-zh.txt")


def _word_list(path: Path) -> frozenset[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
