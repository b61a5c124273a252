"""Build tests of the library adapter (hooks/library.py) and the feed: what holds for the whole site.

Invalid front matter fails the strict build once per file whichever plugins are enabled; two pages
at one address, or a page where the site writes its own files, fail every build; the feed is the
same bytes in two builds of one tree.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from library.frontmatter import FrontMatter, dump
from tests.hooks.test_articles_build import real_config

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]

GOOD = {
    "work-summaries/annual-summary/plan-2024.md": dump(
        FrontMatter("Plan 2024", "Work summaries", "Annual summary", imported=dt.date(2025, 1, 10)),
        "The plan for the year.",
    ),
    "speeches/opening.md": dump(
        FrontMatter("Opening speech", "Speeches", imported=dt.date(2025, 2, 1)),
        "Dear colleagues, welcome.",
    ),
}


def build_site(
    root: Path, pages: Mapping[str, str], plugins: list[Any], *, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    for src_uri, text in pages.items():
        path = root / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    real = real_config()
    config = {
        "site_name": "Fixture library",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {**real["theme"], "custom_dir": str(ROOT / "overrides")},
        "markdown_extensions": real["markdown_extensions"],
        "plugins": plugins,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else [])]
    return subprocess.run(
        command,
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("ERROR")]


BAD = {**GOOD, "speeches/no-category.md": "---\ntitle: Lost\n---\n\nText.\n"}


@pytest.mark.parametrize(
    "plugins",
    [
        [{"secretariat/articles": {"enabled": False}}, "secretariat/categories"],
        ["secretariat/popular"],
        ["secretariat/feed"],
    ],
    ids=["articles-disabled", "popular-only", "feed-only"],
)
def test_invalid_front_matter_fails_strict_whichever_plugins_run(
    tmp_path: Path, plugins: list[Any]
) -> None:
    result = build_site(tmp_path, BAD, plugins)
    assert result.returncode != 0
    assert [e for e in errors(result) if "'speeches/no-category.md'" in e] == [
        "ERROR   -  hooks: Error in 'category' in front matter of 'speeches/no-category.md': "
        "is missing. Add a line such as 'category: ...'. The page is left out of every list."
    ]


def test_an_article_at_a_subcategory_address_fails_the_build_naming_both(tmp_path: Path) -> None:
    # An editor's article in "Work summaries" titled like the subcategory beside it.
    article = dump(FrontMatter("Annual summary", "Work summaries"), "Text.")
    pages = {**GOOD, "work-summaries/annual-summary.md": article}
    result = build_site(tmp_path, pages, ["secretariat/articles", "secretariat/categories"])
    assert result.returncode != 0
    assert (
        "'work-summaries/annual-summary.md' and 'work-summaries/annual-summary/index.md' are both "
        "published as 'work-summaries/annual-summary/index.html'" in result.stderr
    )


def test_two_hand_written_pages_at_one_address_fail_even_without_strict(tmp_path: Path) -> None:
    pages = {
        "speeches/opening.md": GOOD["speeches/opening.md"],
        "speeches/opening/index.md": "# Opening\n",
    }
    result = build_site(tmp_path, pages, ["secretariat/articles"], strict=False)
    assert result.returncode != 0
    assert "'speeches/opening.md' and 'speeches/opening/index.md'" in result.stderr


def test_a_page_inside_the_search_bundle_folder_fails_the_build(tmp_path: Path) -> None:
    pages = {**GOOD, "pagefind/en/notes.md": dump(FrontMatter("Notes", "Pagefind"), "Text.")}
    result = build_site(tmp_path, pages, ["secretariat/articles"])
    assert result.returncode != 0
    assert "'pagefind/en/notes.md' would be published as 'pagefind/en/notes/index.html'" in (
        result.stderr
    )


def test_two_builds_of_one_tree_write_the_same_feed(tmp_path: Path) -> None:
    plugins = ["secretariat/articles", "secretariat/feed"]
    assert build_site(tmp_path, GOOD, plugins).returncode == 0
    first = (tmp_path / "site" / "feed_rss_created.xml").read_bytes()
    shutil.rmtree(tmp_path / "site")
    shutil.rmtree(tmp_path / ".cache", ignore_errors=True)
    assert build_site(tmp_path, GOOD, plugins).returncode == 0
    assert (tmp_path / "site" / "feed_rss_created.xml").read_bytes() == first


def test_the_feed_is_dated_by_its_newest_article(tmp_path: Path) -> None:
    assert build_site(tmp_path, GOOD, ["secretariat/feed"]).returncode == 0
    channel = ET.parse(tmp_path / "site" / "feed_rss_created.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext("lastBuildDate") == "Sat, 01 Feb 2025 00:00:00 +0000"
    assert [i.findtext("title") for i in channel.iter("item")] == ["Opening speech", "Plan 2024"]
