"""Build `gold/fresh4_pairs.tsv`: real reuse pairs of `../shared/data/wire-reprints/`
that share no article with any judged real pair (the `fresh4` slice of
`silver_audit.py`).

The rules are those of `fresh3_pairs.py` (not in `silver_pairs.tsv`, no article of a
gold pair, of a fresh2 pair or of a fresh3 pair, different publishers, both texts at
least 80 words, containment below 0.9, at most 3 pairs per article, the longer text as
source), with a shorter shared verbatim run: at least 12 words (fresh2 and fresh3 took
20 or more; no pair with a run of 20 or more is left), taken longest run first (then
containment, then ids), up to 200. 126 pairs share a run of 12 words or more, but a
12-word run is not always reuse, so:

- a run of page furniture is not read (`FURNITURE`: the copyright line of AP and CNN
  Newsource, a comment-box prompt, the BBC share panel): 66 pairs share nothing else
  and are left out;
- `SKIP` leaves out, by hand, 5 pairs whose only run was read and is no reuse: a photo
  caption on both sides, a caption on one side, and stock phrasing of the summit that
  outlets wrote independently.

That leaves a pool of 55 pairs; the cap of 3 pairs per article keeps 44, all taken. Most
share one quotation (the same remark of Trump, Ek, Coats or Clinton's tweet as each
outlet reported it) or one wire paragraph, so they are loosely aligned. The direction
is turned round (`FLIP`) where content shows the longer text is a later story that
reuses the shorter. Only ids are stored.

    .venv/bin/python -m benchmarks.fresh4_pairs    # rewrites gold/fresh4_pairs.tsv
"""

from __future__ import annotations

from benchmarks import fresh2_pairs, silver_audit
from benchmarks.common import ROOT

PATH = ROOT / "benchmarks" / "gold" / "fresh4_pairs.tsv"
LOW, HIGH = 0.0, 0.9
MIN_RUN, PAIRS = 12, 200
FURNITURE = (
    "all rights reserved",
    "may not be published",
    "facebook commenting",
    "conversation guidelines",
    "external links",
    "share panel",
)
SKIP = frozenset(
    frozenset(pair)
    for pair in (
        ("helsinki:8345", "helsinki:7827"),  # the same AP photo caption
        ("helsinki:1885", "helsinki:6472"),  # a Reuters caption vs a lede: stock phrasing
        ("helsinki:10056", "helsinki:5487"),  # 'scheduled to meet ... in Helsinki'
        ("helsinki:5000", "helsinki:3706"),  # 'summit between US President ...'
        ("helsinki:7362", "helsinki:3706"),  # the same phrase
    )
)


# (source, derived) as built, turned round because content says the shorter text is the
# earlier one that the longer reuses
FLIP = frozenset(
    (
        ("helsinki:3534", "helsinki:636"),  # Monday's AP story on Sharif's appeal reuses
        ("helsinki:3534", "helsinki:9451"),  # Sunday's on the mourning, with higher tolls
    )
)


def _furniture(run: str) -> bool:
    return any(phrase in run for phrase in FURNITURE)


def judged_articles() -> frozenset[str]:
    """Articles of a fresh2 or fresh3 pair."""
    pairs = silver_audit.fresh2_pairs() + silver_audit.fresh3_pairs()
    return frozenset(k for pair in pairs for k in pair)


def build() -> list[tuple[str, str, float, int]]:
    rows = fresh2_pairs.build(
        LOW, HIGH, judged_articles(), PAIRS, MIN_RUN, by_run=True, furniture=_furniture, skip=SKIP
    )
    return [(d, s, c, n) if (s, d) in FLIP else (s, d, c, n) for s, d, c, n in rows]


def main() -> None:
    fresh2_pairs.write(build(), PATH, run=True)


if __name__ == "__main__":
    main()
