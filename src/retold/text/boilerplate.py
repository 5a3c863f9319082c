"""Boilerplate: page furniture (stamps, bylines, credits, embeds, prompts, subheads), not story.

Furniture is recognised by its shape, with the phrases of data/boilerplate.txt as a
supplement, and every rule has a name: `furniture_reason` says which one fired, so a
boilerplate label can say why. Precision first: a line that reads as a sentence (a
verb, a closing full stop) stays story unless a rule knows its exact shape (a credit,
a stamp), and the shapes a title shares (a title-case line, a short line without a
verb) count only between paragraphs, never on an article's first line.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import regex

from retold.text.lexicon import zipf_of

MAX_WORDS = 20  # a boilerplate line is short; longer paragraphs are story text
MAX_CAPTION_WORDS = 150  # a caption ending in its photo credit can run this long
MAX_HEADING_WORDS = 14  # a subhead, a related headline, a name line: no longer than this
MAX_STAMP_WORDS = 32  # "NAME and NAME, Outlet Published <stamp> | Updated <stamp>"
MAX_CREDITS_WORDS = 60  # "(Reporting by NAME and NAME in City; … Editing by NAME and NAME)"

# ---------------------------------------------------------------- words

_EDGE_PUNCT = "\"'“”‘’()[]{}<>,;:!?«»*•·|…–—-/\\_=+~^"
_HAS_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def _tokens(line: str) -> list[str]:
    """The words of a line, punctuation trimmed from their ends ("a.m." keeps its stops)."""
    words = []
    for raw in line.split():
        word = raw.strip(_EDGE_PUNCT)
        if not word.lower().endswith(("a.m.", "p.m.")):
            word = word.rstrip(".")
        if word and (word[0].isalnum() or _HAS_ALNUM.search(word)):
            words.append(word)
    return words


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


# ---------------------------------------------------------------- time and date stamps

_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday"
    " mon tue tues wed thu thur thurs fri sat sun".split()
)
# words that date a publication ("Updated", "2 hours ago", "9:05 a.m.")
_STRONG = frozenset("updated posted published modified ago today yesterday tonight am pm".split())
_STAMP_FILLERS = frozenset(
    "on at last first originally update et est edt ct cst cdt mt mst mdt"
    " pt pst pdt gmt bst utc cet cest eet eest msk ist aest jst local time hr hrs hour hours"
    " h min mins minute minutes sec secs second seconds day days week weeks month months"
    " year years just now an a one two three four five six seven eight nine ten"
    " eleven twelve noon midnight of the".split()
)
_CLOCK = regex.compile(r"\d{1,6}[:.]\d{2}(?:[ap]\.?m\.?)?|\d{1,2}(?:[ap]\.?m\.?)", regex.I)
_NUMERIC_DATE = regex.compile(
    r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|(?i:[a-z]{3,9})\.\d{1,2}\.\d{4}[\d:]*"
)
_NUMBER = regex.compile(r"\d+(?:st|nd|rd|th|[hmd])?", regex.I)
_YEAR = regex.compile(r"(?:19|20)\d\d")  # fullmatch a word; search a line for a year
_WEAK = _MONTHS | _WEEKDAYS | _STAMP_FILLERS


def _stamp_strength(word: str) -> int:
    """2: a word that dates a publication (a year, a clock time, "ago", "Updated");
    1: one a stamp may hold (a month, a day, a number, "at", "ET"); 0: any other word."""
    low = word.lower().replace(".", "")  # "a.m." is "am"
    if low in _STRONG or _CLOCK.fullmatch(word) or _NUMERIC_DATE.fullmatch(word):
        return 2
    return 1 if low in _WEAK or _NUMBER.fullmatch(word) or _YEAR.fullmatch(word) else 0


def _is_stamp(words: Sequence[str]) -> bool:
    """A stamp ("Updated 6:40 PM ET, Tue March 3", "July 15, 2018", "2 hours ago"): every word a
    date or time word, one of them a publication's (a bare "Tuesday, 1 March" is the
    date of an event, as in a match's fact box)."""
    if not words or len(words) > 14:
        return False
    strengths = [_stamp_strength(w) for w in words]
    if 0 in strengths:
        return False
    if any(_YEAR.fullmatch(w) for w in words):  # a year dates a page only beside its month
        return any(w.lower().replace(".", "") in _MONTHS for w in words)
    return 2 in strengths


# ---------------------------------------------------------------- bylines and credits

_BYLINE_LEAD = regex.compile(
    r"^\W*(?:(?:written|(?:additional\s+)?reporting|writing|editing|analysis|produced|story"
    r"|words|compiled|edited|posted|authored|interview|text|photos?|video)\s+)?(?:by|from)\b\s*",
    regex.I,
)
_NAME_LINKS = frozenset(
    "and & of the de da del della di du van von der den la le al el bin ibn y e in at for via"
    " with".split()
)
_OUTLETS = (
    r"(?i:(?:the\s+)?associated\s+press|ap(?:\s+photo)?|afp|agence\s+france-presse|reuters"
    r"|getty(?:\s+images)?|epa(?:-efe)?|efe|pa(?:\s+(?:media|wire))?|upi|xinhua|tass"
    r"|sputnik|bloomberg(?:\s+news)?|shutterstock|usa\s+today|cnn|nbc\s+news|cbs\s+news"
    r"|abc\s+news|fox\s+news|npr|bbc(?:\s+news)?|pool|the\s+new\s+york\s+times"
    r"|the\s+washington\s+post|politico|ansa|dpa|kyodo|yonhap|lehtikuva|anadolu)"
)
# searched from the end ((?r)): only the line's last words can match
_OUTLET_END = regex.compile(rf"(?r)(?:^\W*|[,|/(•–—]\s*)(?:{_OUTLETS})\W*$")
_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


# what a byline may say of its writer ("NAME, Opinion contributor", "NAME, staff writer")
_BYLINE_ROLES = frozenset(
    """contributor contributors columnist correspondent correspondents writer writers
    reporter reporters editor editors staff special""".split()
)


def _names_only(words: Sequence[str]) -> bool:
    """Every word a capitalised name part, an initial, a linking word, a writer's role
    or an address."""
    if not words or len(words) > 30:
        return False
    named = 0
    for word in words:
        if word.lower() in _NAME_LINKS or word.lower() in _BYLINE_ROLES:
            continue
        if not (_capitalised(word) or _EMAIL.fullmatch(word) or word.startswith("@")):
            return False
        named += 1
    return named > 0


def _is_byline(segment: str) -> bool:
    """A byline ("By NAME", "By NAME and NAME, Outlet", "From NAME in City", "NAME,
    Associated Press", "NAME | Bloomberg"): names only, after "By" or before an agency."""
    lead = _BYLINE_LEAD.match(segment)
    if lead is not None:
        rest = segment[lead.end() :]
        return not rest.strip() or _names_only(_tokens(rest))
    agency = _OUTLET_END.search(segment)
    return agency is not None and _names_only(_tokens(segment))


_DAY_OR_MONTH = "|".join(sorted(_WEEKDAYS | _MONTHS, key=len, reverse=True))
_SEGMENT_BREAK = regex.compile(
    r"\s*(?:[|•·;]|\s[-–—]\s)\s*|,\s*(?=by\b)|(?<=\p{Ll})(?=(?-i:Posted|Updated|Published)\b)"
    rf"|,?\s+(?=(?:updated|published|posted|{_DAY_OR_MONTH})\b|email the author|follow\b)",
    regex.I,
)


_DIGIT = regex.compile(r"\d")
_STAMP_OR_BYLINE_WORDS = frozenset(
    "by from ago today yesterday tonight updated posted published am pm".split()
)
_NOT_PROSE = _STAMP_OR_BYLINE_WORDS | _WEAK | _NAME_LINKS | {"a.m.", "p.m."}


def _stamp_or_byline(line: str, words: Sequence[str]) -> str | None:
    """A line made of stamps and bylines ("By NAME | Sunday, July 15, 2018 09:27 PM";
    "NAME, USA TODAY Published 6:16 p.m. ET July 15, 2018"): each piece one or the other
    (or a bare name), at least one a stamp or a byline."""
    prose = [w for w in words if w[0].islower() and w.lower() not in _NOT_PROSE and "@" not in w]
    if len(prose) > 4:
        return None  # a sentence's lower-case words: story (the split below is slower)
    if not (
        _DIGIT.search(line)
        or "|" in line
        or "•" in line
        or not _STAMP_OR_BYLINE_WORDS.isdisjoint(w.lower() for w in words)
        or _OUTLET_END.search(line)
    ):
        return None  # no figure, no "by", no agency: neither
    pieces = set()
    for segment in _SEGMENT_BREAK.split(line):
        words = _tokens(segment)
        if words:
            piece = _stamp_or_byline_piece(segment, words)
            if piece is None:
                return None
            pieces.add(piece)
    if "byline" in pieces or {"name", "stamp"} <= pieces:  # "NAME, Outlet <stamp>"
        return "byline"
    return "stamp" if "stamp" in pieces else None


def _stamp_or_byline_piece(segment: str, words: list[str]) -> str | None:
    """What one piece of such a line is: a stamp, a byline, a bare name, a date word
    ("Tue"), a prompt ("Email the author"), or None (story)."""
    if _is_stamp(words):
        return "stamp"
    if all(_stamp_strength(w) for w in words):
        return "date"
    if _is_byline(segment):
        return "byline"
    if len(words) <= 4 and _names_only(words) and not any(w.endswith(("'s", "’s")) for w in words):
        return "name"
    reason = _phrase(segment)
    return "byline" if reason == "byline" else ("prompt" if reason else None)


_CREDIT_START = regex.compile(
    r"^\W*(?:(?i:(?:(?:photo|image|picture|video|graphic)s?\s*(?:credit|source)?"
    r"|photograph|illustration|credit|media|source|courtesy)\s*(?:\bby\b|:|\bof\b)"
    r"|(?:image|photo)\s+(?:copyright|caption)\b|(?:ap|afp|reuters)\s*/)|Credit(?=\p{Lu}))"
)
_CREDIT_TAIL = regex.compile(  # searched from the end, as _OUTLET_END
    r"(?r)(?:\([^()]{0,80}?(?i:\bphotos?\b|\bimages?\b|\bcredit\b)[^()]{0,80}\)"
    rf"|\([^()]{{0,80}}/[^()]{{0,40}}?\b(?:{_OUTLETS})(?i:,\s*file)?\s*\)"
    r"|\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*/\s*(?:[\p{L} ]{0,30}/\s*)*"
    rf"(?:{_OUTLETS})"
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


def _dated_scene(line: str, words: Sequence[str]) -> bool:
    """A photo caption that lost its credit: a scene in the present tense, dated in
    full ("… arrive at the airport in Helsinki, Finland, Sunday, July 15, 2018."): no
    past tense, no reported speech, no quotation."""
    if len(words) > 45 or any(mark in line for mark in '"“”') or not _YEAR.search(line):
        return False
    if not FULL_DATE.search(line):
        return False
    for word in words:
        low = word.lower()
        if low in _NARRATION or (low.endswith("ed") and not word[0].isupper()):
            return False
    return any(not w[0].isupper() and _verb_like(w.lower()) for w in words)  # "arrive", "waves"


def _credit_or_caption(line: str, words: int) -> str | None:
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


# ---------------------------------------------------------------- embeds, links, counters

_EMBED_SIGNOFF = regex.compile(  # "— Name (@handle) March 3, 2026"
    r"^\W*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d)"
)
_EMBED_MARKS = ("pic.twitter.com/", "://t.co/", "post shared by", "this post on Instagram")


def _embed(line: str) -> bool:
    """An embedded post: its sign-off line, or a line carrying the post's own link."""
    return any(mark in line for mark in _EMBED_MARKS) or _EMBED_SIGNOFF.match(line) is not None


_LINK_WORD = regex.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co\.uk|co|io|tv|news|info|us|uk|ca)\b(?:/\S*)?",
    regex.I,
)
_HAS_LINK = regex.compile(r"(?:https?://|www\.)\S+", regex.I)
_COUNTER = regex.compile(
    r"^\W*(?:(?:image|photo|picture|slide|video|item)s?\s*)?\d{1,3}\s*(?:of|/|of\s*/)\s*\d{1,3}\W*$"
    r"|^\s*\(\d+\)\s*$",
    regex.I,
)


def _links(line: str, words: Sequence[str]) -> bool:
    """A line of links or addresses (a URL in a short line makes it furniture); a line of
    @handles is left alone: in a post it addresses people."""
    if "://" in line or "www." in line:
        return _HAS_LINK.search(line) is not None
    return all(_LINK_WORD.fullmatch(word) for word in words)


# ---------------------------------------------------------------- capitals, directions

_DIRECTION = regex.compile(
    r"^\s*(?:\([^()\p{Ll}]{2,80}\)|\[[^\[\]\p{Ll}]{2,80}\]"
    r"|[(\[](?i:laughter|applause|laughs|crosstalk|inaudible|music|overtalk|cheers)[)\]])\s*$"
)
_TEASER_WORDS = regex.compile(
    r"^\W*(?:watch|video|live|breaking|listen|photos|gallery|just\s+watched|must\s+watch"
    r"|now\s+playing|up\s+next|read\s+more|related|more|exclusive|trending|latest)\b",
    regex.I,
)


def _letters_all_upper(line: str) -> bool:
    return line.isupper() and sum(c.isalpha() for c in line[:8]) >= 2


def _shouting(line: str) -> str | None:
    """'WATCH BELOW:', 'SENATOR NAME:' (a label: all capitals ending in a colon) or
    'WATCH: … ', 'JUST WATCHED' (a teaser: all capitals opening with a teaser word)."""
    if not _letters_all_upper(line):
        return None
    if line.rstrip().endswith(":"):
        return "label"
    return "teaser" if _TEASER_WORDS.match(line) else None


# ---------------------------------------------------------------- the phrase list


@lru_cache(maxsize=1)
def _reasoned_patterns() -> tuple[tuple[str, str], ...]:
    """(reason, pattern) of each line of data/boilerplate.txt."""
    raw = resources.files("retold").joinpath("data/boilerplate.txt").read_text("utf-8")
    entries = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            reason, _, pattern = line.partition(" ")
            entries.append((reason, pattern.strip()))
    return tuple(entries)


def patterns() -> tuple[str, ...]:
    """The patterns of data/boilerplate.txt, one a line (after each line's reason)."""
    return tuple(pattern for _, pattern in _reasoned_patterns())


Phrases = tuple[regex.Pattern[str], tuple[tuple[str, regex.Pattern[str]], ...], tuple[str, ...]]


@lru_cache(maxsize=1)
def _matchers() -> Phrases:
    """The patterns anchored at the line's start, as one alternation with a named group
    per pattern (the group that matched names the reason), and the others, each on its
    own with its reason: searched one by one in the lower-cased line, each pattern's
    literal prefix lets it skip ahead, which a joined alternation cannot (3x quicker)."""
    entries = _reasoned_patterns()
    groups = [
        f"(?P<p{k}>{pattern})" for k, (_, pattern) in enumerate(entries) if pattern.startswith("^")
    ]
    at_start = regex.compile("|".join(groups) or r"(?!)", regex.IGNORECASE)
    anywhere = tuple(
        (reason, regex.compile(pattern))
        for reason, pattern in entries
        if not pattern.startswith("^")
    )
    return at_start, anywhere, tuple(reason for reason, _ in entries)


def _phrase(line: str) -> str | None:
    at_start, anywhere, reasons = _matchers()
    found = at_start.match(line)
    if found is not None and found.lastgroup is not None:
        return reasons[int(found.lastgroup[1:])]
    if any(mark in line for mark in '"“”'):
        return None  # someone's words ("You'll be the first to know," he said), not a prompt
    lowered = line.lower()
    return next((reason for reason, rx in anywhere if rx.search(lowered)), None)


# ---------------------------------------------------------------- verbs (no tagger)

_AUXILIARIES = frozenset(
    "is are was were be been being am isn't aren't wasn't weren't has have had hasn't"
    " haven't hadn't do does did don't doesn't didn't will would shall should can could"
    " may might must won't wouldn't can't couldn't shouldn't mustn't 's 're 've 'll 'd"
    " said says say told tells tell met meets meet went goes go came comes come took takes"
    " take made makes make gave gives give got gets get saw sees see found finds find left"
    " leaves leave held holds hold led leads lead won wins win lost loses lose sent sends"
    " send spent began begins begin brought brings bring bought buys buy thought thinks"
    " think felt feels feel kept keeps keep knew knows know ran runs run rose rises rise"
    " fell falls fall hit hits put puts set sets cut cuts let lets paid pays pay sold sells"
    " sell stood stands stand wrote writes write spoke speaks speak broke breaks break"
    " chose chooses choose flew flies fly grew grows grow threw throws throw became becomes"
    " become sat sits sit shot shoots fought fights fight taught teaches caught catches"
    " meant means mean heard hears hear read reads want wants need needs seem seems"
    " look looks".split()
)
_NOT_VERBS = frozenset(
    "during morning evening meeting meetings building buildings nothing something anything"
    " everything thing things king ring spring string wedding ceiling beijing wyoming"
    " briefing hearing funding housing spending training hundred indeed speed naked sacred"
    " wicked kindred creed greed shed bed red fed".split()
)
_SIBILANT_ENDS = ("ss", "us", "is", "ous", "ics", "'s", "’s")


@lru_cache(maxsize=20_000)
def _verb_like(word: str) -> bool:
    """Could this lower-case word be a finite verb? Generous (a noun that is also a
    verb counts): it only spares lines from the verbless rules."""
    word = word.replace("’", "'")
    if word in _AUXILIARIES or word.endswith(("n't", "'re", "'ve", "'ll", "'d", "'m")):
        return True
    if word in _NOT_VERBS or len(word) < 3 or not word.isalpha():
        return False
    if word.endswith(("ed", "ing")) and len(word) >= 5:
        return True
    bases = [word]
    if word.endswith("s") and not word.endswith(_SIBILANT_ENDS):
        bases = [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
        bases += [word[:-3] + "y"] if word.endswith("ies") else []
    for base in bases:
        forms = (base + "ed", base + "d", base + "ing", base[:-1] + "ing", base[:-1] + "ied")
        if any(zipf_of(form, "en") >= 2.3 for form in forms):
            return True
    return False


def _verbless(words: Sequence[str]) -> bool:
    """No word that could be a verb: any lower-case word tried, a capitalised one only
    against the closed list ("It's", "Is"; "Sanctions" is a heading's noun)."""
    for word in words:
        low = word.lower()
        if (not word[0].isupper() or word.isupper()) and _verb_like(low):
            return False
        if low.replace("’", "'") in _AUXILIARIES or low.endswith(("'s", "’s", "n't", "n’t")):
            return False
    return True


# ---------------------------------------------------------------- headings (between paragraphs)

_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up via vs with".split()
)
_SENTENCE_END = regex.compile(r"[.!?:;][\"'”’»)\]]*\s*$")
_UNFINISHED = regex.compile(r"(?:…|\.\.\.)[\"'”’»)\]]*\s*$")


def ends_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None and _UNFINISHED.search(line) is None


def _title_case(words: Sequence[str]) -> bool:
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    return bool(content) and all(_capitalised(w) for w in content)


_BROKEN_OFF = regex.compile(r"(?:--|[-–—])\s*$|\p{Ll}{2}[.!?]\s+\p{Lu}")


def bare_line(line: str) -> bool:
    """A short line that does not end a sentence (a heading, a list item, a name), nor
    is speech broken off ("Credibility--") or holds a sentence's end."""
    return (
        len(line.split()) <= MAX_HEADING_WORDS
        and not ends_sentence(line)
        and _BROKEN_OFF.search(line) is None
    )


def _heading(line: str, words: Sequence[str]) -> bool:
    """A subhead, a related headline, a name or dateline on its own line: short, no
    closing full stop, and in title case, in capitals, or without a verb. Not a line
    with figures or a list of names (a result, a fixture: data), nor a quotation."""
    shouted_question = _letters_all_upper(line) and line.rstrip(" \"'”’").endswith("?")
    if (
        not words
        or not (bare_line(line) or shouted_question)
        or not line.lstrip(' |"“')[:1].isalpha()
    ):
        return False
    if regex.search(r"\d", line) or line.count(",") > 1:
        return False
    if regex.search(r"[\"“”]", line) and not _letters_all_upper(line):
        return False  # someone's words, unless a subhead in capitals
    return _title_case(words) or _letters_all_upper(line) or _verbless(words)


_BIO = regex.compile(
    r"^\W*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s+is\s+(?:a|an|the)\s+"
    r"(?:[\p{L}-]+\s+){0,5}(?:reporter|correspondent|writer|journalist|editor|columnist"
    r"|contributor|producer|blogger|photographer|anchor|host)s?\b"
    r"(?!.*\b(?:who|which|when|after|before|until|because)\b)"
)


# ---------------------------------------------------------------- the classifier


# what a sentence of speech can look like too: "Congratulations!", "See more", "WATCH:"
_SPEECH_SHAPES = frozenset({"prompt", "nav", "related", "teaser", "label"})


def furniture_reason(line: str, *, between: bool = False, inside: bool = False) -> str | None:
    """The rule that makes this line page furniture, or None for story text.

    `between`: the line is a paragraph standing between others (not an article's first
    line), where title-like shapes are subheads, not titles. `inside`: the line is one
    sentence of a longer paragraph, where the shapes speech can share are speech.
    """
    reason = _line_reason(line, between and not inside)
    return None if inside and reason in _SPEECH_SHAPES else reason


# a paragraph cut off after a word ("… the 90 minutes they were scheduled to spend with
# only ..."): the snippet of another story in a list of them. Speech trailing off keeps
# the dots on its last word ("all the Dems...") or closes its quotation.
_CUT_OFF = regex.compile(r"[\p{L}\p{N},]\s+(?:\.\.\.|…)\s*$")


@lru_cache(maxsize=8192)  # a rewrite repeats most short lines of its source
def _line_reason(line: str, between: bool) -> str | None:
    if (
        between
        and _CUT_OFF.search(line)
        and len(line.split(None, MAX_CREDITS_WORDS)) <= MAX_CREDITS_WORDS
    ):
        return "teaser"
    if len(line.split(None, MAX_STAMP_WORDS)) > MAX_STAMP_WORDS:
        return _long_line_reason(line, between)
    words = _tokens(line)
    if not words:
        return "symbols"
    if _embed(line):
        return "embed"
    reason = _credit_or_caption(line, len(words)) or _stamp_or_byline(line, words)
    if reason is None and len(words) <= MAX_WORDS:
        reason = _short_line_reason(line, words, between)
    if reason is None and between and _dated_scene(line, words):
        reason = "caption"
    return reason


def _long_line_reason(line: str, between: bool) -> str | None:
    """A paragraph of more than MAX_STAMP_WORDS words: an embedded post, a caption or a
    line of reporting credits, else story."""
    words = line.count(" ") + 1  # at least the word count: no list built for a long text
    if words > MAX_CAPTION_WORDS:
        words = len(line.split(None, MAX_CAPTION_WORDS))
        if words > MAX_CAPTION_WORDS:
            return None
    if _embed(line):
        return "embed"
    if _BYLINE_LEAD.match(line):
        credits = _stamp_or_byline(line, _tokens(line)) if words <= MAX_CREDITS_WORDS else None
        if credits is not None:
            return credits
    caption = _credit_or_caption(line, words)
    if caption is None and between and words <= 45 and _dated_scene(line, line.split()):
        caption = "caption"
    return caption


_ORNAMENTED = regex.compile(r"^\s*[-–—]\s+\S[^–—]{0,80}?\S\s+[-–—]\s*$")  # "– Brexit bust-up –"
_VIDEO_DURATION = regex.compile(  # "… Putin 1:24", not "… ended at 9:05"
    r"\p{L}\S*(?<!\b(?i:at|by|from|until|to|around|about|before|after|since))\s+\d{1,2}:\d{2}\s*$"
)
_BRACKETED_LINK = regex.compile(r"^\s*\[\s+[^\[\]]{10,200}\s+\]\s*$")  # "[ A headline ]"


def _short_line_reason(line: str, words: list[str], between: bool) -> str | None:
    """The rules for a line of at most MAX_WORDS words (captions and embeds tried)."""
    if _links(line, words) or _BRACKETED_LINK.match(line):
        return "links"
    if _ORNAMENTED.match(line):
        return "subhead"
    if _COUNTER.match(line):
        return "counter"
    if line.rstrip()[-1:].isdigit() and _VIDEO_DURATION.search(line):
        return "teaser"  # "Mayor opens the bridge 1:24": a video in a list
    if _DIRECTION.match(line):
        return "direction"
    reason = _phrase(line) or _shouting(line)
    if reason is not None or not between:
        return reason
    if _BIO.match(line):
        return "bio"
    return "subhead" if _heading(line, words) else None


def is_boilerplate(paragraph: str, words: int) -> bool:
    """Is this line page furniture wherever it stands (an article's first line too)?"""
    if words > MAX_WORDS:
        return False
    return furniture_reason(paragraph) is not None
