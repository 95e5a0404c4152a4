"""Bytes → text: the checks every input passes before any format sees it.

Text is decoded (UTF-8 with or without a byte-order mark, UTF-16 or UTF-32 with one),
line ends become ``\\n`` and trailing whitespace is dropped; nothing else is touched, so
offsets into the result are offsets into what the reader sees.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO, TextIO

from divergence.errors import InputError

# Inputs larger than this are refused before reading: a news article is well under 1 MB, and
# the aligner's cost grows with the square of the sentence count.
MAX_INPUT_BYTES = 20_000_000
EXPECTED = "expected text, HTML, Markdown or JSON"

# File signatures (magic numbers) of the binary formats people most often pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP or Office document"),
    (b"\x1f\x8b", "gzip"),
    (b"RIFF", "RIFF media"),
)
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def shown(path: str | os.PathLike[str]) -> str:
    """Return ``path`` as one printable line (control characters escaped) for messages.

    >>> shown("a b/ü.txt"), shown("new\\nline.txt")
    ('a b/ü.txt', 'new\\\\nline.txt')
    """
    name = os.fspath(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def normalise(text: str) -> str:
    """Turn CRLF and CR line ends into LF and drop trailing whitespace; change nothing else.

    >>> normalise("a\\r\\nb\\rc  \\n\\n")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _too_large(size: int) -> str:
    return f"too large: {_megabytes(size)}, the limit is {_megabytes(MAX_INPUT_BYTES)}"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode the bytes of one input and normalise line ends; raise InputError if not text.

    ``html`` allows a ``<meta charset>`` other than UTF-8 when the bytes are not UTF-8.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"binary file (looks like {kind}), {EXPECTED}")
    encoding, body = "utf-8", data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, body = name, data[len(bom) :]
            break
    if encoding == "utf-8" and b"\x00" in body:
        at = body.index(b"\x00") + len(data) - len(body)
        raise InputError(source, f"binary file (NUL byte at offset {at}), {EXPECTED}")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as err:
        declared = _declared_charset(data) if html else None
        if declared is not None:
            try:
                text = data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                declared = None
        if declared is None:
            at = err.start + len(data) - len(body)
            what = "UTF-8" if encoding == "utf-8" else encoding.upper()
            hint = " (Latin-1 or Windows-1252? convert it to UTF-8)" if what == "UTF-8" else ""
            raise InputError(
                source, f"invalid {what} at byte {at} (line {_line_of(data, at)}){hint}"
            ) from None
    if "\x00" in text:
        raise InputError(source, f"binary file (contains NUL characters), {EXPECTED}")
    return normalise(text)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def check_not_empty(text: str, source: str, *, size: int) -> None:
    """Raise InputError when ``text`` (decoded from ``size`` bytes or characters) is blank."""
    if not text.strip():
        raise InputError(source, "empty file (no text)" if not size else "only whitespace, no text")


def read_bytes(path: Path, source: str) -> bytes:
    """Read one regular file of at most ``MAX_INPUT_BYTES``; every failure is an InputError.

    ``source`` is how messages name the file (the path as the user gave it).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise InputError(source, "broken symbolic link (its target does not exist)") from None
        raise InputError(source, "no such file or directory") from None
    except PermissionError:
        raise InputError(source, "permission denied (cannot look up the file)") from None
    except (OSError, ValueError) as err:
        raise InputError(source, f"cannot read: {_reason(err)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, f"not a regular file (a {_kind(info.st_mode)}), {EXPECTED}")
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(source, _too_large(info.st_size))
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise InputError(source, "permission denied (the file is not readable)") from None
    except OSError as err:
        raise InputError(source, f"cannot read: {_reason(err)}") from None
    if len(data) > MAX_INPUT_BYTES:  # grew since stat
        raise InputError(source, _too_large(len(data)))
    return data


def read_stream(stream: TextIO | BinaryIO, source: str) -> tuple[str, int]:
    """Read and decode a stream (stdin) of at most ``MAX_INPUT_BYTES``; return it and its size.

    Bytes are read from the stream's binary buffer when it has one, so stdin passes the
    same checks as a file; a text-only stream (``io.StringIO``) is taken as already decoded.
    """
    raw = stream if isinstance(stream.read(0), bytes) else getattr(stream, "buffer", None)
    try:
        data = (
            raw.read(MAX_INPUT_BYTES + 1) if raw is not None else stream.read(MAX_INPUT_BYTES + 1)
        )
    except UnicodeDecodeError as err:
        raise InputError(source, f"invalid text at byte {err.start} ({err.reason})") from None
    except (OSError, ValueError) as err:
        raise InputError(source, f"cannot read: {_reason(err)}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(source, _too_large(len(data)))
    if isinstance(data, bytes):
        return decode(data, source, html=data.lstrip()[:1] == b"<"), len(data)
    if "\x00" in data:
        raise InputError(source, f"binary input (contains NUL characters), {EXPECTED}")
    return normalise(data.removeprefix("\ufeff")), len(data)


def _reason(err: BaseException) -> str:
    return getattr(err, "strerror", None) or str(err) or type(err).__name__


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"
