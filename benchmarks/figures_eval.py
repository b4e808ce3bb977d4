"""Precision and recall of the figures rules on the evaluation sets in benchmarks/data/.

Run: python benchmarks/figures_eval.py [--set own|blind|blind2|all] [--verbose]

- ``own`` (default): benchmarks/data/figures_eval.yml, the team's set, split into dev passages
  (used while tuning) and held-out ones (written before).
- ``blind``: benchmarks/data/figures_blind.yml, written without reading the detectors. It is
  for measuring only: never copy its passages into tests or lexicons.
- ``blind2``: benchmarks/data/figures_blind2.yml, a second set written blind (2026-12-02) and
  released for tuning in round 2; conversion errors and averages outside a range are relabelled
  to the checks that report them (``units``, ``range``).
- ``all``: all three, one after the other.

Each passage is linted as Markdown with only the FIG rules; a check "fires" on a passage if it
reports anything. Scores are per check and overall. ``--verbose`` prints every missed check and
false alarm with the findings that were reported.
"""

from __future__ import annotations

import argparse
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
SETS = {
    "own": ROOT / "benchmarks" / "data" / "figures_eval.yml",
    "blind": ROOT / "benchmarks" / "data" / "figures_blind.yml",
    "blind2": ROOT / "benchmarks" / "data" / "figures_blind2.yml",
}

Row = tuple[set[str], set[str]]


def fired(text: str) -> tuple[set[str], list[str]]:
    findings = lint_string(text, "passage.md", select=list(CODE_TO_CHECK))
    return {CODE_TO_CHECK[f.code] for f in findings}, [f"{f.code} {f.message}" for f in findings]


def score(rows: list[Row]) -> dict[str, tuple[int, int, int]]:
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


def report(name: str, rows: list[Row]) -> None:
    bad = sum(1 for e, _ in rows if e)
    print(f"\n== {name}: {len(rows)} passages ({bad} with a problem, {len(rows) - bad} consistent)")
    per = score(rows)
    for check in sorted(per):
        print(f"  {check:18} {pr(*per[check])}")
    tp = sum(v[0] for v in per.values())
    fp = sum(v[1] for v in per.values())
    fn = sum(v[2] for v in per.values())
    print(f"  {'OVERALL':18} {pr(tp, fp, fn)}")
    quiet = [got for e, got in rows if not e]
    print(f"  consistent passages left quiet: {sum(1 for g in quiet if not g)}/{len(quiet)}")


def run_set(name: str, verbose: bool) -> int:
    data = yaml.safe_load(SETS[name].read_text("utf-8"))
    passages = data["passages"]
    splits: dict[str, list[Row]] = defaultdict(list)
    t0 = time.perf_counter()
    for p in passages:
        expect = set(p.get("expect") or [])
        got, messages = fired(p["text"])
        splits[p.get("split") or name].append((expect, got))
        if verbose and got != expect:
            missed, extra = sorted(expect - got), sorted(got - expect)
            label = " ".join(
                part
                for part in (
                    f"missed {missed}" if missed else "",
                    f"false alarm {extra}" if extra else "",
                )
                if part
            )
            print(f"{p['id']}: {label}")
            print(f"      {p['text']}")
            for m in messages:
                print("      >", m)
    elapsed = time.perf_counter() - t0
    for split in ("dev", "heldout", name):
        if splits.get(split):
            report(split if split != name else name, splits[split])
    if len(splits) > 1:
        report(f"{name} (all)", [row for rows in splits.values() for row in rows])
    print(f"\n{len(passages)} passages in {elapsed:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("own", "blind", "blind2", "all"), default="own")
    ap.add_argument("--verbose", "-v", action="store_true", help="print misses and false alarms")
    args = ap.parse_args(argv)
    names = ("own", "blind", "blind2") if args.set == "all" else (args.set,)
    for name in names:
        if len(names) > 1:
            print(f"\n######## {name}")
        run_set(name, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
