"""Plausible: Stats API v2, ``POST /api/v2/query`` with ``event:page`` and ``pageviews``.

Request: ``{"site_id", "metrics": ["pageviews"], "date_range": [from, to], "dimensions":
["event:page"], "pagination": {"limit", "offset"}}`` with ``Authorization: Bearer``. Response:
``{"results": [{"dimensions": ["/path"], "metrics": [views]}], "meta": {...}, "query": {...}}``.
Pages are requested until one comes back shorter than the limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from importer.pageviews.client import StatsClient, expect
from importer.pageviews.records import PageCount, Query

TOKEN_ENV = "PLAUSIBLE_API_KEY"
DEFAULT_BASE_URL = "https://plausible.io"
#: Plausible's own default and maximum page size.
PAGE_SIZE = 10_000


def auth_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def fetch(client: StatsClient, query: Query, page_size: int = PAGE_SIZE) -> Iterator[PageCount]:
    url = f"{query.base_url.rstrip('/')}/api/v2/query"
    offset = 0
    while True:
        body = {
            "site_id": query.site,
            "metrics": ["pageviews"],
            "date_range": [query.since.isoformat(), query.until.isoformat()],
            "dimensions": ["event:page"],
            "order_by": [["pageviews", "desc"]],
            "pagination": {"limit": page_size, "offset": offset},
        }
        answer = client.post_json(url, body)
        expect(isinstance(answer, dict), client, "the answer is not a JSON object")
        results = answer.get("results")
        expect(isinstance(results, list), client, "'results' is missing or not a list")
        for row in results:
            yield _page_count(client, row)
        if len(results) < page_size:
            return
        offset += page_size


def _page_count(client: StatsClient, row: object) -> PageCount:
    ok = (
        isinstance(row, dict)
        and isinstance(row.get("dimensions"), list)
        and len(row["dimensions"]) == 1
        and isinstance(row["dimensions"][0], str)
        and isinstance(row.get("metrics"), list)
        and len(row["metrics"]) == 1
        and isinstance(row["metrics"][0], int)
    )
    expect(
        ok, client, f"a result row is not {{dimensions: [page], metrics: [views]}}: {row!r:.120}"
    )
    assert isinstance(row, dict)
    return PageCount(row["dimensions"][0], row["metrics"][0])
