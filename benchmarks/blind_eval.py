"""Score a healthlint checkout on a blind claims set and a blind figures set, end to end.

usage: python benchmarks/blind_eval.py CHECKOUT CLAIMS.yml FIGURES.yml [--errors]

Each claims sentence is linted as a .txt file with the CLM rules, each figures passage as a .md
file with the FIG rules, through ``healthlint.api.lint_string`` (what users get, not a detector
internals score). Claims: family-level precision/recall (any CLM finding vs none) and micro
(per code); figures: per check. CHECKOUT lets you score another worktree with this script, e.g.
an older commit checked out with ``git worktree add --detach /tmp/old REV``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

checkout = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(checkout))
import yaml  # noqa: E402

import healthlint  # noqa: E402

assert Path(healthlint.__file__).resolve().is_relative_to(checkout), healthlint.__file__
from healthlint.api import lint_string  # noqa: E402
from healthlint.packs import load_pack  # noqa: E402

errors = "--errors" in sys.argv


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"P {p:.3f} R {r:.3f} (tp {tp} fp {fp} fn {fn})"


def tally(micro, exp: set[str], got: set[str], quiet: list[int]) -> None:
    """Count true positives, false positives and misses per code, and quiet items kept quiet."""
    if not exp:
        quiet[1] += 1
        quiet[0] += not got
    for c in exp | got:
        micro[c][0 if c in exp and c in got else 1 if c in got else 2] += 1


def report(micro, label: str) -> None:
    tot = [sum(m[i] for m in micro.values()) for i in range(3)]
    print(f"  {label.strip()} {pr(*tot)}")
    for c in sorted(micro):
        print(f"    {c} {pr(*micro[c])}")


def claims(path):
    items = yaml.safe_load(Path(path).read_text("utf-8"))
    if isinstance(items, dict):
        items = items.get("items") or items.get("sentences")
    fam = [0, 0, 0]
    micro = defaultdict(lambda: [0, 0, 0])
    quiet = [0, 0]
    for it in items:
        exp = set(it.get("c") or [])
        got = {f.code for f in lint_string(it["t"], "s.txt", select=["CLM"])}
        e, g = bool(exp), bool(got)
        fam[0] += e and g
        fam[1] += g and not e
        fam[2] += e and not g
        tally(micro, exp, got, quiet)
        if errors and exp != got:
            print(f"  want {sorted(exp)} got {sorted(got)}: {it['t']}")
    print(f"claims {path}: {len(items)} items, quiet ok {quiet[0]}/{quiet[1]}")
    print(f"  family {pr(*fam)}")
    report(micro, "micro")


def figures(path):
    data = yaml.safe_load(Path(path).read_text("utf-8"))
    passages = data["passages"] if isinstance(data, dict) else data
    code_to_check = {
        r.code: (r.check or "").split(".", 1)[1]
        for r in load_pack(checkout / "rules" / "figures.yml").rules
    }
    micro = defaultdict(lambda: [0, 0, 0])
    quiet = [0, 0]
    for p in passages:
        exp = set(p.get("expect") or [])
        fs = lint_string(p["text"], "p.md", select=list(code_to_check))
        got = {code_to_check[f.code] for f in fs}
        tally(micro, exp, got, quiet)
        if errors and exp != got:
            print(f"  {p.get('id')} want {sorted(exp)} got {sorted(got)}")
            for f in fs:
                print(f"      {f.code} {f.message}")
    print(f"figures {path}: {len(passages)} passages, quiet ok {quiet[0]}/{quiet[1]}")
    report(micro, "overall")


claims(sys.argv[2])
figures(sys.argv[3])
