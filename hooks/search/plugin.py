"""The ``secretariat/search`` plugin: Pagefind behind mkdocs-material's search box.

Material's built-in search sends the whole site to the browser as one ``search_index.json`` before the
first result (about 130 MB at 10,000 articles). Pagefind splits its index into chunks loaded per query.

Event by event: ``on_config`` checks that Pagefind is installed and takes Material's search plugin's
place in the header; ``on_env`` works out each article's search fields (language, category, date)
from the Library, which bundle (language and section, or part of a large section: :mod:`.shards`)
holds it, and opens this
build's indexing (:mod:`.session`); ``on_page_context`` hands the fields and the search box
settings to the templates; ``on_post_page`` sends each rendered article's payload to Pagefind while
the next pages render; ``on_post_build`` indexes what was not rendered, restores unchanged bundles
from the cache and writes the rest. It does so on every build, ``mkdocs serve`` rebuilds included.

The page events read only what ``on_env`` computed (``on_post_page`` writes to a pipe, never to
the page), so the plugin is ``parallel_safe`` for the build engine (hooks/build): pages may be
rendered in worker processes, or kept from the last build.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import ClassVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.library import library_for
from hooks.search.config import SearchConfig
from hooks.search.fields import SearchFields, in_sections, search_fields
from hooks.search.indexer import (
    Bundle,
    IndexingError,
    PagefindMissingError,
    bundle_for,
    require_binary,
)
from hooks.search.language import base_language
from hooks.search.pool import DEFAULT_PROCESSES, EXCLUDED_SELECTORS
from hooks.search.session import (
    IndexingSession,
    Member,
    PageChannel,
    Summary,
    arrival_of,
)
from hooks.search.shards import ShardCache, plan_shards
from hooks.search.ui import SearchBox, ordered_bundles
from library.model import ArticleRecord, Library

log = get_plugin_logger(__name__)

#: Template variables: the search box settings (every page) and the article's fields (articles only).
BOX_KEY = "secretariat_search"
FIELDS_KEY = "secretariat_search_fields"

#: The name under which Material's header looks for a search plugin before it draws the search box.
MATERIAL_SEARCH = "material/search"


class SearchPlugin(BasePlugin[SearchConfig]):  # type: ignore[no-untyped-call]
    """Indexes article bodies with Pagefind and serves them through Material's search box."""

    #: Page events only read what ``on_env`` computed (the build engine's contract, hooks/build).
    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self.fields: dict[str, SearchFields] = {}
        self.box: SearchBox | None = None
        self.session: IndexingSession | None = None
        self.channel: PageChannel | None = None
        self.bundle_of: dict[str, Bundle] = {}
        #: Bundles this build restored from the cache, possibly left in place (:meth:`site_outputs`).
        self.restored: tuple[str, ...] = ()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Forget the last build, check the binary, and stand in for Material's search plugin."""
        self._stop_indexer()
        self.fields, self.box, self.restored = {}, None, ()
        if not self.config.enabled:
            return config
        _refuse_material_search(config)
        try:
            require_binary()
        except PagefindMissingError as error:
            raise PluginError(str(error)) from error
        _stand_in_for_material_search(config, self)
        return config

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """Every indexed article's fields, from its source; one bundle per language among them."""
        if not self.config.enabled:
            return env
        _refuse_pages_inside(files, self.config.output_dir)
        self.fields = {}
        library = library_for(config, files)
        for file in files.documentation_pages():
            record = library.get(file.src_uri)
            if record is not None and in_sections(file.src_uri, self.config.sections):
                self.fields[file.src_uri] = _fields_of(record, config, self.config.category_filters)
        self.bundle_of = self._bundles()
        self.box = SearchBox(
            bundles=ordered_bundles(set(self.bundle_of.values()), _interface_language(config)),
            excerpt_length=self.config.excerpt_length,
            result_count=self.config.result_count,
            category_filters=self.config.category_filters,
        )
        self._start_session(config, files, library)
        return env

    def _bundles(self) -> dict[str, Bundle]:
        """The bundle of each indexed article: its language's, and its shard's (:mod:`.shards`)."""
        languages = {src_uri: fields.language for src_uri, fields in self.fields.items()}
        shards = (
            plan_shards(languages.items(), self.config.shard_pages)
            if self.config.shard_by_section
            else {}
        )
        return {
            src_uri: bundle_for(self.config.output_dir, language, shards.get(src_uri, ""))
            for src_uri, language in languages.items()
        }

    def page_inputs(self, src_uri: str) -> str:
        """What this plugin puts into one page: its search fields (the engine's fingerprint)."""
        fields = self.fields.get(src_uri)
        return fields.fingerprint() if fields is not None else "null"

    def site_inputs(self) -> str:
        """What this plugin puts into every page: the search box settings."""
        return json.dumps(self.box.to_json() if self.box is not None else None, sort_keys=True)

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

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Send the article's payload to the indexer as soon as the page is rendered.

        Runs in whichever process renders the page (a forked worker of the build engine, too):
        it only writes to the pipe that ``on_env`` made, and leaves the page as it is.
        """
        fields = self.fields.get(page.file.src_uri)
        if self.channel is not None and fields is not None:
            arrival = arrival_of(page.file.src_uri, output, fields.language)
            if arrival is not None:
                self.channel.send(arrival)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Finish the bundles: the shards still open, and those of the pages not rendered.

        Pages that were not rendered in this build (kept by the build engine, or not rewritten
        by ``--dirty``) are read back from ``site_dir``: the written site is the one truth. A
        bundle whose pages are all as last time is restored from the cache (:mod:`.shards`).
        """
        if not self.config.enabled or self.box is None:
            return
        if not self.box.bundles:
            log.warning("No article to index: the search box will find nothing.")
            return
        channel, session = self.channel, self.session
        self.channel, self.session = None, None
        assert channel is not None and session is not None
        try:
            channel.close()
            summary = session.finish()
        except (IndexingError, OSError) as error:
            session.close()
            raise PluginError(str(error)) from error
        self.restored = summary.restored
        self._report(summary)

    def site_outputs(self) -> list[str]:
        """The bundles kept as the last build left them: the build engine's sweep spares them."""
        return list(self.restored)

    def _start_session(self, config: MkDocsConfig, files: Files, library: Library) -> None:
        """The indexing of this build, ready for the first rendered page (before any fork).

        The shards of edited articles start at once (:meth:`IndexingSession.start_expected`).
        """
        members: dict[str, list[Member]] = {}
        bundles: dict[str, Bundle] = {}
        for file in files.documentation_pages():
            bundle = self.bundle_of.get(file.src_uri)
            if bundle is None or file.page is None:
                continue
            bundles[bundle.folder] = bundle
            record = library.get(file.src_uri)
            members.setdefault(bundle.folder, []).append(
                Member(
                    file.src_uri,
                    _site_url(file.page.url),
                    file.abs_dest_path,
                    record.content_hash if record is not None else "",
                )
            )
        if not bundles:
            return
        processes = self.config.processes or max(DEFAULT_PROCESSES, len(os.sched_getaffinity(0)))
        self.session = IndexingSession(
            [(bundles[folder], members[folder]) for folder in sorted(bundles)],
            ShardCache(_cache_folder(config, self.config.cache_dir)),
            json.dumps([list(EXCLUDED_SELECTORS)]),
            Path(config.site_dir),
            processes,
        )
        self.channel = PageChannel(self.session)
        self.session.start_expected()

    def _report(self, summary: Summary) -> None:
        members: dict[str, int] = {}
        for bundle in self.bundle_of.values():
            members[bundle.folder] = members.get(bundle.folder, 0) + 1
        for folder, count in sorted(summary.counts.items()):
            if count != members.get(folder, 0):
                log.warning(
                    f"Pagefind indexed {count} of {members.get(folder, 0)} articles in "
                    f"'{folder}'; an article template without the search markup of "
                    "overrides/main.html?"
                )
        total = len(summary.counts)
        log.info(
            f"Search index: {sum(summary.counts.values())} articles in {total} bundles "
            f"({summary.indexed} indexed, {total - summary.indexed} unchanged)"
        )

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build must not leave Pagefind processes behind."""
        self._stop_indexer()

    def _stop_indexer(self) -> None:
        channel, session = self.channel, self.session
        self.channel, self.session = None, None
        if channel is not None:
            channel.close()
        if session is not None:
            session.close()


def _fields_of(record: ArticleRecord, config: MkDocsConfig, filters: bool) -> SearchFields:
    """An article's search fields from its Library record, before (or without) rendering it."""
    default = _interface_language(config)
    return search_fields(
        record.front,
        record.front.title,
        "",
        default_language=default,
        filters=filters,
        language=base_language(record.language) if record.language else default,
    )


def _refuse_pages_inside(files: Files, output_dir: str) -> None:
    """Every build replaces the search folder: a page written inside it would be deleted."""
    folder = output_dir.strip("/") + "/"
    for file in files:
        if file.dest_uri.startswith(folder):
            raise PluginError(
                f"'{file.src_uri}' would be written inside the search index folder '{folder}', "
                "which every build replaces: rename its category or subcategory, or set another "
                "'output_dir' under secretariat/search in mkdocs.yml."
            )


def _cache_folder(config: MkDocsConfig, cache_dir: str) -> Path:
    """``<cache_dir>/search`` beside mkdocs.yml (or the working directory)."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return base / cache_dir / "search"


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
