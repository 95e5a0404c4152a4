"""Run one of the shared eval tools with ``divergence.compare`` bound to one implementation.

    python -m benchmarks.eval_tool --impl onnx-int8 ../shared/eval/score.py --gold ... --run
    python -m benchmarks.eval_tool --impl difflib ../shared/eval/planted.py run --cases DIR

``score.py`` and ``planted.py`` call ``divergence.compare(paths)``. Here, in this process
only, that name is bound to ours with the chosen backend (``torch``, ``onnx``,
``onnx-int8``), or, for ``difflib``, ``sys.modules["divergence"]`` is a shim module whose
``compare`` is ``benchmarks.difflib_peer.compare``. The tool then runs as ``__main__``.
"""

from __future__ import annotations

import argparse
import functools
import os
import runpy
import sys
import types

IMPLS = ("torch", "onnx", "onnx-int8", "difflib")


def bind(impl: str, device: str = "cpu") -> None:
    """Make ``import divergence; divergence.compare(paths)`` run ``impl``."""
    if impl == "difflib":
        from benchmarks import difflib_peer

        shim = types.ModuleType("divergence", "difflib peer standing in for divergence")
        shim.compare = difflib_peer.compare  # type: ignore[attr-defined]
        sys.modules["divergence"] = shim
        return
    import divergence

    divergence.compare = functools.partial(divergence.compare, backend=impl, device=device)  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--impl", choices=IMPLS, default="torch")
    p.add_argument("--device", default="cpu")
    p.add_argument("tool", help="path of score.py or planted.py")
    p.add_argument("args", nargs=argparse.REMAINDER)
    ns = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    bind(ns.impl, ns.device)
    sys.argv = [ns.tool, *ns.args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(ns.tool)))
    try:
        runpy.run_path(ns.tool, run_name="__main__")
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
