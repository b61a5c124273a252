"""GoatCounter: ``GET /api/v0/stats/hits`` (the dashboard's list of paths).

``start``/``end`` as RFC 3339 times, ``limit`` (at most 100); the response is ``{"hits": [{"path":
"/x", "count": n, "path_id": id, ...}], "more": bool}``, and the next page is asked for by
excluding the path IDs already seen (``exclude_paths``), as the API documents for pagination.
GoatCounter counts *visitors* per path, not raw page views; that is the figure it offers.
The API lives on the site's own host, ``https://CODE.goatcounter.com``, so ``--site`` is the code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from importer.pageviews.client import StatsClient, expect
from importer.pageviews.records import PageCount, Query

TOKEN_ENV = "GOATCOUNTER_API_KEY"
#: ``{site}`` is the site code; ``--base-url`` replaces this for a self-hosted GoatCounter.
DEFAULT_BASE_URL = "https://{site}.goatcounter.com"
#: The API's maximum page size.
PAGE_SIZE = 100


def auth_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def fetch(client: StatsClient, query: Query, page_size: int = PAGE_SIZE) -> Iterator[PageCount]:
    url = f"{query.base_url.format(site=query.site).rstrip('/')}/api/v0/stats/hits"
    end = dt.datetime.combine(query.until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    params: dict[str, object] = {
        "start": dt.datetime.combine(query.since, dt.time(), tzinfo=dt.UTC).isoformat(),
        "end": end.isoformat(),
        "limit": page_size,
    }
    seen: list[str] = []
    while True:
        answer = client.get_json(url, {**params, "exclude_paths": seen} if seen else params)
        expect(isinstance(answer, dict), client, "the answer is not a JSON object")
        hits = answer.get("hits")
        expect(isinstance(hits, list), client, "'hits' is missing or not a list")
        for hit in hits:
            ok = (
                isinstance(hit, dict)
                and isinstance(hit.get("path"), str)
                and isinstance(hit.get("count"), int)
                and isinstance(hit.get("path_id"), int)
            )
            expect(ok, client, f"a hit lacks 'path', 'count' or 'path_id': {hit!r:.120}")
            seen.append(str(hit["path_id"]))
            if not hit.get("event"):
                yield PageCount(hit["path"], hit["count"])
        if not answer.get("more") or not hits:
            return
