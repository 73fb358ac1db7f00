"""Which writing system a piece of text is in, from Unicode block ranges.

Mitra's eight languages are written in seven scripts, so the script alone
already tells most of them apart (only English/Indonesian share Latin). The
tokenizer uses this module to cut a message into runs of one script and give
each run to its own segmenter; language identification uses
:func:`dominant_script` as a strong prior.

Script names are ISO 15924 codes: ``Thai``, ``Mymr`` (Burmese), ``Khmr``,
``Laoo``, ``Beng``, ``Deva`` (Nepali), ``Latn``. Block ranges are used rather
than a Unicode-script database because these blocks map one-to-one onto the
scripts we care about, and a table lookup is fast and has no dependency.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import Iterator, List, Tuple

THAI = "Thai"
MYANMAR = "Mymr"
KHMER = "Khmr"
LAO = "Laoo"
BENGALI = "Beng"
DEVANAGARI = "Deva"
LATIN = "Latn"

SCRIPTS = (THAI, MYANMAR, KHMER, LAO, BENGALI, DEVANAGARI, LATIN)

# Scripts written without spaces between words: they need a word segmenter.
UNSPACED_SCRIPTS = frozenset({THAI, MYANMAR, KHMER, LAO})

# Pseudo-scripts returned by `script_of` for characters outside the table.
SPACE = "Zspace"  # whitespace and zero-width word separators
JOINER = "Zjoin"  # ZWNJ / ZWJ: belong to whatever script surrounds them
OTHER = "Zyyy"  # digits, punctuation, emoji, and scripts we do not handle

# (first code point, last code point, script) — sorted, non-overlapping.
_RANGES: List[Tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x005A, LATIN),
        (0x0061, 0x007A, LATIN),
        (0x00AA, 0x00AA, LATIN),
        (0x00BA, 0x00BA, LATIN),
        (0x00C0, 0x00D6, LATIN),
        (0x00D8, 0x00F6, LATIN),
        (0x00F8, 0x024F, LATIN),
        (0x0300, 0x036F, LATIN),  # combining diacritics, mostly used on Latin
        (0x0900, 0x097F, DEVANAGARI),
        (0x0980, 0x09FF, BENGALI),
        (0x0E00, 0x0E7F, THAI),
        (0x0E80, 0x0EFF, LAO),
        (0x1000, 0x109F, MYANMAR),
        (0x1780, 0x17FF, KHMER),
        (0x19E0, 0x19FF, KHMER),  # Khmer symbols
        (0x1E00, 0x1EFF, LATIN),  # Latin extended additional
        (0xA8E0, 0xA8FF, DEVANAGARI),  # Devanagari extended
        (0xA9E0, 0xA9FF, MYANMAR),  # Myanmar extended-B
        (0xAA60, 0xAA7F, MYANMAR),  # Myanmar extended-A
    ]
)
_STARTS = [r[0] for r in _RANGES]

ZERO_WIDTH_SPACE = "\u200b"  # Khmer and Burmese writers use it between words
_SPACE_EXTRA = frozenset(ZERO_WIDTH_SPACE + "\ufeff\u2060")  # + BOM, word joiner
_JOINERS = frozenset("\u200c\u200d")


@lru_cache(maxsize=8192)  # chat text reuses a small alphabet
def script_of(char: str) -> str:
    """Return the script code of one character (or SPACE / JOINER / OTHER)."""
    if char.isspace() or char in _SPACE_EXTRA:
        return SPACE
    if char in _JOINERS:
        return JOINER
    cp = ord(char)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _RANGES[i][1]:
        return _RANGES[i][2]
    return OTHER


def script_counts(text: str) -> Counter:
    """How many characters of each of Mitra's scripts ``text`` has."""
    counts: Counter = Counter()
    for char in text:
        script = script_of(char)
        if script in SCRIPTS:
            counts[script] += 1
    return counts


def dominant_script(text: str) -> str:
    """Return the script with the most characters in ``text``.

    One of "Thai", "Mymr", "Khmr", "Laoo", "Beng", "Deva", "Latn", or "" when
    the text has no character of these scripts (empty, digits, emoji only).
    Ties go to the script that appears first in the text.
    """
    counts = script_counts(text)
    # Counter.most_common keeps insertion order among equal counts.
    return counts.most_common(1)[0][0] if counts else ""


def script_runs(text: str) -> Iterator[Tuple[int, int, str]]:
    """Yield ``(start, end, script)`` for maximal runs of one script.

    Whitespace is never part of a run. Joiners stick to the run they sit in;
    a joiner between two scripts is attached to the preceding run. Characters
    of the same script are always in one run even if split by a joiner.
    """
    start = None
    current = None
    for i, char in enumerate(text):
        script = script_of(char)
        if script == JOINER:
            if current is None:
                start, current = i, OTHER
            continue
        if script == SPACE:
            if current is not None:
                yield start, i, current
                start = current = None
            continue
        if script != current:
            if current is not None:
                yield start, i, current
            start, current = i, script
    if current is not None:
        yield start, len(text), current
