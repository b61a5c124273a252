"""The allow-list sanitizer: what Markdown writes stays as it was, anything else goes and is named."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from hooks.sanitize.allowlist import describe_removed, sanitize_article_html
from library.frontmatter import split
from library.pages import is_index_page
from tests.security.corpus import build, real_config, write_config

ROOT = Path(__file__).resolve().parents[2]


def clean(html: str) -> str:
    return sanitize_article_html(html).html


@pytest.mark.parametrize(
    ("html", "gone"),
    [
        ("<p>a<script>alert(1)</script></p>", "<script"),
        ('<p onclick="alert(1)">a</p>', "onclick"),
        ('<a href="javascript:alert(1)">a</a>', "javascript"),
        ('<a href="jav&#x09;ascript:alert(1)">a</a>', "script:"),
        ('<a href="data:text/html,x">a</a>', "data:"),
        ('<a href="vbscript:x">a</a>', "vbscript"),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">x</iframe>', "iframe"),
        ("<svg onload=alert(1)><circle/></svg>", "svg"),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror"),
        ('<div style="background:url(javascript:alert(1))">a</div>', "style"),
        ('<base href="https://evil.example/">', "base"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
        ('<object data="x.swf"></object><embed src="x.swf">', "object"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<form action="https://evil.example/"><input name="q"></form>', "form"),
    ],
)
def test_what_markdown_does_not_write_is_removed(html: str, gone: str) -> None:
    assert gone not in clean(html).lower()


def test_what_went_is_named_for_the_warning() -> None:
    removed = sanitize_article_html(
        '<p onclick="x">a</p><iframe></iframe><iframe></iframe>'
    ).removed
    assert describe_removed(removed) == "<iframe> (2), onclick on <p>"


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="plan">Plan<a class="headerlink" href="#plan" title="Permanent link">¶</a></h2>',
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
        '<details class="note" open="open"><summary>More</summary><p>x</p></details>',
        '<div class="highlight"><pre><span></span><code><span class="k">def</span> f</code></pre></div>',
        '<table><thead><tr><th style="text-align:left">a</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table>",
        '<ol start="3"><li>three</li></ol><ul><li><strong>b</strong> <em>i</em> <code>c</code></li></ul>',
        '<p><a href="https://example.org/a" title="t">x</a> <a href="../b/">y</a> '
        '<a href="mailto:a@example.org">m</a> <img alt="p" src="p.png"></p>',
        "<blockquote><p>q<br>r</p></blockquote><hr><p>x<sup>1</sup><sub>2</sub></p>",
    ],
)
def test_what_markdown_writes_passes_unchanged(html: str) -> None:
    sanitized = sanitize_article_html(html)
    assert sanitized.html == html
    assert not sanitized.removed


def shipped_articles() -> list[Path]:
    docs = ROOT / "docs"
    return [p for p in sorted(docs.rglob("*.md")) if not is_index_page(str(p.relative_to(docs)))]


def test_the_shipped_articles_lose_nothing_to_the_sanitizer() -> None:
    extensions = real_config()["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): e[next(iter(e))] for e in extensions if isinstance(e, dict)}
    articles = shipped_articles()
    assert len(articles) > 20
    for path in articles:
        body = split(path.read_text(encoding="utf-8"))[1]
        html = markdown.markdown(body, extensions=names, extension_configs=configs)
        sanitized = sanitize_article_html(html)
        assert not sanitized.removed, (path, sanitized.removed)
        assert (
            BeautifulSoup(sanitized.html, "html.parser").get_text()
            == BeautifulSoup(html, "html.parser").get_text()
        )


@pytest.mark.build
def test_raw_script_in_a_hand_written_article_is_removed_and_fails_the_strict_build(
    tmp_path: Path,
) -> None:
    article = tmp_path / "docs" / "notes" / "raw.md"
    article.parent.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    article.write_text(
        "---\ntitle: Raw HTML\ncategory: Notes\nimported: 2025-01-01\n---\n\n"
        'Text.\n\n<div onclick="alert(1)">x</div>\n\n<script>alert(2)</script>\n',
        encoding="utf-8",
    )
    config = write_config(tmp_path, ("secretariat/articles", "secretariat/sanitize"))
    result = build(config)
    assert result.returncode != 0
    assert "Page 'notes/raw.md': removed markup that articles may not contain" in result.stderr
    assert "<script>," in result.stderr and "onclick on <div>" in result.stderr
    assert build(config, strict=False).returncode == 0
    page = (tmp_path / "site" / "notes" / "raw" / "index.html").read_text(encoding="utf-8")
    body = BeautifulSoup(page, "html.parser").select_one(".sec-article-body")
    assert body is not None and body.find("script") is None and "onclick" not in str(body)
