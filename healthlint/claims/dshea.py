"""DSHEA: does a page sell a dietary supplement, and does it carry the 21 CFR 101.93(c) disclaimer?

The topic decision is explainable: it returns the words that triggered it, so the finding can say
"this page looks like a supplement page because it mentions 'capsules' and 'turmeric'".
"""

from __future__ import annotations

from dataclasses import dataclass

from healthlint.claims.lexicon import Lexicon
from healthlint.claims.screen import texts_hit


@dataclass(slots=True)
class TopicEvidence:
    is_supplement: bool
    triggers: list[tuple[str, int, int]]  # (word, start, end) in the text searched


def supplement_topic(text: str, lex: Lexicon) -> TopicEvidence:
    """A supplement page names a supplement form (capsules, softgels...) or two supplement ingredients."""
    strong = [
        (m.group(), m.start(), m.end()) for m in lex.term_res["supplement_strong"].finditer(text)
    ]
    weak = [
        (m.group(), m.start(), m.end())
        for m in lex.term_res["supplement_weak"].finditer(text)
        if not _injected(text, m.start(), lex)
    ]
    if strong:
        return TopicEvidence(True, strong + weak)
    return TopicEvidence(len(weak) >= 2, weak)


_SUBJECT_GAP_WORDS = (
    4  # words allowed between the supplement's name and its claim ("Biotin 10,000 mcg")
)


def supplement_subject(text: str, start: int, lex: Lexicon) -> tuple[str, int, int] | None:
    """The supplement a structure/function claim at ``start`` is about, if it names one itself.

    "Ashwagandha helps your body manage stress", "Vitamin D3 + K2 helps maintain strong bones":
    a supplement ingredient is the subject right before the claim. "Take our menopause complex
    to support hormonal balance": the claim is the purpose of taking a product. Either makes the
    claim a supplement claim even on a page that names no other supplement word. So does a
    product brand as the subject ("ImmunoMax boosts your immunity"): a page naming a product by
    brand and claiming a structure/function effect for it is selling it.
    """
    before = text[max(0, start - 100) : start]
    offset = start - len(before)
    took = lex.dshea_taken.search(before)
    if took is not None:
        return took.group(), offset + took.start(), offset + took.end()
    brand = lex.dshea_brand.search(before)
    if brand is not None and not any(c in brand.group() for c in ".;:!?()"):
        return brand.group().strip(), offset + brand.start(), offset + brand.end()
    last = None
    for name in ("supplement_strong", "supplement_weak"):
        for m in lex.term_res[name].finditer(before):
            if last is None or m.end() > last.end():
                last = m
    if last is None:
        return None
    gap = before[last.end() :]
    if len(gap.split()) > _SUBJECT_GAP_WORDS or any(c in gap for c in ".;:!?()"):
        return None
    return last.group(), offset + last.start(), offset + last.end()


def _injected(text: str, at: int, lex: Lexicon) -> bool:
    """Whether the sentence around ``at`` is about injecting or infusing (not a supplement)."""
    start = max(text.rfind(".", 0, at), text.rfind("!", 0, at), text.rfind("?", 0, at)) + 1
    ends = [i for i in (text.find(c, at) for c in ".!?") if i >= 0]
    return lex.dshea_not_ingested.search(text, start, min(ends, default=len(text))) is not None


def topic_blocks(texts: list[str], lex: Lexicon) -> list[int]:
    """Indices of the texts that may name a supplement word, in one RE2 pass over them all.

    A necessary condition for ``supplement_topic`` finding anything (``lex.topic_screen`` is
    its two term lists relaxed); every index when there is no screen.
    """
    return texts_hit(lex.topic_screen, texts)


def disclaimer_status(text: str, lex: Lexicon) -> str:
    """'present', 'altered' (a partial or reworded disclaimer) or 'missing'."""
    flat = " ".join(text.split())  # as _WS.sub(" ", text) but stripped, and several times faster
    if lex.dshea_evaluated.search(flat) and lex.dshea_intended.search(flat):
        return "present"
    if lex.dshea_partial.search(flat):
        return "altered"
    return "missing"


def describe_triggers(triggers: list[tuple[str, int, int]], limit: int = 3) -> str:
    seen: list[str] = []
    for word, _s, _e in triggers:
        w = word.lower()
        if w not in seen:
            seen.append(w)
    shown = ", ".join(f"'{w}'" for w in seen[:limit])
    return shown + (f" and {len(seen) - limit} more" if len(seen) > limit else "")
