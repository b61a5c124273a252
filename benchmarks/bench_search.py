"""Search benchmark: mkdocs-material's built-in search beside our Pagefind search, same corpus, same run.

For each corpus size it builds the synthetic library (:mod:`benchmarks.corpus`) twice:

``material``: mkdocs-material with its ``search`` plugin. Reported: ``search_index.json`` raw and
gzipped, and what a browser downloads before its first result (Material fetches the whole index and its
worker on page load; measured in Chromium up to ``--material-browser-max`` articles, above that the sum
of the same files on disk, because Chromium indexing a 100 MB JSON file on two cores proves nothing new).

``pagefind``: mkdocs-material with ``overrides/`` and ``secretariat/search``. Reported: the build time,
the time indexing adds after the page loop (``on_post_build``; pages are indexed while they render),
that time as a share of the build, the peak memory of the Pagefind processes, the bundle size on disk,
and the bytes Chromium downloads from focusing the search box until the first results are drawn, for
an English and (on a fresh page) a Chinese query.

Both variants use ``navigation.prune``: a 10,000-entry navigation on every page would dominate the build
and hide what search costs. Targets (issue 5): <= 1 MB for the first query at 10,000 articles, indexing
<= 10 % of the build.

Usage: ``python -m benchmarks.bench_search [--sizes 1000 5000 10000] [--out benchmarks/out/search]``.
Run it niced, it keeps both cores busy for a long while.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks.corpus import generate_corpus
from benchmarks.tree_memory import TreeMemory, parent_of, pss_kib

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
#: A core word of one English and one Chinese subcategory of the corpus: every size has matches.
ENGLISH_QUERY = "inspection"
CHINESE_QUERY = "安全"


@dataclass
class Row:
    """One corpus size's measurements; ``None`` where a figure was not taken."""

    articles: int
    material_build_s: float = 0.0
    material_index_bytes: int = 0
    material_index_gzip_bytes: int = 0
    material_first_result_bytes: int = 0
    material_first_result_method: str = ""
    material_first_result_ms: float | None = None
    pagefind_build_s: float = 0.0
    pagefind_index_s: float = 0.0
    pagefind_bundle_bytes: int = 0
    pagefind_first_query_bytes: dict[str, int] = field(default_factory=dict)
    pagefind_first_result_ms: dict[str, float] = field(default_factory=dict)
    pagefind_peak_kib: int = 0
    pagefind_processes: int = 0


# ---------- building ----------


def write_config(root: Path, docs: Path, variant: str) -> Path:
    """``material``: Material and its search; ``pagefind``: Material, our overrides, our search."""
    theme: dict[str, Any] = {"name": "material", "font": False, "features": ["navigation.prune"]}
    if variant == "material":
        plugins: list[Any] = ["search"]
    else:
        theme["custom_dir"] = str(PROJECT / "overrides")
        plugins = ["secretariat/search"]
    config = {
        "site_name": f"Search benchmark ({variant})",
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": theme,
        "plugins": plugins,
    }
    path = root / "mkdocs.yml"
    root.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(config_file: Path) -> float:
    """Build in this process; return wall-clock seconds."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.perf_counter()
    mkdocs_build(load_config(config_file=str(config_file)))
    return time.perf_counter() - started


@contextlib.contextmanager
def timed_indexing() -> Iterator[list[float]]:
    """Time the plugin's ``on_post_build`` (what indexing adds after the page loop) during a build.

    The class is patched before the build loads its config, so the plugin's registered event is
    the timed one.
    """
    from hooks.search.plugin import SearchPlugin

    spent: list[float] = []
    original = SearchPlugin.on_post_build

    @functools.wraps(original)
    def timed(self: SearchPlugin, **kwargs: Any) -> None:
        started = time.perf_counter()
        try:
            original(self, **kwargs)
        finally:
            spent.append(time.perf_counter() - started)

    SearchPlugin.on_post_build = timed  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        SearchPlugin.on_post_build = original  # type: ignore[method-assign]


class PagefindMemory(TreeMemory):
    """Peak summed PSS of this process's Pagefind children, sampled like :class:`TreeMemory`."""

    def __init__(self) -> None:
        super().__init__(os.getpid())
        self.processes = 0

    def sample(self) -> int:
        sizes = [
            pss_kib(pid)
            for pid in (
                int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
            )
            if parent_of(pid) == self.pid and "pagefind" in _command(pid)
        ]
        self.processes = max(self.processes, len(sizes))
        return sum(sizes)


def _command(pid: int) -> str:
    """The process's command name as /proc shows it ('' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/comm").read_text()
    except OSError:
        return ""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---------- the browser ----------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Download:
    """Bytes fetched between two moments of a page's life, and how long the wait for results was."""

    bytes: int
    ms: float


def first_result(
    browser: Any, url: str, query: str, *, before: Callable[[Any], None] | None = None
) -> Download:
    """Open ``url`` in a fresh context, then count what is fetched from focusing the box to results.

    Bodies are counted decoded (the test server does not compress; Pagefind's chunks are already
    gzip-compressed files), so the figure is what crosses the wire from a plain static host.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses: list[Any] = []
    page.goto(url, wait_until="networkidle")
    if before is not None:
        before(page)
    page.on("response", lambda response: responses.append(response))
    started = time.perf_counter()
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=600_000)
    elapsed = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    total = sum(_body_size(r) for r in responses)
    context.close()
    return Download(bytes=total, ms=elapsed)


def _body_size(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:  # redirects and aborted requests have no body
        return 0


def material_page_load(browser: Any, url: str, query: str) -> Download:
    """Material fetches its index on page load, so count from navigation to the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=600_000)
    elapsed = (time.perf_counter() - started) * 1000
    search = [r for r in responses if "/search/" in r.url or "/workers/" in r.url]
    total = sum(_body_size(r) for r in search)
    context.close()
    return Download(bytes=total, ms=elapsed)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


# ---------- one corpus size ----------


def measure(n: int, out: Path, browser: Any, material_browser_max: int) -> Row:
    row = Row(articles=n)
    workdir = out / str(n)
    shutil.rmtree(workdir, ignore_errors=True)
    docs = workdir / "docs"
    generate_corpus(docs, n)
    (docs / "index.md").write_text("# Search benchmark\n", encoding="utf-8")
    print(f"[{n}] corpus written", flush=True)

    material = write_config(workdir / "material", docs, "material")
    row.material_build_s = build(material)
    index = workdir / "material" / "site" / "search" / "search_index.json"
    raw = index.read_bytes()
    row.material_index_bytes = len(raw)
    row.material_index_gzip_bytes = len(gzip.compress(raw, compresslevel=6))
    site = workdir / "material" / "site"
    if n <= material_browser_max:
        with serve(site) as url:
            download = material_page_load(browser, url, ENGLISH_QUERY)
        row.material_first_result_bytes = download.bytes
        row.material_first_result_ms = download.ms
        row.material_first_result_method = "Chromium"
    else:
        worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        row.material_first_result_bytes = len(raw) + worker.stat().st_size
        row.material_first_result_method = "files (index + worker)"
    print(f"[{n}] material: build {row.material_build_s:.1f} s", flush=True)

    ours = write_config(workdir / "pagefind", docs, "pagefind")
    with timed_indexing() as spent, PagefindMemory() as memory:
        row.pagefind_build_s = build(ours)
    row.pagefind_index_s = sum(spent)
    row.pagefind_peak_kib, row.pagefind_processes = memory.peak_kib, memory.processes
    site = workdir / "pagefind" / "site"
    row.pagefind_bundle_bytes = folder_bytes(site / "pagefind")
    with serve(site) as url:
        for label, query in (("en", ENGLISH_QUERY), ("zh", CHINESE_QUERY)):
            download = first_result(browser, url, query)
            row.pagefind_first_query_bytes[label] = download.bytes
            row.pagefind_first_result_ms[label] = download.ms
    print(
        f"[{n}] pagefind: build {row.pagefind_build_s:.1f} s, index {row.pagefind_index_s:.1f} s",
        flush=True,
    )
    return row


# ---------- report ----------


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MiB"


def table(rows: Sequence[Row]) -> str:
    """Markdown table, one line per corpus size."""
    lines = [
        "| articles | Material search_index.json (gzip) | Material download before 1st result "
        "| Pagefind 1st query en / zh | Pagefind bundle on disk | build (Pagefind site) "
        "| after page loop | share |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        q = r.pagefind_first_query_bytes
        lines.append(
            f"| {r.articles:,} | {_kb(r.material_index_bytes)} ({_kb(r.material_index_gzip_bytes)})"
            f" | {_kb(r.material_first_result_bytes)} [{r.material_first_result_method}]"
            f" | {_kb(q.get('en', 0))} / {_kb(q.get('zh', 0))}"
            f" | {_kb(r.pagefind_bundle_bytes)} | {r.pagefind_build_s:.1f} s"
            f" | {r.pagefind_index_s:.1f} s | {r.pagefind_index_s / r.pagefind_build_s:.0%} |"
        )
    lines.append("")
    lines.append("Pagefind processes (peak summed PSS, most running at once):")
    for r in rows:
        lines.append(
            f"- {r.articles:,}: {r.pagefind_peak_kib / 1024:,.0f} MiB, {r.pagefind_processes} processes"
        )
    lines.append("")
    lines.append("Time from typing to the first result drawn (Chromium, 127.0.0.1):")
    for r in rows:
        ms = r.pagefind_first_result_ms
        material = (
            f"{r.material_first_result_ms / 1000:.1f} s from page load"
            if r.material_first_result_ms is not None
            else "not measured"
        )
        lines.append(
            f"- {r.articles:,}: Pagefind en {ms.get('en', 0):.0f} ms, zh {ms.get('zh', 0):.0f} ms; "
            f"Material {material}; Material site build {r.material_build_s:.1f} s"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--out", type=Path, default=PROJECT / "benchmarks" / "out" / "search")
    parser.add_argument(
        "--material-browser-max",
        type=int,
        default=1000,
        help="measure Material in Chromium up to this many articles (default 1000)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    rows = []
    with chromium() as browser:
        for n in args.sizes:
            rows.append(measure(n, args.out.resolve(), browser, args.material_browser_max))
            print(table(rows), flush=True)
    report = table(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(report + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
