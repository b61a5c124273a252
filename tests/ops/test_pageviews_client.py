"""The shared HTTP layer: refused tokens, rate limits (retried politely, bounded), bad answers."""

from __future__ import annotations

import pytest

from importer.pageviews import client as client_module
from importer.pageviews.client import FetchError, StatsClient
from tests.ops.fakeapi import App, Reply, Request, fake_api

TOKEN = "s3cret-token-0123456789"


def make_client(sleeps: list[float]) -> StatsClient:
    return StatsClient(
        "Plausible",
        "PLAUSIBLE_API_KEY",
        TOKEN,
        {"Authorization": f"Bearer {TOKEN}"},
        sleep=sleeps.append,
    )


def rate_limited_then_ok(times: int, retry_after: str = "1") -> tuple[list[int], App]:
    calls = [0]

    def app(request: Request) -> Reply:
        calls[0] += 1
        if calls[0] <= times:
            return Reply(429, {"error": "Too many requests"}, {"Retry-After": retry_after})
        return Reply(body={"results": []})

    return calls, app


def test_rate_limit_is_retried_after_the_wait_the_service_asks_for() -> None:
    sleeps: list[float] = []
    calls, app = rate_limited_then_ok(2)
    with fake_api(app) as api:
        answer = make_client(sleeps).get_json(api.base_url + "/x")
    assert answer == {"results": []}
    assert sleeps == [1.0, 1.0]
    assert calls == [3]


def test_rate_limit_retries_are_bounded() -> None:
    sleeps: list[float] = []
    calls, app = rate_limited_then_ok(100)
    with (
        fake_api(app) as api,
        pytest.raises(FetchError, match=r"still rate limited .* after 4 polite retries"),
    ):
        make_client(sleeps).get_json(api.base_url + "/x")
    assert len(sleeps) == client_module.MAX_RETRIES
    assert calls == [client_module.MAX_RETRIES + 1]


def test_rate_limit_asking_for_a_long_pause_fails_at_once() -> None:
    sleeps: list[float] = []
    _, app = rate_limited_then_ok(1, retry_after="3600")
    with fake_api(app) as api, pytest.raises(FetchError, match="asked to wait 3600 s"):
        make_client(sleeps).get_json(api.base_url + "/x")
    assert sleeps == []


def test_rate_limit_without_retry_after_backs_off_exponentially() -> None:
    sleeps: list[float] = []
    _, app = rate_limited_then_ok(3, retry_after="")
    with fake_api(app) as api:
        make_client(sleeps).get_json(api.base_url + "/x")
    assert sleeps == [1.0, 2.0, 4.0]


def test_refused_token_names_the_variable_and_never_the_token() -> None:
    def app(request: Request) -> Reply:
        return Reply(401, {"error": f"Invalid API key: {request.headers['authorization']}"})

    with fake_api(app) as api, pytest.raises(FetchError) as caught:
        make_client([]).post_json(api.base_url + "/api/v2/query", {})
    message = str(caught.value)
    assert "refused the token in PLAUSIBLE_API_KEY (HTTP 401)" in message
    assert "expired" in message
    assert TOKEN not in message


def test_an_answer_that_is_not_json_is_a_clear_error() -> None:
    with (
        fake_api(lambda request: Reply(raw=b"<html>Maintenance</html>")) as api,
        pytest.raises(FetchError, match=r"did not answer with JSON .*Maintenance"),
    ):
        make_client([]).get_json(api.base_url + "/x")


def test_an_unreachable_service_is_a_clear_error() -> None:
    with fake_api(lambda request: Reply()) as api:
        url = api.base_url
    with pytest.raises(FetchError, match=r"cannot reach http://127\.0\.0\.1"):
        make_client([]).get_json(url + "/x")
