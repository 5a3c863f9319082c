"""The HTML report page: marks where the offsets say, quote badges, the header, escaping."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import retold
from retold.checks.records import ChangeReport, QuoteReport
from retold.render.html import page_csp, page_script, render_html, word_diff
from retold.render.marks import Mark, QuoteSpan, mark_up, safe_text
from retold.render.rows import align_rows
from retold.render.summary import quote_severity, title_of
from retold.report import Report
from retold.text.article import Article

EXAMPLES = Path(__file__).parent.parent / "examples"
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr"}


class Page(HTMLParser):
    """Reads a page back: each sentence's text, the text under each mark, tags that nest."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.sentence_text: dict[str, str] = defaultdict(str)
        self.marked: dict[tuple[str, str], str] = defaultdict(str)  # (sentence id, ref) -> text
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.visible = ""
        self.feed(page)
        self.close()
        assert not self.stack, f"unclosed tags: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def _inside(self, css: str) -> list[dict[str, str]]:
        return [a for _, a in self.stack if css in a.get("class", "").split()]

    def handle_data(self, data: str) -> None:
        if any(tag in ("script", "style", "title") for tag, _ in self.stack):
            return
        self.visible += data
        sentence, text = self._inside("sent"), self._inside("text")
        if not sentence or not text or self._inside("qbadge"):
            return
        sid = sentence[-1]["id"]
        self.sentence_text[sid] += data
        for mark in self._inside("chg"):
            for ref in mark["data-refs"].split():
                self.marked[(sid, ref)] += data

    def with_class(self, css: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if css in a.get("class", "").split()]


@pytest.fixture(scope="module")
def seed() -> tuple[Report, Article, Article]:
    source = retold.load_article(str(EXAMPLES / "wire.txt"))
    derived = retold.load_article(str(EXAMPLES / "blog.txt"))
    return retold.compare(source, derived), source, derived


def test_every_change_is_marked_on_both_sides_where_its_offsets_say(seed) -> None:
    report, source, derived = seed
    page = Page(render_html(report))
    assert report.changes
    for i, c in enumerate(report.changes):
        ref = f"flag-c{i}"
        assert page.marked[(f"d{c.sentence}", ref)] == derived.text[c.derived_start : c.derived_end]
        assert (
            page.marked[(f"s{c.source_sentence}", ref)]
            == source.text[c.source_start : c.source_end]
        )


def test_sentences_read_as_their_text_with_nothing_lost(seed) -> None:
    report, _, _ = seed
    page = Page(render_html(report))
    for s in report.sentences:
        assert page.sentence_text[f"d{s.index}"] == s.text
    for s in report.source.sentences:
        assert page.sentence_text[f"s{s.index}"] == s.text


def test_quote_flags_name_the_status_and_speaker_not_the_quote_kind(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    assert "full ()" not in html and "(): " not in html
    assert "quote altered (Elena Marsh)" in html
    assert "quote altered (David Okafor)" in html


def test_every_quotation_has_a_badge_that_reads_its_status(seed) -> None:
    report, _, _ = seed
    page = Page(render_html(report))
    badges = [a for a in page.with_class("quote") if a.get("id", "").startswith("q")]
    assert [b["data-status"] for b in badges] == [q.status for q in report.quotes]
    html = render_html(report)
    texts = html[html.index('id="texts"') : html.index('id="key"')]
    shown = re.findall(r'<span class="qbadge q-[\w-]+">([^<]*)</span>', texts)
    assert shown == [
        "✓ quote verified · Elena Marsh",
        "✓ quote verified in #3",  # the source side says where the rewrite uses it
        "✗ quote altered · Elena Marsh",
        "✗ quote altered in #4",
        "✗ quote altered · David Okafor",
        "✗ quote altered in #10",
    ]


def test_altered_quote_shows_a_word_diff(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    assert "<del>40,000</del> <ins>60,000</ins>" in html
    assert "single <del>independent</del> review" in html


def test_word_diff_ignores_case_and_edge_punctuation() -> None:
    assert word_diff("It comes", "it comes.") == "it comes."
    assert word_diff("a <b> c", "a c") == "a <del>&lt;b&gt;</del> c"


def test_header_has_verdict_coverage_counts_and_changes_most_severe_first(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    page = Page(html)
    assert "6 changed facts; 1 of 3 quotes verified" in page.visible
    assert "wholly-derived" in page.visible and "77%" in page.visible and "87%" in page.visible
    listed = re.search(r'<ol class="flaglist">(.*?)</ol>', html, re.S)
    assert listed is not None
    severities = re.findall(r'<span class="sev sev-(\w+)">', listed.group(1))
    order = {"high": 0, "medium": 1, "low": 2}
    assert len(severities) == 8 and severities == sorted(severities, key=order.__getitem__)
    assert re.search(r'href="#d4">#4</a>quote altered \(Elena Marsh\)', listed.group(1))


def test_high_and_low_severity_differ_in_colour_and_in_words(seed) -> None:
    report, _, _ = seed
    page = Page(render_html(report))
    marks = page.with_class("chg")
    assert {"sev-high", "sev-medium"} <= {c for m in marks for c in m["class"].split()}
    assert {"number · high", "hedge · medium"} <= {m.get("data-tag") for m in marks}


def test_new_sentences_carry_their_commentary_or_claim_note(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    assert '<span class="tag">commentary</span> finally, it is about time</p>' in html
    commentary = sum(1 for s in report.sentences if s.note.startswith("commentary"))
    assert html.count('<p class="note note-commentary">') == commentary  # under each sentence
    assert html.count('<li class="added note-commentary">') == commentary  # and in the header


def test_dropped_source_sentences_stay_in_place_marked_dropped(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    assert '<a class="where" href="#s8">src 8</a>' in html  # listed in the header too
    order = [int(n) for n in re.findall(r'id="s(\d+)"', html)]
    assert order == sorted(order) == [s.index for s in report.source.sentences]
    assert "dropped · salience 0.45" in html


def test_rewrite_sentences_appear_once_in_their_order(seed) -> None:
    report, _, _ = seed
    order = [int(n) for n in re.findall(r'id="d(\d+)"', render_html(report))]
    assert order == [s.index for s in report.sentences]


def test_a_moved_sentence_links_to_its_source_with_the_way_to_go(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    assert '<a href="#s7">source 7 ↓</a>' in html  # #8 uses src 7, shown after src 5 and 6


def test_untitled_source_is_named_by_its_file_name_never_its_path(wire: str, rewrite: str) -> None:
    body = wire.split("\n", 2)[2]  # no title line
    report = retold.compare(
        Article(body, id="/home/jdoe/cases/tip-4417/wire.txt"),
        Article(rewrite, id="C:\\Users\\jdoe\\blog.txt"),
    )
    html = render_html(report)
    assert "wire.txt" in html
    assert "jdoe" not in html and "tip-4417" not in html and "Users" not in html


def test_title_of_prefers_title_then_file_name_then_url() -> None:
    assert title_of("Harbour plan", "/tmp/x.txt", "source") == "Harbour plan"
    assert title_of("", "/home/me/x.txt", "source") == "x.txt"
    assert title_of("", "business/001.txt", "source") == "001.txt"
    assert title_of("", "https://example.org/story", "source") == "https://example.org/story"
    assert title_of("", "", "source") == "source"


def test_page_loads_nothing_from_outside_and_runs_only_its_own_script(seed) -> None:
    report, _, _ = seed
    html = render_html(report)
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset"):
            value = attrs.get(name, "")
            assert not value or value.startswith("#"), (tag, name, value)
    assert html.count("<script>") == 1
    digest = base64.b64encode(hashlib.sha256(page_script().encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page_csp()
    policies = [
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == [page_csp()]
    assert f"<script>{page_script()}</script>" in html  # byte for byte what the hash covers


def test_the_same_page_reads_back_from_the_json(seed) -> None:
    report, _, _ = seed
    assert render_html(Report.from_dict(report.to_dict())) == render_html(report)


def test_anchor_prefix_keeps_ids_apart(seed) -> None:
    report, _, _ = seed
    html = render_html(report, anchor_prefix="r2-")
    assert 'id="r2-d4"' in html and 'data-links="r2-s2"' in html and 'id="d4"' not in html


# --- hostile text ---------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script> a <img src=x onerror=alert(2)> b "
    '<a href="javascript:alert(3)">c</a> d "><svg onload=alert(4)> &amp; e \ud83d\ude00 f \ud800'
)


def _hostile_report() -> Report:
    base = retold.compare(
        "First line here.\n\nThe plan cost 5 dollars.", "The plan cost 7 dollars."
    )
    text = HOSTILE
    lt = text.index("<img")
    pair = text.index("\ud83d")
    sentence = replace(base.sentences[0], start=100, end=100 + len(text), text=text)
    source = replace(base.source.sentences[0], start=0, end=len(text), text=text)
    changes = (
        ChangeReport(
            "number",
            0,
            0,
            "",
            "",
            "high",
            "<b>bold</b> & co",
            100 + lt + 1,
            100 + lt + 9,
            lt,
            lt + 1,
        ),
        ChangeReport(
            "hedge", 0, 0, "", "", "low", "x", 100 + lt - 2, 100 + lt + 3, pair + 1, pair + 4
        ),
        ChangeReport("date", 0, 0, "", "", "medium", "x", 100 + pair + 1, 100 + pair + 2, -1, -1),
        ChangeReport("entity", 0, 0, "", "", "bogus\"'<", "x", 90, 100 + 5, 0, 10_000),
    )
    quotes = (
        QuoteReport(
            0, 0, 100 + 3, 100 + lt + 2, "q", "<i>Speaker</i>", "altered", source_text="<img"
        ),
        QuoteReport(1, 0, 100 + lt, 100 + lt + 20, "q", None, "<weird>"),
    )
    return replace(
        base,
        source=replace(base.source, title="<script>alert(5)</script>", sentences=(source,)),
        derived=replace(base.derived, id="/home/x/<b>.txt", title=""),
        sentences=(replace(sentence, note="new claim to check: <u>x</u>", source_sentences=(0,)),),
        changes=changes,
        quotes=quotes,
    )


def test_hostile_text_and_offsets_are_escaped_and_keep_the_text() -> None:
    report = _hostile_report()
    html = render_html(report)
    html.encode("utf-8")  # no lone surrogate reaches the page
    for raw in (
        "<script>alert",
        "<img",
        "<svg",
        '<a href="javascript',
        "<b>bold",
        "<i>Speaker",
        "<u>x",
        "<weird>",
    ):
        assert raw not in html, raw
    page = Page(html)
    assert page.sentence_text["d0"] == safe_text(HOSTILE)
    assert page.sentence_text["s0"] == safe_text(HOSTILE)
    assert len([t for t, _ in page.tags if t == "script"]) == 1
    assert all(not a.get(k) for _, a in page.tags for k in a if k.startswith("on"))


def test_a_mark_inside_an_entity_or_a_surrogate_pair_splits_the_text_not_the_markup() -> None:
    text = "a <b> \ud83d\ude00 c"
    html = mark_up(text, 0, [Mark(3, 4, "k", "high", "e", "r1"), Mark(7, 8, "k", "low", "e", "r2")])
    assert html == (
        'a &lt;<mark class="chg sev-high" data-kind="k" data-sev="high" data-refs="r1" '
        'title="high: e" data-tag="k · high">b</mark>&gt; \ufffd<mark class="chg sev-low" '
        'data-kind="k" data-sev="low" data-refs="r2" title="low: e" data-tag="k · low">'
        "\ufffd</mark> c"
    )


def test_overlapping_marks_and_quotes_nest_and_name_every_change() -> None:
    text = "one two three four five"
    marks = [Mark(4, 13, "number", "medium", "x", "r1"), Mark(8, 18, "hedge", "high", "y", "r2")]
    quotes = [
        QuoteSpan(0, 9, "verified", "ok", "t", "q0"),
        QuoteSpan(5, 23, "altered", "no", "t", "q1"),
    ]
    page = Page(
        f'<div class="sent" id="d0"><p class="text">{mark_up(text, 0, marks, quotes)}</p></div>'
    )
    assert page.sentence_text["d0"] == text
    assert page.marked[("d0", "r1")] == text[4:13]
    assert page.marked[("d0", "r2")] == text[8:18]
    overlap = [m for m in page.with_class("chg") if m["data-refs"] == "r1 r2"]
    assert overlap and all(m["data-sev"] == "high" for m in overlap)  # the worse one colours it


spans = st.lists(
    st.tuples(
        st.integers(-5, 40), st.integers(-5, 40), st.sampled_from(["high", "medium", "low", "?"])
    ),
    max_size=6,
)


@given(st.text(max_size=30), st.integers(-10, 10), spans, spans)
def test_marked_text_always_reads_back_as_the_text_with_marks_at_their_offsets(
    text: str,
    base: int,
    change_spans: list[tuple[int, int, str]],
    quote_spans: list[tuple[int, int, str]],
) -> None:
    marks = [Mark(a, b, "k", sev, "<e>", f"r{i}") for i, (a, b, sev) in enumerate(change_spans)]
    quotes = [
        QuoteSpan(a, b, "verified", "<q>", "t", f"q{i}") for i, (a, b, _) in enumerate(quote_spans)
    ]
    html = mark_up(text, base, marks, quotes)
    html.encode("utf-8")
    page = Page(f'<div class="sent" id="d0"><p class="text">{html}</p></div>')
    clean = safe_text(text)
    assert page.sentence_text["d0"] == clean
    for m in marks:
        start, end = max(m.start - base, 0), min(m.end - base, len(clean))
        expected = clean[start:end] if start < end else ""
        assert page.marked.get(("d0", m.ref), "") == expected


# --- layout ---------------------------------------------------------------------------


@given(
    st.integers(0, 12),
    st.integers(0, 12),
    st.data(),
)
def test_rows_show_every_sentence_of_both_texts_once_in_order(
    derived: int, size: int, data: st.DataObject
) -> None:
    links = {
        d: data.draw(st.lists(st.integers(0, max(size - 1, 0)), max_size=3)) if size else []
        for d in range(derived)
    }
    rows = align_rows(derived, [links], [size])
    assert [d for r in rows for d in r.derived] == list(range(derived))
    assert [j for r in rows for j in r.sources[0]] == list(range(size))


def test_rows_put_a_sentence_beside_its_source_and_a_dropped_one_in_its_place() -> None:
    rows = align_rows(4, [{0: [0], 1: [2], 2: [1], 3: [3]}], [5])
    assert [(r.derived, r.sources[0]) for r in rows] == [
        ([0], [0]),
        ([1], []),  # out of order: it links to source 2, shown further down
        ([2], [1]),
        ([], [2]),
        ([3], [3]),
        ([], [4]),  # dropped, at its place at the end of the source
    ]


def test_a_split_sentence_shares_one_row_with_its_source() -> None:
    rows = align_rows(3, [{0: [0], 1: [1], 2: [1]}], [2])
    assert [(r.derived, r.sources[0]) for r in rows] == [([0], [0]), ([1, 2], [1])]


# --- quotes from other reporting and the quote record's own severity --------------------


def test_unsourced_quotes_are_listed_apart_not_as_distortions(seed) -> None:
    report, _, _ = seed
    new = report.sentences[1]  # "Porthaven has finally done something right, …"
    q = replace(report.quotes[0], index=9, sentence=1, start=new.start, end=new.start + 9)
    q = replace(q, status="unsourced", speaker="Ann Lee", text=new.text[:9])
    report = replace(report, quotes=(*report.quotes, q))
    html = render_html(report)
    listed = re.search(r'<ol class="flaglist">(.*?)</ol>', html, re.S)
    assert listed is not None and "unsourced" not in listed.group(1)
    assert "Quotes from other reporting" in html and "Ann Lee: “" in html
    assert "? quote from elsewhere · Ann Lee" in html


def test_quote_severity_is_the_records_own_when_it_has_one(seed) -> None:
    report, _, _ = seed
    q = replace(report.quotes[1], severity="")
    assert quote_severity(q) == "high"  # altered, no severity given: the default
    assert quote_severity(replace(q, severity="low")) == "low"


# --- several sources -----------------------------------------------------------------

FERRY = """Ferry to Gull Island returns

The ferry to Gull Island will run again from May 4, the harbour board said on Friday. "We expect about 300 passengers a day," said board chair Ruth Okoye. Tickets will cost $12 each way. The old pier was repaired over the winter.
"""
BRIDGE = """County approves bridge repairs

The county council approved $9 million on Tuesday to repair the Lark Street bridge. Engineer Tom Vance said the work could take two years. Drivers will use a temporary crossing downstream.
"""
STITCHED = """Island ferry and bridge news

The ferry to Gull Island will run again from May 4, the harbour board said on Friday. "We expect about 500 passengers a day," said board chair Ruth Okoye. The county council approved $19 million on Tuesday to repair the Lark Street bridge. Engineer Tom Vance said the work will take two years.
"""


@pytest.fixture(scope="module")
def stitched() -> tuple[Report, list[Article], Article]:
    sources = [Article(FERRY, id="ferry.txt"), Article(BRIDGE, id="bridge.txt")]
    derived = Article(STITCHED, id="stitched.txt")
    return retold.compare(sources, derived), sources, derived


def test_several_sources_each_get_a_column_with_every_sentence_in_order(stitched) -> None:
    report, _, _ = stitched
    assert len(report.sources) == 2 and {s.source for s in report.sentences} == {0, 1}
    html = render_html(report)
    assert [int(n) for n in re.findall(r'id="s(\d+)"', html)] == [
        s.index for s in report.sources[0].sentences
    ]
    assert [int(n) for n in re.findall(r'id="s2-(\d+)"', html)] == [
        s.index for s in report.sources[1].sentences
    ]
    assert html.count('<div class="colhead src-') == 2 and "--cols: 3" in html
    assert "Source 2: bridge.txt" in html


def test_several_sources_marks_sit_in_their_own_source(stitched) -> None:
    report, sources, derived = stitched
    page = Page(render_html(report))
    assert {c.source for c in report.changes} == {0, 1}
    for i, c in enumerate(report.changes):
        ref = f"flag-c{i}"
        target = f"s{c.source_sentence}" if c.source == 0 else f"s2-{c.source_sentence}"
        assert page.marked[(f"d{c.sentence}", ref)] == derived.text[c.derived_start : c.derived_end]
        assert page.marked[(target, ref)] == sources[c.source].text[c.source_start : c.source_end]


def test_several_sources_links_name_the_source(stitched) -> None:
    report, _, _ = stitched
    html = render_html(report)
    second = next(s for s in report.sentences if s.source == 1 and s.source_sentences)
    j = second.source_sentences[0]
    assert f'<a href="#s2-{j}">source 2:{j}</a>' in html
    assert f'data-links="s2-{j}' in html


def test_a_note_on_what_was_not_checked_is_shown_and_escaped() -> None:
    from retold import compare

    # our own Urdu lines: the fact checks read English only, and the page says so
    source = (
        "پاکستان کی ٹیم نے 128 رنز بنائے اور میچ جیت لیا۔ <b>کپتان</b> نے کہا کہ ٹیم نے اچھا کھیلا۔"
    )
    derived = (
        "پاکستان کی ٹیم نے 129 رنز بنائے اور میچ جیت لیا۔ <b>کپتان</b> نے کہا کہ ٹیم نے اچھا کھیلا۔"
    )
    html = render_html(compare(source, derived))
    assert 'class="note">Not checked: changed facts (the checks read English' in html
    assert "<b>" not in html
