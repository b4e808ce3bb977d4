"""Markdown (CommonMark + tables) with front matter → :class:`~healthlint.document.Document`.

markdown-it-py gives block tokens with line ranges but no columns inside a line, so each inline
token's text is aligned back to the source: verbatim stretches map one to one; escapes and
entities map to the characters they came from; emphasis markers, link destinations, inline code
and HTML are skipped. Code, HTML comments and static-site template tags are never prose.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from healthlint.document import Block, Comment, Document, ImageRef, LinkRef, PageMeta, TextBuilder
from healthlint.loaders.frontmatter import split_front_matter, value_span

TEMPLATE_TAG = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_parser = None


def _md() -> Any:
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        _parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _parser


def blank_out(text: str, start: int, end: int) -> str:
    """Replace ``text[start:end]`` with spaces, keeping line breaks (so offsets do not move)."""
    chunk = re.sub(r"[^\r\n]", " ", text[start:end])
    return text[:start] + chunk + text[end:]


def mask_templates(text: str) -> str:
    """Blank out ``{{< … >}}``, ``{% … %}`` and ``{{ … }}`` so they are neither prose nor markup."""
    if "{" not in text:
        return text
    return TEMPLATE_TAG.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)


def slugify(text: str) -> str:
    """The anchor GitHub, Hugo and MkDocs give a heading (close enough for link checks)."""
    s = re.sub(r"[^\w\- ]", "", text.lower(), flags=re.UNICODE).strip()
    return re.sub(r"\s", "-", s)


class _Aligner:
    """Maps the text of inline tokens back to source offsets, moving a cursor forward."""

    def __init__(self, src: str, cursor: int, limit: int) -> None:
        self.src = src
        self.cur = cursor
        self.limit = limit

    def text(self, content: str, b: TextBuilder) -> None:
        src = self.src
        if src.startswith(content, self.cur):
            b.add_verbatim(content, self.cur)
            self.cur += len(content)
            return
        idx = src.find(content, self.cur, self.limit)
        if idx != -1 and not any(ch.isalnum() for ch in src[self.cur : idx]):
            b.add_verbatim(content, idx)
            self.cur = idx + len(content)
            return
        self._chars(content, b)

    def _chars(self, content: str, b: TextBuilder) -> None:
        src, limit = self.src, self.limit
        cur = self.cur
        run_start = -1
        run_src = -1
        i = 0
        n = len(content)
        while i < n:
            ch = content[i]
            if cur >= limit:
                # could not align: map what is left to where we are
                if run_start >= 0:
                    b.add_verbatim(content[run_start:i], run_src)
                    run_start = -1
                b.add_decoded(content[i:], max(self.cur, limit - 1), limit)
                self.cur = limit
                return
            c = src[cur]
            if c == ch:
                if run_start < 0:
                    run_start, run_src = i, cur
                cur += 1
                i += 1
                continue
            if run_start >= 0:
                b.add_verbatim(content[run_start:i], run_src)
                run_start = -1
            if c == "\\" and cur + 1 < limit and src[cur + 1] == ch:
                b.add_decoded(ch, cur, cur + 2)
                cur += 2
                i += 1
                continue
            if c == "&":
                m = _ENTITY.match(src, cur)
                if m:
                    decoded = unescape(m.group())
                    if decoded and content.startswith(decoded, i):
                        b.add_decoded(decoded, cur, m.end())
                        cur = m.end()
                        i += len(decoded)
                        continue
            if ch.isspace() and c in "\r\n":
                b.add_space(cur, cur + 1)
                i += 1
                cur += 1
                continue
            cur += 1  # markup: skip
        if run_start >= 0:
            b.add_verbatim(content[run_start:], run_src)
        self.cur = cur

    def skip(self, literal: str) -> int:
        """Move past the next occurrence of ``literal``; return where it started (-1 if absent)."""
        idx = self.src.find(literal, self.cur, self.limit)
        if idx != -1:
            self.cur = idx + len(literal)
        return idx

    def skip_link_tail(self) -> None:
        """After a link's text: skip ``](dest "title")``, ``][ref]`` or ``]``."""
        src, limit = self.src, self.limit
        close = src.find("]", self.cur, limit)
        if close == -1:
            return
        pos = close + 1
        if pos < limit and src[pos] == "(":
            depth = 0
            quote = ""
            while pos < limit:
                c = src[pos]
                if quote:
                    if c == quote:
                        quote = ""
                elif c == "\\":
                    pos += 1
                elif c in "\"'" and depth == 1 and src[pos - 1].isspace():
                    quote = c
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        pos += 1
                        break
                pos += 1
        elif pos < limit and src[pos] == "[":
            end = src.find("]", pos, limit)
            pos = end + 1 if end != -1 else pos
        self.cur = pos


def _inline_to_block(
    token: Any,
    src: str,
    start: int,
    limit: int,
    meta: PageMeta,
    comments: list[Comment],
) -> tuple[TextBuilder, int]:
    b = TextBuilder()
    al = _Aligner(src, start, limit)
    link_stack: list[tuple[LinkRef, int]] = []
    for child in token.children or ():
        t = child.type
        if t == "text":
            if child.content:
                al.text(child.content, b)
        elif t in ("softbreak", "hardbreak"):
            nl = src.find("\n", al.cur, limit)
            if nl == -1:
                b.add_space(al.cur, al.cur)
            else:
                b.add_space(nl, nl + 1)
                al.cur = nl + 1
        elif t == "code_inline":
            if al.skip(child.markup) != -1:
                al.skip(child.markup)
        elif t == "html_inline":
            idx = al.skip(child.content)
            if idx != -1 and child.content.startswith("<!--"):
                comments.append(
                    Comment(child.content[4:].rsplit("-->", 1)[0], (idx, idx + len(child.content)))
                )
        elif t == "image":
            idx = src.find("![", al.cur, limit)
            if idx == -1:
                continue
            al.cur = idx + 2
            al.skip_link_tail()
            meta.images.append(
                ImageRef(
                    child.attrGet("src"), child.content, (idx, al.cur), True, child.attrGet("title")
                )
            )
        elif t == "link_open":
            if child.markup == "autolink":
                idx = al.skip("<")
            else:
                idx = al.skip("[")
            ref = LinkRef(child.attrGet("href"), "", (idx if idx >= 0 else al.cur, al.cur), True)
            link_stack.append((ref, len(b)))
        elif t == "link_close":
            if not link_stack:
                continue
            ref, text_start = link_stack.pop()
            if child.markup == "autolink":
                al.skip(">")
            else:
                al.skip_link_tail()
            ref.span = (ref.span[0], al.cur)
            meta.links.append(ref)
            ref.text_span = (text_start, len(b))  # block offsets; the caller maps them
        elif t in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
            if child.markup:
                idx = src.find(child.markup, al.cur, limit)
                if idx != -1 and not any(ch.isalnum() for ch in src[al.cur : idx]):
                    al.cur = idx + len(child.markup)
    return b, al.cur


def load_markdown(path: str, source: str) -> Document:
    front_matter, fm_span = split_front_matter(path, source)
    work = source
    if fm_span is not None:
        work = blank_out(work, fm_span[0], fm_span[1])
    work = mask_templates(work)
    tokens = _md().parse(work)

    line_starts = [0]
    i = work.find("\n")
    while i != -1:
        line_starts.append(i + 1)
        i = work.find("\n", i + 1)
    line_starts.append(len(work))

    def line_offset(n: int) -> int:
        return line_starts[min(n, len(line_starts) - 1)]

    meta = PageMeta(front_matter=front_matter, front_matter_span=fm_span)
    if fm_span is not None:
        title = front_matter.get("title")
        if isinstance(title, str):
            meta.title = title
            meta.title_span = value_span(source, fm_span, "title") or fm_span
        lang = front_matter.get("lang") or front_matter.get("language")
        if isinstance(lang, str):
            meta.lang = lang
    comments: list[Comment] = []
    blocks: list[Block] = []
    context: list[str] = []
    row_cursor = -1
    heading_level = 0
    for tok in tokens:
        t = tok.type
        if t.endswith("_open") and tok.nesting == 1:
            context.append(t[:-5])
            if t == "tr_open" and tok.map:
                row_cursor = line_offset(tok.map[0])
            elif t == "heading_open":
                heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            continue
        if t.endswith("_close") and tok.nesting == -1:
            if context:
                context.pop()
            continue
        if t == "html_block" and tok.map:
            start, end = line_offset(tok.map[0]), line_offset(tok.map[1])
            _html_block(path, source, start, end, blocks, meta, comments)
            continue
        if t != "inline" or not tok.map:
            continue
        kind, level = "paragraph", 0
        if "heading" in context:
            kind = "heading"
            level = heading_level
        elif "td" in context or "th" in context:
            kind = "table_cell"
        elif "list_item" in context:
            kind = "list_item"
        elif "blockquote" in context:
            kind = "blockquote"
        start = line_offset(tok.map[0])
        limit = line_offset(tok.map[1])
        if kind == "table_cell" and row_cursor >= 0:
            start = row_cursor
        nlinks = len(meta.links)
        builder, end_cursor = _inline_to_block(tok, work, start, limit, meta, comments)
        if kind == "table_cell":
            row_cursor = end_cursor
        text, smap = builder.build()
        for ref in meta.links[nlinks:]:
            ts = ref.text_span
            if ts is not None:
                a, z = ts
                while a < z and text[a].isspace():
                    a += 1
                while z > a and text[z - 1].isspace():
                    z -= 1
                ref.text = text[a:z]
                ref.text_span = smap.span(a, z) if z > a else None
        if not text:
            continue
        block = Block(kind, text, smap, level=level, in_main=True, tag=_TAGS.get(kind, "p"))
        if kind == "heading":
            block.tag = f"h{level}"
            slug = slugify(text)
            if slug and slug not in meta.ids:
                meta.ids[slug] = block.source_span
        blocks.append(block)
    return Document(
        path=path,
        format="markdown",
        source=source,
        blocks=blocks,
        meta=meta,
        comments=comments,
        root=None,
        main_found=True,
    )


_TAGS = {"paragraph": "p", "list_item": "li", "table_cell": "td", "blockquote": "blockquote"}


def _html_block(
    path: str,
    source: str,
    start: int,
    end: int,
    blocks: list[Block],
    meta: PageMeta,
    comments: list[Comment],
) -> None:
    """Raw HTML inside Markdown: its comments, text, images and links count too."""
    from healthlint.loaders.html import extract_fragment

    frag_blocks, frag_meta, frag_comments = extract_fragment(source, start, end)
    blocks.extend(frag_blocks)
    meta.images.extend(frag_meta.images)
    meta.links.extend(frag_meta.links)
    meta.json_ld.extend(frag_meta.json_ld)
    meta.times.extend(frag_meta.times)
    for k, v in frag_meta.ids.items():
        meta.ids.setdefault(k, v)
    comments.extend(frag_comments)
