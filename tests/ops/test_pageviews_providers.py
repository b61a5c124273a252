"""Each provider module against its fake API: the documented request, paging to the end, the rows."""

from __future__ import annotations

import datetime as dt

from importer.pageviews import goatcounter, matomo, plausible, umami
from importer.pageviews.client import StatsClient
from importer.pageviews.records import PageCount, Query
from tests.ops import providers_fake
from tests.ops.fakeapi import fake_api
from tests.ops.providers_fake import TOKEN, VIEWS

SINCE, UNTIL = dt.date(2026, 1, 1), dt.date(2026, 1, 31)
EXPECTED = [PageCount(p, v) for p, v in VIEWS]


def client(title: str, headers: dict[str, str]) -> StatsClient:
    return StatsClient(title, "TOKEN_ENV", TOKEN, headers, sleep=lambda _: None)


def test_plausible_pages_through_the_v2_query_endpoint() -> None:
    with fake_api(providers_fake.plausible()) as api:
        query = Query("example.org", SINCE, UNTIL, api.base_url)
        rows = list(
            plausible.fetch(client("Plausible", plausible.auth_headers(TOKEN)), query, page_size=2)
        )
    assert rows == EXPECTED
    bodies = [r.json() for r in api.requests]
    assert [b["pagination"] for b in bodies] == [
        {"limit": 2, "offset": 0},
        {"limit": 2, "offset": 2},
        {"limit": 2, "offset": 4},
    ]
    assert bodies[0]["date_range"] == ["2026-01-01", "2026-01-31"]
    assert bodies[0]["dimensions"] == ["event:page"] and bodies[0]["metrics"] == ["pageviews"]
    assert {r.path for r in api.requests} == {"/api/v2/query"}


def test_umami_pages_through_expanded_metrics_by_path() -> None:
    with fake_api(providers_fake.umami()) as api:
        query = Query("site-uuid", SINCE, UNTIL, api.base_url + "/v1")
        rows = list(umami.fetch(client("Umami", umami.auth_headers(TOKEN)), query, page_size=2))
    assert rows == EXPECTED
    assert [r.query["offset"] for r in api.requests] == [["0"], ["2"], ["4"]]
    first = api.requests[0]
    assert first.path == "/v1/websites/site-uuid/metrics/expanded"
    assert first.query["type"] == ["path"]
    assert first.query["startAt"] == [
        str(int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp() * 1000))
    ]


def test_umami_falls_back_to_url_metrics_on_an_older_server() -> None:
    with fake_api(providers_fake.umami(expanded=False)) as api:
        query = Query("site-uuid", SINCE, UNTIL, api.base_url + "/api")
        rows = list(umami.fetch(client("Umami", umami.auth_headers(TOKEN)), query, page_size=2))
    assert rows == EXPECTED
    assert api.requests[1].path == "/api/websites/site-uuid/metrics"


def test_goatcounter_pages_by_excluding_the_paths_already_seen() -> None:
    with fake_api(providers_fake.goatcounter()) as api:
        query = Query("mysite", SINCE, UNTIL, api.base_url)
        rows = list(
            goatcounter.fetch(
                client("GoatCounter", goatcounter.auth_headers(TOKEN)), query, page_size=2
            )
        )
    assert rows == EXPECTED
    assert [r.query.get("exclude_paths", []) for r in api.requests] == [
        [],
        ["1", "2"],
        ["1", "2", "3", "4"],
    ]
    assert api.requests[0].query["start"] == ["2026-01-01T00:00:00+00:00"]
    assert api.requests[0].query["end"] == ["2026-02-01T00:00:00+00:00"]


def test_matomo_pages_through_flat_page_urls_with_the_token_in_the_body() -> None:
    with fake_api(providers_fake.matomo()) as api:
        query = Query("3", SINCE, UNTIL, api.base_url)
        rows = list(matomo.fetch(client("Matomo", matomo.auth_headers(TOKEN)), query, page_size=2))
    assert rows == [PageCount("https://example.org" + p, v) for p, v in VIEWS]
    forms = [r.form() for r in api.requests]
    assert [f["filter_offset"] for f in forms] == [["0"], ["2"], ["4"]]
    assert forms[0]["method"] == ["Actions.getPageUrls"] and forms[0]["flat"] == ["1"]
    assert forms[0]["date"] == ["2026-01-01,2026-01-31"] and forms[0]["period"] == ["range"]
    assert all(TOKEN not in r.path and not r.query for r in api.requests)
