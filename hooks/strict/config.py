"""Options of the ``secretariat/strict`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class StrictConfig(Config):  # type: ignore[no-untyped-call]
    """One switch: there is nothing to tune, only a safety net to keep or drop."""

    enabled = c.Type(bool, default=True)
