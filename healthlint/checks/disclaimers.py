"""Trust signals (the ``disclaimers`` family): disclaimer, advice, risks, sources, dates, people.

Each check is page-level: it asks whether the whole page (footer included, on built HTML) shows
a signal, and reports its absence at ``doc.page_span``. Whether a check applies depends on the
page's topics (``healthlint.topics``), and the finding says which words made the page a
"treatment page". Dates and people come from ``healthlint.evidence``; phrases from
``rules/lexicons/disclaimers.yml``.

Options shared by every rule:
  applies-to          topic names (see rules/lexicons/topics.yml) or ["all"]
  provided-by-layout  what the site layout adds to every Markdown page (not checked in the file):
                      disclaimer, professional-advice, sources, date, author, reviewer, disclosure
  extra-topic-terms, topic-min-mentions   tune topic detection
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from healthlint.document import Block, Document
from healthlint.evidence import (
    EvidenceConfig,
    compile_pattern,
    evidence_config,
    gather,
    has_sources,
    lexicon,
    merged_list,
    parse_date,
    str_list,
)
from healthlint.registry import Hit, OptionsError, Related, check
from healthlint.topics import TextIndex, Topic, TopicLexicon, topic_lexicon

PROVIDED_VALUES = (
    "disclaimer",
    "professional-advice",
    "sources",
    "date",
    "author",
    "reviewer",
    "disclosure",
)


# --- shared option handling ------------------------------------------------------------------


@dataclass(frozen=True)
class Common:
    applies_to: tuple[str, ...] | None  # None: every page
    provided: frozenset[str]
    topics: TopicLexicon


# Facts about the whole run that the engine passes to every rule of the family.
RUN_WIDE_KEYS = frozenset(["today", "provided-by-layout", "site-root", "base-url"])
COMMON_KEYS = frozenset(["applies-to", "extra-topic-terms", "topic-min-mentions"])


def _lists(*names: str) -> frozenset[str]:
    """List options and their ``extra-`` forms."""
    return frozenset([*names, *(f"extra-{n}" for n in names)])


def _check_keys(options: Mapping[str, Any], accepted: frozenset[str]) -> None:
    """A misspelt option would otherwise be ignored silently; say so instead."""
    known = accepted | COMMON_KEYS | RUN_WIDE_KEYS
    for key in options:
        if key not in known:
            raise OptionsError(
                f"unknown option '{key}' (accepted: {', '.join(sorted(known - RUN_WIDE_KEYS))})"
            )


def _common(options: Mapping[str, Any], accepted: frozenset[str] = frozenset()) -> Common:
    _check_keys(options, accepted)
    topics = topic_lexicon(options)
    raw = options.get("applies-to")
    applies: tuple[str, ...] | None
    if raw is None:
        applies = topics.names
    else:
        names = str_list(raw, "applies-to")
        if "all" in names:
            applies = None
        else:
            for n in names:
                if n not in topics.names:
                    known = ", ".join((*topics.names, "all"))
                    raise OptionsError(f"option 'applies-to': unknown topic '{n}' (known: {known})")
            applies = tuple(names)
    provided_raw = options.get("provided-by-layout") or []
    provided = str_list(provided_raw, "provided-by-layout")
    for p in provided:
        if p not in PROVIDED_VALUES:
            raise OptionsError(
                f"option 'provided-by-layout': unknown value '{p}' (accepted: {', '.join(PROVIDED_VALUES)})"
            )
    return Common(applies, frozenset(provided), topics)


def _patterns(
    options: Mapping[str, Any], name: str, default: list[str], **kw: Any
) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(p, name, **kw) for p in merged_list(options, name, default))


def _matching_topics(doc: Document, common: Common) -> list[Topic] | None:
    """The detected topics that make the rule apply ([] for "all"), or None when it does not."""
    if common.applies_to is None:
        return []
    from healthlint.topics import detect_topics

    found = detect_topics(doc, common.topics)
    hits = [found[n] for n in common.applies_to if n in found]
    return hits or None


def _layout_provides(doc: Document, common: Common, what: str) -> bool:
    """A full HTML page already contains its layout; other sources rely on the declaration."""
    if what not in common.provided:
        return False
    return not (doc.format == "html" and doc.meta.html_span is not None)


def _about(topics: list[Topic]) -> str:
    if not topics:
        return "this page"
    return "this page discusses " + topics[0].explain()


def _topic_related(topics: list[Topic]) -> list[Related]:
    out: list[Related] = []
    for t in topics[:1]:
        for tr in t.triggers[:2]:
            times = f" ({tr.count}×)" if tr.count > 1 else ""
            out.append(Related(tr.span, f"'{tr.word}'{times} suggests {t.label}"))
    return out


def _topic_data(topics: list[Topic]) -> dict[str, Any]:
    return {"topics": {t.name: [tr.word for tr in t.triggers[:5]] for t in topics}}


def _first(doc: Document, patterns: Iterable[re.Pattern[str]]) -> bool:
    """Whether any pattern matches in any block (only blocks holding its literals are searched)."""
    return TextIndex.of(doc).search_any(patterns)


# --- DIS001 medical disclaimer ---------------------------------------------------------------


@dataclass(frozen=True)
class PhraseOpts:
    common: Common
    patterns: tuple[re.Pattern[str], ...]


def prepare_disclaimer(options: dict[str, Any]) -> PhraseOpts:
    lex = lexicon()["disclaimer"]
    return PhraseOpts(
        _common(options, _lists("patterns")), _patterns(options, "patterns", lex["patterns"])
    )


@check("disclaimers.medical_disclaimer", prepare=prepare_disclaimer)
def medical_disclaimer(doc: Document, opts: PhraseOpts) -> Iterator[Hit]:
    """No statement that the page is general information, not professional medical advice."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "disclaimer"):
        return
    if _first(doc, opts.patterns):
        return
    s, e = doc.page_span
    yield Hit(
        s,
        e,
        f"No medical disclaimer: {_about(topics)}, but nowhere says it is general information and "
        "not a substitute for professional medical advice.",
        suggestion="Add a disclaimer, e.g. 'This article is for general information only and is not "
        "a substitute for professional medical advice.' If your site layout adds one, declare "
        'provided-by-layout = ["disclaimer"].',
        related=_topic_related(topics),
        data=_topic_data(topics),
    )


# --- DIS002 professional advice --------------------------------------------------------------


def prepare_advice(options: dict[str, Any]) -> PhraseOpts:
    lex = lexicon()
    profs = tuple(merged_list(options, "professionals", lex.get("professionals", [])))
    pats = _patterns(
        options,
        "patterns",
        lex["professional-advice"]["patterns"],
        professionals=profs,
        any_match=True,  # only asked whether advice appears anywhere
    )
    return PhraseOpts(_common(options, _lists("patterns", "professionals")), pats)


@check("disclaimers.professional_advice", prepare=prepare_advice)
def professional_advice(doc: Document, opts: PhraseOpts) -> Iterator[Hit]:
    """A medical page that never tells the reader to see a doctor or other professional."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "professional-advice"):
        return
    if _first(doc, opts.patterns):
        return
    s, e = doc.page_span
    yield Hit(
        s,
        e,
        f"No advice to consult a professional: {_about(topics)}, but never suggests asking a "
        "doctor, pharmacist or other health professional.",
        suggestion="Tell readers when and whom to ask, e.g. 'Talk to your doctor before starting "
        "any new treatment.'",
        related=_topic_related(topics),
        data=_topic_data(topics),
    )


# --- DIS003 risks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskOpts:
    common: Common
    patterns: tuple[re.Pattern[str], ...]
    negations: tuple[re.Pattern[str], ...]


def prepare_risks(options: dict[str, Any]) -> RiskOpts:
    lex = lexicon()["risks"]
    return RiskOpts(
        _common(options, _lists("patterns", "negations")),
        _patterns(options, "patterns", lex["patterns"]),
        _patterns(options, "negations", lex.get("negations", [])),
    )


def _denied(b: Block, m: re.Match[str], negations: tuple[re.Pattern[str], ...]) -> bool:
    """'no side effects', 'without risks', 'side-effect-free' deny harms rather than describe them."""
    before = re.split(r"[.!?]", b.text[: m.start()])[-1][-60:]
    if any(n.search(before) for n in negations):
        return True
    return bool(re.match(r"[\s-]*free\b", b.text[m.end() :], re.I))


@check("disclaimers.risks", prepare=prepare_risks)
def risks(doc: Document, opts: RiskOpts) -> Iterator[Hit]:
    """A treatment or procedure page that says nothing of side effects, risks or who should not use it."""
    topics = _matching_topics(doc, opts.common)
    if topics is None:
        return
    idx = TextIndex.of(doc)
    for rx in opts.patterns:
        for k in idx.candidates(rx):
            b = idx.blocks[k]
            for m in rx.finditer(b.text):
                if not _denied(b, m, opts.negations):
                    return
    s, e = doc.page_span
    yield Hit(
        s,
        e,
        f"No risks or side effects: {_about(topics)}, but says nothing about side effects, risks "
        "or who should not use it.",
        suggestion="Add a section on side effects, risks and who should avoid it (with how common "
        "they are).",
        related=_topic_related(topics),
        data=_topic_data(topics),
    )


# --- DIS004 sources --------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceOpts:
    common: Common
    heading: re.Pattern[str]
    citations: re.Pattern[str]
    domains: tuple[str, ...]


def prepare_sources(options: dict[str, Any]) -> SourceOpts:
    lex = lexicon()["sources"]
    headings = merged_list(options, "headings", lex["headings"])
    alts = "|".join(
        r"[\s\-]+".join(map(re.escape, h.split()))
        for h in sorted(set(headings), key=len, reverse=True)
        if h.strip()
    )
    heading = re.compile(rf"^\s*(?:{alts or '(?!x)x'})\b\s*", re.I)
    cites = merged_list(options, "citation-patterns", lex["citation-patterns"])
    for c in cites:
        compile_pattern(c, "citation-patterns", flags=0)
    citations = re.compile("|".join(f"(?:{c})" for c in cites) or "(?!x)x")
    domains = tuple(
        d.strip().lower()
        for d in merged_list(options, "trusted-domains", lex["trusted-domains"])
        if d.strip()
    )
    common = _common(options, _lists("headings", "citation-patterns", "trusted-domains"))
    return SourceOpts(common, heading, citations, domains)


@check("disclaimers.sources", prepare=prepare_sources)
def sources(doc: Document, opts: SourceOpts) -> Iterator[Hit]:
    """No references section, no citations and no links to trusted sources."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "sources"):
        return
    if has_sources(doc, opts.heading, opts.citations, opts.domains):
        return
    external = [
        link
        for link in doc.meta.links
        if link.href and re.match(r"https?://", link.href.strip(), re.I)
    ]
    detail = (
        f" It links to {len(external)} other page{'s' if len(external) != 1 else ''}, none on the "
        "trusted-domains list."
        if external
        else ""
    )
    s, e = doc.page_span
    shown = [
        d
        for d in (".gov", ".edu", "nih.gov", "doi.org", "who.int", "cochrane.org")
        if d in opts.domains
    ]
    examples = ", ".join(shown or opts.domains[:5])
    yield Hit(
        s,
        e,
        f"No sources: {_about(topics)}, but has no references section, no citations and no links "
        f"to trusted sources ({examples}, …).{detail}",
        suggestion="Cite the evidence: link the studies or guidelines you rely on (PubMed, DOI, "
        "a health agency) or add a 'Sources' section.",
        related=_topic_related(topics),
        data={**_topic_data(topics), "external_links": len(external)},
    )


# --- DIS005 / DIS006 dates -------------------------------------------------------------------


@dataclass(frozen=True)
class DateOpts:
    common: Common
    evidence: EvidenceConfig
    max_age_months: int
    today: dt.date | None


_DATE_KEYS = _lists("front-matter-keys") | {"max-age-months"}


def prepare_dates(options: dict[str, Any]) -> DateOpts:
    months = options.get("max-age-months", 24)
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise OptionsError("option 'max-age-months' must be a whole number of months >= 1")
    today_raw = options.get("today")
    today = None
    if today_raw not in (None, ""):
        today = today_raw if isinstance(today_raw, dt.date) else None
        if isinstance(today_raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", today_raw.strip()):
            today = parse_date(today_raw.strip())
        if today is None:
            raise OptionsError(
                f"option 'today' must be an ISO date (YYYY-MM-DD), not {today_raw!r}"
            )
        if isinstance(today, dt.datetime):
            today = today.date()
    common = _common(options, _DATE_KEYS)
    return DateOpts(common, evidence_config(options), months, today)


@check("disclaimers.no_date", prepare=prepare_dates)
def no_date(doc: Document, opts: DateOpts) -> Iterator[Hit]:
    """No published, updated or last-reviewed date anywhere (text, <time>, meta, JSON-LD, front matter)."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "date"):
        return
    if gather(doc, opts.evidence).dates:
        return
    where = (
        "front matter, visible text"
        if doc.format != "html"
        else "visible text, <time>, meta tags, JSON-LD"
    )
    s, e = doc.page_span
    yield Hit(
        s,
        e,
        f"No date: {_about(topics)}, but gives no published, updated or last-reviewed date "
        f"(looked in {where}).",
        suggestion="Show when the page was written and last reviewed, e.g. 'Last reviewed: 2 March "
        "2025', and add it to the metadata (front matter 'date'/'reviewed', JSON-LD 'lastReviewed').",
        related=_topic_related(topics),
        data=_topic_data(topics),
    )


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` minus whole months, clamping the day of month (31 March − 1 month = 28/29 Feb)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    return dt.date(y, m, 28)


@check("disclaimers.stale_review", prepare=prepare_dates)
def stale_review(doc: Document, opts: DateOpts) -> Iterator[Hit]:
    """The last review (or, without one, the latest date) is older than ``max-age-months``."""
    topics = _matching_topics(doc, opts.common)
    if topics is None:
        return
    ev = gather(doc, opts.evidence)
    today = opts.today or dt.date.today()
    reviewed = ev.latest("reviewed")
    fact = reviewed or ev.latest("updated", "published")
    if fact is None:
        return
    cutoff = months_before(today, opts.max_age_months)
    if fact.value >= cutoff:
        return
    if reviewed is not None:
        msg = f"Stale review: last reviewed on {fact.value.isoformat()} ({fact.origin})"
    else:
        msg = (
            f"Stale page: no last-reviewed date, and the latest date, {fact.value.isoformat()} "
            f"({fact.origin}),"
        )
    months = (today.year - fact.value.year) * 12 + today.month - fact.value.month
    yield Hit(
        fact.span[0],
        fact.span[1],
        f"{msg} is {months} months old, more than the {opts.max_age_months} months allowed "
        f"(today is {today.isoformat()}).",
        suggestion="Have the page reviewed against current evidence and record the date "
        "(front matter 'reviewed', a 'Last reviewed:' line or JSON-LD 'lastReviewed').",
        related=[
            Related(d.span, f"also dated {d.value.isoformat()} ({d.kind})")
            for d in ev.dates
            if d is not fact
        ][:3],
        data={
            "date": fact.value.isoformat(),
            "kind": fact.kind,
            "months": months,
            **_topic_data(topics),
        },
    )


# --- DIS007 / DIS008 people ------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleOpts:
    common: Common
    evidence: EvidenceConfig


def prepare_people(options: dict[str, Any]) -> PeopleOpts:
    return PeopleOpts(_common(options, _lists("front-matter-keys")), evidence_config(options))


@check("disclaimers.no_author", prepare=prepare_people)
def no_author(doc: Document, opts: PeopleOpts) -> Iterator[Hit]:
    """No byline, author meta tag, JSON-LD author or front-matter author."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "author"):
        return
    if gather(doc, opts.evidence).people_of("author"):
        return
    s, e = doc.page_span
    yield Hit(
        s,
        e,
        f"No author: {_about(topics)}, but does not say who wrote it (no byline, author meta tag, "
        "JSON-LD author or front-matter author).",
        suggestion="Name the author and their qualifications, e.g. 'By Jane Doe, RN', and add "
        "it to the metadata.",
        related=_topic_related(topics),
        data=_topic_data(topics),
    )


@check("disclaimers.no_reviewer", prepare=prepare_people)
def no_reviewer(doc: Document, opts: PeopleOpts) -> Iterator[Hit]:
    """A medical page with no named medical reviewer."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "reviewer"):
        return
    if gather(doc, opts.evidence).people_of("reviewer"):
        return
    s, e = doc.page_span
    yield Hit(
        s,
        e,
        f"No medical reviewer: {_about(topics)}, but names no one who checked it ('Medically "
        "reviewed by …', JSON-LD reviewedBy or front-matter reviewer).",
        suggestion="Have a qualified clinician review the page and name them, e.g. 'Medically "
        "reviewed by Dr Sam Lee, MD'.",
        related=_topic_related(topics),
        data=_topic_data(topics),
    )


# --- DIS009 financial disclosure -------------------------------------------------------------


@dataclass(frozen=True)
class DisclosureOpts:
    common: Common
    purchase: tuple[re.Pattern[str], ...]
    links: tuple[re.Pattern[str], ...]
    link_texts: tuple[re.Pattern[str], ...]
    disclosure: tuple[re.Pattern[str], ...]


def prepare_disclosure(options: dict[str, Any]) -> DisclosureOpts:
    lex = lexicon()["disclosure"]
    return DisclosureOpts(
        _common(
            options,
            _lists(
                "purchase-patterns", "link-patterns", "link-text-patterns", "disclosure-patterns"
            ),
        ),
        _patterns(options, "purchase-patterns", lex["purchase-patterns"]),
        _patterns(options, "link-patterns", lex["link-patterns"]),
        _patterns(options, "link-text-patterns", lex["link-text-patterns"]),
        _patterns(options, "disclosure-patterns", lex["disclosure-patterns"]),
    )


def _purchase_signals(doc: Document, opts: DisclosureOpts) -> list[tuple[tuple[int, int], str]]:
    found: list[tuple[tuple[int, int], str]] = []
    idx = TextIndex.of(doc)
    for k, _, m in idx.finditer(opts.purchase):
        found.append((idx.blocks[k].span(m.start(), m.end()), f"'{m.group()}'"))
    for link in doc.meta.links:
        href = (link.href or "").strip()
        rel = link.rel.lower().split()
        if "sponsored" in rel:
            found.append((link.span, f"a sponsored link to {href}"))
        elif href and any(rx.search(href) for rx in opts.links):
            found.append((link.span, f"a shopping or affiliate link to {href}"))
        elif link.text and any(rx.search(link.text) for rx in opts.link_texts):
            found.append((link.text_span or link.span, f"the link '{link.text.strip()}'"))
    for ld in doc.meta.json_ld:
        items = ld.data if isinstance(ld.data, list) else [ld.data]
        for item in items:
            if isinstance(item, Mapping) and item.get("@type") == "Product" and item.get("offers"):
                found.append((ld.span, "JSON-LD Product with offers"))
    found.sort(key=lambda f: f[0])
    return found


@check("disclaimers.financial_disclosure", prepare=prepare_disclosure)
def financial_disclosure(doc: Document, opts: DisclosureOpts) -> Iterator[Hit]:
    """Sells or links to buying, with no disclosure of the financial relationship."""
    topics = _matching_topics(doc, opts.common)
    if topics is None or _layout_provides(doc, opts.common, "disclosure"):
        return
    signals = _purchase_signals(doc, opts)
    if not signals:
        return
    if _first(doc, opts.disclosure):
        return
    (s, e), what = signals[0]
    more = f" and {len(signals) - 1} more" if len(signals) > 1 else ""
    yield Hit(
        s,
        e,
        f"Sells or links to buying ({what}{more}) without disclosing the relationship: no "
        "affiliate, sponsorship, commission or ownership statement on the page.",
        suggestion="State the relationship near the links, e.g. 'We earn a commission if you buy "
        "through these links' or 'We sell this product'.",
        related=[Related(span, f"also: {w}") for span, w in signals[1:4]],
        data={"signals": [w for _, w in signals[:10]]},
    )
