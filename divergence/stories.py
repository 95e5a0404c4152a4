"""Group an archive's articles into stories, and find wire copies. Pure: takes embeddings.

Two steps, both deterministic (no random state, sorted outputs, content-derived ids):

* **Wire copies.** Word 5-gram shingles, a small numpy MinHash (128 permutations from a
  fixed seed) and LSH banding propose pairs; a pair whose *exact* shingle Jaccard is at
  least ``min_copy_jaccard`` is a copy. Each copy component keeps one article, the
  earliest published (then the first in input order); the others are ``syndicated_of`` it.
* **Stories.** The kept articles' title + lead embeddings (L2-normalised, ``(n, d)``) are
  clustered by average-linkage agglomerative clustering on cosine distance, cut at
  ``max_distance``. Two dated articles more than ``window_days`` apart never share a story;
  undated articles cluster freely. Copies join their original's story.

Average linkage only merges two clusters whose mean distance is below the cut, so some pair
across them is below the cut: every story lies inside one connected component of the graph
"distance < cut". Clustering each component alone is therefore exact, and keeps memory at
the size of the largest component instead of ``n**2``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Calibrated on ECB+ (874 articles, 82 gold stories): python -m benchmarks.bench_batch --calibrate
MAX_DISTANCE = 0.60
LEXICAL_WEIGHT = 0.5  # share of name/number TF-IDF cosine in the story similarity
WINDOW_DAYS = 3
MIN_COPY_JACCARD = 0.80
SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.8 is proposed with p > 0.9999
LEAD_SENTENCES = 2
_FAR = 1e6  # distance between two dated articles outside the window (never merged)
_PRIME = np.uint64(4294967291)  # largest prime below 2**32


@dataclass(frozen=True)
class Story:
    """One story: indices into the archive (input order), the kept ones and the copies."""

    id: str
    members: tuple[int, ...]  # every article of the story, ascending
    analysed: tuple[int, ...]  # members minus wire copies, ascending


# --- text -----------------------------------------------------------------------------


def lead_text(title: str | None, sentences: Sequence[str], n: int = LEAD_SENTENCES) -> str:
    """Return the title and the first ``n`` sentences that are not the title itself.

    >>> lead_text("Quake hits", ["Quake hits", "A quake hit.", "Ten died.", "More."])
    'Quake hits\\nA quake hit. Ten died.'
    """
    head = " ".join((title or "").split())
    body = [s for s in (" ".join(t.split()) for t in sentences) if s and s != head][:n]
    return "\n".join(p for p in (head, " ".join(body)) if p)


def shingles(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Return the sorted unique 32-bit hashes of the word ``k``-grams of ``text`` (lower-cased).

    >>> len(shingles("a b c d e f")), len(shingles("A  b c d e\\nf")), len(shingles("a b"))
    (2, 2, 1)
    """
    words = re.findall(r"\w+", text.lower())
    grams = (
        {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))} if words else set()
    )
    hashes = [
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams
    ]
    return np.unique(np.asarray(hashes, dtype=np.uint64))


def minhash(
    shingle_sets: Sequence[np.ndarray], num_perm: int = NUM_PERM, seed: int = 1
) -> np.ndarray:
    """Return MinHash signatures ``(n, num_perm)`` uint64 of 32-bit shingle hashes.

    Permutations are ``(a*x + b) mod p`` with ``p`` the largest prime below 2**32 and ``a, b``
    from ``seed``; an empty set gets all ``p`` (it matches nothing but another empty set).
    """
    rng = np.random.RandomState(seed)
    a = rng.randint(1, int(_PRIME), size=num_perm, dtype=np.int64).astype(np.uint64)
    b = rng.randint(0, int(_PRIME), size=num_perm, dtype=np.int64).astype(np.uint64)
    out = np.full((len(shingle_sets), num_perm), _PRIME, dtype=np.uint64)
    for i, x in enumerate(shingle_sets):
        if len(x):
            # x < 2**32 and a < 2**32, so a*x fits in uint64 before the modulo.
            out[i] = (((x[:, None] * a[None, :]) % _PRIME + b[None, :]) % _PRIME).min(axis=0)
    return out


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays.

    >>> jaccard(np.array([1, 2, 3]), np.array([2, 3, 4]))
    0.5
    """
    if not len(left) and not len(right):
        return 1.0
    inter = len(np.intersect1d(left, right, assume_unique=True))
    return inter / (len(left) + len(right) - inter)


def find_copies(
    texts: Sequence[str],
    order: Sequence[tuple] | None = None,
    min_jaccard: float = MIN_COPY_JACCARD,
    bands: int = LSH_BANDS,
) -> list[int | None]:
    """Return, for each text, the index of the text it is a copy of (``None`` if original).

    ``order`` gives a sort key per text (earliest first); the first text of each copy
    component in that order is the original. Default: input order.

    >>> find_copies(["the cat sat on the mat today", "The cat sat on the mat today!", "a dog"])
    [None, 0, None]
    """
    sets = [shingles(t) for t in texts]
    sig = minhash(sets)
    rows = sig.shape[1] // bands
    candidates: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i in range(len(texts)):
            if len(sets[i]):
                buckets.setdefault(sig[i, band * rows : (band + 1) * rows].tobytes(), []).append(i)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    candidates.add((members[x], members[y]))
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidates):
        if root(i) != root(j) and jaccard(sets[i], sets[j]) >= min_jaccard:
            parent[max(root(i), root(j))] = min(root(i), root(j))
    keys = list(order) if order is not None else [() for _ in texts]
    best: dict[int, int] = {}
    for i in range(len(texts)):
        r = root(i)
        if r not in best or (keys[i], i) < (keys[best[r]], best[r]):
            best[r] = i
    return [None if best[root(i)] == i else best[root(i)] for i in range(len(texts))]


# --- clustering -----------------------------------------------------------------------


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def name_terms(text: str) -> str:
    """Return the capitalised words and numbers of ``text``, space-separated (names, figures).

    >>> name_terms("Lindsay Lohan left Betty Ford on June 13, after 90 days.")
    'Lindsay Lohan Betty Ford June 13 90'
    """
    return " ".join(re.findall(r"\b[A-Z][\w'-]*[a-zA-Z]\b|\b\d[\d,.]*\d\b|\b\d\b", text))


def lexical_vectors(texts: Sequence[str]):  # type: ignore[no-untyped-def]
    """Return L2-normalised TF-IDF rows (sparse ``(n, vocab)``) of the names and numbers of texts.

    IDF comes from these texts, so the same archive always gives the same vectors.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    terms = [name_terms(t) for t in texts]
    if not any(terms):
        from scipy import sparse

        return sparse.csr_matrix((len(texts), 1), dtype=np.float64)
    vec = TfidfVectorizer(
        sublinear_tf=True, lowercase=False, token_pattern=r"\S+", dtype=np.float64
    )
    return vec.fit_transform(terms).tocsr()


def similarity_rows(
    vectors: np.ndarray,
    lexical,
    lexical_weight: float,
    lo: int,
    hi: int,  # type: ignore[no-untyped-def]
) -> np.ndarray:
    """Return the combined cosine similarity of rows ``lo:hi`` to all rows, ``(hi - lo, n)``.

    ``(1 - w) * cos(embeddings) + w * cos(name TF-IDF)``: both parts are L2-normalised, so
    this is one matmul each.
    """
    sim = vectors[lo:hi] @ vectors.T
    if lexical is not None and lexical_weight > 0:
        sim = (1.0 - lexical_weight) * sim + lexical_weight * (lexical[lo:hi] @ lexical.T).toarray()
    return sim


def _components(
    vectors: np.ndarray,
    lexical,
    lexical_weight: float,
    max_distance: float,
    chunk: int = 1024,  # type: ignore[no-untyped-def]
) -> np.ndarray:
    """Label the connected components of the graph "combined distance < max_distance"."""
    n = len(vectors)
    parent = np.arange(n)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for lo in range(0, n, chunk):
        sim = similarity_rows(vectors, lexical, lexical_weight, lo, lo + chunk)  # (chunk, n)
        rows, cols = np.nonzero(1.0 - sim < max_distance)
        for i, j in zip(rows + lo, cols, strict=True):
            if i < j:
                ri, rj = root(int(i)), root(int(j))
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    return np.array([root(i) for i in range(n)])


def cluster(
    vectors: np.ndarray,
    days: Sequence[int | None] | None = None,
    max_distance: float = MAX_DISTANCE,
    window_days: int = WINDOW_DAYS,
    lexical=None,  # type: ignore[no-untyped-def]
    lexical_weight: float = LEXICAL_WEIGHT,
) -> np.ndarray:
    """Return a story label per row of ``vectors`` ``(n, d)`` (L2-normalised), 0.. by first row.

    ``lexical`` (optional, sparse ``(n, v)``, L2-normalised rows) adds name/number overlap with
    weight ``lexical_weight`` (see ``similarity_rows``).
    Average-linkage agglomerative clustering on distance = 1 - similarity, cut at ``max_distance``,
    per connected component (exact, see the module docstring). ``days`` (ordinal day or
    None per row) forbids stories whose dated members lie more than ``window_days`` apart.
    """
    from sklearn.cluster import AgglomerativeClustering

    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return labels
    vectors = np.asarray(vectors, dtype=np.float64)
    comp = _components(vectors, lexical, lexical_weight, max_distance)
    next_label = 0
    for c in np.unique(comp):  # ascending root = ascending first row
        idx = np.flatnonzero(comp == c)
        if len(idx) == 1:
            local = np.zeros(1, dtype=np.int64)
        else:
            sub = lexical[idx] if lexical is not None else None
            dist = np.clip(
                1.0 - similarity_rows(vectors[idx], sub, lexical_weight, 0, len(idx)), 0.0, 2.0
            )
            if days is not None:
                picked = [days[int(i)] for i in idx]
                d = np.array([np.nan if v is None else v for v in picked], dtype=np.float64)
                far = np.abs(d[:, None] - d[None, :]) > window_days  # NaN compares False
                dist[far] = _FAR
            np.fill_diagonal(dist, 0.0)
            local = AgglomerativeClustering(
                n_clusters=None, metric="precomputed", linkage="average",
                distance_threshold=max_distance,
            ).fit_predict(dist)  # fmt: skip
        # renumber by first row so labels do not depend on sklearn's numbering
        remap: dict[int, int] = {}
        for pos, lab in enumerate(local):
            if int(lab) not in remap:
                remap[int(lab)] = next_label
                next_label += 1
            labels[idx[pos]] = remap[int(lab)]
    # final numbering by first row over the whole input
    first: dict[int, int] = {}
    for lab in labels:
        first.setdefault(int(lab), len(first))
    return np.array([first[int(lab)] for lab in labels], dtype=np.int64)


def story_id(member_ids: Sequence[str]) -> str:
    """Return a story id derived from its members' article ids (order does not matter).

    >>> story_id(["b", "a"]) == story_id(["a", "b"])
    True
    """
    digest = hashlib.sha256("\x1f".join(sorted(member_ids)).encode()).hexdigest()
    return f"s-{digest[:12]}"


def group_stories(
    ids: Sequence[str],
    lead_vectors: np.ndarray,
    texts: Sequence[str],
    published: Sequence[str | None],
    max_distance: float = MAX_DISTANCE,
    window_days: int = WINDOW_DAYS,
    min_copy_jaccard: float = MIN_COPY_JACCARD,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> tuple[list[Story], list[int | None]]:
    """Return the stories of an archive and, per article, the index it copies (or None).

    ``lead_vectors`` ``(n, d)`` are the title + lead embeddings in input order; ``texts`` the
    full texts (for copies and name overlap). Stories are ordered by their first member's
    position in the input.
    """
    days = [_day(p) for p in published]
    order = [((d if d is not None else 10**9),) for d in days]
    copy_of = find_copies(texts, order, min_copy_jaccard)
    kept = [i for i in range(len(ids)) if copy_of[i] is None]
    lexical = lexical_vectors([texts[i] for i in kept]) if lexical_weight > 0 else None
    labels = cluster(
        lead_vectors[kept],
        [days[i] for i in kept],
        max_distance,
        window_days,
        lexical,
        lexical_weight,
    )
    story_of: dict[int, int] = {i: int(lab) for i, lab in zip(kept, labels, strict=True)}
    for i, src in enumerate(copy_of):
        if src is not None:
            story_of[i] = story_of[src]
    members: dict[int, list[int]] = {}
    for i in range(len(ids)):
        members.setdefault(story_of[i], []).append(i)
    stories = []
    for group in sorted(members.values(), key=lambda m: m[0]):
        stories.append(
            Story(
                story_id([ids[i] for i in group]),
                tuple(group),
                tuple(i for i in group if copy_of[i] is None),
            )
        )
    return stories, copy_of


# --- evaluation -----------------------------------------------------------------------


def bcubed(gold: Sequence[object], predicted: Sequence[object]) -> tuple[float, float, float]:
    """Return B-cubed precision, recall and F1 of a clustering against gold labels.

    >>> bcubed(["a", "a", "b"], [1, 1, 2])
    (1.0, 1.0, 1.0)
    >>> [round(x, 3) for x in bcubed(["a", "a", "b"], [1, 1, 1])]
    [0.556, 1.0, 0.714]
    """
    g = np.unique(np.asarray(gold, dtype=object).astype(str), return_inverse=True)[1]
    p = np.unique(np.asarray(predicted, dtype=object).astype(str), return_inverse=True)[1]
    same_g = g[:, None] == g[None, :]
    same_p = p[:, None] == p[None, :]
    both = (same_g & same_p).sum(axis=1)
    precision = float(np.mean(both / same_p.sum(axis=1)))
    recall = float(np.mean(both / same_g.sum(axis=1)))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
