"""Small fake sites, each built for one group of tests."""

from __future__ import annotations

from tests.crawl.fakesite import FakeSite
from tests.crawl.pages import FakeArticle, article_html, listing_html

ARTICLES_PER_LISTING = 10


def category_site(count: int = 25) -> tuple[FakeSite, list[FakeArticle]]:
    """One category: ``count`` articles over listing pages of 10 (25 -> 3 pages)."""
    site = FakeSite()
    articles = [FakeArticle(number) for number in range(1, count + 1)]
    groups = [
        articles[start : start + ARTICLES_PER_LISTING]
        for start in range(0, count, ARTICLES_PER_LISTING)
    ]
    for index, group in enumerate(groups, start=1):
        next_path = f"/list/{index + 1}.html" if index < len(groups) else None
        site.page(f"/list/{index}.html", listing_html([a.path for a in group], next_path))
    for article in articles:
        site.page(article.path, article_html(article))
    site.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    return site, articles
