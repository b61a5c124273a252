"""The ``secretariat/strict`` plugin: under ``--strict``, ``-q`` no longer hides warnings.

MkDocs' ``-q`` drops warnings before ``--strict`` can count them (see :mod:`hooks.strict.quiet`),
so a quiet strict build passes with broken links, stale page-view rows or bad front matter. This
plugin lowers the logging level again for the duration of a strict build only: the warnings are
printed and counted, and the build fails as strict mode promises. Without ``--strict`` it does
nothing, so ``-q`` keeps silencing warnings in a preview.
"""

from __future__ import annotations

from typing import ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from hooks.strict.config import StrictConfig
from hooks.strict.quiet import (
    VERIFIED_ENGINES,
    LoweredLevel,
    let_warnings_through,
    quiet_hides_warnings,
    running_engine,
)

log = get_plugin_logger(__name__)


class StrictPlugin(BasePlugin[StrictConfig]):  # type: ignore[no-untyped-call]
    """Lowers the level in ``on_config`` (first of all plugins), puts it back after the build."""

    #: No page events at all, so pages may be rendered anywhere, in any order.
    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self._lowered: LoweredLevel | None = None

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Runs before the other plugins' ``on_config``, so their warnings are counted too.

        Strict mode's counter is attached before any plugin event, so lowering the level here
        covers everything after it; only config-validation warnings, logged earlier, stay hidden.
        """
        self._restore()
        if not self.config.enabled or not config.strict:
            return config
        engine = running_engine()
        if not quiet_hides_warnings(engine):
            return config
        if not engine.verified:
            # An error, not a warning: errors pass -q, and strict mode counts them.
            log.error(
                f"-q hides warnings from --strict, and the workaround is only verified with "
                f"{', '.join(f'{n} {v}x' for n, v in VERIFIED_ENGINES.items())}, not "
                f"{engine.name} {engine.version}: build without -q (see README, 'Strict builds')"
            )
            return config
        self._lowered = let_warnings_through(engine)
        return config

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Last of all plugins: the other plugins' post-build warnings are counted first."""
        self._restore()

    def on_build_error(self, *, error: Exception) -> None:
        self._restore()

    def page_inputs(self, src_uri: str) -> str:
        """This plugin adds nothing to any page."""
        return ""

    def site_inputs(self) -> str:
        return ""

    def _restore(self) -> None:
        if self._lowered is not None:
            self._lowered.restore()
            self._lowered = None
