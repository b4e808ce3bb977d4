"""Explainable topic detection: is this page about a treatment, a medicine, a condition…?

Rules that only make sense for some pages (ask for side effects only on a treatment page) ask
:func:`detect_topics`. The lexicon is data (``rules/lexicons/topics.yml``), and every detected
:class:`Topic` keeps the words that triggered it, so a finding can say *why* it applies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from healthlint.document import Document, Span
from healthlint.registry import OptionsError


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    label: str
    min_mentions: int
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class TopicLexicon:
    specs: tuple[TopicSpec, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.specs)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that counted towards a topic: how often it occurs and where first."""

    word: str
    count: int
    span: Span


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    label: str
    mentions: int
    triggers: tuple[Trigger, ...]  # most frequent first

    def explain(self, limit: int = 3) -> str:
        """``a treatment ('mesotherapy', 'injection')``: the label and the top triggers."""
        words = ", ".join(f"'{t.word}'" for t in self.triggers[:limit])
        return f"{self.label} ({words})"


def term_regex(term: str) -> str:
    """The body of a case-insensitive pattern for a lexicon term (``inject*`` = any ending)."""
    term = term.strip()
    star = term.endswith("*")
    body = term[:-1] if star else term
    pat = r"[\s\-]+".join(re.escape(p) for p in body.split())
    return pat + r"[\w\-’']*" if star else pat


def compile_terms(terms: list[str], patterns: list[str], where: str) -> re.Pattern[str]:
    """One regex: whole-word terms (longest first) or patterns; bad patterns raise OptionsError.

    The word-start check comes before the alternation so that positions inside words are
    rejected at once (Python's ``re`` would otherwise try every term at every character).
    """
    alts = []
    words = [term_regex(t) for t in sorted(set(terms), key=len, reverse=True) if t.strip()]
    if words:
        alts.append(r"(?<![\w\-])(?:" + "|".join(words) + r")(?!\w)")
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise OptionsError(f"{where}: invalid regular expression {p!r}: {exc}") from None
        alts.append(f"(?:{p})")
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(alts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _builtin_raw() -> dict[str, Any]:
    import yaml

    from healthlint.packs import builtin_rules_dir

    path = builtin_rules_dir() / "lexicons" / "topics.yml"
    data = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, dict) or not topics:
        raise OptionsError(f"{path}: 'topics' must be a non-empty mapping")
    return topics


def _str_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionsError(f"option '{where}' must be a list of strings")
    return list(value)


@lru_cache(maxsize=64)
def _build(
    extra: tuple[tuple[str, tuple[str, ...]], ...], mins: tuple[tuple[str, int], ...]
) -> TopicLexicon:
    raw = _builtin_raw()
    extra_d = dict(extra)
    mins_d = dict(mins)
    specs = []
    names = list(raw) + [n for n in extra_d if n not in raw]
    for name in names:
        entry = raw.get(name) or {}
        terms = _str_list(entry.get("terms", []), f"topics.{name}.terms") + list(
            extra_d.get(name, ())
        )
        patterns = _str_list(entry.get("patterns", []), f"topics.{name}.patterns")
        label = str(entry.get("label", name))
        minimum = int(mins_d.get(name, entry.get("min-mentions", 2)))
        specs.append(
            TopicSpec(name, label, minimum, compile_terms(terms, patterns, f"topic '{name}'"))
        )
    return TopicLexicon(tuple(specs))


def topic_lexicon(options: Mapping[str, Any] | None = None) -> TopicLexicon:
    """The built-in lexicon with a rule's ``extra-topic-terms`` and ``topic-min-mentions`` applied."""
    options = options or {}
    extra_raw = options.get("extra-topic-terms", {}) or {}
    if not isinstance(extra_raw, Mapping):
        raise OptionsError("option 'extra-topic-terms' must map topic names to lists of terms")
    extra = tuple(
        sorted(
            (str(k), tuple(_str_list(v, f"extra-topic-terms.{k}"))) for k, v in extra_raw.items()
        )
    )
    mins_raw = options.get("topic-min-mentions", {}) or {}
    if not isinstance(mins_raw, Mapping) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in mins_raw.values()
    ):
        raise OptionsError("option 'topic-min-mentions' must map topic names to whole numbers >= 1")
    known = set(_builtin_raw()) | {k for k, _ in extra}
    for k in mins_raw:
        if k not in known:
            raise OptionsError(
                f"option 'topic-min-mentions': unknown topic '{k}' (known: {', '.join(sorted(known))})"
            )
    mins = tuple(sorted((str(k), int(v)) for k, v in mins_raw.items()))
    return _build(extra, mins)


def detect_topics(doc: Document, lexicon: TopicLexicon) -> dict[str, Topic]:
    """Topics of the page's main content that reach their threshold, keyed by name (cached)."""
    key = ("topics", lexicon)
    cached = doc.cache.get(key)
    if cached is not None:
        return cached
    blocks = doc.main_blocks or doc.blocks
    found: dict[str, Topic] = {}
    for spec in lexicon.specs:
        counts: dict[str, int] = {}
        first: dict[str, Span] = {}
        total = 0
        for b in blocks:
            for m in spec.regex.finditer(b.text):
                word = re.sub(r"\s+", " ", m.group().lower())
                total += 1
                counts[word] = counts.get(word, 0) + 1
                if word not in first:
                    first[word] = b.span(m.start(), m.end())
        if total >= spec.min_mentions:
            order = sorted(counts, key=lambda w: (-counts[w], first[w]))
            triggers = tuple(Trigger(w, counts[w], first[w]) for w in order)
            found[spec.name] = Topic(spec.name, spec.label, total, triggers)
    doc.cache[key] = found
    return found
