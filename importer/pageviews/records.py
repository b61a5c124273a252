"""The small typed records that flow from a provider module to the CSV writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PageCount:
    """``views`` for the page ``path`` (a site path or full URL, as the service reports it)."""

    path: str
    views: int


@dataclass(frozen=True)
class Query:
    """What to ask a provider for: one site, a date range (both ends included), where to ask."""

    site: str
    since: dt.date
    until: dt.date
    base_url: str
