from __future__ import annotations

import json
import random

from retold import compare
from retold.report import SCHEMA, Report
from retold.text.article import Article


def test_comparing_a_text_with_itself_is_all_verbatim(wire: str) -> None:
    report = compare(wire, wire)
    labels = {s.label for s in report.sentences}
    assert labels == {"verbatim"}
    assert report.coverage.derived == 1.0 and report.coverage.source == 1.0
    assert report.verdict == "wholly-derived"
    assert not report.omissions


def test_unrelated_text_is_non_derived(wire: str, unrelated: str) -> None:
    report = compare(wire, unrelated)
    assert report.verdict == "non-derived"
    assert all(s.label == "new" for s in report.sentences)


def test_rewrite_labels(wire: str, rewrite: str) -> None:
    report = compare(wire, rewrite)
    by_text = {s.text: s.label for s in report.sentences}
    assert by_text["By Jo Blogger"] == "boilerplate"
    assert by_text["Subscribe to our newsletter!"] == "boilerplate"
    assert (
        by_text["Isn't it wonderful when local government actually delivers for families?"] == "new"
    )
    copied = next(t for t in by_text if t.startswith("The town of Millbrook opened"))
    assert by_text[copied] == "verbatim"
    reworded = next(t for t in by_text if t.startswith("The new building contains"))
    assert by_text[reworded] == "paraphrase"


def test_dropped_source_sentences_are_omissions_ranked_by_salience(wire: str, rewrite: str) -> None:
    report = compare(wire, rewrite)
    dropped = [o.text for o in report.omissions]
    assert any(t.startswith("Critics on the council") for t in dropped)
    saliences = [o.salience for o in report.omissions]
    assert saliences == sorted(saliences, reverse=True)


def test_offsets_slice_back_to_the_text(wire: str, rewrite: str) -> None:
    report = compare(wire, rewrite)
    for s in report.sentences:
        assert rewrite[s.start : s.end] == s.text
    for s in report.source.sentences:
        assert wire[s.start : s.end] == s.text
    for p in report.passages:
        assert wire[p.source_start : p.source_end].strip()
        assert rewrite[p.derived_start : p.derived_end].strip()


def test_shuffling_paragraphs_keeps_the_labels(wire: str, rewrite: str) -> None:
    head, body = rewrite.split("\n\n", 2)[:2], rewrite.split("\n\n", 2)[2]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    shuffled = paragraphs[:]
    random.Random(4).shuffle(shuffled)
    original = compare(wire, rewrite)
    moved = compare(wire, "\n\n".join([*head, *shuffled]))
    assert sorted((s.text, s.label) for s in original.sentences) == sorted(
        (s.text, s.label) for s in moved.sentences
    )


def test_independent_report_of_the_same_event_is_non_derived(wire: str) -> None:
    independent = (
        "Readers in Millbrook got their first look inside the long-awaited library this week.\n\n"
        "Ana Ruiz, who has been mayor since 2019, cut a ribbon while a brass band played.\n\n"
        "Parents queued with toddlers for story hour, and teenagers headed for the computers.\n\n"
        "Some residents still grumble about the $2 million overrun, which dominated the last election.\n\n"
        "Librarians expect membership to double within a year."
    )
    assert compare(wire, independent).verdict == "non-derived"


def test_json_contract_round_trips(wire: str, rewrite: str) -> None:
    report = compare(wire, rewrite)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["schema"] == SCHEMA
    for key in (
        "source",
        "derived",
        "verdict",
        "coverage",
        "sentences",
        "quotes",
        "changes",
        "omissions",
        "passages",
        "notes",
    ):
        assert key in data
    assert data["notes"] == []
    assert {"index", "start", "end", "text", "label", "source_sentences", "similarity"} <= set(
        data["sentences"][0]
    )
    assert "sentences" in data["source"]
    assert Report.from_dict(data) == report


def test_text_in_another_script_gets_no_fact_flags_and_says_so() -> None:
    # our own two lines in Urdu: a team made 128 runs and won; the rewrite says 129
    source = "پاکستان کی ٹیم نے 128 رنز بنائے اور میچ جیت لیا۔ کپتان نے کہا کہ ٹیم نے اچھا کھیلا۔"
    derived = "پاکستان کی ٹیم نے 129 رنز بنائے اور میچ جیت لیا۔ کپتان نے کہا کہ ٹیم نے اچھا کھیلا۔"
    report = compare(source, derived)
    assert report.changes == () and len(report.notes) == 1
    assert "English" in report.notes[0]
    assert Report.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    assert compare("The team made 128 runs and won.", "The team made 129 runs and won.").changes


def test_articles_keep_their_metadata(wire: str, rewrite: str) -> None:
    report = compare(Article(wire, id="w1", publisher="Test Wire"), Article(rewrite, id="b1"))
    data = report.to_dict()
    assert data["source"]["id"] == "w1" and data["source"]["publisher"] == "Test Wire"


def test_merged_sentences_align_to_several_source_sentences() -> None:
    source = (
        "The factory employs 300 workers in the valley. "
        "It produces steel beams for bridges across the region."
    )
    derived = (
        "The valley factory, with 300 workers, produces steel beams for bridges across the region."
    )
    report = compare(source, derived)
    assert report.sentences[0].label in ("paraphrase", "verbatim")
    assert report.sentences[0].source_sentences == (0, 1)


def test_non_english_text_aligns() -> None:
    urdu = "وزیر اعظم نے آج اسلام آباد میں نئے ہسپتال کا افتتاح کیا۔ ہسپتال میں پانچ سو بستر ہیں۔"
    report = compare(urdu, urdu)
    assert {s.label for s in report.sentences} == {"verbatim"}
    turkish = "Belediye meclisi yeni köprü projesini onayladı. Köprünün yapımı iki yıl sürecek."
    assert compare(turkish, turkish).coverage.derived == 1.0


def test_a_rewrite_adding_its_own_reporting_is_partially_derived() -> None:
    source = (
        "The council voted on Tuesday to build a new library on Mill Street. "
        "The building will cost $12 million and open in 2027, the mayor said. "
        "Work starts in the spring. The old library will close when it opens."
    )
    copied = source + " "
    reporting = (
        "Librarian Ada Voss, 61, said 4,000 residents signed a petition for it in 2022. "
        "Builder Tom Reyes of Reyes & Sons said his firm bid $11.5 million for the job. "
        "Parent Mia Chen said her three children use the old branch every Saturday."
    )
    abridged = compare(
        source, "The council voted on Tuesday to build a new library on Mill Street."
    )
    assert abridged.verdict == "wholly-derived"  # an abridgement of the source alone
    assert compare(source, copied + reporting).verdict == "partially-derived"
