"""The issue's own findings, each through a profile and through the generic path, without a build.

The Markdown is rendered with the site's extensions (mkdocs.yml), as the build would render it.
"""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from bs4 import BeautifulSoup

from importer.pipeline import ImportOptions, convert_page
from importer.records import RawPage
from tests.security.corpus import real_config
from tests.security.pages import generic_page, profile_page
from tests.security.vectors import VECTORS

FINDINGS = {
    "pre-backtick-fence": ["script"],
    "pre-fence-iframe-srcdoc": ["iframe", "script"],
    "code-line-start-script": ["script"],
    "code-line-start-details": ["details"],
    "code-line-start-div": ["script"],  # and its handler: no on* attribute anywhere
    "pre-code-fence": ["svg"],
    "details-syntax": ["details", "script"],
    "admonition-syntax": ["div", "img"],
    "table-syntax": ["table", "script"],
    "tilde-fence-syntax": ["script"],
}
PAGES = {"profile": profile_page, "generic": generic_page}


def render(body: str) -> BeautifulSoup:
    extensions = real_config()["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    return BeautifulSoup(markdown.markdown(body, extensions=names), "html.parser")


@pytest.mark.parametrize("path", sorted(PAGES))
@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_a_finding_of_the_hostile_test_stays_text(name: str, path: str) -> None:
    number, vector = next((n, v) for n, v in enumerate(VECTORS, 1) if v.name == name)
    html = PAGES[path](number, vector)
    article = convert_page(
        RawPage(source=f"{path}.html", data=html.encode("utf-8")),
        ImportOptions(today=dt.date(2025, 1, 1)),
    )
    rendered = render(article.body)
    live = [tag.name for tag in rendered.find_all(FINDINGS[name])]
    live += [
        f"{a} on <{t.name}>" for t in rendered.find_all(True) for a in t.attrs if a[:2] == "on"
    ]
    assert live == [], article.body
