"""The XSS corpus site (tests/security/) in headless Chromium: no vector may run script, load from
another host or redirect. It lives here to share this folder's one Chromium."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from importer.records import Status
from tests.security.corpus import Corpus, corpus_once

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    built = corpus_once(tmp_path_factory.mktemp("security-corpus"))
    assert built.build is not None and built.build.returncode == 0, built.build
    return built


#: Installed before any script of the page: every way a vector announces itself is recorded.
HOOKS = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + "(" + args.join(",") + ")"); };
}
"""


def test_no_vector_runs_script_or_leaves_the_site_in_chromium(
    corpus: Corpus, browser: Any, serve_dir: Any
) -> None:
    base = serve_dir(corpus.site)
    own_host = urlsplit(base).netloc
    hits: list[str] = []
    context = browser.new_context()
    context.add_init_script(HOOKS)

    def refuse_other_hosts(route: Any) -> None:
        if urlsplit(route.request.url).netloc != own_host:
            hits.append(f"request to {route.request.url}")
            route.abort()
        elif route.request.resource_type in ("stylesheet", "font", "image"):
            route.abort()  # the theme's own look plays no part here; it only costs time
        else:
            route.continue_()

    context.route("**/*", refuse_other_hosts)
    page = context.new_page()
    page.on("dialog", lambda dialog: (hits.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: hits.append(f"page error {error}"))
    visited = 0
    for corpus_page in corpus.pages:
        if corpus_page.outcome.status is Status.SKIPPED or corpus_page.html_file is None:
            continue
        url = base + corpus_page.html_file.removesuffix("index.html")
        page.goto(url, wait_until="load")
        page.mouse.move(300, 300)
        page.mouse.move(600, 500)
        page.wait_for_timeout(30)
        if page.url != url:
            hits.append(f"{corpus_page.vector.name}: navigated to {page.url}")
        ran = page.evaluate("window.__xss || []")
        hits.extend(f"{corpus_page.vector.name}: {call}" for call in ran)
        visited += 1
    context.close()
    assert visited >= 240
    assert hits == []
