"""JUnit XML for CI dashboards: a test case per file, a failure per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from healthlint.reporters import Reporter, Totals, summary_line

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding


class JunitReporter(Reporter):
    """Test cases are written to a buffer as they come; the suite header needs the totals."""

    def begin(self) -> None:
        self.cases: list[str] = []
        self.ncases = 0

    def _failure(self, f: Finding, system_out: str | None = None) -> None:
        body = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" + (
            f"\nSuggestion: {f.suggestion}" if f.suggestion else ""
        )
        name = f"{f.code} {f.name} at {f.line}:{f.column}"
        self.cases.append(
            f"    <testcase classname={quoteattr(f.path)} name={quoteattr(name)}>\n"
            f"      <failure message={quoteattr(f.message)} type={quoteattr(f.code)}>{escape(body)}</failure>\n"
            + (f"      <system-out>{escape(system_out)}</system-out>\n" if system_out else "")
            + "    </testcase>\n"
        )
        self.ncases += 1

    def file(self, result: FileResult) -> None:
        if result.error:
            self.cases.append(
                f'    <testcase classname={quoteattr(result.path)} name="read">\n'
                f"      <error message={quoteattr(result.error)}>{escape(result.error)}</error>\n"
                "    </testcase>\n"
            )
            self.ncases += 1
        elif not result.findings:
            line = summary_line(result.summary)
            out = f"<system-out>{escape(line)}</system-out>" if line else ""
            self.cases.append(
                f'    <testcase classname={quoteattr(result.path)} name="healthlint">{out}</testcase>\n'
                if out
                else f'    <testcase classname={quoteattr(result.path)} name="healthlint"/>\n'
            )
            self.ncases += 1
        for i, f in enumerate(result.findings):
            self._failure(f, summary_line(result.summary) if i == 0 else None)

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        for f in site_findings:
            self._failure(f)
        if not self.cases:
            self.cases.append('    <testcase classname="healthlint" name="no files"/>\n')
            self.ncases += 1
        out = self.out
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="healthlint">\n')
        out.write(
            f'  <testsuite name="healthlint" tests="{self.ncases}" failures="{totals.findings}" '
            f'errors="{len(totals.errors)}">\n'
        )
        out.write("".join(self.cases))
        out.write("  </testsuite>\n</testsuites>\n")
