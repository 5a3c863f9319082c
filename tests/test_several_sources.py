"""A rewrite stitched from two wire stories is checked against both."""

from __future__ import annotations

from retold import compare

FLOODS = (
    "The river Sable burst its banks on Monday, flooding 300 homes in Porthaven. "
    "Mayor Elena Marsh said the new barrier would be finished by 2029. "
    '"We will not leave anyone behind," Marsh said.'
)
BUDGET = (
    "The regional council approved a budget of $85 million for road repairs on Tuesday. "
    "Councillor David Okafor said the money would cover 40 bridges across the county. "
    "Work on the first bridges will begin in April."
)
STITCHED = (
    "The river Sable burst its banks on Monday, flooding 300 homes in Porthaven. "
    '"We will not leave anyone behind," Marsh said. '
    "The regional council approved a budget of $85 million for road repairs on Tuesday. "
    "Councillor David Okafor said the money would cover 60 bridges across the county."
)


def test_each_sentence_is_labelled_from_its_own_source() -> None:
    report = compare([FLOODS, BUDGET], STITCHED)
    labels = [(s.label, s.source) for s in report.sentences]
    assert labels[0] == ("verbatim", 0)
    assert labels[2] == ("verbatim", 1)
    assert labels[3][1] == 1 and labels[3][0] == "altered"
    assert all(label != "new" for label, _ in labels)


def test_a_changed_number_in_the_second_source_is_found() -> None:
    report = compare([FLOODS, BUDGET], STITCHED)
    found = [(c.kind, c.source_text, c.derived_text, c.source) for c in report.changes]
    assert ("number", "40", "60", 1) in found


def test_quotes_are_checked_against_every_source() -> None:
    report = compare([BUDGET, FLOODS], STITCHED)
    assert [(q.status, q.source) for q in report.quotes] == [("verified", 1)]


def test_coverage_is_given_for_each_source() -> None:
    report = compare([FLOODS, BUDGET], STITCHED)
    assert len(report.coverage_by_source) == 2
    assert report.coverage.derived > 0.9
    data = report.to_dict()
    assert [s["id"] for s in data["sources"]] == ["source 1", "source 2"]
    assert all("source" in s for s in data["sentences"])


def test_one_source_in_a_list_is_the_one_source_report() -> None:
    one = compare(FLOODS, STITCHED).to_dict()
    listed = compare([FLOODS], STITCHED).to_dict()
    assert one == listed
    assert "sources" not in one and all("source" not in s for s in one["sentences"])
