"""Where a quotation's words sit in the source: the source as one indexed word sequence
(each word with the quotation it sits in), exact look-ups (ellipses and "[brackets]"
allowed), a fuzzy window search, and a word-level diff that a reader understands.

Everything here is by index: a look-up starts where the quotation's rarest word occurs
and never walks the whole source.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import regex
from rapidfuzz.distance import OSA, Indel, Levenshtein, Opcode

from retold.checks.quote_extract import Quotation, extract_quotes
from retold.text.document import Document
from retold.text.tokens import normalize, word_norms

REPEAT_SIMILARITY = 0.85  # word-level similarity of two quotations that repeat each other
REPEAT_MIN_WORDS = 4
_FEW_QUOTES = 48  # up to this many quotations, repeats are found by comparing every pair
MAX_TRIED = 16
_FEW_PLACES = 8  # a first word this rare is as good a starting point as any
_GUESSES_PER_WORD = 20
_MAX_GUESSES = 200  # quoted matches of one quotation tried for one with the rewrite's speaker

_SPELLING_MAP = {
    "gement": "gment",
    "ence": "ense",
    "ise": "ize",
    "isa": "iza",
    "yse": "yze",
    "our": "or",
    "lled": "led",
    "lling": "ling",
    "tre": "ter",
    "ogue": "og",
}
_CONTRACTED = {"s": "is", "re": "are", "m": "am", "ve": "have", "ll": "will", "d": "would"}
_IRREGULAR = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not")}
_ACRONYM = regex.compile(r"(?:\p{L}\.){2,}")
_SPELLING = regex.compile(
    r"(?:gement|ence|ise|isa|yse|our|lled|lling|tre|ogue)(?=[sd]?$|ing$|ed$|tion|r$)"
)
MAX_ELLIPSIS_GAP = 80  # words an ellipsis may stand for
MAX_BRACKET_GAP = 8  # words a "[bracketed]" insertion may stand for
# an ellipsis, a "[bracketed]" insertion, an editor's "(sic)": words left out or put in
# (these two on the standard engine: no Unicode classes, and it scans a text 3x faster)
_GAP = re.compile(r"\.\.\.+|\u2026|\[[^\]]{0,80}\]|\([^()]{0,40}\)")
# an editor's words inside a quotation: "[Helsinki]", "(sic)", "(through interpreter)"
EDITORIAL = re.compile(r"\[[^\]]{0,80}\]|\([^()]{0,40}\)")
# words whose presence or absence alone does not change what a quotation says
_SMALL_WORDS = frozenset(
    """a an the and or but so that it of with well just now oh um uh frankly i we you he
    she they is""".split()
)
# one preposition for another ("what they do to us in/on trade"): a transcriber's choice
_PREPOSITIONS = frozenset("in on at to for of about over with from into onto".split())
_DETERMINERS = frozenset("a an the that this".split())  # "saying that/the indictment"


@dataclass(frozen=True)
class Source:
    """The source as one word sequence, each word with the quotation it sits in.

    Tuples, not lists: it is cached, and the collector stops tracking a tuple of
    strings or numbers after one look, where it would walk a list on every pass."""

    doc: Document
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    quote_of: tuple[int | None, ...]  # index into `quotes`, None for the reporter's words
    quotes: tuple[Quotation, ...]
    positions: dict[str, tuple[int, ...]]
    quoted: tuple[int, ...]  # positions of the words inside quotation marks, in order
    quoted_norms: tuple[str, ...]  # the words at those positions
    quoted_positions: dict[str, tuple[int, ...]]  # word -> indexes into `quoted`
    editorial: tuple[tuple[int, int], ...]  # "[…]" and "(…)" stretches of the text

    def is_editorial(self, i: int) -> bool:
        """Is word i inside an editor's brackets ("it [Helsinki]")?"""
        if not self.editorial:
            return False
        k = bisect_left(self.editorial, (self.starts[i] + 1,)) - 1
        return k >= 0 and self.starts[i] < self.editorial[k][1]

    def surface(self, i: int) -> str:
        """Word i as written."""
        return self.doc.text[self.starts[i] : self.ends[i]]


@lru_cache(maxsize=64)
def source_index(doc: Document) -> Source:
    quotes = extract_quotes(doc)
    sentences = doc.sentences  # already analysed: the words are there
    norms = tuple(chain.from_iterable(s.norms for s in sentences))
    starts = tuple(chain.from_iterable(s.starts for s in sentences))
    ends = tuple(chain.from_iterable(s.ends for s in sentences))
    quote_of: list[int | None] = [None] * len(starts)
    # a word inside a quotation belongs to it (to the first one, should two overlap;
    # a quotation inside a transcript's turn is the speech it quotes, not the turn's)
    turns = [q for q in range(len(quotes)) if quotes[q].turn]
    marked = [q for q in reversed(range(len(quotes))) if not quotes[q].turn]
    for q in turns + marked:
        quote = quotes[q]
        first, stop = bisect_left(starts, quote.start), bisect_left(starts, quote.end)
        quote_of[first:stop] = [q] * (stop - first)
    quoted = tuple(i for i, q in enumerate(quote_of) if q is not None)
    quoted_norms = tuple(norms[i] for i in quoted)
    return Source(
        doc,
        norms,
        starts,
        ends,
        tuple(quote_of),
        quotes,
        _positions(norms),
        quoted,
        quoted_norms,
        _positions(quoted_norms),
        tuple((m.start(), m.end()) for m in EDITORIAL.finditer(doc.text)),
    )


def _positions(words: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Word -> where it occurs, in ascending order (one pass: sorting strings is slower)."""
    found: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        at = found.get(word)
        if at is None:
            found[word] = [i]
        else:
            at.append(i)
    return {word: tuple(at) for word, at in found.items()}


def segments(text: str) -> list[tuple[list[str], int]]:
    """The quotation's words split at ellipses and brackets: (norms, gap allowed after)."""
    plain = normalize(text).text
    result: list[tuple[list[str], int]] = []
    pos = 0
    for m in _GAP.finditer(plain):
        words = word_norms(plain, pos, m.start())
        gap = MAX_BRACKET_GAP if m.group()[:1] in "[(" else MAX_ELLIPSIS_GAP
        if words:
            result.append((words, gap))
        elif result:
            result[-1] = (result[-1][0], max(result[-1][1], gap))
        pos = m.end()
    words = word_norms(plain, pos)
    if words:
        result.append((words, 0))
    return result


def find_exact(
    src: Source,
    segments: list[tuple[list[str], int]],
    disagrees: Callable[[list[int]], bool] | None = None,
) -> list[int] | None:
    """Source word positions of the quotation's words, in order: the first match inside
    quotation marks that the source does not give to someone else than the rewrite's
    speaker (the same words may be quoted twice, once after a dateline read as a name),
    else the first fully quoted one, else the first with the most words quoted."""
    if not segments:
        return None
    best: list[int] | None = None
    best_quoted = -1
    first_full: list[int] | None = None
    tried = 0
    first = tuple(segments[0][0])
    # the run is looked for where its rarest word occurs (the same starts, in the same
    # order, as trying every occurrence of its first word: far fewer of them)
    offset = 0
    if len(src.positions.get(first[0], ())) > _FEW_PLACES:
        offset = min(range(len(first)), key=lambda k: len(src.positions.get(first[k], ())))
    for p in src.positions.get(first[offset], ()):
        p -= offset
        if p < 0 or src.norms[p : p + len(first)] != first:
            continue
        matched = _rest_of_match(src, segments, p)
        if matched is None:
            continue
        quoted = sum(src.quote_of[i] is not None for i in matched)
        if quoted == len(matched):
            if disagrees is None or not disagrees(matched):
                return matched
            first_full = first_full or matched
            tried += 1
            if tried >= MAX_TRIED:
                break
        elif quoted > best_quoted and first_full is None:
            best, best_quoted = matched, quoted
    return first_full or best


def _rest_of_match(src: Source, segments: list[tuple[list[str], int]], p: int) -> list[int] | None:
    """The positions of the whole quotation when its first run sits at p."""
    matched = list(range(p, p + len(segments[0][0])))
    for (words, _), (_, gap) in zip(segments[1:], segments, strict=False):
        nxt = _next_run(src, words, matched[-1] + 1, gap)
        if nxt is None:
            return None
        matched.extend(range(nxt, nxt + len(words)))
    return matched


def _next_run(src: Source, words: list[str], lo: int, gap: int) -> int | None:
    wanted = tuple(words)
    at = src.positions.get(words[0], ())
    for k in range(bisect_left(at, lo), len(at)):
        p = at[k]
        if p > lo + gap:
            break
        if src.norms[p : p + len(words)] == wanted:
            return p
    return None


def _lone_small(block: Opcode, window: Sequence[str]) -> bool:
    return block.dest_end - block.dest_start == 1 and window[block.dest_start] in _SMALL_WORDS


def find_fuzzy(
    norms: Sequence[str], positions: dict[str, tuple[int, ...]], words: list[str]
) -> tuple[float, int, int, int]:
    """The window of `norms` most like `words`: (similarity, start, end, words shared)."""
    n = len(words)
    guesses: set[int] = set()
    # where its rarest words occur: a common word's first few places, in a long source,
    # are rarely the quotation's (and looking at all of them would cost a pass each)
    telling = sorted(
        (len(positions.get(w, ())), i, w)
        for i, w in enumerate(words)
        if (len(w) >= 4 or w[:1].isdigit()) and w in positions
    )
    for _, i, w in telling:
        for p in positions[w][:_GUESSES_PER_WORD]:
            guesses.add(max(0, p - i))
        if len(guesses) >= _MAX_GUESSES:
            break
    best = (0.0, 0, 0, 0)
    for g in sorted(guesses)[:_MAX_GUESSES]:
        base = max(0, g - 3)
        window = norms[base : g + n + 3]
        blocks = [op for op in Indel.opcodes(words, window) if op.tag == "equal"]
        if not blocks:
            continue
        # a lone small word matched at an edge ("… well," he said. "I really think
        # the …") stretches the window over words that are not this quotation's
        while len(blocks) > 1 and _lone_small(blocks[-1], window):
            blocks.pop()
        while len(blocks) > 1 and _lone_small(blocks[0], window):
            blocks.pop(0)
        lo = base + blocks[0].dest_start
        hi = base + blocks[-1].dest_end
        score = Indel.normalized_similarity(words, norms[lo:hi])
        if score > best[0]:
            shared = sum(op.src_end - op.src_start for op in blocks)
            best = (score, lo, hi, shared)
    return best


@lru_cache(maxsize=65536)
def _spelling_key(word: str) -> str:
    """A word with British and American spellings made one ("normalises" and
    "normalizes", "honour" and "honor", "travelled" and "traveled"); short words are
    left alone ("four" is not "for")."""
    folded = word.casefold().replace("\u2019", "'")
    if _ACRONYM.fullmatch(folded) or _ACRONYM.fullmatch(folded + "."):
        return folded.replace(".", "")
    if len(folded) < 6:
        return folded
    return str(_SPELLING.sub(lambda m: _SPELLING_MAP[m.group(0)], folded))


class Edit(NamedTuple):
    tag: str  # replace | delete | insert
    old: list[str]  # the source's words
    new: list[str]  # the rewrite's words
    outside: bool  # added where the source's quotation ends or is broken off
    at_start: bool = False  # the edit touches the first word of either side
    at_end: bool = False  # ... or the last


def _keys(words: list[str]) -> tuple[list[str], list[int]]:
    """Comparison keys of the words, contractions spelled out ("it's" -> "it", "is";
    "isn't" -> "is", "not"), with the word each key comes from."""
    keys: list[str] = []
    owners: list[int] = []
    for n, word in enumerate(words):
        for key in _expanded(_spelling_key(word).strip(".,;:!?")):
            keys.append(key)
            owners.append(n)
    return keys, owners


@lru_cache(maxsize=65536)
def _expanded(key: str) -> tuple[str, ...]:
    if "'" not in key:
        return (key,)
    if key in _IRREGULAR:
        return _IRREGULAR[key]
    stem, _, tail = key.rpartition("'")
    if key.endswith("n't"):
        return (key[:-3], "not")
    if tail in _CONTRACTED and stem:
        return (stem, _CONTRACTED[tail])
    return (key,)


class _Op(NamedTuple):
    tag: str
    src_start: int
    src_end: int
    dest_start: int
    dest_end: int


def _blocks(a: list[str], b: list[str]) -> list[_Op]:
    """Levenshtein's opcodes with neighbouring changes joined into one ("Viet" added
    and "Vietnam" -> "Nam" is one change of "Vietnam" into "Viet Nam")."""
    blocks: list[_Op] = []
    for op in Levenshtein.opcodes(a, b):
        if blocks and op.tag != "equal" and blocks[-1].tag != "equal":
            last = blocks[-1]
            tag = "replace" if last.tag != op.tag or op.tag == "replace" else op.tag
            blocks[-1] = _Op(tag, last.src_start, op.src_end, last.dest_start, op.dest_end)
        else:
            blocks.append(_Op(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def edits_between(
    source_words: list[str], derived_words: list[str], breaks: frozenset[int] = frozenset()
) -> list[Edit]:
    """The word-level changes from the source's words to the rewrite's. Case, edge
    punctuation, contractions ("it is"/"it's") and spelling variants
    ("normalises"/"normalizes", "K.G.B."/"KGB") are no change. `breaks`: the source
    words after which the source's quotation is broken off (by "he said", or a
    paraphrase: "…worse," Trump tweeted, blaming "many years…")."""
    a, a_owner = _keys(source_words)
    b, b_owner = _keys(derived_words)
    contained = bool(a) and any(b[k : k + len(a)] == a for k in range(len(b) - len(a) + 1))
    result = []
    for op in _blocks(a, b):
        if op.tag == "equal":
            continue
        if "".join(a[op.src_start : op.src_end]) == "".join(b[op.dest_start : op.dest_end]):
            continue  # "Viet Nam" / "Vietnam", "health care" / "healthcare": one word written two ways
        old = sorted(set(a_owner[op.src_start : op.src_end]))
        new = sorted(set(b_owner[op.dest_start : op.dest_end]))
        broken = 0 < op.src_start < len(a) and a_owner[op.src_start - 1] in breaks
        edge = op.dest_start == 0 or op.dest_end == len(b) or contained
        result.append(
            Edit(
                op.tag,
                [source_words[k] for k in old],
                [derived_words[k] for k in new],
                op.tag == "insert" and (edge or broken),
                op.src_start == 0 or op.dest_start == 0,
                op.src_end == len(a) or op.dest_end == len(b),
            )
        )
    return result


def diff_text(edits: list[Edit]) -> str:
    """A word-level diff a reader understands: `"40,000" → "60,000"`, `dropped "x"`."""
    parts: list[str] = []
    for e in edits:
        if e.tag == "replace":
            parts.append(f'"{" ".join(e.old)}" → "{" ".join(e.new)}"')
        elif e.tag == "delete":
            parts.append(f'dropped "{" ".join(e.old)}"')
        else:
            parts.append(f'added "{" ".join(e.new)}"')
    return "; ".join(parts)


def only_small_words(edits: list[Edit]) -> bool:
    """Only small words added or left out ("out of it", "and we could"), one preposition
    or determiner for another, or a word in another grammatical form: the same
    quotation, transcribed a little differently."""
    return all(
        all(_spelling_key(w) in _SMALL_WORDS for w in e.old + e.new)
        if e.tag != "replace"
        else len(e.old) == len(e.new) == 1
        and (
            any(
                _spelling_key(e.old[0]) in group and _spelling_key(e.new[0]) in group
                for group in (_PREPOSITIONS, _DETERMINERS)
            )
            or _agreement(_spelling_key(e.old[0]), _spelling_key(e.new[0]))
        )
        for e in edits
    )


# words a transcriber writes for one another, meaning the same: a spelling slip fixed
# ("your" for "you're") or left in
_SOUNDALIKES = (
    frozenset({"who", "whom"}),
    frozenset({"your", "you're", "youre"}),
    frozenset({"its", "it's"}),
    frozenset({"their", "there", "they're"}),
    frozenset({"then", "than"}),
)


# British and American words too short for the spelling rules ("tyres" / "tires")
_VARIANTS = (
    frozenset({"tyre", "tire"}),
    frozenset({"tyres", "tires"}),
    frozenset({"kerb", "curb"}),
    frozenset({"grey", "gray"}),
    frozenset({"mould", "mold"}),
    frozenset({"plough", "plow"}),
    frozenset({"storey", "story"}),
    frozenset({"storeys", "stories"}),
    frozenset({"draught", "draft"}),
    frozenset({"cheque", "check"}),
    frozenset({"cheques", "checks"}),
)
MISTYPED_LENGTH = 7  # a word this long that differs by one letter is one word mistyped


def _agreement(a: str, b: str) -> bool:
    """One word written another way that says the same: a plural "s" ("request" /
    "requests"), "who" for "whom", a spelling slip ("your" / "you're", "emenating" /
    "emanating"), a British or American spelling ("judgement", "tyres"), or an
    abbreviation ("St" for "Saint", "Mt" for "Mount", "Sen." for "Senator")."""
    short, long = sorted((a.rstrip("."), b.rstrip(".")), key=len)
    if any(a in group and b in group for group in _SOUNDALIKES + _VARIANTS):
        return True
    if len(short) >= MISTYPED_LENGTH and OSA.distance(short, long) <= 1:
        return True  # one letter typed, dropped, added or two swapped in a long word
    return (len(short) >= 3 and long == short + "s") or _abbreviates(short, long)


def _abbreviates(short: str, long: str) -> bool:
    """ "st" for "saint", "mt" for "mount", "dept" for "department": two to four letters,
    the long word's first letter first and its letters in order, the last one its last
    letter or the short form a plain prefix of it."""
    if not 2 <= len(short) <= 4 or len(long) < len(short) + 2 or short[0] != long[0]:
        return False
    if len(short) >= 3 and long.startswith(short):
        return True  # "sen", "gov", "dept": a plain prefix of three letters or more
    rest = iter(long[1:])
    return all(c in rest for c in short[1:]) and short[-1] == long[-1]


def quotes_more(edits: list[Edit]) -> bool:
    """The rewrite quotes more of it than the source: words added before, after, or
    where the source breaks its quotation off."""
    return all(e.outside for e in edits)


def source_quote(src: Source, positions: Sequence[int]) -> Quotation | None:
    """The first source quotation with a speaker that holds some of these words."""
    for i in positions:
        q = src.quote_of[i]
        if q is not None and src.quotes[q].speaker:
            return src.quotes[q]
    return None


def source_speaker(src: Source, positions: Sequence[int]) -> str | None:
    quote = source_quote(src, positions)
    return quote.speaker if quote is not None else None


def reporter_runs(src: Source, positions: Sequence[int]) -> list[list[int]]:
    """The stretches of `positions` that are the reporter's words (outside quote marks)."""
    runs: list[list[int]] = []
    for i in positions:
        if src.quote_of[i] is None:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def span_text(src: Source, lo: int, hi: int) -> str:
    return src.doc.text[src.starts[lo] : src.ends[hi - 1]]


# at similarity >= REPEAT_SIMILARITY two quotations share at least this share of
# either one's words: 2 * LCS >= s * (a + b) and LCS <= b give LCS >= s / (2 - s) * a
# (0.739 of a at s = 0.85)
_REPEAT_SHARE = REPEAT_SIMILARITY / (2 - REPEAT_SIMILARITY) - 1e-9


def repeats(quotes: tuple[Quotation, ...], norms: list[list[str]]) -> list[int | None]:
    """For each quotation, the first earlier one it repeats almost word for word.

    Prefix filtering, as similarity joins do: with the words of every quotation ordered
    the same way (rarest first), two quotations sharing at least `_REPEAT_SHARE` of
    each one's words must share a word among the first few of each. Only quotations
    sharing such a word are compared, in order, so the answer is the one a comparison
    with every earlier quotation gives, at about the cost of one pass."""
    if len(norms) <= _FEW_QUOTES:  # a usual article: comparing every pair is cheaper
        return [_first_repeat_by_scan(quotes[i], norms, i) for i in range(len(norms))]
    counts: dict[str, int] = {}
    for words in norms:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    postings: dict[tuple[str, int], list[int]] = {}
    found: list[int | None] = []
    for i, words in enumerate(norms):
        if len(words) < REPEAT_MIN_WORDS:
            found.append(None)
            continue
        seen: dict[str, int] = {}
        tokens = []
        for w in words:  # the k-th "the" is its own token: words counted with repeats
            seen[w] = seen.get(w, 0) + 1
            tokens.append((counts[w], w, seen[w]))
        tokens.sort()
        need = math.floor(_REPEAT_SHARE * len(words))
        prefix = [(w, k) for _, w, k in tokens[: len(words) - need + 1]]
        found.append(_first_repeat(quotes[i], words, norms, prefix, postings))
        for token in prefix:
            postings.setdefault(token, []).append(i)
    return found


def _first_repeat_by_scan(quote: Quotation, norms: list[list[str]], i: int) -> int | None:
    words = norms[i]
    if len(words) < REPEAT_MIN_WORDS:
        return None
    for j in range(i):
        if quote.continues == j or len(norms[j]) < REPEAT_MIN_WORDS:
            continue
        if Indel.normalized_similarity(words, norms[j]) >= REPEAT_SIMILARITY:
            return j
    return None


def _first_repeat(
    quote: Quotation,
    words: list[str],
    norms: list[list[str]],
    prefix: list[tuple[str, int]],
    postings: dict[tuple[str, int], list[int]],
) -> int | None:
    last = -1
    for j in heapq.merge(*(postings.get(token, []) for token in prefix)):
        if j == last or quote.continues == j:
            continue
        last = j
        if Indel.normalized_similarity(words, norms[j]) >= REPEAT_SIMILARITY:
            return j
    return None
