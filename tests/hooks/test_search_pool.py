"""Tests of the pool of Pagefind processes (hooks/search/pool)."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest

from hooks.search.indexer import IndexingError, bundle_for
from hooks.search.pool import IndexerPool
from tests.hooks.test_search_payload import PAGE

SLOW_PAGEFIND = Path(__file__).with_name("slow_pagefind.py")


def launched_process(pool: IndexerPool) -> asyncio.subprocess.Process:
    """The first service's Pagefind process, once it has started (at most 30 s)."""
    deadline = time.monotonic() + 30
    while not pool._services or not pool._services[0].process.done():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return pool._services[0].process.result()._backend


def test_a_pagefind_process_that_dies_fails_the_shard_instead_of_hanging() -> None:
    bundle = bundle_for("pagefind", "zh")
    pool = IndexerPool(1)
    try:
        pool.open(bundle)
        pool.add(bundle, "/a/", PAGE)
        launched_process(pool).kill()  # as if the binary crashed mid-build
        with pytest.raises(IndexingError):
            pool.finish(bundle).result(timeout=60)
    finally:
        pool.close()


def test_no_more_processes_start_than_allowed() -> None:
    pool = IndexerPool(2)
    try:
        bundles = [bundle_for("pagefind", "zh", f"s{n}") for n in range(5)]
        for bundle in bundles:
            pool.open(bundle)
            pool.add(bundle, f"/{bundle.folder}/", PAGE)
        for bundle in bundles:
            files = dict(pool.finish(bundle).result(timeout=120))
            assert b'"page_count":1' in files["pagefind-entry.json"].replace(b" ", b"")
        assert pool.launched == 2
    finally:
        pool.close()


def test_a_process_exits_once_its_last_shard_is_fetched() -> None:
    """Pagefind keeps a deleted index's memory: a process done with its shards must go."""
    pool = IndexerPool(1)
    try:
        first, second = (bundle_for("pagefind", "zh", name) for name in ("a", "b"))
        pool.open(first)
        pool.add(first, "/a/", PAGE)
        pool.finish(first).result(timeout=60)
        assert pool._services == []
        pool.open(second)
        pool.add(second, "/b/", PAGE)
        process = launched_process(pool)
        files = dict(pool.finish(second).result(timeout=60))
        assert b'"page_count":1' in files["pagefind-entry.json"].replace(b" ", b"")
        assert process.returncode is not None
        assert pool.launched == 2
    finally:
        pool.close()


def test_a_finished_shard_comes_back_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``GetFiles`` answers with every file complete, unlike ``WriteFiles`` (issue 10)."""
    binary = tmp_path / "pagefind"
    binary.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{SLOW_PAGEFIND}" "$@"\n')
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    bundle = bundle_for("pagefind", "zh")
    pool = IndexerPool(1)
    try:
        pool.open(bundle)
        pool.add(bundle, "/a/", PAGE)
        files = dict(pool.finish(bundle).result(timeout=60))
    finally:
        pool.close()
    assert files["pagefind-entry.json"].endswith(b"}}}")
