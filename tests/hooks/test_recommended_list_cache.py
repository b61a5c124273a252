"""Unit tests of the kept ranking (hooks/recommended/list_cache): reused only for the same inputs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hooks.recommended.list_cache import LISTS_FILE, ListCache, ranking_key
from hooks.recommended.recommendations import Article, Settings

ARTICLES = [Article("a.md", {"x": 1}, "s/t"), Article("b.md", {"x": 1}, "s/t")]
KEYS = ["key-a", "key-b"]
PAGES = {"a.md", "b.md"}
LISTS = {"a.md": ["b.md"], "b.md": ["a.md"]}


def key(**changes: object) -> str:
    articles = changes.get("articles", ARTICLES)
    keys = changes.get("keys", KEYS)
    settings = changes.get("settings", Settings())
    pages = changes.get("pages", PAGES)
    return ranking_key(articles, keys, settings, pages)  # type: ignore[arg-type]


def test_a_later_build_with_the_same_inputs_reads_the_kept_lists(tmp_path: Path) -> None:
    ListCache(tmp_path).put(key(), LISTS)
    assert ListCache(tmp_path).get(key()) == LISTS


def test_an_edited_article_misses_the_kept_lists(tmp_path: Path) -> None:
    ListCache(tmp_path).put(key(), LISTS)
    assert ListCache(tmp_path).get(key(keys=["key-a", "edited"])) is None


def test_the_key_follows_pins_pages_and_options() -> None:
    pinned = [dataclasses.replace(ARTICLES[0], pins=("b.md",)), ARTICLES[1]]
    variants = {
        key(),
        key(articles=pinned),
        key(pages={*PAGES, "about.md"}),
        key(settings=Settings(limit=3)),
    }
    assert len(variants) == 4


def test_the_key_does_not_depend_on_article_order() -> None:
    assert key() == key(articles=ARTICLES[::-1], keys=KEYS[::-1])


def test_a_malformed_file_is_not_trusted(tmp_path: Path) -> None:
    (tmp_path / LISTS_FILE).write_text('{"format": "other", "key": "k", "lists": {}}')
    assert ListCache(tmp_path).get("k") is None
    (tmp_path / LISTS_FILE).write_text("{not json")
    assert ListCache(tmp_path).get("k") is None


def test_kept_lists_cut_short_or_malformed_under_the_right_key_are_not_trusted(
    tmp_path: Path,
) -> None:
    ListCache(tmp_path).put(key(), LISTS)
    header = (tmp_path / LISTS_FILE).read_text(encoding="utf-8").splitlines()[0]
    for rest in ("", '{"lists": {"a.md": [1]}}', '{"lists": {"a.md": ["b.md"'):
        (tmp_path / LISTS_FILE).write_text(f"{header}\n{rest}", encoding="utf-8")
        assert ListCache(tmp_path).get(key()) is None
