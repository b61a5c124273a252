"""kill -9 in the middle of a crawl, then --resume: nothing fetched twice, docs/ as if never stopped."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from tests.crawl.conftest import ROOT, crawl_args, run_crawl
from tests.crawl.fakesite import FakeSite, serve
from tests.crawl.sites import category_site

KILL_AFTER_ARTICLES = 8


def _kill_after(site: FakeSite, process: subprocess.Popen[str], articles: int) -> None:
    """Kill the crawl while its request for one more article waits, unanswered, on the server."""
    site.hold_articles_after = articles
    deadline = time.monotonic() + 60
    while len(site.hits("/article/")) <= articles:
        assert process.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    site.release.set()


def _tree(docs: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(docs)): path.read_bytes() for path in docs.rglob("*") if path.is_file()
    }


def test_resume_after_sigkill_fetches_no_article_twice_and_matches_an_uninterrupted_crawl(
    tmp_path: Path,
) -> None:
    site, _ = category_site(25)
    with serve(site):
        start = site.url("/list/1.html")
        reference = run_crawl(site, tmp_path / "reference", start)
        assert reference.returncode == 0, reference.stderr
        site.log.clear()
        site.answered.clear()

        interrupted = tmp_path / "interrupted"
        process = subprocess.Popen(
            crawl_args(site, interrupted, start, delay="0.2"),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        _kill_after(site, process, KILL_AFTER_ARTICLES)
        assert process.returncode == -signal.SIGKILL
        assert len([p for p in site.answered if p.startswith("/article/")]) == KILL_AFTER_ARTICLES
        resumed = run_crawl(site, interrupted, start, "--resume")

    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    fetches = Counter(path for path in site.answered if path.startswith("/article/"))
    assert len(fetches) == 25
    assert set(fetches.values()) == {1}, fetches
    assert _tree(interrupted / "docs") == _tree(tmp_path / "reference" / "docs")
