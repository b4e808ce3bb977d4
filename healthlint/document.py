"""The document model every rule reads: blocks of text with a source map, and page metadata.

Loaders (``healthlint.loaders``) build a :class:`Document` from a file; rules only read it.
All offsets called ``src``/``span`` are character offsets into ``Document.source`` (the decoded
file), half-open ``(start, end)``. Offsets inside a :class:`Block` index ``Block.text``;
``Block.span(start, end)`` converts them to source offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from healthlint.lazy import cached_property

if TYPE_CHECKING:
    from healthlint.htmltree import Element

Span = tuple[int, int]

_ODD_WS = re.compile(r"\s{2,}|[^\S ]")  # white space other than one plain space


class SourceMap:
    """Maps every character of a block's text back to a span of the source.

    Stored as runs: ``(text_start, src_start, src_end, verbatim)``. A verbatim run maps character
    for character; a non-verbatim run (a decoded entity, a collapsed stretch of white space, an
    escape) maps each of its characters to the whole source span it came from.
    """

    __slots__ = ("_src_end", "_src_start", "_text_start", "_verbatim")

    def __init__(self) -> None:
        self._text_start: list[int] = []
        self._src_start: list[int] = []
        self._src_end: list[int] = []
        self._verbatim: list[bool] = []

    def add(self, text_start: int, src_start: int, src_end: int, verbatim: bool) -> None:
        if verbatim and self._verbatim and self._verbatim[-1]:
            # extend the previous run when this one continues it in both text and source
            prev_src_end = self._src_end[-1]
            if (
                prev_src_end == src_start
                and self._text_start[-1] + (prev_src_end - self._src_start[-1]) == text_start
            ):
                self._src_end[-1] = src_end
                return
        self._text_start.append(text_start)
        self._src_start.append(src_start)
        self._src_end.append(src_end)
        self._verbatim.append(verbatim)

    def _run(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._text_start, i) - 1)

    def start_of(self, i: int) -> int:
        """Source offset where text character ``i`` begins."""
        if not self._text_start:
            return 0
        r = self._run(i)
        if self._verbatim[r]:
            return min(self._src_start[r] + (i - self._text_start[r]), self._src_end[r])
        return self._src_start[r]

    def end_of(self, i: int) -> int:
        """Source offset just past text character ``i``."""
        if not self._text_start:
            return 0
        r = self._run(i)
        if self._verbatim[r]:
            return min(self._src_start[r] + (i - self._text_start[r]) + 1, self._src_end[r])
        return self._src_end[r]

    def span(self, start: int, end: int) -> Span:
        """Source span of the text span ``[start, end)``."""
        if end <= start:
            s = self.start_of(start)
            return (s, s)
        return (self.start_of(start), self.end_of(end - 1))


class TextBuilder:
    """Accumulates a block's text from source pieces, collapsing white space as HTML does."""

    __slots__ = ("_len", "_parts", "_pending_ws", "_smap")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._smap = SourceMap()
        self._len = 0
        self._pending_ws: Span | None = None

    def _emit(self, text: str, src_start: int, src_end: int, verbatim: bool) -> None:
        if self._pending_ws is not None:
            if self._len:
                ws_start, ws_end = self._pending_ws
                self._smap.add(self._len, ws_start, ws_end, ws_end - ws_start == 1)
                self._parts.append(" ")
                self._len += 1
            self._pending_ws = None
        self._smap.add(self._len, src_start, src_end, verbatim)
        self._parts.append(text)
        self._len += len(text)

    def _space(self, src_start: int, src_end: int) -> None:
        if self._pending_ws is None:
            self._pending_ws = (src_start, src_end)
        else:
            self._pending_ws = (self._pending_ws[0], src_end)

    def add_verbatim(self, text: str, src_start: int) -> None:
        """Add source text that appears as-is (white space runs collapse to one space).

        Single spaces inside the text stay part of one verbatim run; only other white space
        (line breaks, tabs, runs of spaces) needs a run of its own in the source map.
        """
        n = len(text)
        lead = n - len(text.lstrip())
        if lead == n:
            if n:
                self._space(src_start, src_start + n)
            return
        if lead:
            self._space(src_start, src_start + lead)
        end = len(text.rstrip())
        pos = lead
        for m in _ODD_WS.finditer(text, lead, end):
            self._emit(text[pos : m.start()], src_start + pos, src_start + m.start(), True)
            self._space(src_start + m.start(), src_start + m.end())
            pos = m.end()
        self._emit(text[pos:end], src_start + pos, src_start + end, True)
        if end < n:
            self._space(src_start + end, src_start + n)

    def add_decoded(self, text: str, src_start: int, src_end: int) -> None:
        """Add text decoded from a source span of another length (an entity, an escape)."""
        if not text:
            return
        if text.isspace():
            self._space(src_start, src_end)
            return
        self._emit(text, src_start, src_end, False)

    def add_space(self, src_start: int, src_end: int) -> None:
        """A break between words (``<br>``, a soft line break) that maps to ``[src_start, src_end)``."""
        self._space(src_start, src_end)

    def __len__(self) -> int:
        return self._len

    def build(self) -> tuple[str, SourceMap]:
        return "".join(self._parts), self._smap


# --- words and sentences -------------------------------------------------------------------

WORD_RE = re.compile(r"[^\W_](?:[\w’'\-.]*[^\W_])?")
# the same words as one capturing group: split() gives [gap, word, gap, word, ..., gap] in C
_WORD_SPLIT = re.compile(f"({WORD_RE.pattern})")
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "approx",
        "fig",
        "vol",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "min",
        "max",
        "mg",
        "kg",
        "lb",
        "lbs",
        "oz",
        "ft",
        "cm",
        "mm",
        "ml",
        "hr",
        "hrs",
        "wk",
        "wks",
        "mo",
        "yr",
        "yrs",
        "ph.d",
        "m.d",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_SENT_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_NEXT_CHAR = re.compile(r"\s*(\S?)")  # group 1: text[i:].lstrip()[:1], without the copy


class Word(NamedTuple):
    """A word of a block: ``start``/``end`` index ``block.text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    """A sentence of a block: ``start``/``end`` index ``block.text``."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def words(self) -> list[Word]:
        lo, hi = self.word_range
        return self.block.words[lo:hi]

    @property
    def word_range(self) -> tuple[int, int]:
        """Indexes ``[lo, hi)`` of the block's words that start inside the sentence."""
        starts = self.block.word_starts
        return bisect.bisect_left(starts, self.start), bisect.bisect_left(starts, self.end)

    def span(self, start: int | None = None, end: int | None = None) -> Span:
        """Source span of ``[start, end)`` given in block offsets (default: the sentence)."""
        return self.block.span(
            self.start if start is None else start, self.end if end is None else end
        )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split prose into sentence spans; abbreviations and decimals do not end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    next_char = _NEXT_CHAR.match
    while start < n and text[start].isspace():
        start += 1
    for m in _SENT_END.finditer(text):
        end = m.end()
        if end <= start:
            continue
        punct = m.group()
        if punct[0] == ".":
            before = text[start : m.start()].rsplit(None, 1)
            last = before[-1].lower().strip("(\"'“‘") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            if last.count(".") >= 1 and len(last) <= 5 and last.replace(".", "").isalpha():
                # initialisms such as "U.S." end a sentence only before a capitalised word
                nxt = next_char(text, end).group(1)
                if not nxt.isupper():
                    continue
        nxt = next_char(text, end).group(1)
        if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([¿¡*-•"):
            continue
        spans.append((start, end))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


# --- blocks ----------------------------------------------------------------------------------

_SHARED: dict[str, str] = {}
"""Words met so far, each as one shared string object (memory: words repeat)."""
_LOWER: dict[str, str] = {}
"""Words met so far -> their lower-cased form (a shared string too)."""
_SHARED_MAX = 200_000  # distinct words kept (cleared past it: memory stays bounded)

BLOCK_KINDS = (
    "paragraph",
    "heading",
    "list_item",
    "table_cell",
    "blockquote",
    "caption",
)


@dataclass(eq=False)
class Block:
    """A unit of prose: a paragraph, heading, list item, table cell, blockquote or caption."""

    kind: str
    text: str
    smap: SourceMap
    level: int = 0
    in_main: bool = True
    tag: str = ""
    section: str = ""  # "references" for blocks under a References/Sources heading

    def span(self, start: int, end: int) -> Span:
        return self.smap.span(start, end)

    @property
    def source_span(self) -> Span:
        return self.smap.span(0, len(self.text))

    @property
    def is_prose(self) -> bool:
        """Running text that counts for sentence and grade statistics."""
        return self.in_main and self.kind in ("paragraph", "blockquote")

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [Sentence(self, s, e) for s, e in split_sentences(self.text)]

    # Words are stored flat, as three parallel lists built in one pass (``word_texts``,
    # ``word_starts``, ``word_ends``: indexes into ``text``); rules read those. ``words`` gives
    # the same as :class:`Word` tuples, built only when something asks for them.

    def _split_words(self) -> None:
        parts = _WORD_SPLIT.split(self.text)
        ends = list(accumulate(map(len, parts)))
        d = self.__dict__
        words = parts[1::2]
        if len(_SHARED) > _SHARED_MAX:
            _SHARED.clear()
        # one string object per distinct word: a 5 MB page has ~700,000 words but few distinct
        d["word_texts"] = list(map(_SHARED.setdefault, words, words))
        d["word_starts"] = ends[0:-1:2]
        d["word_ends"] = ends[1::2]

    @cached_property
    def word_texts(self) -> list[str]:
        """The block's words (``WORD_RE`` matches), in order."""
        self._split_words()
        return self.__dict__["word_texts"]

    @cached_property
    def word_starts(self) -> list[int]:
        """Where each word starts in ``text`` (ascending: bisect it)."""
        self._split_words()
        return self.__dict__["word_starts"]

    @cached_property
    def word_ends(self) -> list[int]:
        """Where each word ends in ``text``."""
        self._split_words()
        return self.__dict__["word_ends"]

    @cached_property
    def word_lowers(self) -> list[str]:
        """``word_texts`` lower-cased (what the word-level rules compare)."""
        texts = self.word_texts
        lowers = list(map(_LOWER.get, texts))
        if None in lowers:
            if len(_LOWER) > _SHARED_MAX:
                _LOWER.clear()
            for i, low in enumerate(lowers):
                if low is None:
                    w = texts[i]
                    low = w.lower()
                    lowers[i] = _LOWER[w] = _SHARED.setdefault(low, low)
        return lowers  # type: ignore[return-value]

    @property
    def word_count(self) -> int:
        return len(self.word_texts)

    @cached_property
    def words(self) -> list[Word]:
        return list(map(Word, self.word_starts, self.word_ends, self.word_texts))


# Headings that open a list of references: what follows is citation text (paper titles, site
# names), not the writer's prose, so jargon, claims or abbreviations in it are not theirs to fix.
REFERENCE_HEADING = re.compile(
    r"(?:(?:key\s+|selected\s+|notes\s+and\s+)?(?:references?|sources?|bibliography|citations?)"
    r"(?:\s+and\s+(?:further\s+reading|resources|notes|links))?"
    r"|works\s+cited|studies\s+cited|further\s+reading|read\s+more)\s*:?\s*$",
    re.IGNORECASE,
)


# A paragraph in a references section is an entry only if it looks like one; a closing paragraph
# of the writer's own after the list is still prose.
_CITATION_LIKE = re.compile(
    r"https?://|www\.|\bdoi\b|\bet al\b|\bpmid\b|\b(?:19|20)\d\d\b|^\s*\[?\d+[.)\]]", re.IGNORECASE
)


def mark_reference_sections(blocks: list[Block]) -> None:
    """Take the entries under a main-content References/Sources heading out of the main prose.

    List items and table cells there are entries; paragraphs only when they look like citations.
    Entries keep ``section="references"`` so page-level checks (does the page cite sources?) still
    find them; the section ends at the next heading of the same or a higher level.
    """
    level: int | None = None
    for b in blocks:
        if b.kind == "heading" and b.in_main:
            if level is not None and b.level <= level:
                level = None
            if level is None and REFERENCE_HEADING.match(b.text.strip()):
                level = b.level
            continue
        if (
            level is not None
            and b.in_main
            and (b.kind != "paragraph" or _CITATION_LIKE.search(b.text))
        ):
            b.in_main = False
            b.section = "references"


# --- page metadata ---------------------------------------------------------------------------


@dataclass(slots=True)
class MetaTag:
    key: str  # lower-cased name, property or http-equiv
    attr: str  # which attribute held the key: name, property, http-equiv, charset, itemprop
    content: str
    span: Span


@dataclass(slots=True)
class LinkRef:
    href: str | None
    text: str
    span: Span
    in_main: bool = True
    rel: str = ""
    text_span: Span | None = None


@dataclass(slots=True)
class ImageRef:
    src: str | None
    alt: str | None  # None when the attribute is absent
    span: Span
    in_main: bool = True
    title: str | None = None


@dataclass(slots=True)
class TimeRef:
    value: str  # the datetime attribute, else the text
    text: str
    span: Span


@dataclass(slots=True)
class JsonLd:
    data: Any  # parsed JSON, or None when it did not parse
    error: str | None
    span: Span


@dataclass
class PageMeta:
    title: str | None = None
    title_span: Span | None = None
    lang: str | None = None
    html_span: Span | None = None  # the <html> start tag, or the front matter, or (0, 0)
    head_span: Span | None = None
    metas: list[MetaTag] = field(default_factory=list)
    link_tags: list[MetaTag] = field(default_factory=list)  # <link rel=… href=…>: key=rel
    links: list[LinkRef] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    json_ld: list[JsonLd] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_span: Span | None = None
    ids: dict[str, Span] = field(default_factory=dict)  # element ids / heading anchors

    def meta(self, key: str) -> MetaTag | None:
        """First ``<meta>`` whose name/property/http-equiv is ``key`` (case-insensitive)."""
        key = key.lower()
        for m in self.metas:
            if m.key == key:
                return m
        return None


@dataclass(slots=True)
class Comment:
    """A source comment (HTML or Markdown ``<!-- … -->``): suppressions are read from these."""

    text: str
    span: Span


@dataclass(eq=False)
class Document:
    path: str
    format: str  # "html", "markdown" or "text"
    source: str
    blocks: list[Block] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)
    comments: list[Comment] = field(default_factory=list)
    root: Element | None = None  # the HTML element tree, for page-level checks
    main_found: bool = False  # whether a main-content element or selector matched
    cache: dict[str, Any] = field(default_factory=dict)  # per-document work shared by rules
    element_list: list[Element] | None = None  # ``list(root.iter())``, when the loader has it

    @property
    def elements(self) -> list[Element]:
        """Every element of ``root`` in document order (``root`` first); [] without a tree.

        Built once (by the HTML loader, while parsing) and shared by every rule family, so
        none of them walks the whole tree again.
        """
        if self.element_list is None:
            self.element_list = list(self.root.iter()) if self.root is not None else []
        return self.element_list

    def release(self) -> None:
        """Let go of what the rules built and of the element tree, at once.

        Called when a file's findings are out: it breaks the reference cycles (a block and its
        sentences, a tree node and its parent, cached analyses and the document) so that the
        memory goes back by reference counting, not at the next full garbage collection. The
        document is no use to rules afterwards.
        """
        self.cache.clear()
        for b in self.blocks:
            b.__dict__.pop("sentences", None)
        if self.root is not None:
            for el in self.elements:
                el.parent = None
                el.children = []
        self.element_list = None
        self.root = None

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        if line < 1 or line > len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(self.source)
        return self.source[starts[line - 1] : end].rstrip("\r")

    @property
    def main_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.in_main]

    @property
    def prose_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.is_prose]

    def sentences(self, main_only: bool = True) -> Iterator[Sentence]:
        for b in self.blocks:
            if b.in_main or not main_only:
                yield from b.sentences

    @cached_property
    def main_text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.in_main)

    @cached_property
    def page_text(self) -> str:
        """All visible text, page chrome (header, footer, aside) included."""
        return "\n".join(b.text for b in self.blocks)

    @property
    def page_span(self) -> Span:
        """Where a page-level finding points when nothing more specific applies."""
        if self.meta.html_span is not None:
            return self.meta.html_span
        if self.meta.front_matter_span is not None:
            return self.meta.front_matter_span
        for b in self.blocks:
            return b.source_span
        return (0, 0)
