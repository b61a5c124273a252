"""Options of the ``secretariat/popular`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hooks.config_options import PositiveNumber, WholeNumber


class PopularConfig(Config):  # type: ignore[no-untyped-call]
    """Typed options; a missing data file or a negative limit stops the build before it starts."""

    enabled = c.Type(bool, default=True)
    #: Page-views CSV exported from analytics, relative to mkdocs.yml (format: pageviews.py).
    #: (Not `data`: that name belongs to the dict underneath every MkDocs Config.)
    data_file = c.Optional(c.File(exists=True))
    limit_home = WholeNumber(minimum=0, default=10)
    limit_category = WholeNumber(minimum=0, default=5)
    limit_sidebar = WholeNumber(minimum=0, default=5)
    #: Views lose half their weight every this many days since the article's date; unset: no decay.
    half_life_days: c.Optional[float] = c.Optional(PositiveNumber())
