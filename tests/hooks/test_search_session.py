"""Tests of one build's indexing (hooks/search/session): shards started before the page loop."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hooks.search.indexer import bundle_for
from hooks.search.session import IndexingSession, Member, arrival_of
from hooks.search.shards import ShardCache
from tests.hooks.test_search_payload import PAGE

BUNDLE = bundle_for("pagefind", "zh")
WORDS = ("春天", "夏天", "秋天", "冬天")


def page(word: str) -> str:
    """An article page whose indexed body holds ``word``."""
    return PAGE.replace("正文", word)


def members(site: Path, sources: dict[str, str]) -> list[Member]:
    return [
        Member(f"{name}.md", f"/{name}/", str(site / name / "index.html"), source)
        for name, source in sources.items()
    ]


def write_pages(site: Path, words: dict[str, str]) -> None:
    for name, word in words.items():
        (site / name).mkdir(parents=True, exist_ok=True)
        (site / name / "index.html").write_text(page(word), encoding="utf-8")


def session(root: Path, sources: dict[str, str]) -> IndexingSession:
    site = root / "site"
    return IndexingSession(
        [(BUNDLE, members(site, sources))], ShardCache(root / "cache"), "[]", site, 1
    )


def indexed_words(root: Path) -> list[str]:
    """The page count, and which words the written bundle's pages hold (from its fragments)."""
    folder = root / "site" / BUNDLE.folder
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    count = entry["languages"]["zh"]["page_count"]
    text = "".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in (folder / "fragment").iterdir()
    )
    return [str(count), *(word for word in WORDS if word in text)]


def first_build(root: Path) -> dict[str, str]:
    """Three pages indexed and recorded, as a build before the edit leaves them."""
    words = {"a": WORDS[0], "b": WORDS[1], "c": WORDS[2]}
    write_pages(root / "site", words)
    sources = {name: f"source of {word}" for name, word in words.items()}
    first = session(root, sources)
    assert first.start_expected() == 0  # nothing known yet: nothing to start early
    first.finish()
    return sources


def rebuild_after_editing_b(root: Path, rendered: str) -> IndexingSession:
    """The build after ``b``'s source was edited: its shard started early, ``rendered`` rendered.

    The page ``rendered`` comes out of the page loop with the last word as its body.
    """
    sources = first_build(root)
    sources["b"] = "edited source"
    second = session(root, sources)
    assert second.start_expected() == 1
    write_pages(root / "site", {rendered: WORDS[3]})
    arrival = arrival_of(f"{rendered}.md", page(WORDS[3]), "zh")
    assert arrival is not None
    second.arrive(arrival)
    return second


def test_the_shard_of_an_edited_article_starts_before_its_page_is_rendered(
    tmp_path: Path,
) -> None:
    summary = rebuild_after_editing_b(tmp_path, "b").finish()
    assert summary.indexed == 1
    assert indexed_words(tmp_path) == ["3", WORDS[0], WORDS[2], WORDS[3]]


def test_a_page_handed_over_early_and_rendered_differently_is_indexed_as_rendered(
    tmp_path: Path,
) -> None:
    """The guess that an unedited page renders as before fails: the shard is indexed again."""
    rebuild_after_editing_b(tmp_path, "a").finish()  # a kept page re-rendered with a new body
    assert indexed_words(tmp_path) == ["3", WORDS[1], WORDS[2], WORDS[3]]


def test_a_page_missing_from_the_site_leaves_its_shard_to_the_end(tmp_path: Path) -> None:
    sources = first_build(tmp_path)
    sources["b"] = "edited source"
    (tmp_path / "site" / "a" / "index.html").unlink()
    assert session(tmp_path, sources).start_expected() == 0
