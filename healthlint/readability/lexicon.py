"""Word-level readability data and matching: jargon terms, confusables, abbreviations.

Lexicons are data in ``rules/lexicons/*.yml``, read once per process. Jargon is matched token by
token (a dict look-up per word, phrases indexed by their first word), not by a large regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
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

    def find(self, words: list[Word]) -> Iterator[JargonMatch]:
        lowered = [_norm(w.text) for w in words]
        i, n = 0, len(lowered)
        while i < n:
            token = lowered[i]
            found = None
            for key, term in self._phrases.get(token, ()):
                if tuple(lowered[i : i + len(key)]) == key:
                    found = JargonMatch(term, self.terms[term], i, i + len(key) - 1)
                    break
            if found is None and token in self._single:
                term = self._single[token]
                found = JargonMatch(term, self.terms[term], i, i)
            if found is not None:
                yield found
                i = found.last + 1
            else:
                i += 1


def _norm(token: str) -> str:
    t = token.lower()
    if t.endswith(("'s", "’s")):
        t = t[:-2]
    return t


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
    return any(
        alt.strip() and re.search(rf"(?<!\w){re.escape(alt.strip().lower())}(?!\w)", sentence)
        for alt in plain.split(";")
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
    """Swaps plus one combined regex, so a block is scanned once rather than once per entry."""

    swaps: list[Swap]
    combined: re.Pattern[str] | None


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


def swap_set(swaps: list[Swap]) -> SwapSet:
    """Combine the swaps into one regex (one named group per entry); a bad pattern is named."""
    if not swaps:
        return SwapSet([], None)
    inner = "|".join(
        f"(?P<s{i}>{s.pattern[len(_LEFT) + 3 : -len(_RIGHT) - 1]})" for i, s in enumerate(swaps)
    )
    try:
        return SwapSet(swaps, re.compile(rf"{_LEFT}(?:{inner}){_RIGHT}", re.I))
    except re.error:
        for s in swaps:
            try:
                re.compile(s.pattern)
            except re.error as exc:
                raise ValueError(
                    f"bad pattern {s.pattern[len(_LEFT) + 3 : -len(_RIGHT) - 1]!r}: {exc}"
                ) from None
        raise


_PREV_WORD = re.compile(r"([\w'’-]+)\W*$")


def find_swaps(text: str, swaps: SwapSet) -> Iterator[tuple[re.Match[str], Swap, str]]:
    """Matches in ``text`` with their suggestion (capitalised like the match)."""
    if swaps.combined is None:
        return
    for hit in swaps.combined.finditer(text):
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


def is_shouting(block: Block) -> bool:
    """A block written in capitals (a heading in caps): its words are not acronyms."""
    letters = [c for c in block.text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def spells_out(acronym: str, block: Block, index: int) -> bool:
    """Whether the acronym at ``block.words[index]`` sits next to its expansion."""
    words = block.words
    w = words[index]
    text = block.text
    after = text[w.end : w.end + 3].lstrip()
    before = text[max(0, w.start - 3) : w.start].rstrip()
    if after.startswith("(") or (before.endswith("(") and text[w.end :].lstrip().startswith(")")):
        return True
    # initials of the preceding words: "body mass index (BMI)", "body mass index, or BMI"
    letters = acronym.lower()
    initials: list[str] = []
    j = index - 1
    while j >= 0 and len(initials) < len(letters):
        token = words[j].text.lower()
        if token not in _SMALL_WORDS:
            initials.append(token[0])
        j -= 1
    return "".join(reversed(initials)) == letters
