"""The ``secretariat/recommended`` plugin: "Recommended articles" at the end of every article.

Event by event: ``on_files`` takes the build's Library (:mod:`hooks.library`: every article's
front matter and body); ``on_env`` (before any page is rendered) turns each article into a term
vector (:mod:`.tokens`; cached by content hash, :mod:`.term_cache`) and ranks the whole library at
once;
``on_page_context`` hands each article its list for ``overrides/partials/recommended.html``;
``on_post_build`` writes ``recommended.json`` (``{site path: [site paths]}``) for other tools. The
ranking itself lives in plain modules beside this one (:mod:`.recommendations`, :mod:`.similarity`,
:mod:`.tokens`).

The articles are the Library's records (:func:`library.pages.is_article`, valid front matter).
"""

from __future__ import annotations

import json
import posixpath
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.build.engine import default_workers
from hooks.build.fingerprint import describe
from hooks.library import library_for
from hooks.recommended.config import RecommendedConfig
from hooks.recommended.list_cache import ListCache, ranking_key
from hooks.recommended.recommendations import Article, Settings, find_problems, recommend
from hooks.recommended.term_cache import TermCache, content_key
from hooks.recommended.tokens import TermVector
from library.model import ArticleRecord, Library

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


class RecommendedPlugin(BasePlugin[RecommendedConfig]):  # type: ignore[no-untyped-call]
    """Ranks the Library's articles in ``on_env`` and hands each page its list."""

    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        # The term cache outlives a build on purpose: `mkdocs serve` rebuilds reuse it.
        self._cache: TermCache | None = None
        self._ranking: ListCache | None = None
        self._reset()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Having this event keeps this object, and its term cache, alive between rebuilds."""

    def _reset(self) -> None:
        self._library = Library()
        self._lists: dict[str, list[str]] = {}
        self._links: dict[str, Link] = {}
        #: Each listed page's link, described once for the engine (it is in many lists).
        self._described: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        folder = Path(config.config_file_path or ".").resolve().parent / self.config.cache_dir
        if self._cache is None or self._cache.path != TermCache(folder).path:
            self._cache = TermCache(folder)
            self._ranking = ListCache(folder)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.config.enabled:
            files.append(File.generated(config, STYLESHEET, abs_src_path=str(_STYLESHEET_SOURCE)))
            self._library = library_for(config, files)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.config.enabled or self._cache is None:
            return env
        started = time.perf_counter()
        records = list(self._library)
        texts = [(r.front.title, r.body) for r in records]
        keys = [content_key(title, body) for title, body in texts]
        pages = {file.src_uri for file in files.documentation_pages()}
        settings = Settings(
            limit=self.config.limit,
            subcategory_boost=self.config.subcategory_boost,
            tag_boost=self.config.tag_boost,
        )
        # The ranking's key needs only content keys: vectors are read only when it misses.
        described = [_article(r, {}) for r in records]
        key = ranking_key(described, keys, settings, pages)
        cached = self._ranking.get(key) if self._ranking is not None else None
        if cached is None:
            counts = self._cache.counts_for(texts, keys)
            articles = [_article(r, c) for r, c in zip(records, counts, strict=True)]
            self._lists, problems = recommend(articles, settings, pages, default_workers(0))
            if self._ranking is not None:
                self._ranking.put(key, self._lists)
        else:
            ordered = sorted(described, key=lambda a: a.path)
            self._lists, problems = cached, find_problems(ordered, pages)
        for problem in problems:
            log.warning(str(problem))
        listed = {p for targets in self._lists.values() for p in targets}
        self._links = _links(files, listed, self._library)
        self._described = {path: describe(link) for path, link in self._links.items()}
        what = "Reused the last ranking of" if cached is not None else "Ranked"
        log.debug(
            f"{what} {len(records)} articles in {time.perf_counter() - started:.2f} s "
            f"({self._cache.hits} term vectors from the cache, {self._cache.misses} computed)"
        )
        return env

    def page_inputs(self, src_uri: str) -> str:
        """What this plugin puts into one page: its Recommended list."""
        described = self._described
        return f"[{','.join(described[p] for p in self._lists.get(src_uri, []) if p in described)}]"

    def site_inputs(self) -> str:
        """Nothing is shared by every page but the options (the lists differ per page)."""
        return json.dumps(dict(self.config.items()), sort_keys=True, default=str)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        paths = self._lists.get(page.file.src_uri)
        if paths:
            links = [self._links[p] for p in paths if p in self._links]
            context["recommended_articles"] = links  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / JSON_FILE
        text = json.dumps(self._lists, ensure_ascii=False, sort_keys=True, indent=1)
        temporary = target.with_suffix(".json.tmp")
        temporary.write_text(text + "\n", encoding="utf-8")
        temporary.replace(target)  # never a half-written file for the tools that read it


def _article(record: ArticleRecord, counts: TermVector | Mapping[str, int]) -> Article:
    front = record.front
    return Article(
        path=record.src_uri,
        counts=counts,
        subcategory=f"{front.category}/{front.subcategory}" if front.subcategory else None,
        tags=front.tags,
        pins=front.recommended,
        exclusions=front.not_recommended,
    )


def _links(files: Files, paths: set[str], library: Library) -> dict[str, Link]:
    """Title, URL and category of every page that appears in some list, from the Library.

    A pinned page that is not an article (an editor's index page) is named by its file: its
    title is only known once the page is read, and lists are fixed before any page is.
    """
    links: dict[str, Link] = {}
    for path in paths:
        file = files.get_file_from_path(path)
        if file is None:
            continue
        record = library.get(path)
        if record is not None:
            front = record.front
            links[path] = Link(front.title, file.url, front.category, front.subcategory)
        else:
            links[path] = Link(_file_title(path), file.url, None, None)
    return links


def _file_title(path: str) -> str:
    """``reports/index.md`` -> ``Reports``: a readable name for a page without a record."""
    stem = posixpath.splitext(path)[0]
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem) or "home"
    return posixpath.basename(stem).replace("-", " ").capitalize()
