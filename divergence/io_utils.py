"""Small I/O helpers: atomic file writes (a run interrupted midway never leaves a partial
output file) and unique names."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from divergence.errors import DivergenceError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, content: str) -> None:
    """Write ``content`` (UTF-8) to ``path`` through a temporary file in the same folder."""
    atomic_write_bytes(path, content.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise DivergenceError(f"{path}: cannot write output ({exc.strerror or exc})") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def unique_name(wanted: str, used: set[str]) -> str:
    """Return ``wanted``, or ``wanted-2``, ``wanted-3``… the first not in ``used``; record it.

    >>> used = {"a"}
    >>> unique_name("a", used), unique_name("a", used), unique_name("b", used)
    ('a-2', 'a-3', 'b')
    """
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted}-{n}"
    used.add(candidate)
    return candidate
