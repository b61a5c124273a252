"""Matomo: the Reporting API's ``Actions.getPageUrls`` with ``flat=1`` (one row per page URL).

``POST BASE/index.php`` with ``module=API``, ``method=Actions.getPageUrls``, ``idSite``,
``period=range``, ``date=FROM,TO``, ``format=JSON``, ``flat=1``, ``filter_limit`` and
``filter_offset``. The ``token_auth`` travels in the POST body, as Matomo recommends, so it never
appears in a URL or a server log. Rows: ``{"label": ..., "nb_hits": page views, "url": full URL}``;
an error is ``{"result": "error", "message": ...}`` with HTTP 200.
"""

from __future__ import annotations

from collections.abc import Iterator

from importer.pageviews.client import StatsClient, expect
from importer.pageviews.records import PageCount, Query

TOKEN_ENV = "MATOMO_TOKEN_AUTH"
#: Matomo is self-hosted (or NAME.matomo.cloud): there is no default address.
DEFAULT_BASE_URL = ""
PAGE_SIZE = 1000


def auth_headers(token: str) -> dict[str, str]:
    return {}


def fetch(client: StatsClient, query: Query, page_size: int = PAGE_SIZE) -> Iterator[PageCount]:
    url = f"{query.base_url.rstrip('/')}/index.php"
    offset = 0
    while True:
        form = {
            "module": "API",
            "method": "Actions.getPageUrls",
            "idSite": query.site,
            "period": "range",
            "date": f"{query.since.isoformat()},{query.until.isoformat()}",
            "format": "JSON",
            "flat": 1,
            "filter_limit": page_size,
            "filter_offset": offset,
            "token_auth": client.token,
        }
        answer = client.post_form(url, form)
        if isinstance(answer, dict) and answer.get("result") == "error":
            raise client.fail(
                f"Matomo refused the request: {answer.get('message', 'no reason given')}"
            )
        expect(isinstance(answer, list), client, "the answer is not a JSON list of rows")
        for row in answer:
            ok = (
                isinstance(row, dict)
                and isinstance(row.get("nb_hits"), int)
                and (isinstance(row.get("url"), str) or isinstance(row.get("label"), str))
            )
            expect(ok, client, f"a row lacks 'nb_hits' or a 'url'/'label': {row!r:.120}")
            yield PageCount(row.get("url") or row["label"], row["nb_hits"])
        if len(answer) < page_size:
            return
        offset += page_size
