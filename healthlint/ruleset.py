"""The rules in force for a run: packs loaded once, selection applied, checks prepared once."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from healthlint.config import Config
from healthlint.errors import ConfigError
from healthlint.packs import CATEGORIES, Pack, RuleDef, builtin_pack_paths, load_pack
from healthlint.registry import CheckSpec, Hit, OptionsError, get_check

# The engine's own rule: a suppression comment that suppressed nothing.
UNUSED_SUPPRESSION = RuleDef(
    code="HL001",
    name="unused-suppression",
    category="meta",
    severity="warning",
    summary="A healthlint-disable comment that suppresses nothing.",
    rationale=(
        "Suppressions outlive the text they were written for. One that no longer matches a "
        "finding hides nothing today but will silently hide a real problem tomorrow. Shown only "
        "with --report-unused-suppressions, as ruff's RUF100 does for noqa comments."
    ),
    type="python",
    pack="healthlint",
    origin="healthlint/engine.py",
    sources=["ruff RUF100 unused-noqa — https://docs.astral.sh/ruff/rules/unused-noqa/"],
    examples={"bad": "<!-- healthlint-disable CLM001 --> (on text with no claims)", "good": ""},
)


# Config keys that are facts about the whole run, and the rule families that read them as options.
RUN_WIDE_OPTIONS: dict[str, tuple[str, ...]] = {
    "today": ("disclaimers",),
    "provided-by-layout": ("disclaimers",),
    "site-root": ("seo",),
    "base-url": ("seo",),
}


@dataclass(eq=False)
class ActiveRule:
    rule: RuleDef
    severity: str
    spec: CheckSpec | None
    opts: Any

    @property
    def code(self) -> str:
        return self.rule.code


@lru_cache(maxsize=64)
def _load_pack_cached(path: str, mtime_ns: int) -> Pack:
    return load_pack(Path(path))


def load_packs(extra: Iterable[Path] = ()) -> list[Pack]:
    """Built-in packs then user packs; a code defined twice is an error naming both places."""
    packs: list[Pack] = []
    for p in [*builtin_pack_paths(), *extra]:
        try:
            mtime = p.stat().st_mtime_ns
        except OSError:
            raise ConfigError(f"{p}: rule pack not found") from None
        packs.append(_load_pack_cached(str(p), mtime))
    seen: dict[str, RuleDef] = {}
    for pack in packs:
        for r in pack.rules:
            if r.code in seen:
                raise ConfigError(
                    f"{r.origin}: rule code {r.code} is already defined at {seen[r.code].origin}"
                )
            seen[r.code] = r
    return packs


def all_rules(extra: Iterable[Path] = ()) -> list[RuleDef]:
    rules = [r for pack in load_packs(extra) for r in pack.rules]
    return [*sorted(rules, key=lambda r: r.code), UNUSED_SUPPRESSION]


def selector_matches(selector: str, rule: RuleDef) -> bool:
    """A selector is ALL, a category, a rule name, or a code prefix (ruff style)."""
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == rule.category or s.lower() == rule.name:
        return True
    return rule.code.startswith(s.upper()) and bool(s)


def _check_selectors(selectors: Iterable[str], rules: list[RuleDef], what: str) -> None:
    for s in selectors:
        if not any(selector_matches(s, r) for r in rules):
            raise ConfigError(
                f"{what}: '{s}' matches no rule (use a code such as CLM001, a prefix such as CLM, "
                f"a rule name, a category ({', '.join(CATEGORIES)}) or ALL)"
            )


def _compile_data_rule(rule: RuleDef) -> Any:
    """Existence and substitution rules: one RE2 (linear-time) pattern for all their terms."""
    import re2  # google-re2: user patterns cannot backtrack catastrophically

    alts: list[str] = []
    for tok in rule.tokens:
        alts.append(r"\b" + re.escape(tok).replace(r"\ ", r"\s+") + r"\b")
    for pat in rule.patterns:
        alts.append(f"(?:{pat})")
    swap_keys: list[str] = []
    for bad in rule.swap:
        swap_keys.append(bad)
        alts.append(r"\b" + re.escape(bad).replace(r"\ ", r"\s+") + r"\b")
    flags = "(?i)" if rule.ignorecase else ""
    options = re2.Options()
    options.max_mem = 64 << 20
    try:
        compiled = re2.compile(flags + "|".join(alts), options)
    except Exception as exc:  # re2.error
        raise ConfigError(
            f"{rule.origin}: rule {rule.code} has an invalid pattern: {exc}"
        ) from None
    for pat in rule.patterns:
        try:
            re2.compile(pat)
        except Exception as exc:
            raise ConfigError(
                f"{rule.origin}: rule {rule.code}: invalid pattern {pat!r}: {exc}"
            ) from None
    exceptions = {e.lower() for e in rule.exceptions}
    swap = {k.lower(): v for k, v in rule.swap.items()}
    return compiled, swap, exceptions


class RuleSet:
    """Rules selected by the config, each prepared once."""

    def __init__(self, config: Config, *, today: str | None = None) -> None:
        self.config = config
        self.today = today or config.today
        packs = load_packs(config.packs)
        rules = [r for pack in packs for r in pack.rules]
        self.all_rules = sorted(rules, key=lambda r: r.code)
        where = str(config.path) if config.path else "command line"
        _check_selectors(config.select or [], self.all_rules, f"{where}: select")
        _check_selectors(config.extend_select, self.all_rules, f"{where}: extend-select")
        _check_selectors(config.ignore, self.all_rules, f"{where}: ignore")
        for pattern, sels in config.per_file_ignores.items():
            _check_selectors(sels, self.all_rules, f"{where}: per-file-ignores '{pattern}'")
        known = {r.code for r in self.all_rules}
        for code in (*config.severity, *config.rules):
            if code not in known:
                raise ConfigError(
                    f"{where}: rule code '{code}' in 'severity'/'rules' is not a known rule"
                )
        selected: list[RuleDef] = []
        for r in self.all_rules:
            chosen = any(selector_matches(s, r) for s in config.select) if config.select else True
            chosen = chosen or any(selector_matches(s, r) for s in config.extend_select)
            if chosen and not any(selector_matches(s, r) for s in config.ignore):
                selected.append(r)
        self.selected = {r.code: r for r in selected}  # code -> rule, in code order
        self._prepared: dict[str, ActiveRule] = {}
        self.rule_defs = {r.code: r for r in self.all_rules}
        self.rule_defs[UNUSED_SUPPRESSION.code] = UNUSED_SUPPRESSION
        for r in selected:  # data rules (users' packs) are cheap: their patterns are checked now
            if r.type != "python":
                self.prepared(r.code)

    # Rules are prepared (lexicons built, patterns compiled, options checked) on first use, not
    # here: a pre-commit run whose files all come from the result cache never pays for it.

    def activate(self) -> None:
        """Prepare every selected rule now (raises ConfigError for bad options)."""
        _ = self.active

    def prepared(self, code: str) -> ActiveRule:
        """One selected rule, prepared on first use."""
        active = self._prepared.get(code)
        if active is None:
            active = self._prepared[code] = self._activate(self.selected[code])
        return active

    @cached_property
    def active(self) -> list[ActiveRule]:
        return [self.prepared(code) for code in self.selected]

    @cached_property
    def by_code(self) -> dict[str, ActiveRule]:
        return {a.code: a for a in self.active}

    @cached_property
    def site_rules(self) -> list[ActiveRule]:
        return [a for a in self.active if a.spec is not None and a.spec.is_site]

    @cached_property
    def doc_rules(self) -> list[ActiveRule]:
        return [a for a in self.active if a.spec is None or not a.spec.is_site]

    def _options_for(self, rule: RuleDef) -> dict[str, Any]:
        opts = dict(rule.options)
        override = dict(self.config.rules.get(rule.code, {}))
        override.pop("severity", None)
        opts.update(override)
        # run-wide facts, given to the families that use them
        run_wide: dict[str, Any] = {}
        if self.today:
            run_wide["today"] = self.today
        if self.config.provided_by_layout:
            run_wide["provided-by-layout"] = list(self.config.provided_by_layout)
        if self.config.site_root:
            root = Path(self.config.site_root)
            if not root.is_absolute():
                root = self.config.root / root
            run_wide["site-root"] = str(root)
        if self.config.base_url:
            run_wide["base-url"] = self.config.base_url
        for key, value in run_wide.items():
            if rule.category in RUN_WIDE_OPTIONS[key]:
                opts.setdefault(key, value)
        return opts

    def _activate(self, rule: RuleDef) -> ActiveRule:
        severity = (
            self.config.severity.get(rule.code)
            or self.config.rules.get(rule.code, {}).get("severity")
            or rule.severity
        )
        if rule.type == "python":
            spec = get_check(rule.check or "")
            if spec is None:
                raise ConfigError(
                    f"{rule.origin}: rule {rule.code} names an unknown check '{rule.check}'"
                )
            opts = self._options_for(rule)
            try:
                prepared = spec.prepare(opts) if spec.prepare else opts
            except OptionsError as exc:
                raise ConfigError(f"{rule.origin}: rule {rule.code}: {exc}") from None
            return ActiveRule(rule, severity, spec, prepared)
        return ActiveRule(rule, severity, None, _compile_data_rule(rule))

    def fingerprint(self) -> str:
        """Identifies config, rule packs, lexicons and healthlint's own code, for the result cache."""
        h = hashlib.sha256()
        h.update(self.config.fingerprint().encode())
        h.update((self.today or "").encode())
        h.update(_code_fingerprint().encode())
        for p in self.config.packs:
            try:
                h.update(p.read_bytes())
            except OSError:
                pass
        return h.hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the installed package and built-in rules: any change invalidates the cache."""
    from healthlint import __version__
    from healthlint.packs import builtin_rules_dir

    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    files = sorted(
        p
        for folder in {package, builtin_rules_dir()}
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".py", ".yml", ".yaml", ".txt", ".json")
    )
    for p in files:
        try:
            h.update(p.name.encode())
            h.update(p.read_bytes())
        except OSError:
            pass
    return h.hexdigest()


def run_data_rule(active: ActiveRule, doc: Any) -> Iterator[Hit]:
    """Existence / substitution rules over the blocks their scope names."""
    compiled, swap, exceptions = active.opts
    rule = active.rule
    for block in doc.blocks:
        if rule.scope == "main" and not block.in_main:
            continue
        if rule.scope == "prose" and not block.is_prose:
            continue
        if rule.scope == "headings" and block.kind != "heading":
            continue
        for m in compiled.finditer(block.text):
            matched = m.group()
            if not matched or matched.lower() in exceptions:
                continue
            start, end = block.span(m.start(), m.end())
            replacement = swap.get(" ".join(matched.lower().split()))
            message = (rule.message or "").replace("{match}", matched)
            suggestion = rule.suggestion.replace("{match}", matched) if rule.suggestion else None
            if replacement is not None:
                message = message.replace("{replacement}", replacement)
                suggestion = suggestion or replacement
            yield Hit(start, end, message, suggestion)
