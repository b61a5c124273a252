"""The navigation cache (hooks/categories/fragments.py): same bytes as Material, fewer renderings."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import jinja2
import jinja2.meta
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from hooks.categories import fragments
from tests.hooks.test_categories_build import write_site

ROOT = Path(__file__).resolve().parents[2]

#: sha256 of the Material 9.8.2 templates whose inputs FragmentCache.key was worked out from.
#: A new Material changes these: read the templates again, check what the key holds, update.
MATERIAL_TEMPLATES = {
    "partials/nav.html": "af33f6e032f632eb055c365eb5f1a975bf8456152fa768e69a1aad6d470b843f",
    "partials/nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "partials/tabs.html": "d2c82916569e645a6b6dc5a36a2beddfaca5a66c8738c5b3e13b7d100ac2e8b7",
    "partials/tabs-item.html": "52fe1f551aa2dbfc9e15a19718a4cadd1f1e728d567ca21fea493ebfccaf3fe2",
    "partials/language.html": "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
    "partials/logo.html": "e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9",
}


def test_the_cached_partials_are_the_ones_the_key_was_written_for() -> None:
    """Hack guard: fails when Material changes the partials the cache stands in for."""
    assert version("mkdocs-material") == fragments.SUPPORTED_MATERIAL
    templates = Path(fragments._material_templates())
    found = {
        name: hashlib.sha256((templates / name).read_bytes()).hexdigest()
        for name in MATERIAL_TEMPLATES
    }
    assert found == MATERIAL_TEMPLATES


def _nav_and_pages(tmp_path: Path) -> tuple[Navigation, dict[str, Page]]:
    config = load_config(config_file=None, site_dir=str(tmp_path / "site"))
    config.docs_dir = str(tmp_path)
    uris = ["index.md", "a/index.md", "a/x/one.md", "a/x/two.md", "a/y/three.md"]
    files = Files([File(uri, str(tmp_path), str(tmp_path / "site"), True) for uri in uris])
    pages = {uri: Page(None, f, config) for uri, f in ((f.src_uri, f) for f in files)}
    section = Section("A", [pages["a/index.md"]])
    nav = Navigation([pages["index.md"], section], [pages["index.md"], pages["a/index.md"]])
    for uri in ("a/x/one.md", "a/x/two.md", "a/y/three.md"):
        pages[uri].parent = section
    return nav, pages


def test_articles_of_one_section_and_folder_share_a_rendering(tmp_path: Path) -> None:
    nav, pages = _nav_and_pages(tmp_path)
    cache = fragments.FragmentCache(jinja2.Environment(), nav, [])
    one = cache.key("partials/nav.html", pages["a/x/one.md"])
    assert one is not None
    assert one == cache.key("partials/nav.html", pages["a/x/two.md"])


def test_an_article_in_another_folder_writes_its_links_differently(tmp_path: Path) -> None:
    nav, pages = _nav_and_pages(tmp_path)
    cache = fragments.FragmentCache(jinja2.Environment(), nav, [])
    pages["a/y/three.md"].file.url = "a/y/deeper/three/"  # one level deeper than one.md
    assert cache.key("partials/nav.html", pages["a/x/one.md"]) != cache.key(
        "partials/nav.html", pages["a/y/three.md"]
    )


def test_an_article_under_another_section_has_its_own_rendering(tmp_path: Path) -> None:
    """The open sections differ, so the navigation highlights another one."""
    nav, pages = _nav_and_pages(tmp_path)
    cache = fragments.FragmentCache(jinja2.Environment(), nav, [])
    pages["a/x/two.md"].parent = None
    assert cache.key("partials/nav.html", pages["a/x/one.md"]) != cache.key(
        "partials/nav.html", pages["a/x/two.md"]
    )


def test_a_page_in_the_navigation_renders_its_own(tmp_path: Path) -> None:
    """Its table of contents is drawn into the navigation."""
    nav, pages = _nav_and_pages(tmp_path)
    cache = fragments.FragmentCache(jinja2.Environment(), nav, [])
    assert cache.key("partials/nav.html", pages["a/index.md"]) is None


def _build(root: Path, options: str) -> dict[str, bytes]:
    config = write_site(root, options)
    text = config.read_text(encoding="utf-8").replace(
        "[navigation.tabs, navigation.indexes]",
        "[navigation.tabs, navigation.prune, navigation.indexes]",
    )
    config.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = root / "site"
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_install_stands_in_for_materials_own_partials(tmp_path: Path) -> None:
    nav, _ = _nav_and_pages(tmp_path)
    config = load_config(config_file=None, theme={"name": "material"})
    env = config.theme.get_env()
    assert fragments.install(env, nav, [], config)
    assert isinstance(env.globals[fragments.GLOBAL], fragments.FragmentCache)
    source, _, _ = env.loader.get_source(env, "partials/nav.html")  # type: ignore[union-attr]
    assert fragments.GLOBAL in source


@pytest.mark.build
def test_pages_are_byte_identical_with_and_without_the_cache(tmp_path: Path) -> None:
    cached = _build(tmp_path / "cached", "per_page: 2")
    uncached = _build(tmp_path / "uncached", "per_page: 2\n" + " " * 18 + "cache_navigation: false")
    assert len(cached) > 5
    assert cached == uncached


@pytest.mark.parametrize("language", ["en", "zh"])
def test_translations_answer_as_materials_own(tmp_path: Path, language: str) -> None:
    nav, _ = _nav_and_pages(tmp_path)
    config = load_config(config_file=None, theme={"name": "material", "language": language})
    probe = '{% import "partials/language.html" as lang with context %}'
    probe += (
        "{{ lang.t('search.placeholder') }}|{{ lang.t('readtime.other') }}|{{ lang.t('nokey') }}"
    )
    theirs = config.theme.get_env().from_string(probe).render(config=config)
    env = config.theme.get_env()
    assert fragments.install(env, nav, [], config)
    assert env.from_string(probe).render(config=config) == theirs
    assert "nokey" in theirs


def test_pages_with_one_spelling_key_write_every_link_alike() -> None:
    """LinkSpelling against MkDocs' own url filter, over pages at every depth and both URL styles."""
    targets = ["", "a/", "a/x/", "a/y/", "b/", "a/x/one/", "c.html", "a/z.html", "a/x/deep/er/"]
    spelling = fragments.LinkSpelling(targets)
    urls = [
        f"{folder}{name}"
        for folder in ["", "a/", "a/x/", "a/y/", "b/", "a/x/deep/", "q/r/"]
        for name in ["one/", "two/", "er/", "x/", "page.html", "z.html", "index.html", ""]
    ]
    by_key: dict[object, set[tuple[str, ...]]] = {}
    for url in urls:
        page = Page("t", File("t.md", "/d", "/s", True), load_config(config_file=None))
        page.file.url = url
        key = spelling.key(url)
        if key is not None:
            by_key.setdefault(key, set()).add(tuple(normalize_url(t, page=page) for t in targets))
    assert len(by_key) > 5
    assert all(len(written) == 1 for written in by_key.values()), by_key
    assert any(len(urls_of_key) > 1 for urls_of_key in _urls_per_key(spelling, urls).values())


def _urls_per_key(spelling: fragments.LinkSpelling, urls: list[str]) -> dict[object, list[str]]:
    found: dict[object, list[str]] = {}
    for url in urls:
        if (key := spelling.key(url)) is not None:
            found.setdefault(key, []).append(url)
    return found


def test_the_search_box_reads_only_what_its_cache_key_holds() -> None:
    """Guard: a search box that read the page (its title, say) could not be shared by pages."""
    env = load_config(config_file=None, theme={"name": "material"}).theme.get_env()
    source = (ROOT / "overrides" / fragments.SEARCH).read_text(encoding="utf-8")
    assert jinja2.meta.find_undeclared_variables(env.parse(source)) <= fragments.SEARCH_VARIABLES
    links = set(re.findall(r"'([^']+)' \| url", source))
    assert links and links <= set(fragments.SEARCH_LINKS)


def test_the_popular_sidebar_reads_only_what_its_cache_key_holds() -> None:
    """Guard: the list, and the language through the strings partial; its links are in the key."""
    env = load_config(config_file=None, theme={"name": "material"}).theme.get_env()
    read: set[str] = set()
    for name in [fragments.POPULAR, "partials/popular.html", "partials/secretariat-lang.html"]:
        source = (ROOT / "overrides" / name).read_text(encoding="utf-8")
        # Jinja counts a name set (or imported) inside an if as maybe-undeclared: not a read.
        assigned = set(re.findall(r"{%-?\s*(?:set|import\s+\S+\s+as) (\w+)", source))
        read |= jinja2.meta.find_undeclared_variables(env.parse(source)) - assigned
    assert read <= fragments.POPULAR_VARIABLES
