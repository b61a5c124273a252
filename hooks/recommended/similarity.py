"""Which articles are most alike: TF-IDF cosine on sparse matrices, with boosts, in bounded memory.

The documents become rows of a sparse term matrix; each row keeps only its ``top_terms`` strongest
terms (the rest barely move a cosine and make the product dense); and the similarities are one
sparse matrix product, ``Y @ Y.T``, computed a block of rows at a time and cut to each row's best
``limit`` at once, so no n x n matrix ever exists: memory is the pruned matrix plus one block.
Every step is a numpy or scipy operation over whole chunks of documents, none a Python loop over
terms or pairs.

The two boosts ride along in the same product. Besides its terms, each row carries its subcategory
as a one-hot column scaled by sqrt(subcategory_boost) and its L2-normalised tags scaled by
sqrt(tag_boost); the product of two rows then adds exactly ``subcategory_boost`` for the same
subcategory and ``tag_boost`` times the tag cosine for shared tags. A side effect is welcome:
articles of the same subcategory are always candidates, so even an article sharing no words has
neighbours.

Results are deterministic, a function of the documents alone (never of a cache or of the order
work was done in): equal scores are ordered by document index (callers sort documents by path),
equal term weights by term id.

Chunks of documents and blocks of the product are independent, and numpy's sorts and scipy's
sparse products release the GIL, so ``threads`` of them run at once on as many cores (measured
here: two threads did two sparse products in 0.46x the time of one after the other). Each result
is put back in its chunk's place, so the answer does not depend on the number of threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from hooks.recommended.tokens import TermVector

#: Terms kept per document; beyond ~50 the extra terms change rankings very little.
DEFAULT_TOP_TERMS = 50

#: Documents kept per term on the candidate side of the product (see :func:`strongest_postings`).
DEFAULT_POSTINGS = 1000

#: Documents whose vectors are weighed together: bounds the memory of the unpruned weights, and
#: small enough that a 10,000-article library makes several chunks for the threads to share.
CHUNK_DOCUMENTS = 2048

#: Candidate scores computed per block of the similarity product (about 16 bytes each).
BLOCK_SCORES = 4_000_000

Float = npt.NDArray[np.float64]
Index = npt.NDArray[np.int64]

_In = TypeVar("_In")
_Out = TypeVar("_Out")


@dataclass(frozen=True)
class Profile:
    """What the ranking knows about one article."""

    counts: TermVector | Mapping[str, int]
    subcategory: str | None = None
    tags: tuple[str, ...] = field(default=())

    @property
    def vector(self) -> TermVector:
        counts = self.counts
        return counts if isinstance(counts, TermVector) else TermVector.from_counts(counts)


def neighbours(
    profiles: Sequence[Profile],
    limit: int,
    *,
    subcategory_boost: float = 0.0,
    tag_boost: float = 0.0,
    top_terms: int = DEFAULT_TOP_TERMS,
    postings: int = DEFAULT_POSTINGS,
    threads: int = 1,
) -> list[list[int]]:
    """For each profile, the indices of up to ``limit`` most similar other profiles, best first."""
    if not profiles or limit < 1:
        return [[] for _ in profiles]
    terms = term_weights([p.vector for p in profiles], top_terms, threads)
    parts = [terms]
    if subcategory_boost > 0:
        parts.append(np.sqrt(subcategory_boost) * _one_hot([p.subcategory for p in profiles]))
    if tag_boost > 0:
        parts.append(np.sqrt(tag_boost) * _l2_normalize(_incidence([p.tags for p in profiles])))
    features = sp.csr_matrix(sp.hstack(parts, format="csr", dtype=np.float64))
    transposed = sp.csr_matrix(
        sp.vstack([strongest_postings(terms, postings), *(sp.csr_matrix(p.T) for p in parts[1:])])
    )

    def best_of_block(rows: tuple[int, int]) -> list[list[int]]:
        start, stop = rows
        return _best_per_row(sp.csr_matrix(features[start:stop] @ transposed), start, limit)

    return [
        best
        for block in _in_order(best_of_block, _blocks(features, transposed), threads)
        for best in block
    ]


def strongest_postings(terms: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """``terms`` transposed (a row per term), each term keeping its ``keep`` heaviest documents.

    A term shared by thousands of documents links each of them to all the others, which makes
    the similarity product quadratic; a document where such a term weighs little gains little
    from it. Keeping each term's strongest documents bounds every document's candidates by
    ``top_terms x keep``, so time and memory grow linearly with the library. Ties go to the lower
    document index, so the result is still a function of the library alone.
    """
    transposed = sp.csr_matrix(terms.T)
    transposed.sort_indices()
    lengths = np.diff(transposed.indptr).astype(np.int64)
    if not len(lengths) or lengths.max() <= keep:
        return transposed
    rows = np.repeat(np.arange(transposed.shape[0], dtype=np.int64), lengths)
    columns = transposed.indices.astype(np.int64)
    kept = np.sort(_best_in_rows(rows, columns, transposed.data, lengths, keep))
    return sp.csr_matrix(
        (transposed.data[kept], (rows[kept], columns[kept])), shape=transposed.shape
    )


def term_weights(vectors: Sequence[TermVector], keep: int, threads: int = 1) -> sp.csr_matrix:
    """One row per document: its ``keep`` strongest TF-IDF terms, L2-normalised.

    The weight is ``(1 + log tf) * (1 + log((1 + N) / (1 + df)))``; the smoothed idf makes a term
    found in every document weigh least but not nothing, so the two articles of a tiny site that
    share all their words are still alike. Columns are the library's terms in id order.
    """
    vocabulary, df = document_frequencies(vectors, threads)
    idf = 1.0 + np.log((1.0 + len(vectors)) / (1.0 + df))

    def strongest(part: tuple[int, Sequence[TermVector]]) -> tuple[Index, Index, Float]:
        start, chunk = part
        ids, counts, lengths = _concatenated(chunk)
        column = np.searchsorted(vocabulary, ids)
        weight = (1.0 + np.log(counts)) * idf[column]
        row = np.repeat(np.arange(len(chunk), dtype=np.int64), lengths)
        kept = _best_in_rows(row, column, weight, lengths, keep)
        return row[kept] + start, column[kept], weight[kept]

    rows, columns, weights = zip(*_in_order(strongest, _chunks(vectors), threads), strict=True)
    shape = (len(vectors), max(1, len(vocabulary)))
    matrix = sp.csr_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(columns))), shape=shape
    )
    return _l2_normalize(matrix)


def document_frequencies(
    vectors: Sequence[TermVector], threads: int = 1
) -> tuple[npt.NDArray[np.uint64], Float]:
    """Every term id of the library (sorted) and in how many documents it occurs.

    A chunk's distinct terms are counted at once; the chunks' tallies are merged at the end, so
    memory is the vocabulary, not every occurrence of every term.
    """

    def distinct(part: tuple[int, Sequence[TermVector]]) -> tuple[npt.NDArray[np.uint64], Index]:
        ids, _, _ = _concatenated(part[1])
        unique, counts = np.unique(ids, return_counts=True)
        return unique, counts

    tallied = _in_order(distinct, _chunks(vectors), threads)
    if not tallied:
        return np.zeros(0, np.uint64), np.zeros(0, np.float64)
    tallies, tally_counts = zip(*tallied, strict=True)
    vocabulary, inverse = np.unique(np.concatenate(tallies), return_inverse=True)
    df = np.bincount(inverse, weights=np.concatenate(tally_counts), minlength=len(vocabulary))
    return vocabulary.astype(np.uint64), df.astype(np.float64)


def _in_order(work: Callable[[_In], _Out], parts: Iterable[_In], threads: int) -> list[_Out]:
    """``work`` of every part, in the parts' order, on up to ``threads`` threads at once."""
    if threads <= 1:
        return [work(part) for part in parts]
    with ThreadPoolExecutor(threads, thread_name_prefix="similarity") as pool:
        return list(pool.map(work, parts))


def _chunks(vectors: Sequence[TermVector]) -> Iterator[tuple[int, Sequence[TermVector]]]:
    for start in range(0, len(vectors), CHUNK_DOCUMENTS):
        yield start, vectors[start : start + CHUNK_DOCUMENTS]


def _concatenated(
    chunk: Sequence[TermVector],
) -> tuple[npt.NDArray[np.uint64], Float, Index]:
    lengths = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
    if not lengths.sum():
        return np.zeros(0, np.uint64), np.zeros(0), lengths
    ids = np.concatenate([v.ids for v in chunk])
    counts = np.concatenate([v.counts for v in chunk]).astype(np.float64)
    return ids, counts, lengths


def _best_in_rows(rows: Index, columns: Index, scores: Float, lengths: Index, k: int) -> Index:
    """Positions of each row's ``k`` highest (positive) scores; equal scores: lower column first.

    ``rows`` must be sorted, each row's ``columns`` ascending, and ``lengths`` hold each row's
    number of entries. One stable sort orders every row at once, on a key of the row (high bits)
    and the score's float32 bit pattern inverted (low bits: for positive floats the bits rise with
    the value), so scores equal to float32 precision keep their column order. An entry's rank is
    its distance from its row's start.
    """
    bits = np.asarray(scores, dtype=np.float32).view(np.uint32)
    key = rows.astype(np.uint64) << np.uint64(32) | (np.uint32(0xFFFFFFFF) - bits).astype(np.uint64)
    order = np.argsort(key, kind="stable")
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    rank = np.arange(len(order), dtype=np.int64) - np.repeat(starts, lengths)
    return np.asarray(order[rank < k], dtype=np.int64)


def _blocks(features: sp.csr_matrix, transposed: sp.csr_matrix) -> Iterator[tuple[int, int]]:
    """Row ranges whose products hold about :data:`BLOCK_SCORES` candidate scores each.

    A row's candidates are bounded by the documents sharing any of its columns, known before
    multiplying: the sum of its columns' document counts. Libraries where one topic holds many
    documents then get smaller blocks rather than a larger peak.
    """
    documents_per_column = np.diff(transposed.indptr).astype(np.float64)
    work = _row_sums(features, documents_per_column)
    start = 0
    total = 0.0
    for row, cost in enumerate(work.tolist()):
        if row > start and total + cost > BLOCK_SCORES:
            yield start, row
            start, total = row, 0.0
        total += cost
    if start < features.shape[0]:
        yield start, features.shape[0]


def _row_sums(features: sp.csr_matrix, per_column: Float) -> Float:
    """For each row, the sum of ``per_column`` over the columns where the row is non-zero."""
    pattern = sp.csr_matrix(
        (np.ones(features.nnz), features.indices, features.indptr), shape=features.shape
    )
    return np.asarray(pattern @ per_column, dtype=np.float64).ravel()


def _best_per_row(block: sp.csr_matrix, first_row: int, limit: int) -> list[list[int]]:
    """The ``limit`` best columns of every row of a block, excluding each row's own document."""
    lengths = np.diff(block.indptr).astype(np.int64)
    rows = np.repeat(np.arange(block.shape[0], dtype=np.int64), lengths)
    columns = block.indices.astype(np.int64)
    useful = (block.data > 0) & (columns != rows + first_row)
    useful &= (
        block.data >= _kth_best(np.where(useful, block.data, -np.inf), block.indptr, limit)[rows]
    )
    rows, columns, scores = rows[useful], columns[useful], block.data[useful]
    order = np.lexsort((columns, rows))  # the few survivors, by row and then column
    rows, columns, scores = rows[order], columns[order], scores[order]
    lengths = np.bincount(rows, minlength=block.shape[0]).astype(np.int64)
    kept = _best_in_rows(rows, columns, scores, lengths, limit)
    bounds = np.concatenate(([0], np.cumsum(np.minimum(lengths, limit))))
    chosen = columns[kept].tolist()
    return [chosen[a:b] for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]


def _kth_best(scores: Float, indptr: npt.NDArray[np.int32], k: int) -> Float:
    """Per row of a CSR layout, a score at or below its ``k``-th highest (-inf for short rows).

    ``k`` rounds each take every row's maximum and drop all entries equal to it; the maximum of
    the last round is the k-th highest distinct score, so keeping the entries at or above it keeps
    each row's k best and their ties: a few survivors to sort instead of thousands of candidates.
    """
    work = scores.copy()
    lengths = np.diff(indptr)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    starts = indptr[:-1][lengths > 0]
    threshold = np.full(len(lengths), -np.inf)
    for _ in range(k):
        if not len(starts):
            break
        best = np.full(len(lengths), -np.inf)
        best[lengths > 0] = np.maximum.reduceat(work, starts)
        threshold = np.where(np.isfinite(best), best, threshold)
        work[work == best[rows]] = -np.inf
    return np.where(np.isfinite(threshold), threshold, -np.inf)


def _l2_normalize(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _one_hot(labels: Sequence[str | None]) -> sp.csr_matrix:
    """One column per distinct label; rows without a label are empty."""
    return _incidence([(label,) if label else () for label in labels])


def _incidence(sets: Sequence[tuple[str, ...]]) -> sp.csr_matrix:
    """A 0/1 matrix with a row per document and a column per distinct item (tag, label)."""
    columns: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for items in sets:
        indices.extend(columns.setdefault(item, len(columns)) for item in dict.fromkeys(items))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(sets), max(1, len(columns))))
