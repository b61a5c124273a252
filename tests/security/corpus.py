"""The corpus site: every vector imported through a profile and through the generic path, built once.

``python -m tests.security.corpus`` builds it in a temporary folder and prints the scan figures.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from importer.pipeline import Importer, ImportOptions
from importer.records import Outcome, RawPage, Status
from library.frontmatter import FrontMatter, dump
from tests.security import scan
from tests.security.pages import generic_page, profile_page
from tests.security.vectors import VECTORS, Vector

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "http://127.0.0.1:8000/"
CONTROL = "control/clean-control-article.md"
#: The shipped plugins that write or read article HTML; search and recommendations only cost time
#: here, and popular's page-view data names the real site's pages.
PLUGINS = ("secretariat/articles", "secretariat/sanitize", "secretariat/categories", "rss")


@dataclass
class CorpusPage:
    vector: Vector
    path: str  # "profile" or "generic"
    outcome: Outcome

    @property
    def html_file(self) -> str | None:
        """The built page, relative to the site folder."""
        if self.outcome.path is None:
            return None
        return self.outcome.path.removesuffix(".md") + "/index.html"


@dataclass
class Corpus:
    root: Path
    pages: list[CorpusPage] = field(default_factory=list)
    build: subprocess.CompletedProcess[str] | None = None

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, page: CorpusPage) -> str:
        assert page.html_file is not None
        return (self.site / page.html_file).read_text(encoding="utf-8")


def real_config() -> dict[str, Any]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml_load(handle, get_yaml_loader())
    return loaded


def write_config(root: Path, plugins: tuple[Any, ...] = PLUGINS) -> Path:
    """A mkdocs.yml like the shipped one (theme, overrides, extensions, validation, plugins)."""
    real = real_config()
    chosen = [
        entry
        for entry in real["plugins"]
        if (entry if isinstance(entry, str) else next(iter(entry))) in plugins
    ]
    config = {
        "site_name": "Security corpus",
        "site_url": SITE_URL,
        "strict": True,
        "theme": {**real["theme"], "custom_dir": str(ROOT / "overrides")},
        "validation": real["validation"],
        "exclude_docs": real["exclude_docs"],
        "markdown_extensions": real["markdown_extensions"],
        "plugins": chosen,
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def import_pages(docs: Path, pages: list[tuple[str, Vector, str]]) -> list[CorpusPage]:
    """Import (source name, vector, page HTML) triples with the real importer."""
    imported = []
    options = ImportOptions(docs=docs, today=dt.date(2025, 1, 1), category="Security corpus")
    with Importer(options) as importer:
        for source, vector, html in pages:
            outcome = importer.import_page(RawPage(source=source, data=html.encode("utf-8")))
            imported.append(CorpusPage(vector, source.split("-")[0], outcome))
    return imported


def write_control(docs: Path) -> None:
    """A clean article: its scripts are the theme's own."""
    front = FrontMatter(
        title="Clean control article", category="Control", imported=dt.date(2025, 1, 1)
    )
    (docs / CONTROL).parent.mkdir(parents=True, exist_ok=True)
    (docs / CONTROL).write_text(
        dump(front, "A plain article with nothing hostile in it.\n"), "utf-8"
    )


def build(config_file: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as CI runs it (no ``-q``: it would hide warnings from --strict)."""
    mode = "--strict" if strict else "--no-strict"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", mode, "-f", str(config_file)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def build_corpus(root: Path) -> Corpus:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Security corpus\n", encoding="utf-8")
    write_control(docs)
    sources = []
    for number, vector in enumerate(VECTORS, 1):
        sources.append((f"profile-{number:03d}.html", vector, profile_page(number, vector)))
        sources.append((f"generic-{number:03d}.html", vector, generic_page(number, vector)))
    corpus = Corpus(root=root, pages=import_pages(docs, sources))
    corpus.build = build(write_config(root))
    return corpus


_BUILT: list[Corpus] = []


def corpus_once(root: Path) -> Corpus:
    """The corpus, built on the first call of a test session and shared by tests/security and the
    browser test (tests/browser/test_security_corpus.py)."""
    if not _BUILT:
        _BUILT.append(build_corpus(root))
    return _BUILT[0]


@dataclass(frozen=True)
class Figures:
    vectors: int
    pages_imported: int
    pages_skipped: int
    reached_as_text: int  # pages on which the vector left visible words
    live_hits: list[str]
    malformed_meta: list[str]


def scan_corpus(corpus: Corpus) -> Figures:
    control = (corpus.site / CONTROL.removesuffix(".md") / "index.html").read_text("utf-8")
    allowed = scan.theme_scripts(control)
    hits: list[str] = []
    malformed: list[str] = []
    reached = 0
    for page in corpus.pages:
        if page.outcome.status is Status.SKIPPED:
            continue
        html = corpus.html(page)
        hits.extend(
            f"{page.outcome.source} ({page.vector.name}): {hit}"
            for hit in scan.live_hits(html, allowed)
        )
        malformed.extend(f"{page.outcome.source}: {meta}" for meta in scan.malformed_meta(html))
        if _vector_words_left(scan.article_text(html)):
            reached += 1
    skipped = sum(page.outcome.status is Status.SKIPPED for page in corpus.pages)
    return Figures(len(VECTORS), len(corpus.pages) - skipped, skipped, reached, hits, malformed)


def _vector_words_left(text: str) -> bool:
    from tests.security.pages import FIRST, LAST

    return bool(text.replace(FIRST, "").replace(LAST, "").strip())


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = build_corpus(Path(folder))
        assert corpus.build is not None
        if corpus.build.returncode != 0:
            print(corpus.build.stderr)
            raise SystemExit(1)
        print(scan_corpus(corpus))


if __name__ == "__main__":
    main()
