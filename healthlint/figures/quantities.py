"""Find quantities in block text: numbers with ranges, qualifiers, units, nouns and rates.

Ranges stay ranges ("$200-300" is 200 to 300 dollars, never 500 or 250): general quantity
extractors collapse them, which is exactly the mistake these rules look for. Every pattern is
linear: numbers are found by one regex, then the short gaps between them are classified.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from healthlint.document import Block
from healthlint.figures import units as U
from healthlint.figures.lazyre import lazy
from healthlint.figures.lexicon import Lexicon

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i + 1 for i, w in enumerate(_ONES)}
WORD_VALUES.update({w: i + 10 for i, w in enumerate(_TEENS)})
WORD_VALUES.update({w: (i + 2) * 10 for i, w in enumerate(_TENS)})
WORD_VALUES.update({"zero": 0, "dozen": 12, "hundred": 100, "once": 1, "twice": 2, "thrice": 3})
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALES.update({"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000})

_WORDNUM = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?"
    rf"|{'|'.join(_TEENS)}|{'|'.join(_ONES)}|zero|a\s+dozen|dozen|a\s+hundred)"
)
_HALF = (
    r"half\s+an?(?=\s+(?:hour|day|week|month|year|pound|kilo|kg|stone|litre|liter|cup|teaspoon"
    r"|tablespoon|tablet|dose|mile)\b)"
)
NUM_RE = lazy(
    r"(?<![\w.,$£€])(?<![A-Za-z]-)"
    r"(?:(?P<cur>US\$|[$£€])\s?)?"
    r"(?:(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?!\d)"
    rf"|(?P<word>(?i:half\s+a\s+dozen|{_HALF}|{_WORDNUM}|once|twice|thrice))(?![\w-]))"
    r"(?P<scale>\s?(?:k|m|bn)(?![\w])|\s(?i:hundred|thousand|million|billion)(?![\w]))?"
)
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR"}
_CUR_WORD_RE = lazy(r"\s?(?P<w>US\s+dollars|dollars?|USD|euros?|EUR|GBP)(?![A-Za-z])", re.I)
_CUR_WORDS = {"usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD"}
_CUR_WORDS.update({"euro": "EUR", "euros": "EUR", "eur": "EUR", "gbp": "GBP"})
_PERCENT_RE = lazy(
    r"\s?(?:%|(?i:per\s?cent|percentage\s+points?|percentage\s+point|percent)(?![A-Za-z]))"
)
_DASH_GAP = lazy(r"^\s*[-–—‐−]\s*$")
_TO_GAP = lazy(r"^\s+to\s+$", re.I)
_AND_GAP = lazy(r"^\s+and\s+$", re.I)
_OR_GAP = lazy(r"^\s+or\s+$", re.I)
_FROM_BEFORE = lazy(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|an?\s+average\s+of\s+)?$", re.I
)
_BETWEEN_BEFORE = lazy(r"\bbetween\s+(?:about\s+|around\s+|roughly\s+)?$", re.I)

_QUALIFIERS = {
    "max": "up to|no more than|not more than|at most|a maximum of|maximum of|max\\.?|as much as"
    "|as many as|not exceed|do not exceed|never exceed|capped at|limit of|as high as",
    "lt": "under|below|less than|fewer than",
    "min": "at least|a minimum of|minimum of|no less than|no fewer than|upwards of|starting at"
    "|starting from|from just|as little as|as low as",
    "gt": "more than|over|above|in excess of|greater than",
    "approx": "about|around|approximately|approx\\.?|roughly|some|nearly|almost|close to"
    "|an estimated|estimated|~|≈|an average of|on average|average of|averaging|averagely|typically"
    "|usually|generally|just over|just under",
}
_QUAL_RE = lazy(
    r"(?:^|(?<=[\s(]))(?P<q>"
    + "|".join(f"(?P<{k}>{v})" for k, v in _QUALIFIERS.items())
    + r")\s*$",
    re.I,
)
_SUFFIX_QUAL_RE = lazy(
    r"(?:\s*\+|\s+or\s+(?P<min>more|higher|above|over|greater|longer|so|thereabouts)"
    r"|\s+or\s+(?P<max>less|lower|fewer|under|below|shorter)"
    r"|\s+(?P<plus>plus)(?![\w]))",
    re.I,
)
_WORD_RE = lazy(r"\s*(?P<w>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_STOP_WORDS = (
    "a an the of to in on at for and or but with by from as is are was were be been this that "
    "these those it its their his her our your my per each every than then so if when while "
    "which who whom whose what where why how not no nor also out had have has did do does "
    "just only very more most less least times time percent cent points point"
)
_STOP = frozenset(_STOP_WORDS.split())
_FREQ_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_ADVERB_RATES = {
    "daily": "day",
    "nightly": "day",
    "weekly": "week",
    "fortnightly": "fortnight",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
    "hourly": "hour",
}
_RATE_RE = lazy(
    r"\s*(?:(?P<freq>once|twice|thrice|(?P<fn>\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+times)\s+)?"
    r"(?:(?P<prep>per|an?|each|every|/|a\s+single)\s*(?:(?P<k>\d+|two|three|four|five|six|eight|ten|twelve)\s+)?"
    r"(?P<den>[A-Za-z]+)(?![\w-])|(?P<adv>daily|nightly|weekly|fortnightly|monthly|yearly|annually"
    r"|hourly)(?![\w-]))",
    re.I,
)
_EACH_AFTER = lazy(r"\s*(?:each|apiece|a\s+time|a\s+go)(?![\w-])", re.I)
_SUBJECT_BEFORE = lazy(
    r"(?:^|\b(?:each|per|every|an?|one|single)\s+)(?:[A-Za-z-]+\s+)??(?P<noun>[A-Za-z]+)"
    r"(?:\s+(?:of|with|on|for|at)\s+[A-Za-z-]+(?:\s+[A-Za-z-]+){0,2})?"
    r"\s+(?:(?:will|can|may|might|could|would|should|usually|typically|generally|often|normally)\s+)?"
    r"(?:costs?|is|are|runs?|priced\s+at|charged\s+at|sets?\s+you\s+back|comes?\s+(?:in\s+)?at)"
    r"\b[^.;:!?]*$",
    re.I,
)
_PLURAL_SUBJECT = lazy(
    r"\b(?P<noun>[A-Za-z]+s)\s+(?:(?:will|can|may|usually|typically|generally|often|normally)\s+)?"
    r"(?:cost|are|run|come\s+in\s+at|are\s+priced\s+at)\b[^.;:!?]*$",
    re.I,
)
_OF_PRICE = lazy(r"\s+of\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?")
_AT_BEFORE = lazy(r"\bat\s+(?:about\s+|around\s+|roughly\s+)?$", re.I)
_FRACTION_GAP = lazy(r"^\s+(?P<kind>of|out\s+of|in)(?:\s+(?:the|every|all|all\s+the))?\s+$", re.I)


def singular(word: str) -> str:
    """Rough English singular for matching nouns ("sessions" -> "session")."""
    w = word.lower().replace("’", "'")
    irregular = {
        "people": "person",
        "women": "woman",
        "men": "man",
        "children": "child",
        "feet": "foot",
        "teeth": "tooth",
        "mice": "mouse",
        "series": "series",
        "times": "time",
    }
    if w in irregular:
        return irregular[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def fmt_number(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    value: float
    currency: str | None
    word: bool
    decimals: int


@dataclass(eq=False)
class Quantity:
    """A number, or a range of two, with what the text says about it. Offsets index block.text."""

    block: Block
    start: int  # qualifier (if any) + number(s) + unit or noun
    end: int
    num_start: int
    lo: float  # the first value as written
    hi: float  # the second value as written (== lo for a single value)
    sep: str = ""  # "-", "to", "between", "or", "change" (from A to B after a change verb), ""
    currency: str | None = None
    unit: U.Unit | None = None
    percent: bool = False
    points: bool = False  # "percentage points"
    noun: str | None = None  # singular noun counted ("session")
    modifiers: tuple[str, ...] = ()
    per: str | None = None  # rate denominator: a noun ("session") or a time unit name ("week")
    per_size: float = 1.0  # "every 2 weeks" -> 2
    freq: float = 1.0  # "twice a day" -> 2
    qualifier: str | None = None  # max | lt | min | gt | approx
    suffix_qualifier: str | None = None  # min | max ("or more", "or less")
    measure: str | None = None  # measured thing key ("weight")
    measure_span: tuple[int, int] | None = None
    measure_word: str = ""  # the words that named it ("height", "weighed")
    full_end: int = 0  # past rate and suffix qualifier
    decimals: int = 0
    word_number: bool = False
    tokens: list[Token] = field(default_factory=list)

    @property
    def low(self) -> float:
        return min(self.lo, self.hi)

    @property
    def high(self) -> float:
        return max(self.lo, self.hi)

    @property
    def is_range(self) -> bool:
        return self.sep in ("-", "to", "between", "or")

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def kind(self) -> str:
        if self.currency:
            return "money"
        if self.percent:
            return "percent"
        if self.unit is not None:
            return "measure"
        if self.noun:
            return "count"
        return "number"

    @property
    def what(self) -> str | None:
        """What the number counts or is measured in: a currency, a unit name, percent, a noun."""
        if self.currency:
            return self.currency
        if self.percent:
            return "percent"
        if self.unit is not None:
            return self.unit.name
        return self.noun

    def span(self) -> tuple[int, int]:
        return self.block.span(self.start, self.end)

    def core_span(self) -> tuple[int, int]:
        """Source span of the words to point at."""
        return self.block.span(self.start, self.end)

    def describe(self, value_lo: float | None = None, value_hi: float | None = None) -> str:
        """'$200–300', '8–10 sessions', '4–10 inches' (en dash for ranges)."""
        lo = self.low if value_lo is None else value_lo
        hi = self.high if value_hi is None else value_hi
        return describe(lo, hi, self)


def describe(lo: float, hi: float, like: Quantity, noun: str | None = None) -> str:
    """Format a value or range in the way ``like`` is written."""
    same = abs(lo - hi) < 1e-9
    if like.currency:
        sym = {"USD": "$", "GBP": "£", "EUR": "€"}.get(like.currency, like.currency + " ")
        return f"{sym}{fmt_number(lo)}" if same else f"{sym}{fmt_number(lo)}–{sym}{fmt_number(hi)}"
    num = fmt_number(lo) if same else f"{fmt_number(lo)}–{fmt_number(hi)}"
    if like.percent:
        return num + ("%" if not like.points else " percentage points")
    if like.unit is not None:
        text = like.block.text[like.start : like.end]
        found = U.alias_regex().findall(text)  # the last: '9 lb 2 oz' is counted in ounces
        label = found[-1] if found else like.unit.symbol
        return f"{num} {label}"
    if noun or like.noun:
        n = noun or like.noun or ""
        return f"{num} {n if same and abs(lo - 1) < 1e-9 else plural(n)}"
    return num


def plural(noun: str) -> str:
    irregular = {"person": "people", "woman": "women", "man": "men", "child": "children"}
    if noun in irregular:
        return irregular[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def word_value(text: str) -> float:
    parts = re.split(r"[-\s]+", text.lower())
    if parts[0] == "half":
        return 6.0 if parts[-1] == "dozen" else 0.5
    total = 0.0
    for p in parts:
        if p == "a":
            continue
        if p == "hundred":
            total = (total or 1) * 100
        else:
            total += WORD_VALUES.get(p, 0)
    return total


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for m in NUM_RE.finditer(text):
        if m.group("num"):
            raw = m.group("num")
            value = float(raw.replace(",", ""))
            decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
            word = False
        else:
            raw = m.group("word")
            value = word_value(raw)
            decimals = 0
            word = True
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            if scale in ("m", "k", "bn") and not m.group("cur"):
                # "5 m" is metres, "3 k" is rare outside money: only scale money
                out.append(
                    _token(
                        m, value, decimals, word, end=m.end("num") if not word else m.end("word")
                    )
                )
                continue
            value *= _SCALES[scale]
        end = m.end()
        nxt = text[end : end + 1]
        if nxt.isalpha() and not scale and not U.alias_regex().match(text, end):
            continue  # "3rd", "10am", "COVID19"
        out.append(_token(m, value, decimals, word, end=end))
    return out


def _token(m: re.Match[str], value: float, decimals: int, word: bool, end: int) -> Token:
    cur = m.group("cur")
    return Token(m.start(), end, value, CURRENCY_SYMBOLS.get(cur) if cur else None, word, decimals)


def _unit_at(text: str, pos: int) -> tuple[str, object, int] | None:
    """('currency'|'percent'|'unit', payload, end) for a unit written at ``pos``."""
    m = _PERCENT_RE.match(text, pos)
    if m:
        return ("percent", "points" in m.group().lower(), m.end())
    m = _CUR_WORD_RE.match(text, pos)
    if m:
        return (
            "currency",
            _CUR_WORDS.get(re.sub(r"\s+", " ", m.group("w").lower()), "USD"),
            m.end(),
        )
    start = pos + 1 if text[pos : pos + 1].isspace() else pos
    um = U.alias_regex().match(text, start)
    if um:
        unit = U.lookup(um.group())
        if unit is not None:
            return ("unit", unit, um.end())
    if text.startswith("-", pos):  # "a 10-day course", "the 45-minute appointment"
        um = U.alias_regex().match(text, pos + 1)
        unit = U.lookup(um.group()) if um else None
        if (
            um
            and unit is not None
            and unit.dim == "[time]"
            and text[um.end() : um.end() + 1] == " "
        ):
            return ("unit", unit, um.end())
    return None


_YEAR_BEFORE = lazy(r"\b(?:in|since|by|until|till)\s+$", re.I)


def _year_in(text: str, t: Token) -> bool:
    """'40,000 in 2015 to 32,000 in 2022': a year in a phrase, not a quantity."""
    return (
        t.end - t.start == 4
        and not t.word
        and 1900 <= t.value <= 2100
        and bool(_YEAR_BEFORE.search(text, max(0, t.start - 7), t.start))
        and not text[t.end : t.end + 2].strip(" ").startswith(("%", "-"))
    )


# "lose a stone a fortnight", "shed half a kilo a week": an article is the number one
_ARTICLE_MASS = lazy(
    r"\b(?:lose|loses|losing|lost|shed|sheds|shedding|drop|drops|dropping|dropped)\s+"
    r"(?:(?:up\s+to|as\s+much\s+as|about|around|nearly|almost|over|more\s+than)\s+)?"
    r"(?P<a>an?|half\s+an?)\s+(?=(?:stone|pound|kilo|kilogram|kg|lb)\b)",
    re.I,
)


def extract(block: Block, lex: Lexicon) -> list[Quantity]:
    """All quantities of a block, in order."""
    text = block.text
    toks = _compound(text, tokens(text))
    toks = [t for t in toks if not _year_in(text, t)]
    low = text.lower()
    if "los" in low or "shed" in low or "drop" in low:
        extra = [
            Token(
                m.start("a"),
                m.end("a"),
                0.5 if m.group("a").lower().startswith("half") else 1.0,
                None,
                True,
                0,
            )
            for m in _ARTICLE_MASS.finditer(text)
        ]
        if extra:
            toks = sorted(toks + extra, key=lambda t: t.start)
    out: list[Quantity] = []
    i = 0
    covered = 0
    while i < len(toks):
        t1 = toks[i]
        if t1.start < covered:  # "three" in "250 mg three times a day"
            i += 1
            continue
        group = [t1]
        sep = ""
        if i + 1 < len(toks):
            t2 = toks[i + 1]
            sep = _range_sep(text, t1, t2, lex)
            if sep:
                group.append(t2)
        q = _build(block, text, group, sep, lex)
        if q is not None:
            out.append(q)
            covered = q.full_end
        i += len(group)
    out = _count_of_doses(text, out, lex)
    _link_money_subjects(text, out, lex)
    return out


def _count_of_doses(text: str, qs: list[Quantity], lex: Lexicon) -> list[Quantity]:
    """'two 500 mg tablets four times a day' is 1,000 mg four times a day."""
    drop: set[int] = set()
    for i in range(1, len(qs)):
        n, q = qs[i - 1], qs[i]
        if n.kind != "number" or n.is_range or q.unit is None or q.unit.dim == "[time]":
            continue
        if text[n.end : q.start].strip() or q.is_range:
            continue
        fm = _FORM_WORD.match(text, q.end)
        if not fm or singular(fm.group("w")) not in lex.dose_forms or n.lo == 1:
            continue
        q.lo, q.hi = q.lo * n.lo, q.hi * n.lo
        q.start = n.start
        drop.add(i - 1)
    return [q for i, q in enumerate(qs) if i not in drop] if drop else qs


_COMPOUND = {("stone", "pound"), ("foot", "inch"), ("pound", "ounce")}
_WORDS_TO_GAP = lazy(r"\s+(?:(?:[a-z]+|(?:19|20)\d\d)\s+){1,4}to\s+")


_BEFORE_GAP = lazy(
    r"\s+(?:before|at\s+baseline|at\s+the\s+start|initially|beforehand|pre-treatment)\b"
    r"[^.;\d]{0,40}?\b(?:and|but|to|versus|vs\.?|compared\s+with)\s+(?:[a-z]+\s+){0,3}",
    re.I,
)
_AFTER_B = lazy(
    r"\s+(?:after|afterwards|at\s+the\s+end|later|at\s+follow-up|post-treatment)\b", re.I
)


def _end_with_unit(text: str, pos: int) -> int:
    u = _unit_at(text, pos)
    return u[2] if u is not None else pos


def _unit_dim(unit: object) -> str:
    return unit.dim if isinstance(unit, U.Unit) else ""


def _compound(text: str, toks: list[Token]) -> list[Token]:
    """'11 stone 4 lb' is one weight (158 lb), '5 ft 6 in' one height."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t1 = toks[i]
        if i + 1 < len(toks):
            t2 = toks[i + 1]
            u1 = _unit_at(text, t1.end) if t2.start - t1.end < 12 else None
            u2 = _unit_at(text, t2.end) if u1 is not None and u1[0] == "unit" else None
            if (
                u1 is not None
                and u2 is not None
                and u1[0] == u2[0] == "unit"
                and isinstance(u1[1], U.Unit)
                and isinstance(u2[1], U.Unit)
                and (u1[1].name, u2[1].name) in _COMPOUND
                and re.fullmatch(r",?\s*(?:and\s+)?", text[u1[2] : t2.start])
            ):
                big = U.convert(t1.value, u1[1], u2[1]) or 0.0
                out.append(Token(t1.start, t2.end, big + t2.value, None, False, t2.decimals))
                i += 2
                continue
        out.append(t1)
        i += 1
    return out


def _range_sep(text: str, t1: Token, t2: Token, lex: Lexicon) -> str:
    gap = text[t1.end : t2.start]
    if len(gap) > 30:
        return ""
    u = _unit_at(text, t1.end)
    if u is not None and u[2] <= t2.start:
        gap = text[u[2] : t2.start]
    before = text[max(0, t1.start - 40) : t1.start]
    if u is not None and u[0] == "unit" and u[2] <= t2.start:
        u2 = _unit_at(text, t2.end)
        if u2 is not None and u2[0] == "unit" and u2[1] is not u[1]:
            if _unit_dim(u[1]) == _unit_dim(u2[1]) and not _BEFORE_GAP.fullmatch(gap):
                return ""  # "10 kg or 22 lb": a conversion, not a range
    if _BEFORE_GAP.fullmatch(gap) and _AFTER_B.match(text, _end_with_unit(text, t2.end)):
        return "before-after"  # "160 mmHg before treatment and 140 mmHg after it"
    if _WORDS_TO_GAP.fullmatch(gap) and _FROM_BEFORE.search(before):
        # "went from 82 bpm at baseline to 68 bpm": a change, when a change verb says so
        if lex.change_word.search(text[max(0, t1.start - 80) : t1.start]):
            return "from"
        return ""
    if t1.currency and t2.currency and t1.currency != t2.currency:
        return ""
    if gap == "/" and not t1.currency and t1.decimals == t2.decimals == 0:
        return "/"  # "150/95 mmHg": a reading of two numbers, one unit
    if _DASH_GAP.match(gap):
        return "-"
    if _TO_GAP.match(gap):
        if _FROM_BEFORE.search(before):
            return "from"
        return "to"
    if _AND_GAP.match(gap) and _BETWEEN_BEFORE.search(before):
        return "between"
    if _OR_GAP.match(gap) and not t1.currency and t1.value < 100 and t2.value < 100:
        return "or"
    return ""


def _build(block: Block, text: str, group: list[Token], sep: str, lex: Lexicon) -> Quantity | None:
    t1, t2 = group[0], group[-1]
    q = Quantity(
        block=block,
        start=t1.start,
        end=t2.end,
        num_start=t1.start,
        lo=t1.value,
        hi=t2.value,
        sep=sep,
        currency=t1.currency or t2.currency,
        decimals=max(t.decimals for t in group),
        word_number=any(t.word for t in group),
        tokens=list(group),
    )
    if sep == "between":
        bm = _BETWEEN_BEFORE.search(text[max(0, t1.start - 40) : t1.start])
        if bm:
            q.start = t1.start - (len(text[max(0, t1.start - 40) : t1.start]) - bm.start())
    pos = t2.end
    u = _unit_at(text, pos)
    if u is None and len(group) == 2:
        u1 = _unit_at(text, t1.end)  # "$200 to $300" has no unit after; "5 kg-10" is odd
        if u1 is not None and u1[0] == "unit":
            u = None
    if u is not None:
        kind, payload, pos = u
        if kind == "percent":
            q.percent = True
            q.points = bool(payload)
        elif kind == "currency":
            q.currency = str(payload)
        else:
            assert isinstance(payload, U.Unit)
            q.unit = payload
    elif not q.currency:
        pos = _noun(text, pos, q, lex)
        if q.noun is None and text[t1.start : t1.end].lower() in _FREQ_WORDS:
            q.noun = "time"  # "twice a week" is "2 times a week"
    q.end = pos
    if sep == "before-after":
        q.sep = "change"
    if sep == "from":
        before = sentence_before(block, t1.start)
        if lex.change_word.search(before[-80:]):
            q.sep = "change"
        elif t1.value > t2.value and not _RANGE_WORD.search(before[-80:]):
            q.sep = "change"  # "(from 160 to 130 mg/dL)": ranges run up, a change may run down
        else:
            q.sep = "to"
    # qualifier before
    if sep != "between":
        before = text[max(0, q.start - 30) : q.start]
        qm = _QUAL_RE.search(before)
        over_time = q.unit is not None and q.unit.dim == "[time]" and qm is not None
        if qm and not (over_time and qm.group("q").lower() == "over"):  # "over 4 weeks": during
            q.qualifier = next(k for k in _QUALIFIERS if qm.group(k))
            q.start -= len(before) - qm.start("q")
    full = _rate(text, q.end, q, lex)
    sm = _SUFFIX_QUAL_RE.match(text, full)
    if sm:
        q.suffix_qualifier = "max" if sm.group("max") else "min"
        full = sm.end()
    q.full_end = full
    _measure(text, q, lex)
    return q


_SENT_STARTS: dict[int, tuple[Block, list[int]]] = {}


_RANGE_WORD = lazy(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spans?)\b", re.I)


def sentence_before(block: Block, pos: int) -> str:
    """The text of the sentence holding ``pos``, from its start to ``pos`` (binary search)."""
    sents = block.sentences
    if not sents:
        return block.text[max(0, pos - 120) : pos]
    cached = _SENT_STARTS.get(id(block))
    if cached is None or cached[0] is not block:
        if len(_SENT_STARTS) > 256:
            _SENT_STARTS.clear()
        cached = (block, [s.start for s in sents])
        _SENT_STARTS[id(block)] = cached
    i = bisect_right(cached[1], pos) - 1
    if i >= 0 and pos <= sents[i].end:
        return block.text[sents[i].start : pos]
    if i > 0 and sents[i - 1].start <= pos <= sents[i - 1].end:
        return block.text[sents[i - 1].start : pos]
    return block.text[max(0, pos - 120) : pos]


def _noun(text: str, pos: int, q: Quantity, lex: Lexicon) -> int:
    mods: list[str] = []
    p = pos
    for _ in range(3):
        m = _WORD_RE.match(text, p)
        if not m or ((m.start("w") - p) > 1 and "\n" in text[p : m.start("w")]):
            return pos
        w = m.group("w").lower()
        if w in _STOP and w not in ("times", "time"):
            return pos
        if w in lex.noun_modifiers and len(mods) < 2:
            nm = _WORD_RE.match(text, m.end())
            if nm and nm.group("w").lower() not in _STOP:
                mods.append(w)
                p = m.end()
                continue
        q.noun = singular(w)
        q.modifiers = tuple(mods)
        return m.end()
    return pos


_PEOPLE_SINGULAR: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def people_singular(lex: Lexicon) -> frozenset[str]:
    got = _PEOPLE_SINGULAR.get(id(lex))
    if got is None or got[0] is not lex:
        got = (lex, frozenset(singular(p) for p in lex.people_nouns))
        _PEOPLE_SINGULAR[id(lex)] = got
    return got[1]


_FORM_WORD = lazy(r"\s+(?P<w>[A-Za-z]+)")


def _rate(text: str, pos: int, q: Quantity, lex: Lexicon) -> int:
    m = _RATE_RE.match(text, pos)
    if m is None and q.unit is not None:
        fm = _FORM_WORD.match(text, pos)  # "5 mg tablet every 12 hours"
        if fm and singular(fm.group("w")) in lex.dose_forms:
            m = _RATE_RE.match(text, fm.end())
    if not m:
        if q.currency and _EACH_AFTER.match(text, pos):
            q.per = "?each"
            return _EACH_AFTER.match(text, pos).end()  # type: ignore[union-attr]
        return pos
    if m.group("adv"):
        q.per = _ADVERB_RATES[m.group("adv").lower()]
    else:
        den = singular(m.group("den"))
        prep = m.group("prep").lower()
        unit = U.lookup(den) or U.lookup(m.group("den"))
        is_time = unit is not None and unit.dim == "[time]"
        known = den in lex.course_nouns or den in people_singular(lex)
        if den in _STOP or (not is_time and prep in ("a", "an", "each") and not known):
            # "$65 each comes to": "each" ends the rate here, it is not "each <noun>"
            if q.currency and _EACH_AFTER.match(text, pos):
                q.per = "?each"
                return _EACH_AFTER.match(text, pos).end()  # type: ignore[union-attr]
            return pos
        q.per = unit.name if is_time and unit else den
        k = m.group("k")
        if k:
            q.per_size = float(k) if k.isdigit() else float(WORD_VALUES.get(k.lower(), 1))
    if m.group("freq"):
        f = m.group("freq").lower()
        fn = m.group("fn")
        if fn:
            q.freq = float(fn) if fn.isdigit() else float(WORD_VALUES.get(fn.lower(), 1))
        else:
            q.freq = float(_FREQ_WORDS[f])
    return m.end()


def _measure(text: str, q: Quantity, lex: Lexicon) -> None:
    start = q.start
    before = text[max(0, start - 60) : start]
    m = lex.measure_before.search(before)
    if m is None and q.qualifier is not None:
        m = lex.measure_bare.search(before)  # "a temperature above 38 kg"
    if m:
        key = lex.measure_of.get(re.sub(r"\s+", " ", (m.group("m") or m.group("v")).lower()))
        if key:
            q.measure = key
            q.measure_word = (m.group("m") or m.group("v")).lower()
            off = start - len(before)
            q.measure_span = (off + m.start(), q.end)
            return
    m = lex.measure_after.match(text, q.end)
    if m:
        key = lex.measure_of.get(re.sub(r"\s+", " ", m.group("m").lower()))
        if key:
            q.measure = key
            q.measure_word = m.group("m").lower()
            q.measure_span = (q.start, m.end())


_EACH_LASTS = lazy(
    r"(?:\b(?:each|every|one|a|an|per)\s+(?:[A-Za-z-]+\s+)??|(?:^|[,;:]\s*)(?:[A-Za-z-]+\s+){0,2})"
    r"(?P<noun>[A-Za-z]+)\s+(?:(?:usually|typically|generally|normally|will|can|may)\s+)?"
    r"(?:lasts?|takes?|runs?\s+for|(?P<be>is|are))"
    r"\s+(?:about\s+|around\s+|roughly\s+|up\s+to\s+)?$",
    re.I,
)
_OF_DURATION = lazy(
    r"\b(?P<noun>[A-Za-z]+)\s+(?:of|lasting|lasting\s+for)\s+"
    r"(?:about\s+|around\s+|roughly\s+|up\s+to\s+|approximately\s+)?$",
    re.I,
)
_EACH_HOLDS = lazy(
    r"\b(?:each|every|one|a|per)\s+(?:[A-Za-z-]+\s+)??(?P<noun>[A-Za-z]+)\s+"
    r"(?:(?:usually|typically|generally|normally)\s+)?"
    r"(?:contains?|delivers?|provides?|gives?|holds?|has|supplies|supply)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+)?$",
    re.I,
)
_PERIOD_TOTAL = lazy(
    r"\b(?:(?P<cap>maximum|max|limit|ceiling)\s+|total\s+)?"
    r"(?P<adv>daily|weekly|monthly|yearly|annual(?=\s))"
    r"\s+(?:(?:total|dose|intake|amount|allowance)\s+)?(?:(?P<cap2>maximum|limit)\s+)?"
    r"(?:of|is|was|comes\s+to|:)?\s*(?:about\s+|around\s+|roughly\s+|approximately\s+)?$",
    re.I,
)
_COURSE_WORD = lazy(r"[A-Za-z]+")


def _link_subjects(text: str, qs: list[Quantity], lex: Lexicon) -> None:
    """'each class lasts 45 minutes' -> per class; 'classes meet 2 times a week' -> 2 classes."""
    for q in qs:
        before = sentence_before(q.block, q.start)[-60:]
        if q.unit is not None and q.per is None and q.unit.dim == "[time]":
            m = _OF_DURATION.search(before)
            if m and singular(m.group("noun")) in lex.course_nouns:
                q.per = singular(m.group("noun"))  # "8 weekly sessions of 90 minutes"
                continue
            m = _EACH_LASTS.search(before)
            if m and m.group("be") and not re.match(r"\s+long\b", text[q.end : q.end + 6]):
                m = None  # "sessions are 30 minutes long", not "the wait is 30 minutes"
            if m and singular(m.group("noun")) in lex.course_nouns:
                q.per = singular(m.group("noun"))
        if q.unit is not None and q.per is None and q.unit.dim != "[time]":
            m = _EACH_HOLDS.search(before)
            if m and singular(m.group("noun")) not in _STOP:
                q.per = singular(m.group("noun"))  # "each puff delivers 100 mcg"
            else:
                m = _PERIOD_TOTAL.search(before)
                if m:  # "a daily total of 800 mcg" is 800 mcg per day
                    q.per = _ADVERB_RATES[m.group("adv").lower()]
                    if m.group("cap") or m.group("cap2"):
                        q.qualifier = q.qualifier or "max"
        if q.noun == "time" and q.per is not None:
            for w in reversed(_COURSE_WORD.findall(before)):
                if singular(w) in lex.course_nouns:
                    q.noun = singular(w)
                    break


def _link_money_subjects(text: str, qs: list[Quantity], lex: Lexicon) -> None:
    """'each session costs $200', 'sessions cost $200 each', '10 sessions at $150' -> per session."""
    _link_subjects(text, qs, lex)
    for idx, q in enumerate(qs):
        if not q.currency or (q.per and q.per != "?each"):
            continue
        before = sentence_before(q.block, q.start)
        per: str | None = None
        tail = before[-120:]
        m = _SUBJECT_BEFORE.search(tail)
        if m and _money_between(qs, idx, q.start - len(tail) + m.start()):
            m = None  # "each vial costs $120 ..., so ... comes to $1,200": the subject had its price
        if m and m.group(0).lower().split()[0] in (
            "each",
            "per",
            "every",
            "a",
            "an",
            "one",
            "single",
        ):
            noun = singular(m.group("noun"))
            if (noun not in _STOP and noun in lex.course_nouns) or (
                noun not in _STOP and m.group(0).lower().startswith(("each", "per", "every"))
            ):
                per = noun
        if per is None:
            tail = before[-120:]
            m2 = _PLURAL_SUBJECT.search(tail)
            if m2 and singular(m2.group("noun")) in lex.course_nouns:
                at = q.start - len(tail) + m2.start("noun")
                counted = False
                for p in reversed(qs[:idx]):
                    if p.end <= at:
                        break  # quantities are in order: none further back can cover it
                    counted = counted or bool(p.block is q.block and p.noun and p.start <= at)
                if not counted:  # "ten sessions cost $1,100" is a total, not a price each
                    per = singular(m2.group("noun"))
        if per is None and (q.per == "?each" or _AT_BEFORE.search(before[-20:])):
            for prev in reversed(qs[:idx]):
                if prev.noun and prev.block is q.block and q.start - prev.end < 40:
                    per = prev.noun
                    break
        if per is None and q.per is None and idx:
            prev = qs[idx - 1]
            if (
                prev.noun
                and prev.block is q.block
                and prev.unit is None
                and not prev.currency
                and not prev.percent
                and prev.noun not in people_singular(lex)
                and _OF_PRICE.fullmatch(q.block.text, prev.full_end, q.start)
            ):
                per = prev.noun  # "18 monthly instalments of $150": $150 per instalment
        if per is None and (q.per == "?each" or _EACH_COSTING.search(before[-30:])):
            per = _each_subject(before, qs[:idx], q, lex)  # "3 treatments, each costing $400"
        if per is None and q.per is None:
            pm = _OVER_PERIOD.search(before[-60:])
            if pm:  # "over a full year that's $1,000" is $1,000 a year
                per = pm.group("u").lower()
        if per is not None:
            q.per = per
        elif q.per == "?each":
            q.per = None


_OVER_PERIOD = lazy(
    r"\b(?:over|in|for|across)\s+(?:a|one|the)\s+(?:full\s+|whole\s+|entire\s+|calendar\s+)?"
    r"(?P<u>year|month|week)\b[^.;:\d]{0,25}$",
    re.I,
)
_EACH_COSTING = lazy(
    r"\beach\s+(?:costing|priced\s+at|at|for)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?$",
    re.I,
)
_PLURAL_WORD = lazy(r"\b[A-Za-z]{3,}(?<![su])s\b")


def _money_between(qs: list[Quantity], idx: int, start: int) -> bool:
    """Whether a sum of money lies between ``start`` and quantity ``idx``."""
    for p in reversed(qs[:idx]):
        if p.start < start:
            return False
        if p.currency and p.block is qs[idx].block:
            return True
    return False


def _each_subject(before: str, prev: list[Quantity], q: Quantity, lex: Lexicon) -> str | None:
    """What '$60 each' is the price of: a count earlier in the sentence ('six massages at €70
    each'), else a course noun or a plural noun leading it ('Sessions with Dr Lee are £60 each')."""
    sent_start = q.start - len(before)
    for p in reversed(prev):
        if p.start < sent_start:
            break
        if p.block is q.block and p.noun and p.kind == "count":
            return p.noun
    for w in _COURSE_WORD.findall(before):
        if singular(w) in lex.course_nouns:
            return singular(w)
    m = _PLURAL_WORD.search(before[:40])
    if m and m.group().lower() not in _STOP:
        return singular(m.group())
    return None


def fractions(block: Block, qs: list[Quantity]) -> list[tuple[Quantity, Quantity, str]]:
    """Pairs written 'A of B', 'A out of B', 'A in B': (part, whole, kind)."""
    out = []
    text = block.text
    for a, b in zip(qs, qs[1:], strict=False):
        if a.is_range or b.is_range or a.percent or b.percent or a.currency or b.currency:
            continue
        if a.unit is not None or b.unit is not None:
            continue
        m = _FRACTION_GAP.match(text[a.end : b.num_start]) if a.noun is None else None
        if not m:
            continue
        kind = m.group("kind").lower().replace(" ", "")
        if kind == "in" and (1900 <= b.lo <= 2100 and b.decimals == 0 and not b.noun):
            continue
        out.append((a, b, kind))
    return out


_WHOLE_FIRST = lazy(
    r"(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:of|among|out\s+of|from)\s+"
    r"(?:the|these|those|all|all\s+the|our)?\s*$",
    re.I,
)
_WHOLE_TO_PART = lazy(r"[^.;:!?\d]{0,60},\s*$")


def verb_after(q: Quantity) -> bool:
    """Whether the word read as the noun of count ``q`` is a verb: '46 came back', '205
    completed' (a count above one takes a plural noun: '46 couples')."""
    m = _WORD_RE.match(q.block.text, q.tokens[-1].end)
    if m is None:
        return True
    w = m.group("w").lower()
    return q.lo > 1 and not w.endswith("s") and singular(w) == w and w not in ("people", "men")


_OF_THESE = lazy(r"(?:^|[,;:]\s*)(?:of|among)\s+(?:these|those|them)\s*,\s*$", re.I)


def wholes_first(block: Block, qs: list[Quantity]) -> list[tuple[Quantity, Quantity, str]]:
    """Pairs written whole first: 'Of the 240 women enrolled, 96 ...', 'Among 60 patients
    treated, 41 ...', 'We asked 400 parents. Of these, 100 ...': (part, whole, 'of')."""
    out = []
    text = block.text
    last_count: Quantity | None = None
    for q in qs:
        if last_count is not None and q.kind in ("count", "number") and not q.is_range:
            if (q.noun is None or verb_after(q)) and _OF_THESE.search(
                sentence_before(block, q.start)[-20:]
            ):
                out.append((q, last_count, "of"))
        if q.kind == "count" and not q.is_range and q.sep != "change" and q.per is None:
            last_count = q
    for w, a in zip(qs, qs[1:], strict=False):
        if w.is_range or w.percent or w.currency or w.unit is not None or w.noun is None:
            continue
        if a.is_range or a.percent or a.currency or a.unit is not None:
            continue
        if a.noun is not None and a.noun != w.noun and not verb_after(a):
            continue  # "205 completed" counts the same people; "3 sessions" does not
        if not _WHOLE_FIRST.search(sentence_before(block, w.start)[-40:]):
            continue
        if not _WHOLE_TO_PART.fullmatch(text[w.full_end : a.start]):
            continue
        out.append((a, w, "of"))
    return out
