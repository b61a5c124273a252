"""The Library of one build: records read once, kept on disk by content, never trusted blindly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from library.frontmatter import FrontMatter, dump
from library.model import CACHE_FILE, Library, ScanStats, read_article, scan_library

SPEECH = dump(
    FrontMatter("Opening speech", "会议讲话", "开幕词", date=dt.date(2024, 3, 5), views=7),
    "同志们：今天我们召开会议。" * 40,
)
REPORT = dump(
    FrontMatter("Annual report", "Reports", imported=dt.date(2025, 1, 10)), "Words. " * 450
)
SOURCES = [("reports/annual-report.md", REPORT), ("hui-yi/kai-mu/opening-speech.md", SPEECH)]


def cached_entries(cache: Path) -> dict[str, dict[str, object]]:
    """The entries of a cache file: the JSON after its header line."""
    body = (cache / CACHE_FILE).read_bytes().partition(b"\n")[2]
    entries: dict[str, dict[str, object]] = json.loads(body)
    return entries


def scan(cache: Path, sources: list[tuple[str, str]] = SOURCES) -> tuple[Library, ScanStats]:
    stats = ScanStats()
    return scan_library(sources, cache, stats), stats


def test_a_record_holds_the_facts_every_plugin_needs() -> None:
    record = read_article("hui-yi/kai-mu/opening-speech.md", SPEECH)
    assert (record.folder, record.minutes, record.language) == (
        "hui-yi-jiang-hua/kai-mu-ci",
        2,
        "zh",
    )
    assert record.front.views == 7 and record.body.startswith("同志们")


def test_records_are_in_src_uri_order() -> None:
    library = scan_library(SOURCES)
    assert list(library.records) == sorted(uri for uri, _ in SOURCES)


def test_invalid_front_matter_is_a_problem_naming_the_file() -> None:
    library = scan_library([("bad.md", "---\ntitle: T\n---\nText")])
    assert len(library) == 0
    assert [p.src_uri for p in library.problems] == ["bad.md"]
    assert "'category'" in library.problems[0].message and "'bad.md'" in library.problems[0].message


def test_unreadable_yaml_is_a_problem_naming_the_file() -> None:
    library = scan_library([("bad.md", "---\ntitle: [unclosed\n---\nText")])
    assert "'bad.md'" in library.problems[0].message


def test_a_second_scan_reads_every_record_from_the_cache(tmp_path: Path) -> None:
    first, _ = scan(tmp_path)
    second, stats = scan(tmp_path)
    assert (stats.hits, stats.misses) == (2, 0)
    assert second == first


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    scan(tmp_path)
    edited = [SOURCES[0], (SOURCES[1][0], SPEECH.replace("Opening speech", "Closing speech"))]
    library, stats = scan(tmp_path, edited)
    assert (stats.hits, stats.misses) == (1, 1)
    record = library.get(SOURCES[1][0])
    assert record is not None and record.front.title == "Closing speech"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "unreadable"),
        ('{"format": "secretariat-library", "version": 999, "entries": {}}', "version 999"),
        ('{"format": "someone-else", "version": 1, "entries": {}}', "not a library cache"),
        ('{"format": "secretariat-library", "version": 1, "entries": [1]}', "corrupt"),
    ],
)
def test_a_corrupt_or_foreign_cache_is_rebuilt(tmp_path: Path, content: str, reason: str) -> None:
    expected = scan_library(SOURCES)
    (tmp_path / CACHE_FILE).write_text(content, encoding="utf-8")
    library, stats = scan(tmp_path)
    assert stats.discarded is not None and reason in stats.discarded
    assert library == expected
    assert len(cached_entries(tmp_path)) == 2


def test_an_edited_cache_entry_is_not_trusted(tmp_path: Path) -> None:
    scan(tmp_path)
    header, _, body = (tmp_path / CACHE_FILE).read_bytes().partition(b"\n")
    edited = body.replace(b"Annual report", b"<script>")
    (tmp_path / CACHE_FILE).write_bytes(header + b"\n" + edited)
    library, stats = scan(tmp_path)
    assert stats.discarded is not None and "checksum" in stats.discarded
    assert library == scan_library(SOURCES)


def test_a_cache_cut_short_is_not_trusted(tmp_path: Path) -> None:
    scan(tmp_path)
    raw = (tmp_path / CACHE_FILE).read_bytes()
    (tmp_path / CACHE_FILE).write_bytes(raw[: len(raw) // 2])
    library, stats = scan(tmp_path)
    assert (stats.hits, stats.misses) == (0, 2)
    assert library == scan_library(SOURCES)


def test_deleted_files_leave_the_cache(tmp_path: Path) -> None:
    scan(tmp_path)
    scan(tmp_path, SOURCES[:1])
    assert len(cached_entries(tmp_path)) == 1


def test_an_unchanged_tree_reuses_the_previous_library_without_the_disk(tmp_path: Path) -> None:
    previous = scan_library(SOURCES)
    again = scan_library(SOURCES, tmp_path, previous=previous)
    assert again.records is previous.records
    assert not (tmp_path / CACHE_FILE).exists()


def test_the_articles_a_scan_had_to_read_are_the_fresh_ones(tmp_path: Path) -> None:
    first = scan_library(SOURCES, tmp_path)
    assert first.fresh == {SOURCES[0][0], SOURCES[1][0]}
    edited = [SOURCES[0], (SOURCES[1][0], SPEECH.replace("Opening speech", "Closing speech"))]
    assert scan_library(edited, tmp_path, previous=first).fresh == {SOURCES[1][0]}
    assert scan_library(edited, tmp_path).fresh == frozenset()  # all in the disk cache now
    assert scan_library(SOURCES, previous=first).fresh == frozenset()


def test_one_changed_file_is_not_hidden_by_the_previous_library() -> None:
    previous = scan_library(SOURCES)
    edited = [SOURCES[0], (SOURCES[1][0], SPEECH.replace("Opening speech", "Closing speech"))]
    record = scan_library(edited, previous=previous).get(SOURCES[1][0])
    assert record is not None and record.front.title == "Closing speech"


def test_after_one_edit_the_other_records_come_from_the_previous_library(tmp_path: Path) -> None:
    previous, _ = scan(tmp_path)
    edited = [SOURCES[0], (SOURCES[1][0], SPEECH.replace("Opening speech", "Closing speech"))]
    stats = ScanStats()
    library = scan_library(edited, tmp_path, stats, previous=previous)
    assert library.get(SOURCES[0][0]) is previous.get(SOURCES[0][0])
    assert (stats.hits, stats.misses) == (1, 1)
    assert library == scan_library(edited)


def test_the_cache_written_after_an_edit_holds_every_file(tmp_path: Path) -> None:
    previous, _ = scan(tmp_path)
    edited = [SOURCES[0], (SOURCES[1][0], SPEECH.replace("Opening speech", "Closing speech"))]
    scan_library(edited, tmp_path, previous=previous)
    again, stats = scan(tmp_path, edited)
    assert (stats.hits, stats.misses) == (2, 0)
    assert again == scan_library(edited)
