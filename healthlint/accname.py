"""Accessible names (W3C accname 1.2) and "included in the accessibility tree", from static HTML.

One :class:`Page` per document (cached in ``doc.cache``) holds what every rule needs: the id
index, ``<label for>`` targets and each element's hidden state (``hidden``, inline and
``<style>`` ``display:none`` / ``visibility:hidden``, ``aria-hidden``, closed ``<details>``).
Scripts and computed layout are out of reach; off-screen content stays "included", as ACT says.
Nothing here recurses over the tree (pages may nest 10,000 deep).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from healthlint import aria
from healthlint.htmltree import Element, TextNode

if TYPE_CHECKING:
    from healthlint.document import Document

_DECL = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]+)")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
LABELABLE = frozenset(("button", "input", "meter", "output", "progress", "select", "textarea"))
NEVER_RENDERED = frozenset(
    ("head", "script", "style", "template", "noscript", "title", "meta", "link", "base", "datalist")
)
# elements whose boxes break a line: names from content put a space around them
_BLOCKISH = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
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
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_TEXT_INPUTS = frozenset(("text", "search", "email", "tel", "url", "number", "password"))


def _style(decls: str) -> dict[str, str]:
    return {k.lower(): v.strip().lower() for k, v in _DECL.findall(decls)}


class Page:
    """Per-document accessibility facts shared by all rules."""

    def __init__(self, root: Element, elements: list[Element] | None = None) -> None:
        self.root = root
        self.ids: dict[str, Element] = {}
        self.labels_for: dict[str, list[Element]] = {}
        self.elements: list[Element] = []
        # id(el) -> (display_hidden, visibility_hidden, aria_hidden)
        self._state: dict[int, tuple[bool, bool, bool]] = {}
        self._in_tpl: set[int] = set()
        self._svg: set[int] = set()
        self._roles: dict[int, str | None] = {}
        self.cache: dict[str, Any] = {}  # per-page results shared by several rules
        sheet = self._stylesheet(root)
        for el in root.iter() if elements is None else elements:
            self.elements.append(el)
            parent = el.parent
            pd, pv, pa = (
                self._state.get(id(parent), (False, False, False)) if parent else (False,) * 3
            )
            display, visibility, ahidden = pd, pv, pa
            if el.tag in NEVER_RENDERED or "hidden" in el.attrs:
                display = True
            if el.tag == "input" and aria.input_type(el) == "hidden":
                display = True
            if parent is not None and parent.tag == "details" and "open" not in parent.attrs:
                first = next(
                    (c for c in parent.children if isinstance(c, Element) and c.tag == "summary"),
                    None,
                )
                if el is not first:
                    display = True
            props: dict[str, str] = {}
            for sel, decl in sheet:
                if sel.matches(el):
                    props.update(decl)
            if "style" in el.attrs:
                props.update(_style(el.attrs["style"]))
            disp = props.get("display", "")
            if disp.startswith("none"):
                display = True
            vis = props.get("visibility", "")
            if vis.startswith(("hidden", "collapse")):
                visibility = True
            elif vis.startswith("visible"):
                visibility = False
            if (el.attrs.get("aria-hidden") or "").strip().lower() == "true":
                ahidden = True
            self._state[id(el)] = (display, visibility, ahidden)
            if el.tag == "svg" or (parent is not None and id(parent) in self._svg):
                self._svg.add(id(el))
            in_tpl = parent is not None and (id(parent) in self._in_tpl or parent.tag == "template")
            if in_tpl:
                self._in_tpl.add(id(el))
                continue
            i = el.attrs.get("id")
            if i and i not in self.ids:
                self.ids[i] = el
            if el.tag == "label" and el.attrs.get("for"):
                self.labels_for.setdefault(el.attrs["for"], []).append(el)

    def in_template(self, el: Element) -> bool:
        """Inside a ``<template>``: inert content, not part of the page."""
        return id(el) in self._in_tpl

    @staticmethod
    def _stylesheet(root: Element) -> list[tuple[object, dict[str, str]]]:
        """``display``/``visibility`` rules of ``<style>`` elements, for the selector subset we know."""
        from healthlint.selectors import Selector, SelectorError

        rules: list[tuple[object, dict[str, str]]] = []
        for st in root.find_all("style"):
            css = _COMMENT.sub("", "".join(t.text for t in st.iter_text()))
            for m in _RULE.finditer(css):
                decl = {
                    k: v for k, v in _style(m.group(2)).items() if k in ("display", "visibility")
                }
                if not decl or "@" in m.group(1):
                    continue
                try:
                    sel = Selector(m.group(1).strip())
                except SelectorError:
                    continue
                rules.append((sel, decl))
        return rules

    @classmethod
    def of(cls, doc: Document) -> Page | None:
        """The document's Page, built once (None for documents without an HTML tree)."""
        if doc.root is None:
            return None
        page = doc.cache.get("accname.page")
        if page is None:
            page = doc.cache["accname.page"] = cls(doc.root, doc.elements)
        return page

    # --- visibility ------------------------------------------------------------------------
    def rendered(self, el: Element) -> bool:
        """Not display:none and not visibility:hidden."""
        d, v, _ = self._state.get(id(el), (False, False, False))
        return not d and not v

    def display_hidden(self, el: Element) -> bool:
        return self._state.get(id(el), (False, False, False))[0]

    def included(self, el: Element) -> bool:
        """Included in the accessibility tree (ACT definition, as far as markup decides)."""
        d, v, a = self._state.get(id(el), (False, False, False))
        return not (d or v or a)

    def role(self, el: Element) -> str | None:
        """``aria.role(el)``, computed once per element."""
        key = id(el)
        if key in self._roles:
            return self._roles[key]
        r = self._roles[key] = aria.role(el)
        return r

    def aria_hidden(self, el: Element | None) -> bool:
        """Inside (or on) an element with aria-hidden="true"."""
        return el is not None and self._state.get(id(el), (False, False, False))[2]

    def in_svg(self, el: Element) -> bool:
        """An SVG element: ``<svg>`` or inside one."""
        return id(el) in self._svg

    def by_id(self, ident: str) -> Element | None:
        return self.ids.get(ident)

    def idrefs(self, el: Element, attr: str) -> list[Element]:
        return [
            e
            for e in (self.ids.get(t) for t in (el.attrs.get(attr) or "").split())
            if e is not None
        ]

    def labels(self, el: Element) -> list[Element]:
        """``<label>`` elements labelling a labelable element (``for`` and wrapping)."""
        if el.tag not in LABELABLE or (el.tag == "input" and aria.input_type(el) == "hidden"):
            return []
        out: list[Element] = []
        ident = el.attrs.get("id")
        if ident and self.ids.get(ident) is el:
            out.extend(self.labels_for.get(ident, []))
        for anc in el.ancestors():
            if anc.tag == "label":
                if "for" not in anc.attrs or anc.attrs["for"] == ident:
                    if anc not in out:
                        out.append(anc)
                break
        return out

    # --- accessible name -------------------------------------------------------------------
    def name(self, el: Element) -> str:
        """The accessible name of ``el`` (accname 1.2 steps 2B–2I), white space collapsed."""
        return _norm(self._name(el, root=True, in_labelledby=False))

    def _name(self, el: Element, root: bool, in_labelledby: bool) -> str:
        a = el.attrs
        if not in_labelledby and a.get("aria-labelledby", "").strip():
            refs = self.idrefs(el, "aria-labelledby")
            text = " ".join(
                self._content_name(r, in_labelledby=True, referenced=True) for r in refs
            )
            if text.strip():
                return text
        label = a.get("aria-label")
        r = self.role(el)
        if label is not None and label.strip() and not (not root and _is_embedded_control(el, r)):
            return label
        if r not in ("presentation", "none"):
            native = self._native(el)
            if native is not None and native.strip():
                return native
        info = aria.role_info(r)
        if (info is not None and info.content) or (not root and r not in _NO_CONTENT_IN_RECURSION):
            text = self._content_name(el, in_labelledby=in_labelledby, referenced=False)
            if text.strip():
                return text
        return self._tooltip(el)

    def _tooltip(self, el: Element) -> str:
        title = el.attrs.get("title")
        if title and title.strip():
            return title
        if el.tag in ("input", "textarea"):
            ph = el.attrs.get("placeholder") or el.attrs.get("aria-placeholder")
            if ph and ph.strip():
                return ph
        return ""

    def _native(self, el: Element) -> str | None:
        """Step 2D: the host language's own label."""
        tag = el.tag
        a = el.attrs
        if tag == "img" or tag == "area":
            return a.get("alt")
        if tag == "input":
            t = aria.input_type(el)
            if t == "image":
                return a.get("alt")
            if t in ("button", "submit", "reset"):
                v = a.get("value")
                if v is not None and v.strip():
                    return v
                if t == "submit":
                    return "Submit"
                if t == "reset":
                    return "Reset"
                return None
        if tag in LABELABLE:
            labels = self.labels(el)
            if labels:
                return " ".join(
                    self._content_name(lb, in_labelledby=False, referenced=False, skip=el)
                    for lb in labels
                )
            return None
        if tag == "fieldset":
            return self._first_child_text(el, "legend")
        if tag == "figure":
            return self._first_child_text(el, "figcaption")
        if tag == "table":
            return self._first_child_text(el, "caption")
        if tag == "svg" or (self.in_svg(el) and tag != "title"):
            for c in el.children:
                if isinstance(c, Element) and c.tag == "title":
                    return c.text
            return None
        if tag == "optgroup":
            return a.get("label")
        return None

    def _first_child_text(self, el: Element, tag: str) -> str | None:
        for c in el.children:
            if isinstance(c, Element) and c.tag == tag:
                return self._content_name(c, in_labelledby=False, referenced=False)
        return None

    def _content_name(
        self, el: Element, in_labelledby: bool, referenced: bool, skip: Element | None = None
    ) -> str:
        """Step 2F: the text of ``el``'s subtree, each descendant contributing its own name."""
        parts: list[str] = []
        # stack items: a node to visit, or ("end", element, parts-length-at-start)
        stack: list[object] = list(reversed(el.children))
        # a hidden element referenced by aria-labelledby still contributes (accname 2A)
        hidden_root = referenced and not self.included(el)
        while stack:
            node = stack.pop()
            if isinstance(node, tuple):
                _, child, start = node
                if len(parts) == start:
                    tip = self._tooltip(child)
                    if tip:
                        parts.append(tip)
                if child.tag in _BLOCKISH:
                    parts.append(" ")
                continue
            if isinstance(node, TextNode):
                if node.parent is not None and node.parent.tag in NEVER_RENDERED:
                    continue
                parts.append(node.text)
                continue
            assert isinstance(node, Element)
            if node is skip:
                continue
            if node.tag in NEVER_RENDERED:
                continue
            if not hidden_root and not self.included(node):
                continue
            if (
                hidden_root
                and node.attrs.get("aria-hidden", "").strip().lower() == "true"
                and self.included(el)
            ):
                continue
            if node.tag == "br":
                parts.append(" ")
                continue
            own = self._own_in_recursion(node, in_labelledby)
            if node.tag in _BLOCKISH:
                parts.append(" ")
            if own is not None:
                parts.append(own)
                if node.tag in _BLOCKISH:
                    parts.append(" ")
                continue
            stack.append(("end", node, len(parts)))
            stack.extend(reversed(node.children))
        return "".join(parts)

    def _own_in_recursion(self, el: Element, in_labelledby: bool) -> str | None:
        """A descendant's own name (2B–2E) when it has one, else None to use its content."""
        a = el.attrs
        if not in_labelledby and a.get("aria-labelledby", "").strip():
            refs = self.idrefs(el, "aria-labelledby")
            text = " ".join(
                self._content_name(r, in_labelledby=True, referenced=True) for r in refs
            )
            if text.strip():
                return text
        r = self.role(el)
        emb = _embedded_value(el, r)
        if emb is not None:
            return emb
        label = a.get("aria-label")
        if label is not None and label.strip():
            return label
        if r in ("presentation", "none"):
            return None
        native = self._native(el)
        if native is not None and native.strip():
            return native
        if el.tag in ("img", "area") or (el.tag == "input" and aria.input_type(el) == "image"):
            return self._tooltip(el)
        if self.in_svg(el):
            return ""
        return None


_NO_CONTENT_IN_RECURSION: frozenset[str | None] = frozenset()


def _is_embedded_control(el: Element, r: str | None) -> bool:
    return r in ("textbox", "combobox", "listbox", "slider", "spinbutton", "searchbox")


def _embedded_value(el: Element, r: str | None) -> str | None:
    """accname 2E: the value of a control embedded in a label."""
    if not _is_embedded_control(el, r):
        return None
    if el.tag == "input" and aria.input_type(el) in _TEXT_INPUTS:
        return el.attrs.get("value", "")
    if el.tag == "textarea":
        return el.text
    if el.tag == "select":
        opts = el.find_all("option")
        chosen = next((o for o in opts if "selected" in o.attrs), opts[0] if opts else None)
        return chosen.text if chosen is not None else ""
    if r in ("slider", "spinbutton"):
        return el.attrs.get("aria-valuetext") or el.attrs.get("aria-valuenow") or ""
    if r == "textbox":
        return el.text
    return None


def _norm(text: str) -> str:
    return " ".join(text.split())
