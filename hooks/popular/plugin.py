"""The ``secretariat/popular`` plugin: the most-read articles on the home page, category pages and
beside every article.

Views come from an analytics export named by the ``data`` option (see ``pageviews.py`` for the
format), and from an article's ``views:`` front matter where the export has no row for it. The
articles come from the build's Library (:mod:`hooks.library`) in ``on_files``, are ranked once in
``on_env``, and each page only picks its short slice in ``on_page_context``, so the cost stays
linear in the number of articles and pages can be rendered in any order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from hooks.build.fingerprint import describe
from hooks.library import library_for
from hooks.popular.config import PopularConfig
from hooks.popular.pageviews import (
    PageviewRow,
    PageviewsError,
    match_rows,
    page_key,
    read_pageviews,
)
from hooks.popular.ranking import Candidate, PopularList, rank, top
from library.model import ArticleRecord
from library.names import folder_of
from library.pages import INDEX_NAMES

log = get_plugin_logger(__name__)

STYLESHEET = "assets/secretariat/popular.css"
_STYLESHEET_SOURCE = Path(__file__).with_name("popular.css")
#: Pages the theme always has that are not Markdown files; analytics rows for them are not stale.
_THEME_PAGES = frozenset({"404"})
#: At most this many stale rows are quoted in the warning; the count says how many there are.
_QUOTED_ROWS = 10


class PopularPlugin(BasePlugin[PopularConfig]):  # type: ignore[no-untyped-call]
    """Reads the data file in ``on_config``, ranks in ``on_env``, hands lists to templates."""

    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._rows: list[PageviewRow] = []
        self._base_path = "/"
        self._candidates: dict[str, Candidate] = {}
        #: Each article's key (:func:`page_key`), worked out once: it parses the path as a URL.
        self._key_of: dict[str, str] = {}
        self._home: PopularList | None = None
        self._ranked_by_folder: dict[str, tuple[str, tuple[Candidate, ...]]] = {}
        #: Each distinct list made and described once: most articles of a folder share theirs
        #: (all but those in its own top, :meth:`_list_key`).
        self._lists: dict[tuple[str, str], PopularList | None] = {}
        self._described: dict[tuple[str, str], str] = {}
        #: Per folder, the articles shown in its articles' lists (each is left out of its own).
        self._leaders: dict[str, frozenset[str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        if self.config.data_file:
            try:
                self._rows = read_pageviews(Path(self.config.data_file))
            except PageviewsError as error:
                raise PluginError(f"Popular articles: {error}") from None
        self._base_path = urlsplit(config.site_url or "/").path or "/"
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Every article of the library is a candidate, with its ``views:`` from front matter."""
        if self.config.enabled:
            files.append(File.generated(config, STYLESHEET, abs_src_path=str(_STYLESHEET_SOURCE)))
            library = list(library_for(config, files))
            candidates = [_candidate(r, files) for r in library]
            self._candidates = {c.key: c for c in candidates}
            self._key_of = {r.src_uri: c.key for r, c in zip(library, candidates, strict=True)}
        return files

    def on_env(self, env: object, /, *, config: MkDocsConfig, files: Files) -> None:
        """Rank every article once, after all pages were read and before any is rendered."""
        if not self.config.enabled:
            return
        views = self._matched_views(files)
        candidates = [
            Candidate(**{**vars(c), "views": views.get(c.key, c.views)})
            for c in self._candidates.values()
        ]
        ranked = rank(candidates, _today(), self.config.half_life_days)
        self._home = PopularList(None, top(ranked, self.config.limit_home))
        longest = max(self.config.limit_category, self.config.limit_sidebar + 1)
        folders: dict[str, tuple[str, list[Candidate]]] = {}
        for candidate in ranked:
            for folder, name in _folders_of(candidate):
                entry = folders.setdefault(folder, (name, []))
                if len(entry[1]) < longest:
                    entry[1].append(candidate)
        self._ranked_by_folder = {f: (name, tuple(items)) for f, (name, items) in folders.items()}
        self._lists, self._described, self._leaders = {}, {}, {}

    def page_inputs(self, src_uri: str) -> str:
        """What this plugin puts into one page: its Popular list."""
        key = self._list_key(src_uri)
        text = self._described.get(key)
        if text is None:
            text = self._described[key] = describe(self._list_for(src_uri))
        return text

    def site_inputs(self) -> str:
        """Nothing is shared by every page but the options (the lists differ per page)."""
        return json.dumps(dict(self.config.items()), sort_keys=True, default=str)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        popular = self._list_for(page.file.src_uri)
        if popular is not None:
            # MkDocs' TypedDict knows only its own keys; our templates read this one too.
            context["popular"] = popular  # type: ignore[typeddict-unknown-key]
        return context

    def _list_for(self, src_uri: str) -> PopularList | None:
        """Home: the site's top; a category page: its top; an article: its category's but itself."""
        key = self._list_key(src_uri)
        if key not in self._lists:
            self._lists[key] = self._make_list(*key)
        return self._lists[key]

    def _list_key(self, src_uri: str) -> tuple[str, str]:
        """Which list a page shows: ``(kind, folder or the article left out)``.

        Why: at 10,000 articles, making and hashing each article's list took a second of every
        rebuild's fingerprints, while an article outside its category's top shows that top
        unchanged, the same list as every other such article.
        """
        if not self.config.enabled:
            return ("none", "")
        if src_uri in INDEX_NAMES:
            return ("home", "")
        key = self._key_of.get(src_uri)
        if key is None:
            key = page_key(src_uri)
        article = self._candidates.get(key)
        if article is not None:
            folder = folder_of(article.category)
            leaders = self._leaders.get(folder)
            if leaders is None:
                ranked = self._ranked_by_folder[folder][1][: self.config.limit_sidebar]
                leaders = self._leaders[folder] = frozenset(c.key for c in ranked)
            return ("article", f"{folder}\0{key if key in leaders else ''}")
        if key in self._ranked_by_folder:  # a category's or subcategory's index page
            return ("folder", key)
        return ("none", "")

    def _make_list(self, kind: str, which: str) -> PopularList | None:
        if kind == "home":
            return self._home
        if kind == "article":
            folder, _, left_out = which.partition("\0")
            name, ranked = self._ranked_by_folder[folder]
            return PopularList(name, top(ranked, self.config.limit_sidebar, exclude=left_out))
        if kind == "folder":
            name, ranked = self._ranked_by_folder[which]
            return PopularList(name, top(ranked, self.config.limit_category))
        return None

    def _matched_views(self, files: Files) -> dict[str, int]:
        """Views per page key from the data file; warns about rows that name no page of the site."""
        pages = {page_key(f.src_uri) for f in files.documentation_pages()} | _THEME_PAGES
        views, stale = match_rows(self._rows, pages, self._base_path)
        if stale:
            quoted = ", ".join(f"line {r.line} '{r.target}'" for r in stale[:_QUOTED_ROWS])
            more = f" and {len(stale) - _QUOTED_ROWS} more" if len(stale) > _QUOTED_ROWS else ""
            log.warning(
                f"{self.config.data_file}: {len(stale)} row(s) name pages this site does not have: "
                f"{quoted}{more}. Remove the rows or correct their paths."
            )
        return views


def _candidate(record: ArticleRecord, files: Files) -> Candidate:
    file = files.get_file_from_path(record.src_uri)
    front = record.front
    return Candidate(
        key=page_key(record.src_uri),
        url=file.url if file is not None else record.src_uri,
        title=front.title,
        category=front.category,
        subcategory=front.subcategory,
        date=front.date,
        views=front.views,
    )


def _folders_of(candidate: Candidate) -> list[tuple[str, str]]:
    """The list-page folders an article belongs to, with their names (the pages' own folders)."""
    folders = [(folder_of(candidate.category), candidate.category)]
    if candidate.subcategory:
        folders.append(
            (folder_of(candidate.category, candidate.subcategory), candidate.subcategory)
        )
    return folders


def _today() -> dt.date:
    """The build date; ``SOURCE_DATE_EPOCH`` pins it so that a rebuild gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
