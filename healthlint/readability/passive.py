"""Passive-voice detection: a form of "be" or "get", optional adverbs, then a past participle.

Participles are the regular ``-ed`` forms (so "are penetrated" and "was funded" count, not only
an irregular-verb list) plus the irregular ones. Adjectival uses that read as states, not actions
("is located", "are concerned", "is interested", "is married"), are skipped unless an agent follows
("is concerned by"), and so are ``-ed`` words that are not participles ("need", "hundred").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BE = _wordset(
    "am is are was were be been being get gets got gotten getting isn't aren't wasn't weren't "
    "isn’t aren’t wasn’t weren’t"
)
# contractions whose "'s"/"'re" means "is"/"are" (after nouns "'s" is usually a possessive)
_PRONOUNS = "it|that|this|what|there|here|he|she|who|where|which|they|we|you"
_BE_CONTRACTED = re.compile(rf"^(?:{_PRONOUNS})['’](?:s|re)$", re.I)
_ADVERBS = _wordset(
    "not also often usually commonly typically generally rarely sometimes always never still now "
    "then being well widely further first already mostly mainly largely easily only just even "
    "sometimes frequently seldom currently routinely no longer"
)
IRREGULAR = _wordset(
    """arisen awoken borne beaten become begun bent bet bid bitten bled blown broken bred brought
    built burnt bought caught chosen clung come cost crept cut dealt dug done drawn dreamt drunk
    driven eaten fallen fed felt fought found fled flung flown forbidden forecast foreseen
    forgotten forgiven frozen given gone ground grown hung had heard hidden hit held hurt kept
    knelt known laid led leant leapt learnt left lent let lain lit lost made meant met mislaid
    misled mistaken mown overcome overdone overtaken overthrown paid proven put quit read rebuilt
    rewritten ridden rung risen run sawn said seen sought sold sent set sewn shaken shed shone
    shot shown shrunk shut sung sunk slain slept slid slung slit smelt sown spoken sped spelt spent
    spilt spun spat split spoilt spread sprung stood stolen stuck stung stunk stridden struck strung
    striven sworn swept swollen swum swung taken taught torn told thought thrown thrust trodden
    understood undergone undertaken undone upheld upset woken worn woven wed wept won wound
    withdrawn withheld withstood written"""
)
ADJECTIVAL = _wordset(
    """located concerned interested married tired bored excited worried pleased surprised scared
    frightened satisfied amazed confused divorced engaged qualified related dedicated experienced
    advanced limited committed determined exhausted supposed ashamed annoyed disappointed
    embarrassed relaxed stressed depressed overweight aged complicated sophisticated detailed
    varied talented skilled crowded balanced blessed convinced finished gone done armed retired
    unemployed employed involved inclined entitled allowed prepared acquainted accustomed
    interrelated renowned known"""
)
"""Participles that mostly describe a state after "be" ("is known for" is an idiom; "is known by"
and "is known to cause" count)."""
_NOT_PARTICIPLE = (
    _wordset(
        """bed bleed breed creed deed exceed feed freed greed heed hundred indeed need proceed red
    reed seed shed shred sled speed steed succeed weed wed bred fled led bled fed sacred naked
    wicked rugged ragged beloved kindred crooked hatred"""
    )
    - IRREGULAR
)
_AGENT_WORDS = frozenset({"by"})
# "used to it", "known to the staff": accustomed/familiar, not "used to treat"
_NOT_VERB_AFTER_TO = _wordset(
    "it the a an this that these those them him her me us you my your his their our"
)


@dataclass(frozen=True, slots=True)
class Passive:
    """Word indexes into the token list: the auxiliary and the participle."""

    aux: int
    participle: int


def is_participle(word: str) -> bool:
    return _is_participle_lower(word.lower())


def _is_participle_lower(w: str) -> bool:
    if w in IRREGULAR:
        return True
    if len(w) < 4 or not w.endswith("ed") or w in _NOT_PARTICIPLE:
        return False
    return w[:-2].isalpha() or ("-" in w and w.replace("-", "")[:-2].isalpha())


def _is_be(word: str) -> bool:
    w = word.lower()
    return w in _BE or bool(_BE_CONTRACTED.match(w))


def find_passives(words: list[str]) -> Iterator[Passive]:
    """Passive constructions in a sentence's words (tokens without punctuation)."""
    return find_passives_lower([w.lower() for w in words])


def find_passives_lower(
    words: list[str], start: int = 0, end: int | None = None, aux: Iterable[int] | None = None
) -> Iterator[Passive]:
    """:func:`find_passives` on words already lower-cased (shared by the rules, lowered once).

    ``words[start:end]`` is the sentence (indexes stay those of ``words``); ``aux``, when given,
    lists the only indexes that can hold an auxiliary (see :func:`auxiliary_candidates`).
    """
    n = len(words) if end is None else end
    for i in range(start, n) if aux is None else aux:
        word = words[i]
        if word not in _BE and not (
            ("'" in word or "’" in word) and _BE_CONTRACTED.match(word)
        ):  # the contraction pattern needs an apostrophe
            continue
        j = i + 1
        skipped = 0
        while j < n and skipped < 2 and _is_adverb_lower(words[j]):
            j += 1
            skipped += 1
        if j >= n or not _is_participle_lower(words[j]):
            continue
        w = words[j]
        nxt = words[j + 1] if j + 1 < n else ""
        if w == "used" and nxt == "to":
            after = words[j + 2] if j + 2 < n else ""
            if after in _NOT_VERB_AFTER_TO or after.endswith("ing"):
                continue  # "get used to it", "is used to being": accustomed
        elif w in ADJECTIVAL:
            # a state ("is located in"), unless an agent follows ("is concerned by") or, for
            # "known", a verb ("is known to cause")
            after = words[j + 2] if j + 2 < n else ""
            purpose = w == "known" and nxt == "to" and after not in _NOT_VERB_AFTER_TO
            if nxt not in _AGENT_WORDS and not (purpose and not after.endswith("ing")):
                continue
        yield Passive(i, j)


_AUXILIARIES = _BE | frozenset(
    f"{p}{a}{e}" for p in _PRONOUNS.split("|") for a in "'’" for e in ("s", "re")
)
"""Every lower-cased word ``find_passives_lower`` takes for an auxiliary, barring the letters below."""
# letters Python's case-insensitive matching equates with "i" and "s": a contraction written
# with one of them ("ıt's") still matches _BE_CONTRACTED, so such blocks get the full test
_ODD_LETTERS = re.compile("[\u0131\u017f]")


def auxiliary_candidates(text: str, lowered: list[str]) -> list[int]:
    """Indexes of the block's words (``lowered``) that may be an auxiliary, found in C."""
    if not text.isascii() and _ODD_LETTERS.search(text):
        return list(range(len(lowered)))
    return list(compress(range(len(lowered)), map(_AUXILIARIES.__contains__, lowered)))


def _is_adverb(word: str) -> bool:
    """A word that may sit between auxiliary and participle ("is rarely used", "was not seen")."""
    return _is_adverb_lower(word.lower())


def _is_adverb_lower(w: str) -> bool:
    if w in _ADVERBS:
        return True
    return len(w) > 4 and w.endswith("ly") and w not in ("early", "family", "daily", "belly")
