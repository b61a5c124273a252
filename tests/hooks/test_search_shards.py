"""The sharding rule of the search bundles (hooks/search/shards.py ``plan_shards``).

A section's articles of one language share a bundle until there are more than the cap; then the
section splits by path hash, and an added or deleted article changes only the shard it falls in.
"""

from __future__ import annotations

import collections
from pathlib import Path

from hooks.search.shards import ROOT_SHARD, SHARD_PAGES, ShardCache, plan_shards, section_of


def articles(section: str, count: int, language: str = "en") -> list[tuple[str, str]]:
    return [(f"{section}/sub/article-{number}.md", language) for number in range(count)]


def sizes(plan: dict[str, str], pages: list[tuple[str, str]]) -> collections.Counter[str]:
    return collections.Counter(f"{language}:{plan[src_uri]}" for src_uri, language in pages)


def moved(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Articles present in both plans whose shard differs."""
    return {src for src in before.keys() & after.keys() if before[src] != after[src]}


def test_an_article_belongs_to_the_section_of_its_top_level_folder() -> None:
    assert section_of("reports/annual/summary.md") == "reports"
    assert section_of("summary.md") == ROOT_SHARD


def test_a_section_within_the_cap_is_one_shard_named_for_it() -> None:
    pages = articles("reports", 10)
    assert set(plan_shards(pages, max_pages=10).values()) == {"reports"}


def test_a_section_over_the_cap_splits_into_shards_within_it() -> None:
    pages = articles("reports", 1000)
    plan = plan_shards(pages, max_pages=100)
    counts = sizes(plan, pages)
    assert len(counts) > 1
    assert max(counts.values()) <= 100
    assert all(shard.startswith("reports/") for shard in plan.values())
    assert sum(counts.values()) == 1000


def test_each_language_of_a_section_is_counted_apart() -> None:
    pages = articles("reports", 60, "en") + [(f"reports/sub/zh-{n}.md", "zh") for n in range(60)]
    plan = plan_shards(pages, max_pages=100)
    assert set(plan.values()) == {"reports"}


def test_a_large_section_does_not_split_a_small_one() -> None:
    pages = articles("reports", 500) + articles("speeches", 20)
    plan = plan_shards(pages, max_pages=100)
    assert {plan[src] for src, _ in articles("speeches", 20)} == {"speeches"}
    assert len({plan[src] for src, _ in articles("reports", 500)}) > 1


def test_the_plan_depends_on_the_set_of_articles_not_their_order() -> None:
    pages = articles("reports", 300)
    assert plan_shards(pages, max_pages=50) == plan_shards(list(reversed(pages)), max_pages=50)


def test_an_added_article_moves_no_other_article_while_its_shard_has_room() -> None:
    pages = articles("reports", 1000)
    before = plan_shards(pages, max_pages=100)
    counts = sizes(before, pages)
    with_room = 0
    for number in range(1000, 1100):
        added = (f"reports/sub/article-{number}.md", "en")
        after = plan_shards([*pages, added], max_pages=100)
        if counts[f"en:{after[added[0]]}"] < 100:
            with_room += 1
            assert moved(before, after) == set()
    assert with_room > 50  # the cases above are the common ones, not a rarity


def test_an_added_article_moves_only_articles_of_the_shard_it_falls_in() -> None:
    """Grow a section one article at a time: each addition changes at most one old shard."""
    pages = articles("reports", 50)
    before = plan_shards(pages, max_pages=40)
    splits = 0
    for number in range(50, 400):
        src = f"reports/sub/article-{number}.md"
        pages.append((src, "en"))
        after = plan_shards(pages, max_pages=40)
        shifted = moved(before, after)
        assert len({before[s] for s in shifted}) <= 1
        assert len(shifted) <= 40
        if shifted:
            splits += 1
            (old,) = {before[s] for s in shifted}
            assert all(after[s].startswith(old) for s in shifted)  # a split, never a reshuffle
        before = after
    assert splits > 0


def test_a_deleted_article_moves_only_articles_of_its_own_shard_and_sibling() -> None:
    pages = articles("reports", 400)
    before = plan_shards(pages, max_pages=40)
    for _ in range(300):
        src, _language = pages.pop(len(pages) // 2)
        after = plan_shards(pages, max_pages=40)
        shifted = moved(before, after)
        assert len(shifted) <= 40
        if shifted:
            # A merge: the moved articles join one shard, a prefix of where they were.
            (merged,) = {after[s] for s in shifted}
            assert all(before[s].startswith(merged) for s in shifted)
            assert before[src].startswith(merged)
        before = after


def test_the_default_cap_keeps_a_benchmark_sized_section_whole() -> None:
    """Sections of the 10,000-article benchmark hold about 625 articles a language (see SHARD_PAGES)."""
    pages = articles("reports", 669)
    assert set(plan_shards(pages).values()) == {"reports"}
    assert SHARD_PAGES >= 669


BUNDLE_FILES = [("pagefind-entry.json", b'{"version":"1"}'), ("fragment/a.pf_fragment", b"abc")]


def test_a_stored_bundle_is_kept_as_links_to_the_files_written_in_the_site(tmp_path: Path) -> None:
    site_bundle = tmp_path / "site" / "pagefind"
    for name, data in BUNDLE_FILES:
        (site_bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (site_bundle / name).write_bytes(data)
    cache = ShardCache(tmp_path / "cache")
    cache.store("key", BUNDLE_FILES, site_bundle)
    for name, _ in BUNDLE_FILES:
        assert (tmp_path / "cache" / "key" / name).samefile(site_bundle / name)


def test_a_bundle_already_in_place_is_not_linked_again(tmp_path: Path) -> None:
    cache = ShardCache(tmp_path / "cache")
    cache.store("key", BUNDLE_FILES)
    target = tmp_path / "site" / "pagefind"
    assert cache.restore("key", target)
    folder = target.stat().st_ino
    assert cache.restore("key", target)
    assert target.stat().st_ino == folder  # not replaced by a new folder


def test_a_bundle_in_place_with_a_file_too_many_is_restored_again(tmp_path: Path) -> None:
    cache = ShardCache(tmp_path / "cache")
    cache.store("key", BUNDLE_FILES)
    target = tmp_path / "site" / "pagefind"
    assert cache.restore("key", target)
    (target / "fragment" / "stray.pf_fragment").write_bytes(b"x")
    assert cache.restore("key", target)
    assert sorted(p.name for p in (target / "fragment").iterdir()) == ["a.pf_fragment"]
