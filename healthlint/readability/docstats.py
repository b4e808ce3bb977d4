"""Per-document readability statistics, computed once and shared by every readability rule.

Only running prose counts (``Block.is_prose``: paragraphs and blockquotes of the main content);
headings, lists, tables, captions, code and page chrome would distort sentence and grade figures.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from healthlint.document import Block, Document, Sentence, Word
from healthlint.lazy import cached_property
from healthlint.readability.stats import TextStats

CACHE_KEY = "readability.stats"
WORDS_PER_MINUTE = 200


@dataclass(eq=False)
class DocStats:
    """Readability figures of one document's main-content prose."""

    doc: Document
    prose: list[Block] = field(default_factory=list)
    _ranges: dict[int, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    @cached_property
    def whole(self) -> TextStats:
        """The figures textstat gives for the prose paragraphs joined by new lines."""
        return TextStats.joined(self.paragraphs)

    @cached_property
    def paragraphs(self) -> list[TextStats]:
        return [TextStats(b.text) for b in self.prose]

    @cached_property
    def main_word_count(self) -> int:
        """Words of all main content (lists and headings too): what a reader reads."""
        return sum(b.word_count for b in self.doc.blocks if b.in_main)

    def word_range(self, sentence: Sentence) -> tuple[int, int]:
        """Indexes ``[lo, hi)`` of the block's words inside a sentence (bisect, no full scan)."""
        starts = sentence.block.word_starts
        return bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)

    def sentence_ranges(self, block: Block) -> list[tuple[int, int]]:
        """:meth:`word_range` of each of the block's sentences, once per block."""
        ranges = self._ranges.get(id(block))
        if ranges is None:
            starts = block.word_starts
            left = bisect.bisect_left
            ranges = self._ranges[id(block)] = [
                (left(starts, s.start), left(starts, s.end)) for s in block.sentences
            ]
        return ranges

    def sentence_words(self, sentence: Sentence) -> list[Word]:
        """The block's words inside a sentence (bisect, not ``Sentence.words``' full scan)."""
        lo, hi = self.word_range(sentence)
        return sentence.block.words[lo:hi]

    def summary(self) -> dict[str, object]:
        w = self.whole
        return {
            "words": w.word_count,
            "sentences": w.sentence_count,
            "grade": {
                "smog": round(w.grade("smog"), 1),
                "flesch-kincaid": round(w.grade("flesch-kincaid"), 1),
                "coleman-liau": round(w.grade("coleman-liau"), 1),
                "automated-readability": round(w.grade("automated-readability"), 1),
            },
            "flesch_reading_ease": round(w.flesch_reading_ease(), 1),
            "main_words": self.main_word_count,
            "reading_time_minutes": round(self.main_word_count / WORDS_PER_MINUTE, 1),
        }


def doc_stats(doc: Document) -> DocStats:
    """The document's shared statistics (``doc.cache``), built on first use."""
    stats = doc.cache.get(CACHE_KEY)
    if stats is None:
        stats = doc.cache[CACHE_KEY] = DocStats(doc, doc.prose_blocks)
    return stats
