"""Options of the ``secretariat/feed`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hooks.config_options import WholeNumber


class FeedConfig(Config):  # type: ignore[no-untyped-call]
    """Typed options; the defaults are those the site's feed has always had."""

    enabled = c.Type(bool, default=True)
    #: The feed's file name in the built site (the theme and feed readers know this one).
    filename = c.Type(str, default="feed_rss_created.xml")
    #: How many of the newest articles the feed lists.
    length = WholeNumber(minimum=1, default=20)
    #: An article without a ``description`` is summed up by this many characters of its text.
    abstract_chars = WholeNumber(minimum=1, default=200)
