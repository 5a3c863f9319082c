"""Page furniture is told from story text by its shape, and each flag names its rule."""

from __future__ import annotations

import pytest
import regex

from retold import compare
from retold.text.boilerplate import furniture_reason, is_boilerplate
from retold.text.document import analyze
from retold.text.furniture_phrases import patterns
from retold.text.line_words import MAX_WORDS
from retold.text.load import article_from_text
from retold.text.page import furniture_paragraphs

STORY = "The council voted on Tuesday to close the old bridge to heavy lorries."
MORE_STORY = "Engineers said the steel had rusted through in several places."


def between(line: str) -> str | None:
    """The reason a line gets standing alone between two story paragraphs."""
    return furniture_paragraphs([STORY, line, MORE_STORY]).get(1)


# ---------------------------------------------------------------- one test per rule


@pytest.mark.parametrize(
    "line",
    [
        "Updated 6:40 PM ET, Tue March 3, 2026",
        "Posted: 9:05 AM",
        "March 3, 2026",
        "2 hours ago",
        "11:20 a.m.",
        "3 min read",
        "Published 14 mins ago | 06:12",
    ],
)
def test_a_time_or_date_stamp_is_a_stamp(line: str) -> None:
    assert furniture_reason(line) == "stamp"


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",
        "By Jane Doe, Harbour Gazette",
        "By JANE DOE and OMAR ROE | Harbour Gazette",
        "Jane Doe and Omar Roe, Associated Press",
        "From Jane Doe in Lisbon",
        "Jane Doe, Harbour Gazette Published 7:10 a.m. ET March 3, 2026",
        "Jane Doe, Opinion contributor Published 3:15 a.m. ET March 3, 2026 | Updated 7:29 a.m.",
        "(Reporting by Jane Doe; Editing by Omar Roe)",
        "Omar Roe in Porto contributed to this report.",
        "Omar Roe reported from Porto.",
        "With Harbour Gazette wires",
    ],
)
def test_a_byline_is_a_byline(line: str) -> None:
    assert furniture_reason(line) == "byline"


@pytest.mark.parametrize(
    "line", ["Photo: Jane Doe/AP", "(Photo by Jane Doe / AFP)", "Jane Doe/Getty Images"]
)
def test_a_photo_credit_is_a_credit(line: str) -> None:
    assert furniture_reason(line) == "credit"


@pytest.mark.parametrize(
    "line",
    [
        "A farmer checks the wheat near the old mill on Tuesday. (Jane Doe/AP)",
        "FILE - In this March 2, 2026 file photo, the mayor waves to supporters.",
        "The mayor (L) and her deputy at the ribbon cutting",
    ],
)
def test_a_photo_caption_is_a_caption(line: str) -> None:
    assert furniture_reason(line) == "caption"


def test_a_scene_dated_in_full_between_paragraphs_is_a_caption_that_lost_its_credit() -> None:
    scene = "The mayor waves to supporters in Lisbon, Portugal, Tuesday, March 3, 2026."
    assert between(scene) == "caption"
    assert between("The mayor waved to supporters on Tuesday, March 3, 2026.") is None  # told
    assert furniture_reason(scene) is None  # a first line may be a title


def test_a_dated_paragraph_above_its_photo_credit_is_a_caption() -> None:
    paragraphs = [
        "Harbour strike ends",
        "The dock workers voted on Monday to end the strike.",
        "The mayor walked to the car after she arrived at the port in Lisbon, Portugal, "
        "Sunday, March 1, 2026 on the eve of the vote.",
        "(AP Photo/Ana Lopes)",
        "The union said the deal was signed on Sunday, March 1, 2026, after talks.",
    ]
    found = furniture_paragraphs(paragraphs)
    assert found.get(2) == "caption" and found.get(3) == "credit"
    assert 4 not in found and 1 not in found  # story text, dated or not, without a credit after


@pytest.mark.parametrize(
    "line",
    [
        "— Jane Doe (@janedoe) March 3, 2026",
        "Big day at the council today pic.twitter.com/abc123",
    ],
)
def test_an_embedded_post_is_an_embed(line: str) -> None:
    assert furniture_reason(line) == "embed"


@pytest.mark.parametrize(
    "line",
    [
        "https://example.com/news/bridge-closes",
        "jane.doe@example.com",
        "harbourgazette.com/news",
        "Contact Jane Doe at jane.doe@example.com",
        "[ Why the old bridge matters to the town ]",
    ],
)
def test_a_line_of_links_or_addresses_is_links(line: str) -> None:
    assert furniture_reason(line) == "links"


@pytest.mark.parametrize("line", ["1 of 12", "Image 4 of 12", "3 / 9"])
def test_a_gallery_counter_is_a_counter(line: str) -> None:
    assert furniture_reason(line) == "counter"


@pytest.mark.parametrize("line", ["(COMMERCIAL BREAK)", "[BEGIN VIDEO CLIP]", "(Laughter)"])
def test_a_transcript_stage_direction_is_a_direction(line: str) -> None:
    assert furniture_reason(line) == "direction"


def test_a_label_in_capitals_is_a_label() -> None:
    assert furniture_reason("ROAD WORKS:") == "label"


def test_a_video_teaser_is_a_teaser() -> None:
    assert furniture_reason("JUST WATCHED") == "teaser"
    assert furniture_reason("BREAKING NEWS") == "teaser"
    assert furniture_reason("Mayor opens the new bridge 1:24") == "teaser"  # its duration
    assert furniture_reason("The meeting ended at 9:05") is None


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our morning newsletter",
        "Share this article",
        "Already a subscriber? Log in to keep reading.",
        "Congratulations!",
        "You can unsubscribe at any time.",
    ],
)
def test_a_prompt_is_a_prompt(line: str) -> None:
    assert furniture_reason(line) == "prompt"


@pytest.mark.parametrize("line", ["Advertisement", "Fullscreen", "Share Tweet Email"])
def test_navigation_is_nav(line: str) -> None:
    assert furniture_reason(line) == "nav"


def test_a_copyright_line_is_legal() -> None:
    assert furniture_reason("© 2026 Harbour Gazette. All rights reserved.") == "legal"


@pytest.mark.parametrize(
    "line",
    [
        "Editor's note: This story has been updated with the final vote.",
        "Correction: The bridge is 90 years old, not 80.",
        "This is a developing story. Check back for updates.",
    ],
)
def test_an_editors_note_or_correction_is_a_note(line: str) -> None:
    assert furniture_reason(line) == "note"


def test_a_tags_line_is_tags() -> None:
    assert furniture_reason("Tags: council, bridge, roads") == "tags"


def test_page_script_is_code() -> None:
    assert furniture_reason("window.ads = window.ads || [];") == "code"


def test_a_line_of_symbols_is_symbols() -> None:
    assert furniture_reason("* * *") == "symbols"


@pytest.mark.parametrize(
    "line",
    [
        "THE BUDGET FIGHT",
        '"WHAT NEXT?"',
        "Budget Fight Looms Over Harbour Town",
        "Rusted steel",
        "– A long repair bill –",
        "LISBON, Portugal",
        "Jane Doe",
    ],
)
def test_a_subhead_between_paragraphs_is_a_subhead(line: str) -> None:
    assert between(line) == "subhead"


def test_an_author_bio_is_a_bio() -> None:
    assert between("Jane Doe is a staff reporter for the Harbour Gazette.") == "bio"


def test_headlines_listed_under_a_related_header_are_headlines() -> None:
    found = furniture_paragraphs(
        [
            STORY,
            "Related content",
            "Council approves money for a new ferry",
            "Harbour master retires after 30 years",
            MORE_STORY,
        ]
    )
    assert found == {1: "related", 2: "headlines", 3: "headlines"}


def test_a_video_blurb_between_its_player_lines_is_a_teaser() -> None:
    found = furniture_paragraphs(
        [STORY, "Now Playing:", "The mayor explains the closure", "Media: Harbour TV", MORE_STORY]
    )
    assert found == {1: "prompt", 2: "teaser", 3: "credit"}


def test_a_snippet_cut_off_after_a_word_is_a_teaser() -> None:
    snippet = (
        "The harbour board met for three hours on Monday and said the ferry timetable "
        "would change from next spring, with the late sailing to ..."
    )
    found = furniture_paragraphs([STORY, snippet, MORE_STORY, snippet.replace(" ...", " …")])
    assert found == {1: "teaser", 3: "teaser"}
    # speech trailing off keeps its dots on the word, or closes its quotation
    trailing = [
        "The mayor wrote that the ferry would run all winter and the critics...",
        'She paused and said: "We will see what the board decides ..."',
    ]
    assert furniture_paragraphs([STORY, *trailing]) == {}


# ---------------------------------------------------------------- story stays story


@pytest.mark.parametrize(
    "line",
    [
        '"We will win," he said.',
        "Nobody was hurt.",
        STORY,
        "HARBOURTON (AP) — The mayor said the bridge would reopen in May.",
        "By Monday, the council had voted twice.",
        "Theresa May met the mayor on Friday.",
        "Pupils will be taught about copyright at school.",
        "Customers who sign up before May get free calls.",
        '"You\'ll be the first to know," she told reporters.',
        "SENATOR DOE: We will vote on this bill on Friday.",
        "Everyone contributed.",
        "@janedoe @omarroe when will the bridge reopen?",
        "@janedoe",  # a post addressing someone: its words, not a link
    ],
)
def test_story_sentences_stay_story(line: str) -> None:
    assert furniture_reason(line) is None
    assert between(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Mayor signs the bridge budget",  # a headline-like sentence with a verb
        "Credibility--",  # speech broken off in a transcript
        "It's the town's oldest bridge",
        "Tuesday, 3 March",  # the date of an event (no year): a fact box, not a stamp
        "2000 GMT",
    ],
)
def test_short_story_lines_between_paragraphs_stay_story(line: str) -> None:
    assert between(line) is None


def test_a_list_of_short_lines_is_story_data_not_subheads() -> None:
    fixtures = ["Cup draw", "Chelsea v Arsenal", "Leeds v Hull", "Porto v Benfica", STORY]
    assert furniture_paragraphs(fixtures) == {}


def test_the_first_line_is_never_a_subhead() -> None:
    assert furniture_paragraphs(["Budget Fight Looms", STORY, MORE_STORY]) == {}


def test_speech_shapes_inside_a_paragraph_are_speech() -> None:
    assert furniture_reason("Congratulations!", inside=True) is None
    assert furniture_reason("See more", inside=True) is None
    assert furniture_reason("Photo: Jane Doe/AP", inside=True) == "credit"


# ---------------------------------------------------------------- the analysed article


def test_a_credit_or_stamp_glued_into_a_story_paragraph_is_boilerplate_alone() -> None:
    paragraph = (
        "Updated 9:05 AM ET. The bridge was shut on Tuesday. Photo: Jane Doe/AP. "
        "It will reopen in May, officials said."
    )
    doc = analyze(article_from_text(f"Bridge shut\n\n{paragraph}\n\n{MORE_STORY}"))
    flags = {s.text: s.boilerplate for s in doc.sentences}
    assert flags == {
        "Updated 9:05 AM ET.": True,
        "The bridge was shut on Tuesday.": False,
        "Photo: Jane Doe/AP.": True,
        "It will reopen in May, officials said.": False,
        MORE_STORY: False,
    }


def test_a_paragraph_ending_in_its_photo_credit_is_a_caption_throughout() -> None:
    caption = "Workers inspect the bridge on Tuesday. Its steel has rusted. (Jane Doe/AP)"
    assert furniture_paragraphs([STORY, caption, MORE_STORY]) == {1: "caption"}
    toggled = caption + " less"  # the gallery's "less" toggle after the credit
    assert furniture_paragraphs([STORY, toggled, MORE_STORY]) == {1: "caption"}


def test_two_publication_stamps_are_not_a_changed_number() -> None:
    body = f"{STORY}\n\n{MORE_STORY}\n\nThe repairs will cost $4 million, officials said.\n"
    source = f"Bridge shut\n\nUpdated 9:05 AM ET, March 3, 2026\n\n{body}"
    derived = f"Bridge shut\n\nPosted: 6:40 PM, March 4, 2026\n\n{body}"
    report = compare(source, derived)
    labels = {s.text: s.label for s in report.sentences}
    assert labels["Posted: 6:40 PM, March 4, 2026"] == "boilerplate"
    assert not report.changes


def test_titles_are_still_found_after_furniture() -> None:
    text = "By Jane Doe\n\nMarch 3, 2026\n\nBudget Fight Looms Over Harbour Town\n\n" + STORY
    assert article_from_text(text).title == "Budget Fight Looms Over Harbour Town"
    assert article_from_text("Mayor Signs Budget\n\n" + STORY).title == "Mayor Signs Budget"


# ---------------------------------------------------------------- the public names


def test_is_boilerplate_keeps_its_word_limit_and_patterns_their_text() -> None:
    assert is_boilerplate("Advertisement", 1)
    assert not is_boilerplate("Advertisement", MAX_WORDS + 1)
    assert patterns() and all(regex.compile(p) for p in patterns())
    assert not any(p.startswith(("prompt ", "nav ")) for p in patterns())  # reasons stripped
