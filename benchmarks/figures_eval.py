"""Precision and recall of the figures rules on benchmarks/data/figures_eval.yml.

Run: python benchmarks/figures_eval.py [--verbose]. Each passage is linted as Markdown with only
the FIG rules; a check "fires" on a passage if it reports anything. Scores are per check and
overall, for the dev passages (used while tuning) and the held-out ones (written before).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthlint.api import lint_string  # noqa: E402
from healthlint.packs import load_pack  # noqa: E402

CODE_TO_CHECK = {
    r.code: (r.check or "").split(".", 1)[1]
    for r in load_pack(ROOT / "rules" / "figures.yml").rules
}


def fired(text: str) -> tuple[set[str], list[str]]:
    findings = lint_string(text, "passage.md", select=list(CODE_TO_CHECK))
    return {CODE_TO_CHECK[f.code] for f in findings}, [f"{f.code} {f.message}" for f in findings]


def score(rows: list[tuple[set[str], set[str]]]) -> dict[str, tuple[int, int, int]]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for expect, got in rows:
        for c in expect | got:
            key = out[c]
            if c in expect and c in got:
                key[0] += 1
            elif c in got:
                key[1] += 1
            else:
                key[2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"precision {p:6.1%}  recall {r:6.1%}  (tp {tp}, fp {fp}, fn {fn})"


def main() -> int:
    verbose = "--verbose" in sys.argv
    data = yaml.safe_load((ROOT / "benchmarks" / "data" / "figures_eval.yml").read_text("utf-8"))
    passages = data["passages"]
    splits: dict[str, list[tuple[set[str], set[str]]]] = defaultdict(list)
    quiet_ok = defaultdict(lambda: [0, 0])
    t0 = time.perf_counter()
    for p in passages:
        expect = set(p.get("expect") or [])
        got, messages = fired(p["text"])
        splits[p["split"]].append((expect, got))
        if not expect:
            quiet_ok[p["split"]][0] += not got
            quiet_ok[p["split"]][1] += 1
        if verbose and got != expect:
            print(f"MISS {p['id']}: expected {sorted(expect)} got {sorted(got)}")
            for m in messages:
                print("     ", m)
    elapsed = time.perf_counter() - t0
    for split in ("dev", "heldout"):
        rows = splits.get(split, [])
        if not rows:
            continue
        bad = sum(1 for e, _ in rows if e)
        print(
            f"\n== {split}: {len(rows)} passages ({bad} with a problem, {len(rows) - bad} consistent)"
        )
        per = score(rows)
        for check in sorted(per):
            print(f"  {check:18} {pr(*per[check])}")
        tp = sum(v[0] for v in per.values())
        fp = sum(v[1] for v in per.values())
        fn = sum(v[2] for v in per.values())
        print(f"  {'OVERALL':18} {pr(tp, fp, fn)}")
        ok, n = quiet_ok[split]
        print(f"  consistent passages left quiet: {ok}/{n}")
    print(f"\n{len(passages)} passages in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
