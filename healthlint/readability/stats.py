"""Readability formulas that give exactly textstat's (0.7.13, English) values, without textstat.

``import textstat`` imports NLTK (about 240 ms) and its syllable counter downloads NLTK's cmudict on
first use. This module re-implements the counts textstat's formulas use (same tokenising regexes,
same sentence rule, same arithmetic in the same order, so the floats are bit-identical) on top of
:mod:`healthlint.readability.syllables`. ``tests/test_readability_stats.py`` runs real textstat
with its dictionary look-up patched to the same CMU data and compares every formula.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from healthlint.lazy import cached_property
from healthlint.readability.syllables import syllable_counts, syllables

# textstat.backend.utils.constants / transformations / counts, verbatim
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCT_ALL = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)

FORMULAS = (
    "flesch-kincaid",
    "smog",
    "coleman-liau",
    "automated-readability",
    "gunning-fog",
    "linsear-write",
    "dale-chall",
    "spache",
    "text-standard",
)
"""Grade formulas a rule can use (textstat names: ``flesch_kincaid_grade``, ``smog_index``,
``coleman_liau_index``, ``automated_readability_index``, ``gunning_fog``,
``linsear_write_formula``, ``dale_chall_readability_score``, ``spache_readability``,
``text_standard(float_output=True)``)."""


# both substitutions of remove_punctuation() in one pass: the apostrophe test looks at the
# original text either way, and the second one is a test of one character
_PUNCT_KEEP_CONTRACTIONS = re.compile(r"\'(?![tsd]|ve|ll|re)|[^\w\s\']")


# ASCII characters matching [^\w\s']: bytes.translate deletes them in C
_ASCII_PUNCT = bytes(
    c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'" or chr(c).isspace())
)


def remove_punctuation(text: str, rm_apostrophe: bool = False) -> str:
    if rm_apostrophe:
        return _PUNCT_ALL.sub("", text)
    if text.isascii():
        if "'" in text:
            text = _NONCONTRACTION_APOSTROPHE.sub("", text)
        return text.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii")
    return _PUNCT_KEEP_CONTRACTIONS.sub("", text)


def list_words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation (hyphens too) removed, split on white space."""
    return remove_punctuation(text).split()


# Three white-space-separated tokens with a word character, punctuation-only tokens between:
# remove_punctuation() keeps word characters and white space (and apostrophes, which it keeps
# only before a letter), so these are exactly the sentences of three words or more.
_THREE_WORDS = re.compile(r"\S*?\w\S*\s+(?:[^\s\w]+\s+)*\S*?\w\S*\s+(?:[^\s\w]+\s+)*\S*?\w")


def count_sentences(text: str) -> int:
    """textstat's rule: runs ending in . ! or ?, ignoring those of two words or fewer."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    ignored = list(map(_THREE_WORDS.search, found)).count(None)
    return max(1, len(found) - ignored)


def _sentence_runs(text: str) -> tuple[int, str | None]:
    """What :func:`count_sentences` counts before its ``max(1, …)``, when more text may follow
    after a new line: the runs that are closed, and the last run if it is still open.

    A run is ``\b[^.!?]+[.!?]*``. One that reaches the end of ``text`` without a closing ``.``,
    ``!`` or ``?`` (there is a word character after the last of them) would swallow the new line
    and the next paragraph up to its first ``.``, ``!`` or ``?``, so it is returned to be counted
    with what follows. Every other run, and where each starts, is the same in ``text`` alone as in
    ``text`` followed by a new line and more: end of text and new line are both non-word, and a
    run always starts on a word character (so the open run is a text of its own, too).
    """
    found = _SENTENCE.findall(text)
    if (
        found
        and text[-1] not in ".!?"
        and _WORD.search(text, max(text.rfind("."), text.rfind("!"), text.rfind("?")) + 1)
    ):
        tail: str | None = found.pop()
    else:
        tail = None
    return len(found) - list(map(_THREE_WORDS.search, found)).count(None), tail


_WORD = re.compile(r"\w")
_STOPS = re.compile(r"[.!?]")


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's English easy-word list (Dale-Chall), read from its package without importing it."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textstat is not installed: its easy-word list is needed")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(ln.strip() for ln in f)


@dataclass
class TextStats:
    """Counts and grades of one piece of text, computed lazily and once."""

    text: str
    _cache: dict[str, float] = field(default_factory=dict, repr=False)

    @classmethod
    def joined(cls, parts: list[TextStats]) -> TextStats:
        """The figures of the parts joined by new lines, reusing their words and syllables.

        Word lists concatenate exactly (white space separates the parts and the apostrophe rule
        looks no further than the next character), so word and syllable counts add up (the
        joined word list itself is listed again only if a formula needs it). Sentences do not
        always add up (a paragraph without a full stop runs into the next): those paragraphs are
        counted again together with what follows them.
        """
        whole = cls("\n".join(p.text for p in parts))
        whole.__dict__["word_syllables"] = [n for p in parts for n in p.word_syllables]
        whole.__dict__["word_count"] = sum(p.word_count for p in parts)
        if whole.text:
            total = 0
            tail: list[str] = []  # the open run and the paragraphs it runs into
            for p in parts:
                if not tail:
                    closed, open_run = p._runs
                elif _STOPS.search(p.text) is None:
                    tail.append(p.text)  # the open run takes all of it and stays open
                    continue
                else:
                    tail.append(p.text)
                    closed, open_run = _sentence_runs("\n".join(tail))
                total += closed
                tail = [] if open_run is None else [open_run]
            if tail:
                total += _THREE_WORDS.search("\n".join(tail)) is not None
            whole.__dict__["sentence_count"] = max(1, total)
        return whole

    @cached_property
    def words(self) -> list[str]:
        return list_words(self.text)

    @cached_property
    def word_count(self) -> int:
        if "words" in self.__dict__:
            return len(self.words)
        return len(self.word_syllables)  # one count per word, without listing the words twice

    @cached_property
    def _runs(self) -> tuple[int, str | None]:
        return _sentence_runs(self.text)

    @cached_property
    def sentence_count(self) -> int:
        if not self.text:
            return 0
        closed, open_run = self._runs
        return max(1, closed + (open_run is not None and _THREE_WORDS.search(open_run) is not None))

    @cached_property
    def word_syllables(self) -> list[int]:
        text = self.text
        if "words" not in self.__dict__ and text.isascii() and "'" not in text:
            # without apostrophes the punctuation removed does not depend on case
            return syllable_counts(list_words(text.lower()))
        return syllable_counts(list(map(str.lower, self.words)))

    @cached_property
    def syllable_count(self) -> int:
        return sum(self.word_syllables)

    @cached_property
    def polysyllable_count(self) -> int:
        return sum(1 for n in self.word_syllables if n >= 3)

    @cached_property
    def letter_count(self) -> int:
        # remove_punctuation(text without white space, rm_apostrophe=True) keeps the word
        # characters: all of them are in self.words, which also keep contraction apostrophes
        joined = "".join(self.words)
        return len(joined) - joined.count("'")

    @cached_property
    def _split_counts(self) -> tuple[int, int]:
        # str.split() and regex \s agree on what white space is (Py_UNICODE_ISSPACE)
        parts = self.text.split()
        return len(parts), sum(map(len, parts))

    @cached_property
    def char_count(self) -> int:
        return self._split_counts[1]

    def difficult_count(self, threshold: int) -> int:
        easy = easy_words()
        return sum(
            1
            for w, n in zip(self.words, self.word_syllables, strict=True)
            if len(w.split()) == 1 and w.lower() not in easy and n >= threshold
        )

    # --- ratios, as textstat computes them ---

    @cached_property
    def words_per_sentence(self) -> float:
        try:
            return self.word_count / self.sentence_count
        except ZeroDivisionError:
            return 0.0

    @cached_property
    def syllables_per_word(self) -> float:
        try:
            return self.syllable_count / self.word_count
        except ZeroDivisionError:
            return 0.0

    # --- formulas ---

    def flesch_reading_ease(self) -> float:
        asl, asw = self.words_per_sentence, self.syllables_per_word
        if asl == 0 or asw == 0:
            return 0.0
        return 206.835 - 1.015 * asl - 84.6 * asw

    def flesch_kincaid(self) -> float:
        asl, asw = self.words_per_sentence, self.syllables_per_word
        if asl == 0 or asw == 0:
            return 0.0
        return (0.39 * asl) + (11.8 * asw) - 15.59

    def smog(self) -> float:
        try:
            return (1.043 * (30 * (self.polysyllable_count / self.sentence_count)) ** 0.5) + 3.1291
        except ZeroDivisionError:
            return 0.0

    def coleman_liau(self) -> float:
        try:
            letters = self.letter_count / self.word_count * 100
            sentences = self.sentence_count / self.word_count * 100
        except ZeroDivisionError:
            return 0.0
        if letters == 0 or sentences == 0:
            return 0.0
        return (0.058 * letters) - (0.296 * sentences) - 15.8

    def automated_readability(self) -> float:
        try:
            a = self.char_count / self._split_counts[0]
        except ZeroDivisionError:
            a = 0.0
        b = self.words_per_sentence
        if a == 0 or b == 0:
            return 0.0
        return (4.71 * a) + (0.5 * b) - 21.43

    def gunning_fog(self) -> float:
        try:
            per_diff_words = 100 * self.difficult_count(3) / self.word_count
        except ZeroDivisionError:
            return 0.0
        return 0.4 * (self.words_per_sentence + per_diff_words)

    def dale_chall(self) -> float:
        try:
            per_difficult_words = 100 * self.difficult_count(0) / self.word_count
        except ZeroDivisionError:
            return 0.0
        score = (0.1579 * per_difficult_words) + (0.0496 * self.words_per_sentence)
        if per_difficult_words > 5:
            score += 3.6365
        return score

    def spache(self) -> float:
        try:
            pdw = 100 * self.difficult_count(2) / self.word_count
        except ZeroDivisionError:
            return 0.0
        return (0.141 * self.words_per_sentence) + (0.086 * pdw) + 0.839

    def linsear_write(self) -> float:
        """textstat's default (``strict_lower=False, strict_upper=True``): the first 100 words."""
        text_list = self.text.split()
        if len(text_list) > 100:
            words_list: list[str] = []
            i_text = 0
            while i_text < len(text_list) and len(words_list) < 100:
                word = remove_punctuation(text_list[i_text])
                i_text += 1
                if len(word) > 0:
                    words_list.append(word)
        else:
            words_list = self.words
            i_text = len(text_list)
        easy = difficult = 0
        for word in words_list:
            n = sum(syllables(w) for w in list_words(word.lower()))
            if n >= 3:
                difficult += 1
            elif n > 0:
                easy += 1
        try:
            number = float(
                (easy * 1 + difficult * 3) / count_sentences(" ".join(text_list[:i_text]))
            )
        except ZeroDivisionError:
            return 0.0
        if number <= 20:
            number -= 2
        return number / 2

    def text_standard(self) -> float:
        """textstat's consensus grade (``float_output=True``), clamped to 1-18 as it does."""
        grade: list[int] = []

        def add(score: float) -> None:
            grade.extend([math.floor(score), math.ceil(score), round(score)])

        add(self.flesch_kincaid())
        ease = self.flesch_reading_ease()
        for low, value in ((90, 5), (80, 6), (70, 7)):
            if low <= ease < low + 10:
                grade.append(value)
                break
        else:
            if 60 <= ease < 70:
                grade.extend([8, 9])
            elif 50 <= ease < 60:
                grade.append(10)
            elif 40 <= ease < 50:
                grade.append(11)
            elif 30 <= ease < 40:
                grade.append(12)
            else:
                grade.append(13)
        add(self.smog())
        add(self.coleman_liau())
        add(self.automated_readability())
        add(self.dale_chall())
        add(self.linsear_write())
        add(self.gunning_fog())
        value = float(Counter(grade).most_common(1)[0][0])
        return max(1, min(value, 18))

    def grade(self, formula: str) -> float:
        """The grade by one of :data:`FORMULAS` (cached per formula)."""
        value = self._cache.get(formula)
        if value is None:
            value = self._cache[formula] = _FORMULA_METHODS[formula](self)
        return value


_FORMULA_METHODS = {
    "flesch-kincaid": TextStats.flesch_kincaid,
    "smog": TextStats.smog,
    "coleman-liau": TextStats.coleman_liau,
    "automated-readability": TextStats.automated_readability,
    "gunning-fog": TextStats.gunning_fog,
    "linsear-write": TextStats.linsear_write,
    "dale-chall": TextStats.dale_chall,
    "spache": TextStats.spache,
    "text-standard": TextStats.text_standard,
}
