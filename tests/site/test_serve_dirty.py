"""`make serve SERVE_FLAGS=--dirty`: the edited article is rebuilt with its Recommended and Popular lists.

With ``--dirty`` MkDocs reads only the changed page; the plugins keep what earlier builds read.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

from library.frontmatter import FrontMatter, dump
from tests.hooks.test_articles_build import write_site

PLUGINS = ["secretariat/categories", "secretariat/popular", "secretariat/recommended"]
BODY = (
    "The safety committee inspected every workshop and fire exit, and set deadlines for repairs. "
)
PAGES = {
    f"reports/safety/{name}.md": dump(
        FrontMatter(title=f"Safety report {name}", category="Reports", subcategory="Safety"),
        BODY * 8,
    )
    for name in ("alpha", "beta", "gamma")
}
EDITED = "reports/safety/alpha.md"
TIMEOUT_S = 120
#: How long to wait for the rebuild after a save before saving again: a change made in the moment
#: the file watcher starts can go unseen, which is the watcher's race, not what this test checks.
RESAVE_AFTER_S = 15
RESAVES = 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(lines: queue.Queue[str], needle: str, timeout: float = TIMEOUT_S) -> bool:
    """Whether a line containing ``needle`` arrives within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            if needle in lines.get(timeout=left):
                return True
        except queue.Empty:
            break
    return False


def save_until_rebuilt(lines: queue.Queue[str], article: Path, text: str) -> None:
    """Save ``text``; save it again while no rebuild follows (bounded)."""
    for _ in range(RESAVES):
        article.write_text(text, encoding="utf-8")
        if wait_for(lines, "Documentation built in", RESAVE_AFTER_S):
            return
    raise AssertionError(f"no rebuild after {RESAVES} saves of {article}")


def test_dirty_rebuild_keeps_the_edited_articles_lists(tmp_path: Path) -> None:
    config = write_site(tmp_path, PAGES, plugins=PLUGINS)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--no-strict",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert server.stdout is not None
    threading.Thread(target=lambda: [lines.put(x) for x in server.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        assert wait_for(lines, "Serving on http"), "mkdocs serve did not start"
        article = tmp_path / "docs" / EDITED
        edited = article.read_text(encoding="utf-8") + "\nAn editor's new line.\n"
        save_until_rebuilt(lines, article, edited)
        url = f"http://127.0.0.1:{port}/reports/safety/alpha/"
        html = urllib.request.urlopen(url, timeout=30).read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    page = BeautifulSoup(html, "lxml")
    assert "An editor's new line." in page.get_text()
    recommended = [a.get_text(strip=True) for a in page.select(".sc-recommended a")]
    assert set(recommended) == {"Safety report beta", "Safety report gamma"}
    assert page.select(".sc-popular a")
