"""Small fixture sites for the engine's tests, built with ``mkdocs build`` in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from library.frontmatter import FrontMatter, dump

ROOT = Path(__file__).resolve().parents[2]
WORDS_HOOK = Path(__file__).with_name("words_hook.py")

#: Pagefind's bundles: their file names and some contents change from run to run (upstream
#: Pagefind makes only its fragments stable), so they are compared by behaviour, not bytes.
PAGEFIND = "pagefind"


def english(number: int) -> str:
    front = FrontMatter(title=f"Budget plan {number}", category="Plans", subcategory="Budget")
    body = (
        f"The office drew up budget plan {number} for the coming year. "
        f"See [the safety notice](../../notices/safety/notice-{number}.md#rules).\n\n"
        "## Targets\n\nEvery department reviews its spending twice a year.\n"
    )
    return dump(front, body)


def chinese(number: int) -> str:
    front = FrontMatter(title=f"安全生产通知 {number}", category="Notices", subcategory="Safety")
    body = (
        f"各部门：为落实安全生产责任制，现将第{number}号通知印发给你们，请认真贯彻执行。\n\n"
        "## Rules\n\n开展隐患排查，全年未发生重大事故。\n"
    )
    return dump(front, body)


def write_site(root: Path, *, articles: int = 6, plugins: list[object] | None = None) -> Path:
    """A site of ``articles`` English and as many Chinese articles, linking to each other."""
    docs = root / "docs"
    for number in range(1, articles + 1):
        _write(docs / f"plans/budget/plan-{number}.md", english(number))
        _write(docs / f"notices/safety/notice-{number}.md", chinese(number))
    _write(docs / "index.md", "# Library\n\nWelcome.\n")
    overrides = root / "overrides"
    if not overrides.exists():
        shutil.copytree(ROOT / "overrides", overrides)
    config = {
        "site_name": "Engine fixture",
        "site_url": "http://127.0.0.1:8000/",
        # Articles stay out of the navigation, as on the real site: workers read them.
        "nav": ["index.md"],
        "theme": {"name": "material", "custom_dir": "overrides", "language": "en"},
        "hooks": [str(WORDS_HOOK)],
        "plugins": plugins if plugins is not None else ["secretariat/search", "secretariat/build"],
        "markdown_extensions": [{"toc": {"permalink": True}}],
        "validation": {"anchors": "warn"},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def mkdocs_build(root: Path, *options: str, jobs: int = 2) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or ``options``) in ``root`` with ``jobs`` workers; log in stdout."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(options or ("--strict",))],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECRETARIAT_JOBS": str(jobs)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def built(root: Path, *options: str, jobs: int = 2) -> str:
    """Build and return the log; fail the test with the log when the build fails."""
    result = mkdocs_build(root, *options, jobs=jobs)
    assert result.returncode == 0, result.stdout
    return result.stdout


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site but Pagefind's, by path."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] != PAGEFIND
    }


def differences(left: Path, right: Path) -> list[str]:
    """Paths whose bytes differ between two built sites (Pagefind's bundles aside)."""
    a, b = site_bytes(left), site_bytes(right)
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))
