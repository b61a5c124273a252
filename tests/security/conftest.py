"""The corpus site, imported and built once per test session, and the browser fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, browser, serve_dir  # noqa: F401  (shared fixtures)
from tests.security.corpus import Corpus, Figures, build_corpus, scan_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Every vector imported both ways and built with ``mkdocs build --strict``."""
    built = build_corpus(tmp_path_factory.mktemp("security-corpus"))
    assert built.build is not None
    assert built.build.returncode == 0, built.build.stderr
    return built


@pytest.fixture(scope="session")
def figures(corpus: Corpus) -> Figures:
    return scan_corpus(corpus)


@pytest.fixture
def chromium_or_skip() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    return CHROMIUM
