"""Decoded text of one input → records (text plus metadata), one parser per format.

Every parser returns text that starts with the headline (the headline is analysed too) and
is otherwise the body as written: line ends normalised, trailing whitespace dropped.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from divergence.errors import InputError
from divergence.ingest.read import normalise

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Record:
    """One article as parsed, before it gets its final id and boilerplate ranges."""

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


# ----------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\S*$|[T ]\d)")
_DAY_MONTH = re.compile(r"(?:[A-Za-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+)\.?,? (\d{4})\b.*")
_MONTH_DAY = re.compile(r"(?:[A-Za-z]+,? )?([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b.*")


def iso_date(value: str) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or None when it is not a date.

    >>> iso_date("2025-04-08T13:36:00Z"), iso_date("8 April 2025"), iso_date("Tue, Apr 8, 2025")
    ('2025-04-08', '2025-04-08', '2025-04-08')
    >>> iso_date("2025-02-30"), iso_date("soon")
    (None, None)
    """
    value = value.strip()
    parts: tuple[str, str, str] | None = None
    if m := _ISO.match(value):
        parts = (m.group(1), m.group(2), m.group(3))
    elif (m := _DAY_MONTH.fullmatch(value)) and m.group(2).lower() in _MONTHS:
        parts = (m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1))
    elif (m := _MONTH_DAY.fullmatch(value)) and m.group(1).lower() in _MONTHS:
        parts = (m.group(3), str(_MONTHS[m.group(1).lower()]), m.group(2))
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


def _published(value: str | None, source: str, warn: Warn) -> str | None:
    if value is None or not value.strip():
        return None
    found = iso_date(value)
    if found is None:
        warn(f"{source}: date {value!r} is not a date, ignored")
    return found


def _one_line(value: str) -> str:
    """Collapse the whitespace of a metadata value (titles spread over lines)."""
    return " ".join(value.split())


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None


def _with_headline(title: str | None, text: str) -> str:
    """Prepend ``title`` to ``text`` unless the text already starts with it."""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}" if text.strip() else title


# ----------------------------------------------------------------------------- plain text

# seeds/001 and 002 start " date 2025-04-08 Headline...": a crawler's date marker.
_DATE_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d\d-\d\d)(?:[ \t]+|[ \t]*\n\s*|\Z)")
# A header line alone: "Date: 2025-04-08" or "Published: 8 April 2025".
_DATE_HEADER = re.compile(r"\A\s*(?:Date|Published)[ \t]*:[ \t]*([^\n]{6,40}?)[ \t]*(?:\n\s*|\Z)")


def parse_text(text: str, source: str, warn: Warn) -> Record:
    """Plain text: the first non-empty line is the headline, a leading date marker is metadata.

    >>> r = parse_text(" date 2025-04-08 Two soldiers captured\\n\\nBody.", "x", print)
    >>> r.published, r.title, r.text
    ('2025-04-08', 'Two soldiers captured', 'Two soldiers captured\\n\\nBody.')
    """
    published = None
    for marker in (_DATE_MARKER, _DATE_HEADER):
        m = marker.match(text)
        if m and iso_date(m.group(1)):
            published = iso_date(m.group(1))
            text = text[m.end() :]
            break
    if not text.strip():
        raise InputError(source, "no article text after the date line")
    return Record(text=text, title=_first_line(text), published=published)


# ----------------------------------------------------------------------------- Markdown

_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_FIELDS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "date": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "id": "id",
}


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """Split ``---`` front matter of simple ``key: value`` lines from the body, or None.

    Parsed by hand (no YAML dependency): anything but ``key: value`` lines, indented
    continuations, ``- item`` lines and comments means this is not front matter.

    >>> front_matter("---\\ntitle: 'A b'\\ndate: 2025-04-08\\n---\\n\\nBody")
    ({'title': 'A b', 'date': '2025-04-08'}, 'Body')
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            body = "\n".join(lines[number + 1 :])
            return fields, re.sub(r"\A(?:[ \t]*\n)+", "", body)
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-"):
            continue
        m = _FRONT_KEY.fullmatch(line)
        if m is None:
            return None
        fields.setdefault(m.group(1).lower(), _unquote(m.group(2)))
    return None


def parse_markdown(text: str, source: str, warn: Warn) -> Record:
    """Markdown: optional front matter; the headline is ``title`` or the first ``#`` heading."""
    fields: dict[str, str] = {}
    split = front_matter(text)
    if split is not None:
        raw, text = split
        for key, value in raw.items():
            if key in _FIELDS and value and _FIELDS[key] not in fields:
                fields[_FIELDS[key]] = value
    if not text.strip():
        raise InputError(source, "no article text after the front matter")
    title = _one_line(fields["title"]) if fields.get("title") else None
    heading = next(
        (m.group(1) for line in text.split("\n") if (m := _HEADING.fullmatch(line))), None
    )
    first = _first_line(text) or ""
    if title is not None and re.sub(r"\A#+[ \t]*", "", first) != title:
        text = f"{title}\n\n{text}"
    return Record(
        text=text,
        id=fields.get("id"),
        title=title or heading or re.sub(r"\A#+[ \t]*", "", first) or None,
        outlet=fields.get("outlet"),
        published=_published(fields.get("published"), source, warn),
        url=fields.get("url"),
    )


# ----------------------------------------------------------------------------- HTML

# Fewer words than this outside the title is a page without an article: what trafilatura
# keeps of a home page or an error page is a few menu or footer words.
MIN_HTML_WORDS = 8


@contextmanager
def _quiet(*loggers: str) -> Iterator[None]:
    """Silence libraries that log parse trouble: our InputError says it once, naming the file."""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def parse_html(text: str, source: str, warn: Warn) -> Record:
    """HTML: main text and metadata by trafilatura.

    The text is the headline, then the extracted paragraphs, separated by blank lines.
    """
    try:
        import trafilatura
    except ImportError as err:  # a broken install (e.g. lxml without lxml_html_clean)
        raise InputError(
            source, f"cannot read HTML: trafilatura is not importable ({err})"
        ) from None
    if "<html" not in text[:2000].lower():  # a saved fragment: trafilatura wants a document
        text = f"<html><body>{text}</body></html>"
    try:
        with _quiet("trafilatura", "htmldate", "courlan"):
            doc = trafilatura.bare_extraction(
                text,
                with_metadata=True,
                include_comments=False,
                include_images=False,
                include_links=False,
                # No guessing from free text: a footer's "© 2025" is not a publication date.
                date_extraction_params={"original_date": True, "extensive_search": False},
            )
    # trafilatura and lxml raise many kinds of errors on hostile markup (parser errors,
    # RecursionError on deep nesting, ValueError on odd encodings): every one is bad input.
    except Exception as err:
        raise InputError(source, f"cannot parse HTML ({type(err).__name__}: {err})") from None
    # trafilatura 1.x returns a dict, 2.x a Document.
    fields: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    paragraphs = [line.strip() for line in (fields.get("text") or "").split("\n") if line.strip()]
    title = _one_line(fields["title"]) if fields.get("title") else None
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1> when it equals the title
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_HTML_WORDS:  # menus and footers of a page without an article
        found = f" (only {words} word{'s' * (words != 1)} besides the title)" if words else ""
        raise InputError(
            source, f"no article text found{found}; expected an HTML page with an article body"
        )
    if title is None:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    return Record(
        text=normalise("\n\n".join([title, *paragraphs])),
        title=title,
        outlet=_one_line(fields["sitename"]) if fields.get("sitename") else None,
        published=_published(fields.get("date"), source, warn),
        url=fields.get("url") or None,
    )


# ----------------------------------------------------------------------------- JSON

_TEXT_KEYS = ("text", "body", "content")
_META_KEYS = {
    "id": ("id",),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "publishedAt"),
    "url": ("url", "link"),
}


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "null" if value is None else "a number"
    )


def parse_record(data: Any, where: str, source: str, warn: Warn) -> Record:
    """One JSON object → Record; ``where`` says which record ("record 3", "line 7").

    >>> parse_record({"title": "T", "body": "B."}, "record 1", "f.json", print).text
    'T\\n\\nB.'
    """
    if not isinstance(data, dict):
        raise InputError(source, f"{where}: expected an article object, found {_type_name(data)}")
    text = next((data[k] for k in _TEXT_KEYS if data.get(k) is not None), None)
    if not isinstance(text, str) or not text.strip():
        found = (
            "empty text"
            if isinstance(text, str)
            else (f"text is {_type_name(text)}" if text is not None else "no text")
        )
        raise InputError(
            source, f'{where}: {found} (expected a non-empty "text", "body" or "content" string)'
        )
    meta: dict[str, str | None] = {}
    for field, keys in _META_KEYS.items():
        value = next((data[k] for k in keys if data.get(k) is not None), None)
        if field == "outlet" and isinstance(value, dict):  # {"source": {"name": "Reuters"}}
            value = value.get("name")
        if field == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise InputError(
                source, f'{where}: "{field}" must be a string, found {_type_name(value)}'
            )
        meta[field] = value.strip() if value is not None and value.strip() else None
    title = _one_line(meta["title"]) if meta["title"] else None
    return Record(
        text=normalise(_with_headline(title, normalise(text))),
        id=meta["id"],
        title=title or _first_line(normalise(text)),
        outlet=meta["outlet"],
        published=_published(meta["published"], f"{source} {where}", warn),
        url=meta["url"],
    )


def _loads(text: str) -> Any:
    """json.loads that also turns deep nesting (RecursionError) into a ValueError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def parse_json(
    text: str, source: str, warn: Warn
) -> Iterator[tuple[int | None, Record | InputError]]:
    """A JSON document: one article object, a list of them, or ``{"articles": [...]}``.

    Yields ``(record number, Record)`` per article, or the InputError of a bad record for
    the caller to raise or skip; the caller names records without an id by their number.
    A document that is one object yields number None: it is named after the file alone.
    """
    try:
        data = _loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            source, f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except ValueError as err:
        raise InputError(source, f"invalid JSON: {err}") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and not any(k in data for k in _TEXT_KEYS):
        raise InputError(
            source,
            'expected an article object (with "text"), a list of them or {"articles": [...]}',
        )
    if not records:
        raise InputError(source, "no articles (the JSON list is empty)")
    if not isinstance(data, list):
        yield None, parse_record(data, "the article", source, warn)
        return
    for number, item in enumerate(records, 1):
        try:
            yield number, parse_record(item, f"record {number}", source, warn)
        except InputError as err:
            yield number, err


def parse_jsonl(text: str, source: str, warn: Warn) -> Iterator[tuple[int, Record | InputError]]:
    """JSON Lines: one article object per non-blank line.

    Yields ``(record number, Record or InputError)``; blank lines are not records.
    """
    number = 0
    for line_number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        number += 1
        where = f"line {line_number}"
        try:
            data = _loads(line)
        except json.JSONDecodeError as err:
            msg = err.msg.removesuffix(" at")  # "Unterminated string starting at"
            yield number, InputError(source, f"{where}: invalid JSON ({msg} at column {err.colno})")
            continue
        except ValueError as err:
            yield number, InputError(source, f"{where}: invalid JSON ({err})")
            continue
        try:
            yield number, parse_record(data, where, source, warn)
        except InputError as err:
            yield number, err
