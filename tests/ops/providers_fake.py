"""Fake services, one per provider, each serving its documented response shapes with paging."""

from __future__ import annotations

from tests.ops.fakeapi import App, Reply, Request

#: The site's page views as every fake reports them: most viewed first.
VIEWS = [
    ("/notices/holiday-notice/", 1200),
    ("/plans/yearly/work-plan/", 300),
    ("/plans/yearly/budget-plan/", 90),
    ("/wp-login.php", 40),
    ("/", 25),
]
TOKEN = "s3cret-token-0123456789"


def plausible(views: list[tuple[str, int]] = VIEWS) -> App:
    def app(request: Request) -> Reply:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return Reply(401, {"error": f"Invalid API key {request.headers.get('authorization')}"})
        query = request.json()
        page = query["pagination"]
        rows = views[page["offset"] : page["offset"] + page["limit"]]
        return Reply(
            body={
                "results": [{"dimensions": [p], "metrics": [v]} for p, v in rows],
                "meta": {},
                "query": query,
            }
        )

    return app


def umami(views: list[tuple[str, int]] = VIEWS, *, expanded: bool = True) -> App:
    def app(request: Request) -> Reply:
        if request.headers.get("x-umami-api-key") != TOKEN:
            return Reply(401, {"error": "Unauthorized"})
        offset, limit = int(request.query["offset"][0]), int(request.query["limit"][0])
        rows = views[offset : offset + limit]
        if request.path.endswith("/metrics/expanded") and expanded:
            return Reply(body=[{"name": p, "pageviews": v, "visitors": v // 2} for p, v in rows])
        if request.path.endswith("/metrics") and not expanded and request.query["type"] == ["url"]:
            return Reply(body=[{"x": p, "y": v} for p, v in rows])
        return Reply(404, {"error": "Not Found"})

    return app


def goatcounter(views: list[tuple[str, int]] = VIEWS) -> App:
    ids = {path: n for n, (path, _) in enumerate(views, 1)}

    def app(request: Request) -> Reply:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return Reply(403, {"error": "unknown token"})
        excluded = set(request.query.get("exclude_paths", []))
        limit = int(request.query["limit"][0])
        rest = [(p, v) for p, v in views if str(ids[p]) not in excluded]
        page = rest[:limit]
        hits = [
            {"path": p, "path_id": ids[p], "count": v, "event": False, "title": p} for p, v in page
        ]
        return Reply(
            body={"hits": hits, "more": len(rest) > limit, "total": sum(v for _, v in page)}
        )

    return app


def matomo(views: list[tuple[str, int]] = VIEWS, site_url: str = "https://example.org") -> App:
    def app(request: Request) -> Reply:
        form = request.form()
        if form.get("token_auth") != [TOKEN]:
            return Reply(
                body={
                    "result": "error",
                    "message": "You must be logged in to access this functionality.",
                }
            )
        offset, limit = int(form["filter_offset"][0]), int(form["filter_limit"][0])
        rows = views[offset : offset + limit]
        return Reply(
            body=[
                {
                    "label": p.strip("/") or "/index",
                    "nb_hits": v,
                    "nb_visits": v,
                    "url": site_url + p,
                }
                for p, v in rows
            ]
        )

    return app
