from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest

from divergence.config import MODEL_SHA256
from divergence.embed import EmbeddingCache, HashingEmbedder, cache_key, embed_articles


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.texts = 0

    def encode(self, texts, progress=None):  # type: ignore[no-untyped-def]
        self.calls += 1
        self.texts += len(texts)
        return super().encode(texts, progress)


def test_one_encode_call_and_cache_reuse(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    cache = EmbeddingCache(tmp_path)
    arts = [["a b", "c d"], ["e f"], ["g h", "i j", "k"]]
    first = embed_articles(arts, emb, cache)
    assert emb.calls == 1 and emb.texts == 6
    second = embed_articles(arts, emb, cache)
    assert emb.calls == 1  # all from cache
    for x, y in zip(first, second, strict=True):
        assert np.array_equal(x, y)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_entry_is_detected_and_rebuilt(tmp_path: Path, damage: str) -> None:
    emb = CountingEmbedder()
    cache = EmbeddingCache(tmp_path)
    arts = [["one sentence", "two sentence"]]
    good = embed_articles(arts, emb, cache)
    (entry,) = list(tmp_path.rglob("*.emb"))
    blob = entry.read_bytes()
    entry.write_bytes(
        {
            "truncate": blob[:-5],
            "flip": blob[:-1] + bytes([blob[-1] ^ 1]),
            "garbage": b"xx",
            "empty": b"",
        }[damage]
    )
    again = embed_articles(arts, emb, cache)
    assert emb.calls == 2
    assert np.array_equal(good[0], again[0])
    assert EmbeddingCache(tmp_path).get(cache_key(emb.sha256, arts[0])) is not None  # rewritten


def test_read_only_cache_degrades_with_one_warning(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    warnings: list[str] = []
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as a user that ignores permissions")
        cache = EmbeddingCache(ro, warn=warnings.append)
        out = embed_articles([["x y"], ["z"]], HashingEmbedder(), cache)
        assert len(out) == 2 and len(warnings) == 1
    finally:
        os.chmod(ro, 0o700)


def test_cache_file_that_is_a_directory_blocker(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    warnings: list[str] = []
    out = embed_articles(
        [["x y"]], HashingEmbedder(), EmbeddingCache(blocker, warn=warnings.append)
    )
    assert out[0].shape == (1, 256) and warnings


def test_concurrent_writers_leave_a_valid_entry(tmp_path: Path) -> None:
    arts = [[f"sentence {i}" for i in range(50)]]
    errors: list[BaseException] = []

    def run() -> None:
        try:
            embed_articles(arts, HashingEmbedder(), EmbeddingCache(tmp_path))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert EmbeddingCache(tmp_path).get(cache_key("0" * 64, arts[0])) is not None
    assert not list(tmp_path.rglob(".tmp-*"))


@pytest.mark.model
def test_real_model_hash_and_normalised_output(embedder) -> None:  # type: ignore[no-untyped-def]
    assert embedder.sha256 == MODEL_SHA256
    vecs = embedder.encode(
        ["Two Chinese soldiers were captured.", "Two Chinese citizens were detained."]
    )
    assert vecs.dtype == np.float32 and vecs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert float(vecs[0] @ vecs[1]) > 0.6


def test_missing_model_dir_is_a_clear_error(tmp_path: Path) -> None:
    from divergence.embed import SentenceTransformerEmbedder
    from divergence.errors import ModelError

    with pytest.raises(ModelError, match="not a sentence-transformers model"):
        SentenceTransformerEmbedder(tmp_path)
