"""Umami: ``GET /websites/{id}/metrics/expanded?type=path`` (page views per path).

Umami Cloud answers at ``https://api.umami.is/v1`` with an ``x-umami-api-key`` header (variable
``UMAMI_API_KEY``); a self-hosted Umami at ``https://HOST/api`` with ``Authorization: Bearer`` and a
login token (variable ``UMAMI_TOKEN``). Parameters: ``startAt``/``endAt`` in milliseconds,
``type=path``, ``limit``/``offset``. Response: ``[{"name": "/path", "pageviews": n, ...}]``.

Older Umami 2.x servers have no ``/metrics/expanded``; on a 404 the fetch falls back to
``/metrics?type=url``, whose ``[{"x": "/path", "y": n}]`` counts page views there. (On current
servers plain ``/metrics`` counts visitors, which is why it is not the first choice.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from importer.pageviews.client import FetchError, StatsClient, expect
from importer.pageviews.records import PageCount, Query

TOKEN_ENV = "UMAMI_API_KEY"
#: A self-hosted server's login token, sent as a bearer token instead of the Cloud API key.
BEARER_TOKEN_ENV = "UMAMI_TOKEN"
DEFAULT_BASE_URL = "https://api.umami.is/v1"
#: Umami's documented default page size.
PAGE_SIZE = 500


def auth_headers(token: str, bearer: bool = False) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if bearer else {"x-umami-api-key": token}


def fetch(client: StatsClient, query: Query, page_size: int = PAGE_SIZE) -> Iterator[PageCount]:
    base = f"{query.base_url.rstrip('/')}/websites/{query.site}"
    window = {
        "startAt": _millis(query.since),
        "endAt": _millis(query.until + dt.timedelta(days=1)) - 1,
    }
    expanded = f"{base}/metrics/expanded"
    try:
        rows = _page(client, expanded, {**window, "type": "path"}, page_size, 0)
    except FetchError as error:
        if error.status != 404:
            raise
        yield from _legacy(client, f"{base}/metrics", window, page_size)
        return
    offset = 0
    while True:
        yield from _rows(client, rows, "name", "pageviews")
        if len(rows) < page_size:
            return
        offset += page_size
        rows = _page(client, expanded, {**window, "type": "path"}, page_size, offset)


def _legacy(
    client: StatsClient, url: str, window: dict[str, int], page_size: int
) -> Iterator[PageCount]:
    offset = 0
    while True:
        rows = _page(client, url, {**window, "type": "url"}, page_size, offset)
        yield from _rows(client, rows, "x", "y")
        if len(rows) < page_size:
            return
        offset += page_size


def _page(
    client: StatsClient, url: str, params: dict[str, object], limit: int, offset: int
) -> list[object]:
    answer = client.get_json(url, {**params, "limit": limit, "offset": offset})
    expect(isinstance(answer, list), client, "the answer is not a JSON list of metrics")
    assert isinstance(answer, list)
    return answer


def _rows(client: StatsClient, rows: list[object], page: str, views: str) -> Iterator[PageCount]:
    for row in rows:
        ok = (
            isinstance(row, dict)
            and isinstance(row.get(page), str)
            and isinstance(row.get(views), int)
        )
        expect(
            ok, client, f"a metrics row lacks '{page}' (text) or '{views}' (number): {row!r:.120}"
        )
        assert isinstance(row, dict)
        yield PageCount(row[page], row[views])


def _millis(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp() * 1000)
