"""The bundled model on ONNX Runtime: the same embeddings as the torch backend, faster on CPU.

The transformer is exported once from the local weights (``torch.onnx.export``) into the
user cache directory, keyed by the weights' sha256, and written atomically; nothing is
ever downloaded. Tokenisation uses the model's own ``tokenizer.json`` (the ``tokenizers``
library) with sentence-transformers' ``max_seq_length``; mean pooling and L2 normalisation
run in numpy, so a model directory that already ships ``model.onnx`` (token embeddings
out, as Hugging Face exports do) works too.

``quantize=True`` adds int8 dynamic quantisation of the weights
(``onnxruntime.quantization.quantize_dynamic``): a quarter of the size and faster, with
embeddings close to the float ones but not equal (mean cosine about 0.995, worst sentences
about 0.98; ``tests/test_embed_onnx.py``), so findings near a threshold can change.

Each variant has its own ``name`` and ``sha256`` (the weights' sha256 with ``:onnx`` or
``:onnx-int8`` appended, hashed again), so the embedding cache never mixes vectors from
different backends.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from divergence.config import MODEL_NAME, MODEL_SHA256
from divergence.embed import Progress, _weights_sha256, bundled_model_dir
from divergence.errors import ModelError

DEFAULT_MAX_LENGTH = 256  # all-MiniLM-L6-v2's sentence_bert_config.json
_OPSET = 17
INT8_RECIPE = "int8pc-ffnout-fp32"  # in the file name and the sha: a new recipe, new vectors
_LOCK = threading.Lock()
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_cache_dir() -> Path:
    """Where exported models live: ``$DIVERGENCE_ONNX_DIR``, else the user cache dir."""
    env = os.environ.get("DIVERGENCE_ONNX_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("divergence")) / "onnx"


def backend_sha256(weights_sha256: str, variant: str) -> str:
    """Identify vectors of one backend variant of one set of weights.

    >>> backend_sha256("ab", "onnx") == backend_sha256("ab", "onnx-int8")
    False
    """
    return hashlib.sha256(f"{weights_sha256}:{variant}".encode()).hexdigest()


class OnnxEmbedder:
    """The Embedder protocol on ONNX Runtime (CPU); ``quantize`` picks int8 weights."""

    def __init__(
        self,
        model_dir: Path | None = None,
        quantize: bool = False,
        batch_size: int = 32,
        threads: int | None = None,
    ):
        self.model_dir = Path(model_dir) if model_dir else bundled_model_dir()
        if not (self.model_dir / "tokenizer.json").is_file():
            raise ModelError(f"{self.model_dir}: no tokenizer.json (needed by the onnx backend)")
        self.quantize = quantize
        self.batch_size = batch_size
        self.threads = threads
        self.variant = "onnx-int8" if quantize else "onnx"
        self.weights_sha256 = _weights_sha256(str(self.model_dir))
        bundled = model_dir is None
        if bundled and self.weights_sha256 != MODEL_SHA256:
            raise ModelError(
                f"{self.model_dir}: weights sha256 {self.weights_sha256[:12]}… does not match "
                f"the expected all-MiniLM-L6-v2 weights {MODEL_SHA256[:12]}…"
            )
        self.sha256 = backend_sha256(
            self.weights_sha256, f"onnx-{INT8_RECIPE}" if quantize else "onnx"
        )
        self.name = f"{MODEL_NAME if bundled else self.model_dir.name}+{self.variant}"
        self.max_length = _max_length(self.model_dir)
        self._session = None
        self._tokenizer = None

    # -- lazy parts ----------------------------------------------------------------------

    def onnx_path(self) -> Path:
        """Return the ONNX file to run, exporting (and quantising) it on first use."""
        candidates = (self.model_dir / "model.onnx", self.model_dir / "onnx" / "model.onnx")
        shipped = next((p for p in candidates if p.is_file()), None)
        with _LOCK:
            fp32 = shipped or _export(self.model_dir, self.weights_sha256)
            if not self.quantize:
                return fp32
            return _quantized(fp32, self.weights_sha256)

    def _load(self):  # type: ignore[no-untyped-def]
        if self._session is None:
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ModelError(
                    "the onnx backend needs onnxruntime (pip install 'divergence[onnx]')"
                ) from exc
            tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
            tok.enable_truncation(self.max_length)
            tok.no_padding()
            opts = ort.SessionOptions()
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            if self.threads:
                opts.intra_op_num_threads = self.threads
            path = self.onnx_path()
            try:
                session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own types; all mean "cannot load"
                raise ModelError(
                    f"{path}: cannot load ONNX model ({type(exc).__name__}: {exc})"
                ) from exc
            self._inputs = {i.name for i in session.get_inputs()}
            self._tokenizer = tok
            self._session = session
        return self._session, self._tokenizer

    # -- the protocol ----------------------------------------------------------------------

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Embed ``texts`` into float32 ``(n, 384)``, L2-normalised, in input order."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        session, tok = self._load()
        encodings = tok.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])
        # Longest first, like sentence-transformers: batches of similar length pad little.
        order = np.argsort(-lengths, kind="stable")
        out = np.zeros((len(texts), 0), dtype=np.float32)
        done = 0
        for lo in range(0, len(order), self.batch_size):
            rows = order[lo : lo + self.batch_size]
            width = int(lengths[rows].max())
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = lengths[i]
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            tokens = session.run(None, feed)[0]  # (b, width, d)
            pooled = mean_pool(tokens, mask)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[rows] = pooled
            done += len(rows)
            if progress and (done == len(texts) or done % 256 < self.batch_size):
                progress(done, len(texts))
        return out


def mean_pool(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Average ``tokens`` ``(b, t, d)`` over the unmasked positions, then L2-normalise rows.

    >>> t = np.array([[[1.0, 0.0], [0.0, 1.0], [9.0, 9.0]]], dtype=np.float32)
    >>> mean_pool(t, np.array([[1, 1, 0]])).round(4).tolist()
    [[0.7071, 0.7071]]
    """
    m = mask[..., None].astype(np.float32)
    summed = (tokens * m).sum(axis=1)
    pooled = summed / np.maximum(m.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.ascontiguousarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


def _max_length(model_dir: Path) -> int:
    try:
        cfg = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(cfg.get("max_seq_length", DEFAULT_MAX_LENGTH))
    except (OSError, ValueError):
        return DEFAULT_MAX_LENGTH


def _atomic_target(final: Path, write) -> Path:  # type: ignore[no-untyped-def]
    """Run ``write(tmp_path)`` then rename onto ``final`` (a crash leaves no half file)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".onnx", dir=final.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, final)
    except Exception as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"{final}: cannot write ONNX model ({type(exc).__name__}: {exc})") from exc
    return final


def _export(model_dir: Path, weights_sha256: str) -> Path:
    """Export the transformer (token embeddings out) to ``<cache>/<sha>.onnx`` once."""
    final = onnx_cache_dir() / f"{weights_sha256[:32]}-fp32.onnx"
    if final.is_file() and final.stat().st_size > 0:
        return final

    def write(tmp: Path) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from transformers import AutoModel

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bert = AutoModel.from_pretrained(
                str(model_dir), local_files_only=True, attn_implementation="eager"
            ).eval()
            model = _token_embeddings_module(bert)
            ids = torch.ones((2, 8), dtype=torch.int64)
            mask = torch.ones((2, 8), dtype=torch.int64)
            types = torch.zeros((2, 8), dtype=torch.int64)
            dyn = {0: "batch", 1: "tokens"}
            with torch.no_grad():
                torch.onnx.export(
                    model,
                    (ids, mask, types),
                    str(tmp),
                    input_names=list(_INPUTS),
                    output_names=["last_hidden_state"],
                    dynamic_axes={name: dyn for name in (*_INPUTS, "last_hidden_state")},
                    opset_version=_OPSET,
                    dynamo=False,
                )

    return _atomic_target(final, write)


def _token_embeddings_module(bert):  # type: ignore[no-untyped-def]
    import torch

    class TokenEmbeddings(torch.nn.Module):
        """Call the transformer by keyword (positional order varies across versions)."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out[0]

    return TokenEmbeddings()


def _quantized(fp32: Path, weights_sha256: str) -> Path:
    """Quantise the weights of ``fp32`` to int8 (dynamic quantisation), once.

    Per-channel int8 weights for every MatMul except the feed-forward output projections
    (``*/output/dense``, not attention's): their inputs follow GELU and carry outliers, and
    quantising them alone pulled some sentences below cosine 0.98 of the float model.
    """
    final = onnx_cache_dir() / f"{weights_sha256[:32]}-{INT8_RECIPE}.onnx"
    if final.is_file() and final.stat().st_size > 0:
        return final

    def write(tmp: Path) -> None:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        graph = onnx.load(str(fp32), load_external_data=False).graph
        keep_float = [
            n.name
            for n in graph.node
            if n.op_type == "MatMul" and "/output/dense" in n.name and "attention" not in n.name
        ]
        quantize_dynamic(
            str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True,
            op_types_to_quantize=["MatMul"], nodes_to_exclude=keep_float,
        )  # fmt: skip

    return _atomic_target(final, write)
