"""The ``secretariat/feed`` plugin: ``feed_rss_created.xml``, the newest articles as RSS 2.0.

Its items come from the build's Library (:mod:`hooks.library`), chosen in ``on_env`` and written
in ``on_post_build``; no page event is involved, so pages can be rendered in any order or skipped.
The feed is dated by its newest article, so two builds of one library write the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from hooks.feed.config import FeedConfig
from hooks.feed.items import FeedItem, feed_items
from hooks.feed.rss import Channel, rss_document
from hooks.library import library_for
from library.model import Library
from library.text import base_language


class FeedPlugin(BasePlugin[FeedConfig]):  # type: ignore[no-untyped-call]
    """Chooses the feed's items in ``on_env`` and writes the feed in ``on_post_build``."""

    parallel_safe: ClassVar[bool] = True

    def __init__(self) -> None:
        self._library = Library()
        self._items: list[FeedItem] = []
        self._channel: Channel | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Forget the last build: ``mkdocs serve`` keeps this object between rebuilds."""
        self._library, self._items, self._channel = Library(), [], None
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.config.enabled:
            self._library = library_for(config, files)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Choose the items; the URLs are absolute when ``site_url`` is set, as readers need."""
        if not self.config.enabled:
            return env
        site_url = config.site_url or ""

        def url_of(src_uri: str) -> str:
            file = files.get_file_from_path(src_uri)
            return urljoin(site_url, file.url if file is not None else src_uri)

        self._items = feed_items(
            self._library,
            url_of,
            length=self.config.length,
            abstract_chars=self.config.abstract_chars,
        )
        self._channel = Channel(
            title=config.site_name,
            description=config.site_description or config.site_name,
            link=site_url,
            feed_url=urljoin(site_url, self.config.filename),
            language=base_language(str(config.theme.get("language") or "en")),
        )
        return env

    def page_inputs(self, src_uri: str) -> str:
        """The feed is a site-wide file: it adds nothing to any page."""
        return ""

    def site_inputs(self) -> str:
        """Every page links the feed by its file name (``overrides/main.html``)."""
        return json.dumps({"filename": self.config.filename})

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feed in one step, so a reader never fetches half of it."""
        if not self.config.enabled or self._channel is None:
            return
        target = Path(config.site_dir) / self.config.filename
        document = rss_document(self._channel, self._items)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(document)
        temporary.replace(target)
