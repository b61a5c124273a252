"""The adapter between MkDocs and :mod:`library.model`: one Library per build, for every plugin.

Whichever Secretariat plugin asks first in ``on_files`` scans the article files; the others get the
same object for the same build. Here, and only here, each invalid article is reported: one error
through a ``mkdocs.plugins`` logger, so ``mkdocs build --strict`` fails on it whichever plugins are
enabled, and ``mkdocs serve`` keeps previewing while the editor fixes it.

The adapter also refuses a site where two pages have one address, or where a page would be
published inside a folder the site writes itself (the search bundles): one of them would vanish.
"""

from __future__ import annotations

import time
import weakref
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel

from library.frontmatter import FrontMatter
from library.model import Library, ScanStats, scan_library
from library.names import site_path_problems
from library.pages import is_article

log = get_plugin_logger(__name__)

#: Where the scanned records are kept between builds, relative to mkdocs.yml.
CACHE_DIR = Path(".cache") / "library"


class _Current:
    """The Library of the build whose config this is (configs are new objects every build)."""

    config: weakref.ReferenceType[MkDocsConfig] | None = None
    library: Library = Library()
    checked = False


def library_for(config: MkDocsConfig, files: Files) -> Library:
    """The Library of this build, scanned on the first call (an ``on_files`` event)."""
    if _Current.config is not None and _Current.config() is config:
        return _Current.library
    started = time.perf_counter()
    sources = [
        (file.src_uri, file.content_string)
        for file in files.documentation_pages()
        if is_article(file.src_uri, file.generated_by is not None)
        and file.inclusion is not InclusionLevel.EXCLUDED
    ]
    stats = ScanStats()
    library = scan_library(sources, cache_dir(config), stats, previous=_Current.library)
    library = library.without_templates_outside(page_templates(config.theme.dirs))
    for problem in library.problems:
        log.error(f"{problem.message} The page is left out of every list.")
    log.debug(
        f"Library of {len(library)} articles in {time.perf_counter() - started:.2f} s "
        f"({stats.hits} from the cache, {stats.misses} read; cache: {stats.discarded or 'used'})"
    )
    if stats.discarded and stats.discarded != "no cache yet":
        log.info(f"Rebuilt the library cache {cache_dir(config)}: {stats.discarded}.")
    _Current.config, _Current.library, _Current.checked = weakref.ref(config), library, False
    return library


def page_templates(theme_dirs: list[str]) -> frozenset[str]:
    """The page templates a ``template:`` key may name: the theme's and the overrides' own files."""
    return frozenset(
        path.name for folder in theme_dirs for path in Path(folder).glob("*.html") if path.is_file()
    )


def current_library(config: MkDocsConfig) -> Library | None:
    """The Library of this build if some plugin has scanned it, for plugins that only read it."""
    if _Current.config is not None and _Current.config() is config:
        return _Current.library
    return None


def cache_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent / CACHE_DIR


def check_site_paths(config: MkDocsConfig, files: Files) -> None:
    """Fail the build when two pages share an address or one sits in the site's own folders.

    Runs once per build, after every plugin's ``on_files`` (the list pages are generated there).
    """
    if _Current.checked and _Current.config is not None and _Current.config() is config:
        return
    pages = [(file.src_uri, file.dest_uri) for file in files.documentation_pages()]
    problems = site_path_problems(pages)
    _Current.checked = _Current.config is not None and _Current.config() is config
    if problems:
        raise PluginError("\n".join(problem.message for problem in problems))


def article_front(config: MkDocsConfig, src_uri: str) -> FrontMatter | None:
    """The validated front matter of an article of this build, None for any other page."""
    library = current_library(config)
    record = library.get(src_uri) if library is not None else None
    return record.front if record is not None else None
