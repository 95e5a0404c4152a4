"""The ONNX backend agrees with the torch one: vectors, cache identity and the seeds report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from divergence.embed_onnx import OnnxEmbedder, mean_pool
from divergence.segment import segment
from divergence.types import Article

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "eval" / "data" / "ecbplus_articles.jsonl"

# (backend, worst sentence, mean) cosine against torch. int8 weights move vectors a little.
AGREEMENT = [("onnx", 0.99, 0.999), ("onnx-int8", 0.97, 0.99)]


@pytest.fixture(scope="module")
def seed_sentences(seed_paths: list[str]) -> list[str]:
    texts = [Path(p).read_text(encoding="utf-8") for p in seed_paths]
    return [s.text for i, t in enumerate(texts) for s in segment(Article(f"s{i}", t), i)]


@pytest.fixture(scope="module")
def real_sentences() -> list[str]:
    """A sample of real news sentences: ecbplus when ../shared is present."""
    if not ECB.is_file():
        pytest.skip("../shared/eval/data absent")
    rows = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()[::40]]
    sents = [s.text for i, r in enumerate(rows) for s in segment(Article(r["id"], r["text"]), i)]
    return sents[::3][:300]


@pytest.fixture(scope="module")
def onnx_embedders() -> dict[str, OnnxEmbedder]:
    from divergence.pipeline import get_embedder

    return {b: get_embedder(backend=b) for b, _, _ in AGREEMENT}  # type: ignore[misc]


@pytest.mark.parametrize(("backend", "worst", "mean"), AGREEMENT)
@pytest.mark.parametrize("sample", ["seed_sentences", "real_sentences"])
def test_embeddings_agree_with_torch(
    request: pytest.FixtureRequest,
    embedder,
    onnx_embedders,
    backend,
    worst,
    mean,
    sample,  # type: ignore[no-untyped-def]
) -> None:
    texts = request.getfixturevalue(sample)
    ref = embedder.encode(texts)
    got = onnx_embedders[backend].encode(texts)
    assert got.shape == ref.shape and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cos = (got * ref).sum(axis=1)
    assert cos.min() >= worst, (
        f"{backend}: worst sentence {texts[int(cos.argmin())]!r} at {cos.min():.4f}"
    )
    assert cos.mean() >= mean


def test_order_and_batching_do_not_change_vectors(onnx_embedders, seed_sentences) -> None:  # type: ignore[no-untyped-def]
    emb = onnx_embedders["onnx"]
    texts = seed_sentences[:50]
    whole = emb.encode(texts)
    reversed_ = emb.encode(texts[::-1])[::-1]
    one_by_one = np.vstack([emb.encode([t]) for t in texts[:10]])
    np.testing.assert_allclose(whole, reversed_, atol=1e-5)
    np.testing.assert_allclose(whole[:10], one_by_one, atol=1e-5)
    assert emb.encode([]).shape == (0, 384)


def test_each_backend_has_its_own_identity(embedder, onnx_embedders) -> None:  # type: ignore[no-untyped-def]
    """The embedding cache is keyed by sha256: torch, onnx and int8 vectors never mix."""
    names = {embedder.name, *(e.name for e in onnx_embedders.values())}
    shas = {embedder.sha256, *(e.sha256 for e in onnx_embedders.values())}
    assert len(names) == 3 and len(shas) == 3


def test_mean_pool_matches_a_plain_loop() -> None:
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(3, 5, 4)).astype(np.float32)
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]])
    got = mean_pool(tokens, mask)
    for b in range(3):
        v = tokens[b, : mask[b].sum()].mean(axis=0)
        np.testing.assert_allclose(got[b], v / np.linalg.norm(v), rtol=1e-5)


def _findings(report) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:  # type: ignore[no-untyped-def]
    return sorted(
        (d.code, tuple((e.article, e.start, e.end) for e in d.evidence)) for d in report.divergences
    )


def test_seeds_report_is_the_same_with_onnx(seed_paths: list[str]) -> None:
    import divergence

    ref = divergence.compare(seed_paths, cache=False)
    got = divergence.compare(seed_paths, backend="onnx", cache=False)
    assert _findings(got) == _findings(ref)
    assert [g.to_dict()["members"] for g in got.groups] == [
        g.to_dict()["members"] for g in ref.groups
    ]
    assert got.signature is not None and got.signature.model.endswith("+onnx")


def test_seeds_report_with_int8_differs_little(seed_paths: list[str]) -> None:
    """int8 is approximate: the same findings but for a few near a threshold."""
    import divergence

    ref = set(_findings(divergence.compare(seed_paths, cache=False)))
    got = set(_findings(divergence.compare(seed_paths, backend="onnx-int8", cache=False)))
    assert len(ref ^ got) <= max(3, len(ref) // 10), sorted(ref ^ got)
