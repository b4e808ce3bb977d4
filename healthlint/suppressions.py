"""Inline suppression comments, read from a document's ``<!-- … -->`` comments and front matter.

``<!-- healthlint-disable CODE[,CODE] -->`` … ``<!-- healthlint-enable [CODE] -->`` (a range),
``<!-- healthlint-disable-next-line CODE -->``, ``<!-- healthlint-disable-line CODE -->``,
``<!-- healthlint-disable-file CODE -->``, and front matter ``healthlint: {ignore: [CODE]}``.
No code means every rule. A code may be a prefix or a category, as in ``select``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlint.document import Document
from healthlint.packs import RuleDef
from healthlint.ruleset import selector_matches

_DIRECTIVE = re.compile(
    r"^\s*healthlint-(disable-next-line|disable-line|disable-file|disable|enable)\b[\s:]*(.*?)\s*$",
    re.S,
)


@dataclass(eq=False)
class Suppression:
    kind: str  # range, line, file
    codes: list[str]  # empty: all rules
    start: int  # source offsets the suppression covers (for ranges)
    end: int
    line: int = 0  # for line suppressions
    span: tuple[int, int] = (0, 0)  # the comment itself
    used: bool = False

    def covers(self, rule: RuleDef, offset: int, line: int) -> bool:
        if self.codes and not any(selector_matches(c, rule) for c in self.codes):
            return False
        if self.kind == "file":
            return True
        if self.kind == "line":
            return line == self.line
        return self.start <= offset < self.end


@dataclass
class Suppressions:
    items: list[Suppression] = field(default_factory=list)

    def suppressed(self, rule: RuleDef, offset: int, line: int) -> bool:
        hit = False
        for s in self.items:
            if s.covers(rule, offset, line):
                s.used = True
                hit = True
        return hit

    def unused(self) -> list[Suppression]:
        return [s for s in self.items if not s.used]


def _codes(text: str) -> list[str]:
    text = text.split("--", 1)[0]  # allow a trailing "-- reason"
    return [c for c in re.split(r"[\s,]+", text) if c]


def read_suppressions(doc: Document) -> Suppressions:
    out = Suppressions()
    open_ranges: list[Suppression] = []
    end_of_doc = len(doc.source)
    for comment in sorted(doc.comments, key=lambda c: c.span[0]):
        m = _DIRECTIVE.match(comment.text)
        if not m:
            continue
        kind, rest = m.group(1), _codes(m.group(2))
        cstart, cend = comment.span
        if kind == "disable":
            s = Suppression("range", rest, cend, end_of_doc, span=comment.span)
            open_ranges.append(s)
            out.items.append(s)
        elif kind == "enable":
            for s in open_ranges:
                if s.end == end_of_doc and (not rest or not s.codes or set(rest) & set(s.codes)):
                    s.end = cstart
            open_ranges = [s for s in open_ranges if s.end == end_of_doc]
        elif kind == "disable-file":
            out.items.append(Suppression("file", rest, 0, end_of_doc, span=comment.span))
        else:
            line = doc.line_col(cend if kind == "disable-next-line" else cstart)[0]
            if kind == "disable-next-line":
                line += 1
            out.items.append(Suppression("line", rest, 0, 0, line=line, span=comment.span))
    fm = doc.meta.front_matter.get("healthlint") if doc.meta.front_matter else None
    if isinstance(fm, dict):
        ignore = fm.get("ignore", [])
        if isinstance(ignore, str):
            ignore = [ignore]
        if isinstance(ignore, list):
            codes = [str(c) for c in ignore]
            span = doc.meta.front_matter_span or (0, 0)
            out.items.append(Suppression("file", codes, 0, end_of_doc, span=span))
    return out
