"""The sentence-level "same content" scorer (fitted on MRPC train; fixtures written here)."""

from __future__ import annotations

from retold.align.paraphrase import features, is_same_content, same_content, sentence


def test_a_sentence_is_the_same_content_as_itself() -> None:
    s = sentence("The council approved a $40 million bridge over the river on Monday.")
    assert same_content(s, s) > 0.9


def test_faithful_rewording_scores_high() -> None:
    a = sentence("The council approved a $40 million bridge over the river on Monday.")
    b = sentence("On Monday the council gave its approval to a $40 million river bridge.")
    assert is_same_content(a, b)


def test_unrelated_sentences_score_low() -> None:
    a = sentence("The council approved a $40 million bridge over the river on Monday.")
    b = sentence("Forecasters expect a dry summer across the northern plains this year.")
    assert same_content(a, b) < 0.3
    assert not is_same_content(a, b)


def test_a_changed_number_lowers_the_score() -> None:
    a = sentence("The council approved a $40 million bridge over the river on Monday.")
    same = sentence("The council approved a $40 million bridge over the river on Monday.")
    changed = sentence("The council approved a $90 million bridge over the river on Monday.")
    assert same_content(a, changed) < same_content(a, same)


def test_features_are_symmetric_in_size() -> None:
    a = sentence("Rain fell on the town.")
    b = sentence("The town was hit by heavy rain and strong winds on Sunday night.")
    assert len(features(a, b)) == len(features(b, a))
