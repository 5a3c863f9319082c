from __future__ import annotations

import pytest

from retold.text.sentences import paragraphs, split_sentences
from retold.text.tokens import normalize, tokenize


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Sen. Rand Paul, R-Ky., spoke on Nov. 10 in the U.S. Senate. Donald J. Trump replied."
    assert sentences(text) == [
        "Sen. Rand Paul, R-Ky., spoke on Nov. 10 in the U.S. Senate.",
        "Donald J. Trump replied.",
    ]


def test_initialism_ends_a_sentence_before_a_sentence_starter() -> None:
    assert sentences("He flew to the U.S. The trip was long.") == [
        "He flew to the U.S.",
        "The trip was long.",
    ]


def test_dateline_stays_with_its_sentence() -> None:
    text = "ISTANBUL (AP) — The talks resumed on Monday. Both sides spoke."
    assert sentences(text)[0] == "ISTANBUL (AP) — The talks resumed on Monday."


def test_quote_followed_by_attribution_is_one_sentence() -> None:
    text = '"Is it ready?" she asked. “Yes,” he said. “We start today.”'
    assert sentences(text) == ['"Is it ready?" she asked.', "“Yes,” he said.", "“We start today.”"]


def test_paragraphs_split_sentences_and_hard_wrapping_is_joined() -> None:
    assert len(paragraphs("One line\n\nTwo line\nThree line")) == 3
    wrapped = "\n".join(["this is a hard wrapped line of text that goes on and on and"] * 8)
    assert len(paragraphs(wrapped)) == 1


def test_urdu_full_stop_splits() -> None:
    text = "پہلا جملہ ہے۔ دوسرا جملہ ہے۔"
    assert len(sentences(text)) == 2


def test_tokens_slice_back_to_the_text() -> None:
    text = "Trump’s $1.4 billion deal, signed in 2019 (U.S.-made F-16s), cost 3,000 jobs."
    tokens = tokenize(text)
    norms = [t.norm for t in tokens]
    assert "trump" in norms and "1.4" in norms and "3000" in norms and "us" in norms
    for token in tokens:
        assert text[token.start : token.end].strip()


def test_normalize_maps_typographic_marks_and_keeps_offsets() -> None:
    text = "“Fine” — she said ﬁnally"
    norm = normalize(text)
    assert norm.text.startswith('"Fine" - she')
    assert "finally" in norm.text
    index = norm.text.index("finally")
    assert text[norm.original(index)] == "ﬁ"


def test_acronym_and_bros_end_a_sentence() -> None:
    text = "The deal was first reported by the FT. Later the bank confirmed it."
    assert sentences(text) == [
        "The deal was first reported by the FT.",
        "Later the bank confirmed it.",
    ]
    text = "The film was made by Kettle Bros. However, it never opened."
    assert sentences(text) == ["The film was made by Kettle Bros.", "However, it never opened."]
    assert len(sentences("The fort is at Ft. Worden on the coast.")) == 1


def test_initial_before_a_closing_quote_ends_a_sentence() -> None:
    text = 'She called it "the worst show since Plan B." Critics agreed.'
    assert sentences(text) == ['She called it "the worst show since Plan B."', "Critics agreed."]
    assert len(sentences("The letter was signed by Mary K. Tan and sent on.")) == 1


def test_lower_cased_text_still_splits() -> None:
    text = " ".join(
        [
            "the clinic opened on monday. doctors saw forty patients. the mayor said it was a good start."
        ]
        * 4
    )
    assert len(sentences(text)) == 12


def test_analysis_is_the_same_when_the_word_table_is_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word table empties itself at its cap; words read before the reset still count."""
    from retold.text import document, lexicon
    from retold.text.article import Article
    from retold.text.document import analyze

    text = "The harbour board met on Monday. The board voted 7-2 to dredge the harbour."
    before = analyze(Article(text))
    monkeypatch.setattr(lexicon, "_MAX_LEXEMES", 4)
    lexicon._LEXEMES.clear()
    document._SENTENCES.clear()  # its sentences must be read again, not remembered
    lexicon.lexemes("en").update({"The": ("the", "the", 0.0), "board": ("board", "board", 9.0)})
    after = analyze(Article(text + "\n"))
    assert [s.keys for s in after.sentences] == [s.keys for s in before.sentences]
    assert [s.norms for s in after.sentences] == [s.norms for s in before.sentences]
    lexicon._LEXEMES.clear()  # the planted weight must not leak into other tests
    document._SENTENCES.clear()


def test_remembered_sentences_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from retold.text import document
    from retold.text.article import Article

    monkeypatch.setattr(document, "_MAX_SENTENCES", 3)
    document._SENTENCES.clear()
    text = " ".join(f"Boat {n} sailed at dawn." for n in range(8))
    analysed = document.analyze(Article(text))
    assert len(document._SENTENCES["en"]) <= 3
    assert [s.norms[1] for s in analysed.sentences] == [str(n) for n in range(8)]
    document._SENTENCES.clear()
