"""Quote and speaker handling costs about one pass over an article, with the answers a
scan of everything would give (issue 11: compare was quadratic in article size).

Time is measured in `benchmarks/cost.py`; here the indexed look-ups are checked against
the plain scans they replace, and the work they do is counted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

import retold
from retold.checks import quote_match as quotes_module
from retold.checks.quote_extract import Quotation, extract_quotes
from retold.checks.quote_resolve import _BackScan, _Placed
from retold.text.article import Article
from retold.text.document import analyze

WORDS = st.sampled_from("the ferry will sail at dawn and the council said so".split())


def _quotation(index: int, continues: int | None = None) -> Quotation:
    return Quotation(index, 0, 0, 0, "", "full", continues=continues)


def _repeats_by_scan(norms: list[list[str]], continues: list[int | None]) -> list[int | None]:
    found: list[int | None] = []
    for i, words in enumerate(norms):
        hit = None
        if len(words) >= quotes_module.REPEAT_MIN_WORDS:
            for j in range(i):
                if continues[i] == j or len(norms[j]) < quotes_module.REPEAT_MIN_WORDS:
                    continue
                if Indel.normalized_similarity(words, norms[j]) >= quotes_module.REPEAT_SIMILARITY:
                    hit = j
                    break
        found.append(hit)
    return found


def _check_repeats(norms: list[list[str]], data: st.DataObject) -> None:
    continues = [
        data.draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        for i in range(len(norms))
    ]
    quotes = tuple(_quotation(i, c) for i, c in enumerate(continues))
    assert quotes_module.repeats(quotes, norms) == _repeats_by_scan(norms, continues)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=0, max_size=9), min_size=1, max_size=14), st.data())
def test_repeats_in_a_short_article_are_the_ones_a_full_scan_finds(
    norms: list[list[str]], data: st.DataObject
) -> None:
    _check_repeats(norms, data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=0, max_size=9), min_size=49, max_size=90), st.data())
def test_repeats_found_by_index_are_the_ones_a_full_scan_finds(
    norms: list[list[str]], data: st.DataObject
) -> None:
    _check_repeats(norms, data)


def test_a_thousand_copies_of_one_quotation_cost_a_comparison_each(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = 0
    real = Indel.normalized_similarity

    def counted(a: list[str], b: list[str]) -> float:
        nonlocal calls
        calls += 1
        return float(real(a, b))

    monkeypatch.setattr(quotes_module.Indel, "normalized_similarity", counted)
    norms = [["the", "ferry", "will", "sail", "at", "dawn"]] * 1000
    found = quotes_module.repeats(tuple(_quotation(i) for i in range(1000)), norms)
    assert found == [None] + [0] * 999
    assert calls <= 1000  # a scan of every earlier one would make about 500,000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=40), st.data())
def test_back_scan_finds_the_last_passing_index_like_a_loop(
    passes: list[bool], data: st.DataObject
) -> None:
    tested: list[int] = []

    def test(i: int) -> bool:
        tested.append(i)
        return passes[i]

    scan = _BackScan(test)
    for _ in range(10):
        hi = data.draw(st.integers(-1, len(passes) - 1))
        lo = data.draw(st.integers(0, len(passes)))
        expected = next((k for k in range(hi, lo - 1, -1) if passes[k]), -1)
        assert scan.last(hi, lo) == expected
    assert len(tested) == len(set(tested))  # each index tested once at most


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.sampled_from("abc")), max_size=20), st.data())
def test_placed_names_are_found_by_position_like_a_scan(
    items: list[tuple[int, str]], data: st.DataObject
) -> None:
    placed = _Placed(items[: len(items) // 2])
    for position, name in items[len(items) // 2 :]:
        placed.add(position, name)
    ordered = sorted(items)
    for _ in range(5):
        lo, hi = data.draw(st.integers(0, 50)), data.draw(st.integers(0, 51))
        near = [name for pos, name in ordered if lo <= pos < hi]
        assert placed.last(lo, hi) == (near[-1] if near else None)
        assert placed.last_position(lo, hi) == max(
            (pos for pos, _ in ordered if lo <= pos < hi), default=-1
        )


def test_many_quotations_and_speakers_are_all_read() -> None:
    # thousands of speakers, surnames, pronouns and roles: the resolver's look-ups by
    # position must give each quotation its own speaker
    paragraphs = []
    for n in range(400):
        paragraphs.append(
            f'Mayor Jo Smith{n} spoke first. "The tide is late," Smith{n} said. '
            f'"We wait," she added. "It is fine," the mayor said.'
        )
    doc = analyze(Article(text="Title\n\n" + "\n\n".join(paragraphs), id="many"))
    quotes = extract_quotes(doc)
    assert len(quotes) == 1200
    for n in range(400):
        assert {q.speaker for q in quotes[3 * n : 3 * n + 3]} == {f"Jo Smith{n}"}


def test_a_page_of_quotation_marks_compares_without_error() -> None:
    text = ('"' * 79 + "\n") * 40
    report = retold.compare(text, text)
    assert all(q.status in ("verified", "unsourced") for q in report.quotes)
