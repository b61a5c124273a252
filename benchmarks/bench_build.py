"""Build-time benchmark: plain mkdocs-material beside our site, on the same synthetic corpus, in one
run.

For each corpus size and variant (``plain``: Material with ``navigation.prune`` and no plugins;
``engine``: our theme with only the parallel-safe plugins, i.e. the build engine on its own;
``ours``: the project's real ``mkdocs.yml``) it builds a copy of the corpus cold (no cache), edits
one article and rebuilds: ``plain`` rebuilds in full and then with ``--dirty``; ours and engine
rebuild incrementally (the engine's cache kept). Every build runs in its own subprocess (``nice``d;
``--nice 0`` on a machine busy with other work);
for each it reports wall time, peak memory of the whole process tree as PSS (main process, workers,
Pagefind; :mod:`benchmarks.tree_memory`), site size and the engine's rendered/unchanged counts. Up
to ``--equal-max`` articles it also checks that the incremental site equals a clean build of the
same tree, byte for byte (Pagefind's own unstable files aside). ``--first-query`` measures the
bytes Chromium downloads for a first search (:mod:`benchmarks.bench_search`). Then it times the
recommendation computation alone at ``--rank-sizes``.

Usage: ``python -m benchmarks.bench_build [--sizes 1000,5000,10000] [--variants plain,engine,ours]``.
Corpora and sites go to ``benchmarks/out/`` (git-ignored); results also to ``results-build.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.corpus import generate_corpus
from benchmarks.site_config import Variant, write_site_config
from benchmarks.tree_memory import TreeMemory

OUT = Path(__file__).resolve().parent / "out"
MIB = 1024 * 1024

#: The engine's summary line (hooks/build/engine.py).
_PAGES_RE = re.compile(r"Pages: (\d+) rendered \((\d+) workers?\), (\d+) unchanged")

#: Pagefind's bundles change file names and contents from run to run: left out of the comparison.
PAGEFIND = "pagefind"


@dataclass(frozen=True)
class BuildResult:
    """One measured build."""

    n: int
    variant: str
    phase: str
    ok: bool
    seconds: float
    peak_pss_mib: float
    site_mib: float
    article_kib: float
    warnings: int
    rendered: int | None = None
    unchanged: int | None = None
    workers: int | None = None


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


def prepare(n: int, corpus_docs: Path, variant: Variant, name: str, out: Path = OUT) -> Path:
    """A fresh benchmark root with its own copy of the corpus (the edits must not touch it)."""
    root = out / f"build-{n}-{variant}-{name}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(corpus_docs, root / "docs")
    write_site_config(root, root / "docs", variant)
    return root


#: The ``nice`` level of every measured build (``--nice``): polite on a shared machine, but a
#: niced build on a loaded one gets almost no CPU, so the figures then measure the neighbours.
NICE = {"level": 10}


def measure_build(root: Path, n: int, variant: Variant, phase: str, *options: str) -> BuildResult:
    """Build ``root`` once (``options`` passed to ``mkdocs build``); time and measure it."""
    log = root / f"build-{phase.replace(' ', '-')}.log"
    command = ["nice", "-n", str(NICE["level"]), sys.executable, "-m", "mkdocs", "build", *options]
    command += ["-f", str(root / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=output)
        with TreeMemory(process.pid) as memory:
            process.wait()
        seconds = time.perf_counter() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    pages = _PAGES_RE.search(text)
    site = root / "site"
    return BuildResult(
        n=n,
        variant=variant,
        phase=phase,
        ok=process.returncode == 0,
        seconds=seconds,
        peak_pss_mib=memory.peak_kib / 1024,
        site_mib=_tree_bytes(site) / MIB,
        article_kib=_average_article_bytes(root / "docs", site) / 1024,
        warnings=text.count("WARNING"),
        rendered=int(pages.group(1)) if pages else None,
        workers=int(pages.group(2)) if pages else None,
        unchanged=int(pages.group(3)) if pages else None,
    )


def edit_one_article(docs: Path) -> Path:
    """Append a sentence to the middle article, as an editor's save would."""
    articles = sorted(p for p in docs.rglob("*.md") if p.name != "index.md")
    edited = articles[len(articles) // 2]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nAn editor adds one sentence to this article.\n")
    return edited


def measure_variant(
    n: int, corpus_docs: Path, variant: Variant, equal_max: int
) -> tuple[list[BuildResult], list[str] | None]:
    """Cold build, one edit, rebuild(s); and up to ``equal_max`` the incremental == clean check."""
    root = prepare(n, corpus_docs, variant, "edited")
    results = [measure_build(root, n, variant, "cold")]
    edit_one_article(root / "docs")
    if variant == "plain":
        results.append(measure_build(root, n, variant, "rebuild full"))
        edit_one_article(root / "docs")
        results.append(measure_build(root, n, variant, "rebuild --dirty", "--dirty"))
        return results, None
    results.append(measure_build(root, n, variant, "rebuild incremental"))
    if n > equal_max:
        return results, None
    clean = root.with_name(f"build-{n}-{variant}-clean")
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root / "docs", clean / "docs")
    write_site_config(clean, clean / "docs", variant)
    results.append(measure_build(clean, n, variant, "clean (for comparison)"))
    return results, differences(root / "site", clean / "site")


def differences(left: Path, right: Path) -> list[str]:
    """Files whose bytes differ between two sites, Pagefind's bundles aside."""
    a, b = _site_bytes(left), _site_bytes(right)
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def _site_bytes(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and path.relative_to(site).parts[0] != PAGEFIND
    }


def first_query_bytes(site: Path) -> dict[str, int]:
    """Bytes Chromium downloads from focusing the search box to the first results, per query."""
    from benchmarks.bench_search import CHINESE_QUERY, ENGLISH_QUERY, chromium, first_result, serve

    with chromium() as browser, serve(site) as url:
        return {
            label: first_result(browser, url, query).bytes
            for label, query in (("en", ENGLISH_QUERY), ("zh", CHINESE_QUERY))
        }


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
        f"{'N':>6}  {'variant':<7}  {'phase':<22}  {'wall s':>7}  {'s/1k art':>8}  "
        f"{'PSS MiB':>8}  {'site MiB':>8}  {'KiB/art':>7}  {'rendered':>8}  {'kept':>6}  "
        f"{'warn':>4}  ok"
    )
    for r in results:
        rendered = "" if r.rendered is None else f"{r.rendered} ({r.workers}w)"
        kept = "" if r.unchanged is None else str(r.unchanged)
        print(
            f"{r.n:>6}  {r.variant:<7}  {r.phase:<22}  {r.seconds:>7.1f}  "
            f"{r.seconds / r.n * 1000:>8.2f}  {r.peak_pss_mib:>8.0f}  {r.site_mib:>8.1f}  "
            f"{r.article_kib:>7.1f}  {rendered:>8}  {kept:>6}  {r.warnings:>4}  "
            f"{'yes' if r.ok else 'NO'}"
        )
    by_key = {(r.n, r.variant, r.phase): r for r in results}
    for n in sorted({r.n for r in results}):
        plain = by_key.get((n, "plain", "cold"))
        for variant in ("engine", "ours"):
            cold = by_key.get((n, variant, "cold"))
            rebuild = by_key.get((n, variant, "rebuild incremental"))
            if plain and cold:
                print(
                    f"N={n}: {variant} / plain cold build time = "
                    f"{cold.seconds / plain.seconds:.2f}, peak PSS = "
                    f"{cold.peak_pss_mib / max(plain.peak_pss_mib, 1):.2f}"
                )
            if rebuild:
                print(f"N={n}: {variant} rebuild after one edit = {rebuild.seconds:.1f} s")


def print_rankings(results: Sequence[RankResult]) -> None:
    print(f"{'N':>6}  {'segment s':>9}  {'rank s':>7}  (rank target: <= 3 s at 10,000)")
    for r in results:
        print(f"{r.n:>6}  {r.segment_seconds:>9.2f}  {r.rank_seconds:>7.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000,10000", help="corpus sizes (comma list)")
    parser.add_argument("--variants", default="plain,engine,ours", help="which sites to build")
    parser.add_argument("--rank-sizes", default="1000,5000,10000", help="sizes to rank alone")
    parser.add_argument("--equal-max", type=int, default=1000, help="check equality up to N")
    parser.add_argument(
        "--first-query", action="store_true", help="measure the first search's download"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--nice", type=int, default=10, help="nice level of each build")
    args = parser.parse_args(argv)
    NICE["level"] = args.nice
    OUT.mkdir(parents=True, exist_ok=True)
    builds: list[BuildResult] = []
    report: dict[str, object] = {"equal": {}, "first_query_bytes": {}}
    ok = True
    for n in _sizes(args.sizes):
        docs = corpus(n, args.seed)
        for variant in (v.strip() for v in args.variants.split(",")):
            results, differ = measure_variant(n, docs, variant, args.equal_max)  # type: ignore[arg-type]
            for result in results:
                print(json.dumps(asdict(result)), flush=True)
            builds.extend(results)
            if differ is not None:
                report["equal"][f"{n}-{variant}"] = differ  # type: ignore[index]
                print(f"N={n} {variant}: incremental == clean: {not differ} {differ[:5]}")
                ok = ok and not differ
            if args.first_query and variant != "plain":
                site = OUT / f"build-{n}-{variant}-edited" / "site"
                sizes = first_query_bytes(site)
                report["first_query_bytes"][f"{n}-{variant}"] = sizes  # type: ignore[index]
                print(f"N={n} {variant}: first-query download bytes {sizes}", flush=True)
    rankings = [measure_ranking(n, corpus(n, args.seed)) for n in _sizes(args.rank_sizes)]
    print()
    print_builds(builds)
    print()
    print_rankings(rankings)
    report.update(builds=[asdict(b) for b in builds], ranking=[asdict(r) for r in rankings])
    (OUT / "results-build.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if ok and all(b.ok for b in builds) else 1


if __name__ == "__main__":
    sys.exit(main())
