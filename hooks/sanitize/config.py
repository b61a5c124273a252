"""Options of the ``secretariat/sanitize`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SanitizeConfig(Config):  # type: ignore[no-untyped-call]
    """On by default; turning it off leaves articles exactly as Python-Markdown renders them."""

    enabled = c.Type(bool, default=True)
