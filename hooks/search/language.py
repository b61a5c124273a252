"""Which language an article is written in, as far as search is concerned.

Pagefind splits words differently per language: English gets stemming (``running`` finds ``run``),
Chinese gets dictionary segmentation (``党建`` is found inside ``加强党建工作``). The library mixes both,
often with an English interface, so the page's ``<html lang>`` says nothing about the article; the text
itself does. Counting is enough: a Chinese article has far more Han characters than Latin words, and
an English article quoting a Chinese name has far fewer.
"""

from __future__ import annotations

from library.text import CHINESE, base_language, detect_language

__all__ = ["CHINESE", "base_language", "detect_language"]
