"""HTML pages and fragments → :class:`~healthlint.document.Document`.

Prose rules read the main content: the element matched by the configured ``content-selector``,
else ``<main>``, ``role="main"`` or ``<article>``, else ``<body>``. Navigation, header, footer and
aside blocks stay in the document with ``in_main=False`` so page-level checks (a disclaimer in
the footer) still see them; script, style, template, pre and code are never prose.
"""

from __future__ import annotations

import json

from healthlint.document import (
    Block,
    Comment,
    Document,
    ImageRef,
    JsonLd,
    LinkRef,
    MetaTag,
    PageMeta,
    TextBuilder,
    TimeRef,
)
from healthlint.htmltree import Element, TextNode, decode_with_map, parse_html
from healthlint.selectors import Selector

NOT_PROSE = frozenset(
    [
        "script",
        "style",
        "template",
        "pre",
        "code",
        "noscript",
        "svg",
        "math",
        "textarea",
        "select",
        "option",
        "button",
        "head",
        "title",
        "iframe",
        "object",
        "canvas",
    ]
)
CHROME = frozenset(("nav", "header", "footer", "aside"))
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "blockquote",
        "figcaption",
        "caption",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "thead",
        "tbody",
        "tfoot",
        "figure",
        "form",
        "fieldset",
        "details",
        "summary",
        "address",
        "hr",
        "body",
        "html",
        "center",
        "legend",
    ]
)
_BREAK_TAGS = frozenset(("br", "hr", "img", "wbr"))


def _block_kind(el: Element | None) -> tuple[str, int]:
    node = el
    while node is not None:
        tag = node.tag
        if tag in _HEADINGS:
            return "heading", _HEADINGS[tag]
        if tag in ("li", "dt", "dd"):
            return "list_item", 0
        if tag in ("td", "th"):
            return "table_cell", 0
        if tag in ("figcaption", "caption"):
            return "caption", 0
        if tag == "blockquote":
            return "blockquote", 0
        if tag == "p":
            return "paragraph", 0
        node = node.parent
    return "paragraph", 0


def find_main(
    root: Element, selector: Selector | None, elements: list[Element] | None = None
) -> Element | None:
    """The main-content element, or None when the page has none.

    ``elements`` is ``list(root.iter())`` when the caller has it already.
    """
    if elements is None:
        elements = list(root.iter())
    if selector is not None:
        for el in elements:
            if selector.matches(el):
                return el
        return None
    role_main = article = None
    for el in elements:
        if el.tag == "main":
            return el
        if role_main is None and el.attrs.get("role") == "main":
            role_main = el
        if article is None and el.tag == "article":
            article = el
    return role_main or article


class _BlockWalker:
    """Walks the tree once and cuts its text into blocks at block-level elements."""

    def __init__(self, source: str, main: Element | None) -> None:
        self.source = source
        self.main = main
        self.blocks: list[Block] = []
        self.builder = TextBuilder()
        self.block_el: Element | None = None
        self.in_main = main is None
        self.links: list[LinkRef] = []

    def flush(self) -> None:
        if len(self.builder):
            text, smap = self.builder.build()
            self.builder = TextBuilder()
            kind, level = _block_kind(self.block_el)
            self.blocks.append(
                Block(
                    kind,
                    text,
                    smap,
                    level=level,
                    in_main=self.in_main,
                    tag=self.block_el.tag if self.block_el is not None else "",
                )
            )

    def add_text(self, node: TextNode) -> None:
        if "&" not in node.raw:  # nothing to decode: the text is its source
            self.builder.add_verbatim(node.raw, node.start)
            return
        for piece, s, e in decode_with_map(node.raw):
            if e - s == len(piece) and piece == node.raw[s:e]:
                self.builder.add_verbatim(piece, node.start + s)
            else:
                self.builder.add_decoded(piece, node.start + s, node.start + e)

    def walk(self, root: Element) -> None:
        # iterative walk with explicit enter/exit events
        stack: list[tuple[Element | TextNode, bool, bool, bool]] = [(root, False, False, False)]
        while stack:
            node, exiting, chrome, main_flag = stack.pop()
            if isinstance(node, TextNode):
                in_main = (self.main is None and not chrome) or (main_flag and not chrome)
                if in_main != self.in_main and len(self.builder):
                    self.flush()
                self.in_main = in_main
                self.add_text(node)
                continue
            tag = node.tag
            if exiting:
                if tag in BLOCK_TAGS:
                    self.flush()
                    self.block_el = node.parent
                continue
            if tag in NOT_PROSE or (tag.startswith("#") and tag != "#document"):
                if len(self.builder) and tag in ("pre", "table"):
                    self.flush()
                continue
            if tag in _BREAK_TAGS:
                self.builder.add_space(node.start, node.start_end)
                continue
            is_block = tag in BLOCK_TAGS
            if is_block:
                self.flush()
                self.block_el = node
            child_chrome = chrome or tag in CHROME
            if node is self.main:
                # chrome inside the main element (an article footer) stays chrome
                child_chrome = tag in CHROME
                main_flag = True
            if node.attrs.get("hidden") is not None or node.attrs.get("aria-hidden") == "true":
                continue
            stack.append((node, True, chrome, main_flag))
            for child in reversed(node.children):
                stack.append((child, False, child_chrome, main_flag))
        self.flush()


def _collect_meta(
    doc_source: str, root: Element, main: Element | None, elements: list[Element]
) -> PageMeta:
    meta = PageMeta()
    main_range = (main.start, main.end) if main is not None else None

    def in_main(el: Element) -> bool:
        if main_range is None:
            return not any(a.tag in CHROME for a in el.ancestors())
        if not (main_range[0] <= el.start < main_range[1]):
            return False
        for a in el.ancestors():
            if a is main:
                return True
            if a.tag in CHROME:
                return False
        return True

    for el in elements:
        tag = el.tag
        a = el.attrs
        if "id" in a and a["id"] and a["id"] not in meta.ids:
            meta.ids[a["id"]] = el.tag_span
        if tag == "a" and "name" in a and a["name"] not in meta.ids:
            meta.ids[a["name"]] = el.tag_span
        if tag == "html":
            if meta.html_span is None:
                meta.html_span = el.tag_span
                meta.lang = a.get("lang")
        elif tag == "head":
            meta.head_span = el.tag_span
        elif tag == "title":
            if meta.title is None and not any(p.tag == "svg" for p in el.ancestors()):
                meta.title = el.text
                meta.title_span = el.tag_span
        elif tag == "meta":
            for key_attr in ("name", "property", "http-equiv", "itemprop"):
                if key_attr in a:
                    meta.metas.append(
                        MetaTag(
                            a[key_attr].strip().lower(), key_attr, a.get("content", ""), el.tag_span
                        )
                    )
                    break
            else:
                if "charset" in a:
                    meta.metas.append(MetaTag("charset", "charset", a["charset"], el.tag_span))
        elif tag == "link":
            rel = a.get("rel", "").strip().lower()
            if rel:
                meta.link_tags.append(MetaTag(rel, "rel", a.get("href", ""), el.tag_span))
        elif tag == "a" or tag == "area":
            text = el.text
            text_span = None
            texts = [t for t in el.iter_text() if t.raw.strip()]
            if texts:
                text_span = (
                    texts[0].start + (len(texts[0].raw) - len(texts[0].raw.lstrip())),
                    texts[-1].end - (len(texts[-1].raw) - len(texts[-1].raw.rstrip())),
                )
            meta.links.append(
                LinkRef(a.get("href"), text, el.tag_span, in_main(el), a.get("rel", ""), text_span)
            )
        elif tag == "img":
            meta.images.append(
                ImageRef(a.get("src"), a.get("alt"), el.tag_span, in_main(el), a.get("title"))
            )
        elif tag == "time":
            meta.times.append(TimeRef(a.get("datetime") or el.text, el.text, el.tag_span))
        elif tag == "script" and a.get("type", "").strip().lower() == "application/ld+json":
            raw = "".join(t.raw for t in el.iter_text())
            try:
                data = json.loads(raw)
                meta.json_ld.append(JsonLd(data, None, el.tag_span))
            except ValueError as exc:
                meta.json_ld.append(JsonLd(None, str(exc), el.tag_span))
    return meta


def load_html(path: str, source: str, selector: Selector | None = None) -> Document:
    tree = parse_html(source)
    main = find_main(tree.root, selector, tree.elements)
    walker = _BlockWalker(source, main)
    walker.walk(tree.root)
    meta = _collect_meta(source, tree.root, main, tree.elements)
    comments = [Comment(text, (s, e)) for text, s, e in tree.comments]
    return Document(
        path=path,
        format="html",
        source=source,
        blocks=walker.blocks,
        meta=meta,
        comments=comments,
        root=tree.root,
        main_found=main is not None,
        element_list=tree.elements,
    )


def extract_fragment(
    source: str, start: int, end: int
) -> tuple[list[Block], PageMeta, list[Comment]]:
    """Blocks, metadata and comments of an HTML fragment embedded in another format."""
    tree = parse_html(source[start:end], base=start)
    walker = _BlockWalker(source, None)
    walker.walk(tree.root)
    meta = _collect_meta(source, tree.root, None, tree.elements)
    comments = [Comment(text, (s, e)) for text, s, e in tree.comments]
    return walker.blocks, meta, comments
