"""Build tests of the articles plugin, the article templates and the site-wide settings they rely on.

Each fixture site is configured like the real one: theme, validation rules, Markdown extensions and
feed settings are read from the repository's ``mkdocs.yml``, so the tests prove what the shipped
configuration does. Sites are built once per module with ``mkdocs build --strict`` in a subprocess,
exactly as CI builds the real site.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from library.frontmatter import FrontMatter, dump

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "http://127.0.0.1:8000/"

# 480 English words: 3 minutes at 200 words a minute (library/reading_time.py).
LONG_BODY = "\n\n".join(["The committee met and agreed on the plan. " * 12] * 5) + "\n"

GOOD_PAGES = {
    "index.md": "# Library\n\nStart with [the annual summary](reports/annual/summary-2024.md).\n",
    # Stand-ins for the index pages that the categories plugin generates on the real site.
    "reports/index.md": "# Reports\n",
    "reports/annual/index.md": "# Annual reports\n",
    "reports/annual/summary-2024.md": dump(
        FrontMatter(
            title="Work summary 2024",
            category="Reports",
            subcategory="Annual",
            subtitle="Speech at the plenary meeting",
            date=dt.date(2024, 3, 5),
            imported=dt.date(2025, 1, 10),
            description="What the office achieved in 2024.",
            tags=("summary", "annual"),
        ),
        LONG_BODY,
    ),
    "speeches/opening.md": dump(
        FrontMatter(title="Opening speech", category="Speeches", imported=dt.date(2025, 2, 1)),
        "# Opening speech\n\nDear colleagues, welcome. Back to [the library](../index.md#library).",
    ),
}


def real_config() -> dict[str, Any]:
    """The repository's mkdocs.yml, with ``!ENV`` tags resolved the way MkDocs resolves them."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml_load(handle, get_yaml_loader())
    return loaded


def real_plugin(name: str) -> Any:
    """One plugin entry of the real config: a name, or a one-key mapping with its options."""
    for entry in real_config()["plugins"]:
        if entry == name or (isinstance(entry, dict) and name in entry):
            return entry
    raise LookupError(f"mkdocs.yml has no '{name}' plugin")


def write_site(
    root: Path, pages: Mapping[str, str], *, language: str = "en", plugins: Iterable[Any] = ()
) -> Path:
    """Write ``pages`` (docs-relative path -> text) and a mkdocs.yml; return the config file."""
    for src_uri, text in pages.items():
        path = root / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    real = real_config()
    config = {
        "site_name": "Fixture library",
        "site_url": SITE_URL,
        "strict": True,
        "theme": {**real["theme"], "custom_dir": str(ROOT / "overrides"), "language": language},
        "validation": real["validation"],
        "exclude_docs": real["exclude_docs"],
        "markdown_extensions": real["markdown_extensions"],
        "plugins": ["secretariat/articles", real_plugin("secretariat/feed"), *plugins],
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file


def build(config_file: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as CI runs it; the site goes to ``site/`` beside the config."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def built(tmp_path_factory: pytest.TempPathFactory, name: str, **options: Any) -> Path:
    """A good site built strictly; fails the fixture, with MkDocs' log, if the build fails."""
    root = tmp_path_factory.mktemp(name)
    result = build(write_site(root, GOOD_PAGES, **options))
    assert result.returncode == 0, result.stderr
    return root / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "articles-en")


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "articles-zh", language="zh")


SUMMARY = "reports/annual/summary-2024/index.html"
OPENING = "speeches/opening/index.html"


def test_breadcrumb_links_to_category_and_subcategory_index_pages(site: Path) -> None:
    page_url = urljoin(SITE_URL, "reports/annual/summary-2024/")
    links = soup(site, SUMMARY).select(".sec-breadcrumb a")
    assert [(a.get_text(), urljoin(page_url, str(a["href"]))) for a in links] == [
        ("Reports", urljoin(SITE_URL, "reports/")),
        ("Annual", urljoin(SITE_URL, "reports/annual/")),
    ]


def test_breadcrumb_names_a_category_without_index_page_unlinked(site: Path) -> None:
    crumbs = soup(site, OPENING).select(".sec-breadcrumb li")
    assert [c.get_text(strip=True) for c in crumbs] == ["Speeches"]
    assert crumbs[0].a is None


def test_header_shows_title_subtitle_date_and_reading_time(site: Path) -> None:
    header = soup(site, SUMMARY).select_one(".sec-article-header")
    assert header is not None
    assert header.h1 is not None and header.h1.get_text(strip=True) == "Work summary 2024"
    subtitle = header.select_one(".sec-article-header__subtitle")
    assert subtitle is not None and subtitle.get_text(strip=True) == "Speech at the plenary meeting"
    time = header.select_one("time")
    assert time is not None and time["datetime"] == "2024-03-05"
    assert time.get_text(strip=True) == "5 March 2024"
    readtime = header.select_one(".sec-article-header__readtime")
    assert readtime is not None and readtime.get_text(strip=True) == "3 min read"


def test_article_without_date_shows_its_import_date(site: Path) -> None:
    time = soup(site, OPENING).select_one(".sec-article-header time")
    assert time is not None and time["datetime"] == "2025-02-01"


def test_title_heading_of_the_body_is_not_doubled(site: Path) -> None:
    headings = soup(site, OPENING).select("article h1")
    assert [h.get_text(strip=True).rstrip("¶") for h in headings] == ["Opening speech"]


def test_pages_that_are_not_articles_get_no_article_header(site: Path) -> None:
    assert soup(site, "reports/index.html").select_one(".sec-article-header") is None


def test_open_graph_meta_comes_from_front_matter(site: Path) -> None:
    meta = {
        str(m["property"]): str(m["content"]) for m in soup(site, SUMMARY).select("meta[property]")
    }
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Work summary 2024"
    assert meta["og:description"] == "What the office achieved in 2024."
    assert meta["og:url"] == urljoin(SITE_URL, "reports/annual/summary-2024/")
    assert meta["article:published_time"] == "2024-03-05"


def test_feed_lists_articles_by_the_day_they_joined_the_library(site: Path) -> None:
    channel = ET.parse(site / "feed_rss_created.xml").getroot().find("channel")
    assert channel is not None
    items = {item.findtext("title"): item.findtext("pubDate") for item in channel.iter("item")}
    assert set(items) == {"Work summary 2024", "Opening speech"}
    assert items["Work summary 2024"] == "Fri, 10 Jan 2025 00:00:00 +0000"


def test_pages_link_the_feed(site: Path) -> None:
    link = soup(site, SUMMARY).select_one('link[type="application/rss+xml"]')
    assert link is not None and str(link["href"]).endswith("feed_rss_created.xml")


def test_sitemap_lists_every_article(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("reports/annual/summary-2024/", "speeches/opening/"):
        assert f"<loc>{urljoin(SITE_URL, path)}</loc>" in sitemap


def test_not_found_page_offers_search_home_and_categories(site: Path) -> None:
    page = soup(site, "404.html")
    assert page.select_one('label[for="__search"]') is not None
    links = {a.get_text(strip=True): str(a["href"]) for a in page.select("article a")}
    assert links["Home page"] == "/"
    assert links["Reports"] == "/reports/"


def test_article_pages_load_print_stylesheet_and_copy_script(site: Path) -> None:
    page = soup(site, SUMMARY)
    styles = [str(link["href"]) for link in page.select('link[rel="stylesheet"]')]
    scripts = [str(script["src"]) for script in page.select("script[src]")]
    assert any(href.endswith("assets/secretariat/article.css") for href in styles)
    assert any(src.endswith("assets/secretariat/copy-article.js") for src in scripts)
    assert "@media print" in (site / "assets/secretariat/article.css").read_text(encoding="utf-8")


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    host = urlsplit(SITE_URL).netloc
    for html in site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        fetched = [str(tag.get("src") or "") for tag in page.select("[src]")]
        fetched += [str(tag["href"]) for tag in page.select("link[href]")]
        foreign = [u for u in fetched if urlsplit(u).netloc not in ("", host)]
        assert foreign == [], f"{html.relative_to(site)} loads {foreign}"


def test_chinese_ui_translates_the_article_header(zh_site: Path) -> None:
    page = soup(zh_site, SUMMARY)
    html = page.select_one("html")
    assert html is not None and html["lang"] == "zh"
    header = page.select_one(".sec-article-header")
    assert header is not None
    assert header.select_one("time").get_text(strip=True) == "2024年3月5日"  # type: ignore[union-attr]
    assert "3 分钟" in header.select_one(".sec-article-header__readtime").get_text()  # type: ignore[union-attr]
    assert header.select_one(".sec-copy-article").get_text(strip=True) == "复制全文"  # type: ignore[union-attr]


def test_chinese_ui_translates_the_not_found_page(zh_site: Path) -> None:
    assert soup(zh_site, "404.html").h1.get_text(strip=True) == "页面不存在"  # type: ignore[union-attr]


# --- Front matter that fails the strict build ------------------------------------------------------

BAD_FRONT_MATTER = {
    "bad/no-title.md": "---\ncategory: Reports\n---\n\nText.\n",
    "bad/no-category.md": "---\ntitle: Orphan\n---\n\nText.\n",
    "bad/unknown-key.md": "---\ntitle: Typo\ncategory: Reports\nauthr: Li\n---\n\nText.\n",
    "bad/not-a-date.md": "---\ntitle: Late\ncategory: Reports\ndate: last Tuesday\n---\n\nText.\n",
    "bad/markup-title.md": "---\ntitle: <script>x()</script>\ncategory: Reports\n---\n\nText.\n",
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    root = tmp_path_factory.mktemp("articles-bad")
    return build(write_site(root, {**GOOD_PAGES, **BAD_FRONT_MATTER}))


def test_invalid_front_matter_fails_the_strict_build(
    bad_build: subprocess.CompletedProcess[str],
) -> None:
    assert bad_build.returncode == 1
    assert re.search(r"^Aborted with \d+ errors in strict mode!$", bad_build.stdout, re.M)


@pytest.mark.parametrize(
    ("src_uri", "message"),
    [
        (
            "bad/no-title.md",
            "Error in 'title' in front matter of 'bad/no-title.md': is missing. "
            "Add a line such as 'title: ...'.",
        ),
        (
            "bad/no-category.md",
            "Error in 'category' in front matter of 'bad/no-category.md': "
            "is missing. Add a line such as 'category: ...'.",
        ),
        (
            "bad/unknown-key.md",
            "Error in 'authr' in front matter of 'bad/unknown-key.md': "
            "unknown key. Known keys are: category, date,",
        ),
        (
            "bad/not-a-date.md",
            "Error in 'date' in front matter of 'bad/not-a-date.md': is not a "
            "date (got 'last Tuesday'). Write it as YYYY-MM-DD, e.g. 2024-03-05.",
        ),
        (
            "bad/markup-title.md",
            "Error in 'title' in front matter of 'bad/markup-title.md': contains HTML markup",
        ),
    ],
)
def test_front_matter_error_names_file_key_and_fix(
    bad_build: subprocess.CompletedProcess[str], src_uri: str, message: str
) -> None:
    errors = [line for line in bad_build.stderr.splitlines() if line.startswith("ERROR")]
    about_file = [line for line in errors if f"'{src_uri}'" in line]
    assert len(about_file) == 1
    assert about_file[0].startswith(f"ERROR   -  hooks: {message}")


# --- Links, anchors and external resources ---------------------------------------------------------


def broken_site(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    article = dump(FrontMatter(title="Notice", category="Notices"), body)
    return build(write_site(tmp_path, {**GOOD_PAGES, "notices/notice.md": article}))


def test_broken_internal_link_fails_the_strict_build(tmp_path: Path) -> None:
    result = broken_site(tmp_path, "See [the plan](../plans/missing-plan.md).")
    assert result.returncode == 1
    assert (
        "WARNING -  Doc file 'notices/notice.md' contains a link '../plans/missing-plan.md', "
        "but the target 'plans/missing-plan.md' is not found among documentation files."
    ) in result.stderr


def test_broken_anchor_fails_the_strict_build(tmp_path: Path) -> None:
    result = broken_site(tmp_path, "See [the start](../index.md#no-such-heading).")
    assert result.returncode == 1
    assert (
        "WARNING -  Doc file 'notices/notice.md' contains a link '../index.md#no-such-heading', "
        "but the doc 'index.md' does not contain an anchor '#no-such-heading'."
    ) in result.stderr


def test_image_from_another_host_fails_the_strict_build(tmp_path: Path) -> None:
    result = broken_site(tmp_path, "![Logo](https://example.com/logo.png)")
    assert result.returncode == 1
    assert (
        "WARNING -  hooks: Page 'notices/notice.md' loads 'https://example.com/logo.png' from "
        "another host"
    ) in result.stderr


def test_pin_to_missing_page_fails_the_strict_build(tmp_path: Path) -> None:
    pytest.importorskip(
        "hooks.recommended.plugin", reason="the recommended plugin is not there yet"
    )
    article = dump(
        FrontMatter(title="Notice", category="Notices", recommended=("plans/gone.md",)), "Text."
    )
    config = write_site(
        tmp_path,
        {**GOOD_PAGES, "notices/notice.md": article},
        plugins=[real_plugin("secretariat/recommended")],
    )
    result = build(config)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if "plans/gone.md" in line]
    assert problems and "notices/notice.md" in problems[0] and "recommended" in problems[0]
