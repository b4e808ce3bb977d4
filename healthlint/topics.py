"""Explainable topic detection: is this page about a treatment, a medicine, a condition…?

Rules that only make sense for some pages (ask for side effects only on a treatment page) ask
:func:`detect_topics`. The lexicon is data (``rules/lexicons/topics.yml``), and every detected
:class:`Topic` keeps the words that triggered it, so a finding can say *why* it applies.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from healthlint.document import Document, Span
from healthlint.registry import OptionsError


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    label: str
    min_mentions: int
    regex: re.Pattern[str]  # terms and patterns in one alternation: the reference semantics
    terms_rx: re.Pattern[str] | None = None  # the terms alternative alone
    patterns_rx: re.Pattern[str] | None = None  # the pattern alternatives alone
    heads: tuple[str, ...] | None = None  # folded first words of the terms; None: no fast path
    term_parts: tuple[tuple[str, str], ...] = ()  # (folded first word, regex) per term, in order


@dataclass(frozen=True, slots=True)
class TopicLexicon:
    specs: tuple[TopicSpec, ...]
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # a key of per-document caches and lru_caches: hash the specs (their regexes) once
        object.__setattr__(self, "_hash", hash(self.specs))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[TopicLexicon], tuple[tuple[TopicSpec, ...]]]:
        return TopicLexicon, (self.specs,)  # string hashes differ between processes

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
    """One regex: whole-word terms (longest first) or patterns; bad patterns raise OptionsError."""
    return _compile_parts(terms, patterns, where)[0]


def _compile_parts(
    terms: list[str], patterns: list[str], where: str
) -> tuple[
    re.Pattern[str],
    re.Pattern[str] | None,
    re.Pattern[str] | None,
    tuple[str, ...] | None,
    tuple[tuple[str, str], ...],
]:
    """The topic regex, its terms and patterns parts apart, and the terms' folded first words.

    The word-start check comes before the alternation so that positions inside words are
    rejected at once. The parts let :func:`detect_topics` try the terms only where a term's
    first word starts (see :class:`TextIndex`) and the patterns only in blocks holding their
    literals, with the same matches as the whole regex.
    """
    alts = []
    kept = [t.strip() for t in sorted(set(terms), key=len, reverse=True) if t.strip()]
    words = [term_regex(t) for t in kept]
    terms_src = r"(?<![\w\-])(?:" + "|".join(words) + r")(?!\w)" if words else None
    if terms_src:
        alts.append(terms_src)
    pat_alts = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise OptionsError(f"{where}: invalid regular expression {p!r}: {exc}") from None
        pat_alts.append(f"(?:{p})")
    alts += pat_alts
    if not alts:
        return re.compile(r"(?!x)x"), None, None, (), ()
    whole = re.compile("|".join(alts), re.IGNORECASE)
    terms_rx = re.compile(terms_src, re.IGNORECASE) if terms_src else None
    pats_rx = re.compile("|".join(pat_alts), re.IGNORECASE) if pat_alts else None
    firsts = [t.removesuffix("*").split()[:1] for t in kept]
    heads: tuple[str, ...] | None = tuple(sorted({fold(f[0]) for f in firsts if f}))
    if not all(firsts):
        heads = None  # a term without words ("*"): no first word to look for
    if pats_rx is not None and _min_width(pats_rx) == 0:
        heads = None  # a pattern can match the empty string: keep the plain finditer
    parts = tuple((fold(f[0]) if f else "", w) for f, w in zip(firsts, words, strict=True))
    return whole, terms_rx, pats_rx, heads, parts


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
            TopicSpec(name, label, minimum, *_compile_parts(terms, patterns, f"topic '{name}'"))
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


# --- fast matching ----------------------------------------------------------------------------
#
# Scanning every block with every regex costs Python's ``re`` tens of nanoseconds per character
# and pattern. Instead, each document's text is case-folded once (:class:`TextIndex`), and a
# regex is only run on the blocks that contain one of the literals every match must contain
# (:func:`required_literals`). Matches are the very ones the plain scan finds: the literals are a
# necessary condition, never a heuristic.


def _fold_tables() -> tuple[dict[int, str], re.Pattern[str] | None]:
    """Characters ``str.lower`` leaves unlike ``re``'s IGNORECASE, mapped to one representative."""
    try:
        from re._casefix import _EXTRA_CASES as extra  # Python >= 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        try:
            from sre_compile import _ignorecase_fixes as extra  # type: ignore[attr-defined]
        except ImportError:
            return {}, None
    table: dict[int, str] = {}
    for k, v in extra.items():
        canon = min((k, *v))
        for c in (k, *v):
            if c != canon:
                table[c] = chr(canon)
    if not table:
        return {}, None
    return table, re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")


_FOLD_TABLE, _FOLD_NEEDED = _fold_tables()


def fold(text: str) -> str:
    """A one-to-one case fold: ``re`` with IGNORECASE matches ``c`` at ``x`` only if
    ``fold(c) == fold(x)``, so a literal a match must contain is in the folded text too.

    ``str.lower`` alone is not enough: it turns 'İ' into two characters and leaves 'ſ' and 'ı',
    which IGNORECASE equates with 's' and 'i'.
    """
    if text.isascii():
        return text.lower()
    out = text.replace("\u0130", "i").lower()
    if _FOLD_NEEDED is not None and _FOLD_NEEDED.search(out):
        out = out.translate(_FOLD_TABLE)
    return out


def _parser() -> Any:
    try:
        from re import _parser as parser  # Python >= 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser
    return parser


def _min_width(rx: re.Pattern[str]) -> int:
    try:
        return int(_parser().parse(rx.pattern, rx.flags).getwidth()[0])
    except Exception:
        return 0


_REQ_CACHE: dict[tuple[str, int, bool], tuple[tuple[str, ...], ...]] = {}


def required_literals(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings one of which every match of ``rx`` contains; None when there are none."""
    clauses = required_clauses(rx)
    return clauses[0] if clauses else None


def required_clauses(rx: re.Pattern[str], spaces: bool = False) -> tuple[tuple[str, ...], ...]:
    """Groups of folded strings such that every match of ``rx`` contains one string of each group.

    Read from the parsed pattern: a run of literal characters in a sequence is required, a
    branch requires one of its branches' literals, a repeat of at least one its body's. Anything
    else (classes, lookarounds, optional parts) only ends a run, so the answer is always safe.
    The most selective group comes first, then at most two small ones. With ``spaces`` (for
    text whose only white space is single plain spaces) ``\\s`` and ``\\s+`` read as one space.
    """
    key = (rx.pattern, rx.flags, spaces)
    if key not in _REQ_CACHE:
        try:
            parsed = _parser().parse(rx.pattern, rx.flags)
            clauses = sorted(
                {c for c in _seq_clauses(list(parsed), spaces) if c and all(c)}, key=_selectivity
            )
            # further groups are checked block by block: only small ones pay for themselves
            _REQ_CACHE[key] = tuple(clauses[:1] + [c for c in clauses[1:] if len(c) <= 8][:2])
        except Exception:
            _REQ_CACHE[key] = ()
    return _REQ_CACHE[key]


def _selectivity(clause: tuple[str, ...]) -> tuple[int, int, tuple[str, ...]]:
    """Sort key, most selective first: longest shortest literal, then fewest alternatives."""
    return (-min(map(len, clause)), len(clause), clause)


def _seq_clauses(items: list[Any], spaces: bool) -> list[tuple[str, ...]]:
    sre = _parser()  # re's parser module re-exports the opcodes
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
    LITERAL, SUBPATTERN, BRANCH, IN = sre.LITERAL, sre.SUBPATTERN, sre.BRANCH, sre.IN
    space = [(IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]
    clauses: list[tuple[str, ...]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            clauses.append((fold("".join(run)),))
            run.clear()

    for op, av in items:
        if op is LITERAL:
            run.append(chr(av))
            continue
        if spaces and [(op, av)] == space:
            run.append(" ")
            continue
        if spaces and op in repeats and av[0] >= 1 and list(av[2]) == space:
            run.append(" " * av[0])  # white space comes one space at a time
            continue
        flush()
        if op is SUBPATTERN:
            clauses.extend(_seq_clauses(list(av[-1]), spaces))
        elif op is BRANCH:
            alts: set[str] = set()
            for alt in av[1]:
                usable = [c for c in _seq_clauses(list(alt), spaces) if c and all(c)]
                if not usable:
                    break
                alts.update(min(usable, key=_selectivity))
            else:
                clauses.append(tuple(sorted(alts)))
        elif op in repeats and av[0] >= 1:
            clauses.extend(_seq_clauses(list(av[2]), spaces))
    flush()
    return clauses


_ODD_SPACE = re.compile(r"[^\S \n]")


class TextIndex:
    """A document's block texts, case-folded and joined once, to find blocks by literal.

    ``folded`` is a newline, then each block's folded text followed by a newline; block ``i``
    starts at ``starts[i]``.
    """

    __slots__ = ("_lit", "blocks", "folded", "spaces", "starts")

    def __init__(self, blocks: list[Any], text: str | None = None) -> None:
        """``text``: the blocks' texts joined by newlines, when already at hand."""
        self.blocks = blocks
        starts = []
        pos = 1
        for b in blocks:
            starts.append(pos)
            pos += len(b.text) + 1
        self.starts = starts
        if text is None:
            text = "\n".join(b.text for b in blocks)
        self.folded = fold("\n" + text + "\n")
        self._lit: dict[str, frozenset[int]] = {}
        f = self.folded
        # white space only as single plain spaces (loaders collapse it): then "\\s+" is " "
        self.spaces = (
            f.count("\n") == len(blocks) + 1 and "  " not in f and _ODD_SPACE.search(f) is None
        )

    @classmethod
    def of(cls, doc: Document) -> TextIndex:
        """The document's index over all its blocks (page chrome included), built once."""
        idx = doc.cache.get("text-index")
        if idx is None:
            idx = doc.cache["text-index"] = cls(doc.blocks, doc.page_text)
        return idx

    def blocks_with(self, literal: str) -> frozenset[int]:
        """Indexes of the blocks whose folded text contains ``literal`` (already folded)."""
        found = self._lit.get(literal)
        if found is None:
            out = set()
            folded, starts, find = self.folded, self.starts, self.folded.find
            i = find(literal)
            n = len(starts)
            while i != -1:
                k = bisect.bisect_right(starts, i) - 1
                if k >= 0:
                    out.add(k)
                nxt = starts[k + 1] if k + 1 < n else len(folded)
                i = find(literal, max(nxt, i + 1))
            found = self._lit[literal] = frozenset(out)
        return found

    def candidates(self, rx: re.Pattern[str]) -> list[int]:
        """Indexes (in order) of the blocks where ``rx`` may match; the others cannot match."""
        clauses = required_clauses(rx, self.spaces)
        if not clauses:
            return list(range(len(self.blocks)))
        out: set[int] = set()
        for lit in clauses[0]:
            out |= self.blocks_with(lit)
        if len(clauses) > 1 and out:
            # the other groups: look inside the few candidate blocks rather than the whole page
            find, starts, blocks = self.folded.find, self.starts, self.blocks
            out = {
                k
                for k in out
                if all(
                    any(find(lit, starts[k], starts[k] + len(blocks[k].text)) != -1 for lit in c)
                    for c in clauses[1:]
                )
            }
        return sorted(out)

    def search_any(self, patterns: Iterable[re.Pattern[str]]) -> bool:
        """Whether any pattern matches in any block (``rx.search(block.text)``)."""
        blocks = self.blocks
        for rx in patterns:
            for k in self.candidates(rx):
                if rx.search(blocks[k].text):
                    return True
        return False

    def finditer(
        self, patterns: Iterable[re.Pattern[str]], blocks: set[int] | None = None
    ) -> Iterator[tuple[int, int, re.Match[str]]]:
        """``(block, pattern, match)`` for every block (in order), pattern, then match.

        The same sequence as the nested loops over all blocks, patterns and ``finditer``.
        """
        pats = list(patterns)
        per = [set(self.candidates(rx)) for rx in pats]
        union = sorted(set().union(*per)) if per else []
        for k in union:
            if blocks is not None and k not in blocks:
                continue
            text = self.blocks[k].text
            for j, rx in enumerate(pats):
                if k in per[j]:
                    for m in rx.finditer(text):
                        yield k, j, m


def _trie(words: Iterable[str]) -> str:
    """A regex matching any string that starts with one of ``words`` (factored by prefix)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a shorter word already matches: the rest adds nothing
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root) if root else "(?!x)x"


@lru_cache(maxsize=16)
def _head_scanner(lexicon: TopicLexicon) -> re.Pattern[str] | None:
    """Finds, in folded text, word starts where some term's first word begins; captures the word.

    A term can only match where the character before is not a word character or '-', so the
    scanner consumes that character (a class ``re`` skips quickly) instead of testing every
    position; the index text starts with a newline for the first block.
    """
    heads = set()
    for spec in lexicon.specs:
        if spec.heads is None:
            return None
        heads.update(spec.heads)
    if not heads:
        return None
    word_start = all(re.match(r"\w", h) for h in heads)
    before = r"[^\w\-]" if word_start else r"(?<![\w\-])"
    return re.compile(before + "(?=" + _trie(sorted(heads)) + r")(\w*)")


@dataclass(slots=True)
class _HeadIndex:
    """Where each folded first word occurs among a lexicon's terms, for :func:`_topics_for`."""

    terms_of: dict[str, list[tuple[int, int]]]  # head -> (topic, term) pairs
    heads_from: dict[str, list[str]]  # a prefix of heads -> the heads it begins
    lengths: tuple[int, ...]  # head lengths
    memo: dict[Any, Any]


@lru_cache(maxsize=16)
def _head_index(lexicon: TopicLexicon) -> _HeadIndex:
    terms_of: dict[str, list[tuple[int, int]]] = {}
    for i, spec in enumerate(lexicon.specs):
        for j, (h, _) in enumerate(spec.term_parts):
            terms_of.setdefault(h, []).append((i, j))
    heads_from: dict[str, list[str]] = {}
    for h in terms_of:
        for n in range(1, len(h) + 1):
            heads_from.setdefault(h[:n], []).append(h)
    return _HeadIndex(terms_of, heads_from, tuple(sorted({len(h) for h in terms_of})), {})


def _topics_for(hx: _HeadIndex, lexicon: TopicLexicon, token: str) -> tuple[Any, ...]:
    """The topics whose terms may start where text starts with the word ``token``, each with a
    regex of just those terms (in their order, so it matches there exactly as the full one).

    A term may start there if its first word begins with ``token`` or ``token`` with it.
    """
    memo = hx.memo
    hit = memo.get(token)
    if hit is None:
        heads = set(hx.heads_from.get(token, ()))
        heads.update(token[:n] for n in hx.lengths if n < len(token) and token[:n] in hx.terms_of)
        if "" in hx.terms_of:
            heads.add("")
        per: dict[int, list[int]] = {}
        for h in heads:
            for i, j in hx.terms_of[h]:
                per.setdefault(i, []).append(j)
        found = []
        for i in sorted(per):
            keep = tuple(sorted(per[i]))
            rx = memo.get((i, keep))
            if rx is None:
                spec = lexicon.specs[i]
                body = "|".join(spec.term_parts[j][1] for j in keep)
                rx = re.compile(r"(?<![\w\-])(?:" + body + r")(?!\w)", re.IGNORECASE)
                memo[(i, keep)] = rx
            found.append((i, rx))
        hit = tuple(found)
        if len(memo) > 100_000:
            memo.clear()
        memo[token] = hit
    return hit


def _merged_matches(
    text: str,
    starts: list[tuple[int, re.Pattern[str]]],
    pats_rx: re.Pattern[str] | None,
) -> Iterator[re.Match[str]]:
    """``(terms|patterns).finditer(text)`` given every position where the terms may match,
    with a regex of the terms that may match there.

    At each position the whole regex tries the terms first, then the patterns; so the next
    match is the earliest of the next terms match and the next patterns match, terms first.
    A cached next match stays valid while it starts at or after the current position.
    """
    pos = 0
    ai = 0
    n = len(starts)
    ma: re.Match[str] | None = None
    mb: re.Match[str] | None = None
    a_live = n > 0
    b_live = pats_rx is not None
    while True:
        if a_live and (ma is None or ma.start() < pos):
            ma = None
            while ai < n:
                c, terms_rx = starts[ai]
                ai += 1
                if c >= pos:
                    ma = terms_rx.match(text, c)
                    if ma is not None:
                        break
            a_live = ma is not None
        if b_live and (mb is None or mb.start() < pos):
            mb = pats_rx.search(text, pos)  # type: ignore[union-attr]
            b_live = mb is not None
        if a_live and (not b_live or ma.start() <= mb.start()):  # type: ignore[union-attr]
            m = ma
        elif b_live:
            m = mb
        else:
            return
        yield m  # type: ignore[misc]
        pos = m.end()  # type: ignore[union-attr]


_WS = re.compile(r"\s+")


def detect_topics(doc: Document, lexicon: TopicLexicon) -> dict[str, Topic]:
    """Topics of the page's main content that reach their threshold, keyed by name (cached)."""
    key = ("topics", lexicon)
    cached = doc.cache.get(key)
    if cached is not None:
        return cached
    main = [b for b in doc.blocks if b.in_main]
    scope = main or doc.blocks
    per_topic = _topic_matches(doc, lexicon, scope)
    found: dict[str, Topic] = {}
    words: dict[str, str] = {}
    for spec, matches in zip(lexicon.specs, per_topic, strict=True):
        counts: dict[str, int] = {}
        first: dict[str, Span] = {}
        total = 0
        for b, m in matches:
            g = m.group()
            word = words.get(g)
            if word is None:
                word = words[g] = _WS.sub(" ", g.lower())
            total += 1
            if word in counts:
                counts[word] += 1
            else:
                counts[word] = 1
                first[word] = b.span(m.start(), m.end())
        if total >= spec.min_mentions:
            order = sorted(counts, key=lambda w: (-counts[w], first[w]))
            triggers = tuple(Trigger(w, counts[w], first[w]) for w in order)
            found[spec.name] = Topic(spec.name, spec.label, total, triggers)
    doc.cache[key] = found
    return found


def _topic_matches(
    doc: Document, lexicon: TopicLexicon, scope: list[Any]
) -> list[list[tuple[Any, re.Match[str]]]]:
    """Per topic, ``(block, match)`` for ``spec.regex.finditer`` over the blocks in scope."""
    scanner = _head_scanner(lexicon)
    if scanner is None:
        return [
            [(b, m) for b in scope for m in spec.regex.finditer(b.text)] for spec in lexicon.specs
        ]
    idx = TextIndex.of(doc)
    pos_of = {id(b): i for i, b in enumerate(idx.blocks)}
    in_scope = {pos_of[id(b)] for b in scope}
    n = len(lexicon.specs)
    # per topic: block index -> term start positions (block offsets), in order
    starts: list[dict[int, list[tuple[int, re.Pattern[str]]]]] = [{} for _ in range(n)]
    bstarts = idx.starts
    k = 0
    nb = len(bstarts)
    hx = _head_index(lexicon)
    for m in scanner.finditer(idx.folded):
        p = m.start(1)
        while k + 1 < nb and bstarts[k + 1] <= p:
            k += 1
        if k not in in_scope or p - bstarts[k] >= len(idx.blocks[k].text):
            continue
        for t, rx in _topics_for(hx, lexicon, m.group(1)):
            starts[t].setdefault(k, []).append((p - bstarts[k], rx))
    out: list[list[tuple[Any, re.Match[str]]]] = []
    for t, spec in enumerate(lexicon.specs):
        term_starts = starts[t]
        pat_blocks: set[int] = set()
        if spec.patterns_rx is not None:
            pat_blocks = {k for k in idx.candidates(spec.patterns_rx) if k in in_scope}
        found: list[tuple[Any, re.Match[str]]] = []
        for k in sorted(pat_blocks.union(term_starts)):
            b = idx.blocks[k]
            if k not in pat_blocks:
                # terms only: their matches never overlap the next start, so no merging needed
                pos = 0
                for c, rx in term_starts[k]:
                    if c >= pos:
                        m = rx.match(b.text, c)
                        if m is not None:
                            found.append((b, m))
                            pos = m.end()
                continue
            pats = spec.patterns_rx
            for m in _merged_matches(b.text, term_starts.get(k, []), pats):
                found.append((b, m))
        out.append(found)
    return out
