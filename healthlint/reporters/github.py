"""GitHub Actions workflow commands: one ``::warning file=…`` annotation per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.reporters import Reporter, Totals, summary_line

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def _line(self, f: Finding) -> None:
        msg = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        props = (
            f"file={_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f'{f.code} {f.name}')}"
        )
        self.out.write(f"::{_LEVEL[f.severity]} {props}::{_data(msg)}\n")

    def file(self, result: FileResult) -> None:
        line = summary_line(result.summary)
        if line:  # a plain log line, not a workflow command: no annotation
            self.out.write(f"healthlint: {result.path}: {line}\n")
        for f in result.findings:
            self._line(f)

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        for f in site_findings:
            self._line(f)
        for err in totals.errors:
            self.out.write(f"::error title=healthlint::{_data(err)}\n")
