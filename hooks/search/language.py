"""Which language an article is written in, as far as search is concerned.

Pagefind splits words differently per language: English gets stemming (``running`` finds ``run``),
Chinese gets dictionary segmentation (``党建`` is found inside ``加强党建工作``). The library mixes both,
often with an English interface, so the page's ``<html lang>`` says nothing about the article; the text
itself does. Counting is enough: a Chinese article has far more Han characters than Latin words, and
an English article quoting a Chinese name has far fewer.
"""

from __future__ import annotations

import re

CHINESE = "zh"

#: Runs rather than single characters: a few hundred matches a page instead of thousands.
_HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")


def detect_language(text: str, default: str) -> str:
    """``zh`` when Han characters outnumber Latin words in ``text``, else ``default``.

    A Han character and a Latin word are weighed alike: a Chinese word is one to three characters, so
    a mostly-English text with a few Chinese names stays English and vice versa.
    """
    han = sum(map(len, _HAN_RUN_RE.findall(text)))
    latin = len(_LATIN_WORD_RE.findall(text))
    return CHINESE if han > latin else base_language(default)


def base_language(code: str) -> str:
    """``zh-Hant`` -> ``zh``, ``en`` -> ``en``: Pagefind keeps one index per base language."""
    return (code or "en").split("-")[0].split("_")[0].lower()
