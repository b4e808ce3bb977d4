"""A tolerant HTML tree that keeps the source offset of every tag and text run.

Built on the stdlib tokenizer (the one BeautifulSoup's ``html.parser`` builder uses), so malformed
markup never raises; the tree builder applies the common HTML implied-end-tag rules. Nothing
here recurses, so 10,000 nested elements are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "frame",
    ]
)
RAW_TEXT = frozenset(("script", "style", "template", "textarea", "title", "xmp", "noscript"))
# elements whose start tag closes an open <p>
_CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)
# start tag -> open elements it implicitly closes, and the elements that stop the search
_IMPLIED = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
    "option": ({"option"}, {"select", "datalist"}),
    "optgroup": ({"option", "optgroup"}, {"select"}),
}
_SCOPE_BOUNDARY = frozenset(("table", "td", "th", "html", "body", "template", "button", "object"))

_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_ATTR = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""",
)


@dataclass(eq=False, slots=True)
class TextNode:
    """A run of character data; ``start``/``end`` span its raw (undecoded) source."""

    start: int
    end: int
    parent: Element | None = None
    raw: str = ""

    @property
    def text(self) -> str:
        return unescape(self.raw) if "&" in self.raw else self.raw


@dataclass(eq=False, slots=True)
class Element:
    tag: str
    attrs: dict[str, str]
    start: int  # offset of "<"
    start_end: int  # offset just past the start tag's ">"
    end: int = -1  # offset just past the end tag (or the last content), set when closed
    parent: Element | None = None
    children: list[Element | TextNode] = field(default_factory=list)
    raw_start_tag: str = ""  # the start tag's source text, kept when it has attributes
    depth: int = 0
    _attr_spans: dict[str, tuple[int, int]] | None = None

    @property
    def attr_spans(self) -> dict[str, tuple[int, int]] | None:
        """Source spans of attribute values (or names, for valueless attributes); None without
        attributes. Worked out from the start tag's text on first use: few findings need them."""
        spans = self._attr_spans
        if spans is None and self.raw_start_tag:
            spans = self._attr_spans = _attr_spans(self.raw_start_tag, self.start)
        return spans

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.attrs

    @property
    def tag_span(self) -> tuple[int, int]:
        return (self.start, self.start_end)

    def iter(self) -> Iterator[Element]:
        """All descendant elements in document order (self included), without recursion."""
        stack: list[Element] = [self]
        while stack:
            el = stack.pop()
            yield el
            kids = [c for c in el.children if isinstance(c, Element)]
            stack.extend(reversed(kids))

    def iter_text(self) -> Iterator[TextNode]:
        """Text nodes below this element in document order (script/style content included)."""
        stack: list[Element | TextNode] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, TextNode):
                yield node
            else:
                stack.extend(reversed(node.children))

    def find_all(self, *tags: str) -> list[Element]:
        want = set(tags)
        return [el for el in self.iter() if el.tag in want]

    def find(self, *tags: str) -> Element | None:
        want = set(tags)
        for el in self.iter():
            if el.tag in want:
                return el
        return None

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def text(self) -> str:
        """Visible text content (script, style and template skipped), white space collapsed."""
        parts: list[str] = []
        stack: list[Element | TextNode] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, TextNode):
                parts.append(node.text)
            elif node.tag not in ("script", "style", "template") or node is self:
                if node.tag in ("br",):
                    parts.append(" ")
                stack.extend(reversed(node.children))
        return " ".join("".join(parts).split())


class _Builder(HTMLParser):
    def __init__(self, source: str, base: int = 0) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        self._pos = 0  # source offset of what the tokenizer is at
        self._consumed = 0  # source offset of the tokenizer's rawdata[0]
        self.root = Element("#document", {}, base, base)
        self.elements: list[Element] = [self.root]  # every element, in document order
        self.stack: list[Element] = [self.root]
        self.text_start: int | None = None
        self.comments: list[tuple[str, int, int]] = []
        self.doctype: str | None = None
        self.max_depth = 0
        self.open_counts: dict[str, int] = {}

    # --- positions --------------------------------------------------------------------------
    # The tokenizer reports where it is as (line, column), counting line breaks in every piece
    # it consumes; only offsets are needed here, so its bookkeeping keeps the offset instead.
    def updatepos(self, i: int, j: int) -> int:
        if i < j:
            self._pos = self._consumed + j
        return j

    def goahead(self, end: bool) -> None:
        before = len(self.rawdata)
        super().goahead(end)  # type: ignore[misc]
        self._consumed += before - len(self.rawdata)  # what it dropped from the front

    def _offset(self) -> int:
        return self._pos

    def _flush_text(self, end: int) -> None:
        if self.text_start is not None and end > self.text_start:
            parent = self.stack[-1]
            node = TextNode(
                self.text_start + self.base,
                end + self.base,
                parent,
                self.source[self.text_start : end],
            )
            parent.children.append(node)
        self.text_start = None

    # --- text -----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.text_start is None:
            self.text_start = self._offset()

    handle_entityref = handle_data  # type: ignore[assignment]
    handle_charref = handle_data  # type: ignore[assignment]

    # --- tags -------------------------------------------------------------------------------
    def _close_to(self, index: int, end: int) -> None:
        counts = self.open_counts
        for el in self.stack[index:]:
            el.end = end + self.base
            counts[el.tag] -= 1
        del self.stack[index:]

    def _open_index(self, tags: set[str] | frozenset[str], stop: set[str] | frozenset[str]) -> int:
        if not any(self.open_counts.get(t) for t in tags):
            return -1
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t in tags:
                return i
            if t in stop:
                return -1
        return -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self._flush_text(start)
        raw = self.get_starttag_text() or ""
        start_end = start + len(raw)
        if tag in _CLOSES_P:
            i = self._open_index({"p"}, _SCOPE_BOUNDARY)
            if i > 0:
                self._close_to(i, start)
        implied = _IMPLIED.get(tag)
        if implied:
            i = self._open_index(implied[0], implied[1])
            if i > 0:
                self._close_to(i, start)
        if tag in ("html", "body", "head"):
            existing = self.root.find(tag) if tag != "html" else None
            if existing is not None:
                for k, v in attrs:
                    existing.attrs.setdefault(k, v or "")
                return
        attr_map: dict[str, str] = {}
        for k, v in attrs:
            if k not in attr_map:
                attr_map[k] = "" if v is None else v
        parent = self.stack[-1]
        el = Element(
            tag,
            attr_map,
            start + self.base,
            start_end + self.base,
            parent=parent,
            raw_start_tag=raw if attr_map else "",
            depth=parent.depth + 1,
        )
        parent.children.append(el)
        self.elements.append(el)
        if el.depth > self.max_depth:
            self.max_depth = el.depth
        if tag in VOID:
            el.end = el.start_end
        else:
            self.stack.append(el)
            self.open_counts[tag] = self.open_counts.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            el = self.stack.pop()
            el.end = el.start_end
            self.open_counts[tag] -= 1

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self._flush_text(start)
        close = self.source.find(">", start)
        end = close + 1 if close != -1 else len(self.source)
        if not self.open_counts.get(tag):
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._close_to(i, end)
                return
            if self.stack[i].tag in _SCOPE_BOUNDARY and tag not in _SCOPE_BOUNDARY:
                return

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        self._flush_text(start)
        end = self.source.find("-->", start)
        end = end + 3 if end != -1 else len(self.source)
        self.comments.append((data, start + self.base, end + self.base))

    def handle_decl(self, decl: str) -> None:
        self._flush_text(self._offset())
        if decl.lower().startswith("doctype"):
            self.doctype = decl

    def handle_pi(self, data: str) -> None:
        self._flush_text(self._offset())

    def unknown_decl(self, data: str) -> None:
        self._flush_text(self._offset())

    def finish(self) -> None:
        self.close()
        self._flush_text(len(self.source))
        self._close_to(1, len(self.source))
        self.root.end = len(self.source) + self.base


def _attr_spans(raw: str, base: int) -> dict[str, tuple[int, int]]:
    """Source spans of attribute values (or names, for valueless attributes) in a start tag."""
    spans: dict[str, tuple[int, int]] = {}
    m = re.match(r"<[^\s/>]+", raw)
    pos = m.end() if m else 0
    for am in _ATTR.finditer(raw, pos):
        name = am.group(1).lower()
        if name in spans:
            continue
        for g in (2, 3, 4):
            if am.group(g) is not None:
                spans[name] = (base + am.start(g), base + am.end(g))
                break
        else:
            spans[name] = (base + am.start(1), base + am.end(1))
    return spans


@dataclass
class HtmlTree:
    root: Element
    comments: list[tuple[str, int, int]]
    doctype: str | None
    max_depth: int
    elements: list[Element] = field(default_factory=list)
    """Every element (``root`` first) in document order: ``list(root.iter())``, built while
    parsing, so rules need not walk the tree again."""

    def find(self, *tags: str) -> Element | None:
        return self.root.find(*tags)


def parse_html(source: str, base: int = 0) -> HtmlTree:
    """Parse HTML (a page or a fragment) into a tree whose offsets index ``source`` (+ ``base``)."""
    b = _Builder(source, base)
    b.feed(source)
    b.finish()
    return HtmlTree(b.root, b.comments, b.doctype, b.max_depth, b.elements)


def decode_with_map(raw: str) -> list[tuple[str, int, int]]:
    """Split raw character data into ``(text, raw_start, raw_end)`` pieces.

    Plain stretches decode to themselves; each character reference is its own piece.
    """
    if "&" not in raw:
        return [(raw, 0, len(raw))]
    pieces: list[tuple[str, int, int]] = []
    pos = 0
    for m in _CHARREF.finditer(raw):
        decoded = unescape(m.group())
        if decoded == m.group():
            continue  # not a known reference: leave it as text
        if m.start() > pos:
            pieces.append((raw[pos : m.start()], pos, m.start()))
        pieces.append((decoded, m.start(), m.end()))
        pos = m.end()
    if pos < len(raw):
        pieces.append((raw[pos:], pos, len(raw)))
    return pieces
