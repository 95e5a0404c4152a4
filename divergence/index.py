"""An on-disk index of the coverage already published, so that a check embeds only the new article.

An index is a folder::

    manifest.json              format, model name and weights sha256, counts, and the name,
                               size and sha256 of every data file; its own checksum last
    articles-<sha12>.jsonl     one line per article: key, content sha256, the article
                               (text and metadata) and its sentences as [start, end) offsets
    embeddings-<sha12>.f32     float32 (n_sentences, dim), row-major, L2-normalised; the
                               sentences of article i follow those of article i - 1
    ann-<sha12>.usearch        only above ``ANN_MIN_SENTENCES``: a usearch HNSW graph

Data files are named by their content and written before the manifest, which is replaced
atomically last: a reader sees the old index or the new one, never a mix. Every file is
checked against the manifest's sha256 on load; anything that does not match is an
``IndexCorruptError``, never trusted. An index built with other model weights, or by an
other format version, is refused with ``IndexMismatchError``.

Updates are incremental: sources are keyed by their path and the sha256 of their bytes,
so only new or changed files are read and embedded, and removed ones are dropped.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from divergence.config import DEFAULTS, Settings
from divergence.embed import Embedder, cache_key, file_sha256
from divergence.errors import DivergenceError, IndexMismatchError, InputError, UsageError
from divergence.io_utils import atomic_write_bytes
from divergence.types import Article, Divergence, Report, severity_rank

FORMAT = "divergence.index/1"
MANIFEST = "manifest.json"
# Above this many sentences the index keeps an HNSW graph (usearch) and searches it; below,
# one matmul is exact and fast. Measured on 2 CPU cores, 40 query sentences, d=384: brute
# force takes 0.04 s over 20,000 rows and 0.36 s over 100,000 rows, while building the graph
# costs about a minute per 20,000 rows, so the graph only pays off for large archives.
ANN_MIN_SENTENCES = 100_000
NEIGHBOURS = 64  # nearest index sentences kept per new sentence when selecting related articles
MAX_RELATED = 8  # at most this many related articles are compared with a new article
# Cosine at which a new sentence and an indexed one carry the same content: the F1-best
# cosine of all-MiniLM-L6-v2 on ../shared/eval/data/sts_news_pairs.tsv (the alignment's
# own ``min_similarity`` is a combined score, not a cosine, so it is not reused here).
MATCH_COSINE = 0.67

Progress = Callable[[int, int], None]
Warn = Callable[[str], None]


class IndexCorruptError(DivergenceError):
    """An index whose files do not match their recorded checksums or shapes."""


@dataclass(frozen=True)
class Entry:
    """One indexed article: ``rows`` are its sentences' rows ``[lo, hi)`` in the embeddings."""

    key: str  # where it came from: path relative to the indexed folder (+ "#n" per record)
    content_sha256: str  # sha256 of the source file's bytes (shared by a file's records)
    article: Article
    sentences: tuple[tuple[int, int], ...]
    rows: tuple[int, int]

    def sentence_texts(self) -> list[str]:
        return [self.article.text[s:e] for s, e in self.sentences]


@dataclass(frozen=True)
class Source:
    """Something to index: a ``key``, the sha256 of its content and how to load its articles."""

    key: str
    content_sha256: str
    load: Callable[[], list[Article]]


class MemoryStore:
    """An in-memory embedding store with the ``EmbeddingCache`` get/put interface."""

    def __init__(self, items: dict[str, np.ndarray] | None = None) -> None:
        self.items: dict[str, np.ndarray] = dict(items or {})
        self.hits = 0
        self.misses = 0

    def get(self, key: str, suffix: str = ".emb") -> np.ndarray | None:
        arr = self.items.get(key + suffix)
        if arr is None:
            self.misses += 1
        else:
            self.hits += 1
        return arr

    def put(self, key: str, arr: np.ndarray, suffix: str = ".emb") -> None:
        self.items[key + suffix] = arr


@dataclass
class Index:
    """Articles of the existing coverage with their sentence embeddings."""

    model: str
    model_sha256: str
    entries: list[Entry]
    vectors: np.ndarray  # (n_sentences, dim) float32, L2-normalised
    ann_min_sentences: int = ANN_MIN_SENTENCES
    _ann: Any = field(default=None, repr=False)
    _row_entry: np.ndarray | None = field(default=None, repr=False)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1]) if self.vectors.ndim == 2 else 0

    @property
    def n_sentences(self) -> int:
        return int(self.vectors.shape[0])

    @property
    def uses_ann(self) -> bool:
        return self.n_sentences > self.ann_min_sentences

    def row_entry(self) -> np.ndarray:
        """Return the entry index of every embedding row, shape ``(n_sentences,)``."""
        if self._row_entry is None:
            out = np.empty(self.n_sentences, dtype=np.int64)
            for i, e in enumerate(self.entries):
                out[e.rows[0] : e.rows[1]] = i
            self._row_entry = out
        return self._row_entry

    def store(self) -> MemoryStore:
        """Return a store keyed like the embedding cache, so ``analyse`` re-embeds nothing here."""
        from divergence.pipeline import spans_key

        items: dict[str, np.ndarray] = {}
        for e in self.entries:
            items[cache_key(self.model_sha256, e.sentence_texts()) + ".emb"] = self.vectors[
                e.rows[0] : e.rows[1]
            ]
            items[spans_key(e.article) + ".spans"] = np.array(e.sentences, dtype=np.int64).reshape(
                -1, 2
            )
        return MemoryStore(items)

    # ---------------------------------------------------------------- search

    def search(self, queries: np.ndarray, k: int = NEIGHBOURS) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(sims, rows)``, each ``(n_queries, k')``: the nearest rows, most similar first.

        ``k' = min(k, n_sentences)``. Exact (one matmul) up to ``ann_min_sentences`` rows,
        then the usearch HNSW graph.
        """
        n = self.n_sentences
        k = min(k, n)
        if k == 0 or queries.shape[0] == 0:
            return np.zeros((queries.shape[0], 0), np.float32), np.zeros(
                (queries.shape[0], 0), np.int64
            )
        if self.uses_ann:
            return self._search_ann(queries, k)
        return brute_force_search(queries, self.vectors, k)

    def _search_ann(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        ann = self.ann()
        matches = ann.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        keys = np.asarray(matches.keys, dtype=np.int64).reshape(queries.shape[0], -1)
        dist = np.asarray(matches.distances, dtype=np.float32).reshape(queries.shape[0], -1)
        counts = np.asarray(matches.counts).reshape(-1)
        sims = 1.0 - dist  # inner-product distance is 1 - dot
        for i, c in enumerate(counts):  # fewer than k found: pad so callers see no match
            sims[i, c:] = -1.0
            keys[i, c:] = 0
        return sims, keys

    def ann(self) -> Any:
        """Return the usearch graph over the embeddings (built on first use if not loaded)."""
        if self._ann is None:
            self._ann = build_ann(self.vectors)
        return self._ann

    def related(
        self,
        queries: np.ndarray,
        *,
        min_similarity: float,
        max_articles: int = MAX_RELATED,
        min_matches: int | None = None,
        exclude: Iterable[int] = (),
        k: int = NEIGHBOURS,
    ) -> list[tuple[int, int]]:
        """Return ``(entry, matches)`` of the articles that share the most sentences with ``queries``.

        A query sentence matches an article when one of its ``k`` nearest index sentences
        belongs to that article with cosine >= ``min_similarity``; ``matches`` counts the
        query sentences that match it. Articles with fewer than ``min_matches`` (default: 2,
        or 1 for a query of fewer than 4 sentences) are left out; ties go to the higher sum
        of best similarities, then the key. Sorted most related first.
        """
        if min_matches is None:
            min_matches = 1 if queries.shape[0] < 4 else 2
        sims, rows = self.search(queries, k)
        owner = self.row_entry()[rows] if rows.size else rows
        skip = set(exclude)
        count: dict[int, int] = defaultdict(int)
        score: dict[int, float] = defaultdict(float)
        for q in range(sims.shape[0]):
            best: dict[int, float] = {}
            for s, e in zip(sims[q].tolist(), owner[q].tolist(), strict=True):
                if s >= min_similarity and e not in skip and s > best.get(e, -1.0):
                    best[e] = s
            for e, s in best.items():
                count[e] += 1
                score[e] += s
        ranked = sorted(
            (e for e in count if count[e] >= min_matches),
            key=lambda e: (-count[e], -round(score[e], 6), self.entries[e].key),
        )
        return [(e, count[e]) for e in ranked[:max_articles]]


def brute_force_search(
    queries: np.ndarray, vectors: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-``k`` by inner product: ``(sims, rows)``, each ``(n_queries, k)``, best first."""
    sim = queries @ vectors.T  # (n_queries, n_rows)
    if k < sim.shape[1]:
        part = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    else:
        part = np.tile(np.arange(sim.shape[1]), (sim.shape[0], 1))
    top = np.take_along_axis(sim, part, axis=1)
    order = np.lexsort((part, -top), axis=1)  # by similarity, then row: deterministic ties
    return np.take_along_axis(top, order, axis=1), np.take_along_axis(part, order, axis=1).astype(
        np.int64
    )


def build_ann(vectors: np.ndarray) -> Any:
    """Build a usearch HNSW graph over L2-normalised rows (keys are row numbers)."""
    try:
        from usearch.index import Index as UIndex
    except ImportError as exc:  # pragma: no cover - usearch is a dependency
        raise UsageError(
            "the usearch package is needed for indexes this large (pip install usearch)"
        ) from exc
    ann = UIndex(ndim=int(vectors.shape[1]), metric="ip", dtype="f32", expansion_search=128)
    if vectors.shape[0]:
        ann.add(
            np.arange(vectors.shape[0], dtype=np.uint64), np.ascontiguousarray(vectors, np.float32)
        )
    return ann


# -------------------------------------------------------------------- building and updating


def sources_from_paths(paths: Sequence[str | Path], warn: Warn | None = None) -> list[Source]:
    """List the files under ``paths`` (folders walked like ``load_articles`` does) as sources.

    A file inside a given folder is keyed by its path relative to that folder; a file given
    directly by its path as given. Hidden entries (the index folder itself, ``.git``) are skipped.
    """
    from divergence.ingest import load_articles, walk
    from divergence.ingest.read import read_bytes, shown

    found: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in walk(path, warn):
                found.setdefault(file.relative_to(path).as_posix(), file)
        elif path.exists():
            found.setdefault(path.as_posix(), path)
        else:
            raise InputError(shown(str(given)), "no such file or directory")
    out = []
    for key in sorted(found):
        file = found[key]
        digest = hashlib.sha256(read_bytes(file, shown(str(file)))).hexdigest()

        def load(file: Path = file) -> list[Article]:
            return load_articles([str(file)], warn=warn)

        out.append(Source(key, digest, load))
    return out


def sources_from_articles(articles: Iterable[Article]) -> list[Source]:
    """Index articles that are already loaded (keyed by id, hashed by text)."""
    return [
        Source(
            a.id,
            hashlib.sha256(a.text.encode("utf-8", "surrogatepass")).hexdigest(),
            functools.partial(lambda article: [article], a),
        )
        for a in articles
    ]


@dataclass
class UpdateStats:
    """What an update did: sources reused, (re)read, dropped, and sentences embedded."""

    reused: int = 0
    added: int = 0
    removed: int = 0
    embedded_sentences: int = 0
    seconds: float = 0.0


def update_index(
    previous: Index | None,
    sources: Sequence[Source],
    embedder: Embedder,
    *,
    progress: Progress | None = None,
    stats: UpdateStats | None = None,
    ann_min_sentences: int = ANN_MIN_SENTENCES,
    cache: Any = None,
) -> Index:
    """Return an index of ``sources``, reusing what ``previous`` holds for unchanged content.

    Only the sentences of new or changed sources are embedded (each distinct sentence text
    once; articles found in ``cache``, an ``EmbeddingCache``, are read from it); sources no
    longer listed are dropped.
    """
    from divergence.segment import segment

    t0 = time.perf_counter()
    stats = stats if stats is not None else UpdateStats()
    if previous is not None and previous.model_sha256 != embedder.sha256:
        previous = None  # other weights: nothing can be reused
    old: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    if previous is not None:
        for e in previous.entries:
            old[(e.key.split("#", 1)[0], e.content_sha256)].append(e)
    kept_keys = {s.key for s in sources}
    if previous is not None:
        stats.removed = len({e.key.split("#", 1)[0] for e in previous.entries} - kept_keys)

    plan: list[tuple[Entry, np.ndarray | None]] = []  # entry (rows unset) and reused vectors
    fresh: list[tuple[int, list[str]]] = []  # plan position → sentence texts to embed
    for src in sources:
        reuse = old.get((src.key, src.content_sha256))
        if reuse and previous is not None:
            stats.reused += 1
            for e in reuse:
                plan.append((e, previous.vectors[e.rows[0] : e.rows[1]]))
            continue
        stats.added += 1
        articles = src.load()
        for n, article in enumerate(articles):
            key = src.key if len(articles) == 1 else f"{src.key}#{n + 1}"
            sents = segment(article)
            entry = Entry(
                key, src.content_sha256, article, tuple((s.start, s.end) for s in sents), (0, 0)
            )
            texts = [s.text for s in sents]
            hit = cache.get(cache_key(embedder.sha256, texts)) if cache is not None else None
            if hit is not None and hit.shape[0] == len(texts):
                plan.append((entry, hit))
                continue
            fresh.append((len(plan), texts))
            plan.append((entry, None))

    widths = {int(a.shape[1]) for _, a in plan if a is not None and a.ndim == 2 and a.size}
    dim = (
        widths.pop()
        if len(widths) == 1
        else previous.dim
        if previous is not None and previous.dim
        else 384
    )
    if fresh:
        unique = sorted({t for _, texts in fresh for t in texts})
        stats.embedded_sentences = len(unique)
        vecs = (
            embedder.encode(unique, progress=progress) if unique else np.zeros((0, dim), np.float32)
        )
        dim = int(vecs.shape[1]) if vecs.size else dim
        at = {t: i for i, t in enumerate(unique)}
        for pos, texts in fresh:
            rows = [at[t] for t in texts]
            got: np.ndarray = vecs[rows] if rows else np.zeros((0, dim), np.float32)
            plan[pos] = (plan[pos][0], got)
            if cache is not None and rows:
                cache.put(cache_key(embedder.sha256, texts), got)

    entries: list[Entry] = []
    blocks: list[np.ndarray] = []
    row = 0
    for entry, arr in plan:
        assert arr is not None
        entries.append(replace(entry, rows=(row, row + arr.shape[0])))
        blocks.append(np.asarray(arr, dtype=np.float32).reshape(-1, dim))
        row += arr.shape[0]
    vectors = np.ascontiguousarray(np.vstack(blocks) if blocks else np.zeros((0, dim), np.float32))
    index = Index(embedder.name, embedder.sha256, entries, vectors, ann_min_sentences)
    if (
        previous is not None
        and previous._ann is not None
        and np.array_equal(previous.vectors, vectors)
    ):
        index._ann = previous._ann
    stats.seconds = time.perf_counter() - t0
    return index


# -------------------------------------------------------------------- on disk


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_checksum(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    return _sha256(json.dumps(body, sort_keys=True, ensure_ascii=True).encode())


def save_index(index: Index, folder: str | Path) -> dict[str, Any]:
    """Write ``index`` into ``folder`` (data files first, the manifest last, each atomically).

    Data files of earlier versions of the index are removed once the new manifest is in place.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for e in index.entries:
        record = {
            "key": e.key,
            "content_sha256": e.content_sha256,
            "article": e.article.to_dict(),
            "sentences": [list(s) for s in e.sentences],
        }
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    articles_blob = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass") if lines else b""
    vectors_blob = np.ascontiguousarray(index.vectors, dtype="<f4").tobytes()
    files: dict[str, dict[str, Any]] = {}
    blobs: list[tuple[str, bytes]] = [("articles", articles_blob), ("embeddings", vectors_blob)]
    names = {
        "articles": "articles-{}.jsonl",
        "embeddings": "embeddings-{}.f32",
        "ann": "ann-{}.usearch",
    }
    if index.uses_ann:
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=".ann-", dir=folder)
        os.close(fd)
        try:
            index.ann().save(tmp)
            blobs.append(("ann", Path(tmp).read_bytes()))
        finally:
            os.unlink(tmp)
    for role, blob in blobs:
        digest = _sha256(blob)
        name = names[role].format(digest[:12])
        if not (folder / name).is_file() or file_sha256(folder / name) != digest:
            atomic_write_bytes(folder / name, blob)
        files[role] = {"name": name, "sha256": digest, "bytes": len(blob)}
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "model": index.model,
        "model_sha256": index.model_sha256,
        "dim": index.dim,
        "dtype": "float32-le",
        "n_articles": len(index.entries),
        "n_sentences": index.n_sentences,
        "ann_min_sentences": index.ann_min_sentences,
        "files": files,
    }
    manifest["checksum"] = _manifest_checksum(manifest)
    atomic_write_bytes(
        folder / MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    )
    keep = {f["name"] for f in files.values()}
    for pattern in ("articles-*.jsonl", "embeddings-*.f32", "ann-*.usearch"):
        for old in folder.glob(pattern):
            if old.name not in keep:
                with contextlib.suppress(OSError):
                    old.unlink()
    return manifest


def index_exists(folder: str | Path) -> bool:
    return (Path(folder) / MANIFEST).is_file()


def load_index(
    folder: str | Path, *, model_sha256: str | None = None, model: str | None = None
) -> Index:
    """Read and verify the index in ``folder``.

    Raises ``IndexMismatchError`` when it was built by another format version or with
    other model weights than ``model_sha256``, and ``IndexCorruptError`` when any file
    does not match the manifest.
    """
    folder = Path(folder)
    where = str(folder)
    path = folder / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            where,
            "not an index (no manifest.json); build one with `divergence index DIR --out INDEXDIR`",
        ) from None
    except OSError as exc:
        raise InputError(where, f"cannot read index ({exc.strerror or exc})") from None
    try:
        manifest = json.loads(raw)
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError):
        raise IndexCorruptError(
            f"{path}: corrupt index manifest (not JSON); rebuild it with `divergence index`"
        ) from None
    if manifest.get("format") != FORMAT:
        raise IndexMismatchError(
            f"{where}: index format {manifest.get('format')!r}, expected {FORMAT!r}; rebuild it with `divergence index`"
        )
    if manifest.get("checksum") != _manifest_checksum(manifest):
        raise IndexCorruptError(
            f"{path}: manifest checksum does not match its content; rebuild the index"
        )
    if model_sha256 is not None and manifest.get("model_sha256") != model_sha256:
        raise IndexMismatchError(
            f"{where}: index built with model {manifest.get('model')} "
            f"(sha256 {str(manifest.get('model_sha256'))[:12]}…), but this run uses "
            f"{model or 'another model'} (sha256 {model_sha256[:12]}…); rebuild it with `divergence index`"
        )
    try:
        files = manifest["files"]
        dim = int(manifest["dim"])
        n_sentences = int(manifest["n_sentences"])
        blobs = {role: _read_verified(folder, files[role]) for role in ("articles", "embeddings")}
        vectors = np.frombuffer(blobs["embeddings"], dtype="<f4")
        if vectors.size != n_sentences * dim:
            raise IndexCorruptError(
                f"{where}: embeddings hold {vectors.size} values, expected {n_sentences} x {dim}"
            )
        vectors = vectors.reshape(n_sentences, dim).astype(np.float32)
        entries = _parse_entries(blobs["articles"], n_sentences, where)
        if len(entries) != int(manifest["n_articles"]):
            raise IndexCorruptError(
                f"{where}: {len(entries)} articles, the manifest says {manifest['n_articles']}"
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexCorruptError(
            f"{where}: corrupt index ({type(exc).__name__}: {exc}); rebuild it"
        ) from None
    index = Index(
        str(manifest.get("model", "?")),
        str(manifest.get("model_sha256", "")),
        entries,
        vectors,
        int(manifest.get("ann_min_sentences", ANN_MIN_SENTENCES)),
    )
    if "ann" in files and index.uses_ann:
        blob = _read_verified(folder, files["ann"])
        from usearch.index import Index as UIndex

        index._ann = UIndex.restore(blob)
        if index._ann is None or len(index._ann) != n_sentences:
            raise IndexCorruptError(
                f"{where}: the nearest-neighbour graph does not match the embeddings"
            )
    return index


def _read_verified(folder: Path, meta: dict[str, Any]) -> bytes:
    name = str(meta["name"])
    if "/" in name or "\\" in name or name.startswith("."):
        raise IndexCorruptError(f"{folder}: bad file name {name!r} in the manifest")
    try:
        blob = (folder / name).read_bytes()
    except OSError as exc:
        raise IndexCorruptError(
            f"{folder / name}: missing or unreadable index file ({exc.strerror or exc}); rebuild the index"
        ) from None
    if len(blob) != int(meta["bytes"]) or _sha256(blob) != meta["sha256"]:
        raise IndexCorruptError(
            f"{folder / name}: checksum mismatch (the file is corrupt); rebuild the index"
        )
    return blob


def _parse_entries(blob: bytes, n_sentences: int, where: str) -> list[Entry]:
    entries: list[Entry] = []
    row = 0
    for line in blob.decode("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        article = Article.from_dict(record["article"])
        sentences = tuple((int(s), int(e)) for s, e in record["sentences"])
        for s, e in sentences:
            if not 0 <= s <= e <= len(article.text):
                raise IndexCorruptError(f"{where}: sentence {s}..{e} outside article {article.id}")
        entries.append(
            Entry(
                str(record["key"]),
                str(record["content_sha256"]),
                article,
                sentences,
                (row, row + len(sentences)),
            )
        )
        row += len(sentences)
    if row != n_sentences:
        raise IndexCorruptError(
            f"{where}: articles hold {row} sentences, the embeddings {n_sentences}"
        )
    return entries


def index_size(folder: str | Path) -> int:
    """Return the bytes on disk of the index files in ``folder``."""
    return sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file())


# -------------------------------------------------------------------- checking a new article


def _norm_text(text: str) -> str:
    return " ".join(text.split())


def check_article(
    article: Article,
    index: Index,
    embedder: Embedder,
    settings: Settings = DEFAULTS,
    *,
    source: Article | None = None,
    max_related: int = MAX_RELATED,
    match_cosine: float = MATCH_COSINE,
    warn: Warn | None = None,
) -> Report:
    """Compare a new article with the related coverage in ``index`` (and ``source``, if given).

    The report lists the new article first, then the related articles (most related first),
    then the source. Only findings whose evidence touches the new article are kept; findings
    between two old articles are not this article's business.
    """
    from divergence.ingest import load_articles
    from divergence.pipeline import analyse, fingerprint
    from divergence.segment import segment

    if index.model_sha256 != embedder.sha256:
        raise IndexMismatchError(
            f"index built with model {index.model} (sha256 {index.model_sha256[:12]}…), "
            f"but this run uses {embedder.name} (sha256 {embedder.sha256[:12]}…); rebuild it"
        )
    notes: list[str] = []
    texts = [s.text for s in segment(article)]
    queries = embedder.encode(texts) if texts else np.zeros((0, index.dim or 384), np.float32)
    me = _norm_text(article.text)
    same = [i for i, e in enumerate(index.entries) if _norm_text(e.article.text) == me]
    related = index.related(
        queries, min_similarity=match_cosine, max_articles=max_related, exclude=same
    )
    chosen = [index.entries[i].article for i, _ in related]
    if not chosen:
        notes.append(f"no related coverage found among {len(index.entries)} indexed articles")
    store = MemoryStore()
    for i, _ in related:
        e = index.entries[i]
        store.put(
            cache_key(index.model_sha256, e.sentence_texts()), index.vectors[e.rows[0] : e.rows[1]]
        )
    store.put(cache_key(embedder.sha256, texts), queries)
    loaded = load_articles([article, *chosen, *([source] if source else [])], warn=warn)
    new, olds = loaded[0], loaded[1 : 1 + len(chosen)]
    src = loaded[-1] if source else None
    if olds:
        report = analyse([new, *olds], embedder, store, settings, notes=notes)  # type: ignore[arg-type]
        found = [d for d in report.divergences if any(e.article == new.id for e in d.evidence)]
        groups = tuple(g for g in report.groups if any(m.article == new.id for m in g.members))
        signature = report.signature
        notes = list(report.notes)
    else:
        from divergence import __version__
        from divergence.types import Signature

        found, groups = [], ()
        signature = Signature(__version__, embedder.name, embedder.sha256, settings.thresholds())
    if src is not None:
        from divergence.detect.source import verify_quotes

        for d in verify_quotes(new, src):
            found.append(replace(d, fingerprint=d.fingerprint or fingerprint(d)))
    articles = (new, *olds, *([src] if src else []))
    return Report(articles, groups, tuple(_renumber(found, articles)), signature, tuple(notes))


_KIND_ORDER = {"quote": 0, "number": 1, "date": 2, "framing": 3, "content": 4, "omission": 5}


def _renumber(found: list[Divergence], articles: Sequence[Article]) -> list[Divergence]:
    """Sort most severe first (total, deterministic key) and number ``d1, d2, …``."""
    order = {a.id: i for i, a in enumerate(articles)}
    found = sorted(
        found,
        key=lambda d: (
            -severity_rank(d.severity),
            _KIND_ORDER.get(d.kind, 9),
            d.code,
            [(order.get(e.article, 99), e.start, e.end) for e in d.evidence],
            d.message,
        ),
    )
    return [replace(d, id=f"d{n}") for n, d in enumerate(found, start=1)]
