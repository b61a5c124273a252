"""Stage 2: bytes to text, whatever charset the source site used.

Chinese model-essay sites still serve GBK/GB2312 pages, often with a ``<meta>`` that disagrees with
the HTTP header or the bytes. Order of trust: the HTTP header, then ``<meta>`` (when the bytes
really decode with it), then detection by charset-normalizer. GB2312 and GBK are read as GB18030,
their superset, so characters outside the old tables never turn into errors.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from importer.records import DecodedPage, ImportProblem, RawPage

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p)[\s>]", re.I)

#: Share of control characters above which bytes are taken for a binary file, not text.
_MAX_CONTROL_SHARE = 0.01

#: Legacy Chinese charsets are decoded as their superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def decode_page(raw: RawPage) -> DecodedPage:
    """Decode a page and tell HTML from a plain-text dump."""
    if b"\x00" in raw.data[:4096] and not raw.data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise ImportProblem("this is a binary file, not a page (it contains NUL bytes)")
    text = _decode(raw)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ImportProblem("this is a binary file, not a page (it is mostly control characters)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportProblem("the file holds no text")
    if _HTML_SNIFF_RE.search(text[:4096]):
        return DecodedPage(source=raw.source, text=text, kind="html", url=raw.url)
    return DecodedPage(source=raw.source, text=text, kind="text", url=raw.url)


def _decode(raw: RawPage) -> str:
    for charset in (raw.charset, _meta_charset(raw.data)):
        if charset:
            text = _try_decode(raw.data, charset)
            if text is not None:
                return text
    text = _try_decode(raw.data, "utf-8")
    if text is not None:
        return text
    best = from_bytes(raw.data).best()
    if best is None or best.encoding is None:
        raise ImportProblem(
            "cannot tell the text encoding of these bytes (not UTF-8, GBK or any other)"
        )
    decoded = _try_decode(raw.data, best.encoding)
    if decoded is None:
        raise ImportProblem(f"the bytes do not decode as {best.encoding}")
    return decoded


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:8192])
    return match.group(1).decode("ascii", "ignore") if match else None


def _try_decode(data: bytes, charset: str) -> str | None:
    name = _SUPERSETS.get(charset.strip().lower(), charset.strip().lower())
    try:
        codecs.lookup(name)
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None


def _control_share(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(sample), 1)
