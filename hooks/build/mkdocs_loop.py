"""Hack: the one place where the engine takes over MkDocs 1.6.1's page loop and its clean.

``mkdocs.commands.build.build`` empties ``site_dir`` (``utils.clean_directory``) unless
``--dirty``, then reads every page (``_populate_page``), runs ``on_env``, copies the
static files, then renders every page (``_build_page``) and validates anchors, in one process, with
no way for a plugin to skip a page or render pages elsewhere. This module replaces those two
module-level functions with thin wrappers that hand the pages to the active engine:

- ``_populate_page`` still reads the pages the engine needs in the main process (those in the
  navigation, whose titles every page shows) and leaves the others to the engine;
- the first ``_build_page`` call hands all pages to the engine, which keeps unchanged pages from its
  cache and renders the rest in worker processes (:mod:`hooks.build.render`); later calls do nothing.

- while the engine runs, ``utils.clean_directory(site_dir)`` leaves ``site_dir`` as it is and
  hands the engine a listing of it instead (:func:`keep_site_dir`): unchanged pages stay in place,
  and the engine itself removes, after the build, every file this build did not write or keep
  (:mod:`hooks.build.outputs`), so the site still equals a clean build's.

Everything else (events, static files, templates, anchor validation, ``--strict``) stays MkDocs'
own. Without an active engine, or on another MkDocs version, the wrappers are not installed or
call MkDocs' functions unchanged. ``tests/build/test_mkdocs_loop.py`` fails when MkDocs changes
these functions or the order in which ``build()`` calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import jinja2
import mkdocs
import mkdocs.commands.build as mkdocs_build
import mkdocs.utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: The MkDocs release whose page loop the wrappers were written against.
SUPPORTED_MKDOCS = "1.6.1"

populate_page: Callable[..., None] = mkdocs_build._populate_page
build_page: Callable[..., None] = mkdocs_build._build_page
#: ``build()`` calls it as ``utils.clean_directory``: the one caller in MkDocs 1.6.1.
clean_directory: Callable[[str], None] = mkdocs_utils.clean_directory


class PageLoop(Protocol):
    """What the wrappers ask of the engine."""

    def reads_in_main(self, page: Page) -> bool:
        """True for a page MkDocs must read before ``on_env`` in the main process."""

    def build_pages(
        self,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: jinja2.Environment,
    ) -> None:
        """Write every page of ``doc_files`` (once per build)."""


_active: PageLoop | None = None
#: The site_dir whose clean is skipped, and who is told instead.
_kept: tuple[Path, Callable[[], None]] | None = None


def supported() -> bool:
    """True when the installed MkDocs is the one the wrappers were written for."""
    return mkdocs.__version__ == SUPPORTED_MKDOCS


def activate(engine: PageLoop) -> None:
    """Route this build's pages through ``engine``; install the wrappers on first use."""
    global _active
    if not supported():
        raise RuntimeError(f"the build engine supports MkDocs {SUPPORTED_MKDOCS} only")
    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page
    _active = engine


def deactivate() -> None:
    """Give the page loop back to MkDocs."""
    global _active
    _active = None
    mkdocs_build._populate_page = populate_page
    mkdocs_build._build_page = build_page


def keep_site_dir(site_dir: str, instead: Callable[[], None]) -> None:
    """Make this build's clean of ``site_dir`` call ``instead`` and leave the folder as it is.

    Set in ``on_pre_build`` (MkDocs cleans right after it); :func:`release_site_dir` undoes it.
    Another folder, or a build with no engine, is cleaned as MkDocs does.
    """
    global _kept
    if not supported():
        raise RuntimeError(f"the build engine supports MkDocs {SUPPORTED_MKDOCS} only")
    mkdocs_utils.clean_directory = _clean_directory
    _kept = (Path(site_dir).resolve(), instead)


def release_site_dir() -> None:
    """Give MkDocs its own clean back."""
    global _kept
    _kept = None
    mkdocs_utils.clean_directory = clean_directory  # type: ignore[assignment]


def _clean_directory(directory: str) -> None:
    kept = _kept
    if kept is not None and Path(directory).resolve() == kept[0]:
        kept[1]()
        return
    clean_directory(directory)


def _populate_page(page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
    if _active is None or _active.reads_in_main(page):
        populate_page(page, config, files, dirty)


def _build_page(
    page: Page,
    config: MkDocsConfig,
    doc_files: Sequence[File],
    nav: Navigation,
    env: jinja2.Environment,
    dirty: bool = False,
    excluded: bool = False,
    **extra: Any,
) -> None:
    if _active is None:
        build_page(page, config, doc_files, nav, env, dirty, excluded, **extra)
        return
    _active.build_pages(config, doc_files, nav, env)
