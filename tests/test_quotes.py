"""Quotations and their verification, on tiny articles written for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.align.sentences import align
from retold.checks.quotes import Quotation, check_quotes, extract_quotes, same_speaker
from retold.report import QuoteReport
from retold.text.article import Article
from retold.text.document import analyze

SOURCE = """Harbour council approves new ferry route

The Harbour council on Tuesday approved a ferry route between Porthaven and Elm Island, ending a dispute that had lasted two years.

"This route will carry 40,000 independent travellers a year and it will change life on the island," Mayor Lena Okafor said at the vote. "We waited long enough."

Councillor Dev Patel said the council had "listened to the islanders" and that the ferry would start in May.

Okafor, who has led the council since 2019, said the deal was "the best we could get" for the island.

"It is not perfect, but it is fair," she added.

The ferry company said in a statement that tickets would cost £12.
"""


def _doc(text: str, id: str = "a") -> object:
    return analyze(Article(text=text, id=id))


def _quotes(text: str) -> tuple[Quotation, ...]:
    return extract_quotes(analyze(Article(text=text, id="t")))


def _check(source: str, derived: str) -> tuple[QuoteReport, ...]:
    return check_quotes(
        align(analyze(Article(text=source, id="s")), analyze(Article(text=derived, id="d")))
    )


def _only(reports: tuple[QuoteReport, ...], words: str) -> QuoteReport:
    hits = [r for r in reports if words in r.text]
    assert len(hits) == 1, reports
    return hits[0]


# ---------------------------------------------------------------- extraction


def test_straight_and_typographic_quotes_give_the_same_offsets() -> None:
    straight = 'The chef said: "Soup is ready." Then he left.'
    curly = "The chef said: \u201cSoup is ready.\u201d Then he left."
    (a,) = _quotes(straight)
    (b,) = _quotes(curly)
    assert (a.start, a.end) == (b.start, b.end)
    assert straight[a.start : a.end] == "Soup is ready."
    assert a.speaker == "chef"


def test_quote_offsets_are_inside_the_marks() -> None:
    text = "\u201cWe are ready,\u201d Anna Berg said."
    (q,) = _quotes(text)
    assert text[q.start : q.end] == "We are ready,"
    assert q.kind == "full"
    assert q.speaker == "Anna Berg"
    assert text[q.speaker_start : q.speaker_end] == "Anna Berg"


def test_apostrophe_is_not_a_quote_mark() -> None:
    text = "Trump\u2019s plan echoed the \u201990s, said Ida Moss. The players' union agreed it's fine."
    assert _quotes(text) == ()


def test_single_quotes_are_quotes_when_paired() -> None:
    text = "The minister called the plan a 'historic step' for the region."
    (q,) = _quotes(text)
    assert q.text == "historic step"
    assert q.kind == "scare"


def test_quote_broken_by_attribution_has_one_speaker() -> None:
    text = '"We will rebuild the pier," Sara Lind said. "It will take a year."'
    first, second = _quotes(text)
    assert first.speaker == second.speaker == "Sara Lind"
    assert second.continues == first.index


def test_quote_broken_mid_sentence_has_one_speaker() -> None:
    text = '"We will rebuild," said Omar Haddad, "but not this year."'
    first, second = _quotes(text)
    assert first.speaker == "Omar Haddad"
    assert second.speaker == "Omar Haddad"


def test_multi_paragraph_quote_continues_into_the_next_paragraph() -> None:
    text = (
        'Coach Rita Vance said: "We trained hard all winter.\n\n'
        '"Now the team has to show it on the pitch."\n'
    )
    first, second = _quotes(text)
    assert first.text == "We trained hard all winter."
    assert second.continues == first.index
    assert second.speaker == "Rita Vance"


def test_i_and_a_verb_inside_a_run_on_quotation_is_no_attribution() -> None:
    text = (
        'Inspector Ines Varga said: "In my report on March 17, I explained my honestly held '
        'view, that the old pier was safe for ferries. "It was not a view I gave because '
        'anyone leaned on me."'
    )
    first = _quotes(text)[0]
    assert first.text.startswith("In my report")
    assert "honestly held view" in first.text
    assert first.speaker == "Ines Varga"


def test_partial_quote_inside_a_sentence() -> None:
    text = "Paul Grey said the plan was \u201ca clear step towards fairer rents\u201d for tenants."
    (q,) = _quotes(text)
    assert q.kind == "partial"
    assert q.speaker == "Paul Grey"


def test_title_is_kept_apart_from_the_speaker_name() -> None:
    text = '"Talks go well," Ambassador Tom Reyes wrote in a post.'
    (q,) = _quotes(text)
    assert q.speaker == "Tom Reyes"
    assert q.speaker_title == "Ambassador"


def test_speaker_after_said_and_according_to() -> None:
    a, b = _quotes(
        '"Prices will rise," said Mei Tanaka.\n\nThe tax is "a mistake," according to Jonas Weber.'
    )
    assert a.speaker == "Mei Tanaka"
    assert b.speaker == "Jonas Weber"


def test_pronoun_speaker_resolves_to_last_named_speaker() -> None:
    text = (
        "Nora Quist, the harbour master, said the port would reopen.\n\n"
        '"The storm damage was worse than we thought," she said.'
    )
    (q,) = _quotes(text)
    assert q.speaker == "Nora Quist"
    assert q.resolution == "pronoun"
    assert q.resolved


def test_role_noun_resolves_to_the_speaker_with_that_title() -> None:
    text = (
        "Mayor Ana Ruiz opened the library on Monday. Tom Hale criticised the cost.\n\n"
        '"Every child deserves a place to read," the mayor said.'
    )
    (q,) = _quotes(text)
    assert q.speaker == "Ana Ruiz"
    assert q.resolution == "role"
    # two people have held the title: the role noun alone does not say which one speaks
    text = (
        "Mayor Ana Ruiz met Mayor Piet Smit of the twin town on Monday.\n\n"
        '"Every child deserves a place to read," the mayor said.'
    )
    (q,) = _quotes(text)
    assert q.speaker == "mayor" and q.resolution == "body"
    text = text.replace("Mayor Piet Smit", "Mayor Ruiz's deputy")
    (q,) = _quotes(text)
    assert q.speaker == "Ana Ruiz"
    # in the quotation's own paragraph the nearest holder is meant
    text = (
        "Mayor Piet Smit of the twin town came on Monday.\n\n"
        'Mayor Ana Ruiz opened the library. "Every child deserves a place to read," the '
        "mayor said."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Ana Ruiz"


def test_surname_is_expanded_to_the_full_name() -> None:
    text = 'Lars Eklund runs the mill.\n\n"Wood is dear," Eklund said.'
    (q,) = _quotes(text)
    assert q.speaker == "Lars Eklund"


def test_speakers_compare_loosely() -> None:
    assert same_speaker("Barrack", "Tom Barrack")
    assert same_speaker("Ambassador Tom Barrack", "Tom Barrack")
    assert not same_speaker("Tom Barrack", "Tom Hale")


# ---------------------------------------------------------------- verification


def test_verbatim_quote_is_verified() -> None:
    derived = '"We waited long enough," said Mayor Lena Okafor.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"
    assert r.source_speaker == "Lena Okafor"


def test_case_and_edge_punctuation_are_not_misquotes() -> None:
    derived = "Okafor said the island had \u201cwaited long enough\u201d."
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_ellipsis_is_not_a_misquote() -> None:
    derived = (
        '"This route will carry 40,000 independent travellers a year ... '
        'we waited long enough," Okafor said.'
    )
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_bracketed_insertion_is_not_a_misquote() -> None:
    derived = '"[The ferry] will change life on the island," Okafor said.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_part_of_a_longer_quote_is_verified() -> None:
    derived = 'Okafor said the route "will change life on the island".'
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_a_quotation_the_rewrite_quotes_more_of_is_unsourced_not_altered() -> None:
    source = (
        'The mayor posted on Sunday. "No matter how the talks go, the harbour will stay '
        'open all winter," she wrote. "We will not be rushed," the union leader said.'
    )
    longer = (
        'The mayor posted: "Heading to the port meeting tomorrow. No matter how the talks '
        'go, the harbour will stay open all winter."'
    )
    (r,) = _check(source, longer)
    assert r.status == "unsourced" and "only part" in r.explanation
    # the source's opening words, then the rewrite goes on past where the source stops
    (r,) = _check(source, 'She wrote: "No matter how the talks go, we will stay calm."')
    assert r.status != "unsourced"
    # quoted at greater length, a small word transcribed differently on the way
    (r,) = _check(source, longer.replace("the talks go", "talks go"))
    assert r.status == "unsourced"
    # ... or a verb in another tense, the rest quoted at greater length; a modal
    # changed, or another word, is still altered
    opening = 'She wrote: "Whatever happens, no matter how the talks go, the harbour will stay'
    (r,) = _check(source, opening.replace("go,", "went,") + ' open all winter."')
    assert r.status == "unsourced"
    (r,) = _check(source, opening.replace("will", "would") + ' open all winter."')
    assert r.status == "altered"
    (r,) = _check(source, opening + ' shut all winter."')
    assert r.status == "altered"
    # a word changed where both go on is altered
    changed = '"No matter how the talks go, the harbour will stay shut all winter," she wrote.'
    (r,) = _check(source, changed)
    assert r.status == "altered"


def test_a_speaker_described_is_not_another_speaker() -> None:
    source = '"We need the ferry back by May," Mayor Elena Marsh said on Sunday.'
    for derived in (
        '"We need the ferry back by May," the Harbourton Democrat said.',
        '"We need the ferry back by May," said the top Democrat on the Harbour Board.',
    ):
        (r,) = _check(source, derived)
        assert r.status == "verified", derived
    (r,) = _check(source, '"We need the ferry back by May," Councillor Dev Patel said.')
    assert r.status == "misattributed"


def test_unmarked_words_that_are_someones_are_not_promoted() -> None:
    # a block quotation introduced by a colon
    source = (
        "The ferry company changed its timetable, according to its blog. It reads, in "
        "part:\n\nThe winter timetable was vague and left travellers guessing about the "
        "late sailings."
    )
    derived = 'The company said the timetable "was vague and left travellers guessing".'
    (r,) = _check(source, derived)
    assert r.status == "verified"
    # the source is the speaker's own column (a byline names them)
    source = (
        "by Elena Marsh March 3 at 6:00 AM Follow Marsh\n\nThe harbour board knows "
        "the ferry routes far better than the council does."
    )
    derived = 'Marsh wrote that "the harbour board knows the ferry routes far better than the council does."'
    (r,) = _check(source, derived)
    assert r.status == "verified"
    # a reporter's words quoted as someone's are still promoted
    derived = 'Dev Patel said "the harbour board knows the ferry routes far better than the council does."'
    (r,) = _check(source, derived)
    assert r.status == "promoted-paraphrase"


def test_a_word_in_another_grammatical_form_is_a_transcription() -> None:
    source = 'Marsh said: "Our first request to the board is a ferry for everyone whom we serve."'
    derived = 'Marsh said: "Our first requests to the board is a ferry for everyone who we serve."'
    (r,) = _check(source, derived)
    assert r.status == "verified"
    (r,) = _check(source, derived.replace("requests", "demand"))
    assert r.status == "altered"
    source = 'Marsh wrote: "If your asking, we will rebuild Saint Anne pier by May."'
    derived = 'Marsh wrote: "If you\'re asking, we will rebuild St Anne pier by May."'
    (r,) = _check(source, derived)
    assert r.status == "verified"


def test_a_spelling_variant_or_a_typing_slip_is_a_transcription() -> None:
    source = (
        'Marsh said: "The judgement on the tyres was a defence of the emenating harbour rules."'
    )
    derived = (
        'Marsh said: "The judgment on the tires was a defense of the emanating harbour rules."'
    )
    (r,) = _check(source, derived)
    assert r.status == "verified"
    # one letter of a short word can change what is said
    (r,) = _check(source, source.replace("the tyres", "the tolls"))
    assert r.status == "altered"


def test_a_copula_left_out_is_a_transcription() -> None:
    source = 'Marsh said: "The new ferry is a lifeline, and the island is ready for it."'
    (r,) = _check(source, source.replace("the island is ready", "the island ready"))
    assert r.status == "verified"


def test_a_last_word_replaced_is_altered_not_quoted_at_greater_length() -> None:
    source = 'Marsh said: "We will rebuild the old pier before the storms arrive in December."'
    (r,) = _check(source, source.replace("December", "January"))
    assert r.status == "altered"
    assert '"December" → "January"' in r.explanation
    # words past the end of the source's quotation are more of it, not a change
    longer = source.replace('December."', 'December, and the quay in spring."')
    (r,) = _check(source, longer)
    assert r.status == "unsourced"


def test_like_words_from_another_named_speaker_are_another_quotation() -> None:
    source = (
        'Harbour chief Lena Okafor said: "This is primarily a human tragedy for the island '
        'and its fishermen." Councillor Dev Patel also spoke.'
    )
    derived = (
        '"First and foremost this is a human tragedy for the island and its fishermen," '
        "councillor Dev Patel said."
    )
    (r,) = _check(source, derived)
    assert r.status == "unsourced"
    assert "Lena Okafor" in r.explanation
    # the very words given to him are misattributed
    (r,) = _check(source, derived.replace("First and foremost this is", "This is primarily"))
    assert r.status == "misattributed"


def test_changed_word_in_a_quote_is_altered_with_a_diff() -> None:
    derived = (
        '"This route will carry 60,000 travellers a year and it will change life on '
        'the island," Mayor Lena Okafor said.'
    )
    (r,) = _check(SOURCE, derived)
    assert r.status == "altered"
    assert '"40,000" → "60,000"' in r.explanation or '"40,000 independent"' in r.explanation
    assert "independent" in r.explanation


def test_promoted_paraphrase_is_not_verified() -> None:
    derived = '"The council had listened to the islanders," Dev Patel said.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "promoted-paraphrase"
    assert "reporter" in r.explanation


def test_reporter_sentence_quoted_as_speech_is_promoted_paraphrase() -> None:
    derived = '"The ferry would start in May," Councillor Dev Patel said.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "promoted-paraphrase"


def test_misattributed_quote_names_the_real_speaker() -> None:
    derived = '"It is not perfect, but it is fair," Councillor Dev Patel said.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "misattributed"
    assert r.source_speaker == "Lena Okafor"
    assert "Lena Okafor" in r.explanation


def test_quote_in_a_sentence_the_source_lacks_is_unsourced_low() -> None:
    derived = '"Fishermen will lose their jobs by the hundred," Okafor warned.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "unsourced"
    assert r.severity == "low"
    assert "check it elsewhere" in r.explanation


def test_quote_inside_a_sentence_taken_from_the_source_is_invented() -> None:
    derived = (
        'Councillor Dev Patel said the council had "never once asked the fishermen" '
        "and that the ferry would start in May."
    )
    (r,) = _check(SOURCE, derived)
    assert r.status == "invented"
    # medium: on real copy these are mostly real quotations a later version added
    assert r.severity == "medium"
    assert r.explanation


def test_quote_in_a_clause_the_rewrite_adds_is_unsourced() -> None:
    derived = (
        "Councillor Dev Patel said the council had listened to the islanders, adding that "
        'critics had been "heard at every single meeting", and that the ferry would start in May.'
    )
    (r,) = _check(SOURCE, derived)
    assert r.status == "unsourced"


def test_quote_from_a_speaker_the_source_names_but_never_quotes_is_unsourced() -> None:
    source = SOURCE + "\n\nHarbour master Ines Varga said the route would start in May."
    derived = 'Harbour master Ines Varga said the route would start in May: "We are ready."'
    reports = _check(source, derived)
    assert [r.status for r in reports] == ["unsourced"]
    assert "never quotes" in reports[0].explanation


def test_quote_from_a_speaker_the_source_never_names_is_unsourced() -> None:
    derived = (
        "The Harbour council on Tuesday approved a ferry route between Porthaven and Elm "
        'Island, and "it is a lifeline for us," harbour pilot Greta Lindqvist said.'
    )
    quote = _only(_check(SOURCE, derived), "lifeline")
    assert quote.status == "unsourced"


def test_longer_version_of_a_quote_the_source_cuts_short_is_unsourced() -> None:
    derived = (
        'Councillor Dev Patel said the council had "listened to the islanders for two '
        'whole years" and that the ferry would start in May.'
    )
    quote = _only(_check(SOURCE, derived), "listened")
    assert quote.status == "unsourced"


def test_severity_follows_the_status() -> None:
    altered = '"This route will carry 60,000 independent travellers a year," Okafor said.'
    (r,) = _check(SOURCE, altered)
    assert (r.status, r.severity) == ("altered", "high")
    verified = '"We waited long enough," Mayor Lena Okafor said.'
    (v,) = _check(SOURCE, verified)
    assert (v.status, v.severity) == ("verified", "")


def test_spelling_contractions_and_editorial_brackets_are_no_alteration() -> None:
    source = (
        "Ferry row\n\n"
        '"It is important that we organise the timetable [for the island] around the '
        'tides," Mayor Lena Okafor said.'
    )
    derived = (
        "Ferry row\n\n"
        '"It\'s important that we organize the timetable around the tides," Mayor Lena '
        "Okafor said."
    )
    (r,) = _check(source, derived)
    assert r.status == "verified", r.explanation


def test_dateline_is_not_read_as_the_speaker() -> None:
    source = (
        "Summit\n\n"
        "PORTHAVEN, Elmshire (Retold Wire) \u2014 Mayor Lena Okafor is keeping hopes low "
        'for the ferry talks, saying "nothing bad will come of it, and maybe some good."'
    )
    derived = (
        'Summit\n\nMayor Lena Okafor said: "nothing bad will come of it, and maybe some good."'
    )
    (r,) = _check(source, derived)
    assert r.status == "verified", r.explanation


def test_unsure_speakers_never_make_a_misattribution() -> None:
    source = (
        "Ferry row\n\n"
        "Councillor Dev Patel met Mayor Lena Okafor on Monday. "
        '"We will not give up the island route," he said.'
    )
    derived = 'Ferry row\n\n"We will not give up the island route," Mayor Lena Okafor said.'
    (r,) = _check(source, derived)
    assert r.status == "verified"


def test_transcript_turn_is_a_quotation_of_its_speaker() -> None:
    source = (
        "Sunday Politics\n\n"
        "JANE HOST: Senator, is the ferry deal done?\n\n"
        "SENATOR DEV PATEL: It is done, and this is the first vote of its kind on the "
        "island.\n\n"
        "JANE HOST: Will the fishermen agree?\n\n"
        "PATEL: They were asked, and most of them said yes."
    )
    quotes = _quotes(source)
    turns = [q for q in quotes if q.turn]
    assert [q.speaker for q in turns] == ["Jane Host", "Dev Patel", "Jane Host", "Dev Patel"]
    derived = (
        "Ferry deal\n\n"
        'Senator Dev Patel said: "It is done, and this is the first vote of its kind on the '
        'island."'
    )
    (r,) = _check(source, derived)
    assert r.status == "verified"
    assert r.source_speaker == "Dev Patel"


def test_turns_run_together_in_one_paragraph_are_split_at_their_labels() -> None:
    source = (
        "Sunday Politics\n\n"
        "JANE HOST: Welcome. SENATOR DEV PATEL:Thank you, Jane. JANE HOST: Is it done? "
        "SENATOR DEV PATEL:It is done.\n\n"
        "JANE HOST: Thank you."
    )
    turns = [q for q in _quotes(source) if q.turn]
    assert [(q.speaker, q.text) for q in turns] == [
        ("Jane Host", "Welcome."),
        ("Dev Patel", "Thank you, Jane."),
        ("Jane Host", "Is it done?"),
        ("Dev Patel", "It is done."),
        ("Jane Host", "Thank you."),
    ]


def test_newsletter_headings_are_not_speaker_turns() -> None:
    text = (
        "Morning Brief\n\n"
        "THE BIG IDEA: The council voted on the ferry.\n\n"
        "PINGED: The harbour master is retiring.\n\n"
        "PINGED: The ferry company hired a new captain.\n\n"
        "PATCHED: The timetable was fixed."
    )
    assert not [q for q in _quotes(text) if q.turn]


def test_embedded_post_is_its_authors_speech() -> None:
    source = (
        "Ferry row\n\n"
        "The mayor posted after the vote.\n\n"
        "Our island finally has the ferry it was promised.\n\n"
        "\u2014 Lena Okafor (@lenaokafor) March 3, 2026"
    )
    derived = (
        'Ferry row\n\n"Our island finally has the ferry it was promised," Mayor Lena Okafor wrote.'
    )
    (r,) = _check(source, derived)
    assert r.status == "verified"


def test_scare_quote_found_in_source_is_verified() -> None:
    derived = "The council's deal, the mayor said, was the \u201cbest we could get\u201d."
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_scare_quote_for_emphasis_is_not_a_false_alarm() -> None:
    derived = "The so-called \u201cferry war\u201d is over."
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_repeated_quote_points_to_the_first_use() -> None:
    derived = (
        '"It is not perfect, but it is fair," Okafor said.\n\n'
        "The island is divided.\n\n"
        '"It is not perfect, but it is fair," she said again.'
    )
    first, second = _check(SOURCE, derived)
    assert first.repeat_of is None
    assert second.repeat_of == 0


def test_report_offsets_point_at_the_derived_text() -> None:
    derived = 'Locals agree. "We waited long enough," said Lena Okafor.'
    (r,) = _check(SOURCE, derived)
    assert derived[r.start : r.end] == r.text == "We waited long enough,"
    assert r.sentence == 1


# ---------------------------------------------------------------- more extraction rules


def test_described_name_after_said() -> None:
    text = '"Sales fell," said finance director Ruth Ames of Kelp Foods.'
    (q,) = _quotes(text)
    assert q.speaker == "Ruth Ames"


def test_name_in_apposition_after_a_role() -> None:
    text = '"We are ready," the firm\'s chief, Omar Lind, told reporters.'
    (q,) = _quotes(text)
    assert q.speaker == "Omar Lind"


def test_quote_ending_its_sentence_is_not_attributed_by_the_next_one() -> None:
    text = 'Ida Brandt spoke first. "We will win." Tom Vale said nothing.'
    (q,) = _quotes(text)
    assert q.speaker != "Tom Vale"


def test_missing_closing_mark_is_closed_at_the_attribution() -> None:
    text = '"Prices will rise, the bank said in its report. Rates held at 2%.'
    (q,) = _quotes(text)
    assert q.text == "Prices will rise,"
    assert q.speaker == "bank"


def test_it_said_resolves_to_the_organisation() -> None:
    text = 'Harbour Mutual said profits rose.\n\n"The year was strong," it said.'
    (q,) = _quotes(text)
    assert q.speaker == "Harbour Mutual"


def test_later_part_gives_its_speaker_to_the_earlier_part() -> None:
    text = '"It was a hard season. "We kept going," said coach Lena Berg.'
    first, second = _quotes(text)
    assert second.continues == first.index
    assert first.speaker == second.speaker == "Lena Berg"


# ---------------------------------------------------------------- more verification rules


def test_pronoun_speaker_is_not_enough_for_misattribution() -> None:
    derived = 'Tom Hale spoke after the vote.\n\n"It is not perfect, but it is fair," she said.'
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_quote_split_by_attribution_in_the_source_is_verified_when_joined() -> None:
    source = '"We will rebuild the pier," said Sara Lind, "and open it in May."'
    derived = '"We will rebuild the pier and open it in May," Sara Lind said.'
    (r,) = _check(source, derived)
    assert r.status == "verified"


# ---------------------------------------------------------------- invariants

QUOTE_TEXT = st.text(
    alphabet=st.sampled_from(list("abc XYZ.,'\"\u201c\u201d\u2018\u2019\n")), max_size=120
)


@settings(max_examples=150, deadline=None)
@given(QUOTE_TEXT)
def test_quotations_are_spans_of_the_text_without_their_marks(text: str) -> None:
    quotes = _quotes(text)
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.text == q.text.strip()
        assert q.kind in ("full", "partial", "scare")
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_a_title_in_quotation_marks_is_not_a_quotation() -> None:
    derived = (
        "Councillor Dev Patel said the council had listened, speaking on the "
        '"Harbour Matters Tonight" programme.'
    )
    (r,) = _check(SOURCE, derived)
    assert r.status == "verified"


def test_a_post_split_over_lines_is_its_authors_speech() -> None:
    source = (
        "Ferry row\n\n"
        "The mayor wrote on social media on Tuesday.\n\n"
        "Our island finally has the ferry it was promised, and\n\n"
        "nobody will take it away again!\n\n"
        "Twitter 310 retweets"
    )
    derived = (
        "Ferry row\n\n"
        '"Our island finally has the ferry it was promised, and nobody will take it away '
        'again!" the mayor wrote.'
    )
    (r,) = _check(source, derived)
    assert r.status == "verified"


def test_small_transcription_differences_are_no_alteration() -> None:
    source = (
        "Ferry row\n\n"
        '"We rolled this out wrong and could have done much better on the timetable," '
        "Mayor Lena Okafor said."
    )
    derived = (
        "Ferry row\n\n"
        '"We rolled this out wrong and we could have done much better in the timetable," '
        "Mayor Lena Okafor said."
    )
    (r,) = _check(source, derived)
    assert r.status == "verified", r.explanation


def test_a_quote_added_to_a_paragraph_taken_from_the_source_is_invented() -> None:
    source = (
        "Ferry row\n\n"
        "Harbour pilot Greta Lindqvist has steered the old ferry for twenty years. "
        '"The crossing is safe in any weather," Lindqvist said.'
    )
    derived = (
        "Ferry row\n\n"
        "Harbour pilot Greta Lindqvist has steered the old ferry for twenty years. "
        '"The crossing is safe in any weather," Lindqvist said. '
        '"The new timetable will sink this island."'
    )
    added = _only(_check(source, derived), "sink")
    assert added.status == "invented"
    assert added.severity == "medium"
    # a paragraph of nothing but the source's quotation and its "Lindqvist said": the
    # pair fits any quotation of hers, and the second is likely from other reporting
    alone = (
        "Ferry row\n\n"
        "Harbour pilot Greta Lindqvist has steered the old ferry for twenty years.\n\n"
        '"The crossing is safe in any weather," Lindqvist said. '
        '"The new timetable will sink this island."'
    )
    added = _only(_check(source, alone), "sink")
    assert added.status == "unsourced"


def test_a_quotation_framed_by_its_speakers_description_only_is_unsourced() -> None:
    source = (
        '"The crossing is safe in any weather," said Greta Lindqvist, chief pilot of the '
        "harbour ferry service. The council approved the new route on Tuesday."
    )
    derived = (
        '"We have never lost a sailing to fog," said Greta Lindqvist, chief pilot of the '
        "harbour ferry service."
    )
    (r,) = _check(source, derived)
    assert r.status == "unsourced"


def test_first_person_words_of_what_the_source_reports_are_unsourced() -> None:
    # the source reports the mayor's view in its own words; the rewrite quotes her own
    # words from the interview: real reporting from elsewhere, not an invented quotation
    from retold import compare

    source = (
        'The mayor cited her talks with the unions in June as "a good thing" and said she '
        "believes such meetings with the teachers help the city."
    )
    derived = (
        'The mayor cited her talks with the unions in June as "a good thing" and says '
        '"having meetings with the unions, the teachers, I believe in it."'
    )
    statuses = {q.status for q in compare(source, derived).quotes}
    assert statuses == {"verified", "unsourced"}
