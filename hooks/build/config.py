"""Options of the ``secretariat/build`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hooks.config_options import WholeNumber


class BuildConfig(Config):  # type: ignore[no-untyped-call]
    """Defaults suit every machine; every option is safe to leave out."""

    #: Off leaves every page to MkDocs' own loop: no worker processes, no cache.
    enabled = c.Type(bool, default=True)
    #: Worker processes that render pages; 0 means one per available core (the
    #: ``SECRETARIAT_JOBS`` environment variable overrides it, e.g. in CI).
    jobs = WholeNumber(minimum=0, default=0)
    #: Where the outputs of the last build are kept (relative to mkdocs.yml); deleting it gives
    #: a cold build.
    cache_dir = c.Type(str, default=".cache/")
