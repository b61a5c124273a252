"""Scraped pages that carry a vector: one in the template of a shipped profile, one of no known template.

The profile page follows ``modelessay-en`` (importer/profiles/modelessay-en.yaml, as in samples/html/);
the generic page has no generator meta, so the importer falls back to trafilatura.
"""

from __future__ import annotations

from html import escape

from tests.security.vectors import Vector

CATEGORY = "Security corpus"
PROFILE_SUBCATEGORY = "Through a profile"
FIRST = (
    "The county office reviewed the safety work of the past year with every department and agreed "
    "on the plan for the coming one."
)
LAST = (
    "Every department will report on its progress at the end of each quarter, and the office will "
    "publish the results for all staff to read."
)


def title_of(number: int, vector: Vector, path: str) -> str:
    return f"Vector {number:03d} {path} {vector.title or vector.name}"


def profile_page(number: int, vector: Vector) -> str:
    title = escape(title_of(number, vector, "profile"))
    subtitle = (
        f'<p class="article-subtitle">{escape(vector.subtitle)}</p>' if vector.subtitle else ""
    )
    tag = f'<a href="/tag/x/" rel="tag">{escape(vector.tag)}</a>' if vector.tag else ""
    first = escape(vector.first_paragraph or FIRST)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="ModelEssay CMS 3.2.1">
<title>{title} - ModelEssay.net</title></head>
<body>
<div class="crumbs">You are here: <a href="/">Home</a> &gt; <a href="/sec/">{CATEGORY}</a> &gt;
<a href="/sec/p/">{PROFILE_SUBCATEGORY}</a> &gt; Text</div>
<h1 class="article-title">{title}</h1>
{subtitle}
<div class="article-info"><span class="date">Published: 2024-01-15 08:50</span></div>
<div class="article-content" id="content">
<p>{first}</p>
{vector.body}
<p>{LAST}</p>
</div>
<div class="tags">Tags: <a href="/tag/safety/" rel="tag">safety</a> {tag}</div>
</body></html>
"""


def generic_page(number: int, vector: Vector) -> str:
    title = escape(title_of(number, vector, "generic"))
    first = escape(vector.first_paragraph or FIRST)
    subtitle = f"<p><em>{escape(vector.subtitle)}</em></p>" if vector.subtitle else ""
    keywords = f'<meta name="keywords" content="{escape(vector.tag)}">' if vector.tag else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:section" content="{CATEGORY}">{keywords}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/about/">About us</a></nav></header>
<main><article>
<h1>{title}</h1>
{subtitle}
<p>{first}</p>
{vector.body}
<p>{LAST}</p>
</article></main>
<footer><p>Copyright the county office. All rights reserved.</p></footer>
</body></html>
"""
