"""Trace: the source of a rewrite ranks first, by containment; every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_corpus_fixtures import STORIES, sentences

from retold import Corpus
from retold.cli import main
from retold.corpus.trace import containment_ranking
from retold.text.article import Article


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    c = Corpus(tmp_path / "c.db")
    for name, text in STORIES.items():
        c.add(Article(text, id=name, date="2024-02-01", publisher="Test Wire"))
    # a long digest that quotes the ferry story in full, among much else
    digest = " ".join(STORIES[n] for n in ("orchard", "museum", "bridge")) + " " + STORIES["ferry"]
    c.add(Article(digest, id="digest", date="2024-02-03"))
    return c


def test_abridged_rewrite_ranks_its_source_first(corpus: Corpus) -> None:
    short = " ".join(sentences("ferry")[:3]) + " Readers have told us they are furious."
    result = corpus.trace(Article(short, id="blog", date="2024-02-05"), top=3)
    assert result.candidates[0].id == "ferry"
    best = result.candidates[0]
    assert best.share_of_article > 0.7 and best.share_of_candidate < 0.7
    assert best.direction == "candidate->article"
    assert result.report is not None and result.report.source.id == "ferry"


def test_containment_not_jaccard_prefers_the_short_source() -> None:
    # both contain all 4 shared n-grams; containment ties, so shared count then id decide
    ranking = containment_ranking(frozenset({1, 2, 3, 4}), [(1, 10), (2, 10), (1, 20), (3, 20)])
    assert ranking[0] == (10, 2) and ranking[1] == (20, 2)


def test_stitched_rewrite_finds_both_sources_and_compares_all(corpus: Corpus) -> None:
    stitched = " ".join(sentences("orchard")[:3] + sentences("bridge")[:3])
    result = corpus.trace(stitched, top=3, compare_all=True)
    ids = [c.id for c in result.candidates]
    assert {"orchard", "bridge"} <= set(ids[:3])
    assert len(result.reports) == 1  # one report against every source with shared text
    report = result.reports[0]
    assert {s.id for s in report.sources} >= {"orchard", "bridge"}
    # every sentence comes from one of them (here a digest that carries both stories)
    assert all(s.label != "new" for s in report.sentences)
    assert result.to_dict()["schema"] == "retold.trace/1"


def test_article_in_the_corpus_is_not_its_own_source(corpus: Corpus) -> None:
    result = corpus.trace(Article(STORIES["museum"], id="museum"), top=2)
    assert result.candidates[0].id == "digest"


def test_other_records_of_the_same_text_are_identical_candidates(corpus: Corpus) -> None:
    corpus.add(Article(STORIES["museum"], id="museum-reprint", publisher="Daily Echo"))
    result = corpus.trace(Article(STORIES["museum"], id="museum"), top=3)
    first = result.candidates[0]
    assert first.id == "museum-reprint" and first.identical
    assert first.share_of_article == first.share_of_candidate == 1.0
    assert [c.id for c in result.candidates[1:]] == ["digest"]
    fresh = corpus.trace(STORIES["museum"], top=3)  # not in the corpus under its own id
    assert {c.id for c in fresh.candidates[:2]} == {"museum", "museum-reprint"}


def test_unrelated_article_has_no_candidates(corpus: Corpus) -> None:
    other = "Completely different words about astronomy and telescopes fill this short note " * 3
    result = corpus.trace(other)
    assert result.candidates == () and result.report is None


def test_trace_cli_every_format(tmp_path: Path, corpus: Corpus) -> None:
    article = tmp_path / "blog.txt"
    article.write_text("Ferry news\n\n" + " ".join(sentences("ferry")[1:5]), encoding="utf-8")
    db = corpus.path
    runner = CliRunner()
    js = runner.invoke(main, ["trace", db, str(article), "--format", "json", "--top", "2"])
    assert js.exit_code == 0, js.output
    data = json.loads(js.output)
    assert data["schema"] == "retold.trace/1"
    assert data["candidates"][0]["id"] == "ferry"
    assert set(data["candidates"][0]) >= {"share_of_article", "share_of_candidate", "direction"}
    assert data["report"]["schema"] == "retold.report/1"
    text = runner.invoke(main, ["trace", db, str(article)])
    assert text.exit_code == 0 and "ferry" in text.output and "verbatim" in text.output
    md = runner.invoke(main, ["trace", db, str(article), "--format", "markdown"])
    assert md.output.startswith("# retold trace") and "| 1 | ferry |" in md.output
    page = runner.invoke(main, ["trace", db, str(article), "--format", "html"])
    assert page.output.count("<body") == 1 and '<section class="trace">' in page.output


def test_trace_missing_db_is_one_error_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(STORIES["ferry"], encoding="utf-8")
    result = CliRunner().invoke(main, ["trace", str(tmp_path / "none.db"), str(article)])
    assert result.exit_code == 1 and result.output.startswith("Error: ")


TURKISH = """Liman kentinde yeni köprü açıldı

Karadeniz kıyısındaki liman kentinde iki yıldır süren inşaat çalışmaları sona erdi ve yeni köprü pazartesi günü trafiğe açıldı. Belediye başkanı Ayşe Demir açılış töreninde köprünün şehrin iki yakasını on dakikada birleştireceğini söyledi. Köprünün maliyeti planlanandan yüzde otuz fazla oldu ve muhalefet partileri ihalenin şeffaf yapılmadığını iddia etti. Esnaf ise yeni yolun kente daha fazla turist getireceğini umuyor. Çevre grupları köprü ayaklarının balıkçıların ağlarına zarar verdiğini belirterek bir rapor hazırladı."""


def test_non_english_rewrite_is_traced(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(
            [Article(TURKISH, id="tr-wire"), *(Article(t, id=n) for n, t in STORIES.items())]
        )
        body = TURKISH.split("\n\n", 1)[1]
        rewrite = "Okurlarımız için özet. " + " ".join(body.split(". ")[:3])
        result = corpus.trace(rewrite, top=2)
    assert result.candidates[0].id == "tr-wire"
    assert result.candidates[0].share_of_article > 0.7
