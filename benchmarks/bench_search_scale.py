"""Search at scale without MkDocs: the plugin's indexing fed with N synthetic article pages.

Why apart from :mod:`benchmarks.bench_search`: building 100,000 pages through MkDocs takes hours on a
loaded two-core machine, while what search itself costs there (Pagefind's time and memory, the
bundle size, the first query's download) depends only on the pages it is given. Each article of a
corpus (:mod:`benchmarks.corpus`) is turned into the article body the site's template writes (the
Markdown's blocks as HTML, the search fields as ``partials/search-fields.html`` marks
them up) and handed to :class:`hooks.search.session.IndexingSession` as the page loop would hand it.
The first query is then measured in Chromium on a small built site (``--ui-site``: any site built
with ``secretariat/search``) whose search settings are pointed at the new bundles.

Usage: ``python -m benchmarks.bench_search_scale CORPUS_DOCS N [--processes 2] [--ui-site SITE]``.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from multiprocessing import get_context
from pathlib import Path

from benchmarks.bench_search import (
    CHINESE_QUERY,
    ENGLISH_QUERY,
    PROJECT,
    PagefindMemory,
    chromium,
    first_result,
    folder_bytes,
    serve,
)
from hooks.search.indexer import bundle_for
from hooks.search.pool import EXCLUDED_SELECTORS
from hooks.search.session import IndexingSession, Member, arrival_of
from hooks.search.shards import SHARD_PAGES, ShardCache, plan_shards
from library.frontmatter import split
from library.text import is_chinese


def article_page(text: str) -> tuple[str, str]:
    """(language, the article body as the template writes it) of one Markdown article."""
    meta, body = split(text)
    title = str(meta.get("title", ""))
    language = "zh" if is_chinese(f"{title}\n{body}") else "en"
    fields = "".join(
        f'<span data-pagefind-meta="{key}" data-pagefind-filter="{key}">'
        f"{html.escape(str(meta[key]))}</span>"
        for key in ("category", "subcategory")
        if meta.get(key)
    )
    date = f'<time data-pagefind-meta="date" data-pagefind-sort="date">{meta["date"]}</time>'
    content = _html_of(body)
    page = (
        f'<html><body><div class="sec-article-body" data-pagefind-body lang="{language}">'
        f'<div class="sec-search-fields" hidden><p data-pagefind-meta="title" '
        f'data-pagefind-weight="7">{html.escape(title)}</p><div data-pagefind-ignore>{fields}'
        f"{date if meta.get('date') else ''}</div></div>{content}</div></body></html>"
    )
    return language, page


def _html_of(body: str) -> str:
    """The corpus's Markdown (headings, paragraphs, lists) as HTML, without Python-Markdown's cost.

    The corpus generator writes only those blocks; what Pagefind indexes is their text, so a
    block-by-block conversion gives it the same words at a fraction of a full render's time.
    """
    blocks = []
    for block in body.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        heading = re.match(r"(#{1,6}) (.*)", block)
        if heading:
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
        elif block.startswith(("- ", "* ", "1. ")):
            items = (re.sub(r"^(?:[-*]|\d+\.) ", "", line) for line in block.splitlines())
            blocks.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
        else:
            blocks.append(f"<p>{html.escape(block)}</p>")
    return "\n".join(blocks)


def _page(path: Path) -> tuple[str, str, str]:
    language, page = article_page(path.read_text(encoding="utf-8"))
    return path.as_posix(), language, page


def pages(docs: Path, n: int) -> Iterator[tuple[str, str, str]]:
    """(src_uri, language, page) of the first ``n`` articles of ``docs``, rendered on two cores."""
    paths = sorted(p for p in docs.rglob("*.md") if p.name != "index.md")[:n]
    with get_context("fork").Pool(2) as pool:
        for path, language, page in pool.imap(_page, paths, chunksize=64):
            yield Path(path).relative_to(docs).as_posix(), language, page


def measure(
    docs: Path, n: int, out: Path, processes: int, shard_pages: int = SHARD_PAGES
) -> dict[str, object]:
    site = out / "site"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    rendered = list(pages(docs, n))
    render_s = time.perf_counter() - started
    members: dict[str, list[Member]] = {}
    bundles = {}
    shards = plan_shards(((src_uri, language) for src_uri, language, _ in rendered), shard_pages)
    for src_uri, language, _ in rendered:
        bundle = bundle_for("pagefind", language, shards[src_uri])
        bundles[bundle.folder] = bundle
        url = "/" + re.sub(r"\.md$", "/", src_uri)
        members.setdefault(bundle.folder, []).append(Member(src_uri, url, str(site / "none")))
    with PagefindMemory() as memory:
        started = time.perf_counter()
        session = IndexingSession(
            [(bundles[f], members[f]) for f in sorted(bundles)],
            ShardCache(out / "cache"),
            json.dumps([list(EXCLUDED_SELECTORS)]),
            site,
            processes,
        )
        for src_uri, language, page in rendered:
            arrival = arrival_of(src_uri, page, language)
            assert arrival is not None
            session.arrive(arrival)
        fed_s = time.perf_counter() - started
        summary = session.finish()
        index_s = time.perf_counter() - started
    return {
        "articles": n,
        "shard_pages": shard_pages,
        "pages_rendered_for_the_benchmark_s": round(render_s, 1),
        "index_s": round(index_s, 1),
        "handed_over_s": round(fed_s, 1),
        "indexed": sum(summary.counts.values()),
        "bundles": len(summary.counts),
        "bundle_bytes": folder_bytes(site / "pagefind"),
        "pagefind_peak_mib": round(memory.peak_kib / 1024),
        "pagefind_processes": memory.processes,
        "folders": sorted(bundles),
    }


def first_query(ui_site: Path, out: Path, folders: list[str]) -> dict[str, int]:
    """Bytes Chromium downloads for the first query, the new bundles behind ``ui_site``'s box."""
    site = out / "ui"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(ui_site, site, ignore=shutil.ignore_patterns("pagefind"))
    shutil.copytree(out / "site" / "pagefind", site / "pagefind")
    index = next(
        page
        for page in sorted(site.rglob("index.html"))
        if "data-sec-search-settings" in page.read_text(encoding="utf-8")
    )
    text = index.read_text(encoding="utf-8")
    match = re.search(
        r"(<script type=\"application/json\" data-sec-search-settings>)(.*?)(</script>)", text, re.S
    )
    assert match is not None, f"{index} has no search settings"
    settings = json.loads(match.group(2))
    ordered = sorted(folders, key=lambda f: (not f.startswith("pagefind/en/"), f))
    settings["index"]["bundles"] = [{"language": f.split("/")[1], "folder": f} for f in ordered]
    new = json.dumps(settings).replace("<", "\\u003c")
    index.write_text(text[: match.start(2)] + new + text[match.end(2) :], encoding="utf-8")
    address = index.parent.relative_to(site).as_posix() + "/"
    with chromium() as browser, serve(site) as url:
        return {
            label: first_result(browser, url + address.lstrip("./"), query).bytes
            for label, query in (("en", ENGLISH_QUERY), ("zh", CHINESE_QUERY))
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("docs", type=Path, help="a corpus's docs folder (benchmarks/corpus.py)")
    parser.add_argument("n", type=int, help="articles to index")
    parser.add_argument("--processes", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--ui-site", type=Path, help="a built site whose search box to reuse")
    parser.add_argument(
        "--shard-pages", type=int, default=SHARD_PAGES, help="most articles in one bundle"
    )
    parser.add_argument("--out", type=Path, default=PROJECT / "benchmarks" / "out" / "search-scale")
    args = parser.parse_args(argv)
    out = args.out.resolve() / str(args.n)
    result = measure(args.docs, args.n, out, args.processes, args.shard_pages)
    print(json.dumps(result, indent=1), flush=True)
    if args.ui_site is not None:
        folders = [str(folder) for folder in result["folders"]]  # type: ignore[attr-defined]
        result["first_query_bytes"] = first_query(args.ui_site, out, folders)
        print(json.dumps(result["first_query_bytes"]), flush=True)
    (out / "result.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
