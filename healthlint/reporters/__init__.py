"""Report: findings → text, JSON, SARIF, GitHub annotations or JUnit XML. Reporters never judge.

Reporters stream: they get each file's result as the run produces it (in path order), then the
site-level findings and the totals, so a 10,000-page site never holds every finding in memory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding
    from healthlint.packs import RuleDef

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass
class Totals:
    """Counts gathered while the results stream past."""

    files: int = 0
    files_with_findings: int = 0
    findings: int = 0
    errors: list[str] = field(default_factory=list)
    by_severity: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    paths_with_findings: set[str] = field(default_factory=set)

    def add_findings(self, findings: list[Finding]) -> None:
        for f in findings:
            self.findings += 1
            self.by_severity[f.severity] += 1
            self.by_category[f.category] += 1
            if f.path not in self.paths_with_findings:
                self.paths_with_findings.add(f.path)
                self.files_with_findings += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "files_with_findings": self.files_with_findings,
            "findings": self.findings,
            "errors": len(self.errors),
            "by_severity": dict(sorted(self.by_severity.items())),
            "by_category": dict(sorted(self.by_category.items())),
        }


_FORMULA_NAMES = {
    "smog": "SMOG",
    "flesch-kincaid": "Flesch-Kincaid",
    "coleman-liau": "Coleman-Liau",
    "automated-readability": "ARI",
}


def summary_line(summary: dict[str, Any]) -> str | None:
    """The per-document readability summary in one line, for the formats that are not JSON."""
    r = summary.get("readability")
    if not isinstance(r, dict) or not r.get("main_words"):
        return None
    grades = ", ".join(
        f"{value:g} {_FORMULA_NAMES.get(name, name)}"
        for name, value in (r.get("grade") or {}).items()
        if value is not None
    )
    minutes = r.get("reading_time_minutes") or 0
    read = f"{max(1, round(minutes))} min read"
    parts = [f"{r['main_words']} words", f"{r.get('sentences', 0)} prose sentences"]
    if grades:
        parts.append(f"grade {grades}")
    parts.append(read)
    return "; ".join(parts)


class Reporter:
    """Base class: ``begin``, then ``file`` per result in order, then ``end``."""

    def __init__(
        self,
        out: TextIO,
        rules: dict[str, RuleDef],
        *,
        color: bool = False,
        sources: dict[str, str] | None = None,
    ) -> None:
        self.out = out
        self.rules = rules
        self.color = color
        self.sources = sources or {}

    def begin(self) -> None:
        pass

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        raise NotImplementedError


def make_reporter(fmt: str, out: TextIO, rules: dict[str, RuleDef], **kwargs: Any) -> Reporter:
    if fmt == "json":
        from healthlint.reporters.json_report import JsonReporter as cls
    elif fmt == "sarif":
        from healthlint.reporters.sarif import SarifReporter as cls
    elif fmt == "github":
        from healthlint.reporters.github import GithubReporter as cls
    elif fmt == "junit":
        from healthlint.reporters.junit import JunitReporter as cls
    else:
        from healthlint.reporters.text import TextReporter as cls
    return cls(out, rules, **kwargs)


def render(
    fmt: str,
    results: list[FileResult],
    site_findings: list[Finding],
    rules: dict[str, RuleDef],
    **kwargs: Any,
) -> str:
    """Render a finished run to a string (for the API and tests)."""
    import io

    buf = io.StringIO()
    rep = make_reporter(fmt, buf, rules, **kwargs)
    totals = Totals()
    rep.begin()
    for r in results:
        totals.files += 1
        if r.error:
            totals.errors.append(r.error)
        totals.add_findings(r.findings)
        rep.file(r)
    totals.add_findings(site_findings)
    rep.end(site_findings, totals)
    return buf.getvalue()
