"""How long ``mkdocs serve`` takes to show an edited article, at 1,000 articles (issue 7).

Starts the real site's ``mkdocs serve`` on a synthetic corpus, waits for the first build, appends a
sentence to one article, and measures the wall time from the save until the served page carries
the sentence (polling it over HTTP every 20 ms: what a reader of the preview sees, noticing the
change included); it also reads MkDocs' own "Documentation built in N seconds" line. Run with and
without ``--dirty`` (rebuild only changed pages; ``--dirtyreload`` is its old name) to compare:

    nice -n 10 .venv/bin/python -m benchmarks.bench_serve --articles 1000 10000 [--variant engine] [--dirty]

``--variant engine`` serves the project's theme with only the parallel-safe plugins, so every
rebuild goes through the build engine (hooks/build) whatever the other plugins do.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from benchmarks.corpus import generate_corpus
from benchmarks.site_config import Variant, write_site_config

_BUILT_RE = re.compile(r"Documentation built in ([0-9.]+) seconds")
#: MkDocs starts watching files only after the first build, when it starts serving.
_SERVING_RE = re.compile(r"Serving on http")
#: A cold first build of 1,000 articles on two shared cores can take minutes.
FIRST_BUILD_TIMEOUT_S = 900
REBUILD_TIMEOUT_S = 600


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def _wait_for(lines: queue.Queue[str], pattern: re.Pattern[str], timeout: float) -> re.Match[str]:
    """The next line of MkDocs' log that matches ``pattern``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        match = pattern.search(line)
        if match:
            return match
    raise TimeoutError(f"mkdocs serve logged no line like {pattern.pattern!r} in time")


#: What the edit appends; the page shows it once the rebuilt page is served.
SENTENCE = "An editor adds one sentence."


def _wait_until_served(url: str, text: str, timeout: float) -> float:
    """The monotonic time at which ``url`` first serves a page containing ``text``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return time.monotonic()
        except OSError:
            pass  # between builds the page may be missing for a moment
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show the edit within {timeout:.0f} s")


def measure(
    articles: int, dirty: bool, port: int, variant: Variant = "ours"
) -> tuple[float, float, float]:
    """(first build s, rebuild s as MkDocs reports it, save-to-visible wall time s)."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = Path(tmp)
        paths = generate_corpus(root / "docs", articles)
        config = write_site_config(root, root / "docs", variant)
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
        command += ["--dev-addr", f"127.0.0.1:{port}"]
        command += ["--dirty"] if dirty else []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            command, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True, env=env
        )
        assert server.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_pump, args=(server.stdout, lines), daemon=True).start()
        try:
            first = float(_wait_for(lines, _BUILT_RE, FIRST_BUILD_TIMEOUT_S).group(1))
            _wait_for(lines, _SERVING_RE, FIRST_BUILD_TIMEOUT_S)
            time.sleep(2)  # let the file watcher settle
            edited = paths[len(paths) // 2]
            url = f"http://127.0.0.1:{port}/{edited.relative_to(root / 'docs').with_suffix('')}/"
            started = time.monotonic()
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{SENTENCE}\n")
            visible = _wait_until_served(url, SENTENCE, REBUILD_TIMEOUT_S) - started
            rebuild = float(_wait_for(lines, _BUILT_RE, REBUILD_TIMEOUT_S).group(1))
            return first, rebuild, visible
        finally:
            server.terminate()
            server.wait(timeout=30)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--variant", default="ours", choices=["ours", "engine"], help="site configuration"
    )
    parser.add_argument("--dirty", action="store_true", help="rebuild only changed pages")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    mode = "--dirty" if args.dirty else "no --dirty"
    for articles in args.articles:
        first, rebuild, wall = measure(articles, args.dirty, args.port, args.variant)
        print(
            f"{articles} articles, {args.variant}, {mode}: first build {first:.1f} s; after "
            f"editing one article MkDocs rebuilt in {rebuild:.2f} s; the page showed the edit "
            f"{wall:.2f} s after the save",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
