"""Fixtures for crawl tests: run ``python -m importer crawl`` in a subprocess against a fake site.

Scrapy's reactor can start only once per process, so every crawl runs in its own interpreter.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.crawl.fakesite import FakeSite
from tests.crawl.pages import PROFILE

ROOT = Path(__file__).resolve().parents[2]
CRAWL = [sys.executable, "-m", "importer", "crawl"]


@dataclass(frozen=True)
class CrawlRun:
    returncode: int
    stdout: str
    stderr: str
    docs: Path

    def articles(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md"))

    def text(self) -> str:
        """Every imported article, one after the other."""
        return "\n".join(path.read_text(encoding="utf-8") for path in self.articles())

    def lines(self, prefix: str) -> list[str]:
        """The summary lines starting with ``prefix`` (``FAILED``, ``skipped``)."""
        return [line for line in self.stdout.splitlines() if line.startswith(prefix)]


def crawl_args(
    site: FakeSite,
    tmp: Path,
    *args: str,
    delay: str = "0.05",
    profile: str | None = PROFILE,
    quiet: bool = True,
) -> list[str]:
    return [
        *CRAWL,
        *(("--profile", profile) if profile else ()),
        "--docs",
        str(tmp / "docs"),
        "--job-dir",
        str(tmp / "job"),
        "--delay",
        delay,
        *(("--quiet",) if quiet else ()),
        *args,
    ]


def run_crawl(
    site: FakeSite,
    tmp: Path,
    *args: str,
    delay: str = "0.05",
    profile: str | None = PROFILE,
    quiet: bool = True,
) -> CrawlRun:
    """Crawl the fake site into ``tmp/docs`` and wait for the command to finish."""
    done = subprocess.run(
        crawl_args(site, tmp, *args, delay=delay, profile=profile, quiet=quiet),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return CrawlRun(done.returncode, done.stdout, done.stderr, tmp / "docs")
