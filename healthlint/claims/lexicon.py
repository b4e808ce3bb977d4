"""Load ``rules/lexicons/claims.yml`` once, merge user extensions, and compile every regex.

Term lists are literal phrases (users add product or disease names without writing regexes);
verb lists are lemmas expanded to base, 3rd-person and -ing forms. Patterns refer to both as
``{name}``; ``{verbs:s}`` is the 3rd-person forms only and ``{verbs:pp}`` the past and
past-participle forms ("wiped out", "got/gotten rid of"). A list item ``"@other"`` takes in every
item of the list ``other`` (peer groups: one list of fat-loss verbs shared by several patterns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from healthlint.claims.screen import Screen, build_screen, compile_relaxed
from healthlint.errors import ConfigError

_FLAGS = re.IGNORECASE
# sentences a process analyses before it builds the pattern screen (about 0.3 s of RE2
# compilation that saves about 0.35 ms a sentence)
SCREEN_AFTER = 400
# {verbs:s}: the 3rd-person forms only; {verbs:pp}: past and past-participle forms
_PLACEHOLDER = re.compile(r"\{([a-z_]+(?::s|:pp)?)\}")
_CONTEXT_LISTS = (
    "negation_pre",
    "negation_post",
    "pseudo_negation",
    "negation_coordination",
    "finite_verb",
    "terminators",
    "hedge_strong",
    "hedge_weak",
    "attribution",
    "caveat",
    "risk",
    "citation",
    "official",
    "mention",
)
DETECTORS = (
    "absolute",
    "efficacy",
    "disease",
    "dshea",
    "weight_gut_check",
    "spot_reduction",
    "inches_weight",
    "anecdote",
    "uncited_evidence",
    "hype",
    "advice",
)


def lexicon_path() -> Path:
    from healthlint.packs import builtin_rules_dir

    return builtin_rules_dir() / "lexicons" / "claims.yml"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    path = lexicon_path()
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}:1: cannot load the claims lexicon: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the claims lexicon must be a mapping")
    return data


def _char_regex(c: str) -> str:
    if c == " ":
        return r"\s+"
    if c == "-":
        return r"[-\s]?"
    if c == "'":
        return "['’]"
    return re.escape(c)


class _Trie:
    """A character trie of literal phrases, emitted as one regex (fast where a flat
    alternation of hundreds of phrases is slow)."""

    __slots__ = ("children", "suffix")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.suffix: str | None = None  # set on phrase ends: the optional ending allowed

    def add(self, phrase: str, suffix: str) -> None:
        node = self
        for c in phrase:
            node = node.children.setdefault(c, _Trie())
        if node.suffix is None or len(suffix) > len(node.suffix):
            node.suffix = suffix

    def regex(self) -> str:
        alts = [_char_regex(c) + child.regex() for c, child in sorted(self.children.items())]
        if self.suffix is not None:
            alts.append(self.suffix)
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"


def _norm(phrase: str) -> str:
    return " ".join(phrase.replace("’", "'").split())


def _term_trie(items: list[str]) -> str:
    """Literal phrases as a regex: flexible white space, hyphens, apostrophes; optional plural."""
    trie = _Trie()
    for item in items:
        phrase = _norm(item)
        if not phrase:
            continue
        if re.search(r"[^aeiou]y$", phrase, re.I):
            trie.add(phrase.lower(), "")
            trie.add(phrase[:-1].lower() + "ies", "")
        elif phrase[-1].isalpha() and not phrase[-1].isupper():
            trie.add(phrase.lower(), "(?:s|es)?")
        else:
            trie.add(phrase.lower(), "s?")
    return "(?:" + trie.regex() + ")" if trie.children else "(?!)"


def _inflect(word: str) -> list[str]:
    """Base, 3rd-person singular and -ing forms of a verb."""
    w = word.lower()
    if re.search(r"(?:s|x|z|ch|sh|o)$", w):
        third = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        third = w[:-1] + "ies"
    else:
        third = w + "s"
    if w.endswith("ie"):
        ing = w[:-2] + "ying"
    elif w.endswith("e") and not w.endswith("ee"):
        ing = w[:-1] + "ing"
    elif len(w) <= 4 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", w):
        ing = w + w[-1] + "ing"
    else:
        ing = w + "ing"
    return [w, third, ing]


# irregular past and past-participle forms of the verbs the lexicon uses
_IRREGULAR_PAST = {
    "beat": ["beat", "beaten"],
    "break": ["broke", "broken"],
    "burn": ["burned", "burnt"],
    "do": ["did", "done"],
    "fight": ["fought"],
    "get": ["got", "gotten"],
    "give": ["gave", "given"],
    "keep": ["kept"],
    "knock": ["knocked"],
    "lose": ["lost"],
    "melt": ["melted", "molten"],
    "overcome": ["overcame", "overcome"],
    "put": ["put"],
    "shed": ["shed"],
    "shrink": ["shrank", "shrunk", "shrunken"],
    "take": ["took", "taken"],
    "undo": ["undid", "undone"],
}


def _past(word: str) -> list[str]:
    """Past and past-participle forms of a verb ("stop" -> "stopped", "wipe" -> "wiped")."""
    w = word.lower()
    if w in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[w]
    if w.endswith("e"):
        return [w + "d"]
    if re.search(r"[^aeiou]y$", w):
        return [w[:-1] + "ied"]
    # one-syllable consonant-vowel-consonant verbs double the consonant: stop, trim, strip, zap
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", w):
        return [w + w[-1] + "ed"]
    return [w + "ed"]


def _verb_trie(lemmas: list[str], forms_of: str = "") -> str:
    """Verb lemmas as a regex: every form, or only the 3rd-person (``s``) or past (``pp``) ones."""
    trie = _Trie()
    for lemma in lemmas:
        first, _, rest = _norm(lemma).partition(" ")
        if not first:
            continue
        if forms_of == "pp":
            forms = _past(first)
        elif forms_of == "s":
            forms = _inflect(first)[1:2]
        else:
            forms = _inflect(first)
        for form in forms:
            trie.add(form + (" " + rest.lower() if rest else ""), "")
    return "(?:" + trie.regex() + ")"


def _include_peers(lists: dict[str, list[str]], kind: str) -> None:
    """Replace each ``"@name"`` item with the items of list ``name`` (of the same kind), in place."""

    def items(name: str, seen: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for item in lists[name]:
            if item.startswith("@"):
                peer = item[1:]
                if peer not in lists:
                    raise ConfigError(
                        f"{lexicon_path()}: {kind}.{name}: unknown peer list '{item}'"
                    )
                if peer in seen:
                    raise ConfigError(f"{lexicon_path()}: {kind}.{name}: '{item}' includes itself")
                out += items(peer, (*seen, peer))
            else:
                out.append(item)
        return out

    resolved = {name: items(name, (name,)) for name in lists}
    lists.update(resolved)


@dataclass
class Pattern:
    id: str
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    unless_clause: re.Pattern[str] | None = None
    # the source the screen is built from: every term list replaced by any run of words
    screen_src: str = ""
    needs: str | None = None  # a term list that must occur in the sentence
    needs_near: str | None = None  # a term list that must occur within a few words after
    gut_check: int | None = None


@dataclass
class Detector:
    key: str
    hedges: str  # "all" | "strong" | "none"
    patterns: list[Pattern]
    medical_context: bool = False
    label: str = ""
    criterion: str = ""
    advice: str = ""


@dataclass
class Lexicon:
    """Everything the detector needs, compiled."""

    settings: dict[str, Any]
    term_res: _TermRes
    context: dict[str, list[re.Pattern[str]]]
    question: re.Pattern[str]
    question_open: re.Pattern[str]
    dshea_evaluated: re.Pattern[str]
    dshea_intended: re.Pattern[str]
    dshea_partial: re.Pattern[str]
    dshea_taken: re.Pattern[str]
    dshea_brand: re.Pattern[str]
    dshea_not_ingested: re.Pattern[str]
    medical_metaphor: re.Pattern[str]
    detectors: dict[str, Detector]
    priority: list[str]
    supersedes: dict[str, list[str]]
    # "detector.pattern" -> detectors whose claims inside its complement it stands for
    frames: dict[str, list[str]]
    coexist: frozenset[tuple[str, str]]  # detector pairs both reported when they overlap
    # a pair's condition: the detector whose words must match, and the regex they must match
    coexist_if: dict[tuple[str, str], tuple[str, re.Pattern[str]]]
    rewrites: list[tuple[re.Pattern[str], str]]
    rate: re.Pattern[str]
    terms: dict[str, list[str]] = field(default_factory=dict)
    # RE2 sets screening a sentence for the patterns that can match it (None: run them all)
    pattern_screen: Screen | None = None  # every detector pattern in order, then ``rate``
    context_screen: Screen | None = None  # every context regex, list by list
    context_ids: dict[str, list[int]] = field(default_factory=dict)  # list -> screen indices
    context_owner: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)  # by index
    flat: list[tuple[str, Detector, Pattern]] = field(init=False)  # (key, detector, pattern)
    rate_id: int = field(init=False)  # the index of ``rate`` in ``pattern_screen``
    block_screen: Screen | None = None  # the patterns relaxed: may a block hold any claim?
    topic_screen: Any = None  # RE2: where supplement_strong or supplement_weak may match
    memo: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-process memo tables
    # the pattern screen's sources until it is built (see ``screen_after``); None once built
    screen_sources: list[str] | None = None
    screen_countdown: int = 0  # sentences still analysed without the screen

    def tick_screen(self) -> Screen | None:
        """Count one sentence analysed without the pattern screen; build it when it pays.

        The screen takes about 0.3 s to compile and saves about 0.35 ms a sentence: a file or
        two (a pre-commit run) is faster without it, a site much faster with it. Results are
        the same either way (the screen only skips patterns that cannot match).
        """
        self.screen_countdown -= 1
        if self.screen_countdown <= 0:
            self.build_screens()
        return self.pattern_screen

    def build_screens(self) -> None:
        """Build the pattern screen now (once)."""
        if self.screen_sources is not None:
            sources, self.screen_sources = self.screen_sources, None
            self.block_screen = build_screen([(src, False) for src in sources])
            self.pattern_screen = self.block_screen

    def __post_init__(self) -> None:
        self.flat = [(k, d, p) for k, d in self.detectors.items() for p in d.patterns]
        self.rate_id = len(self.flat)


class _TermRes(dict[str, re.Pattern[str]]):
    """Term-list regexes, compiled on first use: most lists are only ever used inside patterns."""

    def __init__(self, sources: dict[str, str]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, name: str) -> re.Pattern[str]:
        got = self[name] = _compile(self._sources[name], f"terms.{name}")
        return got


# any run of words: what the screen sees for a term list (see ``build_lexicon``)
_ANY_PHRASE = r"(?:[\w'’/@-]+(?:\s+[\w'’/@-]+)*)"
_LOOKAROUND = re.compile(r"\(\?<?[=!]")


def _compile(src: str, where: str, fast: bool = False) -> re.Pattern[str]:
    """Compile with ``re`` (checking the syntax); with ``fast``, use RE2 when the pattern allows.

    RE2 scans a sentence about twice as fast as ``re`` for these large alternations; patterns
    with lookarounds, which RE2 lacks, stay on ``re``. A pattern RE2 takes is not also compiled
    with ``re``: for the lexicon's trie-sized alternations that would double start-up time.
    """
    if fast and not _LOOKAROUND.search(src):
        try:
            import re2

            return re2.compile("(?i)" + src)  # type: ignore[no-any-return]
        except Exception:  # any RE2 refusal: use re, which reports real syntax errors
            pass
    try:
        return re.compile(src, _FLAGS)
    except re.error as exc:
        raise ConfigError(f"{lexicon_path()}: {where}: invalid regular expression: {exc}") from None


_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "a single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip


def number_value(word: str | None) -> float | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w in _NUM_WORDS:
        return float(_NUM_WORDS[w])
    try:
        return float(w.replace(",", ""))
    except ValueError:
        return None


def _rate_regex(lose: str) -> str:
    num = r"\d+(?:\.\d+)?|" + "|".join(
        sorted((re.escape(k) for k in _NUM_WORDS), key=len, reverse=True)
    )
    return (
        rf"\b(?:{lose}|lost|losing|dropped|shed)\s+"
        r"(?:up\s+to\s+|over\s+|more\s+than\s+|as\s+much\s+as\s+|an\s+(?:average|extra)\s+of\s+|at\s+least\s+)?"
        rf"(?P<n1>{num})(?:\s*(?:-|–|to)\s*(?P<n2>\d+(?:\.\d+)?))?\s*"
        r"(?P<unit>pounds?|lbs?|kg|kilos?|kilograms?|stones?|st)\b"
        r"(?:\s+(?:of\s+)?(?:fat|weight|body\s+fat|excess\s+weight))?\s+"
        r"(?:(?:a|an|per|each|every|in|within|over|inside)(?:\s+(?:just|only|the\s+first|the\s+next|your\s+first|under))?\s+)"
        rf"(?:(?P<d>\d+|{num})[\s-]+)?(?P<period>days?|weeks?|fortnights?|months?)\b"
    )


def build_lexicon(
    extra: dict[str, list[str]] | None = None, settings: dict[str, Any] | None = None
) -> Lexicon:
    """Compile the lexicon, with ``extra`` items appended to the named lists."""
    raw = _raw()
    extra = extra or {}
    terms: dict[str, list[str]] = {
        k: [str(x) for x in v] for k, v in (raw.get("terms") or {}).items()
    }
    verbs: dict[str, list[str]] = {
        k: [str(x) for x in v] for k, v in (raw.get("verbs") or {}).items()
    }
    context_raw: dict[str, Any] = dict(raw.get("context") or {})
    for name, items in extra.items():
        if name in terms:
            terms[name] = terms[name] + list(items)
        elif name in verbs:
            verbs[name] = verbs[name] + list(items)
        elif name in _CONTEXT_LISTS:
            context_raw[name] = list(context_raw.get(name, [])) + list(items)
        elif name in ("hype_extra", "absolute_extra"):
            terms[name] = terms.get(name, []) + list(items)
        else:
            known = sorted([*terms, *verbs, *_CONTEXT_LISTS, "hype_extra", "absolute_extra"])
            raise ConfigError(f"unknown claims lexicon list '{name}' (known: {', '.join(known)})")
    _include_peers(terms, "terms")
    _include_peers(verbs, "verbs")
    expansions: dict[str, str] = {}
    for name, items in terms.items():
        expansions[name] = _term_trie(items)
    for name, items in verbs.items():
        expansions[name] = _verb_trie(items)
        expansions[name + ":s"] = _verb_trie(items, "s")
        expansions[name + ":pp"] = _verb_trie(items, "pp")

    # The screen sees each term list as any run of words: a necessary condition for the list
    # (every item is words of letters, digits, apostrophes, slashes and hyphens), and the set
    # compiles in a fraction of the time the lists' alternations, repeated across patterns, take.
    skeleton = dict(expansions)
    for name in terms:
        skeleton[name] = _ANY_PHRASE

    def screen_source(src: str) -> str:
        return _PLACEHOLDER.sub(lambda m: skeleton.get(m.group(1), "(?!)"), src)

    def expand(src: str, where: str) -> re.Pattern[str]:
        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in expansions:
                raise ConfigError(f"{lexicon_path()}: {where}: unknown list {{{m.group(1)}}}")
            return expansions[m.group(1)]

        return _compile(_PLACEHOLDER.sub(sub, src), where, fast=True)

    merged_settings = dict(raw.get("settings") or {})
    merged_settings.update(settings or {})
    context: dict[str, list[re.Pattern[str]]] = {}
    for name in _CONTEXT_LISTS:
        items = [str(p) for p in context_raw.get(name, [])]
        # one regex per item: each keeps re's fast literal-prefix scan (a combined one is slower)
        context[name] = [expand(p, f"context.{name}[{i}]") for i, p in enumerate(items)]
    detectors: dict[str, Detector] = {}
    labels = raw.get("labels") or {}
    for key, spec in (raw.get("detectors") or {}).items():
        info = labels.get(key) or {}
        pats = []
        for i, p in enumerate(spec.get("patterns", [])):
            where = f"detectors.{key}.patterns[{i}]"
            pats.append(
                Pattern(
                    id=p.get("id", str(i)),
                    regex=expand(p["re"], where),
                    screen_src=screen_source(p["re"]),
                    unless=expand(p["unless"], where + ".unless") if p.get("unless") else None,
                    unless_clause=expand(p["unless_clause"], where)
                    if p.get("unless_clause")
                    else None,
                    needs=p.get("needs"),
                    needs_near=p.get("needs_near"),
                    gut_check=p.get("gut_check"),
                )
            )
        if key == "hype" and terms.get("hype_extra"):
            pats.append(
                Pattern("extra", expand(r"\b{hype_extra}\b", "hype_extra"), screen_src=_ANY_PHRASE)
            )
        if key == "absolute" and terms.get("absolute_extra"):
            pats.append(
                Pattern(
                    "extra",
                    expand(r"\b{absolute_extra}\b", "absolute_extra"),
                    screen_src=_ANY_PHRASE,
                )
            )
        detectors[key] = Detector(
            key=key,
            hedges=spec.get("hedges", "all"),
            patterns=pats,
            medical_context=bool(spec.get("medical_context")),
            label=info.get("label", key),
            criterion=info.get("criterion", ""),
            advice=info.get("advice", ""),
        )
    coexist_if: dict[tuple[str, str], tuple[str, re.Pattern[str]]] = {}
    for i, pair in enumerate(raw.get("coexist") or []):
        if len(pair) > 2:
            cond = (str(pair[0]), expand(r"\b{" + str(pair[2]) + r"}\b", f"coexist[{i}]"))
            coexist_if[(str(pair[0]), str(pair[1]))] = cond
            coexist_if[(str(pair[1]), str(pair[0]))] = cond
    term_res = _TermRes({name: r"\b" + expansions[name] + r"\b" for name in terms})
    rewrites = [(_compile(a, "rewrites"), b) for a, b in raw.get("rewrites", [])]
    lex = Lexicon(
        settings=merged_settings,
        term_res=term_res,
        context=context,
        question=_compile(context_raw.get("question", r"\?\s*$"), "context.question"),
        question_open=_compile(context_raw.get("question_open", r"(?!)"), "context.question_open"),
        dshea_evaluated=_compile(context_raw["dshea_evaluated"], "context.dshea_evaluated"),
        dshea_intended=_compile(context_raw["dshea_intended"], "context.dshea_intended"),
        dshea_partial=_compile(context_raw["dshea_partial"], "context.dshea_partial"),
        dshea_taken=_compile(context_raw.get("dshea_taken", "(?!)"), "context.dshea_taken"),
        dshea_brand=_compile(context_raw.get("dshea_brand", "(?!)"), "context.dshea_brand"),
        dshea_not_ingested=_compile(
            context_raw.get("dshea_not_ingested", "(?!)"), "context.dshea_not_ingested"
        ),
        medical_metaphor=_compile(
            context_raw.get("medical_metaphor", "(?!)"), "context.medical_metaphor"
        ),
        detectors=detectors,
        priority=list(raw.get("priority", [])),
        supersedes={k: list(v) for k, v in (raw.get("supersedes") or {}).items()},
        frames={k: list(v) for k, v in (raw.get("frames") or {}).items()},
        coexist=frozenset(
            (str(a), str(b))
            for pair in raw.get("coexist") or []
            for a, b in ((pair[0], pair[1]), (pair[1], pair[0]))
        ),
        coexist_if=coexist_if,
        rewrites=rewrites,
        rate=_compile(_rate_regex(expansions["lose"]), "rate"),
        terms=terms,
    )
    _add_screens(lex)
    return lex


def _source(p: re.Pattern[str]) -> tuple[str, bool]:
    """A compiled pattern's source for a screen, and whether the detector runs it with RE2."""
    if isinstance(p, re.Pattern):
        return p.pattern, False
    src: str = p.pattern
    return src.removeprefix("(?i)"), True


def _add_screens(lex: Lexicon) -> None:
    pattern_sources = [p.screen_src or _source(p.regex)[0] for _k, _d, p in lex.flat]
    pattern_sources.append(_source(lex.rate)[0])
    # relaxed, so free of assertions: whatever matches in a sentence matches in its block. One
    # set serves both: relaxed, it is also a necessary condition for each sentence, and one set
    # compiles in half the time of two
    # built once SCREEN_AFTER sentences have been analysed without it (``Lexicon.tick_screen``)
    lex.screen_sources = pattern_sources
    lex.screen_countdown = SCREEN_AFTER
    sources: list[tuple[str, bool]] = []
    for name in _CONTEXT_LISTS:
        lex.context_ids[name] = list(range(len(sources), len(sources) + len(lex.context[name])))
        lex.context_owner += [(name, r) for r in lex.context[name]]
        sources += [_source(r) for r in lex.context[name]]
    lex.context_screen = build_screen(sources)
    lex.topic_screen = compile_relaxed(
        [lex.term_res._sources[n] for n in ("supplement_strong", "supplement_weak")]
    )


def _freeze(extra: dict[str, list[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items()))


@lru_cache(maxsize=32)
def _cached(
    extra: tuple[tuple[str, tuple[str, ...]], ...], settings: tuple[tuple[str, Any], ...]
) -> Lexicon:
    return build_lexicon({k: list(v) for k, v in extra}, dict(settings))


def load_lexicon(
    extra: dict[str, list[str]] | None = None, settings: dict[str, Any] | None = None
) -> Lexicon:
    """The compiled lexicon for these extensions; identical requests share one object.

    Settings equal to the lexicon's defaults are dropped, so a rule that restates a default
    (CLM005's ``max-lb-per-week: 2``) shares the lexicon, and so the per-document analysis.
    """
    defaults = _raw().get("settings") or {}
    changed = {k: v for k, v in (settings or {}).items() if k not in defaults or defaults[k] != v}
    return _cached(_freeze(extra), tuple(sorted(changed.items())))
