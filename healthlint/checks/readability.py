"""Readability rules (RDB001-RDB009): grade level, sentence and paragraph length, passive voice,
jargon, confusable words, unexplained abbreviations, intensifiers and wordy phrases.

Statistics are computed once per document (``healthlint.readability.docstats``) from running
prose only; word-level rules look at all main content, headings and list items included.
Thresholds and word lists are rule options in ``rules/readability.yml``; lexicons live in
``rules/lexicons/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, islice
from typing import Any

from healthlint.document import Block, Document
from healthlint.readability.docstats import doc_stats
from healthlint.readability.lexicon import (
    ACRONYM_HINT,
    JargonMatcher,
    SwapSet,
    acronym_of,
    compile_swaps,
    find_swaps,
    is_explained,
    is_shouting,
    load_lexicon,
    spells_out,
    swap_set,
)
from healthlint.readability.passive import auxiliary_candidates, find_passives_lower
from healthlint.readability.stats import FORMULAS
from healthlint.registry import Hit, OptionsError, Related, check, summary

FORMULA_LABELS = {
    "flesch-kincaid": "Flesch-Kincaid",
    "smog": "SMOG",
    "coleman-liau": "Coleman-Liau",
    "automated-readability": "Automated Readability Index",
    "gunning-fog": "Gunning fog",
    "linsear-write": "Linsear Write",
    "dale-chall": "Dale-Chall",
    "spache": "Spache",
    "text-standard": "textstat consensus",
}

# --- option helpers ---------------------------------------------------------------------------


def _number(opts: dict[str, Any], key: str, default: float, minimum: float = 0) -> float:
    value = opts.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise OptionsError(f"option '{key}' must be a number >= {minimum:g}")
    return value


def _int(opts: dict[str, Any], key: str, default: int, minimum: int = 0) -> int:
    value = opts.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise OptionsError(f"option '{key}' must be a whole number >= {minimum}")
    return value


def _words(opts: dict[str, Any], key: str) -> list[str]:
    value = opts.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionsError(f"option '{key}' must be a list of words")
    return value


def _mapping(opts: dict[str, Any], key: str) -> dict[str, str]:
    value = opts.get(key, {})
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise OptionsError(f"option '{key}' must map words to their plain alternatives")
    return value


def _main_blocks(doc: Document) -> Iterator[Block]:
    return (b for b in doc.blocks if b.in_main)


# --- RDB001 grade level -----------------------------------------------------------------------


@dataclass(frozen=True)
class GradeOpts:
    target: float
    formula: str
    min_words: int
    min_paragraph_words: int
    max_locations: int


def _prepare_grade(opts: dict[str, Any]) -> GradeOpts:
    formula = opts.get("formula", "smog")
    if formula not in FORMULAS:
        raise OptionsError(f"option 'formula' must be one of: {', '.join(FORMULAS)}")
    return GradeOpts(
        target=_number(opts, "target", 8),
        formula=formula,
        min_words=_int(opts, "min_words", 100),
        min_paragraph_words=_int(opts, "min_paragraph_words", 20),
        max_locations=_int(opts, "max_locations", 3, minimum=1),
    )


@check("readability.grade", prepare=_prepare_grade)
def grade_level(doc: Document, opts: GradeOpts) -> Iterable[Hit]:
    """One finding on the hardest paragraph when the main content reads above the target grade."""
    stats = doc_stats(doc)
    if stats.whole.word_count < opts.min_words:
        return
    grade = stats.whole.grade(opts.formula)
    if grade <= opts.target:
        return
    label = FORMULA_LABELS[opts.formula]
    ranked = sorted(
        (
            (p.grade(opts.formula), i)
            for i, p in enumerate(stats.paragraphs)
            if p.word_count >= opts.min_paragraph_words
        ),
        reverse=True,
    )
    hardest = [r for r in ranked if r[0] > opts.target][: opts.max_locations] or ranked[:1]
    if not hardest:
        hardest = [(stats.paragraphs[0].grade(opts.formula), 0)]
    (top_grade, top), *rest = hardest
    block = stats.prose[top]
    start, end = block.source_span
    yield Hit(
        start,
        end,
        f"The main content reads at grade {grade:.1f} ({label}), above the target of grade "
        f"{opts.target:g}; the hardest paragraph is here (grade {top_grade:.1f}). Use shorter "
        "sentences and everyday words.",
        related=[
            Related(stats.prose[i].source_span, f"Also hard: grade {g:.1f} ({label}).")
            for g, i in rest
        ],
        data={
            "formula": opts.formula,
            "grade": round(grade, 2),
            "target": opts.target,
            "words": stats.whole.word_count,
            "sentences": stats.whole.sentence_count,
            "hardest_paragraph_grades": [round(g, 2) for g, _ in hardest],
        },
    )


# --- RDB002 long sentences, RDB003 long paragraphs ---------------------------------------------------


@dataclass(frozen=True)
class SentenceOpts:
    max_words: int


def _prepare_sentence(opts: dict[str, Any]) -> SentenceOpts:
    return SentenceOpts(max_words=_int(opts, "max_words", 20, minimum=1))


@check("readability.long_sentence", prepare=_prepare_sentence)
def long_sentence(doc: Document, opts: SentenceOpts) -> Iterable[Hit]:
    stats = doc_stats(doc)
    for block in stats.prose:
        for sentence, (lo, hi) in zip(block.sentences, stats.sentence_ranges(block), strict=True):
            n = hi - lo
            if n > opts.max_words:
                start, end = sentence.span()
                yield Hit(
                    start,
                    end,
                    f"This sentence has {n} words (limit {opts.max_words}). Split it into "
                    "shorter sentences, one idea each.",
                    data={"words": n, "limit": opts.max_words},
                )


@dataclass(frozen=True)
class ParagraphOpts:
    max_words: int
    max_sentences: int


def _prepare_paragraph(opts: dict[str, Any]) -> ParagraphOpts:
    return ParagraphOpts(
        max_words=_int(opts, "max_words", 150, minimum=1),
        max_sentences=_int(opts, "max_sentences", 5, minimum=1),
    )


@check("readability.long_paragraph", prepare=_prepare_paragraph)
def long_paragraph(doc: Document, opts: ParagraphOpts) -> Iterable[Hit]:
    for block in doc_stats(doc).prose:
        words, sentences = block.word_count, len(block.sentences)
        if words > opts.max_words or sentences > opts.max_sentences:
            start, end = block.source_span
            yield Hit(
                start,
                end,
                f"This paragraph has {words} words and {sentences} sentences (limit "
                f"{opts.max_words} words, {opts.max_sentences} sentences). Break it up.",
                data={"words": words, "sentences": sentences},
            )


# --- RDB004 passive voice ------------------------------------------------------------------------


def _per_sentence(
    positions: list[int], ranges: list[tuple[int, int]]
) -> Iterator[tuple[int, tuple[int, int], list[int]]]:
    """Split ascending word ``positions`` by sentence word ``ranges``: (sentence index, range,
    the positions inside it), for sentences that hold at least one."""
    k, n = 0, len(positions)
    for i, (lo, hi) in enumerate(ranges):
        while k < n and positions[k] < lo:
            k += 1
        first = k
        while k < n and positions[k] < hi:
            k += 1
        if first < k:
            yield i, (lo, hi), positions[first:k]


@check("readability.passive")
def passive_voice(doc: Document, opts: Any) -> Iterable[Hit]:
    stats = doc_stats(doc)
    for block in _main_blocks(doc):
        if not (block.is_prose or block.kind == "list_item"):
            continue
        lowered = block.word_lowers
        aux = auxiliary_candidates(block.text, lowered)
        if not aux:
            continue  # no auxiliary ("is", "was", "got", "it's"...): no passive
        ranges = stats.sentence_ranges(block)
        for _, (lo, hi), found in _per_sentence(aux, ranges):
            for p in find_passives_lower(lowered, lo, hi, found):
                first, last = block.word_starts[p.aux], block.word_ends[p.participle]
                phrase = block.text[first:last]
                start, end = block.span(first, last)
                yield Hit(
                    start,
                    end,
                    f"Passive voice: '{phrase}'. Say who does what (active voice), e.g. "
                    "'the doctor injects…' rather than '…is injected'.",
                )


# --- RDB005 jargon -----------------------------------------------------------------------------


def _prepare_jargon(opts: dict[str, Any]) -> JargonMatcher:
    terms = load_lexicon("jargon").get("terms")
    if not isinstance(terms, dict):
        raise OptionsError("rules/lexicons/jargon.yml must have a 'terms' mapping")
    merged = {str(k).lower(): str(v) for k, v in terms.items()}
    merged.update({k.lower(): v for k, v in _mapping(opts, "extra_terms").items()})
    for word in _words(opts, "ignore"):
        merged.pop(word.lower(), None)
    return JargonMatcher(merged)


class _Use:
    """One use of a jargon term; whether it is explained is worked out only when asked."""

    __slots__ = ("_explained", "block", "end", "heading", "plain", "sentence", "start")

    def __init__(self, block: Block, start: int, end: int, sentence: Any, plain: str) -> None:
        self.block, self.start, self.end, self.sentence, self.plain = (
            block,
            start,
            end,
            sentence,
            plain,
        )
        self.heading = block.kind == "heading"
        self._explained: bool | None = None

    @property
    def explained(self) -> bool:
        if self._explained is None:
            s = self.sentence
            self._explained = is_explained(
                self.block, self.start, self.end, s.start, s.end, self.plain
            )
        return self._explained

    @property
    def span(self) -> tuple[int, int]:
        return self.block.span(self.start, self.end)


@check("readability.jargon", prepare=_prepare_jargon)
def jargon(doc: Document, matcher: JargonMatcher) -> Iterable[Hit]:
    """The first unexplained use of each term; later uses are listed as related locations."""
    seen: dict[str, list[_Use]] = {}
    stats = doc_stats(doc)
    triggers = matcher.triggers
    for block in _main_blocks(doc):
        lowered = block.word_lowers
        if triggers.isdisjoint(lowered):
            continue  # no word that can start a term
        at = list(compress(range(len(lowered)), map(triggers.__contains__, lowered)))
        starts, ends = block.word_starts, block.word_ends
        for i, (_lo, hi), found in _per_sentence(at, stats.sentence_ranges(block)):
            sentence = block.sentences[i]
            for m in matcher.find_at(lowered, hi, found):
                use = _Use(block, starts[m.first], ends[m.last], sentence, m.plain)
                seen.setdefault(m.term, []).append(use)
    for term, uses in seen.items():
        # a heading's term is usually explained by the text under it: judge by the body text
        body = [u for u in uses if not u.heading] or uses
        first_explained = next((i for i, u in enumerate(body) if u.explained), None)
        if first_explained == 0:
            continue
        first = body[0]
        plain = matcher.terms[term]
        options = [alt.strip() for alt in plain.split(";") if alt.strip()]
        said = " or ".join(f"'{alt}'" for alt in options)
        later = (
            " It is explained later; explain it at first use instead."
            if first_explained is not None
            else ""
        )
        others = list(islice((u for u in body[1:] if not u.explained), 3))
        start, end = first.span
        yield Hit(
            start,
            end,
            f"'{term}' is medical jargon; use {said}, or explain it where it first appears, "
            f"e.g. '{term} ({options[0]})'.{later}",
            suggestion=options[0],
            related=[Related(u.span, f"'{term}' used again") for u in others],
            data={"term": term, "plain": plain, "uses": len(uses)},
        )


# --- RDB006 confusables, RDB009 wordy phrases ----------------------------------------------------------


def _swaps_prepare(section: str):
    def prepare(opts: dict[str, Any]) -> SwapSet:
        entries = load_lexicon("confusables").get(section, [])
        extra = opts.get("extra", [])
        if not isinstance(extra, list):
            raise OptionsError("option 'extra' must be a list of {match, replace, why}")
        ignore = set(_words(opts, "ignore"))
        try:
            swaps = compile_swaps([e for e in entries if e.get("match") not in ignore], section)
            swaps += compile_swaps(extra, "option 'extra'")
            return swap_set(swaps)
        except ValueError as exc:
            raise OptionsError(f"option 'extra' or rules/lexicons/confusables.yml: {exc}") from None

    return prepare


def _swap_hits(doc: Document, swaps: SwapSet, kind: str) -> Iterator[Hit]:
    for block in _main_blocks(doc):
        for m, swap, suggestion in find_swaps(block.text, swaps):
            start, end = block.span(m.start(), m.end())
            yield Hit(
                start,
                end,
                f"{kind} '{m.group()}': write '{suggestion}'. {swap.why}".rstrip(),
                suggestion=suggestion,
            )


@check("readability.confusables", prepare=_swaps_prepare("confusables"))
def confusables(doc: Document, swaps: SwapSet) -> Iterable[Hit]:
    return _swap_hits(doc, swaps, "Confusable wording")


@check("readability.wordy", prepare=_swaps_prepare("wordy"))
def wordy(doc: Document, swaps: SwapSet) -> Iterable[Hit]:
    return _swap_hits(doc, swaps, "Wordy phrase")


# --- RDB007 unexplained abbreviations -------------------------------------------------------------


def _prepare_abbreviations(opts: dict[str, Any]) -> frozenset[str]:
    known = _words(opts, "known") + _words(opts, "also_known")
    return frozenset(k.replace(".", "").upper() for k in known)


@check("readability.abbreviations", prepare=_prepare_abbreviations)
def abbreviations(doc: Document, known: frozenset[str]) -> Iterable[Hit]:
    """Acronyms never spelled out in the document (flagged once, at first use)."""
    first: dict[str, tuple[int, int]] = {}
    explained: set[str] = set()
    for block in _main_blocks(doc):
        if ACRONYM_HINT.search(block.text) is None or is_shouting(block):
            continue  # no acronym can be in it, or its capitals are shouting
        for i, word in enumerate(block.word_texts):
            if not "A" <= word[0] <= "Z":
                continue  # acronyms start with a capital
            acronym = acronym_of(word)
            if acronym is None or acronym in known:
                continue
            if spells_out(acronym, block, i):
                explained.add(acronym)
            if acronym not in first:
                first[acronym] = block.span(block.word_starts[i], block.word_ends[i])
    for acronym, (start, end) in first.items():
        if acronym not in explained:
            yield Hit(
                start,
                end,
                f"'{acronym}' is never spelled out. Write it in full at first use, followed by "
                f"the abbreviation in brackets, or use plain words instead.",
                data={"abbreviation": acronym},
            )


# --- RDB008 intensifiers ---------------------------------------------------------------------------


def _prepare_intensifiers(opts: dict[str, Any]) -> frozenset[str]:
    words = _words(opts, "words") + _words(opts, "extra_words")
    return frozenset(w.lower() for w in words)


@check("readability.intensifiers", prepare=_prepare_intensifiers)
def intensifiers(doc: Document, words: frozenset[str]) -> Iterable[Hit]:
    for block in _main_blocks(doc):
        lowered = block.word_lowers
        if words.isdisjoint(lowered):
            continue
        texts, starts, ends = block.word_texts, block.word_starts, block.word_ends
        for i in compress(range(len(lowered)), map(words.__contains__, lowered)):
            start, end = block.span(starts[i], ends[i])
            yield Hit(
                start,
                end,
                f"Intensifier '{texts[i]}' adds emphasis, not meaning. Cut it, or give "
                "the fact that makes the point.",
            )


# --- summary --------------------------------------------------------------------------------------


@summary("readability")
def readability_summary(doc: Document) -> dict[str, Any]:
    """Words, sentences, grades by formula and reading time of the main-content prose."""
    return doc_stats(doc).summary()
