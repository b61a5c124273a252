"""The contract every Secretariat plugin keeps with the build engine (HELPERS.md, issues 11/15).

Each plugin is ``parallel_safe`` and states what it contributes to a page with ``page_inputs`` and to
every page with ``site_inputs``; both are fixed by ``on_env``, from the Library alone. The engine
re-renders a page only when these change, so they must change whenever another article's edit
changes what the page shows (its lists), and stay the same when nothing did.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from hooks.articles.plugin import ArticlesPlugin
from hooks.categories.plugin import CategoriesPlugin
from hooks.feed.plugin import FeedPlugin
from hooks.popular.plugin import PopularPlugin
from hooks.recommended.plugin import RecommendedPlugin
from library.frontmatter import FrontMatter, dump

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
OURS = [
    "secretariat/articles",
    "secretariat/categories",
    "secretariat/popular",
    "secretariat/recommended",
    "secretariat/feed",
]
READER = "speeches/safety/fire-drill.md"
NEIGHBOUR = "speeches/safety/fire-safety.md"


def articles(neighbour_title: str) -> dict[str, str]:
    day = dt.date(2025, 1, 10)
    return {
        READER: dump(
            FrontMatter("Fire drill", "Speeches", "Safety", imported=day),
            "Fire drills and evacuation of every department.",
        ),
        NEIGHBOUR: dump(
            FrontMatter(neighbour_title, "Speeches", "Safety", imported=day),
            "Fire hazards, inspection and evacuation drills.",
        ),
        "notices/budget.md": dump(
            FrontMatter("Budget notice", "Notices", imported=day), "Budget requests by March."
        ),
    }


def built(root: Path, neighbour_title: str) -> MkDocsConfig:
    for src_uri, text in articles(neighbour_title).items():
        (root / "docs" / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / src_uri).write_text(text, encoding="utf-8")
    settings = {
        "site_name": "Contract",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False},
        "plugins": OURS,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    build(config)
    return config


def inputs(config: MkDocsConfig) -> dict[str, tuple[str, str]]:
    plugins: dict[str, Any] = dict(config.plugins.items())
    return {name: (plugins[name].page_inputs(READER), plugins[name].site_inputs()) for name in OURS}


@pytest.mark.parametrize(
    "plugin", [ArticlesPlugin, CategoriesPlugin, PopularPlugin, RecommendedPlugin, FeedPlugin]
)
def test_every_plugin_is_parallel_safe(plugin: type) -> None:
    assert plugin.parallel_safe is True
    assert callable(plugin.page_inputs) and callable(plugin.site_inputs)


def test_page_inputs_are_the_same_in_two_builds_of_one_tree(tmp_path: Path) -> None:
    assert inputs(built(tmp_path / "a", "Fire safety")) == inputs(
        built(tmp_path / "b", "Fire safety")
    )


def test_retitling_a_neighbour_changes_the_lists_on_the_reader_page(tmp_path: Path) -> None:
    before = inputs(built(tmp_path / "a", "Fire safety"))
    after = inputs(built(tmp_path / "b", "Fire safety at work"))
    changed = {name for name in OURS if before[name] != after[name]}
    assert changed == {"secretariat/popular", "secretariat/recommended"}
    assert "Fire safety at work" in after["secretariat/recommended"][0]
