"""The point of issue 11: after any edit, an incremental build writes the same site as a clean one.

A fixture library is built once; then a script of edits is applied, one by one, and after each the
site is rebuilt incrementally (keeping ``.cache/``) and compared with a clean build of a copy of the
same tree: every file byte for byte, except Pagefind's bundles, whose file names and some contents
change from run to run; those are compared by behaviour: a fixed set of queries, English and
Chinese, with and without filters, returns the same results from both sites (``pagefind_queries.mjs``
in Node). With every plugin parallel-safe the incremental builds go through the engine; while one is
not (before the library branch is merged), MkDocs' own loop runs and the comparison still holds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from tests.build.library_fixture import (
    SECTIONS,
    article,
    article_path,
    site_config,
    write,
    write_library,
)
from tests.build.sites import differences

pytestmark = pytest.mark.build

QUERIES = [
    {"query": "budget"},
    {"query": "training safety"},
    {"query": "党建"},
    {"query": "安全生产"},
    {"query": "article", "filters": {"category": "Reports"}},
    {"query": "会议", "filters": {"subcategory": "Party Building"}},
    {"query": "moved"},
]
QUERY_SCRIPT = Path(__file__).with_name("pagefind_queries.mjs")

#: A fixed build date: the Popular list decays with age.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1719792000"}


def build(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def search_answers(site: Path) -> object:
    result = subprocess.run(
        ["node", str(QUERY_SCRIPT), str(site), json.dumps(QUERIES)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def edit_body(root: Path) -> None:
    path = root / "docs" / article_path(0, 2)
    write(path, path.read_text(encoding="utf-8") + "\nA new paragraph about the budget.\n")


def change_title(root: Path) -> None:
    write(root / "docs" / article_path(2, 1), article(2, 1, title="Renamed annual report"))


def add_article(root: Path) -> None:
    write(root / "docs" / article_path(3, 9), article(3, 9))


def delete_article(root: Path) -> None:
    (root / "docs" / article_path(4, 6)).unlink()


def move_article(root: Path) -> None:
    (root / "docs" / article_path(0, 5)).unlink()
    _, category, subcategory, _ = SECTIONS[2]
    text = article(0, 5, category=category, subcategory=subcategory, title="Moved speech")
    write(root / "docs" / "reports/annual/moved-speech.md", text)


def add_category(root: Path) -> None:
    text = article(4, 1, category="Notices", subcategory="Holidays", title="Holiday notice")
    write(root / "docs" / "notices/holidays/holiday-notice.md", text)


def change_pins(root: Path) -> None:
    pinned = ("reports/safety/article-3.md",)
    write(root / "docs" / article_path(0, 3), article(0, 3, recommended=pinned))


def change_pageviews(root: Path) -> None:
    path = root / "data" / "pageviews.csv"
    write(path, path.read_text(encoding="utf-8") + "/plans/budget/article-4/,2000\n")


def change_mkdocs_yml(root: Path) -> None:
    config = site_config()
    config["site_description"] = "An edited description."
    write(root / "mkdocs.yml", yaml.safe_dump(config))


def change_override(root: Path) -> None:
    main = root / "overrides" / "main.html"
    write(main, main.read_text(encoding="utf-8") + "\n{# edited override #}\n")


EDITS: list[Callable[[Path], None]] = [
    edit_body,
    change_title,
    add_article,
    delete_article,
    move_article,
    add_category,
    change_pins,
    change_pageviews,
    change_mkdocs_yml,
    change_override,
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library, built once (its cache warm), edited by the tests in order."""
    root = write_library(tmp_path_factory.mktemp("library") / "incremental")
    build(root)
    return root


def clean_copy(root: Path) -> Path:
    copy = root.with_name("clean")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".cache"))
    return copy


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_an_incremental_build_after_the_edit_equals_a_clean_build(
    library: Path, edit: Callable[[Path], None]
) -> None:
    edit(library)
    clean = clean_copy(library)
    with ThreadPoolExecutor(2) as pool:  # the two builds are independent: one per core
        list(pool.map(build, [library, clean]))
    assert differences(library / "site", clean / "site") == []
    assert search_answers(library / "site") == search_answers(clean / "site")
