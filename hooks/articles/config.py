"""Options of the ``secretariat/articles`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArticlesConfig(Config):  # type: ignore[no-untyped-call]
    """Both checks are on by default; turning one off is for a site that knowingly breaks a rule."""

    enabled = c.Type(bool, default=True)
    #: Fail the strict build when an article loads an image, video or frame from another host:
    #: readers in mainland China often cannot reach it, and every request leaks who reads what.
    check_external_resources = c.Type(bool, default=True)
