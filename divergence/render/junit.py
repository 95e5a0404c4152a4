"""JUnit XML: one test suite per new article, one failing test case per failing finding.

A suite with nothing at or above the threshold holds one passing test case, so CI
dashboards count the article as checked. Text goes through ElementTree's escaping, and
characters that XML 1.0 does not allow (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
become U+FFFD first: a hostile article cannot break the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from divergence.check import CheckResult, FileRef, evidence_in, where

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Replace characters XML 1.0 forbids with U+FFFD.

    >>> xml_text("a\\x00b\\x1bc\\td")
    'a\\ufffdb\\ufffdc\\td'
    """
    return _NOT_XML.sub("\ufffd", text)


def render_junit(result: CheckResult, files: Mapping[str, FileRef]) -> str:
    """Return the check as a JUnit XML document."""
    total = sum(max(len(o.failing), 1) for o in result.outcomes)
    failures = sum(len(o.failing) for o in result.outcomes)
    root = ET.Element(
        "testsuites", name="divergence", tests=str(total), failures=str(failures), errors="0"
    )
    for o in result.outcomes:
        aid = o.article_id
        ref = files.get(aid)
        name = ref.path if ref else aid
        suite = ET.SubElement(
            root,
            "testsuite",
            name=xml_text(name),
            tests=str(max(len(o.failing), 1)),
            failures=str(len(o.failing)),
            errors="0",
            skipped="0",
        )
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="policy", value=xml_text(result.policy.describe()))
        ET.SubElement(props, "property", name="baselined", value=str(len(o.baselined)))
        ET.SubElement(props, "property", name="below_threshold", value=str(len(o.below)))
        for d in o.failing:
            ev = evidence_in(d, aid)
            case = ET.SubElement(
                suite,
                "testcase",
                classname=xml_text(f"divergence.{d.code}"),
                name=xml_text(f"{d.id} {d.code} ({d.severity}) at {where(ref, aid, ev.start)}"),
                file=xml_text(name),
            )
            failure = ET.SubElement(
                case, "failure", message=xml_text(d.message), type=xml_text(d.code)
            )
            evidence = "\n".join(f"{e.article} [{e.start}:{e.end}]: {e.text}" for e in d.evidence)
            failure.text = xml_text(f"{d.message}\nfingerprint: {d.fingerprint}\n{evidence}")
        if not o.failing:
            ET.SubElement(
                suite,
                "testcase",
                classname="divergence.check",
                name=xml_text(
                    f"no divergences at or above the threshold ({result.policy.describe()})"
                ),
                file=xml_text(name),
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
