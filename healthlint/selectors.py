"""The CSS selector subset used by ``content-selector`` and ``exclude-selector``.

Supported: type (``article``), ``#id``, ``.class``, ``[attr]``, ``[attr=value]``, ``*``,
compound selectors (``div.post-body``), descendant (``main article``) and child (``main >
div``) combinators, and comma-separated lists. That covers how static-site themes mark their
content; anything else is a config error rather than a silent mismatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from healthlint.htmltree import Element

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<comb>>)
    | (?P<type>\*|[A-Za-z][A-Za-z0-9-]*)
    | \#(?P<id>[A-Za-z0-9_-]+)
    | \.(?P<cls>[A-Za-z0-9_-]+)
    | \[\s*(?P<attr>[A-Za-z_:][A-Za-z0-9_:.-]*)\s*(?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*)?\]
    )""",
    re.VERBOSE,
)


class SelectorError(ValueError):
    pass


@dataclass
class _Compound:
    tag: str | None = None
    ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str | None]] = field(default_factory=list)

    def matches(self, el: Element) -> bool:
        if self.tag and self.tag != "*" and el.tag != self.tag:
            return False
        a = el.attrs
        for i in self.ids:
            if a.get("id") != i:
                return False
        if self.classes:
            have = set(a.get("class", "").split())
            if not all(c in have for c in self.classes):
                return False
        for name, value in self.attrs:
            if name not in a or (value is not None and a[name] != value):
                return False
        return True


class Selector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.groups: list[list[tuple[str, _Compound]]] = []
        for part in text.split(","):
            part = part.strip()
            if not part:
                raise SelectorError(f"empty selector in '{text}'")
            self.groups.append(self._parse(part))

    @staticmethod
    def _parse(part: str) -> list[tuple[str, _Compound]]:
        seq: list[tuple[str, _Compound]] = []  # (combinator to the previous, compound)
        pos = 0
        comb = " "
        cur: _Compound | None = None
        while pos < len(part):
            if part[pos].isspace():
                if cur is not None:
                    seq.append((comb, cur))
                    cur = None
                    comb = " "
                pos += 1
                continue
            m = _TOKEN.match(part, pos)
            if not m or m.end() == pos:
                raise SelectorError(f"unsupported selector syntax at '{part[pos:]}'")
            if m.group("comb"):
                if cur is not None:
                    seq.append((comb, cur))
                    cur = None
                comb = ">"
            else:
                if cur is None:
                    cur = _Compound()
                if m.group("type"):
                    if cur.tag is not None:
                        raise SelectorError(f"two element names in '{part}'")
                    cur.tag = m.group("type").lower()
                elif m.group("id"):
                    cur.ids.append(m.group("id"))
                elif m.group("cls"):
                    cur.classes.append(m.group("cls"))
                else:
                    value = m.group("dq") if m.group("dq") is not None else m.group("sq")
                    if value is None:
                        value = m.group("bare")
                    cur.attrs.append((m.group("attr").lower(), value))
            pos = m.end()
        if cur is not None:
            seq.append((comb, cur))
        if not seq:
            raise SelectorError(f"empty selector '{part}'")
        return seq

    def matches(self, el: Element) -> bool:
        return any(self._match_seq(seq, el) for seq in self.groups)

    @staticmethod
    def _match_seq(seq: list[tuple[str, _Compound]], el: Element) -> bool:
        i = len(seq) - 1
        comb, compound = seq[i]
        if not compound.matches(el):
            return False
        node: Element | None = el
        while i > 0:
            i -= 1
            prev_comb = comb
            comb, compound = seq[i]
            node = node.parent if node is not None else None
            if prev_comb == ">":
                if node is None or not compound.matches(node):
                    return False
            else:
                while node is not None and not compound.matches(node):
                    node = node.parent
                if node is None:
                    return False
        return True
