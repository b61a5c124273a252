"""The ``secretariat/articles`` plugin.

Two jobs for every article page: check its front matter against the one schema
(:func:`library.frontmatter.from_mapping`), so a typo fails ``mkdocs build --strict`` with the
file, the key and the fix; and hand the article header (breadcrumb, subtitle, date, reading time)
and the Open Graph data to the templates as ``secretariat_article``.

Bad front matter is logged as an error rather than raised: one build then lists every broken file at
once, ``--strict`` still fails, and ``make serve`` (not strict) keeps previewing during the fix.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.articles.config import ArticlesConfig
from hooks.articles.header import ArticleHeader, build_header
from hooks.articles.resources import external_resources
from hooks.articles.selection import is_article
from library.frontmatter import FrontMatterError, read_front_matter

log = get_plugin_logger(__name__)


class ArticlesPlugin(BasePlugin[ArticlesConfig]):  # type: ignore[no-untyped-call]
    """Validates article front matter and supplies each article's header data to the theme."""

    def __init__(self) -> None:
        self.headers: dict[str, ArticleHeader] = {}
        self.own_host = ""
        self.templates: frozenset[str] = frozenset()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Forget the last build's pages: ``mkdocs serve`` keeps this object between rebuilds."""
        self.headers = {}
        self.own_host = urlsplit(config.site_url or "").netloc
        self.templates = _page_templates(config.theme.dirs)
        return config

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Validate the front matter, read again from the source with the one strict loader.

        ``page.meta`` cannot be trusted for this: MkDocs turns broken YAML into an empty mapping
        (which would be reported as "'title' is missing") and accepts duplicate keys and aliases.
        """
        if not self.config.enabled or not is_article(page.file):
            return None
        try:
            front, _ = read_front_matter(
                page.file.content_string, page.file.src_uri, self.templates
            )
        except FrontMatterError as error:
            log.error(str(error))
            # Nothing of a refused front matter reaches the templates: MkDocs' own parse may hold
            # an alias bomb's 9**9 strings, or a 'template:' that would stop the build with a
            # TemplateNotFound traceback.
            page.meta.clear()
            return None
        self.headers[page.file.src_uri] = build_header(
            front, markdown, lambda folder: _index_page_url(files, folder)
        )
        return None

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


def _index_page_url(files: Files, folder: str) -> str | None:
    """The site URL of ``folder``'s index page, if the site has one (generated ones included)."""
    index = files.get_file_from_path(f"{folder}/index.md")
    return index.url if index is not None and index.is_documentation_page() else None


def _page_templates(theme_dirs: list[str]) -> frozenset[str]:
    """The page templates a ``template:`` key may name: the theme's and the overrides' own files."""
    return frozenset(
        path.name for folder in theme_dirs for path in Path(folder).glob("*.html") if path.is_file()
    )
