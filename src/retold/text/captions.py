"""Photo credits and captions: the lines under a page's pictures.

A credit names a picture's source ("Photo: NAME/AP", "(Photo by NAME / AFP)",
"NAME/Getty Images"); a caption is a paragraph ending in its credit, opening "FILE - In
this … photo" or marking people's sides ("(L-R)"), or a scene in the present tense dated
in full that lost its credit ("… arrive at the airport in Helsinki, Finland, Sunday, July
15, 2018.").
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from retold.text.bylines import OUTLETS, YEAR
from retold.text.line_words import MAX_WORDS, verb_like

_CREDIT_START = regex.compile(
    r"^\W*(?:(?i:(?:(?:photo|image|picture|video|graphic)s?\s*(?:credit|source)?"
    r"|photograph|illustration|credit|media|source|courtesy)\s*(?:\bby\b|:|\bof\b)"
    r"|(?:image|photo)\s+(?:copyright|caption)\b|(?:ap|afp|reuters)\s*/)|Credit(?=\p{Lu}))"
)
_CREDIT_TAIL = regex.compile(  # searched from the end, as _OUTLET_END
    r"(?r)(?:\([^()]{0,80}?(?i:\bphotos?\b|\bimages?\b|\bcredit\b)[^()]{0,80}\)"
    rf"|\([^()]{{0,80}}/[^()]{{0,40}}?\b(?:{OUTLETS})(?i:,\s*file)?\s*\)"
    r"|\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*/\s*(?:[\p{L} ]{0,30}/\s*)*"
    rf"(?:{OUTLETS})"
    r"|\p{Lu}\p{L}+\s+\p{Lu}[\p{L}-]+,?\s+(?:AP|AFP)"
    r"|(?i:\b(?:ap|afp|pool|file)\s+photo|\bhide\s+caption|\bori?g\s+(?:xmit|file\s+id)\b.{0,40}"
    r"|\(credit:[^()]*\)|\bphoto\s+credit:.{0,80}|/\s*getty\s+images)"
    r"|\(\p{L}+\.?\s+\d{1,2}\)\s*(?:AP|AFP|Reuters)"
    r"|(?<=[\p{L}\d,]\s*)\((?:AP|AFP|Reuters|Getty(?: Images)?|EPA)\)"
    r"|(?<=[.!?]\s*)\((?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}\)"
    r"|(?<=[.!?)]\s{0,3})(?:less|\.\.\.\s*more))\W*$"  # a caption's "… more" / "less" toggle
)
# cheap to test, one of them in the last 160 characters of every credit the regex finds
_CREDIT_HINTS = tuple("/ ) AP hoto aption XMIT ID: redit mages GETTY".split())
_SIDE_MARK = regex.compile(r"\((?:L|R|C|2nd [LR]|L-R|R-L|[Ff]ront|[Bb]ack)\)")
_CAPTION_START = regex.compile(
    r"^\W*(?i:file(?:\s+photo)?\s*[-–—:]\s|in\s+this\s+(?:[\w.,]+\s+){0,6}?(?:file\s+)?photo\b)"
    r"|^\s*\((?:L-R|R-L)\)"  # "(L-R) NAME, NAME and NAME at …"
)
_MONTH_NAMES = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April"
    r"|May|June|July|August|September|October|November|December"
)
FULL_DATE = regex.compile(  # "July 15, 2018", "15 July 2018"
    rf"\b(?:{_MONTH_NAMES})\s+\d{{1,2}},\s+(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+(?:19|20)\d\d\b"
)
_NARRATION = frozenset(
    "said says told tells was were had has have will would could should can may might"
    " according is are".split()
)


def dated_scene(line: str, words: Sequence[str]) -> bool:
    """A photo caption that lost its credit: a scene in the present tense, dated in
    full ("… arrive at the airport in Helsinki, Finland, Sunday, July 15, 2018."): no
    past tense, no reported speech, no quotation."""
    if len(words) > 45 or any(mark in line for mark in '"“”') or not YEAR.search(line):
        return False
    if not FULL_DATE.search(line):
        return False
    for word in words:
        low = word.lower()
        if low in _NARRATION or (low.endswith("ed") and not word[0].isupper()):
            return False
    return any(not w[0].isupper() and verb_like(w.lower()) for w in words)  # "arrive", "waves"


def credit_or_caption(line: str, words: int) -> str | None:
    """A credit ("Photo: NAME/AP", "(Photo by NAME / AFP)", "NAME/Getty Images") or a
    caption (a paragraph ending in its credit, or opening "FILE - In this … photo")."""
    if _CAPTION_START.match(line) or (words <= 60 and "(" in line and _SIDE_MARK.search(line)):
        return "caption"
    end = line[-160:]
    hinted = any(hint in end for hint in _CREDIT_HINTS) or end.endswith(("less", "more"))
    tail = _CREDIT_TAIL.search(end) if hinted else None
    if tail is None:
        return "credit" if words <= MAX_WORDS and _CREDIT_START.match(line) else None
    return "credit" if tail.start() < 4 or words <= 8 else "caption"
