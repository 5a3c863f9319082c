"""The app's CPU work, run in the worker processes (`retold.web.pool`).

Each job reads its input, makes the library calls and returns the finished response
body (JSON bytes or a page), so the server process only moves bytes. Jobs are
module-level functions over plain values: they cross a process boundary.
"""

from __future__ import annotations

import heapq
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from retold.compare import compare
from retold.errors import InputError
from retold.render import render
from retold.text.article import Article
from retold.text.load import article_from_record, decode, parse_article
from retold.web.errors import NotInCorpus

_SURROGATE = re.compile("[\ud800-\udfff]")
KINDS = {"txt": "txt", "text": "txt", "html": "html", "htm": "html", "json": "json"}
CORPUS_ROWS = 200  # pairs (and clusters) listed on the corpus page
STRONG_PAIRS = 20_000  # reprint pairs remembered to give each cluster member its share


def clean(text: str) -> str:
    """Lone surrogates (JSON "\\ud800") replaced by U+FFFD, one for one: such a string
    cannot be written as UTF-8, so it would fail the response, not the request."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text


def to_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "replace")


def to_page(page: str) -> bytes:
    return page.encode("utf-8", "replace")


@dataclass(frozen=True)
class Pasted:
    """An article from a form: pasted text, or the bytes of an uploaded file."""

    role: str  # "source", "derived" or "article": names it in errors
    text: str = ""
    data: bytes | None = None
    filename: str = ""

    def article(self) -> Article:
        if self.data is not None:
            name = PurePosixPath(self.filename.replace("\\", "/")).name or self.role
            text, note = decode(self.data, name=name)
            kind = KINDS.get(name.rsplit(".", 1)[-1].lower(), "") if "." in name else ""
            article = parse_article(text, name=name, kind=kind)
            if note:
                article = Article(**{**article.__dict__, "notes": (*article.notes, note)})
            return article
        if not self.text.strip():
            raise InputError(
                f"the {self.role} article is empty", hint="paste its text or upload a file"
            )
        return parse_article(self.text, name=self.role)


def compare_json(source: dict[str, str], derived: dict[str, str]) -> bytes:
    """POST /api/compare: the retold.report/1 JSON."""
    report = compare(
        article_from_record(source, id="source"), article_from_record(derived, id="derived")
    )
    return to_json(report.to_dict())


def compare_page(source: Pasted, derived: Pasted) -> bytes:
    """POST /compare: the report page."""
    return to_page(render(compare(source.article(), derived.article()), "html"))


def trace_json(db: str, article: dict[str, str], top: int) -> bytes:
    """POST /api/trace: the retold.trace/1 JSON."""
    from retold.corpus import Corpus

    with Corpus(db, create=False) as corpus:
        return to_json(corpus.trace(article_from_record(article, id="article"), top=top).to_dict())


def trace_page(db: str, article: Pasted, top: int) -> bytes:
    """POST /trace: the candidates page, with the best candidate's findings."""
    from retold.corpus import Corpus
    from retold.web.pages import trace_page as page

    with Corpus(db, create=False) as corpus:
        result = corpus.trace(article.article(), top=top)
    return to_page(page(result, article.text, top))


def trace_compare_page(db: str, article: Pasted, candidate: str) -> bytes:
    """POST /trace/compare: the report page for the pasted article against one candidate."""
    from retold.corpus import Corpus

    with Corpus(db, create=False) as corpus:
        source = stored_article(corpus, candidate)
    return to_page(render(compare(source, article.article()), "html"))


def stored_compare(db: str, source: str, derived: str, fmt: str) -> bytes:
    """GET /corpus/compare (and its JSON twin): two stored articles, by id."""
    from retold.corpus import Corpus

    with Corpus(db, create=False) as corpus:
        report = compare(stored_article(corpus, source), stored_article(corpus, derived))
    return to_json(report.to_dict()) if fmt == "json" else to_page(render(report, "html"))


def stored_article(corpus: Any, id: str) -> Article:
    """The article stored under `id`: a 404 when the corpus has none."""
    article: Article | None = corpus.article(id)
    if article is None:
        raise NotInCorpus(
            f"the corpus has no article with id {id!r}", hint="pick one from the corpus page"
        )
    return article


def scan_summary(db: str, rows: int = CORPUS_ROWS) -> dict[str, object]:
    """GET /corpus: the reprint clusters and the strongest pairs (at most `rows` each),
    with the totals. The scan streams; only what is shown is kept."""
    from retold.corpus import Corpus

    pairs: list[tuple[float, int, dict[str, object]]] = []
    strong: dict[tuple[str, str], float] = {}  # (other, member) -> share of member
    clusters: list[dict[str, object]] = []
    counts = {"pair": 0, "cluster": 0}
    with Corpus(db, create=False) as corpus:
        articles = len(corpus)
        for n, record in enumerate(corpus.scan(workers=1)):
            kind = str(record.get("type"))
            counts[kind] = counts.get(kind, 0) + 1
            if kind == "pair":
                share_a, share_b = float(str(record["share_a"])), float(str(record["share_b"]))
                _keep(pairs, (max(share_a, share_b), -n, record), rows)
                if max(share_a, share_b) >= 0.8 and len(strong) < STRONG_PAIRS:
                    a, b = str(record["a"]), str(record["b"])
                    strong[(b, a)], strong[(a, b)] = share_a, share_b
            elif kind == "cluster" and len(clusters) < rows:
                original = str(record["original"])
                members = [str(m) for m in record["members"]]  # type: ignore[attr-defined]
                shares = {m: strong.get((original, m)) for m in members if m != original}
                clusters.append({**record, "shares": shares})
    return {
        "schema": "retold.corpus/1",
        "articles": articles,
        "pair_count": counts["pair"],
        "cluster_count": counts["cluster"],
        "pairs": [record for _, _, record in sorted(pairs, key=lambda p: (-p[0], -p[1]))],
        "clusters": clusters,
    }


def _keep(
    heap: list[tuple[float, int, dict[str, object]]],
    item: tuple[float, int, dict[str, object]],
    size: int,
) -> None:
    """Keep the `size` largest items in `heap`."""
    if len(heap) < size:
        heapq.heappush(heap, item)
    else:
        heapq.heappushpop(heap, item)
