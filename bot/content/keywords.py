"""Keyword matching for the safety net: a topic's `keywords` found in a message.

In scripts written with spaces (Latin, Devanagari, Bengali) a keyword must match whole
words, so "help" does not fire on "helpful"; in Thai, Burmese, Khmer and Lao, which
have no spaces between words, it matches anywhere — keywords there should be phrases.
"""
import re
from functools import lru_cache
from typing import Iterable

from bot.nlu.script import UNSPACED_SCRIPTS, dominant_script


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> "re.Pattern":
    escaped = re.escape(keyword.casefold())
    if dominant_script(keyword) in UNSPACED_SCRIPTS:
        return re.compile(escaped)
    return re.compile(rf"(?<!\w){escaped}(?!\w)")


def mentions(text: str, keywords: Iterable[str]) -> bool:
    folded = " ".join((text or "").casefold().split())
    return any(_pattern(k).search(folded) for k in keywords if k.strip())
