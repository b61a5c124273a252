"""Find what an article would make a reader's browser fetch from another host.

The site must be self-contained: an imported article that still embeds ``<img src="https://...">``
would load from the original site on every visit (slow or blocked in mainland China, and it tells
that host who reads what). Links (``<a href>``) are fine: they load nothing until a reader clicks.

The HTML is Python-Markdown's output, so two regular expressions suffice: one finds the few tags
that fetch something, the other their attributes. A full HTML parse of every page cost 2-3 seconds
per 1,000 articles, on every rebuild of ``mkdocs serve``.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlsplit

#: Attributes whose URL the browser fetches by itself while rendering the page.
_FETCHED_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "script": ("src",),
    "link": ("href",),
    "input": ("src",),
}

_TAG_RE = re.compile(rf"<({'|'.join(_FETCHED_ATTRIBUTES)})\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE_RE = re.compile(r"""([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def external_resources(html: str, own_host: str = "") -> list[str]:
    """URLs in ``html`` that the browser would fetch from a host other than ``own_host``."""
    urls: list[str] = []
    for tag in _TAG_RE.finditer(html):
        wanted = _FETCHED_ATTRIBUTES[tag.group(1).lower()]
        for name, raw_value in _ATTRIBUTE_RE.findall(tag.group(2)):
            if name.lower() not in wanted:
                continue
            value = html_lib.unescape(raw_value.strip("\"'")).strip()
            urls.extend(_srcset_urls(value) if name.lower() == "srcset" else [value])
    return [url for url in urls if url and _is_other_host(url, own_host)]


def _srcset_urls(srcset: str) -> list[str]:
    """``a.png 1x, b.png 2x`` -> ``[a.png, b.png]``."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def _is_other_host(url: str, own_host: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return False
    return bool(parts.netloc) and parts.netloc != own_host
