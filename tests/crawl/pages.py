"""Pages of the fake source site, in the sample site's template: category listings and articles."""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

PROFILE = "wenmi-zh"  # the template of samples/html/zh-*.html and samples/listing/zh-*


@dataclass(frozen=True)
class FakeArticle:
    number: int
    category: str = "秘书知识"
    subcategory: str = "会议讲话"

    @property
    def path(self) -> str:
        return f"/article/{self.number}.html"

    @property
    def title(self) -> str:
        return f"在第{self.number}次工作会议上的讲话"

    def body_paragraphs(self) -> list[str]:
        return [
            f"同志们：今天召开第{self.number}次工作会议，主要任务是总结工作、部署任务、明确要求。",
            "过去一段时间，我们坚持问题导向，狠抓落实，各项工作取得了新的进展，成绩来之不易。",
            f"下一步，要围绕第{self.number}项重点任务，压实责任，细化措施，确保各项工作落到实处。",
            self.own_paragraph(),
        ]

    def own_paragraph(self) -> str:
        return own_paragraph(self.number)


def own_paragraph(number: int) -> str:
    """Text no other fake article has: without it the articles differ only in their numbers,
    and the importer rightly takes them for near-duplicates of each other."""
    rng = random.Random(number)
    return "".join(rng.choice(_OWN_TEXT_CHARS) for _ in range(150)) + "。"


_OWN_TEXT_CHARS = "安全生产责任检查隐患培训党建学校教师学生社区服务预算财政质量目标任务监督应急消防"


def article_html(article: FakeArticle, meta_charset: str = "utf-8") -> str:
    """An article page in the sample site's template (samples/html/zh-*.html)."""
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in article.body_paragraphs())
    return f"""<!DOCTYPE html>
<html><head><meta charset="{meta_charset}">
<meta name="generator" content="WenmiCMS V5.7 SP2">
<title>{escape(article.title)}_{escape(article.subcategory)}_文秘范文网</title></head>
<body>
<div class="top"><a href="/member/login.php">登录</a></div>
<div class="container"><div class="left">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/mishu/">{escape(article.category)}</a>
 &gt; <a href="/mishu/jianghua/">{escape(article.subcategory)}</a> &gt; 正文</div>
<h1 class="arc-title">{escape(article.title)}</h1>
<div class="arc-meta"><span class="pubdate">发布时间：2024年3月{article.number % 9 + 1}日</span>
 <span class="hits">阅读次数：{100 + article.number}</span></div>
<div class="arc-body" id="article-content">{paragraphs}</div>
<div class="inner-xg"><h3>相关文章</h3>
<ul><li><a href="/article/{article.number + 100}.html">别的文章</a></li></ul></div>
</div></div>
</body></html>"""


def listing_html(links: list[str], next_path: str | None) -> str:
    """A category listing page (samples/listing/zh-listing-example.html): article links + pager."""
    items = "".join(
        f'<li><a href="/mishu/jianghua/" class="lm">[会议讲话]</a> '
        f'<a href="{escape(link)}" class="title">文章 {escape(link)}</a></li>'
        for link in links
    )
    next_link = f'<li><a class="next" href="{next_path}">下一页</a></li>' if next_path else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="generator" content="WenmiCMS V5.7 SP2">
<title>会议讲话_文秘范文网</title></head>
<body><div class="container"><div class="left">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/mishu/">秘书知识</a></div>
<div class="listbox"><ul class="e2">{items}
<li><a href="/member/index.php" class="title">会员中心</a></li></ul></div>
<div class="dede_pages"><ul class="pagelist"><li><a href="/list/1.html">首页</a></li>{next_link}</ul></div>
</div></div></body></html>"""
