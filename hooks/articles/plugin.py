"""The ``secretariat/articles`` plugin.

Hands each article's header (breadcrumb, subtitle, date, reading time) and Open Graph data to the
templates as ``secretariat_article``, from the article's record in the build's Library
(:mod:`hooks.library`, which also reports invalid front matter, once, as an error), and warns about
images and frames that would load from another host.

The headers are worked out in ``on_env`` from the Library alone, so page events only look them up:
pages may be rendered in any order, in worker processes, or not at all when unchanged.
"""

from __future__ import annotations

import json
from typing import ClassVar
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.articles.config import ArticlesConfig
from hooks.articles.header import ArticleHeader, build_header
from hooks.articles.resources import external_resources
from hooks.build.fingerprint import describe
from hooks.library import check_site_paths, library_for
from library.model import Library

log = get_plugin_logger(__name__)


class ArticlesPlugin(BasePlugin[ArticlesConfig]):  # type: ignore[no-untyped-call]
    """Supplies each article's header data to the theme; checks what pages load from elsewhere."""

    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self.headers: dict[str, ArticleHeader] = {}
        self.own_host = ""
        self.library = Library()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Forget the last build's pages: ``mkdocs serve`` keeps this object between rebuilds."""
        self.headers = {}
        self.library = Library()
        self.own_host = urlsplit(config.site_url or "").netloc
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Scan the library (or take the one another plugin scanned for this build)."""
        if self.config.enabled:
            self.library = library_for(config, files)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Let nothing of a refused front matter reach the templates.

        MkDocs parses the front matter again on its own, laxly: it may hold an alias bomb's nested
        lists, or a ``template:`` that would stop the build with a TemplateNotFound traceback. The
        Library has already reported the file; here its page just loses that metadata.
        """
        if self.config.enabled and page.file.src_uri in self.library.refused:
            page.meta.clear()
        return None

    @event_priority(-100)
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Every page is known now, generated ones included: refuse two pages at one address."""
        if self.config.enabled:
            check_site_paths(config, files)
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every article's header, before any page is rendered."""
        if not self.config.enabled:
            return env

        by_uri = files.src_uris  # folders are POSIX paths already: no normalising per article

        def index_url(folder: str) -> str | None:
            index = by_uri.get(f"{folder}/index.md")
            return index.url if index is not None and index.is_documentation_page() else None

        self.headers = {r.src_uri: build_header(r, index_url) for r in self.library}
        return env

    def page_inputs(self, src_uri: str) -> str:
        """What this plugin puts into one page: its header."""
        header = self.headers.get(src_uri)
        return describe(header)

    def site_inputs(self) -> str:
        """What this plugin does to every page alike: the external-resources check."""
        options = dict(self.config.items())
        return json.dumps({"options": options, "host": self.own_host}, sort_keys=True, default=str)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Warn about images and frames that would load from another host."""
        if not self.config.enabled or not self.config.check_external_resources:
            return None
        for url in external_resources(html, self.own_host):
            log.warning(
                f"Page '{page.file.src_uri}' loads '{url}' from another host, so every reader's "
                "browser would fetch it from there. Save the file under docs/ beside the page and "
                "refer to it by a relative path, or remove it."
            )
        return None

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Hand the article header to ``partials/article-header.html`` and the page meta."""
        header = self.headers.get(page.file.src_uri)
        if header is not None:
            # MkDocs' TypedDict knows only its own keys; templates read this one too.
            context["secretariat_article"] = header  # type: ignore[typeddict-unknown-key]
        return context
