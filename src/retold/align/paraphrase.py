"""Same content? A scorer for one sentence pair, for the aligner's candidate pairs.

Lexical features over retold's own comparison keys (stems, synonym groups, numbers by
value) and rarity weights, combined by a logistic model. The weights live in
`data/paraphrase.json`; they were fitted on the MRPC *training* split only by
`benchmarks/mrpc.py --fit` (the test split is used for evaluation alone). Pure Python:
no model download, no numpy at run time. A sentence's profile (bag, n-grams, numbers) is
cached, so scoring a pair costs a few dict and set operations.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from rapidfuzz.distance import Indel

from retold.text.document import Sentence, words_of
from retold.text.lexicon import guess_language

FEATURES = (
    "recall_min",  # weighted content-key recall, the smaller of the two directions
    "recall_max",  # ... and the larger
    "unsupported_min",  # log(1 + content weight one side has and the other lacks), smaller
    "unsupported_max",  # ... larger
    "bigram_dice",  # Dice overlap of key bigrams
    "trigram_dice",  # Dice overlap of key trigrams
    "number_mismatch",  # 1 when the sets of numbers (by value) differ
    "numbers_unmatched",  # numbers on one side only, capped at 3
    "length_ratio",  # shorter / longer, in words
    "lcs",  # normalised Indel similarity of the key sequences (LCS share)
    "key_jaccard",  # Jaccard of the key sets, function words included
)


@dataclass(frozen=True, slots=True)
class _Profile:
    bag: dict[str, float]
    total: float
    keys: tuple[str, ...]
    key_set: frozenset[str]
    bigrams: frozenset[str]  # n-grams joined by NUL: strings hash and compare fastest
    trigrams: frozenset[str]
    numbers: frozenset[str]


@lru_cache(maxsize=65_536)
def _profile(keys: tuple[str, ...], weights: tuple[float, ...]) -> _Profile:
    bag: dict[str, float] = {}
    for key, weight in zip(keys, weights, strict=True):
        if weight > 0 and weight > bag.get(key, 0.0):
            bag[key] = weight
    return _Profile(
        bag,
        sum(bag.values()),
        keys,
        frozenset(keys),
        frozenset(map("\0".join, pairwise(keys))),
        frozenset(map("\0".join, zip(keys, keys[1:], keys[2:], strict=False))),
        frozenset(k for k in keys if k[:1].isdigit()),
    )


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def features(a: Sentence, b: Sentence) -> tuple[float, ...]:
    """The feature vector of a pair, in the order of FEATURES (symmetric in a and b)."""
    pa = _profile(a.keys, a.weights)
    pb = _profile(b.keys, b.weights)
    common = pa.bag.keys() & pb.bag.keys()
    shared_a = sum(map(pa.bag.__getitem__, common))
    shared_b = sum(map(pb.bag.__getitem__, common))
    recall_a = shared_a / pa.total if pa.total else 0.0
    recall_b = shared_b / pb.total if pb.total else 0.0
    lone_a = math.log1p(pa.total - shared_a)
    lone_b = math.log1p(pb.total - shared_b)
    unmatched = len(pa.numbers ^ pb.numbers) if pa.numbers or pb.numbers else 0
    la, lb = len(pa.keys), len(pb.keys)
    both = len(pa.key_set & pb.key_set)
    union = len(pa.key_set) + len(pb.key_set) - both
    return (
        min(recall_a, recall_b),
        max(recall_a, recall_b),
        min(lone_a, lone_b),
        max(lone_a, lone_b),
        _dice(pa.bigrams, pb.bigrams),
        _dice(pa.trigrams, pb.trigrams),
        1.0 if unmatched else 0.0,
        float(min(unmatched, 3)),
        min(la, lb) / max(la, lb) if la and lb else 0.0,
        Indel.normalized_similarity(pa.keys, pb.keys),
        both / union if union else 0.0,
    )


@dataclass(frozen=True)
class Model:
    """A logistic model on FEATURES (coefficients on the raw feature scale)."""

    bias: float
    weights: tuple[float, ...]
    threshold: float  # probability at or above which a pair is the same content
    note: str = ""

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, values, strict=True))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def model() -> Model:
    """The fitted model of data/paraphrase.json."""
    raw = resources.files("retold").joinpath("data/paraphrase.json").read_text("utf-8")
    data = json.loads(raw)
    if tuple(data["features"]) != FEATURES:
        raise ValueError("data/paraphrase.json was fitted on other features: refit it")
    return Model(
        float(data["bias"]),
        tuple(float(w) for w in data["weights"]),
        float(data["threshold"]),
        str(data.get("note", "")),
    )


def same_content(a: Sentence, b: Sentence) -> float:
    """Probability that two sentences say the same thing (MRPC's paraphrase sense)."""
    return model().probability(features(a, b))


def is_same_content(a: Sentence, b: Sentence) -> bool:
    """The decision at the model's threshold (tuned on MRPC train for accuracy)."""
    m = model()
    return m.probability(features(a, b)) >= m.threshold


def sentence(text: str, language: str = "") -> Sentence:
    """A lone sentence (not split further), analysed as the aligner analyses sentences."""
    language = language or guess_language(text)
    norms, starts, ends, keys, weights = words_of(text, 0, len(text), language)
    return Sentence(
        index=0,
        start=0,
        end=len(text),
        paragraph=0,
        text=text,
        norms=norms,
        starts=starts,
        ends=ends,
        keys=keys,
        weights=weights,
        boilerplate=False,
    )
