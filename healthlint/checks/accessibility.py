"""Accessibility checks of built pages, after the W3C ACT Rules (ids in ``rules/accessibility.yml``).

Every check reads the element tree (``doc.root``) through :class:`healthlint.accname.Page`, which
computes accessible names and "included in the accessibility tree" once per document. Markdown
documents get the checks that make sense for their syntax: image alt text, generic link text
and heading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from healthlint import aria
from healthlint.accname import Page
from healthlint.document import Document
from healthlint.htmltree import Element, TextNode
from healthlint.registry import Hit, OptionsError, Related, check

Span = tuple[int, int]


def _tag(el: Element) -> Span:
    return (el.start, el.start_end)


def _attr(el: Element, name: str) -> Span:
    spans = el.attr_spans or {}
    return spans.get(name, _tag(el))


def _hit(span: Span, message: str, suggestion: str | None = None, **kw: Any) -> Hit:
    return Hit(span[0], span[1], message, suggestion, **kw)


def _is_page(doc: Document) -> bool:
    """A whole page rather than a fragment or partial template: it has <html>, <head> or <body>."""
    root = doc.root
    if root is None:
        return False
    return any(isinstance(c, Element) and c.tag in ("html", "head", "body") for c in root.children)


def _html_el(doc: Document) -> Element | None:
    assert doc.root is not None
    for c in doc.root.children:
        if isinstance(c, Element) and c.tag == "html":
            return c
    return None


def _page_span(doc: Document) -> Span:
    el = _html_el(doc) if doc.root is not None else None
    return _tag(el) if el is not None else doc.page_span


def _text_span(el: Element) -> Span:
    """Span of an element's visible text (first to last non-blank character), else its start tag."""
    texts = [t for t in el.iter_text() if t.raw.strip()]
    if not texts:
        return _tag(el)
    first, last = texts[0], texts[-1]
    return (
        first.start + len(first.raw) - len(first.raw.lstrip()),
        last.end - (len(last.raw) - len(last.raw.rstrip())),
    )


# --- language -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _subtags() -> tuple[frozenset[str], frozenset[str]]:
    import yaml

    from healthlint.packs import builtin_rules_dir

    raw = yaml.load(
        (builtin_rules_dir() / "lexicons" / "language-subtags.yml").read_text(encoding="utf-8"),
        Loader=yaml.CSafeLoader,
    )
    return frozenset(raw["languages"].split()), frozenset(raw["regions"].upper().split())


def valid_language_tag(value: str) -> bool:
    """BCP 47 check as ACT does it: the primary subtag is a registered language (or private use)."""
    tag = value.strip()
    if not tag:
        return False
    parts = tag.lower().split("-")
    if not all(p.isalnum() and p.isascii() and 1 <= len(p) <= 8 for p in parts):
        return False
    primary = parts[0]
    if primary == "x" and len(parts) > 1:
        return True
    if len(primary) == 3 and "qaa" <= primary <= "qtz":
        return True
    return primary in _subtags()[0]


def valid_region(value: str) -> bool:
    return value.upper() in _subtags()[1] or (
        len(value) == 2 and value.isalpha() and value.upper() >= "QM" and value.upper() <= "QZ"
    )


@check("accessibility.html_has_lang")
def html_has_lang(doc: Document, opts: Any) -> Iterator[Hit]:
    if not _is_page(doc):
        return
    html = _html_el(doc)
    lang = html.attrs.get("lang") if html is not None else None
    if lang is None or not lang.strip():
        what = "an empty lang attribute" if lang is not None else "no lang attribute"
        yield _hit(
            _page_span(doc),
            f"The <html> element has {what}, so screen readers may read the page in the wrong language",
            'Add the page language, e.g. <html lang="en">',
        )


@check("accessibility.html_lang_valid")
def html_lang_valid(doc: Document, opts: Any) -> Iterator[Hit]:
    if not _is_page(doc):
        return
    html = _html_el(doc)
    if html is None:
        return
    lang = html.attrs.get("lang")
    if lang is None or not lang.strip():
        return
    if not valid_language_tag(lang):
        yield _hit(
            _attr(html, "lang"),
            f'lang="{lang}" is not a valid BCP 47 language tag (unknown primary language subtag)',
            'Use a registered tag such as "en", "en-GB" or "fr"',
        )


@check("accessibility.element_lang_valid")
def element_lang_valid(doc: Document, opts: Any) -> Iterator[Hit]:
    """ACT de46e4: only elements that are the nearest lang holder of some visible text count."""
    page = Page.of(doc)
    if page is None:
        return
    owner: dict[int, Element | None] = {}
    applicable: dict[int, Element] = {}
    for el in page.elements:
        parent_owner = owner.get(id(el.parent)) if el.parent is not None else None
        lang = el.attrs.get("lang")
        mine = el if (lang is not None and lang != "" and el.tag != "html") else parent_owner
        if lang is not None and lang != "" and el.tag == "html":
            mine = None
        owner[id(el)] = mine
        if mine is None or id(mine) in applicable or page.in_template(el):
            continue
        if not (page.rendered(el) or page.included(el)):
            continue
        has_text = any(isinstance(c, TextNode) and c.text.strip() for c in el.children)
        if has_text or (el.tag in ("img", "area", "input") and (el.attrs.get("alt") or "").strip()):
            applicable[id(mine)] = mine
    for el in applicable.values():
        lang = el.attrs["lang"]
        if not valid_language_tag(lang):
            yield _hit(_attr(el, "lang"), f'lang="{lang}" is not a valid BCP 47 language tag')


# --- page title -----------------------------------------------------------------------------


@check("accessibility.document_title")
def document_title(doc: Document, opts: Any) -> Iterator[Hit]:
    if not _is_page(doc):
        return
    page = Page.of(doc)
    assert page is not None
    title = next(
        (
            el
            for el in page.elements
            if el.tag == "title" and not page.in_svg(el) and not page.in_template(el)
        ),
        None,
    )
    if title is None:
        yield _hit(_page_span(doc), "The page has no <title>", "Add a <title> that names the page")
    elif not title.text.strip():
        yield _hit(
            _tag(title), "The page <title> is empty", "Give the <title> a text that names the page"
        )


# --- images, objects, svg ------------------------------------------------------------------


@check("accessibility.image_alt")
def image_alt(doc: Document, opts: Any) -> Iterator[Hit]:
    if doc.root is None:
        for img in doc.meta.images:
            raw_html = doc.source.startswith("<", img.span[0])
            if raw_html and img.alt == "":
                continue  # <img alt=""> written as HTML: marked decorative on purpose
            if not (img.alt or "").strip():
                yield _hit(
                    img.span,
                    "Image has no alt text",
                    "Describe the image in the alt text: ![what it shows](…)",
                )
        return
    page = Page.of(doc)
    assert page is not None
    for el in page.elements:
        if el.tag == "svg" or page.in_svg(el) or not page.included(el) or page.in_template(el):
            continue
        if page.role(el) != "img":
            continue
        if page.name(el):
            continue
        if el.tag == "img":
            msg = (
                "Image has no text alternative"
                if "alt" not in el.attrs
                else "Image has a blank alt text"
            )
        else:
            msg = f'<{el.tag} role="img"> has no accessible name'
        yield _hit(
            _tag(el),
            msg,
            'Add alt text that says what the image shows, or alt="" if it is decorative',
        )


@dataclass(frozen=True)
class AltQualityOpts:
    placeholders: frozenset[str]
    filename: re.Pattern[str]


def _prepare_alt_quality(options: dict[str, Any]) -> AltQualityOpts:
    words = options.get("placeholder-words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise OptionsError("option 'placeholder-words' must be a list of strings")
    pattern = options.get("filename-pattern", r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$")
    try:
        rx = re.compile(str(pattern), re.I)
    except re.error as exc:
        raise OptionsError(
            f"option 'filename-pattern' must be a regular expression ({exc})"
        ) from None
    return AltQualityOpts(frozenset(w.lower() for w in words), rx)


_CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|pxl|photo|image|screenshot)[_\- ]?\d{2,}", re.I)


def alt_problem(alt: str, opts: AltQualityOpts) -> str | None:
    """Why an alt text tells the reader nothing (a file name, a placeholder word), or None."""
    text = " ".join(alt.split())
    if not text:
        return None
    if opts.filename.search(text) or _CAMERA_NAME.match(text):
        return f'alt text "{text}" is a file name, not a description'
    if text.lower().strip(".:") in opts.placeholders:
        return f'alt text "{text}" only says it is an image'
    return None


@check("accessibility.image_alt_quality", prepare=_prepare_alt_quality)
def image_alt_quality(doc: Document, opts: AltQualityOpts) -> Iterator[Hit]:
    if doc.root is None:
        for img in doc.meta.images:
            problem = alt_problem(img.alt or "", opts)
            if problem:
                yield _hit(img.span, problem[0].upper() + problem[1:], "Say what the image shows")
        return
    page = Page.of(doc)
    assert page is not None
    for el in page.elements:
        if el.tag != "img" and not (el.tag == "input" and aria.input_type(el) == "image"):
            continue
        alt = el.attrs.get("alt")
        if alt is None or not page.included(el):
            continue
        problem = alt_problem(alt, opts)
        if problem:
            yield _hit(
                _attr(el, "alt"), problem[0].upper() + problem[1:], "Say what the image shows"
            )


@check("accessibility.input_image_alt")
def input_image_alt(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if el.tag == "input" and aria.input_type(el) == "image" and page.included(el):
            if aria.explicit_role(el) not in (None, "button"):
                continue
            if not page.name(el):
                yield _hit(
                    _tag(el),
                    "Image button has no accessible name",
                    "Add alt text that says what the button does",
                )


@check("accessibility.svg_img_alt")
def svg_img_alt(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if not page.in_svg(el) or not page.included(el):
            continue
        if aria.explicit_role(el) not in ("img", "graphics-document", "graphics-symbol"):
            continue
        if not page.name(el):
            yield _hit(
                _tag(el),
                f'SVG with role="{aria.explicit_role(el)}" has no accessible name',
                "Add a <title> child or an aria-label",
            )


_MEDIA_EXT = re.compile(
    r"\.(?:png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?|mp3|wav|ogg|oga|m4a|aac|flac|mp4|m4v|webm|ogv|mov|avi)(?:[?#].*)?$",
    re.I,
)


@check("accessibility.object_alt")
def object_alt(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if el.tag != "object" or aria.explicit_role(el) is not None or not page.included(el):
            continue
        mime = (el.attrs.get("type") or "").lower()
        data = el.attrs.get("data") or ""
        if not (mime.startswith(("image/", "audio/", "video/")) or _MEDIA_EXT.search(data.strip())):
            continue
        if not page.name(el):
            yield _hit(
                _tag(el),
                "<object> showing an image, audio or video has no accessible name",
                "Add a title, aria-label or aria-labelledby",
            )


# --- links ----------------------------------------------------------------------------------


def _link_targets(page: Page) -> Iterator[Element]:
    link_roles = aria.data().link_roles
    for el in page.elements:
        if not page.included(el) or page.in_template(el):
            continue
        r = page.role(el)
        if r not in link_roles:
            continue
        if el.tag == "area":
            mp = el.parent
            while mp is not None and mp.tag != "map":
                mp = mp.parent
            if mp is None:
                continue
        yield el


@check("accessibility.link_name")
def link_name(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in _link_targets(page):
        if not page.name(el):
            imgs = [i for i in el.iter() if i.tag == "img" and "alt" not in i.attrs]
            extra = " (its image has no alt text)" if imgs else ""
            yield _hit(
                _tag(el),
                f"Link has no accessible name{extra}: screen readers announce only 'link'",
                "Give the link text, or alt text on its image, that says where it goes",
            )


@dataclass(frozen=True)
class GenericTextOpts:
    phrases: frozenset[str]


def _prepare_generic(options: dict[str, Any]) -> GenericTextOpts:
    phrases = options.get("phrases", [])
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise OptionsError("option 'phrases' must be a list of strings")
    return GenericTextOpts(frozenset(_norm_link(p) for p in phrases))


def _norm_link(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


@check("accessibility.link_text_generic", prepare=_prepare_generic)
def link_text_generic(doc: Document, opts: GenericTextOpts) -> Iterator[Hit]:
    if doc.root is None:
        for link in doc.meta.links:
            if _norm_link(link.text) in opts.phrases:
                span = link.text_span or link.span
                yield _hit(
                    span,
                    f'Link text "{link.text}" does not say where the link goes',
                    "Use words that describe the destination, e.g. 'our privacy policy'",
                )
        return
    page = Page.of(doc)
    assert page is not None
    for el in _link_targets(page):
        name = page.name(el)
        if name and _norm_link(name) in opts.phrases:
            yield _hit(
                _text_span(el),
                f'Link text "{name}" does not say where the link goes',
                "Use words that describe the destination, e.g. 'our privacy policy'",
            )


# --- headings -------------------------------------------------------------------------------


def _headings(page: Page) -> list[tuple[Element, int]]:
    """Headings in the accessibility tree with their levels (computed once per page)."""
    cached = page.cache.get("headings")
    if cached is None:
        cached = page.cache["headings"] = list(_find_headings(page))
    return cached


def _find_headings(page: Page) -> Iterator[tuple[Element, int]]:
    for el in page.elements:
        if not page.included(el) or page.in_template(el) or page.role(el) != "heading":
            continue
        level = 2
        raw = (el.attrs.get("aria-level") or "").strip()
        if raw.isdigit() and int(raw) > 0:
            level = int(raw)
        elif el.tag in aria.HEADINGS:
            level = int(el.tag[1])
        yield el, level


@check("accessibility.heading_name")
def heading_name(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el, _ in _headings(page):
        if not page.name(el):
            yield _hit(
                _tag(el),
                "Heading is empty (no accessible name)",
                "Give the heading text, or remove it",
            )


@check("accessibility.page_has_heading_one")
def page_has_heading_one(doc: Document, opts: Any) -> Iterator[Hit]:
    if doc.root is None or not _is_page(doc):
        return
    page = Page.of(doc)
    assert page is not None
    headings = _headings(page)
    if not any(level == 1 for _, level in headings):
        # point at the heading that probably should be the h1, else at <html>
        yield _hit(
            _tag(headings[0][0]) if headings else _page_span(doc),
            "The page has no level-one heading (<h1>)",
            "Start the main content with an <h1>",
        )


@check("accessibility.heading_order")
def heading_order(doc: Document, opts: Any) -> Iterator[Hit]:
    if doc.root is None:
        items = [
            (b.source_span, b.level, b.text) for b in doc.blocks if b.kind == "heading" and b.level
        ]
    else:
        page = Page.of(doc)
        assert page is not None
        items = [(_tag(el), level, el.text) for el, level in _headings(page)]
    prev: tuple[Span, int, str] | None = None
    if doc.root is None and doc.meta.title and doc.meta.title_span is not None:
        # static-site generators render the front-matter title as the page's h1
        prev = (doc.meta.title_span, 1, doc.meta.title)
    for span, level, text in items:
        if prev is not None and level > prev[1] + 1:
            yield _hit(
                span,
                f"Heading level jumps from h{prev[1]} to h{level}",
                f"Use h{prev[1] + 1} here, or restructure the outline",
                related=[Related(prev[0], f"previous heading (h{prev[1]})")],
            )
        prev = (span, level, text)


# --- controls -------------------------------------------------------------------------------


@check("accessibility.button_name")
def button_name(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if not page.included(el) or page.in_template(el) or page.role(el) != "button":
            continue
        if el.tag == "input" and aria.input_type(el) == "image":
            continue  # accessibility.input_image_alt
        if el.tag == "summary":
            continue
        if not page.name(el):
            yield _hit(
                _tag(el), "Button has no accessible name", "Give the button text or an aria-label"
            )


FORM_ROLES = frozenset(
    [
        "checkbox",
        "combobox",
        "listbox",
        "menuitemcheckbox",
        "menuitemradio",
        "radio",
        "searchbox",
        "slider",
        "spinbutton",
        "switch",
        "textbox",
    ]
)
_FIELD_INPUTS = frozenset(
    ("password", "color", "date", "datetime-local", "month", "week", "time", "file")
)


@check("accessibility.form_field_name")
def form_field_name(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if not page.included(el) or page.in_template(el):
            continue
        r = page.role(el)
        field = r in FORM_ROLES or (
            r is None and el.tag == "input" and aria.input_type(el) in _FIELD_INPUTS
        )
        if field and not page.name(el):
            yield _hit(
                _tag(el),
                "Form field has no accessible name",
                "Label it with <label for=…>, a wrapping <label>, aria-label or aria-labelledby",
            )


@check("accessibility.frame_title")
def frame_title(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if el.tag != "iframe" or not page.included(el) or page.in_template(el):
            continue
        ti = aria.tabindex(el)
        if (ti is not None and ti < 0) or aria.explicit_role(el) in ("none", "presentation"):
            continue
        if not page.name(el):
            yield _hit(
                _tag(el),
                "<iframe> has no accessible name",
                "Add a title that says what the frame holds",
            )


# --- ids and ARIA ---------------------------------------------------------------------------


@check("accessibility.duplicate_id")
def duplicate_id(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    first: dict[str, Element] = {}
    for el in page.elements:
        ident = el.attrs.get("id")
        if not ident or page.in_template(el):
            continue
        if ident in first:
            yield _hit(
                _attr(el, "id"),
                f'id "{ident}" is used more than once; references to it reach only the first',
                "Make every id unique",
                related=[Related(_attr(first[ident], "id"), "first use")],
            )
        else:
            first[ident] = el


@check("accessibility.aria_role_valid")
def aria_role_valid(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        raw = el.attrs.get("role")
        if raw is None or not raw.strip() or not page.included(el) or page.in_template(el):
            continue
        if aria.explicit_role(el) is None:
            yield _hit(
                _attr(el, "role"),
                f'role="{raw.strip()}" is not a valid WAI-ARIA role',
                "Use a role defined by WAI-ARIA, or remove the attribute",
            )


@check("accessibility.aria_attr_defined")
def aria_attr_defined(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    known = aria.data().attributes
    for el in page.elements:
        if page.in_template(el):
            continue
        for name in el.attrs:
            if name.startswith("aria-") and name not in known:
                yield _hit(
                    _attr(el, name), f"{name} is not a WAI-ARIA attribute", "Check the spelling"
                )


@check("accessibility.aria_attr_allowed")
def aria_attr_allowed(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    known = aria.data().attributes
    for el in page.elements:
        if not page.included(el) or page.in_template(el):
            continue
        names = [n for n in el.attrs if n.startswith("aria-") and n in known]
        if not names:
            continue
        r = page.role(el)
        for n in names:
            if not aria.attr_allowed(n, el, r):
                what = f'role "{r}"' if r else f"<{el.tag}>"
                yield _hit(
                    _attr(el, n),
                    f"{n} is not allowed on {what}",
                    "Remove it or use a role that supports it",
                )


@check("accessibility.aria_required_attr")
def aria_required_attr(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        r = aria.explicit_role(el)
        if (
            r is None
            or page.in_template(el)
            or r == aria.implicit_role(el)
            or not page.included(el)
        ):
            continue
        info = aria.role_info(r)
        if info is None:
            continue
        required = set(info.required)
        if r == "separator" and aria.is_focusable(el):
            required.add("aria-valuenow")
        missing = sorted(a for a in required if not (el.attrs.get(a) or "").strip())
        if missing:
            yield _hit(
                _attr(el, "role"),
                f'role="{r}" requires {", ".join(missing)}',
                f"Add {', '.join(missing)}",
            )


@check("accessibility.aria_hidden_focus")
def aria_hidden_focus(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if (el.attrs.get("aria-hidden") or "").strip().lower() != "true" or page.in_template(el):
            continue
        if page.aria_hidden(el.parent):
            continue  # the outermost aria-hidden element reports its focusable content
        focusable = next(
            (d for d in el.iter() if page.rendered(d) and aria.in_tab_order(d)),
            None,
        )
        if focusable is not None:
            yield _hit(
                _attr(el, "aria-hidden"),
                "aria-hidden content can still be reached with the keyboard",
                'Remove it from the tab order (tabindex="-1", disabled) or drop aria-hidden',
                related=[Related(_tag(focusable), "focusable element")]
                if focusable is not el
                else [],
            )


# --- meta -----------------------------------------------------------------------------------

_REFRESH = re.compile(r"^\s*(\d+)(?:\.[\d.]*)?(?:$|[;,\s])")


def _first_refresh(doc: Document) -> tuple[Element, int] | None:
    """The first ``<meta http-equiv=refresh>`` whose content parses (HTML refresh steps)."""
    page = Page.of(doc)
    if page is None:
        return None
    for el in page.elements:
        if el.tag != "meta" or (el.attrs.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        m = _REFRESH.match(el.attrs.get("content") or "")
        if m:
            return el, int(m.group(1))
    return None


@check("accessibility.meta_refresh")
def meta_refresh(doc: Document, opts: Any) -> Iterator[Hit]:
    found = _first_refresh(doc)
    if found is not None and 0 < found[1] <= 72000:
        el, delay = found
        yield _hit(
            _tag(el),
            f"The page refreshes or redirects after {delay} seconds, which users cannot stop",
            "Redirect at once (delay 0) on the server, or let users control updates",
        )


@check("accessibility.meta_refresh_no_exception")
def meta_refresh_no_exception(doc: Document, opts: Any) -> Iterator[Hit]:
    found = _first_refresh(doc)
    if found is not None and found[1] > 72000:
        el, delay = found
        yield _hit(
            _tag(el),
            f"The page refreshes or redirects after {delay} seconds (20 hours or more)",
            "Redirect at once (delay 0), or remove the timed refresh",
        )


def _viewport_blocks_zoom(content: str) -> str | None:
    props: dict[str, str] = {}
    for part in re.split(r"[,;]", content):
        if "=" in part:
            k, _, v = part.partition("=")
            props[k.strip().lower()] = v.strip().lower()
    us = props.get("user-scalable")
    if us is not None and us not in ("yes", "device-width", "device-height"):
        try:
            ok = abs(float(us)) >= 1
        except ValueError:
            ok = False
        if not ok:
            return f"user-scalable={us}"
    ms = props.get("maximum-scale")
    if ms is not None and ms not in ("device-width", "device-height"):
        try:
            val = float(ms)
        except ValueError:
            val = 1.0 if ms == "yes" else 0.0
        if 0 <= val < 2:
            return f"maximum-scale={ms}"
    return None


@check("accessibility.meta_viewport_zoom")
def meta_viewport_zoom(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for el in page.elements:
        if el.tag != "meta" or (el.attrs.get("name") or "").strip().lower() != "viewport":
            continue
        problem = _viewport_blocks_zoom(el.attrs.get("content") or "")
        if problem:
            yield _hit(
                _attr(el, "content"),
                f"The viewport ({problem}) stops users from zooming the page",
                "Remove user-scalable=no and any maximum-scale below 2",
            )


# --- tables ---------------------------------------------------------------------------------


@check("accessibility.table_headers")
def table_headers(doc: Document, opts: Any) -> Iterator[Hit]:
    page = Page.of(doc)
    if page is None:
        return
    for table in page.elements:
        if table.tag != "table" or not page.included(table) or page.role(table) != "table":
            continue
        rows = 0
        cols = 0
        header = False
        for el in table.iter():
            if el is not table and el.tag == "table":
                break  # nested tables are judged on their own
            if el.tag == "th" or (el.attrs.get("role") or "") in ("columnheader", "rowheader"):
                header = True
                break
            if el.tag == "tr":
                rows += 1
                cols = max(
                    cols, sum(1 for c in el.children if isinstance(c, Element) and c.tag == "td")
                )
        if not header and rows >= 2 and cols >= 2:
            yield _hit(
                _tag(table),
                "Data table has no header cells",
                "Mark the header row or column with <th> (and scope)",
            )


__all__ = ["TextNode", "valid_language_tag", "valid_region"]
