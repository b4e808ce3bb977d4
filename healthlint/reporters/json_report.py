"""The JSON report: a stable interface (``"version": 1``), documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from healthlint import __version__
from healthlint.reporters import summary_counts

if TYPE_CHECKING:
    from healthlint.runner import RunResult


def render_json(run: RunResult) -> str:
    data = {
        "version": 1,
        "tool": {"name": "healthlint", "version": __version__},
        "findings": [f.to_json() for f in run.findings],
        "files": [
            {"path": r.path, "summary": r.summary, **({"error": r.error} if r.error else {})}
            for r in run.files
        ],
        "errors": run.errors,
        "summary": summary_counts(run),
    }
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
