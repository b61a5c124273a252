"""Recommended-list benchmark: the plugin's ``on_env`` work, old beside new, in the same run.

For each size the synthetic library of :mod:`benchmarks.corpus` is generated in memory (same seed,
same articles as ``python -m benchmarks.corpus``, without writing and re-parsing thousands of files)
and handed to two implementations, each in a fresh child process so that time and peak memory are
its own:

``old``: the recommender as it was at ``--old-commit`` (jieba word segmentation, dict term counts),
read straight from git history into a temporary folder, so no copy of it lives in the tree;
``new``: ``hooks/recommended`` of this tree (character bigrams and English words as numpy vectors).

Each child runs what ``on_env`` runs, three times against one cache folder: ``cold`` (empty cache:
a new clone), ``no-op`` (a rebuild, every vector from the disk cache) and ``one edit`` (one body
changed: one vector computed). Peak memory is the child's maximum RSS; ``corpus`` is the RSS after
the library was loaded, before any recommending, so ``peak - corpus`` is what recommending costs.

Quality is compared on the same lists: ``same topic`` is the share of recommended articles from the
article's own subcategory (the corpus's topics) with both boosts off, so only the text decides, and
``agree`` the share of the new lists' entries that the old lists hold too (default boosts).

Usage: ``python -m benchmarks.bench_recommend [--sizes 1000 10000 100000] [--old-max 10000]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: Generated libraries are kept here (git-ignored) and reused by the next run.
CORPORA = ROOT / "benchmarks" / "out" / "recommend"

#: The last commit before the bigram tokenizer: what ``old`` measures.
OLD_COMMIT = "a0cf168"
OLD_FILES = (
    "hooks/__init__.py",
    "hooks/recommended/__init__.py",
    "hooks/recommended/tokens.py",
    "hooks/recommended/similarity.py",
    "hooks/recommended/recommendations.py",
    "hooks/recommended/term_cache.py",
    "hooks/recommended/stopwords-en.txt",
    "hooks/recommended/stopwords-zh.txt",
)

Article = tuple[str, str, str, str, tuple[str, ...]]  # path, title, body, subcategory, tags
Times = tuple[float, float]  # wall, CPU seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--old-max", type=int, default=10000, help="largest size the old code runs at (jieba)"
    )
    parser.add_argument("--old-commit", default=OLD_COMMIT)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="time the cold run only (large sizes, busy machines)",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # child mode: a corpus pickle
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        return measure(Path(args.measure), Path(args.out), args.code, args.cold_only)
    with tempfile.TemporaryDirectory(prefix="bench-recommend-") as folder:
        work = Path(folder)
        old_code = _old_code(work / "old", args.old_commit)
        for n in args.sizes:
            corpus = CORPORA / f"corpus-{n}-seed{args.seed}.pickle"
            if not corpus.exists():
                started = time.perf_counter()
                _write_corpus(corpus, n, args.seed)
                print(f"{n} articles generated in {time.perf_counter() - started:.0f} s")
            results: dict[str, dict[str, Any]] = {}
            for variant, code in (("old", old_code), ("new", None)):
                if variant == "old" and n > args.old_max:
                    continue
                results[variant] = _child(corpus, work / f"{variant}-{n}", code, args.cold_only)
            summary = {v: {k: x for k, x in r.items() if k != "lists"} for v, r in results.items()}
            (CORPORA / f"results-{n}.json").write_text(json.dumps(summary, indent=1) + "\n")
            _print(n, results)
    return 0


def _old_code(folder: Path, commit: str) -> Path:
    for name in OLD_FILES:
        text = subprocess.run(
            ["git", "show", f"{commit}:{name}"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text)
    return folder


def _write_corpus(target: Path, n: int, seed: int) -> None:
    """The articles :func:`benchmarks.corpus.generate_corpus` writes, kept in memory.

    Mirrors its loop (topic, then article, from one seeded generator) minus the files.
    """
    from benchmarks import corpus
    from library.slugs import slugify

    rng = random.Random(seed)
    topics = corpus._topics()
    articles: list[Article] = []
    for number in range(n):
        topic = topics[rng.randrange(len(topics))]
        front, body = corpus._article(rng, topic)
        folder = f"{slugify(topic.category)}/{slugify(topic.subcategory.name)}"
        path = f"{folder}/{slugify(front.title)}-{number}.md"
        articles.append(
            (path, front.title, body, f"{front.category}/{front.subcategory}", front.tags)
        )
    target.write_bytes(pickle.dumps(articles, protocol=pickle.HIGHEST_PROTOCOL))


def _child(corpus: Path, folder: Path, code: Path | None, cold_only: bool) -> dict[str, Any]:
    folder.mkdir(parents=True)
    out = folder / "result.json"
    command = [sys.executable, "-m", "benchmarks.bench_recommend", "--measure", str(corpus)]
    command += ["--out", str(out)] + (["--code", str(code)] if code else [])
    command += ["--cold-only"] if cold_only else []
    subprocess.run(command, cwd=ROOT, check=True)
    return dict(json.loads(out.read_text(encoding="utf-8")))


def measure(corpus: Path, out: Path, code: str | None, cold_only: bool = False) -> int:
    """Child: cold, no-op and one-edit runs of one implementation; results as JSON in ``out``."""
    if code:
        sys.path.insert(0, code)  # ahead of the tree: `hooks.recommended` is the old code
    from hooks.recommended.recommendations import Article as Input
    from hooks.recommended.recommendations import Settings, recommend
    from hooks.recommended.term_cache import TermCache

    articles: list[Article] = pickle.loads(corpus.read_bytes())
    corpus_mib = _peak_mib()
    cache = out.parent / "cache"
    pages = {path for path, *_ in articles}

    def run(texts: list[Article], settings: Settings) -> tuple[Times, dict[str, list[str]], int]:
        started, cpu = time.perf_counter(), time.process_time()
        terms = TermCache(cache)
        counts = terms.counts_for([(title, body) for _, title, body, _, _ in texts])
        inputs = [
            Input(path, vector, subcategory, tags)
            for (path, _, _, subcategory, tags), vector in zip(texts, counts, strict=True)
        ]
        lists, _ = recommend(inputs, settings, pages)
        return (time.perf_counter() - started, time.process_time() - cpu), lists, terms.misses

    default = Settings(limit=5, subcategory_boost=0.1, tag_boost=0.1)
    cold, lists, _ = run(articles, default)
    cold_peak = _peak_mib()
    if cold_only:
        nothing = (float("nan"), float("nan"))
        result = {"cold_s": cold, "noop_s": nothing, "edit_s": nothing, "edit_misses": -1}
        result |= {"noop_equal": None, "corpus_mib": corpus_mib, "peak_mib": cold_peak}
        result |= {"same_topic": float("nan"), "lists": None}
        out.write_text(json.dumps(result), encoding="utf-8")
        return 0
    noop, again, _ = run(articles, default)
    edited = list(articles)
    path, title, body, subcategory, tags = edited[len(edited) // 2]
    edited[len(edited) // 2] = (path, title, body + "\n\nOne more sentence.", subcategory, tags)
    edit, _, misses = run(edited, default)
    plain = Settings(limit=5)
    _, text_only, _ = run(articles, plain)
    topic = {path: subcategory for path, _, _, subcategory, _ in articles}
    result = {
        "cold_s": cold,
        "noop_s": noop,
        "edit_s": edit,
        "edit_misses": misses,
        "noop_equal": again == lists,
        "corpus_mib": corpus_mib,
        "peak_mib": _peak_mib(),
        "same_topic": _same_topic(text_only, topic),
        "digest": hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:12],
        "lists": lists if len(articles) <= 10000 else None,
    }
    out.write_text(json.dumps(result), encoding="utf-8")
    return 0


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _same_topic(lists: dict[str, list[str]], topic: dict[str, str]) -> float:
    pairs = [(path, other) for path, others in lists.items() for other in others]
    return sum(topic[a] == topic[b] for a, b in pairs) / max(1, len(pairs))


def _agree(old: dict[str, list[str]], new: dict[str, list[str]]) -> float:
    shared = sum(len(set(new[p]) & set(old.get(p, ()))) for p in new)
    return shared / max(1, sum(map(len, new.values())))


def _print(n: int, results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{n:,} articles (load average {os.getloadavg()[0]:.1f})")
    print("seconds as wall/CPU (CPU time is the fairer figure on a shared machine)")
    print(
        f"{'':4} {'cold s':>12} {'no-op s':>12} {'1 edit s':>12} {'corpus MiB':>11} "
        f"{'peak MiB':>9} {'same topic':>10}"
    )
    for variant, r in results.items():
        cold, noop, edit = (f"{w:.2f}/{c:.2f}" for w, c in (r["cold_s"], r["noop_s"], r["edit_s"]))
        print(
            f"{variant:4} {cold:>12} {noop:>12} {edit:>12} "
            f"{r['corpus_mib']:11.0f} {r['peak_mib']:9.0f} {r['same_topic']:10.1%}"
            f"   (edit recomputed {r['edit_misses']} vector(s); no-op lists equal: "
            f"{r['noop_equal']})"
        )
    if "old" in results and "new" in results and results["new"]["lists"] is not None:
        agree = _agree(results["old"]["lists"], results["new"]["lists"])
        print(f"new lists' entries also in the old lists: {agree:.1%}")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
