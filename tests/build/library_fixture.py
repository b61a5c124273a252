"""A small article library for the edit-script test: English and Chinese, several categories,
a page-view CSV and pinned recommendations, built with the project's own mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from library.frontmatter import FrontMatter, dump
from tests.build.sites import ROOT

#: (folder, category, subcategory, language) of the fixture's sections.
SECTIONS = (
    ("speeches/education", "Speeches", "Education", "en"),
    ("speeches/party-building", "Speeches", "Party Building", "zh"),
    ("reports/annual", "Reports", "Annual", "en"),
    ("reports/safety", "Reports", "Safety", "zh"),
    ("plans/budget", "Plans", "Budget", "en"),
)
ARTICLES_PER_SECTION = 6

ENGLISH = (
    "Colleagues, this year the office {n} reviewed every department's work plan and budget. "
    "Training, safety inspections and reading weeks were held in each school and workshop. "
)
CHINESE = (
    "同志们：今年我们第{n}次召开会议，要进一步加强党建工作，落实安全生产责任制，"
    "推动经济高质量发展，切实提高基层治理水平。"
)


def article_path(section: int, number: int) -> str:
    return f"{SECTIONS[section][0]}/article-{number}.md"


def article(section: int, number: int, **changes: object) -> str:
    _, category, subcategory, language = SECTIONS[section]
    text = (ENGLISH if language == "en" else CHINESE).format(n=number)
    title = f"{subcategory} article {number}" if language == "en" else f"第{number}号{category}文章"
    front = FrontMatter(
        title=title,
        category=category,
        subcategory=subcategory,
        date=dt.date(2024, 1 + section, 1 + number),
        imported=dt.date(2024, 6, 1),
    )
    front = FrontMatter(**{**front.__dict__, **changes})  # type: ignore[arg-type]
    return dump(front, f"{text * 4}\n\n## Details\n\n{text}\n")


PAGEVIEWS = """\
Page path,Views
/speeches/education/article-1/,900
/reports/safety/article-2/,700
/plans/budget/article-3/,500
/speeches/party-building/article-4/,300
"""


def write_library(root: Path) -> Path:
    """The fixture library in ``root``: docs, data, a copy of overrides/ and mkdocs.yml."""
    for section in range(len(SECTIONS)):
        for number in range(1, ARTICLES_PER_SECTION + 1):
            write(root / "docs" / article_path(section, number), article(section, number))
    write(root / "docs" / "index.md", "# Library\n\nThe fixture library.\n")
    write(root / "data" / "pageviews.csv", PAGEVIEWS)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    write(root / "mkdocs.yml", yaml.safe_dump(site_config()))
    return root


def site_config() -> dict[str, object]:
    """The project's mkdocs.yml, with its paths pointed into the fixture.

    ``rss`` (mkdocs-rss-plugin) dates its feed with the build time, so two clean builds differ:
    it is left out (the library branch replaces it with a deterministic feed, which stays in).
    """
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["site_url"] = "http://127.0.0.1:8000/"
    config["theme"]["custom_dir"] = "overrides"
    config["plugins"] = [plugin for plugin in config["plugins"] if _plugin_name(plugin) != "rss"]
    return dict(config)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _plugin_name(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV [NAME, default]`` read as its default."""


_Loader.add_constructor(
    "!ENV",
    lambda loader, node: loader.construct_sequence(node)[-1],  # type: ignore[arg-type, attr-defined]
)
