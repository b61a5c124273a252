"""Near-duplicate articles: the same speech with a new title suffix, an ad sentence, a lost paragraph.

Model-essay sites copy each other with small edits, so an exact hash (see
:func:`importer.assemble.content_hash`) misses most copies. Each article body becomes a set of
shingles — runs of :data:`CJK_SHINGLE` characters for Chinese, :data:`WORD_SHINGLE` words for
English, after Unicode normalization that drops case, punctuation and Markdown — summarised by a
MinHash; a locality-sensitive hash (datasketch's MinHashLSH) finds the few existing articles worth
comparing, so checking a new article costs the same at 100 or 100,000 articles.

The index is a cache beside the manifest, ``docs/_near_duplicates.npz`` (numpy arrays only, read
without pickle). A missing, unreadable or foreign-version index is rebuilt from the Markdown files
in the docs folder, never trusted; on open, files added or removed since it was saved are
reconciled, which costs a directory listing, not a re-read of every article.
"""

from __future__ import annotations

import io
import json
import re
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from importer.atomic import atomic_write_bytes
from library.frontmatter import split
from library.pages import is_index_page
from library.text import CJK_RANGES, CJK_RE

INDEX_NAME = "_near_duplicates.npz"
FORMAT_VERSION = 1

#: An article whose estimated similarity (Jaccard of shingle sets) to an existing one is at least
#: this is a near-duplicate. Measured on the tests' pairs (``python -m
#: tests.importer.test_near_duplicates``, 128 permutations): copies with one kind of edit score
#: 0.73-1.00 (lowest: the longest paragraph dropped from an English speech, 0.73; Chinese
#: 0.84), two different speeches on one topic with the same stock phrases 0.00-0.01, and no two of
#: the 36 sample articles more than 0.04. 0.6 is three standard deviations of the 128-permutation
#: estimate (0.04) below the lowest copy and far above any two different articles.
NEAR_DUPLICATE_THRESHOLD = 0.6

#: Candidates are fetched from the LSH at a lower threshold, so pairs just above
#: NEAR_DUPLICATE_THRESHOLD are not lost to the banding's false negatives; each candidate is then
#: checked against the MinHash estimate.
LSH_THRESHOLD = 0.4

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"

#: Chinese is shingled by characters (it has no spaces); 5 characters is about two words, long
#: enough that stock phrases of the genre (同志们, 谢谢大家) do not make two speeches look alike.
CJK_SHINGLE = 5
#: English is shingled by words; 3 words keep common phrases from matching on their own.
WORD_SHINGLE = 3

_TOKEN_RE = re.compile(rf"[{CJK_RANGES}]|[^\W_]+")

HashValues = npt.NDArray[np.uint32]


def shingles(text: str) -> set[str]:
    """The article's shingles: characters for Chinese, words for English; case and punctuation
    (full-width or not, and Markdown's ``**``, ``#``, ``\\``) do not count."""
    tokens = _TOKEN_RE.findall(unicodedata.normalize("NFKC", text).casefold())
    if not tokens:
        return set()
    cjk = sum(1 for token in tokens if CJK_RE.match(token))
    size = CJK_SHINGLE if cjk * 2 >= len(tokens) else WORD_SHINGLE
    glue = "" if size == CJK_SHINGLE else " "
    if len(tokens) <= size:
        return {glue.join(tokens)}
    return {glue.join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


_PROTOTYPE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def minhash_of(text: str) -> MinHash:
    """The MinHash of a Markdown body (permutations shared, so this costs one batch update)."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PROTOTYPE.permutations
    )
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return minhash


def similarity(one: HashValues, other: HashValues) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    return float(np.count_nonzero(one == other)) / len(one)


@dataclass(frozen=True)
class Match:
    """An existing article that a new one nearly duplicates."""

    path: str  # relative to the docs folder
    similarity: float


class NearDuplicateIndex:
    """MinHash signatures of the articles in a docs folder, keyed by docs-relative path."""

    def __init__(self, docs: Path, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.docs = docs
        self.file = docs / INDEX_NAME
        self.threshold = threshold
        self.signatures: dict[str, HashValues] = {}
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.dirty = False
        self.problem: str | None = None  # why a saved index was not trusted, for the user
        self._last_save = time.monotonic()
        self._last: tuple[str, HashValues] | None = None  # the body find() hashed last

    @classmethod
    def open(cls, docs: Path, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> NearDuplicateIndex:
        """Load the saved index, or rebuild it; then reconcile it with the files in ``docs``."""
        index = cls(docs, threshold)
        try:
            loaded = index._load()
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as error:
            index.problem = f"{index.file} is unreadable ({error}); rebuilt from {docs}"
            loaded = {}
        for path, values in loaded.items():
            index._insert(path, values)
        index.dirty = index.problem is not None  # an index read as saved need not be saved again
        index._reconcile()
        return index

    def _load(self) -> dict[str, HashValues]:
        if not self.file.exists():
            return {}
        with np.load(self.file, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            paths = json.loads(bytes(data["paths"]).decode("utf-8"))
            values = np.asarray(data["signatures"])
        if meta != _settings():
            raise ValueError(f"made with other settings ({meta})")
        if not isinstance(paths, list) or values.dtype != np.uint32:
            raise ValueError("wrong layout")
        if values.shape != (len(paths), NUM_PERM):
            raise ValueError(f"{len(paths)} paths but signatures of shape {values.shape}")
        return {str(path): values[row].copy() for row, path in enumerate(paths)}

    def _reconcile(self) -> None:
        """Forget articles whose files are gone; add files the index has not seen."""
        on_disk = set(self._article_files())
        for path in [p for p in self.signatures if p not in on_disk]:
            self._remove(path)
        for path in sorted(on_disk - self.signatures.keys()):
            try:
                _, body = split((self.docs / path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not an article this index can read; the site build reports it
            self._insert(path, minhash_of(body).hashvalues)

    def _article_files(self) -> Iterator[str]:
        for file in self.docs.rglob("*.md"):
            relative = file.relative_to(self.docs).as_posix()
            if not relative.startswith(("_", ".")) and not is_index_page(relative):
                yield relative

    def _insert(self, path: str, values: HashValues) -> None:
        if path in self.signatures:
            self._remove(path)
        values = np.asarray(values, dtype=np.uint32)
        self.signatures[path] = values
        self.lsh.insert(path, _from_values(values))
        self.dirty = True

    def _remove(self, path: str) -> None:
        del self.signatures[path]
        self.lsh.remove(path)
        self.dirty = True

    def find(self, body: str) -> Match | None:
        """The most similar existing article at or above the threshold, if there is one."""
        values = self._signature(body)
        best: Match | None = None
        for path in self.lsh.query(_from_values(values)):
            score = similarity(values, self.signatures[path])
            better = score >= self.threshold and (best is None or score > best.similarity)
            if better and (self.docs / path).is_file():
                best = Match(path, score)
        return best

    def add(self, path: str, body: str) -> None:
        """Remember an article just written (or updated) at ``path``."""
        self._insert(path, self._signature(body))

    def _signature(self, body: str) -> HashValues:
        """The body's MinHash values; an import looks a body up and then adds it, so the last
        one is kept rather than hashed twice (hashing is most of this module's cost)."""
        if self._last is None or self._last[0] != body:
            self._last = (body, minhash_of(body).hashvalues)
        return self._last[1]

    def checkpoint(self, interval: float) -> None:
        """Save if ``interval`` seconds passed since the last save (0: now), like the manifest."""
        if interval <= 0 or time.monotonic() - self._last_save >= interval:
            self.save()

    def save(self) -> None:
        """Write the index atomically (a killed run leaves the old index or the new one)."""
        if not self.dirty:
            return
        paths = sorted(self.signatures)
        values = (
            np.stack([self.signatures[path] for path in paths])
            if paths
            else np.zeros((0, NUM_PERM), dtype=np.uint32)
        )
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=_bytes_array(json.dumps(_settings())),
            paths=_bytes_array(json.dumps(paths, ensure_ascii=False)),
            signatures=values,
        )
        atomic_write_bytes(self.file, buffer.getvalue(), durable=False)
        self.dirty = False
        self._last_save = time.monotonic()


def _settings() -> dict[str, object]:
    """What a saved index must have been made with to be reused."""
    return {
        "version": FORMAT_VERSION,
        "num_perm": NUM_PERM,
        "seed": SEED,
        "scheme": SCHEME,
        "cjk": CJK_SHINGLE,
        "words": WORD_SHINGLE,
    }


def _bytes_array(text: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _from_values(values: HashValues) -> MinHash:
    """A MinHash around stored values (sharing permutations: generating them costs ~1 ms)."""
    return MinHash(hashvalues=values, permutations=_PROTOTYPE.permutations, scheme=SCHEME)
