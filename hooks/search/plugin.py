"""The ``secretariat/search`` plugin: Pagefind behind mkdocs-material's search box.

Material's built-in search sends the whole site to the browser as one ``search_index.json`` before the
first result (about 130 MB at 10,000 articles). Pagefind splits its index into chunks loaded per query.

Event by event: ``on_config`` checks that Pagefind is installed and takes Material's search plugin's
place in the header; ``on_page_content`` works out each article's search fields (language, category,
date); ``on_env`` decides which language bundles the site gets and starts Pagefind;
``on_page_context`` hands the fields and the search box settings to the templates; ``on_post_page``
hands each written article page to Pagefind, which indexes it beside the renderer
(:mod:`.streaming`); ``on_post_build`` waits for the last pages and writes the bundles. It does so
on every build, ``mkdocs serve`` rebuilds included.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.library import article_front
from hooks.search.config import SearchConfig
from hooks.search.fields import SearchFields, in_sections, search_fields
from hooks.search.indexer import IndexingError, PagefindMissingError, bundle_for, require_binary
from hooks.search.language import base_language
from hooks.search.streaming import StreamingIndexer, write_bundles
from hooks.search.ui import SearchBox, ordered_bundles
from library.pages import is_article

log = get_plugin_logger(__name__)

#: Template variables: the search box settings (every page) and the article's fields (articles only).
BOX_KEY = "secretariat_search"
FIELDS_KEY = "secretariat_search_fields"

#: The name under which Material's header looks for a search plugin before it draws the search box.
MATERIAL_SEARCH = "material/search"

_TAG_RE = re.compile(r"<[^>]+>")


class SearchPlugin(BasePlugin[SearchConfig]):  # type: ignore[no-untyped-call]
    """Indexes article bodies with Pagefind and serves them through Material's search box."""

    def __init__(self) -> None:
        self.fields: dict[str, SearchFields] = {}
        self.box: SearchBox | None = None
        self.indexer: StreamingIndexer | None = None
        #: ``--dirty`` builds write only the changed pages, so Pagefind reads the whole site instead.
        self.dirty = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Note ``--dirty``; this event also makes ``mkdocs serve`` keep the plugin object."""
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Forget the last build, check the binary, and stand in for Material's search plugin."""
        self._stop_indexer()
        self.fields, self.box = {}, None
        if not self.config.enabled:
            return config
        _refuse_material_search(config)
        try:
            require_binary()
        except PagefindMissingError as error:
            raise PluginError(str(error)) from error
        _stand_in_for_material_search(config, self)
        return config

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Note the search fields of each article that is to be indexed."""
        if not self.config.enabled or not is_article(
            page.file.src_uri, page.file.generated_by is not None
        ):
            return None
        if not in_sections(page.file.src_uri, self.config.sections):
            return None
        self.fields[page.file.src_uri] = search_fields(
            article_front(config, page.file.src_uri),
            page.title or "",
            _TAG_RE.sub(" ", html),
            default_language=_interface_language(config),
            filters=self.config.category_filters,
        )
        return None

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """One bundle per language that some article is written in; Pagefind starts for each."""
        if self.config.enabled:
            languages = {fields.language for fields in self.fields.values()}
            bundles = (bundle_for(self.config.output_dir, language) for language in languages)
            self.box = SearchBox(
                bundles=ordered_bundles(bundles, _interface_language(config)),
                excerpt_length=self.config.excerpt_length,
                result_count=self.config.result_count,
                category_filters=self.config.category_filters,
            )
            if self.box.bundles:
                try:
                    self.indexer = StreamingIndexer(self.box.bundles)
                except IndexingError as error:
                    raise PluginError(str(error)) from error
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """The search box settings, and on articles the fields that ``main.html`` marks up."""
        context[BOX_KEY] = self.box  # type: ignore[literal-required]
        fields = self.fields.get(page.file.src_uri)
        if fields is not None:
            context[FIELDS_KEY] = fields  # type: ignore[literal-required]
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        """The 404 page has a search box too."""
        context[BOX_KEY] = self.box  # type: ignore[literal-required]
        return context

    @event_priority(-100)  # last: Pagefind must see the page as it is written, after other plugins
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand a written article page to the index of its language; Pagefind works on it meanwhile."""
        fields = self.fields.get(page.file.src_uri)
        if self.indexer is not None and fields is not None and not self.dirty:
            self.indexer.add(fields.language, _site_url(page.url), output)
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the bundles: each article body lands in the bundle of its language."""
        if not self.config.enabled or self.box is None:
            return
        if not self.box.bundles or self.indexer is None:
            log.warning("No article to index: the search box will find nothing.")
            return
        site_dir = Path(config.site_dir)
        indexer, self.indexer = self.indexer, None
        try:
            if self.dirty:
                indexer.add_site(site_dir)
            counts = write_bundles(indexer, site_dir)
        except (IndexingError, OSError) as error:
            indexer.close()
            raise PluginError(str(error)) from error
        expected = {b.language: 0 for b in self.box.bundles}
        for fields in self.fields.values():
            expected[fields.language] += 1
        for language, count in sorted(counts.items()):
            if count != expected[language]:
                log.warning(
                    f"Pagefind indexed {count} of {expected[language]} '{language}' articles; "
                    "an article template without the search markup of overrides/main.html?"
                )
        log.info(f"Search index: {', '.join(f'{n} {lang}' for lang, n in sorted(counts.items()))}")

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build must not leave Pagefind processes behind."""
        self._stop_indexer()

    def _stop_indexer(self) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.close()


def _site_url(page_url: str) -> str:
    """A page's address from the site root, as Pagefind gives it (``/reports/x/``)."""
    return "/" + page_url.lstrip("/")


def _interface_language(config: MkDocsConfig) -> str:
    return base_language(str(config.theme.get("language") or "en"))


def _refuse_material_search(config: MkDocsConfig) -> None:
    """Two search plugins would write two indexes; say which line of mkdocs.yml to change."""
    material = config.plugins.get(MATERIAL_SEARCH)
    if (
        material is not None
        and not isinstance(material, SearchPlugin)
        and getattr(material.config, "enabled", True)
    ):
        raise PluginError(
            "secretariat/search replaces Material's search plugin: remove '- search' from the "
            "plugins in mkdocs.yml (or set 'enabled: false' under secretariat/search to keep "
            "Material's search instead)."
        )


def _stand_in_for_material_search(config: MkDocsConfig, plugin: SearchPlugin) -> None:
    """Let Material's header draw its search box, which it does only for a plugin of that name.

    ``dict.__setitem__`` skips ``PluginCollection.__setitem__``, which would register this plugin's
    events a second time; the template only reads ``config.plugins["material/search"].config.enabled``.
    """
    dict.__setitem__(config.plugins, MATERIAL_SEARCH, plugin)
