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
    # sentence pairs (article, sentence, article, sentence, score) that pass the link
    # threshold but ended in different groups (group membership is one passage per article)
    extra_links: tuple[tuple[int, int, int, int, float], ...] = ()
    # sentence pairs of related content (cosine >= related_similarity), for quote linking
    related_links: tuple[tuple[int, int, int, int, float], ...] = ()


def top_k_neighbours(
    emb: np.ndarray, owner: np.ndarray, k: int, chunk: int = 1024, floor: float = -np.inf
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(idx, sim, best)``: each row's k most similar rows of other owners.

    ``idx`` and ``sim`` are ``(n, k)``, sorted by similarity, descending (ties by index);
    slots with no neighbour at or above ``floor`` hold -1 / -inf. ``best`` is ``(n,)``, each
    row's highest similarity to another owner whatever the floor (-inf when there is none).
    ``emb`` is ``(n, d)`` float32, L2-normalised; ``owner`` is ``(n,)`` article ids. With a
    floor, only the pairs above it are ranked, which is most of the saving on large inputs.
    """
    n = emb.shape[0]
    k = max(0, min(k, n - 1))
    idx = np.full((n, k), -1, dtype=np.int64)
    sim = np.full((n, k), -np.inf, dtype=np.float32)
    best = np.full(n, -np.inf, dtype=np.float32)
    if k == 0:
        return idx, sim, best
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        block = emb[lo:hi] @ emb.T  # (hi - lo, n)
        block[owner[lo:hi, None] == owner[None, :]] = -np.inf
        best[lo:hi] = block.max(axis=1)
        rows, cols = np.nonzero(block >= floor)  # finite by construction when floor > -inf
        if not np.isfinite(floor):
            keep_finite = np.isfinite(block[rows, cols])
            rows, cols = rows[keep_finite], cols[keep_finite]
        vals = block[rows, cols]
        order = np.lexsort((cols, -vals, rows))
        rows, cols, vals = rows[order], cols[order], vals[order]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)  # position within the row
        keep = rank < k
        idx[lo + rows[keep], rank[keep]] = cols[keep]
        sim[lo + rows[keep], rank[keep]] = vals[keep]
    return idx, sim, best


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


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the share of the smaller set's words found in the other set (0..1).

    >>> containment(frozenset("abc"), frozenset("bcde"))
    0.6666666666666666
    """
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _absorb_fragments(
    comps: _Components,
    owner: np.ndarray,
    local: np.ndarray,
    counts: Sequence[int],
    words: Sequence[frozenset[str]],
) -> None:
    """Join a left-over sentence to its neighbour's group when it is the neighbour's other half.

    One outlet's sentence may be another's two ("…, and all the valley" / "… And all the
    valley."); the short half embeds far from the whole, so links miss it. It joins when
    its content words are in every other member and its neighbour alone leaves them out.
    """
    starts = np.concatenate([[0], np.cumsum(counts)])
    for i in range(len(owner)):
        if len(comps.runs[comps.find(i)]) > 1 or not words[i]:
            continue
        a, li = int(owner[i]), int(local[i])
        for step in (-1, 1):
            ln = li + step
            if not 0 <= ln < counts[a]:
                continue
            n = int(starts[a] + ln)
            runs = comps.runs[comps.find(n)]
            if len(runs) < 2:
                continue
            own = words[n]
            fits = True
            for art, (lo, hi) in runs.items():
                if art == a:
                    continue
                member = frozenset().union(
                    *(words[int(starts[art]) + x] for x in range(lo, hi + 1))
                )
                new = words[i] - own
                if (
                    not new
                    or len(new & member) / len(new) < 0.8
                    or len(words[i] & member) / len(words[i]) < 0.8
                ):
                    fits = False
                    break
            if fits and comps.union(i, n):
                break


def align(
    embeddings: Sequence[np.ndarray],
    settings: Settings = DEFAULTS,
    words: Sequence[Sequence[frozenset[str]]] | None = None,
) -> Alignment:
    """Group the sentences of N articles that carry the same content.

    ``embeddings[a]`` is article ``a``'s ``(n_a, d)`` sentence embeddings, L2-normalised;
    ``words[a][i]``, when given, is the set of content words of sentence ``i`` of article
    ``a``. Links are scored ``cosine + lexical_weight * containment(words)`` (calibrated on
    real cross-outlet pairs: the lexical term separates "same topic" from "same fact").
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
    floor_link = settings.min_similarity - (settings.lexical_weight if words is not None else 0.0)
    idx, sim, top = top_k_neighbours(
        emb, owner, k, floor=min(floor_link, settings.related_similarity)
    )

    best_other_flat = np.where(np.isfinite(top), top, 0.0)
    flat_words = [w for article in words for w in article] if words is not None else None
    weight = settings.lexical_weight if flat_words is not None else 0.0
    floor = settings.min_similarity - weight  # no lexical bonus can lift a pair below this
    # best[i][article] = (j, score): i's best neighbour in that article (within its k)
    best: list[dict[int, tuple[int, float]]] = []
    passing: list[tuple[float, int, int]] = []  # every neighbour pair scoring the threshold
    for i in range(total):
        row: dict[int, tuple[int, float]] = {}
        for j, s in zip(idx[i], sim[i], strict=True):
            if j < 0 or s < floor:
                break
            score = float(s)
            if flat_words is not None:
                score += weight * containment(flat_words[i], flat_words[j])
            art = int(owner[j])
            if art not in row or score > row[art][1]:
                row[art] = (int(j), score)
            if score >= settings.min_similarity:
                passing.append((score, min(i, int(j)), max(i, int(j))))
        best.append(row)

    def link_score(i: int, j: int, cos: float) -> float:
        if flat_words is None:
            return cos
        return cos + weight * containment(flat_words[i], flat_words[j])

    def merge_helps(i: int, i2: int, j: int) -> bool:
        """True when j renders sentences i and i2 together (one outlet split a sentence).

        With words: j is long enough to carry both, and most of i's content words are in j
        (a sentence deleted next to a copied one fails both). Without words, the joint
        embedding must match j clearly better than either sentence alone.
        """
        both = emb[i] + emb[i2]
        both = both / (np.linalg.norm(both) or 1.0)
        cos = float(both @ emb[j])
        if flat_words is None:
            alone = max(float(emb[i] @ emb[j]), float(emb[i2] @ emb[j]))
            return cos > alone + settings.merge_margin and cos >= settings.min_similarity
        wi, wi2, wj = flat_words[i], flat_words[i2], flat_words[j]
        if not wi or len(wj) < 0.7 * len(wi | wi2):
            return False  # j is too short to carry both: i2 alone, with i left out
        if len(wi & wj) / len(wi) < 0.6:
            return False  # i's content is not in j
        return cos + weight * containment(wi | wi2, wj) >= settings.min_similarity

    edge_set: set[tuple[float, int, int]] = set()
    for i in range(total):
        oi = int(owner[i])
        for j, s in best[i].values():
            back = best[j].get(oi)
            if back is None:
                continue
            i2 = back[0]
            if i2 == i and s >= settings.min_similarity:
                edge_set.add((s, min(i, j), max(i, j)))  # mutual best
            elif abs(int(local[i2]) - int(local[i])) == 1 and merge_helps(i, i2, j):
                # j merges i and its neighbour i2 (one outlet's sentence is another's two)
                edge_set.add((s, min(i, j), max(i, j)))
                edge_set.add((back[1], min(i2, j), max(i2, j)))
            elif s >= settings.strong_similarity:
                edge_set.add((s, min(i, j), max(i, j)))
    edges = sorted(edge_set, key=lambda e: (-e[0], e[1], e[2]))

    comps = _Components(owner, local, settings.max_passage_sentences)
    for _, i, j in edges:
        comps.union(i, j)
    if flat_words is not None:
        _absorb_fragments(comps, owner, local, counts, flat_words)

    def copied(x: int, art: int) -> bool:
        """True when sentence x is grouped with a near-identical copy in article ``art``."""
        jb, sb = best[x].get(art, (-1, 0.0))
        return jb >= 0 and sb >= settings.strong_similarity and comps.find(jb) == comps.find(x)

    # Links that pass the threshold but were left out of the groups, when they are about as
    # strong as each side's best link (not a weaker echo of content matched elsewhere) and
    # neither sentence already has its copy in the other article.
    extra = sorted(
        {
            (int(owner[i]), int(local[i]), int(owner[j]), int(local[j]), round(s, 4))
            for s, i, j in passing
            if comps.find(i) != comps.find(j)
            and s >= best[i].get(int(owner[j]), (j, s))[1] - settings.extra_link_margin
            and s
            >= best[j].get(int(owner[i]), (i, s))[1] - settings.extra_link_margin  # kNN is one-way
            and not copied(i, int(owner[j]))
            and not copied(j, int(owner[i]))
        }
    )
    related = sorted(
        {
            (int(owner[a]), int(local[a]), int(owner[b]), int(local[b]), round(float(s), 4))
            for i in range(total)
            for j, s in zip(idx[i], sim[i], strict=True)
            if j >= 0 and s >= settings.related_similarity
            for a, b in [(i, int(j)) if owner[i] < owner[j] else (int(j), i)]
        }
    )

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
    return Alignment(tuple(groups), best_other, tuple(extra), tuple(related))


def best_assignment(sim: np.ndarray) -> list[tuple[int, int]]:
    """Pair rows with columns one to one for the largest total of ``sim`` (the Hungarian
    method with potentials, O(n² m), each step vectorised over the columns). Every row is
    paired when there are no more rows than columns, else every column.

    Written here rather than imported: ``scipy.optimize`` costs a quarter of a second to
    import, half of a warm run on the seeds.

    >>> best_assignment(np.array([[0.9, 0.8], [0.8, 0.1]]))
    [(0, 1), (1, 0)]
    """
    transposed = sim.shape[0] > sim.shape[1]
    cost = -(sim.T if transposed else sim).astype(float)
    n, m = cost.shape
    u, v = np.zeros(n + 1), np.zeros(m + 1)
    owner = np.zeros(m + 1, dtype=int)  # owner[j]: the row (1-based) holding column j; 0 free
    way = np.zeros(m + 1, dtype=int)
    for row in range(1, n + 1):
        owner[0], col = row, 0
        slack = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:  # grow a tree of tight edges until a free column is reached
            used[col] = True
            r = owner[col]
            reduced = np.concatenate(([np.inf], cost[r - 1] - u[r] - v[1:]))
            better = ~used & (reduced < slack)
            slack[better] = reduced[better]
            way[better] = col
            open_slack = np.where(used, np.inf, slack)
            nxt = int(np.argmin(open_slack))
            delta = open_slack[nxt]
            u[owner[used]] += delta
            v[used] -= delta
            slack[~used] -= delta
            col = nxt
            if owner[col] == 0:
                break
        while col:  # flip the augmenting path back to the root
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    pairs = [(int(owner[j]) - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    return sorted((j, i) for i, j in pairs) if transposed else sorted(pairs)


def other_takes(
    embeddings: Sequence[np.ndarray],
    unmatched: Sequence[Sequence[int]],
    min_cosine: float,
    words: Sequence[Sequence[frozenset[str]]] | None = None,
    lexical_weight: float = 0.0,
) -> list[tuple[int, int, int, int, float]]:
    """Pair unmatched sentences that answer each other across outlets.

    For each pair of articles, unmatched sentences are paired one to one so that the total
    fit is largest (``best_assignment``; most similar first would let one strong pair push
    two others into worse fits), and pairs below ``min_cosine`` are dropped. The fit is the
    cosine plus ``lexical_weight`` times the share of content words the two sentences have
    in common (``words[a][i]``, when given): among left-overs cosines are low and close
    together, and two outlets' takes on one topic ("Miliband pledges ..." / "Miliband
    says ...") share its words where an unrelated sentence shares none. Where one outlet
    has more left over, the sentences that fit nothing stay unpaired. A sentence paired in
    every other article is not missing there: each outlet says something of its own at
    that point. Returns the pairs of sentences paired in every other article, as (article,
    sentence, article, sentence, cosine).
    """
    n = len(embeddings)
    paired: dict[tuple[int, int], int] = {}
    links: list[tuple[int, int, int, int, float]] = []
    for a in range(n):
        for b in range(a + 1, n):
            ua, ub = list(unmatched[a]), list(unmatched[b])
            if not ua or not ub:
                continue
            sim = embeddings[a][ua] @ embeddings[b][ub].T  # (len(ua), len(ub))
            fit = sim
            if words is not None and lexical_weight:
                shared = [[containment(words[a][i], words[b][j]) for j in ub] for i in ua]
                fit = sim + lexical_weight * np.array(shared)
            for i, j in best_assignment(fit):
                if sim[i, j] < min_cosine:
                    continue
                paired[(a, ua[i])] = paired.get((a, ua[i]), 0) + 1
                paired[(b, ub[j])] = paired.get((b, ub[j]), 0) + 1
                links.append((a, ua[i], b, ub[j], float(sim[i, j])))
    return [
        link
        for link in links
        if paired[(link[0], link[1])] == n - 1 and paired[(link[2], link[3])] == n - 1
    ]
