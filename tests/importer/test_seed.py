"""The seed article (../shared/seeds/) must come out exactly right: it is why the project exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importer.textdump import normalize_phrase
from library.frontmatter import dump
from tests.conftest import GOLDEN
from tests.importer.helpers import convert_file, words

GOLDEN_SEED = GOLDEN / "seed.md"
WIDGET_LABELS = ("recommended article", "popular articles")


@pytest.fixture(scope="module")
def seed_article(seed_path: Path):  # type: ignore[no-untyped-def]
    return convert_file(seed_path)


def test_seed_matches_the_golden_file(seed_article) -> None:  # type: ignore[no-untyped-def]
    assert dump(seed_article.front, seed_article.body) == GOLDEN_SEED.read_text(encoding="utf-8")


def test_title_loses_the_close_button_artifact(seed_article) -> None:  # type: ignore[no-untyped-def]
    assert (
        seed_article.front.title == "The main results of the school's advanced education activities"
    )


def test_category_and_subcategory_come_from_the_breadcrumb(seed_article) -> None:  # type: ignore[no-untyped-def]
    assert (seed_article.front.category, seed_article.front.subcategory) == (
        "Secretarial knowledge",
        "Conference speech",
    )


def test_in_article_heading_is_kept_as_the_first_heading(seed_article) -> None:  # type: ignore[no-untyped-def]
    first_line = seed_article.body.strip().split("\n")[0]
    assert first_line == "## The main achievements of advanced education activities"


def test_six_numbered_sections_stay_in_order(seed_article) -> None:  # type: ignore[no-untyped-def]
    numbers = re.findall(r"^(\d+)\. ", seed_article.body, re.M)
    assert numbers == ["1", "2", "3", "4", "5", "6"]


def test_parenthesised_run_inside_section_five_is_kept(seed_article) -> None:  # type: ignore[no-untyped-def]
    section_five = next(line for line in seed_article.body.split("\n") if line.startswith("5. "))
    positions = [section_five.index(f"({n})") for n in range(1, 6)]
    assert positions == sorted(positions)


def test_doubled_full_stops_are_collapsed(seed_article) -> None:  # type: ignore[no-untyped-def]
    assert not re.search(r"\.\s+\.", seed_article.body)
    assert "difficulties. During the fight against SARS" in seed_article.body
    assert seed_article.body.rstrip().endswith("various undertakings.")


def test_widget_labels_are_removed(seed_article) -> None:  # type: ignore[no-untyped-def]
    lines = {normalize_phrase(line) for line in seed_article.body.split("\n")}
    assert not lines & set(WIDGET_LABELS)


def test_no_word_of_the_body_changes(seed_path: Path, seed_article) -> None:  # type: ignore[no-untyped-def]
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    body_lines = [line for line in lines[3:] if normalize_phrase(line) not in WIDGET_LABELS]
    assert words(seed_article.body) == words("\n".join(body_lines))


def test_description_is_the_opening_cut_to_160_characters(seed_article) -> None:  # type: ignore[no-untyped-def]
    description = seed_article.front.description
    assert description.startswith("Maintaining the advanced nature of party members")
    assert len(description) <= 160


def test_path_is_category_subcategory_title(seed_article) -> None:  # type: ignore[no-untyped-def]
    assert seed_article.relative_path == (
        "secretarial-knowledge/conference-speech/"
        "the-main-results-of-the-schools-advanced-education-activities.md"
    )
