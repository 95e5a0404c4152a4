"""Write the bad and hostile inputs here: ``python tests/data/bad/make_corpus.py``.

Every file is small and written byte for byte from this script, so the corpus can be
regenerated and reviewed as code. Inputs too big to commit (a 5 MB article, a sentence of
20,000 characters) and names git handles badly (newlines, symlink loops) are made by the
helpers below in a temporary folder during the tests.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# A short news story told twice (the good inputs that the bad ones are compared against).
STORY = (
    "Two soldiers captured in eastern Ukraine\n\n"
    "Ukraine's president said on Tuesday that two Chinese citizens were captured while "
    "fighting for Russia in the Donetsk region. He said the men were taken prisoner by "
    "Ukrainian troops. The foreign ministry in Beijing said it was verifying the report. "
    "Officials in Kyiv said at least 155 Chinese nationals were fighting for Russia.\n"
)
STORY_B = (
    "Ukraine says it captured two Chinese men fighting for Russia\n\n"
    "Ukrainian troops captured two Chinese citizens who were fighting for Russia in the "
    "Donetsk region, the president said on Tuesday. China's foreign ministry said it was "
    "verifying the report. Kyiv claimed that more than 150 Chinese nationals were fighting "
    "for Russia.\n"
)
UNRELATED = (
    "Local bakery wins national bread award\n\n"
    "A family bakery in the village of Upper Mill has won the national sourdough prize. "
    "The judges praised the crust and the flavour of the loaf. The owners plan to open a "
    "second shop next spring. Customers queued around the block on Saturday morning.\n"
)
FRENCH = (
    "Deux soldats capturés dans l'est de l'Ukraine\n\n"
    "Le président ukrainien a déclaré mardi que deux citoyens chinois avaient été capturés "
    "alors qu'ils combattaient pour la Russie dans la région de Donetsk. Le ministère chinois "
    "des affaires étrangères a indiqué qu'il vérifiait ces informations. Selon Kiev, au moins "
    "155 ressortissants chinois combattent pour la Russie. Les deux hommes ont été faits "
    "prisonniers par des soldats ukrainiens.\n"
)
CHINESE = (
    "乌克兰称俘虏两名为俄罗斯作战的中国公民\n\n"
    "乌克兰总统周二表示，两名中国公民在顿涅茨克地区为俄罗斯作战时被俘。中国外交部表示正在核实"
    "有关情况。基辅方面称，至少有一百五十五名中国公民在为俄罗斯作战。这两名男子被乌克兰军队俘虏。\n"
)
GERMAN = (
    "Zwei Soldaten in der Ostukraine gefangen genommen\n\n"
    "Der ukrainische Präsident sagte am Dienstag, dass zwei chinesische Staatsbürger "
    "gefangen genommen wurden, als sie in der Region Donezk für Russland kämpften. Das "
    "Außenministerium in Peking erklärte, es prüfe den Bericht. Nach Angaben aus Kiew "
    "kämpfen mindestens 155 chinesische Staatsangehörige für Russland. Die Männer wurden "
    "von ukrainischen Truppen festgenommen und befragt.\n"
)

# Markup and control sequences for every output format: HTML tags and event handlers,
# Markdown tables, links and fences, GitHub workflow commands, XML CDATA ends, ANSI.
HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> '
    "| col | ![img](javascript:alert(1)) [link](javascript:alert(2)) ``` ]]> "
    "::error file=x::pwned %0A::warning::y \x1b[31mred\x1b[0m &amp; <!-- --> {{7*7}}"
)


def _hostile_story() -> str:
    return STORY.replace(
        "Two soldiers captured in eastern Ukraine", f"Two soldiers captured {HOSTILE}"
    ).replace("Officials in Kyiv said", f'Officials said "{HOSTILE}" and in Kyiv said')


def corpus() -> dict[str, bytes]:
    """Return file name → exact bytes of every committed corpus file."""
    files: dict[str, bytes] = {
        "story.txt": STORY.encode(),
        "story_b.txt": STORY_B.encode(),
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\r\n   \n",
        "paper.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01",
        "archive.txt": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        "nul.txt": b"Some text\x00with a NUL byte.\n",
        "latin1.txt": "Caf\u00e9 owners said the fa\u00e7ade was damaged.\n".encode("latin-1"),
        "utf16_bom.txt": codecs.BOM_UTF16_LE + STORY_B.encode("utf-16-le"),
        "utf16_broken.txt": codecs.BOM_UTF16_LE + "Broken".encode("utf-16-le") + b"\x00\xd8",
        "utf8_bom.md": codecs.BOM_UTF8 + f"# {STORY_B}".encode(),
        "windows.txt": STORY_B.replace("\n", "\r\n").encode(),
        "no_article.html": (
            b"<!doctype html><html><head><title>Home</title>"
            b"<script>var tracking = 1;</script></head><body><nav><a href='/'>Home</a>"
            b"<a href='/news'>News</a></nav><footer>&copy; 2025</footer></body></html>"
        ),
        "front_matter_only.md": b"---\ntitle: Nothing below\ndate: 2025-04-08\n---\n\n",
        "date_only.txt": b" date 2025-04-08\n",
        "broken.jsonl": (
            json.dumps({"id": "one", "text": STORY}).encode()
            + b"\n"
            + json.dumps({"id": "two", "text": STORY_B}).encode()
            + b'\n{"id": "three", "text": "cut off\n'
        ),
        "wrong_type.json": json.dumps({"title": "A number", "text": 42}).encode(),
        "empty_list.json": b"[]",
        "not_json.json": b"{'single': 'quotes'}",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "duplicate.txt": STORY.encode(),
        "unrelated.txt": UNRELATED.encode(),
        "german.txt": GERMAN.encode(),
        "french.txt": FRENCH.encode(),
        "chinese.txt": CHINESE.encode(),
        "hostile.txt": _hostile_story().encode(),
        "hostile.md": (
            "---\n"
            f"title: '{HOSTILE}'\n"
            f"outlet: '<b>Outlet</b> | x'\n"
            f"id: 'id\" onmouseover=\"alert(1)'\n"
            "---\n\n" + _hostile_story()
        ).encode(),
        "hostile.jsonl": (
            json.dumps(
                {
                    "id": "<script>alert(1)</script>",
                    "outlet": HOSTILE,
                    "title": HOSTILE,
                    "url": "javascript:alert(1)",
                    "text": _hostile_story(),
                }
            )
            + "\n"
        ).encode(),
    }
    # A little under a megabyte of the good story would be a different test; deep.json is
    # 200 KB of brackets, the one committed file that is not tiny.
    return files


def big_article(path: Path, megabytes: float = 5.0) -> Path:
    """Write an article of about ``megabytes`` MB of ordinary news sentences."""
    sentence = (
        "Officials in the region said on Tuesday that {n} people had been moved to shelters "
        "as the river rose for a {n}th day. "
    )
    parts, size, n = ["A very long article\n\n"], 0, 0
    while size < megabytes * 1_000_000:
        n += 1
        line = sentence.format(n=n) + ("\n\n" if n % 8 == 0 else "")
        parts.append(line)
        size += len(line)
    path.write_text("".join(parts), encoding="utf-8")
    return path


def long_sentence(path: Path, chars: int = 20_000) -> Path:
    """Write an article whose body is one sentence of ``chars`` characters (no full stop)."""
    words = "officials said that the river rose again and people moved to shelters while "
    body = (words * (chars // len(words) + 1))[:chars]
    path.write_text(f"One long sentence\n\n{body}.\n", encoding="utf-8")
    return path


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    target.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(corpus().items()):
        (target / name).write_bytes(data)
    print(f"wrote {len(corpus())} files to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
