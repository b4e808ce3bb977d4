"""Word-level readability data and matching: jargon terms, confusables, abbreviations.

Lexicons are data in ``rules/lexicons/*.yml``, read once per process. Jargon is matched token by
token (a dict look-up per word, phrases indexed by their first word), not by a large regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthlint.document import Block, Word

# --- loading ----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def load_lexicon(name: str) -> dict[str, Any]:
    """``rules/lexicons/<name>.yml`` as a mapping (validated by the callers)."""
    import yaml

    from healthlint.packs import builtin_rules_dir

    path = Path(builtin_rules_dir()) / "lexicons" / f"{name}.yml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=loader)  # a safe loader (CSafeLoader or SafeLoader)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


# --- jargon -------------------------------------------------------------------------------------


def inflections(word: str) -> set[str]:
    """Plural and Latin/Greek plural forms of a word (the lexicon lists singulars)."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    for sing, plur in (
        ("is", "es"),
        ("us", "i"),
        ("um", "a"),
        ("a", "ae"),
        ("on", "a"),
        ("ex", "ices"),
    ):
        if word.endswith(sing):
            forms.add(word[: -len(sing)] + plur)
    return forms


@dataclass(frozen=True, slots=True)
class JargonMatch:
    term: str
    plain: str
    first: int  # index of the first word in the token list
    last: int  # index of the last word


class JargonMatcher:
    """Finds lexicon terms in a block's words."""

    def __init__(self, terms: dict[str, str]) -> None:
        self.terms = dict(terms)
        self._single: dict[str, str] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for term in terms:
            parts = term.lower().split()
            if len(parts) == 1:
                for form in inflections(parts[0]):
                    self._single.setdefault(form, term)
            else:
                for form in inflections(parts[-1]):
                    key = (*parts[:-1], form)
                    self._phrases.setdefault(parts[0], []).append((key, term))
        for entries in self._phrases.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.keys = frozenset(self._single) | frozenset(self._phrases)
        """Normalised words that can start a match: a block without one has no jargon."""
        self.triggers = self.keys | {k + s for k in self.keys for s in ("'s", "’s")}
        """The same, lower-cased but not yet stripped of a possessive ``'s``."""

    def find(self, words: list[Word]) -> Iterator[JargonMatch]:
        return self.find_tokens([_strip(w.text.lower()) for w in words])

    def find_at(self, lowered: list[str], end: int, at: list[int]) -> Iterator[JargonMatch]:
        """:meth:`find_tokens` on a sentence of lower-cased words ending at index ``end``.

        ``at`` lists (ascending) the indexes of the sentence's words that are in
        :attr:`triggers`; no other word can start a match. Indexes stay those of ``lowered``.
        """
        skip_to = 0
        for i in at:
            if i < skip_to:
                continue
            token = _strip(lowered[i])
            found = None
            for key, term in self._phrases.get(token, ()):
                stop = i + len(key)
                if stop <= end and tuple(map(_strip, lowered[i:stop])) == key:
                    found = JargonMatch(term, self.terms[term], i, stop - 1)
                    break
            if found is None and token in self._single:
                term = self._single[token]
                found = JargonMatch(term, self.terms[term], i, i)
            if found is not None:
                yield found
                skip_to = found.last + 1

    def find_tokens(self, lowered: list[str]) -> Iterator[JargonMatch]:
        """Matches in words already normalised (:func:`normalise`)."""
        return self.find_at(lowered, len(lowered), range(len(lowered)))


def _strip(t: str) -> str:
    """A lower-cased word without a possessive ``'s`` (what the matcher compares)."""
    return t[:-2] if t.endswith(("'s", "’s")) else t


def normalise(lowered: list[str]) -> list[str]:
    """:func:`_strip` of each word."""
    return list(map(_strip, lowered))


# how a writer explains a term where it is used
_AFTER_EXPLAINED = re.compile(
    r"""^\s*(?:
        \(                                              # lipolysis (fat breakdown)
      | [,;]?\s*(?:or|also\s+called|also\s+known\s+as|known\s+as|meaning|which\s+means|
                  that\s+is|i\.e\.|in\s+other\s+words)\b  # lipolysis, or fat breakdown
      | [—–:]\s                                          # lipolysis — fat breakdown
      | \s-\s
      | (?:means|refers\s+to|is\s+when|is\s+the\s+(?:medical\s+)?(?:word|term|name)\s+for)\b
    )""",
    re.X | re.I,
)
_BEFORE_EXPLAINED = re.compile(
    r"(?:\(\s*|\b(?:called|named|known\s+as|term|word)\s+)$",
    re.I,
)
_DEFINING_SENTENCE = re.compile(r"^\s*(?:is|are)\s+(?:a|an|the|when|how|what|used)\b", re.I)
_SENTENCE_LEAD = re.compile(r"^\s*(?:(?:the|a|an)\s+)?$", re.I)


def is_explained(
    block: Block, start: int, end: int, sent_start: int, sent_end: int, plain: str
) -> bool:
    """Whether the term at ``block.text[start:end]`` is explained in its own sentence."""
    text = block.text
    after = text[end : min(sent_end, end + 60)]
    before = text[max(sent_start, start - 40) : start]
    if _AFTER_EXPLAINED.match(after):
        return True
    if _BEFORE_EXPLAINED.search(before) and (
        not before.rstrip().endswith("(") or text[end:].lstrip().startswith(")")
    ):
        return True
    # "Lipolysis is the breakdown of fat." -- a sentence that opens by defining the term
    if _SENTENCE_LEAD.match(text[sent_start:start]) and _DEFINING_SENTENCE.match(after):
        return True
    sentence = text[sent_start:sent_end].lower()
    return any(p.search(sentence) for p in _plain_patterns(plain))


@lru_cache(maxsize=4096)
def _plain_patterns(plain: str) -> tuple[re.Pattern[str], ...]:
    """The plain alternatives of a term as whole-word patterns, compiled once."""
    return tuple(
        re.compile(rf"(?<!\w){re.escape(alt.strip().lower())}(?!\w)")
        for alt in plain.split(";")
        if alt.strip()
    )


# --- confusables / wordy phrases -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Swap:
    pattern: str  # the entry's `match`, wrapped in word boundaries
    replace: str
    why: str
    not_after: frozenset[str]

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.I)  # compiled on a hit only; re caches it


@dataclass(frozen=True, slots=True)
class SwapSet:
    """Swaps plus one combined regex, so a block is scanned once rather than once per entry.

    ``screen`` (when every pattern allows it) names the swaps that may match a block from the
    words each one must contain, so most blocks are never scanned and the rest are scanned with
    a regex of only the swaps that can match there.
    """

    swaps: list[Swap]
    combined: re.Pattern[str] | None
    screen: LiteralScreen | None = None
    _partial: dict[tuple[int, ...], re.Pattern[str]] = field(default_factory=dict)

    def regex_for(self, text: str) -> re.Pattern[str] | None:
        """The regex to scan ``text`` with: None when no swap can match it."""
        if self.screen is None:
            return self.combined
        which = self.screen.candidates(text)
        if which is None or len(which) == len(self.swaps):
            return self.combined
        if not which:
            return None
        regex = self._partial.get(which)
        if regex is None:
            regex = _combine(self.swaps, which)
            if len(self._partial) < 512:
                self._partial[which] = regex
        return regex


_LEFT = r"(?<![\w'’-])"
_RIGHT = r"(?![\w-])"


def compile_swaps(entries: list[dict[str, Any]], where: str) -> list[Swap]:
    """Validate lexicon entries; patterns are checked when the set is combined."""
    swaps = []
    for i, e in enumerate(entries):
        if (
            not isinstance(e, dict)
            or not isinstance(e.get("match"), str)
            or not isinstance(e.get("replace"), str)
        ):
            raise ValueError(f"{where}[{i}] needs string 'match' and 'replace'")
        not_after = e.get("not_after", [])
        if not isinstance(not_after, list) or not all(isinstance(w, str) for w in not_after):
            raise ValueError(f"{where}[{i}]: 'not_after' must be a list of words (quote yes/no)")
        pattern = rf"{_LEFT}(?:{e['match']}){_RIGHT}"
        swaps.append(
            Swap(
                pattern,
                e["replace"],
                str(e.get("why", "")),
                frozenset(w.lower() for w in not_after),
            )
        )
    return swaps


def _inner(swap: Swap) -> str:
    """The entry's own pattern, without the word-boundary wrapper."""
    return swap.pattern[len(_LEFT) + 3 : -len(_RIGHT) - 1]


def _combine(swaps: list[Swap], which: Iterable[int]) -> re.Pattern[str]:
    """One regex of the swaps ``which`` (in order); group ``s<i>`` names entry ``i``."""
    inner = "|".join(f"(?P<s{i}>{_inner(swaps[i])})" for i in which)
    return re.compile(rf"{_LEFT}(?:{inner}){_RIGHT}", re.I)


def swap_set(swaps: list[Swap]) -> SwapSet:
    """Combine the swaps into one regex (one named group per entry); a bad pattern is named."""
    if not swaps:
        return SwapSet([], None)
    try:
        combined = _combine(swaps, range(len(swaps)))
    except re.error:
        for s in swaps:
            try:
                re.compile(s.pattern)
            except re.error as exc:
                raise ValueError(f"bad pattern {_inner(s)!r}: {exc}") from None
        raise
    return SwapSet(swaps, combined, LiteralScreen.build([_inner(s) for s in swaps]))


# --- screening by required words -------------------------------------------------------------------

# characters that Python's case-insensitive matching equates with an ASCII letter although
# str.lower() does not turn them into it: a text with one of them is not screened
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


def required_literals(pattern: str) -> list[str] | None:
    """Lower-case strings one of which every match of ``pattern`` (case-insensitive) contains.

    Read from the parsed pattern: runs of literal characters, groups, alternations and repeats
    of at least one; the most selective choice wins (longest shortest string). None when no
    such strings can be named (a pattern of character classes only, or a back-reference).
    """
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern, re.I)
    except Exception:  # anything we cannot read is simply not screened
        return None
    if {"GROUPREF", "GROUPREF_EXISTS"} & set(_ops(list(parsed), sre_parse.SubPattern)):
        raise _Unscreenable(pattern)  # a combined regex renumbers groups: keep the plain scan
    return _required(list(parsed))


class _Unscreenable(Exception):
    pass


def _ops(items: list[tuple[Any, Any]], subpattern: type) -> Iterator[str]:
    """Names of every operation in a parsed pattern, nested ones included."""
    for op, av in items:
        yield str(op)
        stack = [av]
        while stack:
            x = stack.pop()
            if isinstance(x, subpattern):
                yield from _ops(list(x), subpattern)
            elif isinstance(x, tuple | list):
                stack.extend(x)


def _best(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    if not b:
        return a
    if not a:
        return b
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if kb > ka else a


def _required(items: list[tuple[Any, Any]]) -> list[str] | None:
    best: list[str] | None = None
    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL" and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        if run:
            best = _best(best, ["".join(run)])
            run = []
        if name == "SUBPATTERN":
            best = _best(best, _required(list(av[-1])))
        elif name == "BRANCH":
            alternatives: list[str] = []
            for branch in av[1]:
                req = _required(list(branch))
                if not req:
                    alternatives = []
                    break
                alternatives.extend(req)
            best = _best(best, alternatives or None)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            best = _best(best, _required(list(av[2])))
    if run:
        best = _best(best, ["".join(run)])
    return best


class LiteralScreen:
    """An RE2 set of each swap's required strings, matched against the lower-cased block text."""

    def __init__(self, sets: list[list[str] | None]) -> None:
        import re2

        options = re2.Options()
        self._set = re2.Set.SearchSet(options)
        self._index: list[int] = []
        self._always: list[int] = []
        for i, literals in enumerate(sets):
            if not literals:
                self._always.append(i)
                continue
            self._set.Add("|".join(re2.escape(lit) for lit in literals))
            self._index.append(i)
        self._set.Compile()

    @classmethod
    def build(cls, patterns: list[str]) -> LiteralScreen | None:
        sets = []
        for p in patterns:
            try:
                sets.append(required_literals(p))
            except _Unscreenable:
                return None
        if all(not s for s in sets):
            return None
        try:
            return cls(sets)
        except Exception:  # RE2 missing or refusing: scan every block instead
            return None

    def candidates(self, text: str) -> tuple[int, ...] | None:
        """Indexes of the swaps that may match ``text`` (sorted); None when it cannot tell."""
        if not text.isascii() and _ODD_CASE.search(text):
            return None
        hits = self._set.Match(text.lower())
        if not hits and not self._always:
            return ()
        return tuple(sorted({self._index[h] for h in hits}.union(self._always)))


_PREV_WORD = re.compile(r"([\w'’-]+)\W*$")


def find_swaps(text: str, swaps: SwapSet) -> Iterator[tuple[re.Match[str], Swap, str]]:
    """Matches in ``text`` with their suggestion (capitalised like the match)."""
    regex = swaps.regex_for(text)
    if regex is None:
        return
    for hit in regex.finditer(text):
        swap = swaps.swaps[int(hit.lastgroup[1:])]  # type: ignore[index]
        m = swap.regex.match(text, hit.start())
        if m is None:  # cannot happen: same pattern at the same place
            continue
        if swap.not_after:
            prev = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            if prev and prev.group(1).lower() in swap.not_after:
                continue
        suggestion = m.expand(swap.replace)
        if m.group()[:1].isupper():
            suggestion = suggestion[:1].upper() + suggestion[1:]
        yield m, swap, suggestion


# --- abbreviations ------------------------------------------------------------------------------

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_SMALL_WORDS = frozenset(
    ["of", "and", "the", "for", "in", "on", "to", "a", "an", "or", "with", "by", "at", "from"]
)


def acronym_of(token: str) -> str | None:
    """The acronym a token spells ("BMIs" -> "BMI", "U.S." -> "US"), or None."""
    t = token
    if t.endswith(("'s", "’s")):
        t = t[:-2]
    elif t.endswith("s") and len(t) > 2 and t[:-1].isupper():
        t = t[:-1]
    t = t.replace(".", "")
    if not _ACRONYM.match(t) or sum(c.isalpha() for c in t) < 2 or _ROMAN.match(t):
        return None
    return t


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))
ACRONYM_HINT = re.compile(r"[A-Z]\.*[A-Z0-9&]")
"""What every acronym contains (a capital, then a capital, digit or '&'): blocks without it
have none, and their words need no look."""


def is_shouting(block: Block) -> bool:
    """A block written in capitals (a heading in caps): its words are not acronyms."""
    text = block.text
    if text.isascii():  # count letters and capitals in C: bytes.translate deletes them
        raw = text.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        return bool(letters) and upper > 0.6 * letters
    chars = [c for c in text if c.isalpha()]
    return bool(chars) and sum(c.isupper() for c in chars) > 0.6 * len(chars)


def spells_out(acronym: str, block: Block, index: int) -> bool:
    """Whether the acronym at ``block.words[index]`` sits next to its expansion."""
    words = block.word_texts
    w_start, w_end = block.word_starts[index], block.word_ends[index]
    text = block.text
    after = text[w_end : w_end + 3].lstrip()
    before = text[max(0, w_start - 3) : w_start].rstrip()
    if after.startswith("(") or (before.endswith("(") and text[w_end:].lstrip().startswith(")")):
        return True
    # initials of the preceding words: "body mass index (BMI)", "body mass index, or BMI"
    letters = acronym.lower()
    initials: list[str] = []
    j = index - 1
    while j >= 0 and len(initials) < len(letters):
        token = words[j].lower()
        if token not in _SMALL_WORDS:
            initials.append(token[0])
        j -= 1
    return "".join(reversed(initials)) == letters
