"""The figures checks: each takes the analysed document and yields findings with the arithmetic.

Cross-checks work on small windows (a few sentences) or on groups keyed by what is measured,
so a document with thousands of numbers stays linear. Every check prefers silence when the
text is ambiguous: an editor stops reading a linter that cries wolf about numbers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from healthlint.document import Document
from healthlint.figures import units as U
from healthlint.figures.lazyre import lazy
from healthlint.figures.lexicon import Lexicon
from healthlint.figures.quantities import (
    Quantity,
    describe,
    extract,
    fmt_number,
    fractions,
    people_singular,
    plural,
    sentence_before,
    singular,
    verb_after,
    wholes_first,
)
from healthlint.registry import Hit, Related

INF = float("inf")


@dataclass(frozen=True, eq=False)
class Opts:
    lex: Lexicon
    tolerance: float = 0.05  # relative slack for exact figures (writers round)
    approx_tolerance: float = 0.15  # slack when a figure says "about", "around"
    max_kg_per_week: float = 1.0  # CAP 13.10 / FTC Gut Check: about 2 lb (1 kg) a week
    min_weeks: float = 1.0  # shorter spans ("in 3 days") are not sustained loss
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class Item:
    q: Quantity
    sent: int  # index of the sentence in the document (main content)
    section: int  # increments at every heading


@dataclass(eq=False)
class Analysis:
    items: list[Item]
    by_sent: dict[int, list[Item]]
    sent_text: dict[int, tuple[Any, int, int]]  # sentence index -> (block, start, end)


def analyse(doc: Document, opts: Opts) -> Analysis:
    """Quantities of the document's main content, computed once per document and lexicon."""
    key = f"figures:{id(opts.lex)}"
    cached = doc.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    items: list[Item] = []
    by_sent: dict[int, list[Item]] = defaultdict(list)
    sent_text: dict[int, tuple[Any, int, int]] = {}
    sent = -1
    section = 0
    for block in doc.blocks:
        if not block.in_main:
            continue
        if block.kind == "heading":
            section += 1
        sents = block.sentences or []
        bounds = [(s.start, s.end) for s in sents] or [(0, len(block.text))]
        first = sent + 1
        for i, (s, e) in enumerate(bounds):
            sent_text[first + i] = (block, s, e)
        qs = extract(block, opts.lex)
        j = 0
        for q in qs:
            while j + 1 < len(bounds) and q.num_start >= bounds[j + 1][0]:
                j += 1
            item = Item(q, first + j, section)
            items.append(item)
            by_sent[first + j].append(item)
        sent = first + len(bounds) - 1
        if block.kind == "heading":
            section += 1
    result = Analysis(items, by_sent, sent_text)
    doc.cache[key] = result
    return result


def _line(doc: Document, q: Quantity) -> int:
    return doc.line_col(q.core_span()[0])[0]


def _sentence(an: Analysis, item: Item) -> tuple[str, int]:
    block, s, e = an.sent_text[item.sent]
    return block.text[s:e], s


def _tol(opts: Opts, *qs: Quantity) -> float:
    return opts.approx_tolerance if any(q.qualifier == "approx" for q in qs) else opts.tolerance


def _quote(q: Quantity) -> str:
    return f"'{q.text}'"


# --- numerator / denominator compatibility ---------------------------------------------------


def _same_measure(a: Quantity, b: Quantity, lex: Lexicon | None = None) -> float | None:
    """Factor that turns a value in ``a``'s unit into ``b``'s unit, or None if unrelated.

    With ``lex``, a frequency ("twice a week") counts the course's sessions, meetings, classes.
    """
    if lex is not None and a.noun == "time" and b.noun in lex.course_nouns and not b.unit:
        return 1.0
    if a.currency or b.currency:
        return 1.0 if a.currency == b.currency else None
    if a.percent or b.percent:
        return None
    if a.unit is not None and b.unit is not None:
        return U.convert(1.0, a.unit, b.unit)
    if a.unit is None and b.unit is None and a.noun and a.noun == b.noun:
        return 1.0
    return None


_WORDS_AFTER = lazy(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?")


def _per_factor(q: Quantity, per: str, lex: Lexicon | None = None) -> float | None:
    """How many ``per`` units one ``q`` is (q = '4 weeks', per = 'day' -> 28 per unit of q).

    With ``lex``, the noun may follow an adjective ('three missing teeth' per tooth), and one
    step of a course stands for another ('three treatments' at '$300 a session').
    """
    if q.noun and q.noun == per and q.unit is None:
        return 1.0
    if lex is not None and q.unit is None and not q.currency and not q.percent:
        m = _WORDS_AFTER.match(q.block.text, q.tokens[-1].end)
        if m and m.group(2) and singular(m.group(2)) == per:
            return 1.0
        if q.noun in lex.course_nouns and per in lex.course_nouns and "course" not in (q.noun, per):
            return 1.0
    units = U.units()
    if q.unit is not None and per in units:
        return U.convert(1.0, q.unit, units[per])
    return None


def _rate_per(q: Quantity, per: str) -> float | None:
    """Factor to express rate ``q`` (value per q.per) per ``per`` instead."""
    if q.per is None:
        return None
    if q.per == per:
        return 1.0
    units = U.units()
    if q.per in units and per in units:
        f = U.convert(1.0, units[per], units[q.per])
        return f
    return None


def _interval(q: Quantity) -> tuple[float, float]:
    """What a stated figure allows, given its qualifier ("up to 2,000" -> [0, 2,000])."""
    qual = q.qualifier or ("max" if q.suffix_qualifier == "max" else None)
    if qual is None and q.suffix_qualifier == "min":
        qual = "min"
    if qual in ("max", "lt"):
        return (0.0, q.high)
    if qual in ("min", "gt"):
        return (q.low, INF)
    return (q.low, q.high)


# --- FIG001 totals ----------------------------------------------------------------------------

_PARTIAL = lazy(r"\b(?:more|additional|extra|further|another|remaining)\s*$", re.I)


def _is_rate(q: Quantity) -> bool:
    return q.per is not None


def _eligible_part(q: Quantity, opts: Opts) -> bool:
    return (
        q.sep != "change"
        and not any(m in opts.lex.partial_modifiers for m in q.modifiers)
        and q.qualifier not in ("min", "gt", "lt")
    )


def check_total(doc: Document, opts: Opts) -> Iterator[Hit]:
    an = analyse(doc, opts)
    seen: set[int] = set()
    for ti, t in enumerate(an.items):
        tq = t.q
        if _is_rate(tq) or tq.sep == "change" or tq.kind in ("number", "percent"):
            continue
        found = _product_for(an, ti, opts)
        if found is None:
            continue
        r, c, lo, hi = found
        verdict = _compare_total(tq, lo, hi, opts, r.q, c.q)
        if verdict is None or id(tq) in seen:
            continue
        if verdict == "is higher" and _extra_charge(an, t, r, c):
            continue  # "five sessions plus the $200 consultation": the total holds more
        seen.add(id(tq))
        implied = describe(lo, hi, tq)
        per_label = r.q.per or ""
        rate_text = describe(r.q.low, r.q.high, r.q)
        freq = f" × {fmt_number(r.q.freq)}" if r.q.freq != 1 else ""
        msg = (
            f"{c.q.describe()} × {rate_text}{freq} per {per_label} = {implied}, "
            f"but {_quote(tq)} (line {_line(doc, tq)}) {verdict}"
        )
        yield Hit(
            *tq.core_span(),
            msg,
            suggestion="Make the total agree with the price (or amount) per unit and the count.",
            related=[
                Related(r.q.core_span(), f"{rate_text} per {per_label}"),
                Related(c.q.core_span(), c.q.describe()),
            ],
            data={"implied": [lo, hi], "stated": [tq.low, tq.high]},
        )
    yield from _restated_rates(doc, an, opts)
    yield from _schedule_totals(doc, an, opts)


# "30 minutes a day, five days a week, adds up to 200 minutes": the sum of one period
_SUM_BEFORE = lazy(
    r"\b(?:adds?\s+up\s+to|adding\s+up\s+to|totals?|totall?ing|comes?\s+to|amounts?\s+to)"
    r"\s+(?:about\s+|around\s+|roughly\s+)?$",
    re.I,
)


def _schedule_totals(doc: Document, an: Analysis, opts: Opts) -> Iterator[Hit]:
    """An amount a day times the days in a week (or month), summed without naming the period."""
    for items in an.by_sent.values():
        for k, t in enumerate(items):
            tq = t.q
            if tq.per is not None or tq.unit is None or tq.is_range or k < 2:
                continue
            if not _SUM_BEFORE.search(sentence_before(tq.block, tq.num_start)[-30:]):
                continue
            a, f = items[k - 2].q, items[k - 1].q
            if (
                a.per is None
                or a.unit is None
                or a.is_range
                or f.is_range
                or a.block is not tq.block
            ):
                continue
            if not _schedule(f) or f.unit is None or f.unit.name != a.per:
                continue
            conv = U.convert(1.0, a.unit, tq.unit)
            if conv is None or a.freq != 1 or a.per_size != 1 or f.freq != 1 or f.per_size != 1:
                continue
            implied = a.lo * f.lo * conv
            stated = replace(tq, qualifier=None)
            verdict = _compare_total(stated, implied, implied, opts, a, f)
            if verdict is None:
                continue
            msg = (
                f"{a.describe()} per {a.per} × {f.describe()} per {f.per} = "
                f"{describe(implied, implied, tq)} per {f.per}, but {_quote(tq)} "
                f"(line {_line(doc, tq)}) {verdict}"
            )
            yield Hit(
                *tq.core_span(),
                msg,
                suggestion="Make the total agree with the amount per day and the days.",
                related=[
                    Related(a.core_span(), f"{a.describe()} per {a.per}"),
                    Related(f.core_span(), f"{f.describe()} per {f.per}"),
                ],
                data={"implied": [implied, implied], "stated": [tq.low, tq.high]},
            )


_PLUS = lazy(r"\b(?:plus|including|includes|as\s+well\s+as|on\s+top\s+of)\b|\+", re.I)


def _extra_charge(an: Analysis, t: Item, r: Item, c: Item) -> bool:
    """Whether the total may hold more than rate × count: another sum of the same kind nearby
    ('a separate $200 fee', 'the starter kit costs $49') or 'plus' between count and total."""
    tq = t.q
    for s in range(t.sent - 2, t.sent + 1):
        for it in an.by_sent.get(s, []):
            if it is t or it is r or it is c or _is_rate(it.q) or it.section != t.section:
                continue
            if _same_measure(it.q, tq) is not None and it.q.start != tq.start:
                return True
    if c.q.block is tq.block and c.q.end <= tq.start:
        return bool(_PLUS.search(tq.block.text[c.q.end : tq.start]))
    return False


def _product_for(an: Analysis, ti: int, opts: Opts) -> tuple[Item, Item, float, float] | None:
    t = an.items[ti]
    tq = t.q
    window = [
        it
        for s in range(t.sent - 2, t.sent + 3)
        for it in an.by_sent.get(s, [])
        if it.section == t.section and it is not t
    ]
    rates = [it for it in window if _is_rate(it.q) and _eligible_part(it.q, opts)]
    prices: dict[tuple[str | None, str | None], set[tuple[float, float]]] = defaultdict(set)
    for r in rates:
        if r.sent <= t.sent:  # prices given before the total: tiers make the total ambiguous
            prices[(r.q.per, r.q.what)].add((r.q.low * r.q.freq, r.q.high * r.q.freq))
    best = None
    for r in rates:
        if len(prices.get((r.q.per, r.q.what), ())) > 1:
            continue  # "the first 3 sessions cost $100 each, later ones $80": tiers, not one price
        conv = _same_measure(r.q, tq, opts.lex)
        if conv is None:
            continue
        for c in window:
            if c is r or _is_rate(c.q) or not _eligible_part(c.q, opts) or c.q.percent:
                continue
            if c.q.currency:
                continue
            if c.q.kind == "number":
                if not _counts_them(c.q, r.q, opts.lex):
                    continue
                per_f: float | None = 1.0  # "£55 each ... need 6 to 10 of them"
            else:
                per_f = _per_factor(c.q, r.q.per or "", opts.lex)
            if per_f is None:
                per_f = _counted_per_period(c.q, r.q.per or "", rates)
            if per_f is None:
                continue
            if max(r.sent, c.sent, t.sent) - min(r.sent, c.sent, t.sent) > 2:
                continue
            if not _is_total(an, t, c, r, opts):
                continue
            scale = r.q.freq / r.q.per_size * per_f * conv
            lo = r.q.low * c.q.low * scale
            hi = r.q.high * c.q.high * scale
            dist = abs(r.sent - t.sent) + abs(c.sent - t.sent)
            if _per_factor(c.q, r.q.per or "") is None:
                dist += 10  # a loose match ('treatments' for 'sessions') only when nothing else
            if best is None or dist < best[0]:
                best = (dist, r, c, lo, hi)
    if best is None:
        return None
    return best[1], best[2], best[3], best[4]


_OF_THEM = lazy(r"\s+of\s+them\b", re.I)


def _counts_them(c: Quantity, r: Quantity, lex: Lexicon) -> bool:
    """'6 to 10 of them' after a price per appointment counts the appointments."""
    return (
        r.per in lex.course_nouns
        and c.block is r.block
        and r.end <= c.start
        and bool(_OF_THEM.match(c.block.text, c.full_end))
    )


def _counted_per_period(c: Quantity, per: str, rates: list[Item]) -> float | None:
    """How many ``per`` a period ``c`` holds through a rate that counts them: '12 weeks' of
    'one vial a week' is 12 vials."""
    if c.unit is None or c.unit.dim != "[time]":
        return None
    units = U.units()
    for f in rates:
        fq = f.q
        if fq.noun != per or fq.unit is not None or fq.per not in units or fq.lo != fq.hi:
            continue
        pf = _per_factor(c, fq.per or "")
        if pf is not None:
            return fq.lo * fq.freq / fq.per_size * pf
    return None


def _is_total(an: Analysis, t: Item, c: Item, r: Item, opts: Opts) -> bool:
    """Whether ``t`` reads as the total of ``c`` items at rate ``r``."""
    tq = t.q
    block = tq.block
    after = block.text[tq.full_end : tq.full_end + 30]
    if re.match(
        r"\s*(?:for|on)\s+(?:an?|the|each|one)\s+(?!course|whole|full|entire|complete|treatment)",
        after,
        re.I,
    ):
        return False
    if re.match(
        r"\s+(?!or\b|in\b|for\b|total|overall|altogether|and\b|to\b|with\b)[a-z]{3,}", after
    ):
        # "a $100 consultation": the sum belongs to some other thing
        nxt = re.match(r"\s+([a-z]+)", after)
        if nxt and nxt.group(1) not in (
            "is",
            "are",
            "was",
            "were",
            "will",
            "would",
            "could",
            "may",
        ):
            return False
    before = sentence_before(block, tq.start)[-45:]
    if tq.unit is not None and re.search(r"\b(?:for|over|within|during|after)\s*$", before, re.I):
        return False  # "twice a week for five weeks": the period, not the time spent
    own = _OWN_SUBJECT.search(before)
    if own and own.group("noun").lower() not in _TOTAL_SUBJECTS:
        return False  # "a follow-up check costs $60": the price of another thing
    if opts.lex.total_cue.search(before) or opts.lex.total_cue.match(after.lstrip()):
        return True
    if re.match(r"\s*(?:in\s+total|total|overall|altogether|in\s+all)\b", after, re.I):
        return True
    if _WHOLE_COURSE_AFTER.match(after):
        return True  # "budget $620 for the full course"
    if c.sent == t.sent and c.q.block is block and c.q.end <= tq.start:
        between = block.text[c.q.full_end : tq.start]
        others = [
            it
            for it in an.by_sent.get(t.sent, [])
            if it is not c and it is not r and it is not t and c.q.end <= it.q.num_start < tq.start
        ]
        if not others and opts.lex.sum_cue.search(between):
            return True
    return False


_WHOLE_COURSE_AFTER = lazy(
    r"\s*(?:for|of|on)\s+(?:the|your|a|an)\s+(?:full|whole|entire|complete)\s+"
    r"(?:course|treatment|programme|program|plan|package|series)\b",
    re.I,
)
_OWN_SUBJECT = lazy(
    r"\b(?:a|an|the|each|one|this|that|your)\s+(?:[\w-]+\s+)??(?P<noun>[a-z]+)\s+"
    r"(?:(?:will|can|may|might|could|usually|typically|often)\s+)?(?:costs?|is|are|was)\s+"
    r"(?:about|around|roughly|approximately|just|only)?\s*$",
    re.I,
)
_TOTAL_SUBJECTS = frozenset(
    [
        "total",
        "cost",
        "price",
        "bill",
        "course",
        "treatment",
        "programme",
        "program",
        "package",
        "plan",
        "sum",
        "amount",
        "fee",
        "therapy",
    ]
)


def _compare_total(tq: Quantity, lo: float, hi: float, opts: Opts, *parts: Quantity) -> str | None:
    """Why the stated total ``tq`` contradicts the implied ``[lo, hi]``, or None."""
    tol = max(_tol(opts, tq, *parts), opts.tolerance)
    qual = tq.qualifier or tq.suffix_qualifier
    if qual in ("max", "lt"):
        if hi > tq.high * (1 + tol):
            return "is lower" if lo <= tq.high * (1 + tol) else "is lower than even the minimum"
        return None
    if qual in ("min", "gt"):
        if hi < tq.low * (1 - tol):
            return "is higher than even the maximum"
        return None
    if tq.high < lo * (1 - tol):
        return "is lower"
    if tq.low > hi * (1 + tol):
        return "is higher"
    if tq.is_range and lo < hi and tq.qualifier is None and tq.suffix_qualifier is None:
        # a stated range restates both ends: "£55-£70 × 6-10 = £330-£700", not "£330-£500"
        if tq.high < hi * (1 - tol):
            return "stops short of the highest total"
        if tq.low > lo * (1 + tol):
            return "starts above the lowest total"
    return None


_RESTATE_GAP = lazy(
    r"\s*(?:\(\s*(?:or\s+|i\.e\.,?\s+|that\s+is,?\s+)?|[,;]?\s*[—–-]?\s*(?:or|i\.e\.,?|that\s+is|that's"
    r"|which\s+is|which\s+comes\s+to|which\s+works\s+out\s+(?:to|at)|working\s+out\s+(?:to|at)"
    r"|making|for\s+a\s+total\s+of|a\s+total\s+of|totall?ing|adding\s+up\s+to|=)\s+)"
    r"(?:about|around|roughly|approximately|just|only|nearly|almost)?\s*$",
    re.I,
)


_RATE_TOTAL_CUE = lazy(
    r"(?:\b(?:total|totals|totalling|totaling|that\s+is|that's|which\s+is|works?\s+out\s+(?:to|at)"
    r"|comes?\s+to|giving|gives|making|makes|means|or|in\s+all|altogether|adds?\s+up\s+to"
    r"|amounts?\s+to)|=)\W*(?:an?\s+|the\s+)?(?:(?:daily|weekly|monthly|yearly|annual|total)\s+)*"
    r"(?:(?:total|dose|intake|amount)\s+)?(?:of\s+)?"
    r"(?:about|around|roughly|approximately|just|only|nearly|almost)?\s*$",
    re.I,
)


def _restated_rates(doc: Document, an: Analysis, opts: Opts) -> Iterator[Hit]:
    """A rate restated as a total over a period: '$40 a month, or $600 a year'; '500 mg twice
    a day (1,500 mg a day)'; '250 mg three times a day ... a daily total of 1,000 mg'; chained,
    'two puffs twice daily ... each puff delivers 100 mcg, a daily total of 800 mcg'."""
    units = U.units()
    for bi, b in enumerate(an.items):
        qb = b.q
        if not _is_rate(qb) or qb.per not in units or qb.sep == "change":
            continue
        sentence, s0 = _sentence(an, b)
        before = sentence[: qb.start - s0]
        prev = an.items[bi - 1].q if bi else None
        if prev is not None and prev.block is qb.block and prev.full_end <= qb.start:
            before_own = qb.block.text[prev.full_end : qb.start]
            if len(before_own) < len(before):
                before = before_own
        gap_ok = bool(_RESTATE_GAP.fullmatch(before[-40:]) or _RATE_TOTAL_CUE.search(before[-40:]))
        if not gap_ok:
            continue
        for a in _rate_partners(an, bi, opts):
            found = _rate_product(an, a, qb, opts)
            if found is None:
                continue
            lo, hi, arith, related = found
            verdict = _compare_total(_scaled(qb, qb.freq / qb.per_size), lo, hi, opts, a.q)
            if verdict is not None:
                msg = (
                    f"{arith} = {describe(lo, hi, qb)} per {qb.per}, but {_quote(qb)} "
                    f"(line {_line(doc, qb)}) {verdict}"
                )
                yield Hit(
                    *qb.core_span(),
                    msg,
                    suggestion="Make the two rates agree, or say why they differ.",
                    related=related,
                    data={"implied": [lo, hi], "stated": [qb.low, qb.high]},
                )
            break  # the nearest rate that can be compared decides


def _rate_partners(an: Analysis, bi: int, opts: Opts) -> Iterator[Item]:
    """Rates before item ``bi`` in its sentence and the two before, nearest first."""
    b = an.items[bi]
    for k in range(bi - 1, -1, -1):
        a = an.items[k]
        if a.sent < b.sent - 2 or a.section != b.section:
            return
        if not _is_rate(a.q) and _same_measure(a.q, b.q) is not None:
            return  # "two 250 mg tablets": an amount between them changes what is counted
        if _is_rate(a.q) and a.q.sep != "change" and _eligible_part(a.q, opts):
            if a.q.block is b.q.block and b.q.unit is not None and a.q.unit is not None:
                if b.q.unit.name == a.q.per:
                    continue  # "30 minutes a day, 5 days a week" is a schedule
            if _schedule(a.q) and (b.q.unit is None or b.q.unit.name != a.q.unit.name):  # type: ignore[union-attr]
                continue  # "five days a week" counts days; it is chained, not compared
            yield a


def _schedule(q: Quantity) -> bool:
    """'5 days a week', '3 nights a month': how many of a period fall in a longer one."""
    units = U.units()
    if q.unit is None or q.unit.name not in ("day", "week", "fortnight", "month") or q.per is None:
        return False
    per = units.get(q.per)
    return bool(per is not None and per.factor and q.unit.factor and per.factor > q.unit.factor)


def _chained(
    an: Analysis, a: Item, qb: Quantity, opts: Opts, conv: float, label: str, related: list[Related]
) -> tuple[float, float, str, list[Related]] | None:
    """``a`` per something that another rate counts per period: '100 mcg per puff' with '2 puffs
    twice a day'; '30 minutes a day' with 'five days a week'."""
    qa = a.q
    units = U.units()
    # chained: 100 mcg per puff × (2 puffs twice a day)
    for f in an.by_sent.get(a.sent, []) + [
        it for s in (a.sent - 1, a.sent - 2) for it in an.by_sent.get(s, [])
    ]:
        fq = f.q
        if f is a or fq.per not in units:
            continue
        if not (fq.unit is None and fq.noun == qa.per) and not (
            fq.unit is not None and fq.unit.name == qa.per  # 30 minutes a day × 5 days a week
        ):
            continue
        per_f = _rate_per(fq, qb.per or "")
        if per_f is None or not _eligible_part(fq, opts):
            continue
        scale = fq.freq / fq.per_size * per_f * conv * qa.freq / qa.per_size
        lo, hi = qa.low * fq.low * scale, qa.high * fq.high * scale
        times = f" × {fmt_number(fq.freq)}" if fq.freq != 1 else ""
        arith = f"{label} × {fq.describe()}{times} per {fq.per}"
        return lo, hi, arith, [*related, Related(fq.core_span(), fq.describe())]
    return None


def _per_label(q: Quantity) -> str:
    """'per week', 'every 12 hours'."""
    if q.per_size != 1:
        return f"every {fmt_number(q.per_size)} {plural(q.per or '')}"
    return f"per {q.per}"


# Writers count a month as four weeks (two fortnights); accept that as well as 4.35.
_FOUR_WEEK_MONTH = {
    ("week", "month"): 4.0,
    ("month", "week"): 0.25,
    ("fortnight", "month"): 2.0,
    ("month", "fortnight"): 0.5,
}


def _rate_product(
    an: Analysis, a: Item, qb: Quantity, opts: Opts
) -> tuple[float, float, str, list[Related]] | None:
    """``a`` expressed per ``qb.per``: (lo, hi, arithmetic, related), or None."""
    qa = a.q
    conv = _same_measure(qa, qb)
    if conv is None:
        return None
    units = U.units()
    label = f"{describe(qa.low, qa.high, qa)} {_per_label(qa)}"
    related = [Related(qa.core_span(), label)]
    chained = _chained(an, a, qb, opts, conv, label, related)
    if chained is not None:
        return chained
    if qa.per in units:
        per_f = _rate_per(qa, qb.per or "")
        if per_f is None:
            return None
        scale = qa.freq / qa.per_size * conv * per_f
        amount = describe(qa.low, qa.high, qa)
        freq = f" × {fmt_number(qa.freq)}" if qa.freq != 1 else ""
        n = per_f / qa.per_size
        conv_txt = "" if n == 1 else f" × {fmt_number(n)} ({_per_label(qa)}) per {qb.per}"
        lo, hi = qa.low * scale, qa.high * scale
        writers = _FOUR_WEEK_MONTH.get((qa.per or "", qb.per or ""))
        if writers is not None:  # "$10 a week, or $40 a month": a month of four weeks
            lo, hi = min(lo, lo * writers / per_f), max(hi, hi * writers / per_f)
        if not conv_txt:
            return lo, hi, f"{amount}{freq} per {qa.per}", related
        return lo, hi, f"{amount}{freq}{conv_txt}", related
    return None


def _scaled(q: Quantity, factor: float) -> Quantity:
    if factor == 1:
        return q
    clone = Quantity(**{k: getattr(q, k) for k in q.__dataclass_fields__})
    clone.lo, clone.hi = q.lo * factor, q.hi * factor
    return clone


# --- FIG002 differences -----------------------------------------------------------------------


def check_difference(doc: Document, opts: Opts) -> Iterator[Hit]:
    """'from 150 to 130 mmHg, a drop of 30 mmHg'."""
    an = analyse(doc, opts)
    lex = opts.lex
    for items in an.by_sent.values():
        for i, it in enumerate(items):
            q = it.q
            if q.sep != "change":
                continue
            d, noun = _difference_for(items, i, lex)
            if d is None:
                continue
            yield from _judge_difference(doc, q, d, noun, opts)
        yield from _baseline_changes(doc, items, opts)


# "94 kg at baseline and 88 kg at week 24": two readings of one measure, first and later
_BASELINE_GAP = lazy(
    r"[^.;!?\d]{0,40}?\b(?:at\s+baseline|at\s+(?:the\s+)?(?:start|outset|beginning)"
    r"|at\s+(?:entry|enrol?ment|the\s+first\s+visit)|initially|before\s+(?:treatment|the\s+\w+))"
    r"\s*,?\s+(?:and|but|then|to)\s+(?:(?:was|were|had|weighed|measured)\s+)?",
    re.I,
)


def _baseline_changes(doc: Document, items: list[Item], opts: Opts) -> Iterator[Hit]:
    for i in range(len(items) - 2):
        a, b = items[i].q, items[i + 1].q
        if a.block is not b.block or a.is_range or b.is_range or "change" in (a.sep, b.sep):
            continue
        if a.per is not None or b.per is not None or a.percent != b.percent:
            continue
        if (a.unit is None or a.unit is not b.unit) and not (a.percent and a.unit is b.unit):
            continue
        if not _BASELINE_GAP.fullmatch(a.block.text, a.full_end, b.start):
            continue
        pair = replace(a, end=b.end, full_end=b.full_end, hi=b.lo, sep="change")
        d, noun = _difference_for([Item(pair, 0, 0), *items[i + 2 :]], 0, opts.lex)
        if d is not None:
            yield from _judge_difference(doc, pair, d, noun, opts)


_DIFF_PREFIX = lazy(
    r"[\s,;:(—–-]*(?:[^.;!?]{0,60}?[,;:(—–]\s*)?"
    r"(?:(?:which\s+is|that\s+is|that's|or|for|representing|meaning|giving)\s+)?"
    r"(?:an?|the)?\s*(?:total|overall|net|average|mean)?\s*",
    re.I,
)
_DIFF_AFTER = lazy(
    r"[-\s]*(?:(?:percentage[-\s]point|point|points|beats?|units?|pounds?|lbs?|kg|mmhg|degrees?)"
    r"(?:[-\s]+|(?=\s*$)))?\s*(?P<noun>{nouns}|lower|higher|slower|faster|less|fewer|more|down|up)\b",
    re.I,
)


_CHANGE_THEN_FROM = lazy(
    r"(?:\s+(?:percentage\s+)?(?:points?|beats?|units?))?\s*[,(;:—–-]?\s*(?:from\s+)?", re.I
)
_CHANGED_BEFORE = lazy(
    r"\b(dropped|fell|rose|fallen|risen|decreased|increased|climbed|declined|(?:is|are|was|were)"
    r"\s+(?:down|up)|went\s+(?:down|up)|came\s+down|lost|gained)\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+)?$",
    re.I,
)


def _difference_for(items: list[Item], i: int, lex: Lexicon) -> tuple[Quantity | None, str]:
    """The stated size of the change ``items[i]``: 'a drop of 30', 'a 38-point improvement',
    '12 beats slower', 'fell by 20', a few words or a duration away."""
    q = items[i].q
    text = q.block.text
    after_re = _diff_after(lex)
    for d_item in items[i + 1 : i + 4]:
        d = d_item.q
        if d.block is not q.block:
            break
        gap = text[q.full_end : d.start]
        if len(gap) > 90 or d.sep == "change":
            break
        if d.is_range:
            continue
        m = lex.difference.search(gap)
        if m and _DIFF_PREFIX.fullmatch(gap[: m.start()]):
            return d, m.group("noun").lower()
        am = after_re.match(text, d.end)
        if am and _DIFF_PREFIX.fullmatch(gap):
            noun = am.group("noun").lower()
            noun = {"lower": "drop", "slower": "drop", "less": "drop", "fewer": "drop"}.get(
                noun, noun
            )
            noun = {"higher": "rise", "faster": "rise", "more": "rise"}.get(noun, noun)
            return d, {"down": "drop", "up": "rise"}.get(noun, noun)
        # a duration ("within four hours") or a scale ("on a 10-point scale") may stand between
    if i > 0 and items[i - 1].q.block is q.block:
        d = items[i - 1].q
        gap = text[d.full_end : q.start]
        before = text[max(0, d.start - 25) : d.start]
        bm = re.search(r"\b(\w+(?:\s+\w+)?)\s+by\s*$", before, re.I) or _CHANGED_BEFORE.search(
            before
        )
        if bm and _CHANGE_THEN_FROM.fullmatch(gap) and not d.is_range:
            verb = bm.group(1).lower().split()[-1]  # "fell by 20, from ...", "down 30% (from ..."
            return d, {"down": "drop", "up": "rise"}.get(verb, verb)
    return None, ""


_DIFF_AFTER_CACHE: dict[int, re.Pattern[str]] = {}


def _diff_after(lex: Lexicon) -> re.Pattern[str]:
    pat = _DIFF_AFTER_CACHE.get(id(lex))
    if pat is None:
        pat = re.compile(_DIFF_AFTER.pattern.replace("{nouns}", _noun_alt(lex)), re.I)
        _DIFF_AFTER_CACHE[id(lex)] = pat
    return pat


def _noun_alt(lex: Lexicon) -> str:
    words = lex.raw.get("difference_nouns", [])
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_F_PER_C = 1.8


def _delta_factor(src: U.Unit, dst: U.Unit) -> float | None:
    """Factor from a change in ``src`` to ``dst``; temperature changes are plain degrees."""
    if src.dim == dst.dim == "[temperature]" and (src.factor is None or dst.factor is None):
        if src.name == dst.name or "degree_difference" in (src.name, dst.name):
            return 1.0
        return _F_PER_C if "Fahrenheit" in dst.name else 1 / _F_PER_C
    return U.convert(1.0, src, dst)


def _judge_difference(
    doc: Document, q: Quantity, d: Quantity, noun: str, opts: Opts
) -> Iterator[Hit]:
    a, b = q.lo, q.hi
    lex = opts.lex
    change = abs(a - b)
    candidates: list[tuple[float, str]] = []
    if d.percent and not q.percent:
        if a == 0:
            return
        candidates.append((change / abs(a) * 100, "relative"))
    elif d.percent and q.percent:
        candidates.append((change, "points"))
        if a:
            candidates.append((change / abs(a) * 100, "relative"))
    else:
        if q.unit is not None and d.unit is not None:
            f = _delta_factor(q.unit, d.unit)
            if f is None:
                return
            change *= f
        elif (q.unit is None) != (d.unit is None) or bool(q.currency) != bool(d.currency):
            if d.unit is not None or d.currency:
                return
        candidates.append((change, "absolute"))
    tol_rel = opts.approx_tolerance if d.qualifier == "approx" else 0.02
    step = 10 ** (-d.decimals)
    ok = any(
        abs(v - d.low) <= max(step * 0.5 + 1e-9, v * tol_rel) or d.low - 1e-9 <= v <= d.high + 1e-9
        for v, _ in candidates
    )
    direction = None
    if noun in lex.down_words and b > a:
        direction = "up"
    elif noun in lex.up_words and b < a:
        direction = "down"
    if ok and direction is None:
        return
    endpoints = f"{describe(a, a, q)} to {describe(b, b, q)}"
    if not ok:
        v, kind = candidates[0]
        what = describe(v, v, d)
        if kind == "relative":
            arith = f"{fmt_number(abs(a - b))} ÷ {fmt_number(a)} = {what}"
        else:
            arith = f"{fmt_number(max(a, b))} − {fmt_number(min(a, b))} = {what}"
        msg = f"From {endpoints} is a change of {arith}, but the text says {_quote(d)}"
    else:
        msg = f"From {endpoints} goes {direction}, but the text calls it a {noun}"
    yield Hit(
        *d.core_span(),
        msg,
        suggestion="Check the two end points and the size of the change.",
        related=[Related(q.core_span(), f"from {endpoints}")],
        data={"from": a, "to": b, "stated": [d.low, d.high]},
    )


# --- FIG003 count and percentage --------------------------------------------------------------

_PCT_AFTER = lazy(
    r"(?:\s+(?:in|of|at|on|from|with|who|that|the|this|our|their|[a-z]+ed)\b[^,.;()\d]{0,30}?)?"
    r"[\s,]*(?:\(|—|–|-|:|,\s*(?:or|that\s+is|i\.e\.,?|which\s+is|roughly|about)?|\s+or)\s*$",
    re.I,
)
# "60 reported side effects, that is 30%": an explicit restatement after any few words
_PCT_RESTATED = lazy(r"[^,.;()\d]{0,30},\s*(?:that\s+is|i\.e\.,?|which\s+is)\s*", re.I)
# "62% of respondents, 310 of the 600": the share of a group, then its count
_PCT_OF_GROUP = lazy(r"\s+of\s+(?:the\s+|all\s+)?(?P<w>[A-Za-z]+)\s*,\s*", re.I)
# "1,200 patients ...; 15% of them, or 240 people"
_PCT_OF_THEM = lazy(
    r"\s+of\s+(?:them|these|those)\s*(?:\(|—|–|:|,\s*(?:or|that\s+is|i\.e\.,?))\s*", re.I
)


_PCT_OF_WHOLE = lazy(r"\s+of\s+(?:the\s+|all\s+|these\s+|those\s+)?$", re.I)
_COUNT_AFTER_PCT = lazy(r"[^.;!?\d]{0,40}?(?:\(|,\s*or|,\s*that\s+is|—|–|:)\s*$", re.I)


_PCT_THEN_WHOLE = lazy(r"\s*\)\s*(?:out\s+of|of)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?", re.I)


def _percent_triples(
    block: Any, qs: list[Quantity], lex: Lexicon
) -> Iterator[tuple[Quantity, Quantity, Quantity]]:
    """(part, whole, stated percentage): '120 of 200 (60%)', '(60%) 120 of 200', 'Of the 200
    enrolled, 120 (60%)', '60% of the 200 patients, or 120'."""
    text = block.text
    index = {id(q): i for i, q in enumerate(qs)}
    pairs = [(a, b, b) for a, b, _kind in fractions(block, qs)]
    pairs += [(a, b, a) for a, b, _kind in wholes_first(block, qs)]
    for a, b, last in pairs:
        j = index[id(last)]
        if j + 1 < len(qs) and qs[j + 1].percent and not qs[j + 1].is_range:
            gap = text[last.full_end : qs[j + 1].start]
            if len(gap) <= 45 and (_PCT_AFTER.fullmatch(gap) or _PCT_RESTATED.fullmatch(gap)):
                yield a, b, qs[j + 1]
                continue
        k = index[id(a)]
        if k > 0 and qs[k - 1].percent and not qs[k - 1].is_range:
            gap = text[qs[k - 1].full_end : a.start]
            g = _PCT_OF_GROUP.fullmatch(gap)
            if re.fullmatch(r"\s*\(\s*|\s*,\s*or\s+|\s*[—–]\s*", gap) or (
                g is not None and _same_group(g.group("w"), b, lex)
            ):
                yield a, b, qs[k - 1]
    for a, p, w in zip(qs, qs[1:], qs[2:], strict=False):
        if not p.percent or p.is_range or a.is_range or w.is_range or a.percent or w.percent:
            continue
        if a.currency or w.currency or a.unit is not None or w.unit is not None:
            continue
        if re.fullmatch(r"\s*\(\s*", text[a.full_end : p.start]) and _PCT_THEN_WHOLE.fullmatch(
            text[p.end : w.start]
        ):
            yield a, w, p  # "64 participants (32%) out of 250"
    people = people_singular(lex)
    for w, p, a in zip(qs, qs[1:], qs[2:], strict=False):
        if not p.percent or p.is_range or w.noun not in people or w.is_range or a.is_range:
            continue
        if w.sep == "change" or a.percent or a.currency or a.unit is not None:
            continue
        if a.noun is not None and a.noun not in people:
            continue
        between = text[w.full_end : p.start]
        if len(between) <= 60 and not re.search(r"[.!?\d]", between):
            if _PCT_OF_THEM.fullmatch(text[p.end : a.start]):
                yield a, w, p
    for p, w, a in zip(qs, qs[1:], qs[2:], strict=False):
        if not p.percent or p.is_range or w.noun is None or w.is_range or a.is_range:
            continue
        if w.percent or w.currency or w.unit is not None or a.percent or a.currency:
            continue
        people = people_singular(lex)
        same = a.noun is None or a.noun == w.noun or (a.noun in people and w.noun in people)
        if a.unit is not None or not same:
            continue  # "45% of the 200 patients, that is 90 people" counts the same people
        if _PCT_OF_WHOLE.fullmatch(text[p.end : w.start]) and _COUNT_AFTER_PCT.fullmatch(
            text[w.full_end : a.start]
        ):
            yield a, w, p


_FRACTION_WORDS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "a fifth": 0.2,
    "one fifth": 0.2,
    "two fifths": 0.4,
    "a tenth": 0.1,
    "one tenth": 0.1,
}
_FRACTION_SHARE = lazy(
    r"(?P<q>\b(?:about|around|roughly|nearly|almost|over|more\s+than|under|less\s+than|just)\s+)?"
    r"\b(?P<f>(?:a|one|two|three)?[\s-]?(?:half|third|thirds|quarter|quarters|fifth|fifths|tenth))"
    r"\s+of\s+(?:the\s+|all\s+|these\s+|those\s+)?$",
    re.I,
)


def _fraction_shares(doc: Document, an: Analysis) -> Iterator[Hit]:
    """'Half of the 120 patients (70) improved': 70 of 120 is 58%, not a half."""
    items = an.items
    for w_it, a_it in zip(items, items[1:], strict=False):
        w, a = w_it.q, a_it.q
        if w.block is not a.block or w.kind != "count" or a.kind not in ("count", "number"):
            continue
        if (
            w.is_range
            or a.is_range
            or w.lo <= 0
            or (a.noun and a.noun != w.noun and not verb_after(a))
        ):
            continue
        head = w.block.text[max(0, w.start - 40) : w.start]
        m = _FRACTION_SHARE.search(head)
        if m is None or not _COUNT_AFTER_PCT.fullmatch(w.block.text[w.full_end : a.start]):
            continue
        words = re.sub(r"[\s-]+", " ", m.group("f").lower()).strip()
        frac = _FRACTION_WORDS.get(words)
        qual = (m.group("q") or "").strip().lower()
        if frac is None or qual in ("over", "more than", "under", "less than"):
            continue
        share = a.lo / w.lo
        slack = 0.08 if qual else 0.03
        if abs(share - frac) <= slack:
            continue
        yield Hit(
            *a.core_span(),
            f"{fmt_number(a.lo)} of {w.describe()} is {fmt_number(round(share * 100, 1))}%, "
            f"but the text calls it {m.group('f').strip().lower()} ({fmt_number(round(frac * 100, 1))}%)",
            suggestion="Recompute the share from the count, or correct the count.",
            related=[Related(w.core_span(), w.describe())],
            data={"computed": share * 100, "stated": frac * 100},
        )


def _same_group(word: str, whole: Quantity, lex: Lexicon) -> bool:
    """Whether '<pct> of <word>' speaks of the people counted by ``whole``."""
    w = singular(word.lower())
    people = people_singular(lex)
    return w in people and whole.noun in (w, "person", "people")


def check_percent(doc: Document, opts: Opts) -> Iterator[Hit]:
    """'120 of 200 participants (75%)': 120 ÷ 200 = 60%."""
    an = analyse(doc, opts)
    yield from _fraction_shares(doc, an)
    by_block: dict[int, list[Quantity]] = defaultdict(list)
    for it in an.items:
        by_block[id(it.q.block)].append(it.q)
    for qs in by_block.values():
        block = qs[0].block
        for a, b, p in _percent_triples(block, qs, opts.lex):
            if b.lo == 0 or a.lo > b.lo or p.points:
                continue
            share = a.lo / b.lo * 100
            step = 10 ** (-p.decimals)
            slack = step + 1e-9
            if p.qualifier == "approx":
                slack = max(slack, 3.0)
            qual = p.qualifier
            if qual in ("min", "gt"):
                bad = share < p.lo - slack
            elif qual in ("max", "lt"):
                bad = share > p.lo + slack
            else:
                bad = abs(share - p.lo) > slack
            if not bad:
                continue
            whole = b.describe()
            msg = (
                f"{fmt_number(a.lo)} of {whole} is {fmt_number(round(share, max(1, p.decimals)))}%, "
                f"but the text says {_quote(p)}"
            )
            span = (min(a.start, b.start), max(a.end, b.end))
            yield Hit(
                *p.core_span(),
                msg,
                suggestion="Recompute the percentage from the count, or correct the count.",
                related=[Related(block.span(*span), f"{fmt_number(a.lo)} of {whole}")],
                data={"computed": share, "stated": p.lo},
            )


# --- FIG004 impossible proportions ------------------------------------------------------------


_OVER_PEOPLE = lazy(
    r"\s+of\s+(?:the\s+|all\s+|these\s+|those\s+|our\s+|its\s+|their\s+|your\s+)?"
    r"(?P<words>(?:[A-Za-z'’-]+\s+){0,3}[A-Za-z]+)\b",
    re.I,
)
_ANAPHORIC_WHOLE = lazy(
    r"(?:^|[,;:]\s*)(?:of|among)\s+(?:those|these|the|them|all)\s+(?P<n>[a-z]+)\s*,\s*$", re.I
)


def _people_after(text: str, pos: int, people: frozenset[str]) -> tuple[str, int] | None:
    """'of the clinic's diabetic patients' -> ("clinic's diabetic patients", end), when one of
    the few words after 'of' names people."""
    m = _OVER_PEOPLE.match(text, pos)
    if m is None:
        return None
    for w in re.finditer(r"[A-Za-z'’-]+", m.group("words")):
        if w.group().lower() in people:
            return text[m.start("words") : m.start("words") + w.end()], m.start("words") + w.end()
    return None


def check_proportion(doc: Document, opts: Opts) -> Iterator[Hit]:
    """Over 100% of people; a part larger than its whole; exclusive shares adding up to more."""
    an = analyse(doc, opts)
    lex = opts.lex
    people = lex.people_nouns
    by_block: dict[int, list[Quantity]] = defaultdict(list)
    for it in an.items:
        q = it.q
        by_block[id(q.block)].append(q)
        if q.percent and not q.points and q.high > 100 and q.sep != "change":
            found = _people_after(q.block.text, q.end, people)
            if found is None:
                continue
            if lex.change_word.search(sentence_before(q.block, q.start)[-30:]):
                continue  # "rose by 115%": an increase, not a share
            noun, end = found
            yield Hit(
                *q.block.span(q.start, end),
                f"{_quote(q)} of {noun}: a share of a group of people cannot be more than 100%",
                suggestion="Check the percentage; perhaps it is an increase, not a share.",
            )
    for qs in by_block.values():
        block = qs[0].block
        for a, b, kind in [*fractions(block, qs), *wholes_first(block, qs)]:
            if kind == "in" or a.lo <= b.lo:
                continue
            if b.noun and b.noun not in {*(w for w in people), *(_sing(w) for w in people)}:
                continue
            yield Hit(
                *block.span(min(a.start, b.start), max(a.end, b.end)),
                f"{fmt_number(a.lo)} of {b.describe()}: a part cannot be larger than its whole",
                suggestion="Check the count and the total.",
            )
    yield from _anaphoric_parts(doc, an)
    yield from _parts_exceed(doc, an, opts)


def _anaphoric_parts(doc: Document, an: Analysis) -> Iterator[Hit]:
    """'We saw 85 families. Of those families, 92 were referred': the part outnumbers the
    group named a sentence or two before."""
    last: dict[str, Item] = {}  # noun -> its latest count, so the scan stays linear
    for it in an.items:
        q = it.q
        head = q.block.text[max(0, q.start - 50) : q.start].lower()
        if (
            q.kind in ("count", "number")
            and not q.is_range
            and q.per is None
            and ("of t" in head or "among" in head)
        ):
            m = _ANAPHORIC_WHOLE.search(sentence_before(q.block, q.start)[-50:])
            if m:
                whole = last.get(singular(m.group("n")))
                if (
                    whole is not None
                    and whole.section == it.section
                    and it.sent - whole.sent <= 3
                    and (q.noun is None or q.noun == whole.q.noun or verb_after(q))
                    and q.lo > whole.q.lo
                ):
                    noun = m.group("n")
                    yield Hit(
                        *q.core_span(),
                        f"{fmt_number(q.lo)} of the {noun} counted as {whole.q.describe()} "
                        f"(line {_line(doc, whole.q)}): a part cannot be larger than its whole",
                        suggestion="Check the count and the total.",
                        related=[Related(whole.q.core_span(), f"the whole: {whole.q.text}")],
                    )
        if q.noun and q.kind == "count" and not q.is_range and q.sep != "change":
            last[q.noun] = it


def _sing(w: str) -> str:
    from healthlint.figures.quantities import singular

    return singular(w)


_WHOLE_RE = lazy(
    r"(?:^|\b)(?:of|among|out\s+of|from)\s+(?:the|these|those|all|all\s+the)?\s*$", re.I
)


# "Asked where they mainly exercise, 64% said at home and 52% at the gym": one answer each
_SINGLE_CHOICE = lazy(
    r"\b(?:asked|when\s+asked)\b[^.;:!?\d]{0,60}?\b(?:mainly|mostly|main|usually|most\s+often"
    r"|first|prefer(?:red)?|favou?rite|single|best|one)\b[^.;:!?\d]{0,60}$",
    re.I,
)
_ANSWERED = lazy(
    r"\s+(?:of\s+(?:the\s+)?[a-z]+\s+)?(?:said|chose|picked|named|answered|opted\s+for|"
    r"preferred|replied)\b",
    re.I,
)


def _single_answers(an: Analysis) -> Iterator[Hit]:
    for sent, items in an.by_sent.items():
        shares = [it.q for it in items if it.q.percent and not it.q.is_range]
        if len(shares) < 2 or len(shares) != len(items):
            continue
        block, s, _e = an.sent_text[sent]
        if not _SINGLE_CHOICE.search(block.text[s : shares[0].start]):
            continue
        said = [q for q in shares if _ANSWERED.match(block.text, q.end)]
        if len(said) < 2 or len(said) != len(shares):
            continue
        total = sum(q.lo for q in said)
        if total <= 100.0 + 0.5 * len(said) + 0.5:
            continue
        parts_txt = " + ".join(q.text for q in said)
        yield Hit(
            *block.span(said[0].start, said[-1].end),
            f"{parts_txt} = {fmt_number(total)}%, more than 100% of people asked for one answer "
            "each",
            suggestion="Check the shares; answers to a one-choice question add up to 100% at most.",
        )


def _parts_exceed(doc: Document, an: Analysis, opts: Opts) -> Iterator[Hit]:
    yield from _single_answers(an)
    lex = opts.lex
    groups = lex.exclusive
    tag_re = re.compile(
        r"\s*(?:of\s+(?:them|these|those|(?:the\s+|all\s+)?[a-z]+(?:\s+surveyed)?)\s+)?"
        r"(?:(?:were|are|was|is|had|have|said|reported|saw|felt|received|took|were\s+given"
        r"|became|remained|got|did|answered)\s+)?(?:the\s+|a\s+)?(?P<w>"
        + lex.exclusive_re.pattern
        + ")",
        re.I,
    )
    for sent, items in an.by_sent.items():
        if len(items) < 2:
            continue
        block, s, _e = an.sent_text[sent]
        whole: Quantity | None = None
        first = items[0].q
        if not first.percent and (
            _WHOLE_RE.search(block.text[max(s, first.start - 20) : first.start])
            or re.match(r"\s*[:;—–]", block.text[first.full_end : first.full_end + 3])
        ):
            whole = first  # "Of the 120 adults, ...", "The study enrolled 120 adults: ..."
        parts = items[1:] if whole else items
        tagged: list[tuple[Quantity, str]] = []
        for it in parts:
            q = it.q
            if q.is_range or q.sep == "change" or q.currency or q.unit is not None:
                continue
            if whole is None and not q.percent:
                continue
            m = tag_re.match(block.text, q.end if q.percent else q.tokens[-1].end)
            if m:
                tagged.append((q, m.group("w").lower()))
        if len(tagged) < 2:
            continue
        for g in groups:
            members = [(q, w) for q, w in tagged if re.sub(r"\s+", " ", w) in g]
            shares = [(q, w) for q, w in members if q.percent]
            if shares and len(shares) < len(members):
                continue  # counts and percentages mixed: not one sum
            pct = bool(shares)
            if len({w for _, w in members}) < 2:
                continue
            total = sum(q.lo for q, _ in members)
            limit = whole.lo if whole is not None and not pct else 100.0
            slack = 0.5 * len(members) + 0.5 if pct else 0.0
            if total <= limit + slack:
                continue
            parts_txt = " + ".join(q.text if q.percent else fmt_number(q.lo) for q, _ in members)
            whole_txt = whole.describe() if whole is not None and not pct else "100%"
            yield Hit(
                *block.span(members[0][0].start, members[-1][0].end),
                f"{parts_txt} = {fmt_number(total)}{'%' if pct else ''}, "
                f"more than the whole ({whole_txt}), yet these groups do not overlap",
                suggestion="Check the parts; they should add up to the whole.",
                related=[Related(whole.core_span(), f"the whole: {whole_txt}")]
                if whole and not pct
                else [],
            )
            break


# --- FIG005 units -----------------------------------------------------------------------------


def _measure_name(q: Quantity) -> str:
    """'height' for a height, 'weight' for 'weighed' (a verb names its measure by key)."""
    word = re.sub(r"\s+", " ", q.measure_word)
    if not word or word.startswith("weigh"):
        return q.measure or ""
    return word


_CONVERSION_GAP = lazy(
    r"\s*(?:\(\s*|[,;]?\s*(?:or|i\.e\.,?|that\s+is)\s+|\s*/\s*|\s*=\s*)"
    r"(?:about\s+|approx\.?\s+|approximately\s+|around\s+|roughly\s+|nearly\s+|~\s*|≈\s*)?",
    re.I,
)


_INCHES_AFTER = lazy(r"\s*\d+(?:\.\d+)?\s*(?:in\b|\"|”|′′)")


def _to_celsius(value: float, unit: U.Unit) -> float:
    return (value - 32) / 1.8 if "Fahrenheit" in unit.name else value


def _converted(value: float, src: U.Unit, dst: U.Unit) -> float | None:
    """``value`` in ``src`` expressed in ``dst``, temperature scales included."""
    if src.dim == dst.dim == "[temperature]" and src.factor is None and dst.factor is None:
        c = _to_celsius(value, src)
        return c * 1.8 + 32 if "Fahrenheit" in dst.name else c
    return U.convert(value, src, dst)


def _conversions(doc: Document, an: Analysis, opts: Opts) -> Iterator[Hit]:
    """'3.5 kg (9 lb 2 oz)', '38.2 °C (106 °F)': a figure and its conversion disagree."""
    items = an.items
    for a_it, b_it in zip(items, items[1:], strict=False):
        a, b = a_it.q, b_it.q
        if a.block is not b.block or a.unit is None or b.unit is None or a.unit is b.unit:
            continue
        if a.unit.dim != b.unit.dim or a.unit.dim == "[time]" or "change" in (a.sep, b.sep):
            continue
        if a.is_range != b.is_range:
            continue
        if (a.per, a.freq, a.per_size) != (b.per, b.freq, b.per_size) and not (
            b.per is None and a.full_end == a.end and b.block.text[a.end : b.start].strip() == "("
        ):  # "each softgel contains 1.5 g (150 mg)": the rate comes from the subject
            continue  # "500 mg twice a day, 1 g a day" is a rate restated (FIG001)
        if not _CONVERSION_GAP.fullmatch(a.block.text[a.full_end : b.start]):
            continue
        if _INCHES_AFTER.match(b.block.text, b.end):
            continue  # "5 ft 11 in": the inches are not read as a unit
        temp = a.unit.dim == "[temperature]" and "degree_difference" not in (
            a.unit.name,
            b.unit.name,
        )
        bad = []
        for va, vb in ((a.low, b.low), (a.high, b.high)):
            got = _converted(va, a.unit, b.unit)
            if got is None:
                break
            step = 10 ** (-b.decimals) / 2
            if temp:
                slack = 0.3 * (1.8 if "Fahrenheit" in b.unit.name else 1) + step
                off = abs(got - vb) > slack
            else:
                rel = 0.2 if (a.qualifier == "approx" or b.qualifier == "approx") else 0.12
                off = abs(got - vb) > max(step, rel * max(abs(got), abs(vb)))
            bad.append((off, got))
        if len(bad) != 2 or not any(off for off, _ in bad):
            continue
        lo, hi = bad[0][1], bad[1][1]
        yield Hit(
            *b.core_span(),
            f"{describe(a.low, a.high, a)} is {describe(lo, hi, b)}, but the conversion "
            f"given is {_quote(b)}",
            suggestion="Recompute the conversion, or correct the figure it converts.",
            related=[Related(a.core_span(), describe(a.low, a.high, a))],
            data={"converted": [lo, hi], "stated": [b.low, b.high]},
        )


def check_units(doc: Document, opts: Opts) -> Iterator[Hit]:
    """'weight of 4-10 inches': the unit's dimension does not fit what is measured; '3.5 kg
    (9 lb)': a conversion that does not hold."""
    an = analyse(doc, opts)
    yield from _conversions(doc, an, opts)
    for it in an.items:
        q = it.q
        if q.measure is None or q.unit is None or q.measure_span is None:
            continue
        dims = opts.lex.measure_dims.get(q.measure, ())
        if not dims or "currency" in dims or q.unit.dim in dims or q.unit.dim == "[time]":
            continue
        want = " or ".join(U.dimension_name(d) for d in dims)
        have = U.dimension_name(q.unit.dim)
        s, e = q.measure_span
        words = q.block.text[s:e]
        m = U.alias_regex().search(q.text)
        unit_word = m.group() if m else q.unit.symbol
        yield Hit(
            *q.block.span(s, e),
            f"'{words}': {_measure_name(q)} is a {want}, but {unit_word} measure {have}",
            suggestion=f"Give the {q.measure} in a unit of {want}, or say what the {unit_word} measure.",
            data={"measure": q.measure, "unit": q.unit.name, "dimension": q.unit.dim},
        )


# --- FIG006 ranges ----------------------------------------------------------------------------


_AVERAGE_AFTER = lazy(
    r"[^.;!?\d]{0,40}?\b(?:an?\s+|the\s+)?(?:average|mean|median|midpoint|typical)"
    r"(?:(?:\s+(?:of|is|was|cost|price|fee|charge|dose|stay|time))*\s*(?:of|is|was|:)?"
    r"|(?:\s+[a-z-]+){1,2}\s+(?:of|is|was|were))\s*$",
    re.I,
)
_AVERAGE_WORD = lazy(r"(?:an?\s+)?(?:average|mean|median)\b", re.I)
_RANGE_AFTER = lazy(
    r"\s*[(,;:—–-]\s*(?:with\s+a\s+|a\s+|the\s+)?(?:range|ranging|ranges)\s*(?:from|of|:|is)?\s*",
    re.I,
)


def _average_outside(an: Analysis) -> Iterator[Hit]:
    """'$80-$120 per session, an average of $150': the average lies outside the range."""
    items = an.items
    for a_it, b_it in zip(items, items[1:], strict=False):
        a, b = a_it.q, b_it.q
        if a.block is not b.block or a_it.sent != b_it.sent or "change" in (a.sep, b.sep):
            continue
        gap = a.block.text[a.full_end : b.start]
        said_avg = _AVERAGE_AFTER.fullmatch(gap) or (
            _AVERAGE_WORD.match(b.text) and _AVERAGE_AFTER.fullmatch(gap + " average ")
        )
        if a.is_range and not b.is_range and said_avg:
            rng, avg = a, b
        elif b.is_range and not a.is_range and _RANGE_AFTER.fullmatch(gap):
            rng, avg = b, a
        else:
            continue
        if rng.lo > rng.hi or _same_measure(avg, rng) != 1.0 or avg.qualifier in ("gt", "lt"):
            continue
        if avg.per is not None and (avg.per, avg.freq) != (rng.per, rng.freq):
            continue  # "$80-$120 a session, $1,000 a course on average": different things
        slack = 0.05 if avg.qualifier == "approx" else 0.0
        if rng.low * (1 - slack) - 1e-9 <= avg.lo <= rng.high * (1 + slack) + 1e-9:
            continue
        yield Hit(
            *avg.core_span(),
            f"{_quote(avg)} lies outside the range it summarises, {rng.describe()}: an average "
            "cannot be below the lowest or above the highest value",
            suggestion="Check the average and the ends of the range.",
            related=[Related(rng.core_span(), rng.describe())],
        )


def check_range(doc: Document, opts: Opts) -> Iterator[Hit]:
    """'$300-200', '10-8 sessions': a range that runs backwards; an average outside its range."""
    an = analyse(doc, opts)
    lex = opts.lex
    people = lex.people_nouns
    yield from _average_outside(an)
    for it in an.items:
        q = it.q
        if q.sep not in ("-", "to", "between") or q.lo <= q.hi:
            continue
        countable = q.noun is not None and (
            q.noun in lex.course_nouns or q.noun in people or _plural_in(q.noun, people)
        )
        if not (q.currency or q.unit is not None or q.percent or countable):
            continue
        if q.sep == "to":
            sentence_before = q.block.text[max(0, q.start - 60) : q.start]
            if lex.change_word.search(sentence_before):
                continue
        yield Hit(
            *q.core_span(),
            f"{_quote(q)} runs backwards: {fmt_number(q.lo)} is more than {fmt_number(q.hi)}",
            suggestion=f"Write the range low to high: {describe(q.hi, q.lo, q)}.",
        )


def _plural_in(noun: str, people: frozenset[str]) -> bool:
    return plural(noun) in people


# --- FIG007 conflicting values ----------------------------------------------------------------


_VARIATION = lazy(
    r"\b(?:some|others|other\s+people|a\s+few|few|many|occasionally|sometimes|rarely|in\s+some\s+cases"
    r"|if|unless|may|might)\b[^.;,]*$",
    re.I,
)


def _course_statement(q: Quantity, lex: Lexicon) -> bool:
    if q.kind != "count" or q.noun not in lex.course_nouns or q.per is not None:
        return False
    if q.sep == "change" or any(m in lex.partial_modifiers for m in q.modifiers):
        return False
    text = q.block.text
    before = text[max(0, q.start - 40) : q.start]
    if lex.milestone_cue.search(before):
        return False
    if _VARIATION.search(before):
        return False  # "though some need 10 sessions": variation, not the usual course
    # the cue must be in the same sentence
    for sm in re.finditer(r"[.!?;]\s", before):
        before = before[sm.end() :]
    if _COURSE_IS.search(sentence_before(q.block, q.start)[-90:]):
        return True  # "a standard course of radiotherapy for this cancer is 20 to 25 sessions"
    after = text[q.full_end : q.full_end + 40]
    if re.match(
        r"\s*(?:in\s+total|in\s+all|altogether|(?:are|is)\s+(?:usually\s+|typically\s+|often\s+)?"
        r"(?:needed|required|recommended|typical|enough))\b",
        after,
        re.I,
    ):
        return True
    return bool(lex.course_cue.search(before))


_COURSE_IS = lazy(
    r"\bcourse\b[^.;!?\d]{0,60}?\b(?:is|are|involves?|consists\s+of|comprises?|of)\s+"
    r"(?:about\s+|around\s+|usually\s+|typically\s+)?$",
    re.I,
)
_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_FINAL_ORDINAL = lazy(
    rf"\b(?:(?P<o1>{'|'.join(_ORDINALS)})\s+and\s+(?:final|last)"
    rf"|(?:final|last),?\s+(?P<o2>{'|'.join(_ORDINALS)}))\s+(?P<noun>[a-z]+)\b",
    re.I,
)
_THING_MODS = {"first": "first", "initial": "first", "introductory": "first"}
_THING_MODS.update({"follow-up": "follow-up", "second": "second", "final": "last", "last": "last"})
_MOD_ALT = "first|initial|introductory|follow-up|second|final|last|full|standard|usual|whole|entire"
_SUBJECT_THING = lazy(
    rf"(?:^|\b(?:the|your|our|a|an|each|this|every)\s+)(?P<mods>(?:(?:{_MOD_ALT})\s+)*)"
    r"(?:[a-z]+\s+)??(?P<noun>[A-Za-z]+)\s+(?:(?:from|after|for|of)\s+(?:the\s+|an?\s+|your\s+)?[a-z]+\s+)?"
    r"(?:(?:will|usually|typically|normally|should|generally|can)\s+)?"
    r"(?:lasts?|takes?|costs?|runs?\s+for|is|are)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|just\s+)?$",
    re.I,
)
_ATTRIBUTIVE_THING = lazy(
    rf"\s+(?P<mods>(?:(?:{_MOD_ALT})\s+)*)(?P<noun>[a-z]+)(?:\s+(?:fee|charge|cost|price))?\b",
    re.I,
)


_PROGRAMMES = frozenset(
    ["course", "treatment", "programme", "program", "plan", "regimen", "cycle", "recovery"]
)


def _thing(mods: str, noun: str, lex: Lexicon) -> str | None:
    noun = singular(noun.lower())
    if noun not in lex.course_nouns and noun not in _PROGRAMMES:
        return None
    kept = [_THING_MODS[m] for m in mods.lower().split() if m in _THING_MODS]
    return " ".join([*kept, noun])


def _statement_key(q: Quantity, lex: Lexicon) -> tuple[str, str] | None:
    """What a figure states the size of: ('course', 'session') for the number of sessions in
    a course; ('first appointment', 'time') for how long the first appointment lasts."""
    if q.sep == "change" or (q.per is not None and q.per not in lex.course_nouns):
        return None
    if q.kind == "count":
        return ("#course", q.noun or "") if _course_statement(q, lex) else None
    if not (q.currency or (q.unit is not None and q.unit.dim == "[time]")):
        return None
    before = sentence_before(q.block, q.start)
    dim = q.currency or "time"
    thing = None
    m = _SUBJECT_THING.search(before[-80:])
    if m:
        thing = _thing(m.group("mods"), m.group("noun"), lex)
    else:
        m = _ATTRIBUTIVE_THING.match(q.block.text, q.end)
        if m and (q.currency or q.block.text[q.tokens[-1].end : q.tokens[-1].end + 1] == "-"):
            thing = _thing(m.group("mods"), m.group("noun"), lex)
    if thing is None or _VARIATION.search(before[-60:]):
        return None  # "your doctor may extend it to 14 days": variation, not the figure
    return (thing, dim)


def _final_ordinals(an: Analysis, lex: Lexicon) -> Iterator[Quantity]:
    """'after your third and final dose': the course has three doses."""
    seen: set[int] = set()
    for block, _s, _e in an.sent_text.values():
        if id(block) in seen or not block.in_main:
            continue
        seen.add(id(block))
        low = block.text.lower()
        if "final" not in low and "last" not in low:
            continue
        for m in _FINAL_ORDINAL.finditer(block.text):
            noun = singular(m.group("noun"))
            if noun not in lex.course_nouns:
                continue
            n = _ORDINALS[(m.group("o1") or m.group("o2")).lower()]
            q = Quantity(block, m.start(), m.end(), m.start(), float(n), float(n), noun=noun)
            q.full_end = m.end()
            yield q


def _value_interval(q: Quantity, key: tuple[str, str], opts: Opts) -> tuple[float, float]:
    lo, hi = _interval(q)
    if key[1] == "time" and q.unit is not None:
        f = U.convert(1.0, q.unit, U.units()["minute"]) or 1.0
        lo, hi = lo * f, hi * f
    tol = opts.approx_tolerance if q.qualifier == "approx" else 0.0
    return lo * (1 - tol), hi * (1 + tol)


@dataclass(eq=False)
class _Extremes:
    """The two highest lows and two lowest highs seen for one key, from different sentences:
    enough to find a conflict with any earlier statement in constant time."""

    lows: list[tuple[float, int, Quantity]] = field(default_factory=list)
    highs: list[tuple[float, int, Quantity]] = field(default_factory=list)

    def add(self, lo: float, hi: float, sent: int, q: Quantity) -> None:
        self.lows = _keep(self.lows, (lo, sent, q), reverse=True)
        self.highs = _keep(self.highs, (hi, sent, q), reverse=False)


def _keep(
    items: list[tuple[float, int, Quantity]], new: tuple[float, int, Quantity], reverse: bool
) -> list[tuple[float, int, Quantity]]:
    merged = sorted([*items, new], key=lambda t: t[0], reverse=reverse)
    out: list[tuple[float, int, Quantity]] = []
    for t in merged:
        if not out or t[1] != out[0][1]:
            out.append(t)
        if len(out) == 2:
            break
    return out


def check_conflict(doc: Document, opts: Opts) -> Iterator[Hit]:
    """The same figure stated twice with values that cannot both hold: the number of sessions
    in a course, how long the first appointment lasts, what the initial consultation costs."""
    an = analyse(doc, opts)
    lex = opts.lex
    stated: list[tuple[int, int, Quantity, tuple[str, str]]] = []
    for it in an.items:
        key = _statement_key(it.q, lex)
        if key is not None:
            stated.append((it.sent, it.section, it.q, key))
    finals = list(_final_ordinals(an, lex))
    if finals:
        sent_of_block = {id(b): i for i, (b, _s, _e) in an.sent_text.items()}
        section_of = {id(it.q.block): it.section for it in an.items}
        for q in finals:
            sent = _sentence_index(an, q, sent_of_block)
            stated.append((sent, section_of.get(id(q.block), 0), q, ("#course", q.noun or "")))
        stated.sort(key=lambda t: (t[0], t[2].start))
    seen: dict[tuple[str, str, int], _Extremes] = defaultdict(_Extremes)
    for sent, section, q, key in stated:
        lo, hi = _value_interval(q, key, opts)
        # the size of the course holds for the whole article; what one visit lasts or costs is
        # compared within its section (a page may compare several treatments)
        ext = seen[(*key, -1 if key[0] == "#course" else section)]
        prev = next((t[2] for t in ext.lows if t[1] != sent and hi < t[0] - 1e-9), None)
        if prev is None:
            prev = next((t[2] for t in ext.highs if t[1] != sent and lo > t[0] + 1e-9), None)
        if prev is not None:
            what = f"the number of {plural(key[1])}" if key[0] == "#course" else _what(key)
            yield Hit(
                *q.core_span(),
                f"{_quote(q)} conflicts with {_quote(prev)} (line {_line(doc, prev)}): "
                f"{what} is given two different ways",
                suggestion="Give one figure throughout, or explain the difference.",
                related=[Related(prev.core_span(), f"first given as {prev.text}")],
            )
        ext.add(lo, hi, sent, q)
    yield from _all_enrolled(doc, an, lex)


_ENROLLED_BEFORE = lazy(
    r"\b(?:enrol(?:l)?ed|recruited|randomi[sz]ed|signed\s+up)\s+(?:a\s+total\s+of\s+)?$", re.I
)
_ALL_BEFORE = lazy(r"(?:^|[^\w\s]\s*|\s)(?:all|all\s+of\s+the|each\s+of\s+the)\s+$", re.I)
_WHOLE_GROUP_AFTER = lazy(
    r"\s*(?:[,.;:]|(?:have|had|were|was|are|completed|finished|received|took|underwent|attended"
    r"|answered|returned|reported|gave|filled)\b)",
    re.I,
)
_STUDY_PEOPLE = frozenset(["participant", "patient", "subject", "volunteer", "person"])


def _all_enrolled(doc: Document, an: Analysis, lex: Lexicon) -> Iterator[Hit]:
    """'The study enrolled 320 adults. All 350 participants completed ...': everyone in a study
    counted two ways, a few sentences apart."""
    people = people_singular(lex)
    last: Item | None = None
    for it in an.items:
        q = it.q
        if q.kind != "count" or q.is_range or q.qualifier or q.noun not in people:
            continue
        before = q.block.text[max(0, q.start - 40) : q.start]
        if _ENROLLED_BEFORE.search(before):
            last = it
            continue
        if last is None or not _ALL_BEFORE.search(before[-15:]):
            continue
        if it.section != last.section or it.sent - last.sent > 3 or it.sent == last.sent:
            continue
        e = last.q
        if q.noun != e.noun and q.noun not in _STUDY_PEOPLE:
            continue
        if q.lo == e.lo or not _WHOLE_GROUP_AFTER.match(q.block.text, q.full_end):
            continue  # "all 200 patients in the treatment arm" is a part of the study
        yield Hit(
            *q.core_span(),
            f"{_quote(q)} conflicts with {_quote(e)} (line {_line(doc, e)}): the number of "
            "people in the study is given two different ways",
            suggestion="Give one figure throughout, or say who was added or left out.",
            related=[Related(e.core_span(), f"first given as {e.text}")],
        )


def _what(key: tuple[str, str]) -> str:
    thing, dim = key
    return f"how long the {thing} lasts" if dim == "time" else f"the cost of the {thing}"


def _sentence_index(an: Analysis, q: Quantity, first_sent: dict[int, int]) -> int:
    """Index of the sentence of ``q`` (a quantity made outside ``analyse``)."""
    last = first_sent.get(id(q.block), 0)
    for i in range(last, -1, -1):
        block, s, _e = an.sent_text[i]
        if block is q.block and s <= q.start:
            return i
    return last


# --- FIG008 weight-loss rate ------------------------------------------------------------------

_IN_DURATION = lazy(
    r"(?:\s+(?:lighter|slimmer))?\s+(?:in|within|over|during)\s+(?:(?:just|only|the|their|your|its|our|a\s+single)\s+)*"
    r"(?:(?:(?P<a>an?|one|first)\s+)+(?P<unit>day|week|fortnight|month|year)\b)?",
    re.I,
)


# "2.5 kg lost every week": the loss verb and its period after the amount
_LOST_EVERY = lazy(
    r"\s+(?:of\s+(?:weight|fat)\s+)?(?:lost|shed|dropped|off)\s+(?:each|every|per|a)\s+"
    r"(?P<unit>day|week|fortnight|month)\b",
    re.I,
)


def check_weight_loss(doc: Document, opts: Opts) -> Iterator[Hit]:
    """Weight loss faster than about 2 lb (1 kg) a week, sustained (FTC Gut Check, CAP 13.10)."""
    an = analyse(doc, opts)
    lex = opts.lex
    units = U.units()
    kg = units["kilogram"]
    week = units["week"]
    items = an.items
    for idx, it in enumerate(items):
        q = it.q
        if q.unit is None or q.unit.dim != "[mass]" or q.qualifier in ("lt",) or q.sep == "change":
            continue
        sentence, s0 = _sentence(an, it)
        rel = q.start - s0
        before = sentence[max(0, rel - 45) : rel]
        every = _LOST_EVERY.match(q.block.text, q.end) if q.per is None else None
        if (
            not every
            and not lex.loss_verb.search(before)
            and not re.match(
                r"\s+(?:of\s+)?(?:weight|body\s*weight|fat)\b|\s+(?:lighter|slimmer)\b",
                q.block.text[q.end : q.end + 20],
                re.I,
            )
        ):
            continue
        if lex.loss_exempt.search(sentence):
            continue
        weeks: float | None = None
        if q.per is not None and q.per in units and units[q.per].dim == "[time]":
            weeks = U.convert(q.per_size, units[q.per], week)
            if q.freq != 1 and weeks:
                weeks /= q.freq
        elif every:
            weeks = U.convert(1.0, units[every.group("unit").lower()], week)
        else:
            m = _IN_DURATION.match(q.block.text, q.full_end)
            if m and m.group("unit"):
                weeks = U.convert(1.0, units[m.group("unit").lower()], week)
            elif m:
                nxt = items[idx + 1].q if idx + 1 < len(items) else None
                if (
                    nxt is not None
                    and nxt.block is q.block
                    and nxt.start == m.end()
                    and nxt.unit is not None
                    and nxt.unit.dim == "[time]"
                ):
                    weeks = U.convert(nxt.high, nxt.unit, week)
            if weeks is not None and weeks < opts.min_weeks - 1e-9:
                continue
        if not weeks:
            continue
        amount_kg = U.convert(q.high, q.unit, kg)
        if amount_kg is None:
            continue
        rate = amount_kg / weeks
        if rate <= opts.max_kg_per_week + 1e-6:
            continue
        lb = rate / 0.45359237
        yield Hit(
            *q.block.span(q.start, q.full_end),
            f"'{q.block.text[q.start : q.full_end]}' is about {fmt_number(round(lb, 1))} lb "
            f"({fmt_number(round(rate, 1))} kg) a week; regulators treat claims of losing more than "
            f"2 lb (1 kg) a week as implausible (FTC Gut Check, CAP Code 13.10)",
            suggestion="Remove the rate, or give a rate of 1-2 lb (0.5-1 kg) a week with evidence.",
            data={"kg_per_week": rate},
        )
