"""The ``secretariat/categories`` plugin: category pages, the home page, a nav of categories only.

Editors never write index pages: for every category and subcategory folder this plugin generates
one (``File.generated``) that lists its articles newest first, ``per_page`` at a time, and a home
page with the categories and the newest articles. An ``index.md`` an editor did write wins.

Articles are taken out of the navigation (``NOT_IN_NAV``): MkDocs renders the whole nav into every
page, so a nav listing 5,000 articles makes every page huge and the build quadratic. Readers reach
articles through these list pages, breadcrumbs, the Recommended and Popular lists and search.

The lists are built in ``on_files`` from the build's Library (:mod:`hooks.library`), never from
page events, so every page's context is fixed before any page is rendered.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.build.fingerprint import describe
from hooks.categories import fragments
from hooks.categories.catalog import (
    ArticleSummary,
    Category,
    Subcategory,
    group_by_category,
    newest_first,
    summary_of,
)
from hooks.categories.config import CategoriesConfig
from hooks.categories.listings import (
    CATEGORY_TEMPLATE,
    HOME_TEMPLATE,
    Home,
    Listing,
    PlannedPage,
    build_home,
    build_listing,
    index_markdown,
    plan_pages,
)
from hooks.categories.pagination import page_src_uri
from hooks.library import check_site_paths, library_for
from library.model import Library
from library.pages import is_article, is_index_page

STYLESHEET = "assets/secretariat/categories.css"
_STYLESHEET_SOURCE = Path(__file__).with_name("categories.css")


class CategoriesPlugin(BasePlugin[CategoriesConfig]):  # type: ignore[no-untyped-call]
    """Generates list pages in ``on_files``, names nav sections in ``on_nav``, feeds templates."""

    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._listings: dict[str, Listing] = {}  # keyed by the list page's src_uri
        self._home: Home | None = None
        self._section_titles: dict[str, str] = {}  # index page src_uri -> category name
        #: Pages kept out of the nav (articles, list pages after the first) -> their list's folder.
        self._list_folders: dict[str, str] = {}
        self._nav: Navigation | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # `mkdocs serve` keeps this object between rebuilds: forget the previous build.
        self._reset()
        if self.config.enabled and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(_STYLESHEET_SOURCE)))
        library = library_for(config, files)
        articles = _summaries(files, library)
        self._list_folders = {r.src_uri: r.folder for r in library}
        categories = group_by_category(articles)
        folders = _folders_with_parents(categories)
        planned = plan_pages([folder for folder, _ in folders], self.config.per_page)
        _generate_missing_pages(files, config, planned, home=self.config.home)

        def url_of(src_uri: str) -> str:
            file = files.get_file_from_path(src_uri)
            return file.url if file else src_uri

        by_folder = {folder.folder: (folder, parent) for folder, parent in folders}
        for page in planned:
            folder, parent = by_folder[page.folder]
            self._listings[page.src_uri] = build_listing(page, folder, parent, url_of)
            if page.slice.number == 1:
                self._section_titles[page.src_uri] = folder.name
            else:
                self._list_folders[page.src_uri] = page.folder
        every_article = newest_first(a for c in categories for a in c.articles)
        self._home = build_home(categories, every_article[: self.config.latest_count], url_of)
        return files

    def page_inputs(self, src_uri: str) -> str:
        """What this plugin puts into one page: its list, or the home page's lists."""
        listing = self._listings.get(src_uri)
        home = self._home if src_uri == "index.md" else None
        if listing is None and home is None:
            return "null"  # an article: most pages, and the same for all of them
        return describe({"listing": listing, "home": home})

    def site_inputs(self) -> str:
        """What this plugin gives every page: the nav's section titles and its own options."""
        return json.dumps(
            {"sections": self._section_titles, "options": dict(self.config.items())},
            sort_keys=True,
            default=str,
        )

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Name sections after their categories, and hang pages kept out of the nav beneath them.

        A section shows its category's name (``会议讲话``), not its pinyin folder name. An article
        or a list's page 2 is not in the nav, so the theme would highlight no tab and show an
        empty sidebar on it; giving it its list's section as parent fixes both, and lists nothing.
        """
        if not self.config.enabled:
            return nav
        check_site_paths(config, files)
        sections = _sections_by_index_page(nav.items)
        for src_uri, section in sections.items():
            if src_uri in self._section_titles:
                # Escaped: the theme prints section titles into the nav as they are.
                section.title = html.escape(self._section_titles[src_uri], quote=False)
        for src_uri, folder in self._list_folders.items():
            file = files.get_file_from_path(src_uri)
            parent = sections.get(page_src_uri(folder, 1))
            page = file.page if file is not None else None
            if parent is not None and page is not None and page.parent is None:
                page.parent = parent
        self._nav = nav
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every article of a section shows the same navigation: render it once per section.

        Material's translations are looked up once per key too.

        Only a cache of what the theme renders (:mod:`hooks.categories.fragments`): every page
        gets the same bytes as without it, so it adds nothing to ``page_inputs``.
        """
        if self.config.enabled and self.config.cache_navigation and self._nav is not None:
            extra_urls = [config.extra.get("homepage"), config.theme.get("logo")]
            fragments.install(env, self._nav, [url for url in extra_urls if url], config)
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        listing = self._listings.get(page.file.src_uri)
        if listing is not None:
            # MkDocs' TypedDict knows only its own keys; our templates read these too.
            context["listing"] = listing  # type: ignore[typeddict-unknown-key]
        if page.file.src_uri == "index.md" and self._home is not None:
            context["home"] = self._home  # type: ignore[typeddict-unknown-key]
        return context


def _folders_with_parents(
    categories: list[Category],
) -> list[tuple[Category | Subcategory, Category | None]]:
    """Every list folder in nav order: each category, then its subcategories with it as parent."""
    folders: list[tuple[Category | Subcategory, Category | None]] = []
    for category in categories:
        folders.append((category, None))
        folders.extend((sub, category) for sub in category.subcategories)
    return folders


def _generate_missing_pages(
    files: Files, config: MkDocsConfig, planned: list[PlannedPage], *, home: bool
) -> None:
    """Add the list pages and the home page that no editor wrote; page 2 onwards stays out of the nav."""
    for page in planned:
        if files.get_file_from_path(page.src_uri) is None:
            first = page.slice.number == 1
            inclusion = InclusionLevel.UNDEFINED if first else InclusionLevel.NOT_IN_NAV
            content = index_markdown(page.title, CATEGORY_TEMPLATE)
            files.append(File.generated(config, page.src_uri, content=content, inclusion=inclusion))
    if home and files.get_file_from_path("index.md") is None:
        content = index_markdown("Home", HOME_TEMPLATE, hide=("navigation", "toc"))
        files.append(File.generated(config, "index.md", content=content))


def _summaries(files: Files, library: Library) -> list[ArticleSummary]:
    """Every valid article of the library as the lists show it; every article leaves the nav."""
    for page in files.documentation_pages():
        in_nav = page.inclusion.is_in_nav()  # type: ignore[no-untyped-call]
        if in_nav and is_article(page.src_uri, page.generated_by is not None):
            page.inclusion = InclusionLevel.NOT_IN_NAV
    summaries: list[ArticleSummary] = []
    for record in library:
        file = files.get_file_from_path(record.src_uri)
        summaries.append(summary_of(record, file.url if file is not None else record.src_uri))
    return summaries


def _sections_by_index_page(items: Sequence[Any]) -> dict[str, Section]:
    """Every nav section, keyed by the src_uri of its index page (``speeches/index.md``)."""
    found: dict[str, Section] = {}
    for item in items:
        if isinstance(item, Section):
            for child in item.children:
                if isinstance(child, Page) and is_index_page(child.file.src_uri):
                    found[child.file.src_uri] = item
            found.update(_sections_by_index_page(item.children))
    return found
