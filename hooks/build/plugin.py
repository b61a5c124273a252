"""The ``secretariat/build`` plugin: MkDocs' page loop, incremental and on every core.

Event by event: ``on_config`` checks that every plugin keeps the engine's contract (``parallel_safe``,
see /work/HELPERS.md's contract and :mod:`hooks.build.fingerprint`); if one does not, MkDocs' own loop
runs and the log names the plugin. ``on_nav`` (last of all plugins) knows the navigation and hands the
page loop to a new :class:`~hooks.build.engine.Engine` (:mod:`hooks.build.mkdocs_loop`, the one
labelled hack); ``on_pre_build`` keeps ``site_dir`` from MkDocs' clean (the same hack) and lists it;
``on_post_build``, after every other plugin's, gives the loop back and removes what this build
neither wrote nor kept (:mod:`hooks.build.outputs`); ``on_build_error`` gives everything back.
``mkdocs serve`` keeps this plugin between rebuilds, and every rebuild goes through the same engine
and cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from hooks.build import mkdocs_loop, outputs
from hooks.build.cache import BuildCache
from hooks.build.config import BuildConfig
from hooks.build.engine import Engine, default_workers

log = get_plugin_logger(__name__)

#: Plugins outside this project known to keep the contract (none yet: each must be checked).
KNOWN_PARALLEL_SAFE: frozenset[str] = frozenset()


class BuildPlugin(BasePlugin[BuildConfig]):  # type: ignore[no-untyped-call]
    """Renders only changed pages, in worker processes; the output equals MkDocs' own loop's."""

    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self.takes_over = False
        self.engine: Engine | None = None
        self.command = "build"
        #: site_dir as this build found it, listed when MkDocs would have cleaned it.
        self.before: dict[str, outputs.Stamp] | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Note the command; this event also makes ``mkdocs serve`` keep the plugin between builds.

        ``mkdocs serve`` sets ``site_url`` to the preview's address, which changes every page's
        fingerprint: the preview keeps a cache of its own, so that ``make site`` and ``make serve``
        in turn do not each invalidate the other's.
        """
        self.command = "serve" if command == "serve" else "build"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Decide whether the engine may take over this build's page loop."""
        mkdocs_loop.deactivate()
        mkdocs_loop.release_site_dir()
        self.engine = None
        self.takes_over = False
        self.before = None
        if not self.config.enabled:
            return config
        if not mkdocs_loop.supported():
            log.info(
                f"Rendering with MkDocs' own page loop: the build engine supports MkDocs "
                f"{mkdocs_loop.SUPPORTED_MKDOCS} only."
            )
            return config
        blocker = first_unsafe_plugin(config)
        if blocker is not None:
            log.info(
                f"Rendering with MkDocs' own page loop: plugin '{blocker}' is not parallel_safe."
            )
            return config
        self.takes_over = True
        return config

    def page_inputs(self, src_uri: str) -> str:
        """The engine adds nothing to a page's output."""
        return ""

    def site_inputs(self) -> str:
        """The engine adds nothing to a page's output."""
        return ""

    @event_priority(-1000)  # last: the navigation as every other plugin left it
    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Hand this build's page loop to a new engine."""
        if self.takes_over:
            cache = BuildCache(_cache_folder(config, self.config.cache_dir) / self.command)
            self.engine = Engine(cache, default_workers(self.config.jobs), files, nav)
            mkdocs_loop.activate(self.engine)
        return nav

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Keep site_dir from MkDocs' clean, which comes next; list it instead.

        ``--dirty`` skips the clean, so no listing is made and nothing is swept afterwards.
        """
        if not self.takes_over:
            return
        site_dir = Path(config.site_dir)

        def list_instead() -> None:
            self.before = outputs.listing(site_dir)

        mkdocs_loop.keep_site_dir(config.site_dir, list_instead)

    @event_priority(100)  # first: before any template is loaded
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Keep compiled templates between builds (compiling the theme's took ~1 s of each).

        Jinja checks each cached template against a checksum of its source, so an edited
        override is compiled again; the cache only saves time.
        """
        if self.takes_over and env.bytecode_cache is None:
            folder = _cache_folder(config, self.config.cache_dir) / "templates"
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return env  # a read-only checkout builds, only slower
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    @event_priority(-1000)  # last: every plugin has written its outputs
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give the page loop and the clean back to MkDocs; remove what this build did not make.

        One event, not two at different priorities (``CombinedEvent``): tools that wrap plugin
        events to time them do not handle combined ones. No plugin's ``on_post_build`` renders
        pages through MkDocs' functions, so giving them back last changes nothing.
        """
        mkdocs_loop.deactivate()
        mkdocs_loop.release_site_dir()
        before, self.before = self.before, None
        if before is None or self.engine is None:
            return
        removed = outputs.sweep(
            Path(config.site_dir), before, self.engine.kept_files, outputs.plugin_outputs(config)
        )
        if removed:
            log.info(f"Removed {len(removed)} files of the last build that this one does not make.")

    def on_build_error(self, *, error: Exception) -> None:
        """Give the page loop and the clean back to MkDocs after a failed build too."""
        mkdocs_loop.deactivate()
        mkdocs_loop.release_site_dir()
        self.before = None


def first_unsafe_plugin(config: MkDocsConfig) -> str | None:
    """The first plugin of ``config`` that does not promise ``parallel_safe``, if any."""
    for name, plugin in config.plugins.items():
        if name in KNOWN_PARALLEL_SAFE:
            continue
        if getattr(plugin, "parallel_safe", False) is not True:
            return str(name)
    return None


def _cache_folder(config: MkDocsConfig, cache_dir: str) -> Path:
    """``<cache_dir>/build`` beside mkdocs.yml (or the working directory)."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return base / cache_dir / "build"
