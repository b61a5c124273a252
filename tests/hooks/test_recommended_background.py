"""Unit tests of segmenting articles in a background worker process (hooks/recommended/background)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hooks.recommended.background import BackgroundTerms, article_text, segment_files
from hooks.recommended.term_cache import TermCache, content_key
from hooks.recommended.tokens import term_counts
from library.frontmatter import FrontMatter, dump
from library.model import read_article

BODY = "同志们：今天我们召开会议，要进一步加强党建工作。\n\nBudget requests by March.\n"


def write_article(folder: Path, name: str, title: str, body: str = BODY) -> str:
    front = FrontMatter(title=title, category="Speeches", date=dt.date(2024, 3, 5))
    path = folder / name
    path.write_text(dump(front, body), encoding="utf-8")
    return str(path)


def test_the_worker_reads_the_title_and_body_the_library_holds(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.md", "党建讲话")
    record = read_article("speeches/a.md", Path(path).read_text(encoding="utf-8"))
    assert article_text(path) == ("党建讲话", record.body) == ("党建讲话", BODY)


def test_a_file_without_a_category_is_left_to_the_plugin(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    path.write_text("# Library\n", encoding="utf-8")
    assert article_text(str(path)) is None


def test_worker_counts_are_keyed_like_the_plugins_own(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.md", "党建讲话")
    found = segment_files([path], frozenset(), None)
    assert found == {content_key("党建讲话", BODY): dict(term_counts("党建讲话", BODY))}


def test_keys_the_caller_holds_are_not_segmented_again(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.md", "党建讲话")
    assert segment_files([path], frozenset({content_key("党建讲话", BODY)}), None) == {}


def test_keys_in_the_disk_cache_are_not_segmented_again(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.md", "党建讲话")
    TermCache(tmp_path / "cache").counts_for([("党建讲话", BODY)])
    assert segment_files([path], frozenset(), tmp_path / "cache") == {}


def test_a_small_site_does_without_a_worker(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.md", "党建讲话")
    assert BackgroundTerms.start([path], known=(), cache_folder=None, minimum=2) is None


def test_worker_processes_return_every_articles_counts(tmp_path: Path) -> None:
    paths = [write_article(tmp_path, f"{n}.md", f"讲话 {n}") for n in range(3)]
    background = BackgroundTerms.start(paths, known=(), cache_folder=None, minimum=1)
    assert background is not None
    found = background.results()
    assert set(found) == {content_key(f"讲话 {n}", BODY) for n in range(3)}


def test_counts_from_the_worker_are_used_and_stored_in_the_cache(tmp_path: Path) -> None:
    from_worker = {content_key("T", "body"): {"worker": 1}}
    assert TermCache(tmp_path).counts_for([("T", "body")], from_worker) == [{"worker": 1}]
    assert TermCache(tmp_path).counts_for([("T", "body")]) == [{"worker": 1}]
