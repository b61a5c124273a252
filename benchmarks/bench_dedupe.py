"""Near-duplicate detection at library scale, and import pages/s with 1 and 2 jobs.

Part 1 (dedupe): the near-duplicate index as an import uses it — a look-up, then an add, per
article; then save, and open again as the next import does — for the banded numpy index of
format 2 beside the datasketch MinHashLSH index of format 1 it replaced, in the same run. The
signatures of synthetic bodies (half English, half Chinese, each with its own sentences drawn from
a fixed vocabulary) are hashed once and given to both (hashing costs both the same and is shown
apart); beyond ``--hashed`` articles they are topped up with random signatures, so 100,000 runs in
minutes. Each size and index runs in a fresh process, whose peak resident set (``ru_maxrss``)
growth is the index's peak memory; ``tracemalloc`` is left out because it slows every allocation.

Part 2 (jobs): the shipped sample pages, replicated to N files, imported with the real pipeline
(convert in worker processes, write in the main one, ``--keep-duplicates`` so the copies are
written rather than reported) with 1 and with 2 jobs, beside ``trafilatura.extract`` on the same
files in the same run.

Run: ``make bench-dedupe`` or
``python -m benchmarks.bench_dedupe --articles 10000 100000 --pages 400 [--skip-jobs]``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt
import trafilatura
from datasketch import MinHash, MinHashLSH

from benchmarks.bench_import import replicate
from importer.near_duplicates import (
    INDEX_NAME,
    NEAR_DUPLICATE_THRESHOLD,
    NUM_PERM,
    SCHEME,
    SEED,
    NearDuplicateIndex,
    minhash_of,
    similarity,
)
from importer.parallel import convert_files
from importer.pipeline import Importer, ImportOptions
from importer.records import Status

_EN_WORDS = (
    "safety production responsibility inspection hazard training meeting committee work plan "
    "summary report party building school teachers students community service budget finance "
    "office staff quality improvement review progress target task measure system supervision "
    "emergency drill fire prevention health care elderly village county town district province "
    "year month week first second third important further strengthen implement promote ensure"
).split()
_ZH_CHARS = (
    "安全生产责任检查隐患培训会议委员会工作计划总结报告党建学校教师学生社区服务预算财政办公室"
    "质量提升审查进度目标任务措施制度监督应急演练消防健康养老乡村县镇区省年月周第一二三重要"
    "进一步加强落实推动确保全面深入扎实开展组织领导干部群众发展改革创新"
)


def synthetic_article(rng: random.Random, index: int) -> str:
    """A body of 8-14 paragraphs; every article's text is its own draw, so none is a copy."""
    paragraphs = []
    for _ in range(rng.randint(8, 14)):
        if index % 2:
            sentence = "".join(rng.choice(_ZH_CHARS) for _ in range(rng.randint(60, 140)))
            paragraphs.append(sentence + "。")
        else:
            words = [rng.choice(_EN_WORDS) for _ in range(rng.randint(40, 90))]
            paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(paragraphs)


class DatasketchLshIndex:
    """The index as it was before format 2, for comparison: full 32-bit signatures in a dict and
    datasketch's MinHashLSH (hash tables keyed by byte strings), saved as one uint32 array."""

    def __init__(self) -> None:
        self.signatures: dict[str, npt.NDArray[np.uint32]] = {}
        self.lsh = MinHashLSH(threshold=0.4, num_perm=NUM_PERM)

    def _minhash(self, values: npt.NDArray[np.uint32]) -> MinHash:
        return MinHash(hashvalues=values, permutations=_PERMUTATIONS, scheme=SCHEME)

    def find_signature(self, values: npt.NDArray[np.uint32]) -> str | None:
        best, score = None, NEAR_DUPLICATE_THRESHOLD
        for path in self.lsh.query(self._minhash(values)):
            estimate = similarity(values, self.signatures[path])
            if estimate >= score:
                best, score = path, estimate
        return best

    def add_signature(self, path: str, values: npt.NDArray[np.uint32]) -> None:
        self.signatures[path] = values
        self.lsh.insert(path, self._minhash(values))

    def save(self, file: Path) -> None:
        paths = sorted(self.signatures)
        with file.open("wb") as out:
            np.savez(
                out, paths=np.array(paths), signatures=np.stack([self.signatures[p] for p in paths])
            )

    @classmethod
    def load(cls, file: Path) -> DatasketchLshIndex:
        index = cls()
        with np.load(file) as data:
            for path, values in zip(data["paths"].tolist(), data["signatures"], strict=True):
                index.add_signature(str(path), values.copy())
        return index


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def hashed_signatures(count: int, file: Path) -> float:
    """MinHash ``count`` synthetic bodies, as an import does, into ``file``; ms per body."""
    rng = random.Random(0)
    values = np.zeros((count, NUM_PERM), dtype=np.uint32)
    start = time.perf_counter()
    for number in range(count):
        values[number] = minhash_of(synthetic_article(rng, number)).hashvalues
    took = time.perf_counter() - start
    np.save(file, values)
    return took / max(1, count) * 1000


def signatures_for(size: int, hashed: Path) -> npt.NDArray[np.uint32]:
    """The hashed signatures, topped up to ``size`` with random ones (articles alike in nothing):
    hashing 100,000 bodies takes minutes and costs both indexes the same."""
    values: npt.NDArray[np.uint32] = np.load(hashed)
    if size <= len(values):
        return values[:size]
    extra = np.random.default_rng(size).integers(0, 2**32, (size - len(values), NUM_PERM))
    return np.concatenate([values, extra.astype(np.uint32)])


def bench_dedupe(sizes: list[int], hashed_count: int) -> None:
    print(f"near-duplicates (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    scratch = Path(tempfile.mkdtemp(prefix="bench-dedupe-"))
    try:
        hashed = scratch / "signatures.npy"
        per_body = hashed_signatures(hashed_count, hashed)
        print(
            f"MinHash of a synthetic body (the same for both indexes, not in the table): "
            f"{per_body:.2f} ms; beyond {hashed_count:,} articles the signatures are random"
        )
        print(
            f"{'index':>10}{'articles':>9}{'check+add s':>13}{'ms/article':>12}{'save s':>8}"
            f"{'open s':>8}{'file MB':>9}{'peak RSS +MB':>14}{'false dups':>12}",
            flush=True,
        )
        for size in sizes:  # a fresh process each, so that its peak memory is this size's alone
            for kind in ("datasketch", "banded"):
                command = [sys.executable, "-m", "benchmarks.bench_dedupe", "--one-size", str(size)]
                command += ["--index", kind, "--signatures", str(hashed)]
                subprocess.run(command, check=True)
    finally:
        shutil.rmtree(scratch)


def bench_one_size(size: int, kind: str, hashed: Path) -> None:
    """One row of the dedupe table: check and add ``size`` articles, save, open again."""
    values = signatures_for(size, hashed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scratch = Path(tempfile.mkdtemp(prefix="bench-dedupe-"))
    file = scratch / INDEX_NAME
    try:
        false_duplicates, checked, saved, opened = (
            _run_datasketch(values, file) if kind == "datasketch" else _run_banded(values, scratch)
        )
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        megabytes = file.stat().st_size / 1e6
    finally:
        shutil.rmtree(scratch)
    print(
        f"{kind:>10}{size:9d}{checked:13.1f}{checked / size * 1000:12.3f}{saved:8.2f}{opened:8.2f}"
        f"{megabytes:9.1f}{rss_growth:14.0f}{false_duplicates:12d}",
        flush=True,
    )


def _run_datasketch(values: npt.NDArray[np.uint32], file: Path) -> tuple[int, float, float, float]:
    index = DatasketchLshIndex()
    false_duplicates = 0
    start = time.perf_counter()
    for number, row in enumerate(values):
        false_duplicates += index.find_signature(row) is not None
        index.add_signature(f"a/{number:06d}.md", row)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    index.save(file)
    saved = time.perf_counter() - start
    del index
    start = time.perf_counter()
    reopened = DatasketchLshIndex.load(file)
    opened = time.perf_counter() - start
    assert len(reopened.signatures) == len(values)
    return false_duplicates, checked, saved, opened


def _run_banded(values: npt.NDArray[np.uint32], docs: Path) -> tuple[int, float, float, float]:
    index = NearDuplicateIndex(docs)
    false_duplicates = 0
    truncated = values.astype(np.uint16)  # what signature_of keeps of each value
    start = time.perf_counter()
    for number, row in enumerate(truncated):
        false_duplicates += index.find_signature(row) is not None
        index.add_signature(f"a/{number:06d}.md", row)
    checked = time.perf_counter() - start
    start = time.perf_counter()
    index.save()
    saved = time.perf_counter() - start
    del index
    (docs / "a").mkdir()
    for number in range(len(values)):  # the files the index stands for, so open() keeps them
        (docs / "a" / f"{number:06d}.md").touch()
    start = time.perf_counter()
    reopened = NearDuplicateIndex.open(docs)
    opened = time.perf_counter() - start
    assert reopened.problem is None and len(reopened) == len(values)
    return false_duplicates, checked, saved, opened


def time_import(files: list[Path], docs: Path, jobs: int) -> tuple[float, int]:
    options = ImportOptions(docs=docs, keep_duplicates=True)
    start = time.perf_counter()
    imported = 0
    with Importer(options) as importer:
        for converted in convert_files(files, options, jobs):
            if converted.article is not None:
                outcome = importer.import_article(converted.source, converted.article)
                imported += outcome.status is Status.IMPORTED
    return time.perf_counter() - start, imported


def time_trafilatura(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    extracted = sum(1 for path in files if trafilatura.extract(path.read_bytes()))
    return time.perf_counter() - start, extracted


def bench_jobs(pages: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    try:
        folder = scratch / "pages"
        folder.mkdir()
        files = replicate(folder, pages)
        load = os.getloadavg()[0]
        rows = [
            ("trafilatura.extract", *time_trafilatura(files)),
            ("secretariat import -j 1", *time_import(files, scratch / "docs1", 1)),
            ("secretariat import -j 2", *time_import(files, scratch / "docs2", 2)),
        ]
    finally:
        shutil.rmtree(scratch)
    print(f"\nimport, {pages} pages (load average {load:.1f} at the start)")
    print(f"{'':28}{'seconds':>10}{'pages/s':>10}{'ok':>8}{'× trafilatura':>15}")
    baseline = pages / rows[0][1]
    for name, seconds, ok in rows:
        rate = pages / seconds
        print(f"{name:28}{seconds:10.1f}{rate:10.1f}{ok:8d}{rate / baseline:15.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles", type=int, nargs="+", default=[10000, 100000], help="index sizes"
    )
    parser.add_argument(
        "--hashed", type=int, default=10000, help="articles hashed from synthetic bodies"
    )
    parser.add_argument("--pages", type=int, default=400, help="pages for the jobs benchmark")
    parser.add_argument("--skip-jobs", action="store_true", help="only the dedupe part")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--index", choices=("datasketch", "banded"), help=argparse.SUPPRESS)
    parser.add_argument("--signatures", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        bench_one_size(args.one_size, args.index, args.signatures)
        return
    bench_dedupe(sorted(args.articles), min(args.hashed, max(args.articles)))
    if not args.skip_jobs:
        bench_jobs(args.pages)


if __name__ == "__main__":
    main()
