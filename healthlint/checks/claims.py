"""The claims family: overstated, absolute and regulated health claims (CLM001-CLM011).

Detection lives in ``healthlint.claims`` (lexicons in ``rules/lexicons/claims.yml``); this module
runs it once per document and lexicon (cached in ``doc.cache``) and turns claims into hits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from healthlint.claims.detect import Claim, analyse_text, has_citation
from healthlint.claims.dshea import (
    describe_triggers,
    disclaimer_status,
    supplement_subject,
    supplement_topic,
    topic_blocks,
)
from healthlint.claims.lexicon import Detector, Lexicon, load_lexicon
from healthlint.document import Block, Document, Sentence
from healthlint.errors import ConfigError
from healthlint.registry import Hit, OptionsError, Related, check

# the lexicon list that a rule's ``extra-terms`` option extends
_EXTRA_LIST = {
    "absolute": "absolute_extra",
    "efficacy": "contested_target",
    "disease": "disease",
    "dshea": "supplement_strong",
    "weight_gut_check": "lose",
    "spot_reduction": "body_part",
    "inches_weight": "lose",
    "anecdote": None,
    "uncited_evidence": None,
    "hype": "hype_extra",
    "advice": "remedy",
}
_GUT_CHECK = {
    1: "weight loss without diet or exercise",
    2: "weight loss no matter what you eat",
    3: "permanent weight loss, even after stopping the product",
    4: "blocking the absorption of fat or calories",
    5: "more than 2-3 lb a week, sustained",
    6: "weight loss for all users",
    7: "weight loss by wearing a product or rubbing it into the skin",
}


_MEMO_MAX = 20_000  # memoised rewrites kept per lexicon before starting afresh


@dataclass(frozen=True)
class Opts:
    key: str
    lex: Lexicon


def _string_list(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OptionsError(f"option '{name}' must be a list of non-empty strings")
    return list(value)


def _preparer(key: str) -> Callable[[dict[str, Any]], Opts]:
    def prepare(options: dict[str, Any]) -> Opts:
        extra: dict[str, list[str]] = {}
        settings: dict[str, Any] = {}
        for name, value in options.items():
            norm = name.replace("_", "-")
            if norm == "extra-terms":
                items = _string_list(value, name)
                target = _EXTRA_LIST[key]
                if items and target is None:
                    raise OptionsError(
                        f"option '{name}' is not supported by this rule; use 'lexicon'"
                    )
                if items and target:
                    extra.setdefault(target, []).extend(items)
            elif norm == "lexicon":
                if not isinstance(value, dict):
                    raise OptionsError(
                        "option 'lexicon' must map lexicon list names to lists of strings"
                    )
                for list_name, items in value.items():
                    extra.setdefault(str(list_name), []).extend(
                        _string_list(items, f"lexicon.{list_name}")
                    )
            elif norm == "max-lb-per-week" and key == "weight_gut_check":
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not 0 < value <= 20
                ):
                    raise OptionsError(f"option '{name}' must be a number above 0 and at most 20")
                settings["max_lb_per_week"] = float(value)
            else:
                raise OptionsError(f"option '{name}' is not known to this claims rule")
        try:
            lex = load_lexicon(extra, settings)
        except ConfigError as exc:
            raise OptionsError(f"option 'lexicon' is invalid: {exc}") from None
        return Opts(key, lex)

    return prepare


def _block_cited(
    doc: Document, block: Block, lex: Lexicon, cache: dict[int, bool], links: list[int]
) -> bool:
    """A paragraph cites a source if it has a link inside it or a citation marker.

    ``links`` is the sorted source offsets of the page's links with an href.
    """
    got = cache.get(id(block))
    if got is None:
        start, end = block.source_span
        i = bisect.bisect_left(links, start)
        got = has_citation(block.text, lex) or (i < len(links) and links[i] < end)
        cache[id(block)] = got
    return got


def analyse(doc: Document, lex: Lexicon) -> list[tuple[Sentence, Claim]]:
    """Every claim in the document's main content, computed once per document and lexicon."""
    key = ("claims", id(lex))
    found = doc.cache.get(key)
    if found is None:
        found = []
        cited: dict[int, bool] = {}
        links: list[int] | None = None
        screen = lex.block_screen
        # a block no pattern can match needs no sentence splitting or per-sentence screening
        sentences = (
            sentence
            for block in doc.main_blocks
            if screen is None or screen.candidates(block.text)
            for sentence in block.sentences
        )
        for sentence in sentences:
            text = sentence.text
            claims = analyse_text(text, lex)
            if not claims:
                continue
            if any(c.detector == "uncited_evidence" for c in claims):
                if links is None:
                    links = sorted(link.span[0] for link in doc.meta.links if link.href)
                if _block_cited(doc, sentence.block, lex, cited, links):
                    claims = [c for c in claims if c.detector != "uncited_evidence"]
            found.extend((sentence, c) for c in claims)
        doc.cache[key] = found
    return found


def _rewrite(text: str, lex: Lexicon) -> str:
    """Apply the lexicon's rewrites in one pass: earlier rules win, nothing is rewritten twice.

    Memoised per lexicon: the same claim wording recurs across a site's pages.
    """
    memo = lex.memo.setdefault("rewrite", {})
    got = memo.get(text)
    if got is None:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        got = memo[text] = _rewrite_uncached(text, lex)
    return got


def _rewrite_uncached(text: str, lex: Lexicon) -> str:
    taken: list[tuple[int, int, str]] = []
    for regex, repl in lex.rewrites:
        for m in regex.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), m.expand(repl)))
    out, pos = [], 0
    for s, e, r in sorted(taken):
        out += [text[pos:s], r]
        pos = e
    out.append(text[pos:])
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _hit(sentence: Sentence, claim: Claim, det: Detector, lex: Lexicon) -> Hit:
    start, end = sentence.span(sentence.start + claim.start, sentence.start + claim.end)
    what = det.label
    if claim.detail.startswith("Gut Check"):
        n = int(claim.detail.split()[2].rstrip(":"))
        what = f"{det.label} (claim {n}: {_GUT_CHECK[n]})"
        if ":" in claim.detail:
            what += f"; {claim.detail.split(':', 1)[1].strip()}"
    if claim.attributed:
        message = (
            f"Attributed claim — {what.lower()}: '{claim.text}' is reported as what others say, but it "
            f"still repeats the claim; add the evidence or say it is unsupported ({det.criterion})."
        )
    else:
        message = f"{what}: '{claim.text}' ({det.criterion})."
    rewritten = _rewrite(claim.text, lex)
    suggestion = det.advice[:1].upper() + det.advice[1:] + "."
    if rewritten and rewritten.lower() != claim.text.lower():
        suggestion = f"Hedge it, e.g. '{rewritten}'; {det.advice}."
    return Hit(
        start,
        end,
        message,
        suggestion=suggestion,
        severity="info" if claim.attributed else None,
        data={"detector": claim.detector, "pattern": claim.pattern, "attributed": claim.attributed},
    )


def _run(doc: Document, opts: Opts) -> Iterable[Hit]:
    det = opts.lex.detectors[opts.key]
    for sentence, claim in analyse(doc, opts.lex):
        if claim.detector == opts.key:
            yield _hit(sentence, claim, det, opts.lex)


def _register(key: str) -> None:
    def run(doc: Document, opts: Opts) -> Iterable[Hit]:
        return _run(doc, opts)

    run.__name__ = key
    check(f"claims.{key}", prepare=_preparer(key))(run)


for _key in _EXTRA_LIST:
    if _key != "dshea":
        _register(_key)


@check("claims.dshea", prepare=_preparer("dshea"))
def dshea(doc: Document, opts: Opts) -> Iterable[Hit]:
    """One finding per page: the first structure/function claim, with the others as related."""
    lex = opts.lex
    claims = [(s, c) for s, c in analyse(doc, lex) if c.detector == "dshea" and not c.attributed]
    if not claims:
        return
    status = disclaimer_status(doc.page_text, lex)
    if status == "present":
        return
    triggers: list[tuple[str, int, int]] = []
    blocks = doc.main_blocks
    for i in topic_blocks([b.text for b in blocks], lex):
        block = blocks[i]
        for word, s, e in supplement_topic(block.text, lex).triggers:
            triggers.append((word, *block.span(s, e)))
    strong = [t for t in triggers if lex.term_res["supplement_strong"].fullmatch(t[0])]
    if not strong and len(triggers) < 2:
        # no supplement page, but a claim may name its supplement as its subject
        for s, c in claims:
            subject = supplement_subject(s.text, c.start, lex)
            if subject is not None:
                word, ws, we = subject
                strong = [(word, *s.span(s.start + ws, s.start + we))]
                break
        else:
            return
    sentence, first = claims[0]
    start, end = sentence.span(sentence.start + first.start, sentence.start + first.end)
    why = describe_triggers(strong or triggers)
    problem = (
        "the DSHEA disclaimer is missing"
        if status == "missing"
        else "the DSHEA disclaimer is incomplete or reworded"
    )
    related = [
        Related(s.span(s.start + c.start, s.start + c.end), f"structure/function claim: '{c.text}'")
        for s, c in claims[1:6]
    ]
    related += [Related((s, e), f"supplement topic: '{w}'") for w, s, e in (strong or triggers)[:3]]
    det = lex.detectors["dshea"]
    yield Hit(
        start,
        end,
        f"Structure/function claim '{first.text}' on a page about a dietary supplement (it mentions "
        f"{why}), but {problem} ({det.criterion}; {len(claims)} claim(s) on the page).",
        suggestion=det.advice[:1].upper() + det.advice[1:],
        related=related,
        data={
            "claims": len(claims),
            "triggers": [t[0] for t in (strong or triggers)],
            "disclaimer": status,
        },
    )
