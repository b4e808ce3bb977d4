"""Which of many regexes can match a text, found in one RE2 pass (an ``RE2::Set``).

The detector has about fifty large patterns and a hundred context regexes; running each on every
sentence costs far more than the matching itself (one Python call and one UTF-8 encoding per
regex). A set answers "which of these match anywhere?" in one call, so the detector only runs the
few that do. The screen is a necessary condition, never a sufficient one: a regex that RE2 cannot
take as it is (lookarounds, ``re``'s Unicode classes) is relaxed into a pattern that matches at
least wherever the original does, or, failing that, always reported as a candidate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

# re's Unicode classes (for str patterns), widened for RE2, whose \s \d \w are ASCII-only
_WIDE = {
    "s": r"\s\x{b}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
    r"\x{205f}\x{3000}",
    "d": r"\p{N}",
    "w": r"\p{L}\p{N}\p{M}_",
}
_EMPTY = "(?:)"
_COUNTED = re.compile(r"\{(\d*),(\d+)\}")
_WIDEN_FROM = 8  # counted repetitions up to this many stay as they are
_MAX_MEM = 256 << 20  # RE2 reserves memory as the DFA grows; sentences need a small part of it


def _group_end(src: str, i: int) -> int:
    """Index just after the group opening at ``src[i] == '('``, or -1 if unbalanced."""
    depth, in_class, n = 0, False, len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if src.startswith("^", i + 1):
                i += 1
            if src.startswith("]", i + 1):
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def relax(src: str, exact: bool = False) -> str | None:
    """An RE2 pattern that matches wherever the ``re`` pattern ``src`` matches (maybe more).

    Zero-width assertions (lookarounds, ``\\b``, ``\\B``, ``^``, ``$``) are dropped, ``\\s``,
    ``\\d``, ``\\w`` widened to ``re``'s Unicode meaning, and large counted repetitions widened
    (``{0,80}`` as ``*``). With ``exact`` (an RE2 pattern), only the repetitions are widened.
    None when unbalanced.
    """
    out: list[str] = []
    i, n, in_class = 0, len(src), False
    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n:
            e = src[i + 1]
            if exact:
                out.append(src[i : i + 2])
            elif e in _WIDE:
                out.append(_WIDE[e] if in_class else f"[{_WIDE[e]}]")
            elif e in "bB" and not in_class:
                out.append(_EMPTY)
            else:
                out.append(src[i : i + 2])
            i += 2
            continue
        if in_class:
            out.append(c)
            if c == "]":
                in_class = False
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            for lead in ("^", "]"):
                if src.startswith(lead, i):
                    out.append(lead)
                    i += 1
            continue
        if not exact and c == "(" and src.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = _group_end(src, i)
            if end < 0:
                return None
            out.append(_EMPTY)
            i = end
            continue
        if c == "{":
            m = _COUNTED.match(src, i)
            if m is not None:
                out.append(_widen(m))
                i = m.end()
                continue
        out.append(_EMPTY if c in "^$" and not exact else c)
        i += 1
    return "".join(out)


def _widen(m: re.Match[str]) -> str:
    """``{m,n}`` with a large ``n`` as ``{m,}``: a superset that keeps RE2's automaton small
    (a counted gap such as ``[^.]{0,80}`` copies its state eighty times)."""
    low, high = int(m.group(1) or 0), int(m.group(2))
    if high < _WIDEN_FROM:
        return m.group()
    return "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"


def widen(src: str) -> str:
    """``src`` (an RE2 pattern) with only its large counted repetitions widened."""
    return relax(src, exact=True) or src


class Screen:
    """An RE2 set over regex sources; ``candidates(text)`` lists the indices that may match.

    ``sources[i]`` is ``(pattern, exact)``: ``exact`` patterns are given to RE2 as they are
    (they are the ones the detector itself runs with RE2) but for large counted repetitions,
    which are widened (``widen``); the others are relaxed first. An index RE2 cannot take is
    always a candidate.
    """

    def __init__(self, sources: Sequence[tuple[str, bool]]) -> None:
        import re2

        opts = re2.Options()
        opts.max_mem = _MAX_MEM
        self._set: Any = re2.Set.SearchSet(opts)
        self._index: list[int] = []  # set position -> source index
        self.always: list[int] = []
        for i, (src, exact) in enumerate(sources):
            pattern = widen(src) if exact else relax(src)
            if pattern is None:
                self.always.append(i)
                continue
            try:
                self._set.Add("(?i)" + pattern)
            except Exception:  # a construct RE2 lacks (backreference, atomic group...)
                self.always.append(i)
                continue
            self._index.append(i)
        self._set.Compile()

    def candidates(self, text: str) -> set[int]:
        got = self._set.Match(text)
        out = {self._index[j] for j in got} if got else set()
        out.update(self.always)
        return out


def build_screen(sources: Sequence[tuple[str, bool]]) -> Screen | None:
    """A screen, or None (run every regex) when RE2 is missing or refuses the set."""
    try:
        return Screen(sources)
    except Exception:
        return None


def compile_relaxed(sources: Sequence[str]) -> Any:
    """One RE2 regex matching wherever any of the ``re`` patterns ``sources`` matches (or None).

    Being free of assertions, it also matches a longer text wherever it matches a part of it.
    """
    parts = [relax(s) for s in sources]
    if any(p is None for p in parts):
        return None
    try:
        import re2

        opts = re2.Options()
        opts.max_mem = _MAX_MEM
        opts.never_capture = True  # spans only: RE2 can stay on its DFAs
        return re2.compile("(?i)(?:" + ")|(?:".join(p for p in parts if p) + ")", opts)
    except Exception:
        return None


def texts_hit(regex: Any, texts: Sequence[str]) -> list[int]:
    """Indices of the ``texts`` where a ``compile_relaxed`` regex may match, in one pass.

    The texts are joined; a match is credited to every text it touches. Scanning finds, for
    each text holding a match, a match that touches it (the scan cannot pass the leftmost
    match start in a text without reporting a match that ends inside or after it), so no text
    with a match is missed. Every index when ``regex`` is None.
    """
    if regex is None:
        return list(range(len(texts)))
    ends, pos = [], 0
    for t in texts:
        pos += len(t) + 1
        ends.append(pos)
    hit: set[int] = set()
    for m in regex.finditer("\x00".join(texts)):
        first = bisect.bisect_right(ends, m.start())
        last = bisect.bisect_right(ends, max(m.end(), m.start() + 1) - 1)
        hit.update(range(first, last + 1))
    return sorted(i for i in hit if i < len(texts))
