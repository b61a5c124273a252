"""Near-duplicate articles: the same speech with a new title suffix, an ad sentence, a lost paragraph.

Model-essay sites copy each other with small edits, so an exact hash (see
:func:`importer.assemble.content_hash`) misses most copies. Each article body becomes a set of
shingles — runs of :data:`CJK_SHINGLE` characters for Chinese, :data:`WORD_SHINGLE` words for
English, after Unicode normalization that drops case, punctuation and Markdown — summarised by a
MinHash (datasketch). Locality-sensitive hashing finds the few existing articles worth comparing,
so checking a new article costs the same at 100 or 100,000 articles.

The banding is done here rather than with datasketch's ``MinHashLSH``, whose hash tables of byte
strings cost about 10 KB per article (1 GB at 100,000). Each signature is kept as its low
:data:`SIGNATURE_BITS` bits (256 bytes an article); each of its :data:`BANDS` bands of
:data:`ROWS` values packs into one 64-bit key, and the keys of all bands sit in one sorted numpy
array searched with ``searchsorted``. Articles added since the last merge wait in a small dict of
their band keys and are merged in batches of :data:`PENDING_LIMIT`.

The index is a cache beside the manifest, ``docs/_near_duplicates.npz`` (numpy arrays only, read
without pickle): the paths and the truncated signatures, from which the band arrays are rebuilt
on open. A missing, unreadable, corrupt or other-version index is rebuilt from the Markdown files
in the docs folder, never trusted; on open, files added or removed since it was saved are
reconciled, which costs a directory listing, not a re-read of every article.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from importer.atomic import atomic_write_bytes
from library.frontmatter import split
from library.pages import is_index_page
from library.text import CJK_RANGES, CJK_RE

INDEX_NAME = "_near_duplicates.npz"
#: 1: full 32-bit signatures for datasketch's MinHashLSH. 2: 16-bit signatures, own banding.
FORMAT_VERSION = 2

#: An article whose estimated similarity (Jaccard of shingle sets) to an existing one is at least
#: this is a near-duplicate. Measured on the tests' pairs (``python -m
#: tests.importer.test_near_duplicates``, 128 permutations): copies with one kind of edit score
#: 0.73-1.00 (lowest: the longest paragraph dropped from an English speech, 0.73; Chinese
#: 0.84), two different speeches on one topic with the same stock phrases 0.00-0.01, and no two of
#: the 36 sample articles more than 0.04. 0.6 is three standard deviations of the 128-permutation
#: estimate (0.04) below the lowest copy and far above any two different articles.
NEAR_DUPLICATE_THRESHOLD = 0.6

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"

#: Bits of each MinHash value kept. Two different shingle sets agree on a 16-bit value by chance
#: once in 65,536, which moves a similarity estimate by less than 0.0001: the estimate is as good
#: as with the full 32 bits, at half the size.
SIGNATURE_BITS = 16
#: 32 bands of 4 values: what datasketch's MinHashLSH chooses for 128 permutations at a candidate
#: threshold of 0.4, so that pairs just above NEAR_DUPLICATE_THRESHOLD are not lost to the
#: banding's false negatives (a pair at 0.6 shares at least one band with probability 0.988, at
#: 0.73 with 0.99998); each candidate is then checked against the signature estimate.
BANDS = 32
ROWS = NUM_PERM // BANDS
#: Articles added since the last merge into the sorted array wait in a dict of their band keys
#: (a few MB at this size); merging them costs one pass over the sorted array.
PENDING_LIMIT = 2048

#: Chinese is shingled by characters (it has no spaces); 5 characters is about two words, long
#: enough that stock phrases of the genre (同志们, 谢谢大家) do not make two speeches look alike.
CJK_SHINGLE = 5
#: English is shingled by words; 3 words keep common phrases from matching on their own.
WORD_SHINGLE = 3

_TOKEN_RE = re.compile(rf"[{CJK_RANGES}]|[^\W_]+")

Signature = npt.NDArray[np.uint16]
BandKeys = npt.NDArray[np.uint64]


def shingles(text: str) -> set[str]:
    """The article's shingles: characters for Chinese, words for English; case and punctuation
    (full-width or not, and Markdown's ``**``, ``#``, ``\\``) do not count."""
    tokens = _TOKEN_RE.findall(unicodedata.normalize("NFKC", text).casefold())
    if not tokens:
        return set()
    cjk = len(list(filter(CJK_RE.match, tokens)))  # filter(): no Python frame per token
    size = CJK_SHINGLE if cjk * 2 >= len(tokens) else WORD_SHINGLE
    glue = "" if size == CJK_SHINGLE else " "
    if len(tokens) <= size:
        return {glue.join(tokens)}
    # Each window of ``size`` tokens, joined, by zip() and map(): no Python frame per shingle
    # (the shifted lists are of unequal length: zip stops at the last whole window).
    windows = zip(*(tokens[start:] for start in range(size)), strict=False)
    return set(map(glue.join, windows))


_PROTOTYPE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def minhash_of(text: str) -> MinHash:
    """The MinHash of a Markdown body (permutations shared, so this costs one batch update)."""
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme=SCHEME,
        permutations=_PROTOTYPE.permutations,
        hashfunc=_already_hashed,
    )
    minhash.update_batch(sha1_hash32_all(shingles(text)))
    return minhash


def sha1_hash32_all(values: Iterable[str]) -> list[int]:
    """datasketch's default hash, ``sha1_hash32`` (the first four bytes of SHA-1, little-endian),
    of every value's UTF-8, in one pass: the digests are joined and read as 32-bit words by numpy
    rather than unpacked one call at a time, which halves the cost of hashing an article. The
    values are those signatures of FORMAT_VERSION 2 were made with, so saved indexes stay valid.
    """
    objects = map(hashlib.sha1, map(str.encode, values))  # str.encode: UTF-8; map: no frames
    digests = b"".join(map(_SHA1.digest, objects))
    words = np.frombuffer(digests, dtype="<u4")[::_SHA1_WORDS]
    hashes: list[int] = words.tolist()
    return hashes


_SHA1 = type(hashlib.sha1())  # the hash object's type, whose unbound digest map() can call
_SHA1_WORDS = hashlib.sha1().digest_size // 4  # 32-bit words per digest: 5


def _already_hashed(value: int) -> int:
    """The hash function given to MinHash for values :func:`sha1_hash32_all` hashed already."""
    return value


def signature_of(text: str) -> Signature:
    """The body's signature as the index keeps it: the low bits of each MinHash value."""
    return np.asarray(minhash_of(text).hashvalues, dtype=np.uint64).astype(np.uint16)


def similarity(
    one: npt.NDArray[np.unsignedinteger], other: npt.NDArray[np.unsignedinteger]
) -> float:
    """Estimated Jaccard similarity of two signatures (MinHash values, full or truncated)."""
    return float(np.count_nonzero(one == other)) / len(one)


def band_keys(signatures: Signature) -> BandKeys:
    """One 64-bit key per band, the band's number in its top bits, so the keys of all bands can
    share one sorted array (and one ``searchsorted`` call finds a signature's 32 bands).

    A band's four 16-bit values make 64 bits; multiplying by an odd constant mixes them (a
    bijection), and the top 59 bits of the result follow the 5-bit band number. Two different
    bands share a key once in 2**59. Works on one signature (a vector of BANDS keys) or on a
    row per signature."""
    values = signatures.astype(np.uint64).reshape(*signatures.shape[:-1], BANDS, ROWS)
    packed = np.zeros(values.shape[:-1], dtype=np.uint64)
    for row in range(ROWS):
        packed = (packed << np.uint64(SIGNATURE_BITS)) | values[..., row]
    mixed = (packed * _MIX) >> np.uint64(_BAND_BITS)
    return mixed | _BAND_TAGS


#: An odd 64-bit constant (2**64 over the golden ratio), so multiplying by it is a bijection.
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BAND_BITS = 5  # 2**5 = 32 bands
_BAND_TAGS = np.arange(BANDS, dtype=np.uint64) << np.uint64(64 - _BAND_BITS)


@dataclass(frozen=True)
class Match:
    """An existing article that a new one nearly duplicates."""

    path: str  # relative to the docs folder
    similarity: float


class NearDuplicateIndex:
    """Signatures of the articles in a docs folder, keyed by docs-relative path.

    Rows are numbered in the order articles were added. The first ``len(_merged_signatures)``
    have their band keys in the sorted arrays; the next ``_pending`` wait in the pending arrays.
    A removed or replaced article's row stays until the next save, marked dead, so removal
    costs nothing.
    """

    def __init__(self, docs: Path, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.docs = docs
        self.file = docs / INDEX_NAME
        self.threshold = threshold
        self.dirty = False
        self.problem: str | None = None  # why a saved index was not trusted, for the user
        self._last_save = time.monotonic()
        self._last: tuple[str, Signature] | None = None  # the body find() hashed last
        self._paths: list[str] = []  # row -> path
        self._rows: dict[str, int] = {}  # path -> its live row
        self._alive: list[bool] = []
        self._merged_signatures: Signature = np.zeros((0, NUM_PERM), dtype=np.uint16)
        self._keys: BandKeys = np.zeros(0, dtype=np.uint64)  # every band of every row, sorted
        self._key_rows: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)  # the row of each
        self._pending_signatures = np.zeros((PENDING_LIMIT, NUM_PERM), dtype=np.uint16)
        self._pending_keys = np.zeros((PENDING_LIMIT, BANDS), dtype=np.uint64)
        self._pending = 0  # rows in the two arrays above
        self._pending_rows: dict[int, list[int]] = {}  # band key -> pending rows that have it
        self._last_keys: tuple[Signature, BandKeys] | None = None  # band_keys() of the last one

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, path: object) -> bool:
        return path in self._rows

    @classmethod
    def open(cls, docs: Path, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> NearDuplicateIndex:
        """Load the saved index, or rebuild it; then reconcile it with the files in ``docs``."""
        index = cls(docs, threshold)
        try:
            paths, signatures = index._load()
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as error:
            index.problem = f"{index.file} is unreadable ({error}); rebuilt from {docs}"
        else:
            index._start_with(paths, signatures)
        index.dirty = index.problem is not None  # an index read as saved need not be saved again
        index._reconcile()
        return index

    def _load(self) -> tuple[list[str], Signature]:
        if not self.file.exists():
            return [], np.zeros((0, NUM_PERM), dtype=np.uint16)
        with np.load(self.file, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta != _settings():
                raise ValueError(f"made with other settings ({meta})")
            paths = json.loads(bytes(data["paths"]).decode("utf-8"))
            signatures = np.asarray(data["signatures"])
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ValueError("its paths are not a list of strings")
        if len(set(paths)) != len(paths):
            raise ValueError("a path is listed twice")
        if signatures.dtype != np.uint16 or signatures.shape != (len(paths), NUM_PERM):
            raise ValueError(
                f"{len(paths)} paths but signatures of shape {signatures.shape} "
                f"and type {signatures.dtype}"
            )
        return paths, signatures

    def _start_with(self, paths: list[str], signatures: Signature) -> None:
        """Take a loaded index as the merged rows, sorting each band once."""
        self._paths = list(paths)
        self._rows = {path: row for row, path in enumerate(paths)}
        self._alive = [True] * len(paths)
        self._merged_signatures = signatures
        keys = band_keys(signatures).ravel()  # row-major: row r's bands at r*BANDS...
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._key_rows = (order // BANDS).astype(np.int32)

    def _reconcile(self) -> None:
        """Forget articles whose files are gone; add files the index has not seen."""
        on_disk = set(self._article_files())
        for path in [p for p in self._rows if p not in on_disk]:
            self._remove(path)
        for path in sorted(on_disk - self._rows.keys()):
            try:
                _, body = split((self.docs / path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not an article this index can read; the site build reports it
            self._insert(path, signature_of(body))

    def _article_files(self) -> Iterator[str]:
        for file in self.docs.rglob("*.md"):
            relative = file.relative_to(self.docs).as_posix()
            if not relative.startswith(("_", ".")) and not is_index_page(relative):
                yield relative

    def add_signature(self, path: str, signature: Signature) -> None:
        """:meth:`add` for a body already hashed with :func:`signature_of`."""
        self._insert(path, signature)

    def _insert(self, path: str, signature: Signature) -> None:
        if path in self._rows:
            self._remove(path)
        self._rows[path] = len(self._paths)
        self._paths.append(path)
        self._alive.append(True)
        if self._pending == len(self._pending_signatures):
            self._merge()
        keys = self._band_keys_of(signature)
        self._pending_signatures[self._pending] = signature
        self._pending_keys[self._pending] = keys
        self._pending += 1
        for key in keys.tolist():
            self._pending_rows.setdefault(key, []).append(self._rows[path])
        self.dirty = True

    def _remove(self, path: str) -> None:
        self._alive[self._rows.pop(path)] = False
        self.dirty = True

    def _merge(self) -> None:
        """Move the pending rows into the sorted key array: one pass over it."""
        if not self._pending:
            return
        first = len(self._merged_signatures)
        rows = np.arange(first, first + self._pending, dtype=np.int32)
        keys = self._pending_keys[: self._pending].ravel()
        order = np.argsort(keys, kind="stable")
        at = np.searchsorted(self._keys, keys[order], side="right")
        self._keys = np.insert(self._keys, at, keys[order])
        self._key_rows = np.insert(self._key_rows, at, rows[order // BANDS])
        pending = self._pending_signatures[: self._pending]
        self._merged_signatures = np.concatenate([self._merged_signatures, pending])
        self._pending = 0
        self._pending_rows = {}

    def _candidates(self, signature: Signature) -> set[int]:
        """Rows that share at least one band with the signature (live or dead)."""
        keys = self._band_keys_of(signature)
        starts = np.searchsorted(self._keys, keys, side="left")
        ends = np.searchsorted(self._keys, keys, side="right")
        found: set[int] = set()
        hit = ends > starts
        for start, end in zip(starts[hit].tolist(), ends[hit].tolist(), strict=True):
            found.update(self._key_rows[start:end].tolist())
        for key in keys.tolist():
            found.update(self._pending_rows.get(key, ()))
        return found

    def _band_keys_of(self, signature: Signature) -> BandKeys:
        """:func:`band_keys`, kept for the signature just looked up: an import adds it next."""
        if self._last_keys is None or self._last_keys[0] is not signature:
            self._last_keys = (signature, band_keys(signature))
        return self._last_keys[1]

    def _signature_at(self, row: int) -> Signature:
        merged = len(self._merged_signatures)
        found: Signature = (
            self._merged_signatures[row] if row < merged else self._pending_signatures[row - merged]
        )
        return found

    def find(self, body: str) -> Match | None:
        """The most similar existing article at or above the threshold, if there is one."""
        return self.find_signature(self._signature(body))

    def find_signature(self, signature: Signature) -> Match | None:
        """:meth:`find` for a body already hashed with :func:`signature_of`."""
        best: Match | None = None
        for row in sorted(self._candidates(signature)):
            if not self._alive[row]:
                continue
            score = similarity(signature, self._signature_at(row))
            better = score >= self.threshold and (best is None or score > best.similarity)
            if better and (self.docs / self._paths[row]).is_file():
                best = Match(self._paths[row], score)
        return best

    def add(self, path: str, body: str) -> None:
        """Remember an article just written (or updated) at ``path``."""
        self._insert(path, self._signature(body))

    def _signature(self, body: str) -> Signature:
        """The body's signature; an import looks a body up and then adds it, so the last one is
        kept rather than hashed twice (hashing is most of this module's cost)."""
        if self._last is None or self._last[0] != body:
            self._last = (body, signature_of(body))
        return self._last[1]

    def checkpoint(self, interval: float) -> None:
        """Save if ``interval`` seconds passed since the last save (0: now), like the manifest."""
        if interval <= 0 or time.monotonic() - self._last_save >= interval:
            self.save()

    def save(self) -> None:
        """Write the live rows atomically (a killed run leaves the old index or the new one)."""
        if not self.dirty:
            return
        self._merge()
        paths = sorted(self._rows)
        rows = np.fromiter((self._rows[path] for path in paths), dtype=np.int64, count=len(paths))
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=_bytes_array(json.dumps(_settings())),
            paths=_bytes_array(json.dumps(paths, ensure_ascii=False)),
            signatures=self._merged_signatures[rows],
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
        "bits": SIGNATURE_BITS,
        "cjk": CJK_SHINGLE,
        "words": WORD_SHINGLE,
    }


def _bytes_array(text: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
