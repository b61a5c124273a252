"""The four supported services: how each is authenticated and fetched, in one table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from importer.pageviews import goatcounter, matomo, plausible, umami
from importer.pageviews.client import StatsClient
from importer.pageviews.records import PageCount, Query


@dataclass(frozen=True)
class Provider:
    """A service: its name, the token's variable, its address, what ``--site`` means for it."""

    name: str
    title: str
    token_env: str
    default_base_url: str
    site_means: str
    headers: Callable[[str], dict[str, str]]
    fetch: Callable[[StatsClient, Query], Iterator[PageCount]]


PROVIDERS: dict[str, Provider] = {
    "plausible": Provider(
        "plausible",
        "Plausible",
        plausible.TOKEN_ENV,
        plausible.DEFAULT_BASE_URL,
        "the site's domain as registered in Plausible (example.org)",
        plausible.auth_headers,
        plausible.fetch,
    ),
    "umami": Provider(
        "umami",
        "Umami",
        umami.TOKEN_ENV,
        umami.DEFAULT_BASE_URL,
        "the website ID (a UUID, in Settings -> Websites)",
        umami.auth_headers,
        umami.fetch,
    ),
    "goatcounter": Provider(
        "goatcounter",
        "GoatCounter",
        goatcounter.TOKEN_ENV,
        goatcounter.DEFAULT_BASE_URL,
        "the site code (CODE in CODE.goatcounter.com)",
        goatcounter.auth_headers,
        goatcounter.fetch,
    ),
    "matomo": Provider(
        "matomo",
        "Matomo",
        matomo.TOKEN_ENV,
        matomo.DEFAULT_BASE_URL,
        "the idSite number",
        matomo.auth_headers,
        matomo.fetch,
    ),
}
