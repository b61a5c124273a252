"""ASCII slugs for folder and file names, the same for the importer and the site plugins.

Chinese names become pinyin, so ``秘书知识`` is ``mi-shu-zhi-shi`` and a reader can still guess the page from
its URL. Whatever a title contains (``../``, ``/``, NUL, 300 characters), the slug is a single safe path
segment, so nothing is ever written outside the docs folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from library.text import CJK_RE

#: Long titles make unwieldy URLs; 80 characters keeps a whole sentence-like title readable.
MAX_SLUG_LENGTH = 80

#: Names Windows reserves for devices, with any extension (``con.md`` too): a folder or file so
#: named cannot be checked out there. A slug that is one of them gets :data:`_RESERVED_SUFFIX`.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)
_RESERVED_SUFFIX = "-0"

_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
_APOSTROPHE_RE = re.compile(r"(?<=\w)['’](?=\w)")


def slugify(text: str, fallback: str = "untitled") -> str:
    """Turn any text into a lowercase ASCII slug such as ``conference-speech``.

    When nothing usable is left (only symbols), a short stable hash of the text stands in, so two
    different symbol-only titles still get different, repeatable names.
    """
    if CJK_RE.search(text):
        # Imported here, not at the top: loading pypinyin's tables takes about 0.6 s, which
        # every build (and each importer run) would pay even when no name is Chinese.
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    text = _APOSTROPHE_RE.sub("", text)  # "school's" -> "schools", not "school-s"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG_RE.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    if slug in WINDOWS_RESERVED:
        return slug + _RESERVED_SUFFIX
    if slug:
        return slug
    if not text.strip():
        return fallback
    return f"{fallback}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
