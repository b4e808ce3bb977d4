"""The figures lexicon (``rules/lexicons/figures.yml``), loaded once and compiled to regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from healthlint.packs import builtin_rules_dir

LEXICON_NAME = "figures.yml"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any white space."""
    items = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True, eq=False)
class Lexicon:
    raw: dict[str, Any]
    measure_of: dict[str, str]  # lower-cased word -> measure key
    measure_dims: dict[str, tuple[str, ...]]
    course_nouns: frozenset[str]
    noun_modifiers: frozenset[str]
    partial_modifiers: frozenset[str]
    people_nouns: frozenset[str]
    dose_forms: frozenset[str]
    exclusive: tuple[tuple[str, ...], ...]
    measure_before: re.Pattern[str]  # "... weight loss of" at the end of a text
    measure_after: re.Pattern[str]  # "of weight" at the start of a text
    measure_bare: re.Pattern[str]  # "temperature " right before a qualified number
    total_cue: re.Pattern[str]
    sum_cue: re.Pattern[str]
    course_cue: re.Pattern[str]
    milestone_cue: re.Pattern[str]
    change_word: re.Pattern[str]
    difference: re.Pattern[str]
    down_words: frozenset[str]
    up_words: frozenset[str]
    loss_verb: re.Pattern[str]
    loss_exempt: re.Pattern[str]
    exclusive_re: re.Pattern[str]


def _words(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"figures lexicon: '{key}' must be a list of strings")
    return [v.lower() for v in value]


def compile_lexicon(raw: dict[str, Any]) -> Lexicon:
    """Build the regexes once; raises ValueError naming the bad key."""
    measures = raw.get("measures", {})
    if not isinstance(measures, dict):
        raise ValueError("figures lexicon: 'measures' must be a mapping")
    measure_of: dict[str, str] = {}
    measure_dims: dict[str, tuple[str, ...]] = {}
    for key, entry in measures.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
            raise ValueError(f"figures lexicon: measure '{key}' needs 'words' and 'dims'")
        measure_dims[key] = tuple(str(d) for d in entry.get("dims", []))
        for w in entry["words"]:
            measure_of[re.sub(r"\s+", " ", str(w).lower())] = key
    m_alt = _alt(measure_of)
    c_alt = _alt(_words(raw, "change_nouns"))
    links = _alt(_words(raw, "measure_links"))
    verbs = raw.get("measure_verbs", {})
    if not isinstance(verbs, dict):
        raise ValueError("figures lexicon: 'measure_verbs' must be a mapping")
    for key, words in verbs.items():
        for w in words:
            measure_of[str(w).lower()] = str(key)
    v_alt = _alt(str(w).lower() for words in verbs.values() for w in words)
    # "weight of 4 inches", "temperature for adults is around 37", "height of the boys in the
    # study was 142", "the baby weighed 7.5": a short phrase may follow the measured noun
    phrase = r"(?:\s+(?:for|of|in|among|at|on)(?:\s+[A-Za-z'’-]+){1,5}?)?"
    measure_before = re.compile(
        rf"\b(?:(?P<m>{m_alt})(?:\s+(?:{c_alt}))?"
        rf"(?:\s+(?:levels?|readings?|values?)(?:\s+(?:{links}))?|{phrase}(?:\s+(?:{links})|\s*:))"
        rf"|(?P<v>{v_alt}))\s*$",
        re.I,
    )
    measure_bare = re.compile(rf"\b(?P<m>{m_alt})(?P<v>)\s+$", re.I)
    measure_after = re.compile(
        rf"\s+(?:of|in)\s+(?:body\s+|total\s+|your\s+)?(?P<m>{m_alt})\b", re.I
    )
    groups = raw.get("exclusive_groups", [])
    exclusive = tuple(tuple(str(w).lower() for w in g) for g in groups)
    all_excl = [w for g in exclusive for w in g]

    def cue(key: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{_alt(_words(raw, key))})(?![\w-])", re.I)

    return Lexicon(
        raw=raw,
        measure_of=measure_of,
        measure_dims=measure_dims,
        course_nouns=frozenset(_words(raw, "course_nouns")),
        noun_modifiers=frozenset(_words(raw, "noun_modifiers")),
        partial_modifiers=frozenset(_words(raw, "partial_modifiers")),
        people_nouns=frozenset(_words(raw, "people_nouns")),
        dose_forms=frozenset(_words(raw, "dose_forms")),
        exclusive=exclusive,
        measure_before=measure_before,
        measure_after=measure_after,
        measure_bare=measure_bare,
        total_cue=cue("total_cues"),
        sum_cue=cue("sum_cues"),
        course_cue=cue("course_cues"),
        milestone_cue=re.compile(rf"(?:^|\s)(?:{_alt(_words(raw, 'milestone_cues'))})\s*$", re.I),
        change_word=cue("change_words"),
        difference=re.compile(
            rf"(?P<noun>{_alt(_words(raw, 'difference_nouns'))})(?:\s+(?:of|by))?\s*$", re.I
        ),
        down_words=frozenset(_words(raw, "down_words")),
        up_words=frozenset(_words(raw, "up_words")),
        loss_verb=cue("loss_verbs"),
        loss_exempt=cue("loss_exemptions"),
        exclusive_re=re.compile(rf"(?<![\w-])(?:{_alt(all_excl)})(?![\w-])", re.I),
    )


@lru_cache(maxsize=1)
def builtin_raw() -> dict[str, Any]:
    path = builtin_rules_dir() / "lexicons" / LEXICON_NAME
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


@lru_cache(maxsize=1)
def builtin() -> Lexicon:
    return compile_lexicon(builtin_raw())


def with_overrides(overrides: dict[str, Any] | None) -> Lexicon:
    """The built-in lexicon with keys replaced by rule options (``lexicon: {key: value}``)."""
    if not overrides:
        return builtin()
    merged = dict(builtin_raw())
    merged.update(overrides)
    return compile_lexicon(merged)
