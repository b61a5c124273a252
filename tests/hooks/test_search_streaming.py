"""Tests of indexing pages as they are written (hooks/search/streaming)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hooks.search.indexer import IndexingError, bundle_for
from hooks.search.streaming import StreamingIndexer, indexed_part, write_bundles
from tests.hooks.test_search_build import mkdocs_build, write_site

PAGE = (
    '<html lang="en"><head><title>T</title></head><body><nav>Menu words</nav>'
    '<div class="sec-article-body" data-pagefind-body lang="zh"><p>正文</p></div>'
    "<footer>Footer</footer></body></html>"
)


def test_only_the_page_from_the_indexed_element_on_is_sent() -> None:
    sent = indexed_part(PAGE, "zh")
    assert '<div class="sec-article-body" data-pagefind-body lang="zh"><p>正文</p></div>' in sent
    assert "Menu words" not in sent and "<title>" not in sent


def test_a_page_without_the_marker_of_its_language_is_sent_whole() -> None:
    assert indexed_part(PAGE, "en") == PAGE


@pytest.mark.build
def test_a_dirty_rebuild_keeps_the_articles_it_did_not_rewrite(tmp_path: Path) -> None:
    """``--dirty`` rewrites only the changed page; the bundle must still hold the others."""
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    english = root / "docs" / "speeches" / "education" / "nature.md"
    text = english.read_text(encoding="utf-8")
    english.with_name("second.md").write_text(text.replace("Nature", "Second"), encoding="utf-8")
    assert mkdocs_build(root).returncode == 0
    english.write_text(text + "\nMore trees.\n", encoding="utf-8")
    result = mkdocs_build(root, "--dirty")
    assert result.returncode == 0, result.stderr
    pages = {}
    for language in ("en", "zh"):
        entry = root / "site" / "pagefind" / language / "speeches" / "pagefind-entry.json"
        pages[language] = json.loads(entry.read_text())["languages"][language]["page_count"]
    assert pages == {"en": 2, "zh": 1}


def test_a_pagefind_process_that_dies_fails_the_build_instead_of_hanging(tmp_path: Path) -> None:
    bundle = bundle_for("pagefind", "zh")
    indexer = StreamingIndexer([bundle])
    indexer._services[0]._backend.kill()  # as if the binary crashed mid-build
    indexer.add(bundle, "/a/", PAGE)
    with pytest.raises(IndexingError):
        indexer.finish(tmp_path)


SLOW_PAGEFIND = Path(__file__).with_name("slow_pagefind.py")


def test_the_bundle_is_read_only_once_pagefind_has_finished_writing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind answers ``WriteFiles`` before its files are complete (issue 10's JSONDecodeError)."""
    binary = tmp_path / "pagefind"
    binary.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{SLOW_PAGEFIND}" "$@"\n')
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    bundle = bundle_for("pagefind", "zh")
    indexer = StreamingIndexer([bundle])
    indexer.add(bundle, "/a/", PAGE)
    assert write_bundles(indexer, tmp_path / "site") == {"pagefind/zh/": 1}
