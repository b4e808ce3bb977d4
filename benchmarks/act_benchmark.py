"""Run healthlint's accessibility checks on the W3C ACT Rules examples and print a match table.

Usage: ``python benchmarks/act_benchmark.py [ACT_DIR] [--markdown] [--verbose]``
(ACT_DIR defaults to ``../shared/act`` beside the repository, or ``$HEALTHLINT_ACT_DIR``).

The examples are read at run time from the folder's ``manifest.json`` (never copied here). For
every ACT rule that some healthlint rule lists in its ``act`` field, each example is linted in
the form W3C publishes (``file_wrapped``) and the verdict compared with the expected outcome:
"match" means expected ``failed`` and healthlint reports that rule's problem, or expected
``passed``/``inapplicable`` and it reports nothing for it. Examples that are not HTML (SVG,
XML) are not linted by healthlint at all, which matches their "inapplicable" outcome.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthlint.loaders.html import load_html  # noqa: E402
from healthlint.packs import load_pack  # noqa: E402
from healthlint.registry import get_check  # noqa: E402

# ACT rules whose failures healthlint splits between two rules so a page is reported once:
# bisz58 (no refresh delay, no exception) = A11Y025 (up to 20 h) + A11Y026 (longer).
ALSO = {"bisz58": ["bc659a"]}

# Examples whose verdict depends on what static HTML cannot show, with the reason.
NOT_STATIC = {
    "6cfa84/passed-4": "a script moves focus away from the aria-hidden focus sentinel",
}


def _act_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("HEALTHLINT_ACT_DIR")
    if env:
        return Path(env)
    for cand in (ROOT.parent / "shared" / "act", ROOT / ".." / ".." / "shared" / "act"):
        if (cand / "manifest.json").is_file():
            return cand
    raise SystemExit("ACT examples not found: pass the folder holding manifest.json")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("act_dir", nargs="?")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--verbose", action="store_true", help="print each mismatch's findings")
    args = ap.parse_args(argv)
    act = _act_dir(args.act_dir)
    manifest = json.loads((act / "manifest.json").read_text(encoding="utf-8"))
    names = {r["rule_id"]: r["rule_name"] for r in manifest["rules"]}

    pack = load_pack(ROOT / "rules" / "accessibility.yml")
    by_act: dict[str, list] = defaultdict(list)
    for rule in pack.rules:
        for act_id in rule.act:
            by_act[act_id].append(rule)
    for act_id, others in ALSO.items():
        for o in others:
            by_act[act_id].extend(by_act.get(o, []))
    prepared = {}
    for rule in pack.rules:
        spec = get_check(rule.check or "")
        assert spec is not None and spec.func is not None, rule.check
        prepared[rule.code] = (spec.func, spec.prepare(rule.options) if spec.prepare else None)

    results: dict[str, list[tuple[str, str, bool, list[str]]]] = defaultdict(list)
    for tc in manifest["testcases"]:
        rid = tc["rule_id"]
        if rid not in by_act:
            continue
        rel = tc.get("file_wrapped") or tc["file"]
        path = act / rel
        findings: list[str] = []
        if path.suffix in (".html", ".htm"):
            source = path.read_text(encoding="utf-8")
            doc = load_html(str(path), source)
            for rule in by_act[rid]:
                func, opts = prepared[rule.code]
                for hit in func(doc, opts):
                    line, col = doc.line_col(hit.start)
                    findings.append(f"{rule.code} {line}:{col} {hit.message}")
        expected = tc["expected"]
        ok = bool(findings) if expected == "failed" else not findings
        example = tc["file"].rsplit(".", 1)[0]
        results[rid].append((example, expected, ok, findings))

    total = matched = 0
    static_total = static_matched = 0
    rows = []
    for rid in sorted(results, key=lambda r: manifest_order(manifest, r)):
        cases = results[rid]
        n = len(cases)
        m = sum(1 for c in cases if c[2])
        codes = ", ".join(sorted({r.code for r in by_act[rid]}))
        misses = [c for c in cases if not c[2]]
        rows.append((rid, names.get(rid, ""), codes, m, n, misses))
        total += n
        matched += m
        for c in cases:
            if c[0] not in NOT_STATIC:
                static_total += 1
                static_matched += c[2]

    if args.markdown:
        print("| ACT rule | name | healthlint | match | mismatches |")
        print("| --- | --- | --- | --- | --- |")
        for rid, name, codes, m, n, misses in rows:
            mm = ", ".join(f"{c[0].split('/')[1]} (expected {c[1]})" for c in misses) or "—"
            print(f"| {rid} | {name} | {codes} | {m}/{n} | {mm} |")
    else:
        width = max(len(r[1]) for r in rows)
        for rid, name, codes, m, n, misses in rows:
            print(f"{rid}  {name:<{width}}  {codes:<16} {m:>3}/{n:<3}")
            for ex, expected, _, findings in misses:
                why = NOT_STATIC.get(ex, "")
                print(
                    f"    mismatch {ex} (expected {expected}){' — not statically decidable: ' + why if why else ''}"
                )
                if args.verbose:
                    for f in findings:
                        print(f"        {f}")
    print()
    print(f"total: {matched}/{total} examples match ({100 * matched / max(total, 1):.1f}%)")
    print(
        f"statically decidable: {static_matched}/{static_total} "
        f"({100 * static_matched / max(static_total, 1):.1f}%)"
    )
    if NOT_STATIC:
        print("not statically decidable:")
        for ex, why in NOT_STATIC.items():
            print(f"  {ex}: {why}")
    return 0


def manifest_order(manifest: dict, rid: str) -> int:
    for i, r in enumerate(manifest["rules"]):
        if r["rule_id"] == rid:
            return i
    return 999


if __name__ == "__main__":
    raise SystemExit(main())
