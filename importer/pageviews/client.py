"""The HTTP layer all providers share: JSON requests with a token, retries, and clear errors.

Errors speak to a user and never contain the token: every message goes through :meth:`redact`
before it leaves this module, and providers send tokens in headers or POST bodies, never in URLs.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

#: Rate-limited requests are retried this many times, then the fetch gives up.
MAX_RETRIES = 4
#: A service that asks for a longer pause than this (seconds) is not waited for: try again later.
MAX_RETRY_AFTER = 60.0
#: Seconds to wait for a service to answer one request.
TIMEOUT = 30.0
#: Waits on 429/503 without a Retry-After header: 1, 2, 4, 8 seconds.
_BACKOFF_BASE = 1.0
_RETRIED_STATUSES = frozenset({429, 503})


class FetchError(Exception):
    """A fetch that cannot go on; the message names the service and what to do.

    ``status`` is the HTTP status that caused it, if any, for providers that react to one.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class StatsClient:
    """One service's API: its display name, the token's environment variable and the headers.

    ``sleep`` is injectable so tests of rate limits do not wait.
    """

    service: str
    token_env: str
    token: str
    headers: Mapping[str, str]
    timeout: float = TIMEOUT
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)

    def get_json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._request("GET", url, params=params)

    def post_json(self, url: str, body: Mapping[str, Any]) -> Any:
        return self._request("POST", url, json=body)

    def post_form(self, url: str, form: Mapping[str, Any]) -> Any:
        return self._request("POST", url, data=form)

    def redact(self, text: str) -> str:
        """``text`` with the token blanked out (belt and braces: it should never be there)."""
        return text.replace(self.token, "***") if self.token else text

    def fail(self, message: str, status: int | None = None) -> FetchError:
        return FetchError(self.redact(f"{self.service}: {message}"), status)

    def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        for attempt in range(MAX_RETRIES + 1):
            response = self._send(method, url, **kwargs)
            if response.status_code not in _RETRIED_STATUSES:
                return self._json(response, url)
            if attempt == MAX_RETRIES:
                break
            wait = _retry_after(response, attempt)
            if wait > MAX_RETRY_AFTER:
                raise self.fail(
                    f"rate limited (HTTP {response.status_code}) and asked to wait {wait:.0f} s, "
                    f"more than {MAX_RETRY_AFTER:.0f} s; try again later"
                )
            self.sleep(wait)
        raise self.fail(
            f"still rate limited (HTTP {response.status_code}) after {MAX_RETRIES} polite retries; "
            "try again later"
        )

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            return self.session.request(
                method, url, headers=dict(self.headers), timeout=self.timeout, **kwargs
            )
        except requests.Timeout:
            raise self.fail(f"{url} did not answer within {self.timeout:.0f} s") from None
        except requests.RequestException as error:
            raise self.fail(f"cannot reach {url}: {type(error).__name__}") from None

    def _json(self, response: requests.Response, url: str) -> Any:
        status = response.status_code
        if status in {401, 403}:
            raise self.fail(
                f"the API refused the token in {self.token_env} (HTTP {status}): it is invalid, "
                "expired or lacks access to this site; create a new one and set "
                f"{self.token_env}{_detail(response)}"
            )
        if status == 404:
            raise self.fail(f"{url} was not found (HTTP 404): check --site and --base-url", 404)
        if status >= 400:
            raise self.fail(f"{url} answered HTTP {status}{_detail(response)}")
        try:
            return response.json()
        except ValueError:
            raise self.fail(
                f"{url} did not answer with JSON (got {_snippet(response)!r})"
            ) from None


def expect(condition: bool, client: StatsClient, what: str) -> None:
    """Raise a clear error when a response does not have the documented shape."""
    if not condition:
        raise client.fail(f"unexpected response: {what}; has the API changed?")


def _retry_after(response: requests.Response, attempt: int) -> float:
    """Seconds the service asks us to wait: Retry-After as seconds or as an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return float(_BACKOFF_BASE * 2**attempt)


def _detail(response: requests.Response) -> str:
    text = _snippet(response)
    return f": {text}" if text else ""


def _snippet(response: requests.Response, limit: int = 200) -> str:
    return " ".join(response.text.split())[:limit]
