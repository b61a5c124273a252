"""Build tests of the search plugin: the Pagefind markup on article pages and the bundles it writes.

One small site (an English and a Chinese article, a landing page) is built once with
``mkdocs build --strict``, with the project's ``overrides/`` as theme folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from library.frontmatter import FrontMatter, dump

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]

PAGES = {
    "index.md": "# Library\n\nWelcome to the library.\n",
    "speeches/education/nature.md": dump(
        FrontMatter(
            title="Nature & education week",
            category="Speeches",
            subcategory="Education",
            date=dt.date(2024, 3, 5),
        ),
        "Pupils planted trees in the school garden.\n",
    ),
    "speeches/party-building/dangjian.md": dump(
        FrontMatter(
            title="在党建工作会议上的讲话", category="Speeches", subcategory="Party Building"
        ),
        "同志们：今天我们召开会议，要进一步加强党建工作，推动经济高质量发展。\n",
    ),
}


def write_site(root: Path, plugins: list[object]) -> Path:
    for name, text in PAGES.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = {
        "site_name": "Search fixture",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "language": "en"},
        "plugins": plugins,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def mkdocs_build(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(options or ("--strict",))],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(
        tmp_path_factory.mktemp("search"), ["secretariat/search", "secretariat/articles"]
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def body_of(site: Path, page: str) -> Tag:
    body = soup(site, page).find(attrs={"data-pagefind-body": True})
    assert isinstance(body, Tag), f"{page} has no data-pagefind-body element"
    return body


def test_an_english_article_body_is_marked_for_the_english_index(site: Path) -> None:
    assert body_of(site, "speeches/education/nature")["lang"] == "en"


def test_a_chinese_article_body_is_marked_for_the_chinese_index(site: Path) -> None:
    assert body_of(site, "speeches/party-building/dangjian")["lang"] == "zh"


def test_the_marked_body_holds_the_article_text(site: Path) -> None:
    assert "planted trees" in body_of(site, "speeches/education/nature").get_text()


def test_navigation_and_footer_are_outside_the_marked_body(site: Path) -> None:
    body = body_of(site, "speeches/education/nature")
    assert body.find_parent(["nav", "footer", "header"]) is None
    assert body.find(["nav", "footer"]) is None


def test_a_landing_page_is_not_indexed(site: Path) -> None:
    assert soup(site, "").find(attrs={"data-pagefind-body": True}) is None


def test_category_and_subcategory_are_filters(site: Path) -> None:
    body = body_of(site, "speeches/party-building/dangjian")
    filters = {
        tag["data-pagefind-filter"]: tag.get_text() for tag in body.select("[data-pagefind-filter]")
    }
    assert filters == {"category": "Speeches", "subcategory": "Party Building"}


def test_the_date_is_metadata_and_a_sort_key(site: Path) -> None:
    date = body_of(site, "speeches/education/nature").select_one('[data-pagefind-meta="date"]')
    assert (
        date is not None
        and date.get_text() == "2024-03-05"
        and date["data-pagefind-sort"] == "date"
    )


def test_the_title_meta_is_escaped(site: Path) -> None:
    html = (site / "speeches/education/nature/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-weight="7">Nature &amp; education week</p>' in html


def test_one_bundle_per_language_and_section_holds_its_articles(site: Path) -> None:
    counts = {}
    for folder in ("en/speeches", "zh/speeches"):
        entry = json.loads((site / "pagefind" / folder / "pagefind-entry.json").read_text())
        counts[folder] = sum(lang["page_count"] for lang in entry["languages"].values())
    assert counts == {"en/speeches": 1, "zh/speeches": 1}


def test_an_unchanged_rebuild_copies_every_bundle_from_the_cache(tmp_path: Path) -> None:
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    assert mkdocs_build(root).returncode == 0
    result = mkdocs_build(root)
    assert "2 articles in 2 bundles (0 indexed, 2 unchanged)" in result.stderr


def test_a_bundle_restored_from_the_cache_holds_the_files_a_fresh_one_does(
    tmp_path: Path,
) -> None:
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    assert mkdocs_build(root).returncode == 0
    bundles = root / "site" / "pagefind"
    fresh = sorted(p.relative_to(bundles) for p in bundles.rglob("*") if p.is_file())
    shutil.rmtree(root / "site")
    assert mkdocs_build(root).returncode == 0
    restored = sorted(p.relative_to(bundles) for p in bundles.rglob("*") if p.is_file())
    assert restored == fresh
    assert not [p for p in restored if p.name.startswith("pagefind-ui")]


def test_an_edit_re_indexes_only_the_bundle_of_its_section(tmp_path: Path) -> None:
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    other = root / "docs" / "reports" / "annual" / "summary.md"
    other.parent.mkdir(parents=True)
    other.write_text(PAGES["speeches/education/nature.md"].replace("Nature", "Annual"), "utf-8")
    assert mkdocs_build(root).returncode == 0
    english = root / "docs" / "speeches" / "education" / "nature.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore trees.\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert "3 articles in 3 bundles (1 indexed, 2 unchanged)" in result.stderr


def split_site(root: Path) -> Path:
    """Two English speeches and a Chinese one, with bundles of one article: the section splits."""
    write_site(root, [{"secretariat/search": {"shard_pages": 1}}, "secretariat/articles"])
    second = root / "docs" / "speeches" / "education" / "garden.md"
    second.write_text(PAGES["speeches/education/nature.md"].replace("Nature", "Garden"), "utf-8")
    return root


def test_a_section_over_the_cap_is_split_into_bundles_the_search_box_names(
    tmp_path: Path,
) -> None:
    root = split_site(tmp_path)
    assert mkdocs_build(root).returncode == 0
    settings = soup(root / "site", "").select_one("[data-sec-search-settings]")
    assert settings is not None
    folders = [b["folder"] for b in json.loads(settings.get_text())["index"]["bundles"]]
    english = [folder for folder in folders if folder.startswith("pagefind/en/speeches/")]
    assert len(english) == 2
    assert "pagefind/zh/speeches/" in folders
    for folder in english:
        entry = json.loads((root / "site" / folder / "pagefind-entry.json").read_text())
        assert sum(lang["page_count"] for lang in entry["languages"].values()) == 1


def test_an_edit_in_a_split_section_re_indexes_one_of_its_bundles(tmp_path: Path) -> None:
    root = split_site(tmp_path)
    assert mkdocs_build(root).returncode == 0
    english = root / "docs" / "speeches" / "education" / "nature.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore trees.\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert "3 articles in 3 bundles (1 indexed, 2 unchanged)" in result.stderr


def test_a_damaged_cached_bundle_is_indexed_again(tmp_path: Path) -> None:
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    assert mkdocs_build(root).returncode == 0
    entry = next((root / ".cache" / "search").glob("*/pagefind-entry.json"))
    entry.write_text("{", encoding="utf-8")
    result = mkdocs_build(root)
    assert "(1 indexed, 1 unchanged)" in result.stderr


def test_the_search_box_is_drawn_without_materials_search_plugin(site: Path) -> None:
    page = soup(site, "speeches/education/nature")
    assert page.select_one("[data-sec-search] .md-search__input") is not None
    assert not (site / "search" / "search_index.json").exists()


def test_the_search_box_settings_name_every_bundle(site: Path) -> None:
    settings = soup(site, "").select_one("[data-sec-search-settings]")
    assert settings is not None
    bundles = json.loads(settings.get_text())["index"]["bundles"]
    assert [b["folder"] for b in bundles] == ["pagefind/en/speeches/", "pagefind/zh/speeches/"]


def test_materials_search_beside_ours_stops_the_build(tmp_path: Path) -> None:
    root = write_site(tmp_path, ["search", "secretariat/search"])
    result = mkdocs_build(root)
    assert result.returncode != 0 and "remove '- search'" in result.stderr


def test_a_page_inside_the_search_folder_stops_the_build_instead_of_being_deleted(
    tmp_path: Path,
) -> None:
    """Category ``Pagefind`` / subcategory ``En`` lands at ``pagefind/en/`` (issue 10).

    Search alone: with the articles plugin on, the Library's check of reserved folders
    (tests/hooks/test_library_build.py) stops the build first."""
    root = write_site(tmp_path, ["secretariat/search"])
    moved = root / "docs" / "pagefind" / "en" / "nature.md"
    moved.parent.mkdir(parents=True)
    (root / "docs" / "speeches" / "education" / "nature.md").rename(moved)
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert (
        "'pagefind/en/nature.md' would be written inside the search index folder" in result.stderr
    )


def test_a_change_around_the_article_bodies_re_indexes_no_bundle(tmp_path: Path) -> None:
    """The footer (here its copyright line) lies outside what Pagefind reads of a page."""
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    assert mkdocs_build(root).returncode == 0
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["copyright"] = "A new footer line"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = mkdocs_build(root)
    assert "A new footer line" in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "2 articles in 2 bundles (0 indexed, 2 unchanged)" in result.stderr


def test_a_dirty_rebuild_keeps_the_articles_it_did_not_rewrite(tmp_path: Path) -> None:
    """``--dirty`` rewrites only the changed page; the bundle must still hold the others."""
    root = write_site(tmp_path, ["secretariat/search", "secretariat/articles"])
    english = root / "docs" / "speeches" / "education" / "nature.md"
    text = english.read_text(encoding="utf-8")
    english.with_name("second.md").write_text(text.replace("Nature", "Second"), encoding="utf-8")
    assert mkdocs_build(root).returncode == 0
    english.write_text(text + "\nMore trees.\n", encoding="utf-8")
    result = mkdocs_build(root, "--dirty")
    assert result.returncode == 0, result.stderr
    pages = {}
    for language in ("en", "zh"):
        entry = root / "site" / "pagefind" / language / "speeches" / "pagefind-entry.json"
        pages[language] = json.loads(entry.read_text())["languages"][language]["page_count"]
    assert pages == {"en": 2, "zh": 1} and "(1 indexed, 1 unchanged)" in result.stderr


def test_pages_kept_by_the_build_engine_are_indexed_from_the_site(tmp_path: Path) -> None:
    """With the engine, an unchanged page is not rendered: its shard must still hold it."""
    root = write_site(tmp_path, ["secretariat/build", "secretariat/search", "secretariat/articles"])
    english = root / "docs" / "speeches" / "education" / "nature.md"
    text = english.read_text(encoding="utf-8")
    english.with_name("second.md").write_text(text.replace("Nature", "Second"), encoding="utf-8")
    assert mkdocs_build(root).returncode == 0
    shutil.rmtree(root / ".cache" / "search")
    english.write_text(text + "\nMore trees.\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    entry = root / "site" / "pagefind" / "en" / "speeches" / "pagefind-entry.json"
    assert json.loads(entry.read_text())["languages"]["en"]["page_count"] == 2


def test_bundles_left_in_place_by_a_rebuild_survive_the_engines_sweep(tmp_path: Path) -> None:
    """An unchanged bundle is not even re-linked; the build engine must still keep it."""
    root = write_site(tmp_path, ["secretariat/build", "secretariat/search", "secretariat/articles"])
    entry = root / "site" / "pagefind" / "en" / "speeches" / "pagefind-entry.json"
    assert mkdocs_build(root).returncode == 0
    identity = entry.stat().st_ino
    for _ in range(2):
        result = mkdocs_build(root)
        assert result.returncode == 0, result.stderr
        assert "0 indexed" in result.stderr
        assert entry.stat().st_ino == identity
        assert json.loads(entry.read_text())["languages"]["en"]["page_count"] == 1
