"""Sentence-level claim detection with NegEx-style negation scopes, hedges and attribution.

A candidate claim (a lexicon pattern match) is dropped when it is inside the scope of a
negation trigger, when its clause carries a hedge the detector respects, when the sentence is a
question or carries an evidence caveat, or when it is a risk statement. Claims the writer
attributes to others are kept and marked ``attributed``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from healthlint.claims.lexicon import Lexicon, number_value

_WORD = re.compile(r"\S+")
_NEG_LEAD = re.compile(r"(?:no|zero|without|never|nothing)\b", re.IGNORECASE)
# quotation marks around a mentioned word: “…”, ‘…’, "…", and '…' when not an apostrophe
_OPEN_QUOTE = re.compile(r"[“‘\"]|(?<![\w’'])'(?=\w)")
_CLOSE_QUOTE = re.compile(r"[”’\"]|(?<=[\w.!,])'(?!\w)")
_MENTION_MAX_WORDS = 6
_LB_PER = {
    "pound": 1.0,
    "lb": 1.0,
    "kg": 2.2046,
    "kilo": 2.2046,
    "kilogram": 2.2046,
    "stone": 14.0,
    "st": 14.0,
}
_WEEKS = {"day": 1 / 7, "week": 1.0, "fortnight": 2.0, "month": 4.345}


@dataclass(slots=True)
class Claim:
    """A claim found in a piece of text; offsets index that text."""

    detector: str
    start: int
    end: int
    text: str
    pattern: str
    attributed: bool = False
    detail: str = ""


def _screened(lex: Lexicon, name: str, hits: set[int] | None) -> list[re.Pattern[str]]:
    regs = lex.context[name]
    if hits is None:
        return regs
    return [r for r, i in zip(regs, lex.context_ids[name], strict=True) if i in hits]


def _by_list(lex: Lexicon, hits: set[int] | None) -> dict[str, list[re.Pattern[str]]] | None:
    """The screened context regexes grouped by list, in list order (None: no screen)."""
    if hits is None:
        return None
    out: dict[str, list[re.Pattern[str]]] = {}
    owner = lex.context_owner
    for i in sorted(hits):
        name, regex = owner[i]
        out.setdefault(name, []).append(regex)
    return out


class _Context:
    """Per-sentence positions of terminators, negation scopes, hedges and attributions."""

    def __init__(self, text: str, lex: Lexicon, hits: set[int] | None) -> None:
        self.text = text
        self._lex = lex
        self._by_list = _by_list(lex, hits)
        self._coords: list[int] | None = None
        self._finite: list[int] | None = None
        terms = sorted(
            (m.start(), m.end()) for r in self.regexes("terminators") for m in r.finditer(text)
        )
        self.term_starts = [s for s, _ in terms]
        self.term_ends = [e for _, e in terms]
        self.word_starts = [m.start() for m in _WORD.finditer(text)]
        pseudo = [
            (m.start(), m.end()) for r in self.regexes("pseudo_negation") for m in r.finditer(text)
        ]

        def free(s: int, e: int) -> bool:
            return not any(ps < e and s < pe for ps, pe in pseudo)

        win = int(lex.settings.get("negation_window", 10))
        back = int(lex.settings.get("post_negation_window", 14))
        self.neg_scopes: list[tuple[int, int, int]] = []  # (scope_start, scope_end, trigger_start)
        for r in self.regexes("negation_pre"):
            for m in r.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                end = min(self.clause_end(m.end()), self._word_offset(m.end(), win))
                self.neg_scopes.append((m.end(), self._coordination_end(m.end(), end), m.start()))
        self.post_scopes: list[tuple[int, int]] = []
        for r in self.regexes("negation_post"):
            for m in r.finditer(text):
                start = max(self.clause_start(m.start()), self._word_offset(m.start(), -back))
                self.post_scopes.append((start, m.start()))
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def _coordination_end(self, start: int, end: int) -> int:
        """Where "and" starts a new predicate inside a negation scope over a noun phrase."""
        if self._coords is None:
            self._coords = sorted(
                m.start()
                for r in self.regexes("negation_coordination")
                for m in r.finditer(self.text)
            )
        i = bisect.bisect_left(self._coords, start)
        if i == len(self._coords) or self._coords[i] >= end:
            return end
        cut = self._coords[i]
        if self._finite is None:
            self._finite = sorted(
                m.start() for r in self.regexes("finite_verb") for m in r.finditer(self.text)
            )
        j = bisect.bisect_left(self._finite, start)
        return cut if j == len(self._finite) or self._finite[j] >= cut else end

    @staticmethod
    def screen(text: str, lex: Lexicon) -> set[int] | None:
        """The context regexes that can match ``text`` (None: no screen, try them all)."""
        return None if lex.context_screen is None else lex.context_screen.candidates(text)

    @staticmethod
    def has_caveat(text: str, lex: Lexicon, hits: set[int] | None) -> bool:
        return any(r.search(text) for r in _screened(lex, "caveat", hits))

    def regexes(self, name: str) -> list[re.Pattern[str]]:
        """The regexes of a context list that the screen leaves, in list order."""
        if self._by_list is None:
            return self._lex.context[name]
        return self._by_list.get(name, [])

    def spans(self, name: str) -> list[tuple[int, int]]:
        """Matches of a context list (hedges, attribution, risk), computed on first use."""
        got = self._spans.get(name)
        if got is None:
            got = [(m.start(), m.end()) for r in self.regexes(name) for m in r.finditer(self.text)]
            self._spans[name] = got
        return got

    def _word_offset(self, pos: int, n: int) -> int:
        i = bisect.bisect_left(self.word_starts, pos)
        j = i + n
        if j >= len(self.word_starts):
            return len(self.text)
        return self.word_starts[max(j, 0)]

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.term_ends, pos) - 1
        return self.term_ends[i] if i >= 0 else 0

    def clause_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.term_starts, pos)
        return self.term_starts[i] if i < len(self.term_starts) else len(self.text)

    def negated(self, s: int, e: int) -> bool:
        """Whether a pre- or post-negation scope covers the match ``s:e``.

        A match that starts with its own negation word ("no risk") is not negated by the same
        word earlier in a list ("no downtime, no pain, no risk"): that is an enumeration.
        """
        lead = _NEG_LEAD.match(self.text, s)
        for a, b, t in self.neg_scopes:
            if a <= s < b:
                if lead is not None and self.text[t : t + len(lead.group())].lower() == (
                    lead.group().lower()
                ):
                    continue
                return True
        return any(a <= s and e <= b for a, b in self.post_scopes)

    def in_clause(self, name: str, s: int, e: int) -> bool:
        spans = self.spans(name)
        if not spans:
            return False
        cs, ce = self.clause_start(s), self.clause_end(e - 1 if e > s else e)
        return any(cs <= hs and he <= ce and (he <= s or hs >= e) for hs, he in spans)


def _mentioned(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """Whether the match is a word being mentioned, not used: short quoted words after a naming
    verb ("calling its pills ‘clinically proven’", "the word “miracle”"). Unquoted, the same
    words are an attributed claim ("the maker describes it as a miracle"), still reported."""
    opens = list(_OPEN_QUOTE.finditer(text, max(0, s - 60), s + 1))
    if not opens:
        return False
    q_start = opens[-1].end()
    if q_start > s:
        return False
    close = _CLOSE_QUOTE.search(text, e, min(len(text), e + 60))
    if close is None or _CLOSE_QUOTE.search(text, q_start, s) is not None:
        return False
    if len(text[q_start : close.start()].split()) > _MENTION_MAX_WORDS:
        return False
    before = text[max(0, opens[-1].start() - 50) : opens[-1].start()]
    return any(r.search(before) for r in lex.context["mention"])


def _in_disclaimer(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """Whether the match lies inside the DSHEA disclaimer itself ("This product is not intended
    to diagnose, treat, cure, or prevent any disease"), whichever sentence it stands in."""
    if "intended" not in text:
        return False
    return any(
        m.start() <= s and e <= m.end() for m in lex.dshea_intended.finditer(text, 0, len(text))
    )


def _medical_subject(text: str, s: int, lex: Lexicon) -> bool:
    """Whether a medical intervention or clinician is named before ``s`` as itself, not as a
    metaphor or a comparison ("nature's antibiotic", "better than antibiotics")."""
    for m in lex.term_res["medical_context"].finditer(text, 0, s):
        if not lex.medical_metaphor.search(text[max(0, m.start() - 40) : m.start()]):
            return True
    return False


def _harm_follows(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """A harm noun right after the match ("permanent ... scarring") makes it a risk statement;
    not after a promise of no harm ("zero risk of scarring")."""
    if _NEG_LEAD.match(text, s):
        return False
    m = lex.term_res["harm_noun"].search(text, e, min(len(text), e + 25))
    return m is not None and len(text[e : m.start()].split()) <= 1


def _rate_claims(text: str, lex: Lexicon, ctx: _Context) -> list[Claim]:
    out = []
    limit = float(lex.settings.get("max_lb_per_week", 2))
    for m in lex.rate.finditer(text):
        n = number_value(m.group("n2")) or number_value(m.group("n1"))
        unit = m.group("unit").lower().rstrip("s")
        period = m.group("period").lower().rstrip("s")
        count = number_value(m.group("d")) or 1.0
        if n is None:
            continue
        lb = n * _LB_PER.get(unit, 1.0)
        per_week = lb / (count * _WEEKS[period])
        if per_week <= limit or ctx.negated(m.start(), m.end()):
            continue
        out.append(
            Claim(
                "weight_gut_check",
                m.start(),
                m.end(),
                m.group(),
                "gc5-rate",
                ctx.in_clause("attribution", m.start(), m.end()),
                f"Gut Check 5: about {per_week:.1f} lb a week, above the {limit:g} lb a week that is realistic",
            )
        )
    return out


def has_citation(text: str, lex: Lexicon) -> bool:
    """Whether a paragraph carries a citation marker ("[3]", "(Smith et al., 2020)", a DOI...)."""
    return any(r.search(text) for r in lex.context["citation"])


def analyse_text(
    text: str, lex: Lexicon, detectors: tuple[str, ...] | None = None, cited: bool = False
) -> list[Claim]:
    """All claims in one sentence (``text``), after negation, hedge and context filtering.

    ``cited`` says the sentence's paragraph cites a source, which answers "studies show".
    """
    if not text:
        return []
    screen = lex.pattern_screen
    if screen is None and lex.screen_sources is not None:
        screen = lex.tick_screen()
    cands = None if screen is None else screen.candidates(text)
    if cands is not None and not cands:
        return []
    if lex.question.search(text):
        # a question asks rather than claims; only a hype word in a verbless, headline-style
        # question ("Sea moss: nature's wonder food?") is still the writer's own hype
        if lex.question_open.search(text) or (detectors is not None and "hype" not in detectors):
            return []
        detectors = ("hype",)
    ctx: _Context | None = None  # built on the first candidate: most sentences have none
    found: list[Claim] = []
    flat = lex.flat
    for i in range(len(flat)) if cands is None else sorted(cands):
        if i >= len(flat):  # the rate regex, run below
            continue
        key, det, pat = flat[i]
        if (detectors is not None and key not in detectors) or (
            cited and key == "uncited_evidence"
        ):
            continue
        if pat.needs and not lex.term_res[pat.needs].search(text):
            continue
        for m in pat.regex.finditer(text):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in " \t.,;:!":
                e -= 1
            if s == e:
                continue
            if pat.unless is not None and any(
                u.start() < e and s < u.end()
                for u in pat.unless.finditer(text, max(0, s - 40), min(len(text), e + 40))
            ):
                continue
            if pat.needs_near and not lex.term_res[pat.needs_near].search(
                text, s, min(len(text), e + 60)
            ):
                continue
            if ctx is None:
                hits = _Context.screen(text, lex)
                if _Context.has_caveat(text, lex, hits):
                    return []
                ctx = _Context(text, lex, hits)
            # a condition anywhere after the claim qualifies it ("... unless your GP agrees")
            if pat.unless_clause is not None and pat.unless_clause.search(
                text, ctx.clause_start(s)
            ):
                continue
            if ctx.negated(s, e) or _in_disclaimer(text, s, e, lex):
                continue
            if key != "hype" and ctx.in_clause("official", s, e):
                continue
            if det.hedges in ("all", "strong") and ctx.in_clause("hedge_strong", s, e):
                continue
            if det.hedges == "all" and ctx.in_clause("hedge_weak", s, e):
                continue
            if key in ("absolute", "efficacy") and (
                ctx.in_clause("risk", s, e)
                or any(s <= rs and re_ <= e for rs, re_ in ctx.spans("risk"))
            ):  # a risk frame around or inside the match ("dissolving ... can cause swelling")
                continue
            # a harm after evidence words is what the evidence is about ("proven to reverse hair
            # loss"), not a risk statement
            if key != "uncited_evidence" and _harm_follows(text, s, e, lex):
                continue
            if det.medical_context and _medical_subject(text, s, lex):
                continue
            if _mentioned(text, s, e, lex):
                continue
            attributed = key != "anecdote" and ctx.in_clause("attribution", s, e)
            detail = f"Gut Check {pat.gut_check}" if pat.gut_check else ""
            found.append(Claim(key, s, e, text[s:e], pat.id, attributed, detail))
    if (
        (detectors is None or "weight_gut_check" in detectors)
        and (cands is None or lex.rate_id in cands)
        and lex.rate.search(text)
    ):
        if ctx is None:
            hits = _Context.screen(text, lex)
            if _Context.has_caveat(text, lex, hits):
                return []
            ctx = _Context(text, lex, hits)
        found.extend(_rate_claims(text, lex, ctx))
    if not found:
        return found
    if lex.frames and ctx is not None and len(found) > 1:
        found = _unframed(found, lex.frames, ctx)
    return _dedupe(found, lex.priority, lex.supersedes, lex.coexist, lex.coexist_if)


def _unframed(found: list[Claim], frames: dict[str, list[str]], ctx: _Context) -> list[Claim]:
    """Drop claims reported inside an evidence frame's complement, in the same clause.

    In "Studies show that collagen reverses skin ageing" the writer's claim is about the evidence
    (CLM009); what the studies supposedly show is its content, not a second claim.
    """
    drop: set[int] = set()
    for f in found:
        kinds = frames.get(f"{f.detector}.{f.pattern}")
        if not kinds:
            continue
        end = ctx.clause_end(f.end)
        drop.update(
            i for i, c in enumerate(found) if c.detector in kinds and f.end <= c.start < end
        )
    return [c for i, c in enumerate(found) if i not in drop] if drop else found


def _dedupe(
    found: list[Claim],
    priority: list[str],
    supersedes: dict[str, list[str]],
    coexist: frozenset[tuple[str, str]] = frozenset(),
    coexist_if: dict[tuple[str, str], tuple[str, re.Pattern[str]]] | None = None,
) -> list[Claim]:
    """One finding per overlapping stretch: the most specific detector, then the longest match.

    Pairs in ``coexist`` break different criteria with the same words ("lose 3 inches off your
    waist" is spot reduction and weight in inches): both are kept; a pair in ``coexist_if`` only
    when the named detector's words match its regex ("melts belly fat": a mechanism verb).
    """

    def both(c: Claim, k: Claim) -> bool:
        if (c.detector, k.detector) not in coexist:
            return False
        cond = (coexist_if or {}).get((c.detector, k.detector))
        if cond is None:
            return True
        who, rx = cond
        return rx.search(c.text if c.detector == who else k.text) is not None

    rank = {k: i for i, k in enumerate(priority)}
    beaten = {(b, a) for a, bs in supersedes.items() for b in bs}  # (loser, winner)
    order = sorted(
        found, key=lambda c: (rank.get(c.detector, len(rank)), -(c.end - c.start), c.start)
    )
    kept: list[Claim] = []
    for c in order:
        if any(
            k.start < c.end
            and c.start < k.end
            and (
                k.detector == c.detector
                or (c.detector in rank and k.detector in rank and not both(c, k))
            )
            for k in kept
        ):
            continue
        kept.append(c)
    kept = [
        c
        for c in kept
        if not any(
            (c.detector, k.detector) in beaten and k.start < c.end and c.start < k.end for k in kept
        )
    ]
    return sorted(kept, key=lambda c: (c.start, c.detector))


def detect(text: str, lex: Lexicon) -> list[Claim]:
    """Claims in a piece of prose that is one sentence or several (split naively)."""
    from healthlint.document import split_sentences

    out = []
    for s, e in split_sentences(text):
        for c in analyse_text(text[s:e], lex):
            out.append(
                Claim(c.detector, c.start + s, c.end + s, c.text, c.pattern, c.attributed, c.detail)
            )
    return out
