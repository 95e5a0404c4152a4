"""Shared fixtures: the real model (loaded once per session), a hashing embedder, seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return (
        bool(request.config.getoption("--update-golden")) or os.environ.get("UPDATE_GOLDEN") == "1"
    )


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never touch the user's embedding cache from tests."""
    os.environ["DIVERGENCE_CACHE_DIR"] = str(tmp_path_factory.mktemp("emb-cache"))


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The real bundled model, loaded once for the whole session."""
    from divergence.pipeline import get_embedder

    return get_embedder()


@pytest.fixture(scope="session")
def hashing():  # type: ignore[no-untyped-def]
    from divergence.embed import HashingEmbedder

    return HashingEmbedder()


@pytest.fixture(scope="session")
def seed_paths() -> list[str]:
    return [str(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def seeds_report(seed_paths, embedder):  # type: ignore[no-untyped-def]
    import divergence

    return divergence.compare(seed_paths)
