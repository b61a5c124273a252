"""The ``secretariat/sanitize`` plugin.

Runs first among the ``on_page_content`` handlers (priority 100), so every later plugin — the
articles plugin's check of external resources, the search plugin's index fields — and the theme see
the sanitized article. Removing anything is a warning naming the page and what went, so
``mkdocs build --strict`` fails: imported articles never need it (the importer escapes), so a
removal means a converter bug or hand-written HTML the site does not allow.
"""

from __future__ import annotations

import json
from typing import ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks.sanitize.allowlist import describe_removed, sanitize_article_html
from hooks.sanitize.config import SanitizeConfig
from library.pages import is_article

log = get_plugin_logger(__name__)


class SanitizePlugin(BasePlugin[SanitizeConfig]):  # type: ignore[no-untyped-call]
    """Passes each article's rendered HTML through the allow-list of :mod:`hooks.sanitize.allowlist`."""

    #: Each page is sanitized on its own, from its own HTML: safe in the build engine's workers.
    parallel_safe: ClassVar[bool] = True

    def page_inputs(self, src_uri: str) -> str:
        """Nothing of other pages goes into a page: its own HTML is all the sanitizer reads."""
        return ""

    def site_inputs(self) -> str:
        """The options, which change every article alike."""
        return json.dumps(dict(self.config.items()), sort_keys=True, default=str)

    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Sanitize an article's body right after Python-Markdown has rendered it."""
        if not self.config.enabled or not is_article(
            page.file.src_uri, page.file.generated_by is not None
        ):
            return None
        sanitized = sanitize_article_html(html)
        if sanitized.removed:
            log.warning(
                f"Page '{page.file.src_uri}': removed markup that articles may not contain: "
                f"{describe_removed(sanitized.removed)}. Articles may use what Markdown writes, "
                "not raw HTML with script, frames, event handlers or other URL schemes."
            )
        return sanitized.html
