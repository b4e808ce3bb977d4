"""WAI-ARIA data (``rules/lexicons/aria.yml``) and the role an element exposes.

The data is loaded once per process. Role logic follows HTML-AAM (implicit roles) and WAI-ARIA
1.2 §9 (presentational role conflict resolution): a ``role="none"`` on a focusable element or
one with a global ARIA attribute is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from healthlint.htmltree import Element


@dataclass(frozen=True, slots=True)
class RoleInfo:
    name: str
    required: frozenset[str]
    supported: frozenset[str]
    content: bool
    presentational_children: bool


@dataclass(frozen=True, slots=True)
class AriaData:
    attributes: frozenset[str]
    global_attrs: frozenset[str]
    abstract: frozenset[str]
    roles: dict[str, RoleInfo]
    link_roles: frozenset[str]


@lru_cache(maxsize=1)
def data() -> AriaData:
    """The ARIA tables, parsed once."""
    import yaml

    from healthlint.packs import builtin_rules_dir

    path = builtin_rules_dir() / "lexicons" / "aria.yml"
    raw: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    sets = {k: v.split() for k, v in raw["sets"].items()}

    def expand(text: str | None) -> frozenset[str]:
        out: list[str] = []
        for tok in (text or "").split():
            out.extend(sets[tok[1:]] if tok.startswith("$") else [tok])
        return frozenset(out)

    roles = {
        name: RoleInfo(
            name,
            expand(spec.get("required")),
            expand(spec.get("supported")),
            bool(spec.get("content")),
            bool(spec.get("presentational_children")),
        )
        for name, spec in raw["roles"].items()
    }
    return AriaData(
        attributes=frozenset(raw["attributes"].split()),
        global_attrs=frozenset(raw["global"].split()),
        abstract=frozenset(raw["abstract"].split()),
        roles=roles,
        link_roles=frozenset(raw["link_roles"].split()),
    )


HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SVG_TAGS = frozenset(("svg",))
_LANDMARK_SCOPE = frozenset(("article", "aside", "main", "nav", "section"))
_INPUT_ROLES = {
    "button": "button",
    "image": "button",
    "reset": "button",
    "submit": "button",
    "checkbox": "checkbox",
    "radio": "radio",
    "range": "slider",
    "number": "spinbutton",
    "search": "searchbox",
    "email": "textbox",
    "tel": "textbox",
    "text": "textbox",
    "url": "textbox",
}
_SIMPLE = {
    "article": "article",
    "aside": "complementary",
    "blockquote": "blockquote",
    "button": "button",
    "caption": "caption",
    "code": "code",
    "datalist": "listbox",
    "dd": "definition",
    "del": "deletion",
    "details": "group",
    "dfn": "term",
    "dialog": "dialog",
    "dt": "term",
    "em": "emphasis",
    "fieldset": "group",
    "figure": "figure",
    "form": "form",
    "hr": "separator",
    "html": "document",
    "ins": "insertion",
    "li": "listitem",
    "main": "main",
    "mark": "mark",
    "math": "math",
    "menu": "list",
    "meter": "meter",
    "nav": "navigation",
    "ol": "list",
    "optgroup": "group",
    "option": "option",
    "output": "status",
    "p": "paragraph",
    "progress": "progressbar",
    "search": "search",
    "strong": "strong",
    "sub": "subscript",
    "sup": "superscript",
    "table": "table",
    "tbody": "rowgroup",
    "td": "cell",
    "textarea": "textbox",
    "tfoot": "rowgroup",
    "thead": "rowgroup",
    "time": "time",
    "tr": "row",
    "ul": "list",
    "svg": "graphics-document",
}


def input_type(el: Element) -> str:
    return (el.attrs.get("type") or "text").strip().lower()


def in_svg(el: Element) -> bool:
    """Whether the element is an SVG element (``<svg>`` or inside one)."""
    if el.tag == "svg":
        return True
    return any(a.tag == "svg" for a in el.ancestors())


def implicit_role(el: Element) -> str | None:
    """The role HTML-AAM maps an element to, or None for a generic element."""
    tag = el.tag
    a = el.attrs
    if tag in HEADINGS:
        return "heading"
    if tag in ("a", "area"):
        return "link" if "href" in a else None
    if tag == "img":
        alt = a.get("alt")
        if alt == "" and not has_global_aria(el) and not is_focusable(el):
            return "presentation"
        return "img"
    if tag == "input":
        t = input_type(el)
        if t == "hidden":
            return None
        if t in ("text", "search", "email", "tel", "url") and "list" in a:
            return "combobox"
        return _INPUT_ROLES.get(t, "textbox" if t not in ("color", "file", "password") else None)
    if tag == "select":
        size = (a.get("size") or "").strip()
        if "multiple" in a or (size.isdigit() and int(size) > 1):
            return "listbox"
        return "combobox"
    if tag in ("header", "footer"):
        if any(x.tag in _LANDMARK_SCOPE for x in el.ancestors()):
            return None
        return "banner" if tag == "header" else "contentinfo"
    if tag == "section":
        return "region" if ("aria-label" in a or "aria-labelledby" in a or "title" in a) else None
    if tag == "th":
        return (
            "rowheader" if (a.get("scope") or "").lower() in ("row", "rowgroup") else "columnheader"
        )
    if tag == "summary":
        return "button" if el.parent is not None and el.parent.tag == "details" else None
    if tag in SVG_TAGS:
        return "graphics-document"
    return _SIMPLE.get(tag)


def explicit_role(el: Element) -> str | None:
    """The first token of ``role`` that names a concrete WAI-ARIA role, else None."""
    raw = el.attrs.get("role")
    if not raw:
        return None
    d = data()
    for tok in raw.lower().split():
        if tok in d.roles and tok not in d.abstract:
            return tok
    return None


def has_global_aria(el: Element) -> bool:
    g = data().global_attrs
    return any(k in g for k in el.attrs)


def is_disabled(el: Element) -> bool:
    """Disabled form controls (``disabled`` attribute, or inside a disabled fieldset)."""
    if el.tag in ("button", "input", "select", "textarea", "optgroup", "option", "fieldset"):
        if "disabled" in el.attrs:
            return True
        for anc in el.ancestors():
            if anc.tag == "fieldset" and "disabled" in anc.attrs:
                legend = next(
                    (c for c in anc.children if getattr(c, "tag", None) == "legend"), None
                )
                if legend is None or not any(x is legend for x in el.ancestors()):
                    return True
    return False


def tabindex(el: Element) -> int | None:
    raw = el.attrs.get("tabindex")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        return int(raw)
    except ValueError:
        return None


def natively_focusable(el: Element) -> bool:
    tag = el.tag
    a = el.attrs
    if tag in ("a", "area") and "href" in a:
        return True
    if tag in ("button", "select", "textarea"):
        return not is_disabled(el)
    if tag == "input":
        return input_type(el) != "hidden" and not is_disabled(el)
    if tag == "iframe" or tag == "embed":
        return True
    if tag in ("audio", "video") and "controls" in a:
        return True
    if tag == "summary":
        p = el.parent
        if p is not None and p.tag == "details":
            first = next((c for c in p.children if getattr(c, "tag", None) == "summary"), None)
            return first is el
    ce = a.get("contenteditable")
    return ce is not None and ce.strip().lower() in ("", "true", "plaintext-only")


def is_focusable(el: Element) -> bool:
    """Focusable at all (a negative tabindex included)."""
    if "disabled" in el.attrs and el.tag in ("button", "input", "select", "textarea"):
        return False
    return tabindex(el) is not None or natively_focusable(el)


def in_tab_order(el: Element) -> bool:
    """In sequential focus navigation, as far as the markup says."""
    ti = tabindex(el)
    if ti is not None:
        if ti < 0:
            return False
        return not (el.tag in ("button", "input", "select", "textarea") and is_disabled(el))
    return natively_focusable(el)


def role(el: Element) -> str | None:
    """The role the element exposes: explicit (with conflict resolution) else implicit."""
    r = explicit_role(el)
    if r in ("none", "presentation"):
        if is_focusable(el) or has_global_aria(el):
            imp = implicit_role(el)
            return None if imp in ("none", "presentation") else imp
        return "presentation"
    if r is not None:
        return r
    imp = implicit_role(el)
    return "presentation" if imp == "none" else imp


def role_info(name: str | None) -> RoleInfo | None:
    return data().roles.get(name) if name else None


def attr_allowed(attr: str, el: Element, role_name: str | None) -> bool:
    """Whether a defined ARIA attribute may be used on an element with this role (ACT 5c01ea)."""
    d = data()
    if attr in d.global_attrs:
        return True
    names = [role_name]
    if el.tag == "input":
        # native controls without an ARIA role still take the attributes of their kind
        t = input_type(el)
        if t == "password" or t in (
            "color",
            "date",
            "datetime-local",
            "month",
            "week",
            "time",
            "file",
        ):
            names.append("textbox")
        names.append(implicit_role(el))
    for n in names:
        info = role_info(n)
        if info is not None and (attr in info.required or attr in info.supported):
            return True
    return False
