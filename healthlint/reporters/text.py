"""The terminal report: grouped by file, the source line with the flagged words underlined."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from healthlint.engine import Finding
    from healthlint.runner import RunResult

_SEV_COLOR = {"error": "31", "warning": "33", "info": "36"}


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


def _source_lines(
    path: str, cache: dict[str, list[str] | None], sources: dict[str, str]
) -> list[str] | None:
    if path not in cache:
        text = sources.get(path)
        if text is None:
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
            except OSError:
                text = None
        cache[path] = text.split("\n") if text is not None else None
    return cache[path]


def _excerpt(f: Finding, lines: list[str] | None, style: _Style) -> list[str]:
    if not lines or f.line > len(lines):
        return []
    raw = lines[f.line - 1].rstrip("\r").replace("\t", " ")
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(raw)
    end = max(end, start + 1)
    # keep long lines readable: a window around the flagged words
    end = min(end, start + 100)  # a long span (a paragraph) is underlined at its start
    lo = max(0, start - 60)
    hi = min(len(raw), end + 30)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(raw) else ""
    shown = prefix + raw[lo:hi] + suffix
    caret_start = len(prefix) + start - lo
    caret_len = max(1, min(end, hi) - start)
    gutter = f"{f.line:>5} | "
    return [
        style(gutter, "2") + shown,
        " " * (len(gutter) - 2)
        + style("| ", "2")
        + " " * caret_start
        + style("^" * caret_len, _SEV_COLOR[f.severity]),
    ]


def render_text(
    run: RunResult, *, color: bool = False, sources: dict[str, str] | None = None
) -> str:
    style = _Style(color)
    out: list[str] = []
    cache: dict[str, list[str] | None] = {}
    findings = run.findings
    current = None
    for f in findings:
        if f.path != current:
            if current is not None:
                out.append("")
            out.append(style(f.path, "1;4"))
            current = f.path
        sev = style(f.severity, _SEV_COLOR[f.severity])
        out.append(f"{f.path}:{f.line}:{f.column}: {style(f.code, '1')} {sev} {f.message}")
        out.extend(_excerpt(f, _source_lines(f.path, cache, sources or {}), style))
        if f.suggestion:
            out.append(f"        {style('suggestion:', '32')} {f.suggestion}")
        for r in f.related:
            where = (
                f"{r.path}:{r.line}:{r.column}" if r.path != f.path else f"line {r.line}:{r.column}"
            )
            out.append(f"        {style('see', '2')} {where}: {r.message}")
    by_sev = Counter(f.severity for f in findings)
    by_cat = Counter(f.category for f in findings)
    nfiles = len(run.files)
    if findings:
        out.append("")
        sev_txt = ", ".join(
            f"{by_sev[s]} {s}{'s' if by_sev[s] != 1 and s != 'info' else ''}"
            for s in ("error", "warning", "info")
            if by_sev[s]
        )
        cat_txt = ", ".join(f"{c} {n}" for c, n in sorted(by_cat.items()))
        out.append(
            style(f"Found {len(findings)} problem{'s' if len(findings) != 1 else ''}", "1")
            + f" in {len({f.path for f in findings})} of {nfiles} file{'s' if nfiles != 1 else ''} ({sev_txt}; {cat_txt})."
        )
        out.append("Run `healthlint rule CODE` to see why a rule matters and how to fix it.")
    elif not run.errors:
        out.append(
            style(
                f"All clear: {nfiles} file{'s' if nfiles != 1 else ''} checked, no problems found.",
                "32",
            )
        )
    return "\n".join(out) + "\n"
