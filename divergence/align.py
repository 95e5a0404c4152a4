"""Group matching passages across N articles from sentence embeddings (pure numpy).

There is no all-pairs step over all sentences: each sentence keeps its ``k`` nearest
neighbours in other articles (chunked matmul + ``argpartition``), and groups grow from the
strongest cross-article links with a union-find that keeps each article's share of a group
a run of adjacent sentences (so one outlet may merge two sentences into one, but distant
content is never chained together).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from divergence.config import DEFAULTS, Settings


@dataclass(frozen=True)
class Passage:
    """Sentences ``first..last`` (inclusive) of article ``article``."""

    article: int
    first: int
    last: int


@dataclass(frozen=True)
class AlignedGroup:
    members: tuple[Passage, ...]  # at most one per article, in article order
    similarity: float  # mean pairwise cosine of the members' passage embeddings


@dataclass(frozen=True)
class Alignment:
    groups: tuple[AlignedGroup, ...]
    best_other: tuple[np.ndarray, ...]  # per article: (n_i,) best cosine to any other article


def top_k_neighbours(
    emb: np.ndarray, owner: np.ndarray, k: int, chunk: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(idx, sim)``, both ``(n, k)``: each row's k most similar rows of other owners.

    Rows are sorted by similarity, descending (ties by index); missing slots hold -1 / -inf.
    ``emb`` is ``(n, d)`` float32, L2-normalised; ``owner`` is ``(n,)`` article ids.
    """
    n = emb.shape[0]
    k = max(0, min(k, n - 1))
    idx = np.full((n, k), -1, dtype=np.int64)
    sim = np.full((n, k), -np.inf, dtype=np.float32)
    if k == 0:
        return idx, sim
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        block = emb[lo:hi] @ emb.T  # (hi - lo, n)
        block[owner[lo:hi, None] == owner[None, :]] = -np.inf
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(block, part, axis=1)
        order = np.lexsort((part, -vals), axis=1)
        idx[lo:hi] = np.take_along_axis(part, order, axis=1)
        sim[lo:hi] = np.take_along_axis(vals, order, axis=1)
    idx[~np.isfinite(sim)] = -1
    return idx, sim


class _Components:
    """Union-find whose components keep, per article, a contiguous run of sentences."""

    def __init__(self, owner: np.ndarray, local: np.ndarray, max_run: int):
        self.parent = list(range(len(owner)))
        self.owner = owner
        self.local = local
        self.max_run = max_run
        self.runs: dict[int, dict[int, tuple[int, int]]] = {
            i: {int(owner[i]): (int(local[i]), int(local[i]))} for i in range(len(owner))
        }

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.runs[ri], self.runs[rj]
        merged = dict(a)
        for art, (lo, hi) in b.items():
            if art in merged:
                mlo, mhi = merged[art]
                # Runs must touch (adjacent sentences) and stay short.
                if lo > mhi + 1 or mlo > hi + 1:
                    return False
                lo, hi = min(lo, mlo), max(hi, mhi)
                if hi - lo + 1 > self.max_run:
                    return False
            merged[art] = (lo, hi)
        root, child = (ri, rj) if ri < rj else (rj, ri)
        self.parent[child] = root
        self.runs[root] = merged
        del self.runs[child]
        return True


def align(
    embeddings: Sequence[np.ndarray], settings: Settings = DEFAULTS
) -> Alignment:
    """Group the sentences of N articles that carry the same content.

    ``embeddings[a]`` is article ``a``'s ``(n_a, d)`` sentence embeddings, L2-normalised.
    """
    counts = [e.shape[0] for e in embeddings]
    total = sum(counts)
    if total == 0 or len(embeddings) < 2:
        return Alignment((), tuple(np.zeros(c, np.float32) for c in counts))
    emb = np.vstack([e for e in embeddings if e.shape[0]]).astype(np.float32, copy=False)
    owner = np.concatenate([np.full(c, a, dtype=np.int64) for a, c in enumerate(counts)])
    local = np.concatenate([np.arange(c, dtype=np.int64) for c in counts])
    n_articles = len(embeddings)
    k = min(max(settings.neighbours, 2 * (n_articles - 1)), 64)
    idx, sim = top_k_neighbours(emb, owner, k)

    best_other_flat = np.where(np.isfinite(sim[:, 0]), sim[:, 0], 0.0) if k else np.zeros(total)
    # best[i][article] = (j, s): i's best neighbour in that article (within its k neighbours)
    best: list[dict[int, tuple[int, float]]] = []
    for i in range(total):
        row: dict[int, tuple[int, float]] = {}
        for j, s in zip(idx[i], sim[i], strict=True):
            if j < 0:
                break
            art = int(owner[j])
            if art not in row:
                row[art] = (int(j), float(s))
        best.append(row)

    edges: list[tuple[float, int, int]] = []
    for i in range(total):
        oi = int(owner[i])
        for art, (j, s) in best[i].items():
            if s < settings.min_similarity or art < oi:
                continue  # each unordered article pair handled from its lower article
            back = best[j].get(oi)
            mutual = back is not None and back[0] == i
            merged = back is not None and abs(int(local[back[0]]) - int(local[i])) == 1
            if mutual or merged or s >= settings.strong_similarity:
                edges.append((s, i, j))
        # the reverse direction: i's best j in a lower article where j's best is not i
        for art, (j, s) in best[i].items():
            if art >= oi or s < settings.min_similarity:
                continue
            back = best[j].get(oi)
            if back is not None and back[0] != i and abs(int(local[back[0]]) - int(local[i])) == 1:
                edges.append((s, j, i))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))

    comps = _Components(owner, local, settings.max_passage_sentences)
    for _, i, j in edges:
        comps.union(i, j)

    starts = np.concatenate([[0], np.cumsum(counts)])
    groups: list[AlignedGroup] = []
    for runs in comps.runs.values():
        if len(runs) < 2:
            continue
        members = tuple(Passage(a, lo, hi) for a, (lo, hi) in sorted(runs.items()))
        vecs = []
        for m in members:
            v = emb[starts[m.article] + m.first : starts[m.article] + m.last + 1].mean(axis=0)
            vecs.append(v / (np.linalg.norm(v) or 1.0))
        mat = np.stack(vecs)
        pair = mat @ mat.T
        n = len(members)
        mean_sim = float((pair.sum() - np.trace(pair)) / (n * (n - 1)))
        groups.append(AlignedGroup(members, mean_sim))
    groups.sort(key=lambda g: (g.members[0].article, g.members[0].first, len(g.members)))
    best_other = tuple(
        best_other_flat[starts[a] : starts[a + 1]].astype(np.float32) for a in range(n_articles)
    )
    return Alignment(tuple(groups), best_other)
