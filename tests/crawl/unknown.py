"""A source site of a template no profile knows: a summary category over three listing pages.

Written for the no-profile crawl tests: a breadcrumb ``首页 > 秘书知识 > 工作总结``, an info line
``2024-03-10  阅读：1037``, a pager whose "next" links read ``下一页`` and ``Next »``, and the
clutter of a real site (navigation, a login link, friendly links to another site, a sidebar of
"hot articles" that are never on a listing).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from tests.crawl.fakesite import FakeSite
from tests.crawl.pages import own_paragraph

LISTING_PATHS = ("/zongjie/", "/zongjie/list_2.html", "/zongjie/list_3.html")
NEXT_TEXTS = ("下一页", "Next »")  # page 1 -> 2, page 2 -> 3; page 3 has no next page
SUB_LISTING = "/zongjie/2024/"  # a yearly archive linked from page 1: walked, not imported
HOT_ARTICLE = "/zongjie/2019/0101/9001.html"  # linked only from articles' sidebars


@dataclass(frozen=True)
class SummaryArticle:
    number: int

    @property
    def path(self) -> str:
        return f"/zongjie/2024/03{self.number % 28 + 1:02d}/{1000 + self.number}.html"

    @property
    def title(self) -> str:
        return f"关于第{self.number}季度安全生产工作的总结"

    def paragraphs(self) -> list[str]:
        return [
            f"第{self.number}季度以来，我单位坚持安全第一、预防为主的方针，层层压实安全生产责任。",
            "一是健全制度，修订完善了安全生产责任制和隐患排查治理制度，做到有章可循、违章必究。",
            f"二是强化排查，共开展专项检查{self.number + 11}次，发现并整改各类隐患，实现闭环管理。",
            "下一步，我们将继续加强教育培训，提高全员安全意识，确保全年安全生产形势持续稳定。",
            own_paragraph(self.number),
        ]


ARTICLES = [SummaryArticle(number) for number in range(1, 12)]
#: Which articles each listing page links to; the last three only through the yearly archive.
ON_LISTING = (ARTICLES[0:3], ARTICLES[3:6], ARTICLES[6:8])
ON_SUB_LISTING = ARTICLES[8:11]


def _chrome(body: str, title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)} - 办公范文站</title></head>
<body>
<div id="nav"><a href="/">网站首页</a> <a href="/zongjie/">工作总结</a> <a href="/about.html">关于</a>
 <a href="/login.php">登录</a></div>
{body}
<div class="friend">友情链接：<a href="http://example.org/2024/1.html">别的网站</a></div>
<div class="foot">Copyright 2005-2024 办公范文站</div>
</body></html>"""


def article_html(article: SummaryArticle) -> str:
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in article.paragraphs())
    return _chrome(
        f"""<div class="crumbs">您的位置：<a href="/">首页</a> &gt; <a href="/mishu/">秘书知识</a>
 &gt; <a href="/zongjie/">工作总结</a></div>
<div class="main"><h1 class="title">{escape(article.title)}</h1>
<div class="info">2024-03-10&nbsp;&nbsp;阅读：1037</div>
<div class="content">{paragraphs}</div></div>
<div class="side"><h3>热门文章</h3><ul><li><a href="{HOT_ARTICLE}">热门总结</a></li></ul></div>""",
        article.title,
    )


def listing_html(articles: list[SummaryArticle], next_path: str | None, next_text: str) -> str:
    items = "".join(
        f'<li><span class="date">2024-03-10</span><a href="{a.path}">{escape(a.title)}</a>'
        f"<p>{escape(a.paragraphs()[0])}</p></li>"
        for a in articles
    )
    pager = '<a href="/zongjie/">首页</a> <a href="/zongjie/">上一页</a>'
    if next_path:
        pager += f' <a href="{next_path}">{escape(next_text)}</a>'
    return _chrome(
        f"""<div class="crumbs">您的位置：<a href="/">首页</a> &gt; <a href="/mishu/">秘书知识</a>
 &gt; 工作总结</div>
<ul class="list">{items}</ul><div class="pager">{pager}</div>
<div class="years"><a href="{SUB_LISTING}">2024年</a></div>""",
        "工作总结",
    )


def unknown_site() -> FakeSite:
    site = FakeSite()
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    for index, path in enumerate(LISTING_PATHS):
        next_path = LISTING_PATHS[index + 1] if index + 1 < len(LISTING_PATHS) else None
        next_text = NEXT_TEXTS[index] if index < len(NEXT_TEXTS) else ""
        site.page(path, listing_html(ON_LISTING[index], next_path, next_text))
    site.page(SUB_LISTING, listing_html(ON_SUB_LISTING, None, ""))
    for article in ARTICLES:
        site.page(article.path, article_html(article))
    site.page(HOT_ARTICLE, article_html(SummaryArticle(9001)))
    return site
