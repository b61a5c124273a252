"""Near-duplicate detection at library scale, and import pages/s with 1 and 2 jobs.

Part 1 (dedupe): synthetic articles (half English, half Chinese, each with its own sentences drawn
from a fixed vocabulary) go through the near-duplicate index as an import would use it: a
look-up, then an add, per article; then the index is saved and opened again, as the next import
opens it. Reported at several sizes so that linear growth shows: time per article should stay flat.
Each size runs in a fresh process, whose peak resident set (``ru_maxrss``) growth over its
start-up is the index's peak memory; ``tracemalloc`` is left out because it slows every allocation.

Part 2 (jobs): the shipped sample pages, replicated to N files, imported with the real pipeline
(convert in worker processes, write in the main one, ``--keep-duplicates`` so the copies are
written rather than reported) with 1 and with 2 jobs, beside ``trafilatura.extract`` on the same
files in the same run.

Run: ``make bench-dedupe`` or ``python -m benchmarks.bench_dedupe --articles 10000 --pages 400``.
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

import trafilatura

from benchmarks.bench_import import replicate
from importer.near_duplicates import INDEX_NAME, NearDuplicateIndex
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


def bench_dedupe(sizes: list[int]) -> None:
    print(f"near-duplicates (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(
        f"{'articles':>9}{'check+add s':>13}{'ms/article':>12}{'save s':>8}{'open s':>8}"
        f"{'index MB':>10}{'peak RSS +MB':>14}{'false dups':>12}",
        flush=True,
    )
    for size in sizes:  # a fresh process each, so that its peak memory is this size's alone
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_dedupe", "--one-size", str(size)], check=True
        )


def bench_one_size(size: int) -> None:
    """One row of the dedupe table: check and add ``size`` articles, save, open again."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rng = random.Random(size)
    scratch = Path(tempfile.mkdtemp(prefix="bench-dedupe-"))
    try:
        index = NearDuplicateIndex(scratch)
        false_duplicates = 0
        checked = 0.0
        for number in range(size):  # bodies made one at a time: only the index stays in memory
            body = synthetic_article(rng, number)
            start = time.perf_counter()
            if index.find(body) is not None:
                false_duplicates += 1
            index.add(f"a/{number:06d}.md", body)
            checked += time.perf_counter() - start
        start = time.perf_counter()
        index.save()
        saved = time.perf_counter() - start
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        (scratch / "a").mkdir()
        for number in range(size):  # the files the index stands for, so open() keeps them
            (scratch / "a" / f"{number:06d}.md").touch()
        start = time.perf_counter()
        reopened = NearDuplicateIndex.open(scratch)
        opened = time.perf_counter() - start
        assert reopened.problem is None and len(reopened.signatures) == size
        megabytes = (scratch / INDEX_NAME).stat().st_size / 1e6
    finally:
        shutil.rmtree(scratch)
    print(
        f"{size:9d}{checked:13.1f}{checked / size * 1000:12.2f}{saved:8.2f}{opened:8.2f}"
        f"{megabytes:10.1f}{rss_growth:14.0f}{false_duplicates:12d}",
        flush=True,
    )


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
    parser.add_argument("--articles", type=int, default=10000, help="largest index size")
    parser.add_argument("--pages", type=int, default=400, help="pages for the jobs benchmark")
    parser.add_argument("--skip-jobs", action="store_true", help="only the dedupe part")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        bench_one_size(args.one_size)
        return
    sizes = sorted({max(1, args.articles // 4), max(1, args.articles // 2), args.articles})
    bench_dedupe(sizes)
    if not args.skip_jobs:
        bench_jobs(args.pages)


if __name__ == "__main__":
    main()
