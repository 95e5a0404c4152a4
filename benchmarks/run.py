"""Benchmark: quality and speed side by side, from 2 to 1,000 articles, with a difflib peer.

    python -m benchmarks.run                 # the full run (make bench), under 20 minutes
    python -m benchmarks.run --quick         # 2 and 10 articles, seeds only: a minute or two
    python -m benchmarks.run --sizes 2,10,100,1000 --repeats 3 --device cuda

Writes ``benchmarks/results/``: ``results.json`` (everything), ``results.md`` (tables) and
``scaling.png``. Every figure is the median of several runs in one process; each size runs
in its own subprocess, so its peak resident memory (``ru_maxrss``) is its own.

* Quality: ``../shared/eval/score.py`` on the seeds gold and ``planted.py`` in both modes
  (``make --cases 40 --seed 1`` into a temp dir, then ``run``), for our backends and the
  difflib peer (``benchmarks/eval_tool.py`` binds ``divergence.compare`` to each).
* Speed: ecbplus articles (biggest stories first; repeated with suffixed ids past 874),
  written to one JSON Lines file and passed by path, so ingest is timed too. Stages come
  from ``pipeline.Timings``; render is ``to_json`` + ``render_html`` timed here. Cold runs
  use a fresh cache directory each; warm runs rerun on the last cold run's cache.
* Embedding throughput of torch, onnx and onnx-int8 on the same sentences, with their
  agreement (cosine) with torch.

Skips what needs ``../shared/eval`` when it is absent (speed then uses the repo's seeds).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "benchmarks" / "results"
STAGES = ("ingest", "segment", "embed", "align", "detect", "render")
TARGETS = {"overhead_ratio": 0.30, "peak_rss_mb": 2048.0, "warm_ratio": 0.10}
EMBED_BACKENDS = ("torch", "onnx", "onnx-int8")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


# --- inputs -------------------------------------------------------------------------------


def load_corpus(data: Path | None) -> tuple[list[dict[str, Any]], str]:
    """Articles for the speed runs: ecbplus (biggest stories first), else the repo's seeds."""
    src = data / "ecbplus_articles.jsonl" if data else None
    if src and src.is_file():
        rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line]
        size: dict[str, int] = {}
        for r in rows:
            size[r.get("cluster", "")] = size.get(r.get("cluster", ""), 0) + 1
        rows.sort(key=lambda r: (-size[r.get("cluster", "")], r.get("cluster", ""), r["id"]))
        return rows, str(src)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in seeds], "seeds/"


def articles_for(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The first ``n`` articles, cycling through the corpus with ``-r2``, ``-r3``… ids."""
    out = []
    for k in range(n):
        r = rows[k % len(rows)]
        rep = k // len(rows)
        rec = {key: r[key] for key in ("id", "text", "title", "outlet", "url") if r.get(key)}
        if rep:
            rec["id"] = f"{r['id']}-r{rep + 1}"
        out.append(rec)
    return out


# --- workers (each in its own subprocess) ---------------------------------------------------


def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:
        return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class CountingEmbedder:
    """Pass-through embedder that counts the sentences it embeds and its CPU seconds."""

    def __init__(self, inner: Any):
        self.inner = inner
        self.name = inner.name
        self.sha256 = inner.sha256
        self.texts = 0
        self.cpu = 0.0

    def encode(self, texts: Any, progress: Any = None) -> Any:
        self.texts += len(texts)
        c = time.process_time()
        try:
            return self.inner.encode(texts, progress)
        finally:
            self.cpu += time.process_time() - c


def worker_scale(args: argparse.Namespace) -> dict[str, Any]:
    """Time compare() on ``args.size`` articles: cold runs, then warm runs on the same cache."""
    from divergence.pipeline import Timings, compare, get_embedder
    from divergence.render.html import render_html

    rows, source = load_corpus(args.data)
    work = args.work  # the parent's temporary folder: removed even when this worker is killed
    path = work / f"articles-{args.size}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for rec in articles_for(rows, args.size):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    t0 = time.perf_counter()
    inner = get_embedder(args.model, args.device, args.backend)
    inner.encode(["Warm the model up before timing."])
    load_s = time.perf_counter() - t0
    emb = CountingEmbedder(inner)
    base_rss = rss_mb()

    def one(cache_dir: Path, mode: str) -> dict[str, Any]:
        timings = Timings()
        cpu0, emb_cpu0 = time.process_time(), emb.cpu
        t = time.perf_counter()
        watchdog = None
        if args.run_timeout:
            watchdog = threading.Timer(
                args.run_timeout, give_up, (args, meta, runs, mode, timings, t)
            )
            watchdog.daemon = True
            watchdog.start()
        report = compare([str(path)], embedder=emb, cache=cache_dir, timings=timings)
        if watchdog:
            watchdog.cancel()
        r = time.perf_counter()
        report.to_json()
        render_html(report)
        end = time.perf_counter()
        stages = dict(timings.stages)
        stages["render"] = end - r
        # CPU seconds (all threads) resist other load on the machine better than wall time.
        cpu = {"total": time.process_time() - cpu0, "embed": emb.cpu - emb_cpu0}
        return {
            "total": end - t,
            "stages": stages,
            "cpu": cpu,
            "divergences": len(report.divergences),
        }

    runs: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    meta: dict[str, Any] = {
        "size": args.size,
        "source": source,
        "backend": args.backend,
        "device": args.device,
        "model": emb.name,
        "model_sha256": emb.sha256,
        "load_s": load_s,
        "rss_after_load_mb": base_rss,
        "embedder": emb,
    }
    cache_dir = work / "cache-0"
    plan = [("cold", k) for k in range(args.cold_repeats)]
    plan += [("warm", k) for k in range(args.warm_repeats)]
    for mode, k in plan:
        if mode == "cold":
            cache_dir = work / f"cache-{k}"
        before = meta["texts_before"] = emb.texts
        runs[mode].append(one(cache_dir, mode))
        if mode == "cold":
            meta["sentences"] = emb.texts - before
        log(f"  {args.size} articles {mode} #{k + 1}: {runs[mode][-1]['total']:.1f}s")
        # Written after every run: a size that outlives its time limit still reports.
        write_json(args.result, summarise_scale(meta, runs))
    return summarise_scale(meta, runs)


def give_up(
    args: argparse.Namespace,
    meta: dict[str, Any],
    runs: dict[str, list[dict[str, Any]]],
    mode: str,
    timings: Any,
    started: float,
) -> None:
    """Past ``--run-timeout``: record the stages that finished and a lower bound for the rest."""
    elapsed = time.perf_counter() - started
    stages = dict(timings.stages)
    running = next((s for s in STAGES if s not in stages), "render")
    stages[running] = elapsed - sum(stages.values())
    runs[mode].append(
        {
            "total": elapsed,
            "stages": stages,
            "cpu": {"total": float("nan"), "embed": float("nan")},
            "divergences": None,
            "unfinished": running,
        }
    )
    if mode == "cold" and "embed" in timings.stages:
        meta["sentences"] = meta["embedder"].texts - meta["texts_before"]
    meta.setdefault("sentences", None)
    out = summarise_scale(meta, runs)
    out["unfinished"] = f"{mode} run stopped after {elapsed:.0f}s, in {running}"
    write_json(args.result, out)
    log(f"  {args.size} articles: {out['unfinished']} (--run-timeout)")
    sys.stdout.flush()
    os._exit(3)


def summarise_scale(meta: dict[str, Any], runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    out = {k: v for k, v in meta.items() if k not in ("embedder", "texts_before")}
    out.update(peak_rss_mb=peak_rss_mb(), runs=runs)
    out["divergences"] = runs["cold"][0]["divergences"] if runs["cold"] else None
    for mode, rs in runs.items():
        if not rs:
            continue
        out[mode] = {
            "total": median([r["total"] for r in rs]),
            "stages": {s: median([r["stages"].get(s, 0.0) for r in rs]) for s in STAGES},
            "cpu": {k: median([r["cpu"][k] for r in rs]) for k in ("total", "embed")},
            "n": len(rs),
            "unfinished": next((r["unfinished"] for r in rs if r.get("unfinished")), None),
        }
    return out


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` atomically (temp file + rename)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def worker_embed(args: argparse.Namespace) -> dict[str, Any]:
    """Sentences per second of one backend on the first ``args.sentences`` corpus sentences."""
    import numpy as np

    from divergence.pipeline import get_embedder

    texts = corpus_sentences(args.data, args.sentences)
    t0 = time.perf_counter()
    emb = get_embedder(args.model, args.device, args.backend)
    emb.encode(texts[:8])
    load_s = time.perf_counter() - t0
    times = []
    vectors = None
    for _ in range(args.repeats):
        t = time.perf_counter()
        vectors = emb.encode(texts)
        times.append(time.perf_counter() - t)
    assert vectors is not None
    np.save(args.vectors, vectors)
    return {
        "backend": args.backend,
        "device": args.device,
        "model": emb.name,
        "model_sha256": emb.sha256,
        "sentences": len(texts),
        "load_s": load_s,
        "seconds": median(times),
        "runs": times,
        "per_s": len(texts) / median(times),
        "peak_rss_mb": peak_rss_mb(),
    }


def corpus_sentences(data: Path | None, n: int) -> list[str]:
    from divergence.segment import segment
    from divergence.types import Article

    rows, _ = load_corpus(data)
    out: list[str] = []
    for i, r in enumerate(rows):
        out += [s.text for s in segment(Article(r["id"], r["text"]), i)]
        if len(out) >= n:
            break
    while len(out) < n:
        out += out[: n - len(out)]
    return out[:n]


def worker_peer(args: argparse.Namespace) -> dict[str, Any]:
    """Time the difflib peer on the same articles as the scale runs (in-memory texts)."""
    from benchmarks.difflib_peer import compare_texts

    rows, _ = load_corpus(args.data)
    texts = {r["id"]: r["text"] for r in articles_for(rows, args.size)}
    times = []
    n = 0
    for _ in range(args.repeats):
        t = time.perf_counter()
        n = len(compare_texts(texts)["divergences"])
        times.append(time.perf_counter() - t)
    return {
        "size": args.size,
        "seconds": median(times),
        "runs": times,
        "divergences": n,
        "peak_rss_mb": peak_rss_mb(),
    }


WORKERS = {"scale": worker_scale, "embed": worker_embed, "peer": worker_peer}


def spawn(
    kind: str, extra: list[str], common: argparse.Namespace, timeout: float
) -> dict[str, Any] | None:
    """Run one worker in a fresh interpreter; return its JSON result (None on failure)."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as tmp:
        return run_worker(kind, extra, common, timeout, Path(tmp))


def run_worker(
    kind: str, extra: list[str], common: argparse.Namespace, timeout: float, work: Path
) -> dict[str, Any] | None:
    """spawn()'s body: the worker writes its result, and any scratch files, under ``work``."""
    result = work / "result.json"
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "--worker",
        kind,
        "--result",
        str(result),
        "--work",
        str(work),
        "--device",
        common.device,
        "--backend",
        common.backend,
        *extra,
    ]
    if common.data:
        cmd += ["--data", str(common.data)]
    if common.model:
        cmd += ["--model", common.model]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=child_env(), timeout=timeout, check=False)
        failed = f"exit {proc.returncode}" if proc.returncode else ""
    except subprocess.TimeoutExpired:
        failed = f"timed out after {timeout:.0f}s"
    data = None
    if result.is_file() and result.stat().st_size:
        data = json.loads(result.read_text(encoding="utf-8"))
    if failed:
        log(f"{kind} {extra}: {failed}" + ("; keeping the runs it finished" if data else ""))
        if data is not None:
            data["incomplete"] = failed
    return data


def child_env(cache: Path | None = None) -> dict[str, str]:
    env = dict(
        os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false"
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if cache:
        env["DIVERGENCE_CACHE_DIR"] = str(cache)
    return env


# --- quality ------------------------------------------------------------------------------


def run_tool(impl: str, tool: str, args: list[str], device: str) -> tuple[str, float]:
    """Run score.py / planted.py with ``impl`` bound; return (stdout, wall seconds)."""
    with tempfile.TemporaryDirectory(prefix="bench-q-cache-") as cache:
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.eval_tool",
            "--impl",
            impl,
            "--device",
            device,
            str(EVAL / tool),
            *args,
        ]
        t = time.perf_counter()
        proc = subprocess.run(
            cmd, cwd=ROOT, env=child_env(Path(cache)), capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - t
    if proc.returncode != 0:
        log(f"{impl} {tool}: exit {proc.returncode}: {proc.stderr.strip()[-400:]}")
    return proc.stdout, wall


def parse_score(out: str) -> dict[str, Any]:
    """Fields of score.py's JSON summary line and its last line."""
    res: dict[str, Any] = {}
    for line in out.splitlines():
        if line.startswith("{"):
            res.update(json.loads(line))
    last = out.strip().splitlines()[-1] if out.strip() else ""
    res["line"] = last
    return res


def parse_planted(out: str) -> dict[str, Any]:
    """Per-code counts and the last line ``planted: recall R precision P (cases C)``."""
    res: dict[str, Any] = {"codes": {}}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and "/" in parts[1] and "." in parts[0]:
            f, n = parts[1].split("/")
            res["codes"][parts[0]] = [int(f), int(n)]
        elif line.startswith("reported "):
            nums = [int(w.strip(",")) for w in line.split() if w.strip(",").isdigit()]
            res["reported"], res["explained"] = nums[0], nums[1]
        elif line.startswith("planted:"):
            w = line.replace("(", " ").replace(")", " ").split()
            res["recall"] = float(w[w.index("recall") + 1])
            res["precision"] = float(w[w.index("precision") + 1])
            res["cases"] = int(w[w.index("cases") + 1])
            res["line"] = line
    return res


def quality(args: argparse.Namespace) -> dict[str, Any]:
    if not (EVAL / "score.py").is_file():
        log("quality: ../shared/eval absent, skipped")
        return {"skipped": "../shared/eval absent"}
    out: dict[str, Any] = {"seeds": {}, "planted_articles": {}, "planted_pairs": {}}
    for impl in args.seed_impls:
        text, wall = run_tool(
            impl,
            "score.py",
            ["--gold", str(EVAL / "seeds_gold.json"), "--run", "--json"],
            args.device,
        )
        out["seeds"][impl] = {**parse_score(text), "wall_s": wall}
        log(f"quality seeds {impl}: {out['seeds'][impl].get('line')} ({wall:.1f}s)")
    if args.quick or not args.planted_impls:
        return out
    data = EVAL / "data"
    with tempfile.TemporaryDirectory(prefix="bench-planted-") as tmp:
        for mode, src in (
            ("planted_articles", ["--articles", str(data / "ecbplus_articles.jsonl")]),
            ("planted_pairs", ["--pairs", str(data / "sts_news_pairs.tsv")]),
        ):
            cases = Path(tmp) / mode
            subprocess.run(
                [
                    sys.executable,
                    str(EVAL / "planted.py"),
                    "make",
                    *src,
                    "--out",
                    str(cases),
                    "--cases",
                    str(args.cases),
                    "--seed",
                    "1",
                ],
                check=True,
                capture_output=True,
            )
            for impl in args.planted_impls:
                text, wall = run_tool(
                    impl, "planted.py", ["run", "--cases", str(cases)], args.device
                )
                out[mode][impl] = {**parse_planted(text), "wall_s": wall}
                log(f"quality {mode} {impl}: {out[mode][impl].get('line')} ({wall:.1f}s)")
    return out


# --- machine ------------------------------------------------------------------------------


def machine(device: str) -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info: dict[str, Any] = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_start": list(os.getloadavg()),
    }
    try:
        import psutil

        info["ram_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    import numpy
    import torch

    from divergence import __version__
    from divergence.config import MODEL_NAME, MODEL_SHA256

    info.update(
        numpy=numpy.__version__, torch=torch.__version__, torch_threads=torch.get_num_threads()
    )
    info["cuda"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    try:
        import onnxruntime

        info["onnxruntime"] = onnxruntime.__version__
    except ImportError:
        info["onnxruntime"] = None
    info.update(divergence=__version__, model=MODEL_NAME, model_sha256=MODEL_SHA256, device=device)
    with contextlib.suppress(OSError):
        info["git"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    return info


# --- the whole run ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="sizes 2,10; 2 repeats; seeds only")
    p.add_argument(
        "--sizes", default=None, help="comma-separated article counts (default 2,10,100,1000)"
    )
    p.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    p.add_argument(
        "--large", type=int, default=1000, help="sizes from here get --large-repeats cold runs"
    )
    p.add_argument(
        "--large-repeats", type=int, default=1, help="cold runs at large sizes (each minutes)"
    )
    p.add_argument(
        "--large-timeout",
        type=float,
        default=300,
        help="seconds one run at a large size may take; past it, the stages done are kept",
    )
    p.add_argument("--device", default="cpu", help="torch device: cpu or cuda")
    p.add_argument("--backend", default="torch", help="backend of the scale runs")
    p.add_argument("--model", default=None, help="model directory, or 'hashing' (smoke tests)")
    p.add_argument("--embed-sentences", type=int, default=1000)
    p.add_argument("--embed-backends", default=",".join(EMBED_BACKENDS))
    p.add_argument(
        "--peer-sizes",
        default="2,10",
        help="sizes the difflib peer runs at (all pairs: 100 articles takes over 10 minutes)",
    )
    p.add_argument("--cases", type=int, default=40, help="planted cases per mode")
    p.add_argument("--seed-impls", default="torch,onnx,onnx-int8,difflib")
    p.add_argument("--planted-impls", default="torch,onnx-int8,difflib")
    p.add_argument("--no-quality", action="store_true")
    p.add_argument("--data", type=Path, default=EVAL / "data")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--from-json", type=Path, help="re-render results.md and scaling.png only")
    # worker mode (internal)
    p.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    p.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--size", type=int, help=argparse.SUPPRESS)
    p.add_argument("--sentences", type=int, help=argparse.SUPPRESS)
    p.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--cold-repeats", type=int, help=argparse.SUPPRESS)
    p.add_argument("--warm-repeats", type=int, help=argparse.SUPPRESS)
    p.add_argument("--run-timeout", type=float, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.data and not args.data.is_dir():
        args.data = None
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
        results["targets"] = targets(results)
        write_results(results, args.out)
        return 0
    if args.worker:
        with contextlib.ExitStack() as stack:
            if args.work is None:  # run by hand: a folder of its own, removed afterwards
                args.work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            write_json(args.result, WORKERS[args.worker](args))
        return 0

    if args.device.startswith("cuda"):
        import torch

        if not torch.cuda.is_available():
            print("benchmarks.run: --device cuda but torch sees no CUDA device", file=sys.stderr)
            return 2
    if args.quick:
        args.repeats = min(args.repeats, 2)
        args.embed_sentences = min(args.embed_sentences, 200)
    sizes = [int(s) for s in (args.sizes or ("2,10" if args.quick else "2,10,100,1000")).split(",")]
    peer_sizes = [s for s in (int(x) for x in args.peer_sizes.split(",") if x) if s in sizes]
    args.seed_impls = [i for i in args.seed_impls.split(",") if i and usable(i, args)]
    args.planted_impls = [i for i in args.planted_impls.split(",") if i and usable(i, args)]
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": machine(args.device),
        "config": {
            "sizes": sizes,
            "repeats": args.repeats,
            "large": args.large,
            "large_repeats": args.large_repeats,
            "large_timeout": args.large_timeout,
            "backend": args.backend,
            "device": args.device,
            "embed_sentences": args.embed_sentences,
            "cases": args.cases,
            "quick": args.quick,
            "model": args.model or "bundled",
            "corpus": load_corpus(args.data)[1],
        },
    }

    log("embedding throughput")
    results["embed"] = embed_throughput(args)
    results["scale"] = []
    for n in sizes:
        large = n >= args.large
        reps = args.large_repeats if large else args.repeats
        log(f"scale: {n} articles ({reps} cold, {reps} warm)")
        extra = ["--size", str(n), "--cold-repeats", str(reps), "--warm-repeats", str(reps)]
        if large:
            extra += ["--run-timeout", str(args.large_timeout)]
        res = spawn("scale", extra, args, timeout=1500)
        if res:
            results["scale"].append(res)
    results["peer"] = []
    for n in peer_sizes:
        log(f"peer: {n} articles")
        res = spawn("peer", ["--size", str(n), "--repeats", str(args.repeats)], args, timeout=600)
        if res:
            results["peer"].append(res)
    results["quality"] = {"skipped": "--no-quality"} if args.no_quality else quality(args)
    results["targets"] = targets(results)
    results["machine"]["loadavg_end"] = list(os.getloadavg())
    results["wall_s"] = time.perf_counter() - started
    write_results(results, args.out)
    print(render_markdown(results))
    log(f"done in {results['wall_s']:.0f}s; wrote {args.out}")
    return 0


def usable(impl: str, args: argparse.Namespace) -> bool:
    if impl.startswith("onnx"):
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            log(f"{impl}: onnxruntime not installed, skipped")
            return False
    return not (args.model == "hashing" and impl != "difflib")


def embed_throughput(args: argparse.Namespace) -> list[dict[str, Any]]:
    import numpy as np

    out = []
    vectors: dict[str, Any] = {}
    backends = [b for b in args.embed_backends.split(",") if b and usable(b, args)]
    with tempfile.TemporaryDirectory(prefix="bench-embed-") as tmp:
        for b in backends:
            vec = Path(tmp) / f"{b}.npy"
            extra = [
                "--sentences",
                str(args.embed_sentences),
                "--repeats",
                str(args.repeats),
                "--vectors",
                str(vec),
            ]
            sub = argparse.Namespace(**{**vars(args), "backend": b})
            res = spawn("embed", extra, sub, timeout=900)
            if res:
                vectors[b] = np.load(vec)
                out.append(res)
                log(f"  {b}: {res['per_s']:.0f} sentences/s")
    ref = vectors.get("torch")
    for res in out:
        if ref is not None:
            cos = (vectors[res["backend"]] * ref).sum(axis=1)
            res["cos_vs_torch"] = {
                "min": float(cos.min()),
                "p1": float(np.percentile(cos, 1)),
                "mean": float(cos.mean()),
            }
        base = next((r for r in out if r["backend"] == "torch"), None)
        res["speedup_vs_torch"] = res["per_s"] / base["per_s"] if base else None
    return out


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's three targets, checked on the largest size measured."""
    # A cold run stopped by --large-timeout gives only lower bounds: check the largest
    # size that finished, and say which did not.
    rows = [r for r in results["scale"] if "cold" in r and not r["cold"].get("unfinished")]
    cut = [r for r in results["scale"] if r.get("unfinished")]
    if not rows:
        return []
    big = max(rows, key=lambda r: r["size"])
    st = big["cold"]["stages"]
    other = sum(v for k, v in st.items() if k != "embed")
    cpu = big["cold"].get("cpu", {})
    # A run stopped by --large-timeout gives lower bounds on what it had not finished.
    bound = " (lower bound: run stopped)" if big.get("unfinished") else ""
    out = [
        {
            "target": f"non-embedding / embedding, {big['size']} articles, cold, wall{bound}",
            "value": other / st["embed"] if st["embed"] else float("inf"),
            "limit": TARGETS["overhead_ratio"],
        },
        {
            "target": f"non-embedding / embedding, {big['size']} articles, cold, CPU seconds",
            "value": (cpu.get("total", 0) - cpu.get("embed", 0)) / cpu["embed"]
            if cpu.get("embed")
            else float("nan"),
            "limit": TARGETS["overhead_ratio"],
        },
        {
            "target": f"peak memory (RSS), {big['size']} articles, MB{bound}",
            "value": big["peak_rss_mb"],
            "limit": TARGETS["peak_rss_mb"],
        },
    ]
    if "warm" in big:
        out.append(
            {
                "target": f"warm rerun / cold run, {big['size']} articles",
                "value": big["warm"]["total"] / big["cold"]["total"],
                "limit": TARGETS["warm_ratio"],
            }
        )
    for t in out:
        t["ok"] = bool(t["value"] <= t["limit"])  # NaN: not met
    for r in cut:
        out.insert(
            0,
            {
                "target": f"{r['size']} articles: {r['unfinished']} (--large-timeout)",
                "value": float("nan"),
                "limit": float("nan"),
                "ok": False,
            },
        )
    return out


# --- output -------------------------------------------------------------------------------


def write_results(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    (out / "results.md").write_text(render_markdown(results), encoding="utf-8")
    try:
        plot(results, out / "scaling.png")
    except ImportError:
        log("matplotlib not installed: no scaling.png (pip install matplotlib)")


def _f(x: float | None, nd: int = 2) -> str:
    if x is None or x != x:
        return "–"
    return f"{x:,.{nd}f}"


def render_markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables: machine, quality, embedding, scaling, peer, targets."""
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m benchmarks.run` in {results.get('wall_s', 0):.0f} s. Medians of "
        f"{results['config']['repeats']} runs per figure; at {results['config']['large']}+ "
        f"articles {results['config']['large_repeats']} cold and "
        f"{results['config']['large_repeats']} warm, each stopped after "
        f"{results['config'].get('large_timeout', 0):.0f} s (then the unfinished stage shows "
        "the time it had run, a lower bound).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    for k in (
        "cpu",
        "cores",
        "ram_gb",
        "platform",
        "python",
        "torch",
        "torch_threads",
        "onnxruntime",
        "numpy",
        "divergence",
        "git",
        "model",
        "model_sha256",
        "device",
        "cuda",
        "loadavg_start",
        "loadavg_end",
    ):
        v = m.get(k)
        if isinstance(v, list):
            v = " ".join(f"{x:.2f}" for x in v)
        lines.append(f"| {k} | {v if v is not None else '–'} |")
    lines += [
        "",
        "GPU: "
        + (
            f"measured on {m['cuda']}."
            if m.get("cuda") and m.get("device", "").startswith("cuda")
            else "not measured here (no CUDA device); "
            "`--device cuda` runs the same benchmark on one."
        ),
        "Load average above the core count means other work shared the CPU: timings are then "
        "slower than on an idle machine, but all figures of one run share the same conditions.",
    ]

    q = results.get("quality", {})
    emb = {r["backend"]: r for r in results.get("embed", [])}
    if q and "skipped" not in q:
        lines += [
            "",
            "## Quality and speed, side by side",
            "",
            "| implementation | seeds found | seeds absent-violations | seeds reported | "
            "planted articles R / P | planted paraphrase R / P | planted wall s (both modes) | "
            "embedding sentences/s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        impls = list(dict.fromkeys([*q.get("seeds", {}), *q.get("planted_articles", {})]))
        for impl in impls:
            s = q["seeds"].get(impl, {})
            pa = q.get("planted_articles", {}).get(impl, {})
            pp = q.get("planted_pairs", {}).get(impl, {})
            wall = (pa.get("wall_s", 0) + pp.get("wall_s", 0)) if pa and pp else None
            seeds = f"{s['found']}/{s['expected']}" if "found" in s else "–"
            viol = f"{s['violations']}/{s['absent_items']}" if "violations" in s else "–"
            rp = lambda d: f"{d['recall']:.2f} / {d['precision']:.2f}" if "recall" in d else "–"  # noqa: E731
            speed = (
                _f(emb[impl]["per_s"], 0)
                if impl in emb
                else ("no model" if impl == "difflib" else "–")
            )
            lines.append(
                f"| {impl} | {seeds} | {viol} | {s.get('reported', '–')} | {rp(pa)} | {rp(pp)} | "
                f"{_f(wall, 1)} | {speed} |"
            )
        lines += [
            "",
            "R = recall over planted divergences (kind must match); P = share of reported "
            "divergences (severity ≥ low) that touch a planted edit. Planted: "
            f"{results['config']['cases']} cases per mode, `planted.py make --seed 1`.",
        ]
        codes = sorted(
            {
                c
                for mode in ("planted_articles", "planted_pairs")
                for r in q.get(mode, {}).values()
                for c in r.get("codes", {})
            }
        )
        if codes:
            impls_p = list(q.get("planted_pairs", {}))
            lines += [
                "",
                "### Planted recall by code (articles | paraphrase)",
                "",
                "| code | " + " | ".join(impls_p) + " |",
                "|---|" + "---|" * len(impls_p),
            ]
            for c in codes:
                cells = []
                for impl in impls_p:
                    a = q["planted_articles"].get(impl, {}).get("codes", {}).get(c)
                    b = q["planted_pairs"].get(impl, {}).get("codes", {}).get(c)
                    fmt = lambda v: f"{v[0]}/{v[1]}" if v else "–"  # noqa: E731
                    cells.append(f"{fmt(a)} \\| {fmt(b)}")
                lines.append(f"| {c} | " + " | ".join(cells) + " |")
    elif q:
        lines += ["", f"## Quality: skipped ({q['skipped']})"]

    if emb:
        lines += [
            "",
            f"## Embedding backends ({next(iter(emb.values()))['sentences']} ecbplus sentences)",
            "",
            "| backend | sentences/s | speed-up vs torch | load s | peak RSS MB "
            "| cosine vs torch min / p1 / mean | sha256 |",
            "|---|---|---|---|---|---|---|",
        ]
        for b, r in emb.items():
            c = r.get("cos_vs_torch")
            cos = f"{c['min']:.4f} / {c['p1']:.4f} / {c['mean']:.4f}" if c else "–"
            lines.append(
                f"| {b} | {_f(r['per_s'], 0)} | {_f(r.get('speedup_vs_torch'))}× "
                f"| {_f(r['load_s'], 1)} | "
                f"{_f(r['peak_rss_mb'], 0)} | {cos} | `{r['model_sha256'][:12]}` |"
            )

    scale = results.get("scale", [])
    if scale:
        lines += [
            "",
            f"## Scaling ({scale[0]['backend']} backend, {scale[0]['device']}; seconds)",
            "",
            "| articles | sentences | run | total | "
            + " | ".join(STAGES)
            + " | non-embed / embed | CPU s total / embed | sentences/s | peak RSS MB |",
            "|---|---|---|---|" + "---|" * len(STAGES) + "---|---|---|",
        ]
        for r in scale:
            for mode in ("cold", "warm"):
                if mode not in r:
                    continue
                st = r[mode]["stages"]
                other = sum(v for k, v in st.items() if k != "embed")
                ratio = _f(other / st["embed"]) if mode == "cold" and st["embed"] else "–"
                rate = (
                    _f(r["sentences"] / r[mode]["total"], 0)
                    if r.get("sentences") and not r[mode].get("unfinished")
                    else "–"
                )
                cpu = r[mode].get("cpu", {})
                cpus = f"{_f(cpu.get('total'), 1)} / {_f(cpu.get('embed'), 1)}"
                lines.append(
                    f"| {r['size']} | {r.get('sentences') or '–'} | {mode} ×{r[mode]['n']} "
                    f"| {_f(r[mode]['total'])} | "
                    + " | ".join(
                        ("≥ " if s == r[mode].get("unfinished") else "") + _f(st[s]) for s in STAGES
                    )
                    + f" | {ratio} | {cpus} | {rate} "
                    + f"| {_f(r['peak_rss_mb'], 0) if mode == 'cold' else ''} |"
                )
        lines += [
            "",
            "Peak RSS is the worker process's maximum (model loaded: about "
            f"{_f(scale[0]['rss_after_load_mb'], 0)} MB before the first run). Model load "
            f"({_f(scale[0]['load_s'], 1)} s) is not in the totals. Warm = same cache directory "
            "as the last cold run; its embed stage only reads the cache. CPU seconds count "
            "every thread of the process (torch embeds on all cores), so they resist other load "
            "on the machine better than wall time.",
        ]

    peer = results.get("peer", [])
    if peer and scale:
        cold = {r["size"]: r["cold"]["total"] for r in scale if "cold" in r}
        lines += [
            "",
            "## difflib peer, same articles (seconds)",
            "",
            "| articles | ours (cold, incl. embedding) | difflib peer | peer / ours |",
            "|---|---|---|---|",
        ]
        for r in peer:
            ours = cold.get(r["size"])
            lines.append(
                f"| {r['size']} | {_f(ours)} | {_f(r['seconds'])} | "
                f"{_f(r['seconds'] / ours) if ours else '–'}× |"
            )
        lines += [
            "",
            "The peer compares every article pair and, within it, every sentence pair: "
            "its cost grows with the square of the articles, ours with their sentences.",
        ]

    tg = results.get("targets", [])
    if tg:
        lines += [
            "",
            "## Targets (issue 7)",
            "",
            "| target | measured | limit | met |",
            "|---|---|---|---|",
        ]
        for t in tg:
            lines.append(
                f"| {t['target']} | {_f(t['value'])} | {_f(t['limit'])} "
                f"| {'yes' if t['ok'] else 'NO'} |"
            )
    return "\n".join(lines) + "\n"


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scale = [r for r in results.get("scale", []) if "cold" in r and not r["cold"].get("unfinished")]
    if not scale:
        return
    sizes = [r["size"] for r in scale]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for s in STAGES:
        ax1.plot(sizes, [max(r["cold"]["stages"][s], 1e-4) for r in scale], marker="o", label=s)
    ax1.plot(sizes, [r["cold"]["total"] for r in scale], "k--", marker="s", label="total (cold)")
    if all("warm" in r for r in scale):
        ax1.plot(sizes, [r["warm"]["total"] for r in scale], "k:", marker="^", label="total (warm)")
    peer = {r["size"]: r["seconds"] for r in results.get("peer", [])}
    if peer:
        ps = sorted(peer)
        ax1.plot(ps, [peer[s] for s in ps], color="grey", marker="x", label="difflib peer")
    ax1.set(
        xscale="log",
        yscale="log",
        xlabel="articles",
        ylabel="seconds (median)",
        title="Time per stage, cold cache",
    )
    ax1.legend(fontsize=7)
    ax2.plot(sizes, [r["peak_rss_mb"] for r in scale], marker="o", label="peak RSS")
    ax2.axhline(TARGETS["peak_rss_mb"], color="red", linestyle="--", label="2 GB target")
    ax2.set(xscale="log", xlabel="articles", ylabel="MB", title="Peak memory")
    ax2.legend(fontsize=7)
    m = results["machine"]
    fig.suptitle(
        f"divergence {m.get('divergence')} ({m.get('git', '')}) "
        f"on {m.get('cpu')}, {m.get('cores')} cores",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())
