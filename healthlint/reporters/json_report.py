"""The JSON report: a stable interface (``"version": 1``), documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from healthlint import __version__
from healthlint.reporters import Reporter, Totals

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


class JsonReporter(Reporter):
    def begin(self) -> None:
        self.first = True
        self.files: list[dict[str, Any]] = []
        tool = _dump({"name": "healthlint", "version": __version__})
        self.out.write(f'{{\n  "version": 1,\n  "tool": {tool},\n  "findings": [')

    def _finding(self, f: Finding) -> None:
        self.out.write(("\n    " if self.first else ",\n    ") + _dump(f.to_json()))
        self.first = False

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self._finding(f)
        entry: dict[str, Any] = {"path": result.path, "summary": result.summary}
        if result.error:
            entry["error"] = result.error
        self.files.append(entry)

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        for f in site_findings:
            self._finding(f)
        out = self.out
        out.write("\n  ],\n" if not self.first else "],\n")
        out.write('  "files": [')
        out.write(",".join("\n    " + _dump(e) for e in self.files))
        out.write("\n  ],\n" if self.files else "],\n")
        out.write(f'  "errors": {_dump(totals.errors)},\n')
        out.write(f'  "summary": {_dump(totals.to_json())}\n}}\n')
