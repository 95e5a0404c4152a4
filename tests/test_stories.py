"""Story grouping: MinHash copies against brute force, clustering against one global fit."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from divergence import stories as S

ECB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "data" / "ecbplus_articles.jsonl"

BASE = (
    "The central bank raised its main interest rate by half a point on Tuesday, the largest "
    "increase in two decades, saying inflation had spread from energy to food and services "
    "and that further rises were likely before the end of the year."
)

# (left, right, is a copy)
COPY_CASES = [
    (BASE, BASE, True),
    (BASE, BASE.upper() + "  ", True),  # case and spacing do not matter
    (BASE, "AP - " + BASE + " Reporting by Jane Doe.", True),  # wire credit lines
    (BASE, BASE.replace("half a point", "a quarter point").replace("Tuesday", "Monday"), False),
    (
        BASE,
        "Floods closed three roads in the north of the county after a night of heavy rain.",
        False,
    ),
]


@pytest.mark.parametrize(("left", "right", "copy"), COPY_CASES)
def test_find_copies_cases(left: str, right: str, copy: bool) -> None:
    assert S.find_copies([left, right]) == [None, 0 if copy else None]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = np.random.RandomState(seed)
    vocab = [f"w{i}" for i in range(300)]
    base = [" ".join(rng.choice(vocab, 60)) for _ in range(n // 2)]
    out = list(base)
    for t in base:  # an edited copy of each: 0..12 of 60 words changed
        words = t.split()
        for j in rng.choice(60, rng.randint(0, 13), replace=False):
            words[j] = "x" + words[j]
        out.append(" ".join(words))
    return out


def test_find_copies_matches_brute_force() -> None:
    texts = _random_texts(40, seed=3)
    sets = [S.shingles(t) for t in texts]
    parent = list(range(len(texts)))
    for i, j in itertools.combinations(range(len(texts)), 2):  # plain loop over all pairs
        if S.jaccard(sets[i], sets[j]) >= S.MIN_COPY_JACCARD:
            a, b = parent[i], parent[j]
            parent = [min(a, b) if p in (a, b) else p for p in parent]
    expected = [None if parent[i] == i else parent[i] for i in range(len(texts))]
    assert S.find_copies(texts) == expected
    assert any(e is not None for e in expected) and any(e is None for e in expected[20:])


def test_minhash_estimates_jaccard() -> None:
    texts = _random_texts(20, seed=5)
    sets = [S.shingles(t) for t in texts]
    sig = S.minhash(sets)
    for i in range(10):
        exact = S.jaccard(sets[i], sets[i + 10])
        estimate = float(np.mean(sig[i] == sig[i + 10]))
        assert abs(exact - estimate) < 0.15, (exact, estimate)


def test_copy_original_is_the_earliest() -> None:
    texts = [BASE, BASE, BASE]
    assert S.find_copies(texts, order=[(3,), (1,), (2,)]) == [1, None, 1]


def _blobs(seed: int, n_centres: int = 6, per: int = 5, d: int = 16) -> np.ndarray:
    rng = np.random.RandomState(seed)
    centres = rng.randn(n_centres, d)
    x = np.repeat(centres, per, axis=0) + 0.45 * rng.randn(n_centres * per, d)
    x = x[rng.permutation(len(x))]
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_cluster_by_components_equals_one_global_fit(seed: int, cut: float) -> None:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score

    x = _blobs(seed)
    dist = np.clip(1.0 - x.astype(np.float64) @ x.T.astype(np.float64), 0, 2)
    np.fill_diagonal(dist, 0)
    expected = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=cut
    ).fit_predict(dist)
    got = S.cluster(x, max_distance=cut)
    assert adjusted_rand_score(expected, got) == 1.0
    firsts = [list(got).index(v) for v in range(got.max() + 1)]
    assert firsts == sorted(firsts)


def test_cluster_labels_are_numbered_by_first_row_and_deterministic() -> None:
    x = _blobs(7)
    a, b = S.cluster(x), S.cluster(x.copy())
    assert list(a) == list(b)
    firsts = [list(a).index(v) for v in range(a.max() + 1)]
    assert firsts == sorted(firsts)


# (days of three identical vectors, expected labels)
WINDOW_CASES = [
    ([0, 2, 3], [0, 0, 0]),
    ([0, 10, 11], [0, 1, 1]),
    ([0, None, 10], "undated joins one of them"),
    ([None, None, None], [0, 0, 0]),
]


@pytest.mark.parametrize(("days", "expected"), WINDOW_CASES)
def test_time_window(days: list[int | None], expected: object) -> None:
    x = np.tile(np.eye(4, dtype=np.float32)[:1], (3, 1))
    got = list(S.cluster(x, days, max_distance=0.5, window_days=3))
    if isinstance(expected, list):
        assert got == expected
    else:
        assert got[0] != got[2] and got[1] in (got[0], got[2])


def test_group_stories_copies_join_their_original() -> None:
    other = "Floods closed three roads in the north of the county after a night of heavy rain."
    ids = ["a", "b", "c"]
    texts = [BASE, other, "AP - " + BASE]
    v = np.array([[0, 1], [0, 1], [1, 0]], dtype=np.float32)  # the copy's lead looks like b's
    stories, copy_of = S.group_stories(
        ids, v, texts, ["2024-05-02", None, "2024-05-01"], lexical_weight=0
    )
    assert copy_of == [2, None, None]  # the earlier one is the original
    assert [(s.members, s.analysed) for s in stories] == [((0, 2), (2,)), ((1,), (1,))]
    assert stories[0].id == S.story_id(["c", "a"])


@pytest.mark.parametrize(
    ("gold", "pred"),
    [([0, 0, 1, 1, 2], [0, 0, 0, 1, 1]), ([0, 1, 2, 3], [0, 0, 0, 0]), ([5, 5, 5], [1, 2, 3])],
)
def test_bcubed_matches_a_plain_loop(gold: list[int], pred: list[int]) -> None:
    n = len(gold)
    p = (
        sum(
            sum(gold[i] == gold[j] and pred[i] == pred[j] for j in range(n)) / pred.count(pred[i])
            for i in range(n)
        )
        / n
    )
    r = (
        sum(
            sum(gold[i] == gold[j] and pred[i] == pred[j] for j in range(n)) / gold.count(gold[i])
            for i in range(n)
        )
        / n
    )
    got = S.bcubed(gold, pred)
    assert got[:2] == pytest.approx((p, r))
    assert got[2] == pytest.approx(2 * p * r / (p + r))


@pytest.mark.model
@pytest.mark.skipif(not ECB.is_file(), reason="ECB+ evaluation data not present")
def test_ecb_subset_groups_into_its_gold_stories(embedder) -> None:  # type: ignore[no-untyped-def]
    from divergence.batch import lead_texts
    from divergence.ingest import load_articles

    rows = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()]
    keep = {"1_ecb", "1_ecbplus", "3_ecbplus", "8_ecb"}
    picked = [r for r in rows if r["cluster"] in keep]
    from divergence.types import Article

    articles = load_articles(
        [Article(r["id"], r["text"], r.get("outlet"), r.get("title")) for r in picked]
    )
    vectors = embedder.encode(lead_texts(articles, S.LEAD_SENTENCES))
    stories, _ = S.group_stories(
        [a.id for a in articles], vectors, [a.text for a in articles], [None] * len(articles)
    )
    pred = np.zeros(len(articles), dtype=np.int64)
    for k, s in enumerate(stories):
        pred[list(s.members)] = k
    assert S.bcubed([r["cluster"] for r in picked], pred)[2] >= 0.8
