"""Load a file into a :class:`~healthlint.document.Document`: pick the format, decode, parse.

Every problem with the input becomes an :class:`~healthlint.errors.InputError` with one clear
line; nothing here raises anything else for any bytes.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from healthlint.errors import InputError

if TYPE_CHECKING:
    from healthlint.document import Document
    from healthlint.selectors import Selector

FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
)


def format_for(path: str) -> str | None:
    return FORMATS.get(PurePath(path).suffix.lower())


def sniff_format(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml")) or re.match(
        rb"<(?:p|div|h[1-6]|article|main|section|ul|ol|table|span|a|img)[\s>]", head
    ):
        return "html"
    return "text"


_CONTROL = bytes(b for b in range(32) if b < 9 or b > 13)  # control bytes text rarely has


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    if not sample:
        return False
    if sample.count(0) > max(1, len(sample) // 100):
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL))  # counted in C
    return control > len(sample) // 10


def decode(path: str, data: bytes, fmt: str) -> str:
    """Bytes → text: BOM, then ``<meta charset>`` for HTML, else UTF-8 (strict)."""
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif fmt == "html":
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            try:
                encoding = codecs.lookup(declared).name
            except LookupError:
                raise InputError(path, f"declares an unknown charset '{declared}'") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            path,
            f"is not valid {encoding} (byte 0x{bad} at offset {exc.start}); "
            "save it as UTF-8 or declare its charset",
        ) from None
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")  # as HTML parsers do; offsets stay put
    return text


def load_bytes(
    path: str,
    data: bytes,
    fmt: str | None = None,
    *,
    selector: Selector | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Check, decode and parse one file's bytes."""
    if max_bytes and len(data) > max_bytes:
        raise InputError(
            path,
            f"is {len(data) / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB limit "
            "(raise max-file-size in the config to lint it)",
        )
    if not data.strip():
        raise InputError(path, "is empty")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and _looks_binary(data):  # UTF-16 text is half NUL bytes
        raise InputError(path, "looks like a binary file, not HTML, Markdown or text")
    fmt = fmt or format_for(path) or sniff_format(data)
    text = decode(path, data, fmt)
    if not text.strip():
        raise InputError(path, "is empty")
    return load_string(path, text, fmt, selector=selector)


def load_string(path: str, text: str, fmt: str, *, selector: Selector | None = None) -> Document:
    from healthlint.document import mark_reference_sections

    if fmt == "html":
        from healthlint.loaders.html import load_html

        doc = load_html(path, text, selector)
    elif fmt == "markdown":
        from healthlint.loaders.markdown import load_markdown

        doc = load_markdown(path, text)
    else:
        from healthlint.loaders.plaintext import load_text

        doc = load_text(path, text)
    mark_reference_sections(doc.blocks)
    return doc
