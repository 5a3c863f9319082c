"""Which encoding a byte string is in, and how sure: UTF-8 first, then common code pages.

In order of preference:
1. UTF-8 (a byte-order mark also tells UTF-16 or UTF-32).
2. UTF-8 with a few stray bytes, such as a cp1252 quote pasted into UTF-8 text: when the
   text has at least as many well-formed non-ASCII UTF-8 characters as bad bytes, each
   bad byte is read as cp1252 (U+FFFD where cp1252 has no character), and the note says
   how many. Detection on such text once picked mac_iceland and lost every quote.
3. One of `COMMON`, the code pages that news text is actually found in (Windows and ISO
   Western, Central European, Cyrillic, Greek, Turkish, Hebrew, Arabic, Baltic, and the
   Japanese, Chinese and Korean multi-byte ones), as read by charset-normalizer.
   Several may read the bytes equally cleanly (a French "très" is "trčs" in cp1250):
   the one whose words are real words of the detected language (wordfreq) wins, then
   the earlier in `COMMON` (Western first).
Anything else is refused with a hint to pass --encoding: an exotic code page is never a
guess.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer
import wordfreq

COMMON = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
)
WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
MAX_CHAOS = 0.2  # charset-normalizer's "mess" of the best reading; above it, unsure
_TIE = 0.01
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes kept by the surrogateescape handler
_FOREIGN_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")  # a word with a non-ASCII letter
_LANGUAGES = {
    "English": "en",
    "French": "fr",
    "German": "de",
    "Spanish": "es",
    "Portuguese": "pt",
    "Italian": "it",
    "Dutch": "nl",
    "Swedish": "sv",
    "Danish": "da",
    "Norwegian": "nb",
    "Finnish": "fi",
    "Catalan": "ca",
    "Czech": "cs",
    "Slovak": "sk",
    "Polish": "pl",
    "Slovene": "sl",
    "Croatian": "sh",
    "Hungarian": "hu",
    "Romanian": "ro",
    "Lithuanian": "lt",
    "Latvian": "lv",
    "Russian": "ru",
    "Ukrainian": "uk",
    "Bulgarian": "bg",
    "Greek": "el",
    "Turkish": "tr",
    "Hebrew": "he",
    "Arabic": "ar",
    "Farsi": "fa",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text read from bytes; `encoding` is None for clean UTF-8, `repaired` counts bytes
    that were not UTF-8 in otherwise UTF-8 text."""

    text: str
    encoding: str | None
    repaired: int = 0


class Unsure(Exception):
    """No encoding reads these bytes with confidence; `candidates` are the near misses."""

    def __init__(self, candidates: tuple[str, ...]) -> None:
        super().__init__(", ".join(candidates))
        self.candidates = candidates


def detect(data: bytes) -> Decoded:
    """The text of `data` by the rules above; raises Unsure."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), None if encoding == "utf-8-sig" else encoding)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired
    return _common(data)


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(text))
    good = sum(1 for c in text if c > "\x7f") - bad
    if good < bad:
        return None
    fixed = _ESCAPED.sub(lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", "replace"), text)
    return Decoded(fixed, "utf-8", bad)


def _common(data: bytes) -> Decoded:
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(COMMON)))
    if not matches:
        raise Unsure(())
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + _TIE]
    languages = {_LANGUAGES[m.language] for m in tied if m.language in _LANGUAGES}
    readings = []
    for match in tied:
        encoding = _preferred_name(match.could_be_from_charset or [match.encoding])
        text = str(match)
        readings.append((_word_score(text, languages), -COMMON.index(encoding), encoding, text))
    readings.sort(reverse=True)
    score, _, encoding, text = readings[0]
    others = {r[3] for r in readings[1:]} - {text}
    if least > MAX_CHAOS or (not score and others and encoding not in WESTERN):
        raise Unsure(tuple(r[2] for r in readings))
    return Decoded(text, encoding)


def _preferred_name(names: list[str]) -> str:
    known = [n for n in names if n in COMMON]
    return min(known, key=COMMON.index) if known else names[0]


def _word_score(text: str, languages: set[str]) -> float:
    """Mean Zipf frequency, in the likeliest language, of the words with a non-ASCII
    letter (0 for a word the language does not have): mis-decoded words score ~0."""
    words = list(dict.fromkeys(w.casefold() for w in _FOREIGN_WORD.findall(text[:20_000])))[:300]
    if not words:
        return 0.0
    best = 0.0
    for language in languages:
        freq = _frequencies(language)
        zipf = [math.log10(freq[w] * 1e9) if freq.get(w, 0) * 1e9 > 1 else 0.0 for w in words]
        best = max(best, sum(zipf) / len(words))
    return best


@lru_cache(maxsize=8)
def _frequencies(language: str) -> dict[str, float]:
    return wordfreq.get_frequency_dict(language)
