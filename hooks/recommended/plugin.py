"""The ``secretariat/recommended`` plugin: "Recommended articles" at the end of every article.

Event by event: ``on_files`` starts segmenting the article files on a spare core
(:mod:`.background`); ``on_page_markdown`` collects each article's title, body and front-matter
controls; ``on_env`` (every page read, none rendered yet) ranks the whole library at once;
``on_page_context`` hands each article its list for ``overrides/partials/recommended.html``;
``on_post_build`` writes ``recommended.json`` (``{site path: [site paths]}``) for other tools. The
ranking itself lives in plain modules beside this one (:mod:`.recommendations`, :mod:`.similarity`,
:mod:`.tokens`).

An article is a Markdown page with a ``category`` that is neither a folder index nor generated.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.recommended.background import BackgroundTerms
from hooks.recommended.config import RecommendedConfig
from hooks.recommended.front import article_front_matter
from hooks.recommended.recommendations import Article, Settings, recommend
from hooks.recommended.term_cache import TermCache
from library.frontmatter import FrontMatter, FrontMatterError
from library.pages import is_index_page

log = get_plugin_logger(__name__)

#: Written into the built site beside index.html.
JSON_FILE = "recommended.json"
STYLESHEET = "assets/secretariat/recommended.css"
_STYLESHEET_SOURCE = Path(__file__).with_name("recommended.css")


@dataclass(frozen=True)
class Link:
    """One entry of a Recommended list, as the template shows it."""

    title: str
    url: str
    category: str | None
    subcategory: str | None


@dataclass(frozen=True)
class _Source:
    front: FrontMatter
    body: str


class RecommendedPlugin(BasePlugin[RecommendedConfig]):  # type: ignore[no-untyped-call]
    """Collects articles while pages are read, ranks them in ``on_env``, hands out the lists."""

    def __init__(self) -> None:
        # The term cache outlives a build on purpose: `mkdocs serve` rebuilds reuse it.
        self._cache: TermCache | None = None
        self._keep_sources = False
        self._sources: dict[str, _Source] = {}
        self._reset()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Having this event keeps this object alive between `mkdocs serve` rebuilds.

        With ``--dirty`` MkDocs reads only the pages whose files changed, so the articles read by
        earlier builds are kept (and updated by the pages read again) instead of being forgotten:
        otherwise the edited page would be ranked against nothing and lose its list.
        """
        self._keep_sources = dirty

    def _reset(self) -> None:
        self._background: BackgroundTerms | None = None
        if not self._keep_sources:
            self._sources = {}
        self._lists: dict[str, list[str]] = {}
        self._links: dict[str, Link] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        folder = Path(config.config_file_path or ".").resolve().parent / self.config.cache_dir
        if self._cache is None or self._cache.path != TermCache(folder).path:
            self._cache = TermCache(folder)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.config.enabled:
            files.append(File.generated(config, STYLESHEET, abs_src_path=str(_STYLESHEET_SOURCE)))
            present = {file.src_uri for file in files.documentation_pages()}
            self._sources = {uri: s for uri, s in self._sources.items() if uri in present}
            self._start_background(files)
        return files

    def _start_background(self, files: Files) -> None:
        """Segment the article files on a spare core while MkDocs reads and renders pages."""
        if self._cache is None:
            return
        paths = [
            file.abs_src_path
            for file in files.documentation_pages()
            if file.abs_src_path and file.generated_by is None and not is_index_page(file.src_uri)
        ]
        self._background = BackgroundTerms.start(
            paths, known=self._cache.memory, cache_folder=self._cache.folder
        )

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.config.enabled and _is_article(page):
            front = _front_matter(page)
            if front is not None:
                self._sources[page.file.src_uri] = _Source(front, markdown)
        return markdown

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.config.enabled or self._cache is None:
            return env
        started = time.perf_counter()
        segmented = self._background.results() if self._background is not None else {}
        self._background = None
        paths = sorted(self._sources)
        counts = self._cache.counts_for(
            [(self._sources[p].front.title, self._sources[p].body) for p in paths], segmented
        )
        articles = [
            _article(path, self._sources[path].front, c)
            for path, c in zip(paths, counts, strict=True)
        ]
        pages = {file.src_uri for file in files.documentation_pages()}
        settings = Settings(
            limit=self.config.limit,
            subcategory_boost=self.config.subcategory_boost,
            tag_boost=self.config.tag_boost,
        )
        self._lists, problems = recommend(articles, settings, pages)
        for problem in problems:
            log.warning(str(problem))
        listed = {p for targets in self._lists.values() for p in targets}
        self._links = _links(files, listed, self._sources)
        log.debug(
            f"Ranked {len(paths)} articles in {time.perf_counter() - started:.2f} s "
            f"({self._cache.hits} from the term cache, {self._cache.misses} segmented, "
            f"{len(segmented)} segmented ahead in the background)"
        )
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        paths = self._lists.get(page.file.src_uri)
        if paths:
            links = [self._links[p] for p in paths if p in self._links]
            context["recommended_articles"] = links  # type: ignore[typeddict-unknown-key]
        return context

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build must not leave worker processes behind."""
        if self._background is not None:
            self._background.cancel()
            self._background = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / JSON_FILE
        text = json.dumps(self._lists, ensure_ascii=False, sort_keys=True, indent=1)
        temporary = target.with_suffix(".json.tmp")
        temporary.write_text(text + "\n", encoding="utf-8")
        temporary.replace(target)  # never a half-written file for the tools that read it


def _is_article(page: Page) -> bool:
    file = page.file
    return (
        file.generated_by is None
        and not is_index_page(file.src_uri)
        and bool(page.meta.get("category"))
    )


def _front_matter(page: Page) -> FrontMatter | None:
    """The keys this plugin needs, validated by the shared schema; invalid ones skip the article.

    The categories plugin already reports invalid front matter as a warning; this one stays quiet.
    """
    meta = {"title": page.title or page.file.src_uri, **page.meta}
    try:
        return article_front_matter(meta, page.file.src_uri)
    except FrontMatterError as error:
        log.debug(f"Not recommending around '{page.file.src_uri}': {error}")
        return None


def _article(path: str, front: FrontMatter, counts: dict[str, int]) -> Article:
    return Article(
        path=path,
        counts=counts,
        subcategory=f"{front.category}/{front.subcategory}" if front.subcategory else None,
        tags=front.tags,
        pins=front.recommended,
        exclusions=front.not_recommended,
    )


def _links(files: Files, paths: set[str], sources: Mapping[str, _Source]) -> dict[str, Link]:
    """Title, URL and category of every page that appears in some list.

    They come from the front matter read for ranking: in a ``--dirty`` rebuild MkDocs does not read
    the unchanged pages again, so their ``Page`` objects have no title.
    """
    links: dict[str, Link] = {}
    for path in paths:
        file = files.get_file_from_path(path)
        if file is None:
            continue
        source = sources.get(path)
        if source is not None:
            front = source.front
            links[path] = Link(front.title, file.url, front.category, front.subcategory)
        elif file.page is not None:  # a pinned page that is not an article
            meta = file.page.meta
            links[path] = Link(
                title=str(file.page.title or meta.get("title") or path),
                url=file.url,
                category=_text_or_none(meta.get("category")),
                subcategory=_text_or_none(meta.get("subcategory")),
            )
    return links


def _text_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
