"""Build-time benchmark: plain mkdocs-material beside our site, on the same synthetic corpus, in one
run.

For each corpus size it builds twice, each build in its own ``nice``d subprocess: ``plain``
(Material with ``navigation.prune``, no plugins, every article in the automatic nav) and ``ours``
(the project's real ``mkdocs.yml``, every plugin on, cold caches). It reports wall time, the ratio
of the two, peak memory (GNU time's maximum resident set size), the size of the site on
disk and the average HTML size of an article page; then it times the recommendation computation
alone (segmenting and ranking, separately) at 1,000 / 5,000 / 10,000 articles.

Usage: ``python -m benchmarks.bench_build [--sizes 1000,5000] [--rank-sizes 1000,5000,10000]``.
Corpora and sites go to ``benchmarks/out/`` (git-ignored); results also to ``results-build.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.corpus import generate_corpus
from benchmarks.site_config import Variant, write_site_config

OUT = Path(__file__).resolve().parent / "out"
MIB = 1024 * 1024

#: GNU time measures the build's own peak memory. ``ru_maxrss`` of a child forked from this process
#: would start at this process's high-water mark (Linux keeps it across fork and exec), so it is only
#: the fallback where GNU time is missing.
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class BuildResult:
    """One measured build."""

    n: int
    variant: str
    ok: bool
    seconds: float
    peak_mib: float
    site_mib: float
    article_kib: float
    warnings: int


@dataclass(frozen=True)
class RankResult:
    """The recommendation computation alone, without MkDocs."""

    n: int
    segment_seconds: float
    rank_seconds: float


def corpus(n: int, seed: int, out: Path = OUT) -> Path:
    """The docs folder of an ``n``-article corpus, generated once per size and seed."""
    docs = out / f"corpus-{n}-seed{seed}" / "docs"
    marker = docs.parent / "complete"
    if not marker.exists():
        shutil.rmtree(docs.parent, ignore_errors=True)
        generate_corpus(docs, n, seed)
        marker.write_text(f"{n} articles, seed {seed}\n")
    return docs


def measure_build(n: int, docs: Path, variant: Variant, out: Path = OUT) -> BuildResult:
    """Build ``docs`` with ``variant`` in a fresh folder; time and measure it."""
    root = out / f"build-{n}-{variant}"
    shutil.rmtree(root, ignore_errors=True)
    config = write_site_config(root, docs, variant)
    log = root / "build.log"
    peak_file = root / "peak-kib.txt"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    if GNU_TIME.exists():
        command = [str(GNU_TIME), "-f", "%M", "-o", str(peak_file), *command]
    command = ["nice", "-n", "10", *command]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_kib = int(peak_file.read_text().split()[-1]) if peak_file.exists() else usage.ru_maxrss
    site = root / "site"
    text = log.read_text(encoding="utf-8", errors="replace")
    return BuildResult(
        n=n,
        variant=variant,
        ok=process.returncode == 0,
        seconds=seconds,
        peak_mib=peak_kib / 1024,
        site_mib=_tree_bytes(site) / MIB,
        article_kib=_average_article_bytes(docs, site) / 1024,
        warnings=text.count("WARNING"),
    )


def measure_ranking(n: int, docs: Path) -> RankResult:
    """Segment and rank ``docs`` as the plugin does, without MkDocs and without the disk cache."""
    from hooks.recommended.recommendations import Article, Settings, recommend
    from hooks.recommended.term_cache import TermCache
    from hooks.recommended.tokens import tokenize
    from library.frontmatter import from_mapping, split

    tokenize("预热")  # load jieba's dictionary before the clock starts, as a build does early
    sources = []
    for path in sorted(docs.rglob("*.md")):
        meta, body = split(path.read_text(encoding="utf-8"))
        sources.append((path.relative_to(docs).as_posix(), from_mapping(meta, str(path)), body))
    started = time.perf_counter()
    counts = TermCache(None).counts_for([(front.title, body) for _, front, body in sources])
    segmented = time.perf_counter()
    articles = [
        Article(p, c, f"{f.category}/{f.subcategory}", f.tags, f.recommended, f.not_recommended)
        for (p, f, _), c in zip(sources, counts, strict=True)
    ]
    settings = Settings(limit=5, subcategory_boost=0.1, tag_boost=0.1)
    recommend(articles, settings, {a.path for a in articles})
    ranked = time.perf_counter()
    return RankResult(n, segmented - started, ranked - segmented)


def _tree_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.exists() else 0


def _average_article_bytes(docs: Path, site: Path) -> float:
    sizes = [
        page.stat().st_size
        for md in docs.rglob("*.md")
        if (page := site / md.relative_to(docs).with_suffix("") / "index.html").exists()
    ]
    return sum(sizes) / len(sizes) if sizes else 0.0


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def print_builds(results: Sequence[BuildResult]) -> None:
    print(
        f"{'N':>6}  {'variant':<6}  {'wall s':>7}  {'s/1k art':>8}  {'peak MiB':>8}  "
        f"{'site MiB':>9}  {'KiB/article':>11}  {'warnings':>8}  ok"
    )
    for r in results:
        print(
            f"{r.n:>6}  {r.variant:<6}  {r.seconds:>7.1f}  {r.seconds / r.n * 1000:>8.2f}  "
            f"{r.peak_mib:>8.0f}  {r.site_mib:>9.1f}  {r.article_kib:>11.1f}  {r.warnings:>8}  "
            f"{'yes' if r.ok else 'NO'}"
        )
    by_n: dict[int, dict[str, BuildResult]] = {}
    for r in results:
        by_n.setdefault(r.n, {})[r.variant] = r
    for n, pair in sorted(by_n.items()):
        if "plain" in pair and "ours" in pair:
            ratio = pair["ours"].seconds / pair["plain"].seconds
            print(f"N={n}: ours / plain (navigation.prune) wall time = {ratio:.2f} (target <= 0.5)")


def print_rankings(results: Sequence[RankResult]) -> None:
    print(f"{'N':>6}  {'segment s':>9}  {'rank s':>7}  (rank target: <= 3 s at 10,000)")
    for r in results:
        print(f"{r.n:>6}  {r.segment_seconds:>9.2f}  {r.rank_seconds:>7.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000", help="corpus sizes to build (comma list)")
    parser.add_argument("--rank-sizes", default="1000,5000,10000", help="sizes to rank alone")
    parser.add_argument("--variants", default="plain,ours", help="which sites to build")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    builds: list[BuildResult] = []
    for n in _sizes(args.sizes):
        docs = corpus(n, args.seed)
        for variant in args.variants.split(","):
            result = measure_build(n, docs, variant.strip())
            print(json.dumps(asdict(result)), flush=True)
            builds.append(result)
    rankings = [measure_ranking(n, corpus(n, args.seed)) for n in _sizes(args.rank_sizes)]
    print()
    print_builds(builds)
    print()
    print_rankings(rankings)
    report = {"builds": [asdict(b) for b in builds], "ranking": [asdict(r) for r in rankings]}
    (OUT / "results-build.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if all(b.ok for b in builds) else 1


if __name__ == "__main__":
    sys.exit(main())
