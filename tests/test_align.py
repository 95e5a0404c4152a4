from __future__ import annotations

import numpy as np
import pytest

from divergence.align import align, top_k_neighbours
from divergence.config import DEFAULTS


def _unit(rng: np.random.Generator, n: int, d: int = 16) -> np.ndarray:
    x = rng.normal(size=(n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize(("n", "k", "chunk"), [(30, 4, 7), (50, 10, 1024), (5, 8, 2)])
def test_top_k_matches_brute_force(n: int, k: int, chunk: int) -> None:
    rng = np.random.default_rng(n)
    emb = _unit(rng, n)
    owner = rng.integers(0, 3, size=n)
    idx, sim, best = top_k_neighbours(emb, owner, k, chunk=chunk)
    full = emb @ emb.T
    for i in range(n):
        cands = sorted((-full[i, j], j) for j in range(n) if owner[j] != owner[i])
        want = [j for _, j in cands[: idx.shape[1]]]
        got = [j for j in idx[i] if j >= 0]
        assert got == want[: len(got)]
        assert np.allclose([full[i, j] for j in got], sim[i][: len(got)], atol=1e-5)
        assert np.isclose(best[i], -cands[0][0], atol=1e-5)


@pytest.mark.parametrize("floor", [0.0, 0.3])
def test_top_k_with_floor_matches_brute_force(floor: float) -> None:
    rng = np.random.default_rng(7)
    emb = _unit(rng, 60, 4)  # low dimension: many pairs above the floor
    owner = rng.integers(0, 4, size=60)
    idx, _sim, _ = top_k_neighbours(emb, owner, 6, chunk=16, floor=floor)
    full = emb @ emb.T
    for i in range(60):
        cands = sorted(
            (-full[i, j], j) for j in range(60) if owner[j] != owner[i] and full[i, j] >= floor
        )
        assert [j for j in idx[i] if j >= 0] == [j for _, j in cands[:6]]


def test_identical_articles_align_one_to_one() -> None:
    rng = np.random.default_rng(1)
    a = _unit(rng, 6)
    result = align([a, a.copy()])
    assert len(result.groups) == 6
    for g in result.groups:
        assert [m.article for m in g.members] == [0, 1]
        assert g.members[0].first == g.members[1].first


def test_merged_sentence_joins_its_two_halves() -> None:
    rng = np.random.default_rng(2)
    a = _unit(rng, 4)
    merged = a[1] + a[2]
    merged /= np.linalg.norm(merged)
    b = np.stack([a[0], merged, a[3]])
    result = align([a, b], DEFAULTS.with_options(min_similarity=0.5))
    spans = {(g.members[0].first, g.members[0].last): g.members[1].first for g in result.groups}
    assert spans[(1, 2)] == 1


def test_reordered_paragraphs_still_align() -> None:
    rng = np.random.default_rng(3)
    a = _unit(rng, 5)
    b = a[[4, 3, 2, 1, 0]]
    result = align([a, b])
    pairs = sorted((g.members[0].first, g.members[1].first) for g in result.groups)
    assert pairs == [(0, 4), (1, 3), (2, 2), (3, 1), (4, 0)]


def test_unrelated_content_stays_unmatched() -> None:
    rng = np.random.default_rng(4)
    result = align([_unit(rng, 5, 256), _unit(rng, 5, 256)])
    assert result.groups == ()


def test_three_articles_form_one_group() -> None:
    rng = np.random.default_rng(5)
    a = _unit(rng, 3)
    result = align([a, a.copy(), a.copy()])
    assert all(len(g.members) == 3 for g in result.groups)
    assert len(result.groups) == 3


def test_other_takes_pair_for_the_best_total_fit() -> None:
    """Most similar first would pair a0 with b0 (0.9) and leave a1 with b1 (0.1); the best
    total pairs a0-b1 and a1-b0 (0.8 + 0.8). A third left-over that fits nothing stays out."""
    from divergence.align import other_takes

    sim = np.array([[0.9, 0.8], [0.8, 0.1], [0.0, 0.05]])
    # vectors whose dot products are `sim`: the rows of `sim` against the unit vectors
    links = other_takes([sim, np.eye(2)], [[0, 1, 2], [0, 1]], min_cosine=-1.0)
    assert sorted((i, j) for _, i, _, j, _ in links) == [(0, 1), (1, 0)]


def test_other_takes_pair_shared_words_before_a_slightly_closer_cosine() -> None:
    """Two left-overs on one side, one on the other: by cosine alone b0 takes a1 (0.12
    against 0.08), so a0 would be reported missing; a0 and b0 share their topic's words,
    so they pair, and a1, which shares nothing, is the one left out."""
    from divergence.align import other_takes

    sim = np.array([[0.08], [0.12]])
    words = [
        [frozenset({"miliband", "pledge", "wage"}), frozenset({"hurricane", "coast"})],
        [frozenset({"miliband", "vote", "tax"})],
    ]
    by_cosine = other_takes([sim, np.eye(1)], [[0, 1], [0]], min_cosine=-1.0)
    assert [(i, j) for _, i, _, j, _ in by_cosine] == [(1, 0)]
    by_fit = other_takes(
        [sim, np.eye(1)], [[0, 1], [0]], min_cosine=-1.0, words=words, lexical_weight=1.0
    )
    assert [(i, j, c) for _, i, _, j, c in by_fit] == [(0, 0, 0.08)]  # the cosine is kept


@pytest.mark.parametrize("shape", [(1, 1), (3, 3), (4, 7), (7, 4), (12, 12), (30, 18)])
def test_best_assignment_matches_an_exact_solver(shape: tuple[int, int]) -> None:
    from scipy.optimize import linear_sum_assignment  # a test-only oracle

    from divergence.align import best_assignment

    rng = np.random.default_rng(sum(shape))
    for _ in range(20):
        sim = rng.uniform(-1, 1, shape).round(2)  # rounded: ties happen
        pairs = best_assignment(sim)
        rows, cols = linear_sum_assignment(sim, maximize=True)
        assert len(pairs) == min(shape)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert np.isclose(sum(sim[i, j] for i, j in pairs), sim[rows, cols].sum())
