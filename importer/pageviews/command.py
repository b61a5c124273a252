"""``python -m importer pageviews fetch``: page views from an analytics service into the CSV file.

The library (the provider modules, ``client``, ``csv_file``) does the work; this module only parses
the command line, reads the token from the environment and turns a :class:`FetchError` into a
message and exit code 1. Nothing is written unless the whole fetch succeeded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from importer.pageviews import umami
from importer.pageviews.client import FetchError, StatsClient
from importer.pageviews.csv_file import select_site_pages, site_pages, write_pageviews_csv
from importer.pageviews.providers import PROVIDERS, Provider
from importer.pageviews.records import PageCount, Query

HELP = """Fetch page views per page from an analytics service's stats API and write the CSV file
the Popular lists read (default data/pageviews.csv). The API token is read from an environment
variable, never from the command line: PLAUSIBLE_API_KEY, UMAMI_API_KEY (Umami Cloud) or
UMAMI_TOKEN (self-hosted Umami), GOATCOUNTER_API_KEY, MATOMO_TOKEN_AUTH. Only rows naming a page
under --docs are kept. On any error the old file is left as it was and the exit code is 1."""

#: Without --since, the last year of page views.
DEFAULT_DAYS = 365


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "pageviews", help="fetch page views from an analytics service", description=HELP
    )
    actions = parser.add_subparsers(dest="pageviews_command", metavar="ACTION", required=True)
    fetch = actions.add_parser("fetch", help="fetch page views into the CSV file", description=HELP)
    fetch.add_argument("--provider", required=True, choices=sorted(PROVIDERS), help="the service")
    fetch.add_argument(
        "--site",
        required=True,
        help="which site: " + "; ".join(f"{p.title}: {p.site_means}" for p in PROVIDERS.values()),
    )
    fetch.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help=f"first day to count, YYYY-MM-DD (default: {DEFAULT_DAYS} days ago)",
    )
    fetch.add_argument(
        "--until", type=_iso_date, metavar="DATE", help="last day to count (default: today)"
    )
    fetch.add_argument(
        "--out",
        type=Path,
        default=Path("data/pageviews.csv"),
        help="the CSV file to write (default: data/pageviews.csv)",
    )
    fetch.add_argument(
        "--base-url",
        metavar="URL",
        help="the API's address for a self-hosted service (default: plausible.io, "
        "api.umami.is/v1, CODE.goatcounter.com; Matomo has none and needs it)",
    )
    fetch.add_argument(
        "--docs",
        type=Path,
        default=Path("docs"),
        help="keep only rows naming a page of this docs folder (default: docs)",
    )
    fetch.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", "/"),
        metavar="URL",
        help="the published address, whose path is dropped from page URLs (default: $SITE_URL)",
    )
    fetch.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fetch, keep the site's pages, write atomically; 1 with the reason on any failure."""
    provider = PROVIDERS[args.provider]
    today = dt.date.today()
    query = Query(
        site=args.site,
        since=args.since or today - dt.timedelta(days=DEFAULT_DAYS),
        until=args.until or today,
        base_url=args.base_url or provider.default_base_url,
    )
    try:
        if query.since > query.until:
            raise FetchError(f"--since {query.since} is after --until {query.until}")
        if not query.base_url:
            raise FetchError(f"{provider.title} has no public address: give --base-url")
        if not args.docs.is_dir():
            raise FetchError(f"the docs folder {args.docs} does not exist (see --docs)")
        client = make_client(provider, os.environ)
        rows = fetch_all(provider, client, query)
        selection = select_site_pages(rows, site_pages(args.docs), urlsplit(args.site_url).path)
        write_pageviews_csv(args.out, selection.kept)
    except FetchError as error:
        print(f"error: {error}; {args.out} is unchanged", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {args.out}: {error.strerror}; it is unchanged", file=sys.stderr)
        return 1
    views = sum(row.views for row in selection.kept)
    print(
        f"Wrote {len(selection.kept)} pages ({views:,} views, {query.since} to {query.until}) "
        f"from {provider.title} to {args.out}"
    )
    if selection.dropped:
        examples = ", ".join(repr(r.path) for r in selection.dropped[:3])
        print(
            f"Left out {len(selection.dropped)} rows naming no page in {args.docs} (e.g. {examples})"
        )
    return 0


def make_client(provider: Provider, environ: Mapping[str, str]) -> StatsClient:
    """A client with the provider's token from the environment; a clear error when it is unset."""
    env = provider.token_env
    token = environ.get(env, "").strip()
    headers = provider.headers(token) if token else {}
    if provider.name == "umami" and not token:
        env = umami.BEARER_TOKEN_ENV
        token = environ.get(env, "").strip()
        headers = umami.auth_headers(token, bearer=True)
    if not token:
        names = provider.token_env + (
            f" (or {umami.BEARER_TOKEN_ENV} for a self-hosted server)"
            if provider.name == "umami"
            else ""
        )
        raise FetchError(f"{provider.title}: set {names} to an API token of the service")
    return StatsClient(provider.title, env, token, headers)


def fetch_all(provider: Provider, client: StatsClient, query: Query) -> list[PageCount]:
    """Every page of results, with a progress line on stderr per thousand rows."""
    rows: list[PageCount] = []
    for row in provider.fetch(client, query):
        rows.append(row)
        if len(rows) % 1000 == 0:
            print(f"{provider.title}: {len(rows):,} rows so far...", file=sys.stderr)
    return rows


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None
