"""Options of the ``secretariat/categories`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hooks.config_options import WholeNumber


class CategoriesConfig(Config):  # type: ignore[no-untyped-call]
    """Typed options; MkDocs validates them and names the bad one before the build starts."""

    enabled = c.Type(bool, default=True)
    #: Articles listed per category page before the list continues on ``page/2/``.
    per_page = WholeNumber(minimum=1, default=50)
    #: Generate the home page (``index.md``) unless the editor wrote one.
    home = c.Type(bool, default=True)
    #: How many of the newest articles the home page lists.
    latest_count = WholeNumber(minimum=0, default=10)
    #: Render Material's navigation and tabs once per section and folder instead of once per
    #: page (hooks/categories/fragments.py); the pages come out byte for byte the same.
    cache_navigation = c.Type(bool, default=True)
