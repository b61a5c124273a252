"""The XSS corpus, imported through a profile and through trafilatura, built strictly and scanned."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from importer.records import Status
from library.frontmatter import split
from tests.security.corpus import Corpus, Figures
from tests.security.vectors import VECTORS

pytestmark = pytest.mark.build


def test_the_corpus_has_at_least_80_vectors() -> None:
    assert len(VECTORS) >= 80


def test_every_vector_page_is_imported_through_the_profile(corpus: Corpus) -> None:
    skipped = [
        (page.vector.name, page.outcome.message)
        for page in corpus.pages
        if page.path == "profile" and page.outcome.status is Status.SKIPPED
    ]
    assert skipped == []


def test_the_generic_path_imports_all_but_vectors_that_leave_too_little_text(
    corpus: Corpus,
) -> None:
    skipped = [
        page.outcome.message
        for page in corpus.pages
        if page.path == "generic" and page.outcome.status is Status.SKIPPED
    ]
    assert len(skipped) <= 3
    assert all("no article found" in message for message in skipped)


def test_no_vector_leaves_anything_live_in_the_built_site(figures: Figures) -> None:
    print(
        f"\nXSS corpus: {figures.vectors} vectors, {figures.pages_imported} pages imported "
        f"({figures.pages_skipped} skipped), vector left visible text on {figures.reached_as_text}, "
        f"live hits {len(figures.live_hits)}"
    )
    assert figures.live_hits == []


def test_every_meta_tag_of_every_vector_page_is_well_formed(figures: Figures) -> None:
    assert figures.malformed_meta == []


def test_descriptions_that_try_to_break_out_arrive_whole_in_the_meta_tag(corpus: Corpus) -> None:
    for page in corpus.pages:
        if page.vector.first_paragraph is None or page.outcome.path is None:
            continue
        front = split((corpus.root / "docs" / page.outcome.path).read_text("utf-8"))[0]
        soup = BeautifulSoup(corpus.html(page), "html.parser")
        descriptions = soup.find_all("meta", attrs={"name": "description"})
        assert [meta["content"] for meta in descriptions] == [front["description"]]
        assert soup.find("meta", attrs={"http-equiv": True}) is None


def test_the_sanitizer_had_nothing_to_remove_from_imported_articles(corpus: Corpus) -> None:
    # It warns on any removal and the build is strict, so a pass means the importer alone held.
    assert corpus.build is not None
    assert "removed markup" not in corpus.build.stderr
