"""Changed facts: each planted distortion is caught; faithful rewording raises nothing."""

from __future__ import annotations

from retold import compare
from retold.checks.parts import (
    MIN_OWN_SUPPORT,
    clause_pairs,
    own_support,
    topic_keys,
    topic_only,
)
from retold.compare import align
from retold.text.article import Article
from retold.text.atoms import extract_atoms
from retold.text.document import analyze

SOURCE = (
    "The council voted on Tuesday to spend $420 million on a new barrier. "
    "It will protect 40,000 homes, Mayor Elena Marsh said. "
    "Construction could take up to four years and might be finished by 2029. "
    "The district flooded about six times in the past decade. "
    "Engineers said the river would not rise above the wall."
)


def changes(derived: str) -> list[tuple[str, str, str]]:
    report = compare(SOURCE, derived)
    return [(c.kind, c.source_text, c.derived_text) for c in report.changes]


def kinds(derived: str) -> set[str]:
    return {kind for kind, _, _ in changes(derived)}


def test_atoms_compare_by_value() -> None:
    doc = analyze(Article("It cost $1.4bn, or sixty-eight dollars, up 3.5 percent on Nov. 10."))
    values = {(a.kind, a.value) for a in extract_atoms(doc.sentences[0], doc.text)}
    assert ("money", "1.4e+09|USD") in values
    assert ("percent", "3.5") in values
    assert ("day", "11-10") in values
    other = analyze(Article("It cost $1.4 billion, up 3.5% on November 10."))
    other_values = {(a.kind, a.value) for a in extract_atoms(other.sentences[0], other.text)}
    assert ("money", "1.4e+09|USD") in other_values and ("percent", "3.5") in other_values
    assert ("day", "11-10") in other_values


def test_identical_text_has_no_changes() -> None:
    assert changes(SOURCE) == []


def test_changed_number_is_high_severity() -> None:
    found = changes(SOURCE.replace("40,000", "60,000"))
    assert ("number", "40,000", "60,000") in found


def test_number_written_in_words_is_not_a_change() -> None:
    assert kinds(SOURCE.replace("about six times", "about 6 times")) == set()


def test_money_format_is_not_a_change() -> None:
    assert kinds(SOURCE.replace("$420 million", "$420m")) == set()


def test_changed_money_and_date() -> None:
    assert "money" in kinds(SOURCE.replace("$420 million", "$520 million"))
    assert "date" in kinds(SOURCE.replace("by 2029", "by 2031"))
    assert "date" in kinds(SOURCE.replace("on Tuesday", "on Wednesday"))


def test_speaker_swapped_for_another_person_of_the_story_is_an_attribution_change() -> None:
    source = SOURCE + " Councillor Tom Hale opposed the plan."
    derived = source.replace("Mayor Elena Marsh said", "Councillor Tom Hale said")
    assert "attribution" in {c.kind for c in compare(source, derived).changes}


def test_speaker_renamed_is_a_name_change() -> None:
    assert "entity" in kinds(SOURCE.replace("Mayor Elena Marsh", "Mayor Paul Grant"))


def test_swapped_name_is_an_entity_change() -> None:
    source = "The plan was approved by Harlow Council after a long debate."
    derived = "The plan was approved by Kendal Council after a long debate."
    assert [c.kind for c in compare(source, derived).changes] == ["entity"]


def test_shortened_name_is_not_a_change() -> None:
    assert kinds(SOURCE.replace("Mayor Elena Marsh said", "Marsh said")) == set()


def test_dropped_hedge_and_stronger_modality() -> None:
    found = kinds(
        SOURCE.replace("could take up to four years and might", "will take four years and will")
    )
    assert {"hedge", "modality"} <= found
    assert "hedge" in kinds(SOURCE.replace("about six times", "six times"))


def test_added_hedge() -> None:
    assert "hedge" in kinds(SOURCE.replace("spend $420 million", "spend about $420 million"))


def test_negation_flip() -> None:
    assert "negation" in kinds(SOURCE.replace("would not rise", "would rise"))


def test_attribution_change() -> None:
    assert "attribution" in kinds(SOURCE.replace("Engineers said", "Residents said"))


def test_a_verb_swapped_for_a_near_synonym_is_left_alone() -> None:
    # without a thesaurus of antonyms a swapped verb cannot be told from a synonym
    source = "The senator blamed the agency for the delay in 2028, her office said."
    derived = "The senator faulted the agency for the delay in 2028, her office said."
    assert compare(source, derived).changes == ()


def test_synonym_outside_facts_is_not_a_change() -> None:
    assert kinds(SOURCE.replace("Engineers said", "Engineers stated")) == set()


def test_altered_label_for_sentences_with_changes() -> None:
    report = compare(SOURCE, SOURCE.replace("40,000", "60,000"))
    labels = [s.label for s in report.sentences]
    assert labels[1] == "altered"
    assert labels.count("altered") == 1


def test_change_spans_slice_back() -> None:
    derived = SOURCE.replace("40,000", "60,000").replace("$420 million", "$520 million")
    report = compare(SOURCE, derived)
    for c in report.changes:
        assert derived[c.derived_start : c.derived_end] == c.derived_text
        assert SOURCE[c.source_start : c.source_end] == c.source_text


def rules(source: str, derived: str) -> set[str]:
    return {c.rule for c in compare(source, derived).changes}


def test_claim_given_to_the_speaker_of_the_next_sentence() -> None:
    # the rewrite's sentence merges two: the claim is the first one's, the speaker the second's
    source = (
        "Union treasurer Odile Marchetti said the strike fund had run dry by March. "
        "Harbour board chair Tomas Brenner said about 40 cranes stood idle at the docks."
    )
    derived = (
        "Harbour board chair Tomas Brenner said the strike fund had run dry by March. "
        "Brenner said about 40 cranes stood idle."
    )
    assert "speaker-changed" in rules(source, derived)
    faithful = derived.replace(
        "Harbour board chair Tomas Brenner", "Union treasurer Odile Marchetti"
    )
    assert not compare(source, faithful).changes


def test_value_in_another_clause_does_not_excuse_its_own_clause() -> None:
    # "Friday" is in the merged second sentence, but in another role: the update was for Monday
    source = (
        "The minister said she would give the assembly new figures on storm damage on Monday. "
        "Her deputy spoke to reporters on Friday about the repairs."
    )
    derived = (
        "The minister said she would give the assembly new figures on storm damage on Friday, "
        "and her deputy spoke to reporters about the repairs."
    )
    assert "value-changed" in rules(source, derived)
    assert not compare(source, derived.replace("on Friday", "on Monday")).changes


def test_actor_and_beneficiary_swapped_around_a_long_name() -> None:
    source = (
        "The county will lease the old depot to the Fenwick Valley Rowing Club for a nominal fee."
    )
    derived = (
        "The Fenwick Valley Rowing Club will lease the old depot to the county for a nominal fee."
    )
    assert "actor-swapped" in rules(source, derived)


def test_a_common_noun_actor_swapped() -> None:
    source = "The council paid the contractor twice for the same repairs, an audit found."
    derived = "The contractor paid the council twice for the same repairs, an audit found."
    assert "actor-swapped" in rules(source, derived)


def test_researchers_findings_stated_as_fact_drop_their_attribution() -> None:
    source = "Transport researchers say night ferries can raise fares for island families."
    derived = "Night ferries raise fares for island families."
    assert "attribution-dropped" in rules(source, derived)


def test_a_sentence_inside_a_running_quotation_is_the_quote_checks() -> None:
    source = "The reporter said the mayor plans to ask the board about the ferry."
    derived = (
        '"We will see," the mayor said. "The board has its reasons. '
        'But I will ask the board about the ferry, and we will see."'
    )
    assert "forecast-stated-as-certain" not in rules(source, derived)
    told = "The mayor will ask the board about the ferry."
    assert "forecast-stated-as-certain" in rules(source, told)


def test_a_claim_is_kept_by_what_it_says_not_by_its_names() -> None:
    source = (
        "Mayor Elena Marsh insisted there be no reporters at her private meeting with "
        "Governor Ann Ross on Monday."
    )
    derived = (
        "Marsh has been touring the coast and preparing for Monday's meeting with "
        "Governor Ann Ross."
    )
    assert "claim-stated-as-fact" not in rules(source, derived)
    stated = "There will be no reporters at the private meeting with Governor Ann Ross on Monday."
    assert "claim-stated-as-fact" in rules(source, stated)


def test_a_denial_in_a_supposition_is_not_the_statement_flipped() -> None:
    source = "The mayor said the harbour board has one thing to fix before the winter."
    derived = "If it is not one thing for the harbour board, it is another before the winter."
    assert "polarity-flipped" not in rules(source, derived)
    flipped = "The mayor said the harbour board has not one thing to fix before the winter."
    assert "polarity-flipped" in rules(source, flipped)


def test_a_possessive_date_is_not_the_date_of_the_act() -> None:
    source = "Monday's vote was delayed after the board's report last week on the harbour wall."
    derived = "The board published its report on the harbour wall on Friday."
    assert "value-changed" not in rules(source, derived)
    source = "The board published its report on the harbour wall on Monday."
    assert "value-changed" in rules(source, derived)


def test_a_rank_is_a_value() -> None:
    source = "The harbour ranks fourth in the country for ferry safety, the board said."
    assert "value-changed" in rules(source, source.replace("fourth", "#5"))
    assert "value-changed" in rules(source, source.replace("fourth", "second"))
    assert not rules(source, source.replace("fourth", "4th"))


def test_a_name_beside_the_same_verb_replaced() -> None:
    source = (
        "In the second round, Marta Lindqvist defeated Ana Pereira 6-3 6-4. "
        "Yuki Tanabe had lost to Lindqvist a year earlier."
    )
    derived = "Yuki Tanabe defeated Ana Pereira 6-3 6-4 in the second round."
    assert "actor-replaced" in rules(source, derived)
    # the same player named another way, an apposition, a name used as an adjective
    quiet = (
        "Lindqvist defeated Ana Pereira 6-3 6-4 in the second round.",
        "Lindqvist, the top seed, defeated Ana Pereira 6-3 6-4 in the second round.",
    )
    for text in quiet:
        assert "actor-replaced" not in rules(source, text)
    source = "The Oslo-based firm will build the bridge over the fjord."
    derived = "Norsk Bygg will build the bridge over the fjord."
    assert "actor-replaced" not in rules(source, derived)


def test_roles_swapped_between_the_clauses_of_one_sentence() -> None:
    # the age set off by commas is no apposition; the other runner is in another clause
    source = (
        "Halvorsen, 27, won gold in the 1500m at the Bergen meeting, "
        "where Okafor, 24, won silver in the 800m."
    )
    assert "actor-replaced" in rules(source, "Okafor won 1500m gold at the Bergen meeting.")
    assert "actor-replaced" not in rules(source, "Halvorsen won 1500m gold at the Bergen meeting.")


def test_a_quotation_reported_as_another_persons_words() -> None:
    source = (
        "Councillor Ines Varga chaired the review. Auditor Tomas Brandt presented the accounts. "
        'Councillor Ines Varga said: "We accept that most of the ferry budget was spent well, '
        'but the repair fund was drained."'
    )
    derived = "Tomas Brandt said most of the ferry budget was spent well."
    assert "speaker-changed" in rules(source, derived)
    assert not rules(source, "Ines Varga said most of the ferry budget was spent well.")


def test_a_claim_the_source_gives_the_same_speaker_elsewhere() -> None:
    # the rewrite's sentence shares Lord Harwick's name with Vale's sentence, but the
    # claim ("a fair digest") is Solberg's in the source too
    source = (
        "Former minister Robin Vale said Lord Harwick's concession that his reply to MPs "
        "was no digest of his legal view suggested the house may have been misled. "
        "Earlier, Mira Solberg waved away questions about the advice, and said her "
        'statement had been a "fair digest" of his view.'
    )
    derived = 'Ms Solberg said the statement was a "fair digest" of Lord Harwick\'s view.'
    assert "speaker-changed" not in rules(source, derived)


def test_the_tense_of_a_story_told_later_is_no_change_of_certainty() -> None:
    source = (
        "The painting can only be sold to a public museum, and the fund will be used for repairs."
    )
    derived = "The painting could only be sold to a public museum, and the fund would be used for repairs."
    assert "certainty-changed" not in rules(source, derived)
    assert "certainty-changed" in rules(source, derived.replace("could only", "might only"))


def test_a_rule_told_in_the_past_is_not_a_deed_done() -> None:
    source = "The regulator said it would be classed as advertising if a party texted voters."
    derived = "The regulator said it was classed as advertising if a party texted voters."
    assert "hope-stated-as-fact" not in rules(source, derived)
    source = "The mayor said she hoped to sign the ferry bill on Friday."
    assert "hope-stated-as-fact" in rules(source, "The mayor signed the ferry bill on Friday.")


def test_a_forecast_that_drops_its_hedge_is_still_a_forecast() -> None:
    source = "Traders predict that further falls in the krone are likely in the spring."
    derived = "Traders predict that the krone will fall further in the spring."
    assert not rules(source, derived)  # nor is "further" an actor the krone swapped with


def test_a_thing_lacking_and_an_exception_are_no_flipped_statement() -> None:
    source = (
        "The harbour lawyer warned the board that the levy could be unlawful and that it "
        "would be safer to seek a second vote of the council."
    )
    derived = "The harbour lawyer warned the board the levy could be unlawful without a second vote of the council."
    assert "polarity-flipped" not in rules(source, derived)
    source = (
        "Checks will include a sight test and a chest scan for TB (except for pilots and cadets)."
    )
    derived = "Pilots and cadets would not have to have a chest scan for TB."
    assert "polarity-flipped" not in rules(source, derived)


def test_a_line_up_is_no_edit_of_another_line_up() -> None:
    source = "The visitors named their side: A Berg, T Lund, K Aas, P Moe, S Dahl, R Vik."
    derived = "The visitors named their side: A Berg, J Strand, K Aas, P Moe, L Eik, R Vik."
    assert "name-changed" not in rules(source, derived)
    # nor is the same squad printed in another order a swap
    derived = "The visitors named their side: P Moe, T Lund, K Aas, A Berg, S Dahl, R Vik."
    assert not rules(source, derived)


def test_a_past_form_that_is_no_deed_done() -> None:
    # a participle after its noun; a schedule under way; a condition kept on both sides
    source = "The first thousand tickets will go on sale on Friday with a free ferry map."
    derived = "The first thousand tickets sold will come with a free ferry map."
    assert "hope-stated-as-fact" not in rules(source, derived)
    source = "The final will be shown on the harbour channel at eight."
    derived = "The final is being shown on the harbour channel at eight."
    assert "hope-stated-as-fact" not in rules(source, derived)
    source = "If found guilty, the skipper could face a fine of up to 500 crowns."
    derived = "If found guilty, the skipper faces a fine of up to 500 crowns."
    assert "certainty-changed" not in rules(source, derived)
    assert "certainty-changed" in rules(source, derived.replace("faces", "will face"))


def test_a_partys_word_before_a_noun_describes_a_speaker() -> None:
    source = (
        "Michael Howard visited the island on Monday. "
        "The Tory leader said the harbour levy was a tax on islanders and their ferries."
    )
    derived = (
        "Michael Howard visited the island on Monday. "
        "Mr Howard said the harbour levy was a tax on islanders and their ferries."
    )
    assert "speaker-changed" not in rules(source, derived)


def test_who_is_speaking_is_read_from_the_sentence_not_a_nearby_name() -> None:
    # the subject of "left" says it, not the party he left
    source = (
        "The Harbour Party lost two members on Monday. "
        "Councillor Piet Vos said the new leader would run the port better."
    )
    derived = (
        "The Harbour Party lost two members on Monday. "
        "Mr Vos also left the Harbour Party saying the new leader would run the port better."
    )
    assert "speaker-changed" not in rules(source, derived)
    # a possessive names an owner: "Okafor's spokesman" speaks, Okafor does not
    source = (
        "Lena Okafor visited the quay. Dev Patel, a councillor, said the ferry fares "
        "would rise in May."
    )
    derived = (
        "Lena Okafor visited the quay. Okafor's spokesman said the ferry fares would rise in May."
    )
    assert "speaker-changed" not in rules(source, derived)
    # the source's slip ("expects" for "experts") is no other group
    source = "Some expects believe the harbour repairs could cost up to 40 million crowns."
    derived = "Some experts believe the harbour repairs could cost up to 40 million crowns."
    assert not rules(source, derived)


def test_some_before_a_round_figure_is_no_hedge() -> None:
    source = (
        "The charity said 45,000 island children will miss school by 2030, in a report this week."
    )
    derived = "The charity said some 45,000 island children will miss school by 2030, in a report this week."
    assert not rules(source, derived)
    assert "qualifier-added" in rules(source, derived.replace("some 45,000", "about 45,000"))


def test_a_hedge_in_another_grammatical_form_is_the_same_hedge() -> None:
    source = "Some council members appear to be wary of the ferry deal, while others pointed out the cost."
    derived = "Some council members appears to be wary of the ferry deal."
    assert "qualifier-added" not in rules(source, derived)
    # the hedge's own word already there: "appear fair" / "appear to be so"
    source = "It is vital that the harbour vote be fair and appear fair to the islanders, the mayor said."
    derived = (
        "It is vital that the harbour vote be fair -- and appear to be so to the islanders, "
        "the mayor said."
    )
    assert not rules(source, derived)


def test_an_approximation_added_in_the_rewrites_own_words_is_no_hedge() -> None:
    source = "The storm cut power to 12,000 homes across the county on Sunday, the utility said."
    reworded = (
        "Roughly 12,000 homes across the county lost power in Sunday's storm, according to "
        "the utility."
    )
    assert "qualifier-added" not in rules(source, reworded)
    copied = source.replace("to 12,000", "to about 12,000")
    assert "qualifier-added" in rules(source, copied)


def test_an_aim_or_a_permission_is_no_plain_statement() -> None:
    source = (
        "The ferry firm argued that, since it had an office in Oslo, the Norwegian court "
        "could declare it insolvent."
    )
    derived = (
        "The ferry firm says the Norwegian court was entitled to declare it insolvent, "
        "since it has an office in Oslo."
    )
    assert "certainty-changed" not in rules(source, derived)
    source = (
        "In a step ministers say should hold ferry fare rises under 4% next spring, the "
        "treasurer said she was giving an extra 2m crowns to the island lines."
    )
    derived = "Ms Aas set aside 2m crowns to help hold down ferry fare rises next spring."
    assert "certainty-changed" not in rules(source, derived)


def test_an_alias_a_gerund_and_an_addressee_are_no_actors_or_names() -> None:
    source = "Queen of the Harbour, otherwise known as Lena Okafor, wrote a column about the quay."
    derived = "Lena Okafor, known as Queen of the Harbour, wrote a column about the quay."
    assert "actor-swapped" not in rules(source, derived)
    source = (
        "Buying Nordferry would give either Baltline or Seaways access to Nordferry's "
        "fleet and its cargo customers."
    )
    derived = "Snapping up Nordferry would give the buyer access to a large fleet and its cargo customers."
    assert "actor-swapped" not in rules(source, derived)
    source = (
        "Harbour coach Ola Brenne says Bergen forward Kai Lund must think hard about his "
        'actions after he shoved Per Dahl. "Our main job was to bed Tor into the side, but '
        "that's a thing we will discuss at the squad meeting next week,\" said Brenne."
    )
    derived = (
        '"Our main job was to bed Tor into the side, but handing him the captaincy is a '
        'thing we will discuss at the squad meeting next week," harbour coach Ola Brenne '
        "told Fjord Radio North."
    )
    assert "name-changed" not in rules(source, derived)


def test_the_greater_part_told_as_all_is_strengthened() -> None:
    source = "The inquiry said the greater part of harbour betting was neither corrupt nor unfair."
    derived = "The inquiry said all harbour betting was neither corrupt nor unfair."
    assert "quantifier-strengthened" in rules(source, derived)


def test_many_told_as_a_bare_plural_is_not_all() -> None:
    source = "The ferry market is crowded as Baltline, Seaways and many smaller firms sell cheap tickets."
    derived = "The ferry market is crowded with firms selling cheap tickets."
    assert "quantifier-strengthened" not in rules(source, derived)
    source = "Some residents of the quay oppose the new ferry route to the islands."
    derived = "Residents of the quay oppose the new ferry route to the islands."
    assert "quantifier-strengthened" in rules(source, derived)


def test_an_acronym_for_the_name_spelled_out_is_the_same_actor() -> None:
    source = (
        "The Ports and Ferries Commission has asked for information about ferries carrying "
        "more than 500 passengers."
    )
    derived = (
        "Late last month the PFC asked for information about ferries carrying more than "
        "500 passengers."
    )
    assert not rules(source, derived)


def test_a_past_form_before_its_noun_has_no_actor_to_drop() -> None:
    source = (
        'The minister quoted the plan as saying: "We are using our existing powers by '
        'targeted health checks for TB at the ferry terminal."'
    )
    derived = "It says health checks for TB will be targeted on passengers at the ferry terminal."
    assert "actor-dropped" not in rules(source, derived)
    source = "The harbour board closed the ferry terminal on Monday after the storm."
    derived = "The ferry terminal was closed on Monday after the storm."
    assert "actor-dropped" in rules(source, derived)


def test_a_finding_concluded_keeps_its_claim_and_a_time_speaks_for_no_one() -> None:
    source = (
        "Last January harbour staff cautiously estimated that adding the night route would "
        "cause a 5 percent drop in cargo bookings by island firms."
    )
    derived = (
        "The Harbour Board itself concluded that adding a night route would likely lead to "
        "a 5.1 percent fall in cargo bookings by island firms."
    )
    assert not rules(source, derived)


def test_an_actor_swapped_through_pronouns() -> None:
    source = "Residents of the quay said they had warned the council for years about the wall."
    derived = "Residents of the quay said the council had warned them for years about the wall."
    assert "actor-swapped" in rules(source, derived)
    source = "Others said the new ferry would save them time on the crossing."
    derived = "Others said the time they would save on the new ferry was worth it."
    assert "actor-swapped" not in rules(source, derived)


def test_raising_verbs_and_dates_are_not_actors() -> None:
    source = "The handover is expected in June. On 14 May the firm released its accounts."
    derived = "June is expected to mark the handover. The firm released its accounts on 14 May."
    assert not compare(source, derived).changes


# ---- faithful rewrites seen in real copy that must stay quiet (issue 10)


def test_contrast_and_double_denial_are_not_negation_flips() -> None:
    source = (
        "The mayor blamed the weather, not the contractors, for the late opening of the bridge."
    )
    derived = "The mayor blamed the weather -- and not the contractors -- for the late opening of the bridge."
    assert not compare(source, derived).changes
    source = "The envoy said the dispute needs Turkish help to be settled within a year."
    derived = "The envoy said the dispute cannot be settled within a year without Turkish help."
    assert "polarity-flipped" not in rules(source, derived)
    # "not for X but for Y": one thing set against another, the vote itself affirmed
    source = "Ann Ross explained her reasons to Elm voters at a meeting in the harbour hall."
    derived = (
        "The Elm voters at the harbour hall meeting voted not for Ann Ross but for the "
        "Harbour Party."
    )
    assert "polarity-flipped" not in rules(source, derived)
    denied = "Ann Ross did not explain her reasons to Elm voters at a meeting in the harbour hall."
    assert "polarity-flipped" in rules(source, denied)


def test_a_contraction_printed_apart_or_without_its_apostrophe_is_a_denial() -> None:
    source = "The ferry company did not return calls for comment on Monday ."
    for derived in (
        "The ferry company didn 't return calls for comment on Monday .",
        "The ferry company didnt return calls for comment on Monday.",
        "The ferry company didn\u2019t return calls for comment on Monday.",
    ):
        assert "polarity-flipped" not in rules(source, derived), derived
    assert "polarity-flipped" in rules(source, "The ferry company returned calls on Monday.")


def test_a_denied_noun_phrase_governs_its_own_word() -> None:
    source = "Delegates gathered for the closely watched trade summit in Oslo."
    derived = (
        "The closely watched trade summit in Oslo was not the first time the delegates gathered."
    )
    assert "polarity-flipped" not in rules(source, derived)


def test_denial_inside_a_quotation_is_the_quote_checks() -> None:
    source = "The coach said he had low expectations for the final against Leeds."
    derived = 'The coach set expectations low, saying "I don\'t expect much" from the final against Leeds.'
    assert "polarity-flipped" not in rules(source, derived)


def test_a_scheduled_event_told_as_done_is_a_later_version() -> None:
    source = "The ferry was scheduled to leave Kirkwall at noon with 300 passengers on board."
    derived = "The ferry left Kirkwall at noon with 300 passengers on board."
    assert not compare(source, derived).changes
    hoped = "The ferry company hopes to carry 300 passengers from Kirkwall at noon."
    assert "hope-stated-as-fact" in rules(
        hoped, "The ferry company carried 300 passengers from Kirkwall at noon."
    )


def test_attribution_kept_by_a_frame_without_a_named_holder() -> None:
    source = "Rebuffing calls to cancel the trip, the governor predicted the two regions will end up as close partners."
    derived = "The governor opened the visit, while predicting the two regions will end up as close partners."
    assert "claim-stated-as-fact" not in rules(source, derived)


def test_attribution_dropped_only_when_the_claim_itself_is_stated() -> None:
    source = (
        "Prosecutors charged six men last week over the warehouse fire, which investigators "
        "believe was started deliberately to claim the insurance."
    )
    derived = "Prosecutors charged six men last week over the warehouse fire."
    assert "claim-stated-as-fact" not in rules(source, derived)
    dropped = "The warehouse fire was started deliberately for the insurance money."
    assert "claim-stated-as-fact" in rules(
        "Critics allege the warehouse fire was started deliberately for the insurance money.",
        dropped,
    )


def test_names_of_one_country_and_abbreviations_are_the_same_name() -> None:
    source = "Ministers from Belgium and the United Kingdom met Sen. Ann Ross (Ariz.) on Monday."
    derived = "Ministers from Belgium and Britain met Sen. Ann Ross of Arizona on Monday."
    assert not compare(source, derived).changes


def test_a_name_written_another_way_is_the_same_name() -> None:
    source = "The Tories said films by Akira Hurosawa beat BBC Two in the ratings last week."
    quiet = (
        "The Conservatives said films by Akira Hurosawa beat BBC Two in the ratings last week.",
        "The Tories said films by Akira Kurosawa beat BBC Two in the ratings last week.",
        "The Tories said films by Akira Hurosawa beat BBC2 in the ratings last week.",
    )
    for derived in quiet:
        assert not compare(source, derived).changes, derived
    # another surname: another person
    assert "name-changed" in rules(source, source.replace("Hurosawa", "Kurita"))


def test_a_transliterated_name_and_a_written_out_acronym_are_the_same_name() -> None:
    source = "Envoys said the Harbour Accord with Mohammed Qaidar was signed under the HWA."
    derived = (
        "Envoys said the Harbour Accord with Muhammad Qaedar was signed under the Harbour "
        "Waters Act."
    )
    assert "name-changed" not in rules(source, derived)
    # other consonants, or another first letter: another name
    assert "name-changed" in rules(source, source.replace("Qaidar", "Quinlan"))
    # an acronym the source spells out itself, replaced by another: still a change
    source = "Envoys met the Harbour Waters Authority (HWA) on Monday."
    assert "name-changed" in rules(source, source.replace("(HWA)", "(NRA)"))


def test_two_countries_of_one_word_are_two_names() -> None:
    source = "Envoys from North Korea and Japan resumed fishing talks in Geneva on Monday."
    derived = source.replace("North Korea", "South Korea")
    assert "name-changed" in rules(source, derived)


def test_a_long_name_with_one_word_replaced_is_another_body() -> None:
    source = "The Harbourton Shipping Standards Board published the ferry rules on Monday."
    derived = source.replace("Shipping", "Fishing")
    assert "name-changed" in rules(source, derived)
    # two words, a common noun after the name: "Marlow Research" is not "Kingsley Research"
    source = "The ferry market will double by 2030, according to Marlow Research."
    assert "name-changed" in rules(source, source.replace("Marlow", "Kingsley"))
    # a first word that describes ("Board Chairman" for "Harbour Chairman"): one person
    source = "Harbour Chairman Elena van Marsh apologised to the island on Monday."
    assert not compare(source, source.replace("Harbour Chairman", "Board Chairman")).changes


def test_a_day_of_the_same_month_in_a_merged_sentence_is_its_counterpart() -> None:
    source = (
        "By the end of 2026 the mayor aims to launch a ferry to serve every island on the "
        "coast. On 14 October Harbour Radio released a rival island service for cars."
    )
    derived = (
        "The mayor plans to launch a ferry by the end of 2026 to serve every island, "
        "answering a similar tool that Harbour Radio launched on 4 October."
    )
    assert "value-changed" in rules(source, derived)
    assert "value-changed" not in rules(source, derived.replace("4 October", "14 October"))


def test_a_value_stated_elsewhere_is_changed_where_its_own_place_has_another() -> None:
    source = (
        "Van Dam took the national side to the 1974 World Cup, where they lost the final. "
        "He coached Ajax to four national titles and a European Cup in 1971."
    )
    derived = "He also led Ajax to four league titles and the 1974 European Cup."
    assert "value-changed" in rules(source, derived)
    assert not rules(source, derived.replace("1974", "1971"))


def test_a_figure_rounded_is_the_same_figure() -> None:
    source = "Shares in the ferry operator rose 5.11% on Tuesday to 212p."
    assert not compare(source, source.replace("5.11%", "5%")).changes
    assert "value-changed" in rules(source, source.replace("5.11%", "5.9%"))
    assert "value-changed" in rules(source, source.replace("5.11%", "6%"))


def test_time_zones_and_quotation_openers_are_not_names() -> None:
    source = 'The launch starts at 6 a.m. Washington time. He said: "Much of the press is unfair."'
    derived = 'The launch starts at 6 a.m. EDT. He said: "Much of the press is unfair."'
    assert "name-changed" not in rules(source, derived)


def test_a_name_in_a_reworded_half_is_not_a_swap() -> None:
    source = (
        "While the mayor wanted a ribbon-cutting photo for the evening news, Halvorsen hopes "
        "the deal will help him win the port contract next spring."
    )
    derived = (
        "While the mayor wanted a ribbon-cutting photo for the evening news, the Kestrel "
        "group's main aim was simply to get the deal signed."
    )
    assert "name-changed" not in rules(source, derived)


def test_hedges_read_in_their_place() -> None:
    # "no thought to" is no hedge; "about" belongs to the count it stands before
    source = "The mayor said she had given no thought to asking the port for new ferries."
    derived = 'The mayor said she "hadn\'t thought" about asking the port for new ferries.'
    assert "qualifier-dropped" not in rules(source, derived)
    source = "The board met for more than two hours. The two leaders spoke after the meeting."
    derived = "The two leaders spoke after a board meeting of two hours."
    assert "qualifier-dropped" not in rules(source, derived)


def test_a_hedge_dropped_into_an_accusation_keeps_the_doubt() -> None:
    source = "The clerk allegedly helped the gang launder the money."
    derived = "The clerk is accused of helping the gang launder the money."
    assert "qualifier-dropped" not in rules(source, derived)
    assert "qualifier-dropped" in rules(source, "The clerk helped the gang launder the money.")


def test_a_description_named_is_not_a_name_change() -> None:
    source = (
        "Ann Ross met the port workers on Friday. The Danish minister has raised doubts "
        "about the harbour plan and called the tender a failure."
    )
    derived = (
        "Ann Ross met the port workers on Friday. Over the past week, Ross has raised doubts "
        "about the harbour plan and called the tender a failure."
    )
    assert "name-changed" not in rules(source, derived)


def test_a_name_change_needs_copied_words_beside_both_names() -> None:
    source = (
        "While the mayor wanted a ceremony on the quay last month, Councillor Ross hopes "
        "the vote will settle the harbour dispute."
    )
    reworded = (
        "While the mayor wanted a ceremony on the quay last month, the Harbour Board's main "
        "aim was to settle the harbour dispute."
    )
    assert "name-changed" not in rules(source, reworded)
    copied = source.replace("Councillor Ross hopes", "Councillor Grant hopes")
    assert "name-changed" in rules(source, copied)
    # the source's name kept in a shorter form is not gone; an added name is no swap
    source = "Senator Ann Ross said it was pointless to confront Mayor Elena Marsh about it."
    derived = (
        "Senator Ann Ross said it was pointless for Councillor Grant to confront Marsh about it."
    )
    assert "name-changed" not in rules(source, derived)


def test_sentences_sharing_only_the_story_cast_are_not_compared() -> None:
    story = (
        "Marsh met Ross on Monday in the harbour office. Marsh said the ferry would run. "
        "Ross asked Marsh about the ferry. Marsh did not respond; Ross appeared to smile. "
        "The meeting started late because Ross arrived about half an hour behind schedule. "
        "Marsh and Ross will meet again."
    )
    derived = "Marsh met Ross on Monday. Dunn responded angrily to Marsh as the meeting started."
    assert "polarity-flipped" not in rules(story, derived)
    alignment = align(analyze(Article(text=story)), analyze(Article(text=derived)))
    assert sorted(topic_keys(alignment.source)) == ["marsh", "meet", "ross"]
    second = next(m for m in alignment.matches if m.sentence == 1)
    (pair,) = clause_pairs(alignment.source, alignment.derived, second)
    assert own_support(pair) < MIN_OWN_SUPPORT  # only "responded" of its own words
    # the same statement told the other way round is still a flip
    flipped = "Marsh met Ross on Monday. Marsh responded at once; Ross appeared to smile."
    assert "polarity-flipped" in rules(story, flipped)
    # a clause of the story's words alone ("but Marsh and Ross will meet") says nothing
    # of whose claim it is: the attribution check does not read it
    merged = "Dunn said the ferry was late, but Marsh and Ross will meet."
    alignment = align(analyze(Article(text=story)), analyze(Article(text=merged)))
    match = next(m for m in alignment.matches if m.source_sentences)
    pairs = clause_pairs(alignment.source, alignment.derived, match)
    assert [topic_only(p) for p in pairs][-1] and not topic_only(pairs[0])


def test_doubt_and_denial_kept_in_other_words_are_no_change() -> None:
    source = "The ferry is unlikely to run in winter, Marsh said."
    for derived in (
        "Marsh doubted the ferry would run in winter.",
        "The ferry will run in winter, Marsh said, though she doubted it.",
    ):
        assert not rules(source, derived), derived
    assert "qualifier-dropped" in rules(source, "The ferry will run in winter, Marsh said.")
    source = "Marsh said she did not expect anything from the meeting with the board."
    derived = "Marsh said she had low expectations for the meeting with the board."
    assert "polarity-flipped" not in rules(source, derived)
    flipped = "Marsh said she expected a lot from the meeting with the board."
    assert "polarity-flipped" in rules(source, flipped)


def test_a_vague_time_kept_is_not_made_exact() -> None:
    source = "The harbour has flooded often in recent years, the board said."
    derived = "The harbour has flooded often in recent years, the board said on Monday."
    assert "vague-made-exact" not in rules(source, derived)
    derived = "The harbour has flooded often since 2019, the board said."
    assert "vague-made-exact" in rules(source, derived)


def test_modality_inside_a_quotation_is_the_quote_checks() -> None:
    source = 'Marsh says she\'d "feel much better if the ferry ran all winter."'
    derived = 'Marsh said: "I really would feel much better if the ferry ran all winter."'
    assert "certainty-changed" not in rules(source, derived)


def test_a_hedge_added_in_the_rewrites_own_wording_is_its_own_doubt() -> None:
    source = "The port still backs the board of Elena Marsh, a ferry operator."
    reworded = (
        "Marsh, who has allegedly run the ferries at a loss for years, keeps the port's backing."
    )
    assert "qualifier-added" not in rules(source, reworded)
    copied = "The port still backs the board of Elena Marsh, allegedly a ferry operator."
    assert "qualifier-added" in rules(source, copied)


def test_a_participle_is_not_the_hope_done() -> None:
    source = "Marsh has said that she will ask the board about the ferry at their meeting."
    derived = "When asked by reporters about the ferry, Marsh said the board might decide."
    assert "hope-stated-as-fact" not in rules(source, derived)
    done = "Marsh asked the board about the ferry at their meeting."
    assert "hope-stated-as-fact" in rules(source, done)


def test_a_condition_stated_as_done() -> None:
    source = "If the board approves the plan, the ferry could run with a new timetable."
    assert "condition-stated-as-fact" in rules(source, "The board approved the plan.")
    # the consequence is no condition; "a timetable" is a noun, not the verb "timetable"
    assert "condition-stated-as-fact" not in rules(source, "The port timetabled the ferry.")


def test_a_plan_told_with_a_hedge_is_not_stated_as_certain() -> None:
    source = "The two mayors plan to meet in Porto on Monday to discuss the ferry."
    hedged = "The two mayors will reportedly meet in Porto on Monday to discuss the ferry."
    assert "forecast-stated-as-certain" not in rules(source, hedged)
    firm = "The two mayors will meet in Porto on Monday to discuss the ferry."
    assert "forecast-stated-as-certain" in rules(source, firm)


def test_a_title_case_headline_holds_no_names_to_compare() -> None:
    source = (
        "Harbour news\n\nThe port is getting ready to invest US$50 million in the island's "
        "ferry and freight services, the board said on Monday."
    )
    derived = "The board met.\n\nPort Plans $50 Million Investment In Island's Ferry, Freight"
    assert not rules(source, derived)


def test_a_headline_drops_qualifiers_by_style() -> None:
    source = (
        "Senator Ann Ross says the mayor appears to be confusing the two inquiries into the port."
    )
    headline = "Ross says mayor confusing two inquiries into the port"
    assert "qualifier-dropped" not in rules(source, headline)
    sentence = "Ross says the mayor is confusing the two inquiries into the port."
    assert "qualifier-dropped" in rules(source, sentence)


def test_a_headline_read_against_the_body_is_held_to_its_facts_not_its_grammar() -> None:
    source = (
        "Harbour news\n\nThe mayor and the union leader opened their talks on Monday, and "
        "they talked about the strike of 1,200 dockers for an hour."
    )
    headline = "The talks began.\n\nMayor and union open talks without talk of the strike"
    assert not rules(source, headline)
    figures = "The talks began.\n\nMayor and union open talks on strike of 1,500 dockers"
    assert "value-changed" in rules(source, figures)
    # a sentence is held to every check
    sentence = (
        "The talks began.\n\nThe mayor and the union leader opened their talks on Monday "
        "without talk of the strike."
    )
    assert "polarity-flipped" in rules(source, sentence)


def test_a_dateline_is_not_part_of_the_speaker() -> None:
    from retold.text.clauses import reading

    text = "PORTO, Portugal -- Mayor Ann Ross says nothing will change before the spring."
    doc = analyze(Article(text=text))
    read = reading(doc, 0)
    (frame,) = read.frames
    assert read.dateline == 2 and frame.holder[0] == 2  # "Mayor Ann Ross", not "Portugal"


def test_an_accusation_keeps_the_claim_a_claim() -> None:
    source = (
        "Prosecutors charged six clerks, who investigators allege laundered money for the gang."
    )
    derived = "Prosecutors charged six clerks with laundering money for the gang."
    assert "claim-stated-as-fact" not in rules(source, derived)


def test_a_refusal_and_an_ing_form_are_no_forecast_or_statement() -> None:
    source = "The harbour board did not release the names of the two ferry pilots."
    derived = "Neither the harbour board nor the police would release the names of the pilots."
    assert "certainty-changed" not in rules(source, derived)
    source = "Officials rejected the claim that the new quay could harm the fishing fleet."
    derived = "Officials rejected the idea of the new quay harming the fishing fleet."
    assert "certainty-changed" not in rules(source, derived)
    # the possibility told as done is still a change
    assert "hope-stated-as-fact" in rules(source, "Officials said the new quay harmed the fleet.")


def test_hearsay_dropped_where_the_rewrite_names_who_says_it_is_no_change() -> None:
    source = "Ross allegedly moved the harbour funds to a private account, prosecutors said."
    derived = "Ross moved the harbour funds to a private account, the prosecutors said."
    assert "qualifier-dropped" not in rules(source, derived)
    # unattributed, or a hedge of how sure they are: still dropped
    assert "qualifier-dropped" in rules(
        source, "Ross moved the harbour funds to a private account."
    )
    source = "The fire is believed to have started in the harbour office, officials said."
    derived = "The fire started in the harbour office, officials said."
    assert "qualifier-dropped" in rules(source, derived)


def test_a_maximum_is_a_hedge_as_up_to_is() -> None:
    source = "If convicted, the skipper could face up to four years in prison."
    derived = "If convicted, the skipper faces a maximum of four years in prison."
    assert "qualifier-dropped" not in rules(source, derived)
    assert "qualifier-dropped" in rules(
        source, "If convicted, the skipper faces four years in prison."
    )


def test_a_danger_warned_of_is_no_forecast() -> None:
    source = "The harbour master warned that closing the quay could be costly for the town."
    derived = "The harbour master warned that shutting the quay would be costly for the town."
    assert "certainty-changed" not in rules(source, derived)
    stated = "The harbour master said that shutting the quay would be costly for the town."
    source = source.replace("warned", "said")
    assert "certainty-changed" in rules(source, stated)
    # a danger told as certain is still a change
    certain = "The harbour master warned that shutting the quay will be costly for the town."
    source = source.replace("said", "warned")
    assert "certainty-changed" in rules(source, certain)


def test_last_before_a_stretch_of_time_is_no_opposite_of_first() -> None:
    source = "The harbour board said profits rose to 35 per cent from 15 per cent last quarter."
    derived = source.replace("last quarter", "in the first quarter")
    assert "opposite-word" not in rules(source, derived)
    source = "The judge gave the skipper a harsh sentence for the harbour crash."
    assert "opposite-word" in rules(source, source.replace("harsh", "lenient"))


def test_a_hedge_inside_a_quotation_is_the_quote_checks() -> None:
    source = (
        'Marsh asked how the plans had been "clearly, or at least apparently, leaked" '
        "to the harbour paper."
    )
    derived = "Marsh noted that a harbour master had once resigned over a leak to the paper."
    assert "qualifier-dropped" not in rules(source, derived)
    source = "Marsh asked how the plans had apparently been leaked to the harbour paper."
    assert "qualifier-dropped" in rules(source, source.replace("apparently ", ""))


def test_a_bare_millions_is_an_order_of_amount() -> None:
    source = "Marsh says she spent thousands of pounds repairing the harbour ferry."
    derived = "Marsh says she spent millions repairing the harbour ferry."
    assert "value-changed" in rules(source, derived)
    assert "value-changed" not in rules(source.replace("thousands of pounds", "millions"), derived)


def test_a_rumour_told_as_confirmed_drops_its_attribution() -> None:
    source = (
        "No names for the ferry crews have been confirmed, but rumours have suggested "
        "Marsh and Ross may be among the skippers."
    )
    derived = "Marsh and Ross have been confirmed as skippers."
    assert "claim-stated-as-fact" in rules(source, derived)
    # still told as a forecast ("are predicted to"): the doubt is kept
    kept = "Marsh and Ross are predicted to be among the skippers."
    assert "claim-stated-as-fact" not in rules(source, kept)


def test_may_and_can_both_tell_a_possibility() -> None:
    source = "Salt spray may damage the new harbour cranes, the engineers said."
    derived = "Salt spray can damage the new harbour cranes, the engineers said."
    assert "certainty-changed" not in rules(source, derived)
    assert "certainty-changed" in rules(source, derived.replace("can damage", "will damage"))


def test_a_participle_with_its_actor_after_by_is_the_passive() -> None:
    source = "The storm surge damaged the harbour wall, which may lead to flooding in Elm."
    derived = "The harbour wall damaged by the storm surge may lead to flooding in Elm."
    assert "actor-swapped" not in rules(source, derived)
    swapped = "The harbour wall damaged the storm surge, which may lead to flooding in Elm."
    assert "actor-swapped" in rules(source, swapped)


def test_the_most_is_a_superlative_not_a_quantifier() -> None:
    source = "Some harbour information on the site may be out of date, the board said."
    derived = "The board said the site may not hold the most current harbour information."
    assert "quantifier-strengthened" not in rules(source, derived)
    every = "All harbour information on the site may be out of date, the board said."
    assert "quantifier-strengthened" in rules(source, every)


def test_rather_than_and_a_split_nt_keep_a_denial() -> None:
    source = "harbour sites in elm have relied mainly on steel piles not timber piles ."
    derived = "Harbour sites in Elm have mainly used steel piles as opposed to timber piles."
    assert "polarity-flipped" not in rules(source, derived)
    source = "Marsh said she does nt want to close the harbour this winter ."
    derived = "Marsh said she does not want to close the harbour this winter."
    assert "polarity-flipped" not in rules(source, derived)
    assert "polarity-flipped" in rules(
        source, "Marsh said she wants to close the harbour this winter."
    )


def test_cautioned_keeps_a_warning_attributed() -> None:
    source = "Engineers warn that the harbour wall may fail in a winter storm."
    derived = "Engineers have cautioned that the harbour wall could fail in a winter storm."
    assert not {"claim-stated-as-fact", "attribution-dropped"} & rules(source, derived)
    assert "claim-stated-as-fact" in rules(source, "The harbour wall could fail in a winter storm.")


def test_a_denial_inside_a_later_condition_is_a_supposition() -> None:
    source = "Ferry tickets must match the passenger's booking name at the harbour gate."
    derived = "Boarding may be refused at the harbour gate if ferry tickets do not match the booking name."
    assert "polarity-flipped" not in rules(source, derived)
    flipped = "Ferry tickets need not match the passenger's booking name at the harbour gate."
    assert "polarity-flipped" in rules(source, flipped)


def test_a_non_word_is_the_other_side_of_a_denial() -> None:
    source = "If a ferry sails on time, the harbour fee it pays is non-zero."
    derived = "If a ferry does not sail on time, the harbour fee it pays is zero."
    assert "polarity-flipped" not in rules(source, derived)
    source = "The harbour board's vote on the ferry fares is not binding."
    derived = "The harbour board held a non-binding vote on the ferry fares."
    assert "polarity-flipped" not in rules(source, derived)


def test_a_plural_noun_before_its_verb_is_not_a_verb() -> None:
    source = "To stop abuse, the harbour board provides no specific details about how ferry fares are set."
    derived = "To stop abuse of ferry fares, very few details are provided by the harbour board."
    assert "actor-swapped" not in rules(source, derived)


def test_a_hedge_kept_in_another_form_or_by_a_range() -> None:
    source = "The harbour festival took in an estimated $2.5 million last summer."
    derived = "Takings at the harbour festival were estimated at $2.5 million last summer."
    assert "qualifier-dropped" not in rules(source, derived)
    assert "qualifier-dropped" in rules(
        source, "The harbour festival took in $2.5 million last summer."
    )
    source = "The ferry board said as many as 300 passengers may be stranded in Elm."
    derived = "The ferry board said between 100 and 300 passengers may be stranded in Elm."
    assert "qualifier-dropped" not in rules(source, derived)
    derived = "The ferry board said 300 passengers may be stranded in Elm, up 9 to 12 on May."
    assert "qualifier-dropped" in rules(source, derived)


def test_a_quantifier_of_time_or_of_a_count_is_no_claim_about_a_group() -> None:
    source = "The harbour board will decide in the next few days whether ferries sail."
    derived = "The harbour board will decide in the next several days whether ferries sail."
    assert "quantifier-strengthened" not in rules(source, derived)
    source = "Some 55 ferry workers were laid off by the harbour board on Monday."
    derived = "About 55 ferry workers were laid off by the harbour board on Monday."
    assert "quantifier-strengthened" not in rules(source, derived)
    source = "Some ferry workers were laid off by the harbour board on Monday."
    derived = "Ferry workers were laid off by the harbour board on Monday."
    assert "quantifier-strengthened" in rules(source, derived)


def test_a_claim_named_in_another_form_is_still_a_claim() -> None:
    source = "Doctors have speculated that the harbour fumes caused the illness in Elm."
    derived = "Based on speculation, the harbour fumes caused the illness in Elm."
    assert "claim-stated-as-fact" not in rules(source, derived)
    assert "claim-stated-as-fact" in rules(source, "The harbour fumes caused the illness in Elm.")


def test_an_alleged_noun_frames_no_claim() -> None:
    source = "Nearly 250 alleged victims sued the harbour board over the ferry crash in Elm."
    derived = "The plaintiffs sued the harbour board over the ferry crash in Elm."
    assert "claim-stated-as-fact" not in rules(source, derived)


def test_a_modal_in_an_open_question_a_proposal_or_an_estimate_is_no_claim() -> None:
    source = "The inquiry will decide whether the harbour master faces a disciplinary hearing."
    derived = (
        "The inquiry will decide whether the harbour master should face a disciplinary hearing."
    )
    assert "certainty-changed" not in rules(source, derived)
    source = "Marsh rejected the suggestion that the harbour master should resign over the crash."
    derived = "Marsh rejected the suggestion that the harbour master resign over the crash."
    assert "certainty-changed" not in rules(source, derived)
    source = "Should a ferry lose power, the harbour tugs tow it back to Elm."
    derived = "If a ferry loses power, the harbour tugs tow it back to Elm."
    assert "certainty-changed" not in rules(source, derived)
    source = "Marsh estimated that the harbour repairs could cost nearly $2 million."
    derived = "Marsh estimated the cost of the harbour repairs at nearly $2 million."
    assert "certainty-changed" not in rules(source, derived)
    source = "The harbour master said the ferry crash might lead to new rules in Elm."
    assert "certainty-changed" in rules(
        source, "The harbour master said the ferry crash will lead to new rules in Elm."
    )


def test_one_party_named_another_way_is_no_name_change() -> None:
    # a middle initial, an ampersand, a title for the name, an acronym cut short
    source = "The deal was done, said Harold T. Quenby, a lawyer for the Elm harbour board."
    derived = "The deal was done, said lawyer Harry Quenby of the Elm harbour board."
    assert not {"name-changed", "speaker-changed"} & rules(source, derived)
    source = "The harbour board said Brackett & Loame had presented a fine ferry bid."
    derived = "The harbour board said B & L had presented a fine ferry bid."
    assert "name-changed" not in rules(source, derived)
    source = "Mr Quenby admitted in a letter that the harbour board had lost the ferry bid."
    derived = (
        "The Prime Minister admitted in a letter that the harbour board had lost the ferry bid."
    )
    assert "name-changed" not in rules(source, derived)
    source = "Elm may rejoin the ferry league before the next NHFLM meeting in two years."
    derived = "Elm may rejoin the ferry league before the next Northern Harbour Ferry League meeting in two years."
    assert "name-changed" not in rules(source, derived)
    swapped = "Elm may rejoin the ferry league before the next Kestrel Cup meeting in two years."
    assert "name-changed" in rules(source, swapped)


def test_a_name_after_a_preposition_is_not_the_subject() -> None:
    source = "Marsh said the attorney in the Western District of Elm had subpoenaed the ferry logs."
    derived = "Marsh said the Elm Harbour Attorney had subpoenaed the ferry logs."
    assert "actor-replaced" not in rules(source, derived)


def test_a_sum_converted_to_another_currency_is_no_change() -> None:
    source = "The Elm ferry firm won a $165,000 settlement in the harbour case last year."
    derived = "The Elm ferry firm won a £90,000 settlement in the harbour case last year."
    assert "value-changed" not in rules(source, derived)
    changed = "The Elm ferry firm won a $190,000 settlement in the harbour case last year."
    assert "value-changed" in rules(source, changed)


def test_a_failure_to_act_is_the_act_denied() -> None:
    source = "The fault comes from the harbour software's failure to check the ferry's weight."
    derived = (
        "The fault comes about because the harbour software does not check the ferry's weight."
    )
    assert "polarity-flipped" not in rules(source, derived)


def test_another_step_of_a_case_or_of_harm_is_another_event() -> None:
    source = "Police said the harbour master was charged with fraud in Elm on Monday."
    assert "step-changed" in rules(
        source, "Police said the harbour master was convicted of fraud in Elm on Monday."
    )
    source = "Rivals accused the harbour master of fraud in Elm on Monday."
    assert "step-changed" in rules(
        source, "The harbour master was convicted of fraud in Elm on Monday."
    )
    source = "Three ferry workers were injured in the blast at the Elm harbour on Monday."
    assert "step-changed" in rules(
        source, "Three ferry workers were killed in the blast at the Elm harbour on Monday."
    )
    # both steps in the source: the rewrite tells one of them, it changes nothing
    source = "The harbour master was arrested and charged with fraud in Elm on Monday."
    derived = "The harbour master was charged with fraud in Elm on Monday, police said."
    assert "step-changed" not in rules(source, derived)
    # the same step in other words
    source = "The harbour master was jailed for fraud in Elm on Monday."
    derived = "The harbour master was sentenced for fraud in Elm on Monday."
    assert "step-changed" not in rules(source, derived)


def test_another_given_name_is_another_person() -> None:
    source = (
        "Senator Mark Tallow spoke to the harbour board on Monday.\n\n"
        "The ferry fares will rise in May, the board said."
    )
    derived = "Senator John Tallow told the harbour board on Monday that ferry fares will rise."
    assert "given-name-changed" in rules(source, derived)
    nickname = "Senator Bill Tallow told the harbour board on Monday that ferry fares will rise."
    assert "given-name-changed" not in rules(source.replace("Mark", "William"), nickname)
    family = "Senator John Tallow, whose wife chairs the board, spoke on Monday about ferry fares."
    assert "given-name-changed" not in rules(source, family)


def test_a_name_counts_as_swapped_only_in_copied_words() -> None:
    # a reworded sentence names one party another way far more often than another party
    source = (
        "He told the Elm Gazette that Mr. Halloran's daughters had harbour schools and "
        "clinics in mind when they decided to ask for shelter."
    )
    reworded = (
        "Brannock's daughters had harbour schools and clinics in mind when they decided "
        "to ask for shelter -- especially the schools, he told the Elm Gazette."
    )
    assert "name-changed" not in rules(source, reworded)
    copied = source.replace("Halloran", "Brannock")
    assert "name-changed" in rules(source, copied)


def test_a_figure_longer_than_a_decimal_holds_is_compared_without_error() -> None:
    assert rules("77777777777777777777777777777.0 ferries sailed.", "1 ferries sailed.") <= {
        "value-changed"
    }


def test_a_say_verb_of_the_rewrite_is_no_plan_done() -> None:
    source = "The harbour master will have to say whether the ferry sails on Monday."
    derived = "The ferry may not sail on Monday, the harbour master said."
    assert "hope-stated-as-fact" not in rules(source, derived)
