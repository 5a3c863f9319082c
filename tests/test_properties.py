"""Invariants that hold for any text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold import compare
from retold.checks import speaker_words
from retold.text import tokens as text_module
from retold.text.sentences import split_sentences
from retold.text.tokens import _ASCII_WORD, _WORD, tokenize, word_pattern

VOCABULARY = (
    "the council voted on Tuesday to build a new bridge Mayor said 40,000 homes “fine” "
    "U.S. Nov. 10 $1.4 billion Türkiye café — ruled governed . ? ! ,"
)
WORDS = st.sampled_from([*VOCABULARY.split(), "\n\n"])
TEXTS = st.lists(WORDS, min_size=1, max_size=80).map(" ".join)


@given(TEXTS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sentences_and_tokens_slice_back(text: str) -> None:
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == text[s.start : s.end].strip()
    for t in tokenize(text):
        assert text[t.start : t.end]


@given(TEXTS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_compare_with_itself_is_verbatim_or_boilerplate(text: str) -> None:
    if not text.strip():
        return
    report = compare(text, text)
    for s in report.sentences:
        assert s.label in ("verbatim", "boilerplate", "new")
        if len(text[s.start : s.end].split()) >= 3 and s.label == "new":
            # only sentences with no content word at all may be "new" against themselves
            assert s.similarity == 0.0
        assert text[s.start : s.end] == s.text


ASCII_TEXTS = st.lists(
    st.sampled_from([*"abzAZ09 .,'’-£—\u00a0\n\"", "e.g.", "U.S.", "Mr. ", "3,000", "a.m."]),
    max_size=60,
).map("".join)


@given(ASCII_TEXTS)
@settings(max_examples=300, deadline=None)
def test_fast_word_patterns_find_the_same_words(text: str) -> None:
    """The engines' fast twins (ASCII words; speakers' common-word branch) agree."""
    assert word_pattern(text) is _ASCII_WORD
    assert [m.span() for m in _ASCII_WORD.finditer(text)] == [
        m.span() for m in _WORD.finditer(text)
    ]
    masked = text.replace('"', "\x01")
    assert speaker_words._word_pattern(masked) is speaker_words._WORD_ASCII
    for fast in (speaker_words._WORD_FAST, speaker_words._WORD_ASCII):
        assert [m.span() for m in fast.finditer(masked)] == [
            m.span() for m in speaker_words._WORD.finditer(masked)
        ]


MARKED_TEXTS = st.lists(
    st.sampled_from([*"ab \"'-é\n", *map(chr, text_module._PLAIN)]), max_size=40
).map("".join)


@given(MARKED_TEXTS)
@settings(max_examples=300, deadline=None)
def test_typographic_marks_replaced_as_translate_would(text: str) -> None:
    """The mark-by-mark replacement gives what str.translate gives."""
    assert text_module._plain_marks(text) == text.translate(text_module._PLAIN)


def _fresh_analysis(text: str) -> tuple[tuple[object, ...], ...]:
    from retold.text import document
    from retold.text.article import Article

    document._SENTENCES.clear()
    document.analyze.cache_clear()
    return tuple(
        (s.start, s.end, s.norms, s.starts, s.ends, s.keys, s.weights, s.boilerplate)
        for s in document.analyze(Article(text)).sentences
    )


@given(TEXTS, TEXTS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sentences_read_before_are_analysed_as_if_new(first: str, second: str) -> None:
    """A sentence remembered from one article, found again elsewhere in another, gets
    the words, offsets and weights a fresh analysis gives."""
    from retold.text import document
    from retold.text.article import Article

    reused = f"{second}\n\n{first}\n\n{second}"
    expected = _fresh_analysis(reused)
    document._SENTENCES.clear()
    document.analyze(Article(first))
    document.analyze(Article(second))
    got = document.analyze(Article(reused)).sentences
    assert expected == tuple(
        (s.start, s.end, s.norms, s.starts, s.ends, s.keys, s.weights, s.boilerplate) for s in got
    )
