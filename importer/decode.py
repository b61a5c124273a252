"""Stage 2: bytes to text, whatever charset the source site used.

Chinese model-essay sites still serve GBK/GB2312 pages, often with a ``<meta>`` that disagrees with
the HTTP header or the bytes. Order of trust: the HTTP header, then ``<meta>`` (when the bytes
really decode with it), then UTF-8, then detection by charset-normalizer. GB2312 and GBK are read
as GB18030, their superset, so characters outside the old tables never turn into errors.

Real pages are often valid but for a few stray bytes (a truncated copy-paste, a counter widget
written in another charset). Such a page is decoded in the charset it is really in, each stray byte
becomes ``U+FFFD`` and the page carries a warning that counts them; the same goes for a ``.txt``
dump that is UTF-8 but for a few bytes, which charset detection would otherwise read as mojibake.
Only bytes that are mostly undecodable in every candidate charset are refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

from charset_normalizer import from_bytes

from importer.records import DecodedPage, ImportProblem, RawPage

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p)[\s>]", re.I)

#: Share of control characters above which bytes are taken for a binary file, not text.
_MAX_CONTROL_SHARE = 0.01
#: The C0 controls that text does not use (all but tab, line feed, form feed and carriage return).
_BINARY_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

#: Legacy Chinese charsets are decoded as their superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}

#: A charset is the page's own, damaged by stray bytes, when the non-ASCII characters it decodes
#: outnumber the bytes it cannot decode at least this many times. Text in the wrong charset fails
#: on nearly every non-ASCII character (a GBK page read as UTF-8: ~1 error per character), while a
#: page damaged by a few stray bytes has hundreds of good characters per bad byte; an English
#: cp1252 page has no valid UTF-8 multi-byte characters at all, so it still goes to detection.
MIN_GOOD_CHARS_PER_BAD_BYTE = 10

#: Refused when more than this share of the non-ASCII bytes decodes in no candidate charset
#: ("mostly undecodable"): what is left would not be the article.
MAX_UNDECODABLE_SHARE = 0.5

#: The marker a decoding error leaves before it is counted and replaced with U+FFFD. A lone
#: surrogate never comes out of a successful decode, so counting it counts the errors exactly.
_ERROR_MARK = "\udcff"
_ERROR_HANDLER = "secretariat-mark"


def _mark_error(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _ERROR_MARK * (error.end - error.start), error.end


codecs.register_error(_ERROR_HANDLER, _mark_error)


@dataclass(frozen=True)
class _Lossy:
    """A decode that replaced what it could not read; ``bad`` counts the replaced bytes."""

    charset: str
    text: str
    bad: int
    good_non_ascii: int


def decode_page(raw: RawPage) -> DecodedPage:
    """Decode a page and tell HTML from a plain-text dump."""
    if b"\x00" in raw.data[:4096] and not raw.data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise ImportProblem("this is a binary file, not a page (it contains NUL bytes)")
    text, warnings = _decode(raw)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ImportProblem("this is a binary file, not a page (it is mostly control characters)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportProblem("the file holds no text")
    kind: Literal["html", "text"] = "html" if _HTML_SNIFF_RE.search(text[:4096]) else "text"
    return DecodedPage(source=raw.source, text=text, kind=kind, url=raw.url, warnings=warnings)


def _decode(raw: RawPage) -> tuple[str, tuple[str, ...]]:
    declared = [c for c in (raw.charset, _meta_charset(raw.data)) if c]
    for charset in (*declared, "utf-8"):
        text = _try_decode(raw.data, charset)
        if text is not None:
            return text, ()
    damaged = _least_damaged(raw.data, (*declared, "utf-8"))
    if damaged is not None and damaged.good_non_ascii >= MIN_GOOD_CHARS_PER_BAD_BYTE * damaged.bad:
        return damaged.text, (_stray_bytes_warning(damaged),)
    best = from_bytes(raw.data).best()
    detected = best.encoding if best is not None else None
    if detected:
        text = _try_decode(raw.data, detected)
        if text is not None:
            return text, ()
    damaged = _least_damaged(raw.data, (*declared, "utf-8", *([detected] if detected else [])))
    non_ascii = sum(1 for byte in raw.data if byte >= 0x80)
    if damaged is None or damaged.bad > MAX_UNDECODABLE_SHARE * max(non_ascii, 1):
        raise ImportProblem(
            "cannot tell the text encoding of these bytes: most of them are not valid UTF-8, "
            "GB18030 or any other charset"
        )
    return damaged.text, (_stray_bytes_warning(damaged),)


def _least_damaged(data: bytes, charsets: tuple[str, ...]) -> _Lossy | None:
    decodes = [lossy for c in dict.fromkeys(charsets) if (lossy := _lossy_decode(data, c))]
    return min(decodes, key=lambda lossy: lossy.bad, default=None)


def _lossy_decode(data: bytes, charset: str) -> _Lossy | None:
    name = _charset_name(charset)
    try:
        codecs.lookup(name)
        marked = data.decode(name, errors=_ERROR_HANDLER)
    except (LookupError, UnicodeDecodeError):
        return None
    bad = marked.count(_ERROR_MARK)
    good = sum(1 for ch in marked if ord(ch) >= 0x80) - bad
    return _Lossy(name, marked.replace(_ERROR_MARK, "\ufffd"), bad, good)


def _stray_bytes_warning(lossy: _Lossy) -> str:
    plural = "byte is" if lossy.bad == 1 else "bytes are"
    return (
        f"{lossy.bad} {plural} not valid {lossy.charset.upper()} and "
        "shown as '\ufffd' (the rest of the page decoded)"
    )


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:8192])
    return match.group(1).decode("ascii", "ignore") if match else None


def _charset_name(charset: str) -> str:
    name = charset.strip().lower()
    return _SUPERSETS.get(name, name)


def _try_decode(data: bytes, charset: str) -> str | None:
    name = _charset_name(charset)
    try:
        codecs.lookup(name)
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None


def _control_share(text: str) -> float:
    sample = text[:8192]
    return len(_BINARY_CONTROL_RE.findall(sample)) / max(len(sample), 1)
