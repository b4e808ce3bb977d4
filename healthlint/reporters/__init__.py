"""Report: findings → text, JSON, SARIF, GitHub annotations or JUnit XML. Reporters never judge."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from healthlint.packs import RuleDef
    from healthlint.runner import RunResult

FORMATS = ("text", "json", "sarif", "github", "junit")


def summary_counts(run: RunResult) -> dict[str, Any]:
    findings = run.findings
    return {
        "files": len(run.files),
        "files_with_findings": len({f.path for f in findings}),
        "findings": len(findings),
        "errors": len(run.errors),
        "by_severity": dict(sorted(Counter(f.severity for f in findings).items())),
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
    }


def render(
    fmt: str,
    run: RunResult,
    rules: dict[str, RuleDef],
    *,
    color: bool = False,
    sources: dict[str, str] | None = None,
) -> str:
    if fmt == "json":
        from healthlint.reporters.json_report import render_json

        return render_json(run)
    if fmt == "sarif":
        from healthlint.reporters.sarif import render_sarif

        return render_sarif(run, rules)
    if fmt == "github":
        from healthlint.reporters.github import render_github

        return render_github(run)
    if fmt == "junit":
        from healthlint.reporters.junit import render_junit

        return render_junit(run)
    from healthlint.reporters.text import render_text

    return render_text(run, color=color, sources=sources)
