"""GitHub Actions workflow commands: one ``::warning file=…`` annotation per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from healthlint.runner import RunResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(run: RunResult) -> str:
    lines = []
    for f in run.findings:
        msg = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        props = (
            f"file={_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f'{f.code} {f.name}')}"
        )
        lines.append(f"::{_LEVEL[f.severity]} {props}::{_data(msg)}")
    for err in run.errors:
        lines.append(f"::error title=healthlint::{_data(err)}")
    return "\n".join(lines) + ("\n" if lines else "")
