"""Importer speed and extraction quality beside trafilatura's own ``extract``, same pages, same run.

Three measurements, each printed as a table:

1. **Quality on our fixtures** (``tests/fixtures/unknown``): pages of templates without a
   profile, with their right answers in ``expected.json`` and the article's own element. Body
   word recall and precision (bag of tokens: each CJK character and each Latin word is a token)
   and title / date / category / views accuracy, for our pipeline and for ``trafilatura.extract``
   with ``favor_precision`` and with default settings.
2. **Quality on real pages** fetched from public repositories and kept outside the repository:
   trafilatura's evaluation set (``--trafilatura-eval DIR``: a folder holding ``evaldata.json``
   and ``eval/``, e.g. ``git archive`` of adbar/trafilatura's ``tests/``), scored as trafilatura's
   own evaluation does (an expected snippet found is a true positive, an unwanted one found a false
   positive) plus title and date accuracy; and GeneralNewsExtractor's Chinese test pages
   (``--gne-pages DIR``), which come without expected text, so only what each system finds is
   counted (date found, breadcrumb category found, characters of body).
3. **Throughput**: the sample pages replicated to ``--pages`` files, imported with the real
   pipeline (decode, extract, clean, convert, write, manifest, near-duplicate index) with one
   and with two jobs, and passed through ``trafilatura.extract`` (extraction only: no cleaning,
   no Markdown, no writing) in one and in two processes; each ratio compares the same number of
   processes.

Run: ``make bench-import`` or ``python -m benchmarks.bench_import --pages 1000
--trafilatura-eval /tmp/bench-data/tests --gne-pages /tmp/bench-data/gne``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import trafilatura
from bs4 import BeautifulSoup

from importer.decode import decode_page
from importer.metadata import UNCATEGORIZED
from importer.parallel import PAGES_AHEAD_PER_JOB, convert_files
from importer.pipeline import Importer, ImportOptions, convert_page
from importer.records import ImportProblem, RawPage, Status

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "html"
_TOKEN_RE = re.compile(r"[\u3400-\u9fff]|[^\W\d_]+|\d+")


@dataclass(frozen=True)
class Extraction:
    """What one system made of one page."""

    text: str = ""
    title: str | None = None
    date: dt.date | None = None
    category: str | None = None
    views: int | None = None


@dataclass
class Score:
    """Totals over a page set for one system."""

    pages: int = 0
    found: int = 0  # pages with any text
    tokens_true: int = 0
    tokens_out: int = 0
    tokens_hit: int = 0
    checks: Counter[str] = field(default_factory=Counter)  # "title" -> right answers
    asked: Counter[str] = field(default_factory=Counter)  # "title" -> pages with an answer key
    seconds: float = 0.0

    def add_tokens(self, truth: str, output: str) -> None:
        true, out = Counter(tokens(truth)), Counter(tokens(output))
        self.tokens_true += sum(true.values())
        self.tokens_out += sum(out.values())
        self.tokens_hit += sum((true & out).values())

    def check(self, name: str, right: bool) -> None:
        self.asked[name] += 1
        self.checks[name] += right


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN_RE.findall(text)]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


# --- the three systems ---------------------------------------------------------------------------


def ours(raw: RawPage) -> Extraction:
    """Our whole pipeline; the Markdown body is rendered back to text to be compared."""
    try:
        article = convert_page(raw, ImportOptions(today=dt.date(2000, 1, 1)))
    except ImportProblem:
        return Extraction()
    text = BeautifulSoup(markdown.markdown(article.body), "html.parser").get_text(" ")
    front = article.front
    category = front.category if front.category != UNCATEGORIZED else None
    return Extraction(text, front.title, front.date, category, front.views)


def trafilatura_with(favor_precision: bool) -> Callable[[RawPage], Extraction]:
    def run(raw: RawPage) -> Extraction:
        document = trafilatura.bare_extraction(
            raw.data, url=raw.url, favor_precision=favor_precision, with_metadata=True
        )
        if document is None:
            return Extraction()
        date = None
        if getattr(document, "date", None):
            try:
                date = dt.date.fromisoformat(str(document.date)[:10])
            except ValueError:
                date = None
        categories = getattr(document, "categories", None) or []
        return Extraction(
            getattr(document, "text", "") or "",
            getattr(document, "title", None),
            date,
            categories[0] if categories else None,
        )

    return run


SYSTEMS: dict[str, Callable[[RawPage], Extraction]] = {
    "secretariat import": ours,
    "trafilatura favor_precision": trafilatura_with(True),
    "trafilatura default": trafilatura_with(False),
}


def warm_up() -> None:
    """A page of each language through every system first, so lazy imports and caches are not
    timed: a Chinese title loads pypinyin's tables (about 0.6 s, :mod:`library.slugs`), which
    the English page alone left to the first timed round and to every worker of every two-job
    round, since the workers fork from this process."""
    pages = sorted(SAMPLES.glob("*.html"))
    for language in ("en-", "zh-"):
        page = next(page for page in pages if page.name.startswith(language))
        raw = RawPage(source="warm-up.html", data=page.read_bytes())
        for system in SYSTEMS.values():
            system(raw)


def timed(system: Callable[[RawPage], Extraction], raw: RawPage, score: Score) -> Extraction:
    start = time.perf_counter()
    result = system(raw)
    score.seconds += time.perf_counter() - start
    score.pages += 1
    score.found += bool(result.text.strip())
    return result


def _same(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return re.sub(r"\W+", "", s or "").casefold()

    return bool(norm(a)) and norm(a) == norm(b)


# --- 1. fixtures -------------------------------------------------------------------------------


def bench_fixtures() -> dict[str, Score]:
    """Our unknown-template fixtures against ``expected.json``: the article's text is the
    fixture's own article element (not our golden output), so the comparison is not circular."""
    folder = ROOT / "tests" / "fixtures" / "unknown"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in SYSTEMS}
    for stem, case in sorted(expected.items()):
        data = (folder / f"{stem}.html").read_bytes()
        raw = RawPage(source=f"{stem}.html", data=data)
        soup = BeautifulSoup(decode_page(raw).text, "lxml")
        article = soup.select_one(case["body"])
        truth_text = article.get_text(" ") if article is not None else ""
        date = dt.date.fromisoformat(case["date"]) if case["date"] else None
        for name, system in SYSTEMS.items():
            got = timed(system, raw, scores[name])
            scores[name].add_tokens(truth_text, got.text)
            scores[name].check("title", _same(got.title, case["title"]))
            scores[name].check("date", got.date == date)
            scores[name].check("category", _same(got.category, case["category"]))
            scores[name].check("views", got.views == case["views"])
    return scores


# --- 2. real pages -----------------------------------------------------------------------------


def bench_trafilatura_eval(folder: Path, limit: int) -> dict[str, Score]:
    """trafilatura's evaluation pages; snippets counted as its own evaluate.py counts them."""
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in SYSTEMS}
    cases = [
        (url, case)
        for url, case in sorted(data.items())
        if (folder / "eval" / case["file"]).exists()
    ]
    for url, case in cases[:limit]:
        raw = RawPage(
            source=case["file"], data=(folder / "eval" / case["file"]).read_bytes(), url=url
        )
        for name, system in SYSTEMS.items():
            got = timed(system, raw, scores[name])
            score = scores[name]
            text = " ".join(got.text.split())
            for snippet in case.get("with", []):
                score.check("snippet-with", " ".join(snippet.split()) in text)
            for snippet in case.get("without", []):
                score.check("snippet-without-absent", " ".join(snippet.split()) not in text)
            if case.get("title"):
                score.check("title", _same(got.title, case["title"]))
            if case.get("date"):
                score.check("date", str(got.date) == str(case["date"])[:10])
    return scores


def bench_gne(folder: Path) -> dict[str, Score]:
    """GeneralNewsExtractor's Chinese news pages: no expected text, so what is found is counted."""
    scores = {name: Score() for name in SYSTEMS}
    for page in sorted(folder.rglob("*.html")):
        raw = RawPage(source=page.name, data=page.read_bytes())
        for name, system in SYSTEMS.items():
            got = timed(system, raw, scores[name])
            scores[name].tokens_out += len(tokens(got.text))
            scores[name].check("date found", got.date is not None)
            scores[name].check("category found", bool(got.category))
            scores[name].check("title found", bool(got.title))
    return scores


def print_scores(heading: str, scores: dict[str, Score], checks: Iterable[str], body: bool) -> None:
    checks = list(checks)
    print(f"\n{heading}")
    columns = [
        "pages",
        "found",
        *(["recall", "precision", "F1"] if body else ["tokens"]),
        *checks,
        "s",
    ]
    print(f"{'':30}" + "".join(f"{c:>16}" for c in columns))
    for name, s in scores.items():
        row = [str(s.pages), str(s.found)]
        if body:
            recall, precision = (
                (s.tokens_hit / s.tokens_true if s.tokens_true else 0.0),
                (s.tokens_hit / s.tokens_out if s.tokens_out else 0.0),
            )
            f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
            row += [f"{recall:.3f}", f"{precision:.3f}", f"{f1:.3f}"]
        else:
            row.append(str(s.tokens_out))
        row += [_ratio(s.checks[c], s.asked[c]) for c in checks]
        row.append(f"{s.seconds:.1f}")
        print(f"{name:30}" + "".join(f"{c:>16}" for c in row))


def snippet_f1(scores: dict[str, Score], heading: str) -> None:
    print(f"\n{heading} (snippets as trafilatura's evaluate.py counts them)")
    print(f"{'':30}{'precision':>12}{'recall':>12}{'F1':>12}{'title':>12}{'date':>12}")
    for name, s in scores.items():
        tp = s.checks["snippet-with"]
        fn = s.asked["snippet-with"] - tp
        fp = s.asked["snippet-without-absent"] - s.checks["snippet-without-absent"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{name:30}{precision:12.3f}{recall:12.3f}{f1:12.3f}"
            f"{_ratio(s.checks['title'], s.asked['title']):>12}"
            f"{_ratio(s.checks['date'], s.asked['date']):>12}"
        )


# --- 3. throughput -----------------------------------------------------------------------------


def replicate(folder: Path, pages: int) -> list[Path]:
    """Copies of the sample pages, each made unique by a marker paragraph in its body."""
    originals = sorted(SAMPLES.glob("*.html"))
    files = []
    for index in range(pages):
        source = originals[index % len(originals)]
        data = source.read_bytes()
        if index >= len(originals):  # a different title makes a different article, not a duplicate
            data = data.replace(b"</h1>", f" ({index})</h1>".encode("ascii"), 1)
        target = folder / f"{index:05d}-{source.name}"
        target.write_bytes(data)
        files.append(target)
    return files


def time_importer(files: list[Path], docs: Path, jobs: int = 1) -> tuple[float, int]:
    """The import as ``python -m importer import --jobs N`` runs it: pages converted in ``jobs``
    processes, written (manifest, near-duplicate index) by this one."""
    options = ImportOptions(docs=docs, keep_duplicates=True)
    start = time.perf_counter()
    imported = 0
    with Importer(options) as importer:
        for converted in convert_files(files, options, jobs):
            if converted.article is not None:
                outcomes = importer.submit_article(
                    converted.source, converted.article, converted.signature
                )
                imported += sum(outcome.status is Status.IMPORTED for outcome in outcomes)
        imported += sum(outcome.status is Status.IMPORTED for outcome in importer.finish())
    return time.perf_counter() - start, imported


def _trafilatura_extracts(path: Path) -> bool:
    return bool(trafilatura.extract(path.read_bytes()))


def time_trafilatura(files: list[Path], jobs: int = 1) -> tuple[float, int]:
    """``trafilatura.extract`` over the files, in ``jobs`` processes (1: this one)."""
    start = time.perf_counter()
    if jobs <= 1:
        extracted = sum(_trafilatura_extracts(path) for path in files)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            extracted = sum(pool.map(_trafilatura_extracts, files, chunksize=PAGES_AHEAD_PER_JOB))
    return time.perf_counter() - start, extracted


@dataclass
class Throughput:
    """Seconds of each round for one system (rounds alternate the order of the systems)."""

    name: str
    jobs: int
    seconds: list[float] = field(default_factory=list)
    ok: int = 0

    def rate(self, pages: int) -> float:
        return pages / statistics.median(self.seconds)


def bench_throughput(pages: int, rounds: int) -> None:
    """Ours and trafilatura's pages/s with 1 and with 2 processes, side by side. The machine is
    shared, so each system runs ``rounds`` times, the order reversed every round, and the median
    round counts."""
    systems = [
        Throughput("trafilatura.extract", 1),
        Throughput("secretariat import", 1),
        Throughput("trafilatura.extract", 2),
        Throughput("secretariat import", 2),
    ]
    scratch = Path(tempfile.mkdtemp(prefix="bench-import-"))
    load_before = os.getloadavg()
    try:
        folder = scratch / "pages"
        folder.mkdir()
        files = replicate(folder, pages)
        for round_number in range(rounds):
            order = systems if round_number % 2 == 0 else systems[::-1]
            for system in order:
                if system.name.startswith("trafilatura"):
                    seconds, system.ok = time_trafilatura(files, system.jobs)
                else:
                    docs = scratch / f"docs-{round_number}-{system.jobs}"
                    seconds, system.ok = time_importer(files, docs, system.jobs)
                    shutil.rmtree(docs)
                system.seconds.append(seconds)
    finally:
        shutil.rmtree(scratch)
    load_after = os.getloadavg()
    print(f"\nThroughput ({pages} sample pages, median of {rounds} rounds; {os.cpu_count()} cores)")
    print(
        "load average (1, 5, 15 min): "
        f"before {' '.join(f'{x:.1f}' for x in load_before)}, "
        f"after {' '.join(f'{x:.1f}' for x in load_after)}"
    )
    print(f"{'':28}{'jobs':>6}{'seconds':>10}{'pages/s':>10}{'ok':>8}{'× trafilatura':>16}")
    for system in systems:
        baseline = next(s for s in systems if s.jobs == system.jobs)  # trafilatura, same jobs
        rate = system.rate(pages)
        print(
            f"{system.name:28}{system.jobs:6d}{statistics.median(system.seconds):10.1f}"
            f"{rate:10.1f}{system.ok:8d}{rate / baseline.rate(pages):16.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pages", type=int, default=1000, help="throughput files (default 1000; 0 skips)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="throughput rounds, median kept (default 3)"
    )
    parser.add_argument(
        "--trafilatura-eval", type=Path, help="folder with trafilatura's evaldata.json and eval/"
    )
    parser.add_argument(
        "--eval-pages", type=int, default=300, help="evaluation pages used (default 300)"
    )
    parser.add_argument(
        "--gne-pages", type=Path, help="folder of GeneralNewsExtractor's test pages"
    )
    args = parser.parse_args()
    warm_up()
    print_scores(
        "Fixtures of unknown templates (answers: tests/fixtures/unknown/expected.json)",
        bench_fixtures(),
        ("title", "date", "category", "views"),
        body=True,
    )
    if args.trafilatura_eval:
        snippet_f1(
            bench_trafilatura_eval(args.trafilatura_eval, args.eval_pages),
            f"trafilatura evaluation set, first {args.eval_pages} pages",
        )
    else:
        print("\n(trafilatura evaluation set skipped: pass --trafilatura-eval DIR)")
    if args.gne_pages:
        print_scores(
            "GeneralNewsExtractor Chinese pages (no expected text: what is found)",
            bench_gne(args.gne_pages),
            ("title found", "date found", "category found"),
            body=False,
        )
    else:
        print("\n(GeneralNewsExtractor pages skipped: pass --gne-pages DIR)")
    if args.pages:
        bench_throughput(args.pages, args.rounds)


if __name__ == "__main__":
    main()
