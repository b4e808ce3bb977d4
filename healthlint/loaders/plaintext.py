"""Plain text → :class:`~healthlint.document.Document`: paragraphs are separated by blank lines."""

from __future__ import annotations

import re

from healthlint.document import Block, Document, TextBuilder

_PARA = re.compile(r"\S(?:.*?)(?=\n[ \t]*\r?\n|\Z)", re.S)


def load_text(path: str, source: str) -> Document:
    blocks: list[Block] = []
    for m in _PARA.finditer(source):
        raw = m.group().rstrip()
        b = TextBuilder()
        b.add_verbatim(raw, m.start())
        text, smap = b.build()
        kind = "paragraph"
        lines = raw.splitlines()
        if (
            len(lines) == 1
            and len(raw) < 80
            and len(raw.split()) <= 12
            and not raw.endswith((".", "!", ":", ";", ","))
        ):
            kind = "heading"  # a short line standing alone, as in the seed's section titles
        blocks.append(Block(kind, text, smap, level=2 if kind == "heading" else 0, tag=""))
    if blocks and blocks[0].kind == "heading":
        blocks[0].level = 1
    doc = Document(path=path, format="text", source=source, blocks=blocks, main_found=True)
    if blocks and blocks[0].kind == "heading":
        doc.meta.title = blocks[0].text
        doc.meta.title_span = blocks[0].source_span
    return doc
