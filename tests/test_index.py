"""The coverage index: build, incremental update, model mismatch, corruption, ANN vs brute force."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from divergence.embed import HashingEmbedder
from divergence.errors import IndexMismatchError
from divergence.index import (
    IndexCorruptError,
    UpdateStats,
    brute_force_search,
    load_index,
    save_index,
    sources_from_paths,
    update_index,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting the sentences it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[int] = []

    def encode(self, texts, progress=None):  # type: ignore[no-untyped-def]
        self.calls.append(len(texts))
        return super().encode(texts, progress)


class OtherModel(HashingEmbedder):
    name = "other-model"
    sha256 = "1" * 64


@pytest.fixture
def coverage(tmp_path: Path) -> Path:
    folder = tmp_path / "coverage"
    folder.mkdir()
    for p in SEEDS[:4]:
        (folder / p.name).write_bytes(p.read_bytes())
    return folder


def test_build_save_load_round_trip(coverage: Path, tmp_path: Path) -> None:
    emb = CountingEmbedder()
    idx = update_index(None, sources_from_paths([coverage]), emb)
    assert [e.key for e in idx.entries] == [p.name for p in SEEDS[:4]]
    assert idx.vectors.dtype == np.float32 and idx.vectors.shape == (idx.n_sentences, 256)
    save_index(idx, tmp_path / "ix")
    back = load_index(tmp_path / "ix", model_sha256=emb.sha256)
    assert back.model == emb.name and back.model_sha256 == emb.sha256
    assert [e.article for e in back.entries] == [e.article for e in idx.entries]
    assert [e.sentences for e in back.entries] == [e.sentences for e in idx.entries]
    assert np.array_equal(back.vectors, idx.vectors)
    manifest = json.loads((tmp_path / "ix" / "manifest.json").read_text())
    assert manifest["format"] == "divergence.index/1" and manifest["model_sha256"] == emb.sha256


def test_incremental_update_embeds_only_new_and_changed(coverage: Path, tmp_path: Path) -> None:
    emb = CountingEmbedder()
    first = update_index(None, sources_from_paths([coverage]), emb)
    save_index(first, tmp_path / "ix")
    emb.calls.clear()
    # unchanged: nothing embedded
    stats = UpdateStats()
    same = update_index(
        load_index(tmp_path / "ix"), sources_from_paths([coverage]), emb, stats=stats
    )
    assert emb.calls == [] and stats.reused == 4 and stats.added == 0
    assert np.array_equal(same.vectors, first.vectors)
    # one changed, one removed, one added
    changed = coverage / SEEDS[0].name
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nA new closing sentence about the talks.\n",
        encoding="utf-8",
    )
    (coverage / SEEDS[1].name).unlink()
    (coverage / SEEDS[4].name).write_bytes(SEEDS[4].read_bytes())
    stats = UpdateStats()
    updated = update_index(same, sources_from_paths([coverage]), emb, stats=stats)
    assert (stats.added, stats.reused, stats.removed) == (2, 2, 1)
    n_new = sum(
        len(e.sentences) for e in updated.entries if e.key in (SEEDS[0].name, SEEDS[4].name)
    )
    assert sum(emb.calls) <= n_new  # distinct sentences of the two new/changed files only
    assert SEEDS[1].name not in {e.key for e in updated.entries}
    # rows still line up with each article's own sentences
    fresh = update_index(None, sources_from_paths([coverage]), HashingEmbedder())
    assert np.allclose(updated.vectors, fresh.vectors)


def test_model_mismatch_is_refused(coverage: Path, tmp_path: Path) -> None:
    save_index(
        update_index(None, sources_from_paths([coverage]), HashingEmbedder()), tmp_path / "ix"
    )
    with pytest.raises(IndexMismatchError) as err:
        load_index(tmp_path / "ix", model_sha256=OtherModel.sha256, model=OtherModel.name)
    assert "\n" not in str(err.value) and "hashing-256" in str(err.value)


def test_format_mismatch_is_refused(coverage: Path, tmp_path: Path) -> None:
    save_index(
        update_index(None, sources_from_paths([coverage]), HashingEmbedder()), tmp_path / "ix"
    )
    path = tmp_path / "ix" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format"] = "divergence.index/0"
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="format"):
        load_index(tmp_path / "ix")


def _flip_byte(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("target", ["embeddings", "articles", "manifest", "truncate", "missing"])
def test_corruption_is_detected(coverage: Path, tmp_path: Path, target: str) -> None:
    folder = tmp_path / "ix"
    save_index(update_index(None, sources_from_paths([coverage]), HashingEmbedder()), folder)
    emb_file = next(folder.glob("embeddings-*.f32"))
    if target == "embeddings":
        _flip_byte(emb_file, 1000)
    elif target == "articles":
        _flip_byte(next(folder.glob("articles-*.jsonl")), 50)
    elif target == "manifest":
        path = folder / "manifest.json"
        path.write_text(path.read_text().replace('"n_articles": 4', '"n_articles": 5'))
    elif target == "truncate":
        emb_file.write_bytes(emb_file.read_bytes()[:-4])
    else:
        emb_file.unlink()
    with pytest.raises(IndexCorruptError) as err:
        load_index(folder)
    assert "\n" not in str(err.value)


def test_save_is_atomic_and_drops_old_files(coverage: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    emb = HashingEmbedder()
    idx = update_index(None, sources_from_paths([coverage]), emb)
    save_index(idx, folder)
    (coverage / SEEDS[0].name).unlink()
    save_index(update_index(idx, sources_from_paths([coverage]), emb), folder)
    assert len(list(folder.glob("embeddings-*.f32"))) == 1
    assert not list(folder.glob(".*tmp*"))
    assert len(load_index(folder).entries) == 3


def test_brute_force_matches_a_plain_loop() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:5] + 0.05
    sims, rows = brute_force_search(queries, vectors, 10)
    for q in range(5):
        plain = sorted(range(300), key=lambda r: (-float(queries[q] @ vectors[r]), r))[:10]
        assert rows[q].tolist() == plain
        assert np.allclose(sims[q], [queries[q] @ vectors[r] for r in plain], atol=1e-5)


def test_ann_and_brute_force_select_the_same_articles(coverage: Path, tmp_path: Path) -> None:
    pytest.importorskip("usearch")
    emb = HashingEmbedder()
    exact = update_index(None, sources_from_paths([coverage]), emb)
    approx = update_index(None, sources_from_paths([coverage]), emb, ann_min_sentences=10)
    assert approx.uses_ann and not exact.uses_ann
    queries = emb.encode(
        [ln for ln in SEEDS[4].read_text(encoding="utf-8").splitlines() if ln.strip()]
    )
    kwargs = {"min_similarity": 0.3, "max_articles": 4, "min_matches": 1}
    # the same counts, each article with its exact count; two tied on count may trade places
    # or, at the cut, one another, since the graph's similarities (the tie-break) can differ
    # from the exact ones in the last digits (a fresh clone's run once ranked (3, 19) before
    # (0, 19); a local run once kept (2, 18) where the exact search kept (1, 18))
    every = dict(exact.related(queries, **{**kwargs, "max_articles": 1000}))
    expected = exact.related(queries, **kwargs)

    def agrees(selected: list[tuple[int, int]]) -> bool:
        counts = sorted(c for _, c in selected) == sorted(c for _, c in expected)
        return counts and all(every.get(e) == c for e, c in selected)

    assert agrees(approx.related(queries, **kwargs)), (approx.related(queries, **kwargs), expected)
    # the graph is saved with the index, verified and restored
    save_index(approx, tmp_path / "ix")
    assert list((tmp_path / "ix").glob("ann-*.usearch"))
    back = load_index(tmp_path / "ix")
    assert back._ann is not None and agrees(back.related(queries, **kwargs))
    _flip_byte(next((tmp_path / "ix").glob("ann-*.usearch")), 100)
    with pytest.raises(IndexCorruptError):
        load_index(tmp_path / "ix")
