"""JUnit XML for CI dashboards: a test case per file, a failure per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from healthlint.runner import RunResult


def render_junit(run: RunResult) -> str:
    findings = run.findings
    by_path: dict[str, list] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    paths = sorted({r.path for r in run.files} | set(by_path))
    errors = {r.path: r.error for r in run.files if r.error}
    suites = ET.Element("testsuites", name="healthlint")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="healthlint",
        tests=str(max(1, sum(max(1, len(by_path.get(p, []))) for p in paths))),
        failures=str(len(findings)),
        errors=str(len(errors)),
    )
    for p in paths:
        items = by_path.get(p, [])
        if p in errors:
            case = ET.SubElement(suite, "testcase", classname=p, name="read")
            ET.SubElement(case, "error", message=errors[p]).text = errors[p]
        if not items and p not in errors:
            ET.SubElement(suite, "testcase", classname=p, name="healthlint")
        for f in items:
            case = ET.SubElement(
                suite, "testcase", classname=p, name=f"{f.code} {f.name} at {f.line}:{f.column}"
            )
            fail = ET.SubElement(case, "failure", message=f.message, type=f.code)
            fail.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" + (
                f"\nSuggestion: {f.suggestion}" if f.suggestion else ""
            )
    if not paths:
        ET.SubElement(suite, "testcase", classname="healthlint", name="no files")
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
