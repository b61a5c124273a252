"""The corpus site, imported and built once per test session."""

from __future__ import annotations

import pytest

from tests.security.corpus import Corpus, Figures, corpus_once, scan_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Every vector imported both ways and built with ``mkdocs build --strict``."""
    built = corpus_once(tmp_path_factory.mktemp("security-corpus"))
    assert built.build is not None
    assert built.build.returncode == 0, built.build.stderr
    return built


@pytest.fixture(scope="session")
def figures(corpus: Corpus) -> Figures:
    return scan_corpus(corpus)
