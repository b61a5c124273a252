"""Fingerprint helpers: ``describe`` (plugins' inputs) and the digests of source files."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from hooks.build import fingerprint
from hooks.build.fingerprint import describe


@dataclass(frozen=True)
class Item:
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class Listing:
    name: str
    items: tuple[Item, ...]


def test_nested_dataclasses_are_written_as_their_fields() -> None:
    listing = Listing("报告", (Item("A", dt.date(2024, 3, 4)), Item("B", None)))
    assert describe(listing) == (
        '{"items": [{"date": "2024-03-04", "title": "A"}, {"date": null, "title": "B"}], '
        '"name": "报告"}'
    )


def test_a_changed_field_deep_inside_changes_the_text() -> None:
    before = Listing("x", (Item("A", None),))
    after = Listing("x", (Item("A", dt.date(2024, 1, 1)),))
    assert describe(before) != describe(after)


def test_nothing_is_null() -> None:
    assert describe(None) == "null"


def test_a_source_file_is_read_again_once_it_changes(tmp_path: Path) -> None:
    """``mkdocs serve`` keeps source digests between rebuilds; an edit must still show."""
    source = tmp_path / "main.html"
    source.write_text("{% extends 'base.html' %}", encoding="utf-8")
    before = fingerprint._source_digest(source)
    assert fingerprint._source_digest(source) == before
    source.write_text("{% extends 'main.html' %}", encoding="utf-8")  # same size
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert fingerprint._source_digest(source) != before


def test_links_are_found_in_each_form_and_only_there() -> None:
    for linked in (b"see [x](y.md)", b"[x]: y.md", b"<a href='y'>", b'<img src="y">', b"<a\nid=y>"):
        assert fingerprint.has_links(b"text " + linked + b" text"), linked
        assert fingerprint.has_links("文字 " + linked.decode() + " 文字"), linked
    for plain in (b"plain text", "中文，没有链接。".encode(), b"a < b and c = d, [1]"):
        assert not fingerprint.has_links(plain), plain
        assert not fingerprint.has_links(plain.decode()), plain


def test_the_folder_a_build_is_started_in_is_not_an_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m mkdocs` puts the working directory on sys.path; the console script does not."""
    (tmp_path / "secretariat.egg-info").mkdir()
    monkeypatch.chdir(tmp_path)
    without = fingerprint._distribution_versions()
    monkeypatch.setattr("sys.path", [str(tmp_path), *sys.path])
    assert fingerprint._distribution_versions() == without
