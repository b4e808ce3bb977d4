"""The terminal report: grouped by file, the source line with the flagged words underlined."""

from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.reporters import Reporter, Totals, summary_line

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding

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


class TextReporter(Reporter):
    def begin(self) -> None:
        self.style = _Style(self.color)
        self.current: str | None = None

    def _header(self, path: str) -> None:
        if path != self.current:
            if self.current is not None:
                self.out.write("\n")
            self.out.write(self.style(path, "1;4") + "\n")
            self.current = path

    def _finding(self, f: Finding, lines: list[str] | None) -> None:
        style, out = self.style, self.out
        self._header(f.path)
        sev = style(f.severity, _SEV_COLOR[f.severity])
        out.write(f"{f.path}:{f.line}:{f.column}: {style(f.code, '1')} {sev} {f.message}\n")
        for line in _excerpt(f, lines, style):
            out.write(line + "\n")
        if f.suggestion:
            out.write(f"        {style('suggestion:', '32')} {f.suggestion}\n")
        for r in f.related:
            where = (
                f"{r.path}:{r.line}:{r.column}" if r.path != f.path else f"line {r.line}:{r.column}"
            )
            out.write(f"        {style('see', '2')} {where}: {r.message}\n")

    def file(self, result: FileResult) -> None:
        if not result.findings:
            return
        self._header(result.path)
        line = summary_line(result.summary)
        if line:
            self.out.write(self.style(f"  {line}", "2") + "\n")
        cache: dict[str, list[str] | None] = {}
        lines = _source_lines(result.path, cache, self.sources)
        for f in result.findings:
            self._finding(f, lines)

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        style, out = self.style, self.out
        cache: dict[str, list[str] | None] = {}
        for f in site_findings:
            self._finding(f, _source_lines(f.path, cache, self.sources))
        nfiles = totals.files
        plural = "s" if nfiles != 1 else ""
        if totals.findings:
            by_sev = totals.by_severity
            sev_txt = ", ".join(
                f"{by_sev[s]} {s}{'s' if by_sev[s] != 1 and s != 'info' else ''}"
                for s in ("error", "warning", "info")
                if by_sev[s]
            )
            cat_txt = ", ".join(f"{c} {n}" for c, n in sorted(totals.by_category.items()))
            n = totals.findings
            out.write("\n")
            out.write(
                style(f"Found {n} problem{'s' if n != 1 else ''}", "1")
                + f" in {totals.files_with_findings} of {nfiles} file{plural} ({sev_txt}; {cat_txt}).\n"
            )
            out.write("Run `healthlint rule CODE` to see why a rule matters and how to fix it.\n")
        elif not totals.errors:
            out.write(
                style(f"All clear: {nfiles} file{plural} checked, no problems found.", "32") + "\n"
            )
        if totals.errors:
            n = len(totals.errors)
            out.write(
                style(f"{n} path{'s' if n != 1 else ''} could not be linted", "31")
                + " (the reasons are on standard error).\n"
            )
