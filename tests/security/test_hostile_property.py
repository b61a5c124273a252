"""Import -> build -> scan on generated hostile HTML: no crash, nothing live (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer.records import Status
from tests.security import scan
from tests.security.corpus import (
    CONTROL,
    build,
    import_pages,
    write_config,
    write_control,
)
from tests.security.pages import generic_page, profile_page
from tests.security.vectors import Vector

pytestmark = pytest.mark.build

#: Pieces that hostile pages are made of; hypothesis strings them together in any order.
PIECES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">',
    '<a href="jav&#x09;ascript:alert(1)">',
    "</a>",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<p>",
    "</p>",
    "<li>",
    "<blockquote>",
    "<td>",
    "<br>",
    "```",
    "~~~",
    "``",
    "`",
    "\n",
    "\r",
    "    ",
    "??? note",
    "!!! note",
    "|---|",
    "===",
    "[x]: ",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;details open ontoggle=alert(1)&gt;",
    "&lt;",
    "&amp;",
    '"',
    "'",
    '" onmouseover="alert(1)',
    "<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'>",
    '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    "<!--",
    "-->",
]
HOSTILE = st.lists(
    st.sampled_from(PIECES) | st.text(alphabet="ab <>&`~|#-=!?[]()\"'\n", max_size=8),
    min_size=1,
    max_size=25,
).map("".join)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(HOSTILE, min_size=4, max_size=6))
def test_generated_hostile_pages_never_crash_the_import_or_go_live(bodies: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        docs = root / "docs"
        docs.mkdir()
        (docs / "index.md").write_text("# Generated\n", encoding="utf-8")
        write_control(docs)
        sources = []
        for number, body in enumerate(bodies, 1):
            vector = Vector(f"generated-{number}", body=body, first_paragraph=body[:60] or None)
            sources.append((f"profile-{number}.html", vector, profile_page(500 + number, vector)))
            sources.append((f"generic-{number}.html", vector, generic_page(500 + number, vector)))
        pages = import_pages(docs, sources)
        result = build(write_config(root, ("secretariat/articles", "secretariat/sanitize")))
        assert result.returncode == 0, result.stderr
        control = (root / "site" / CONTROL.removesuffix(".md") / "index.html").read_text("utf-8")
        allowed = scan.theme_scripts(control)
        for page in pages:
            if page.outcome.status is Status.SKIPPED:
                assert "no article found" in page.outcome.message or "empty" in page.outcome.message
                continue
            assert page.html_file is not None
            html = (root / "site" / page.html_file).read_text(encoding="utf-8")
            assert scan.live_hits(html, allowed) == [], page.vector.body
            assert scan.malformed_meta(html) == [], page.vector.body
