"""The ACT benchmark script runs and every statically decidable ACT example matches."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

ACT = SHARED / "act"


@pytest.mark.skipif(
    not (ACT / "manifest.json").is_file(), reason="the shared ACT examples are not here"
)
def test_act_benchmark_statically_decidable_examples_all_match() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "act_benchmark.py"), str(ACT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"statically decidable: (\d+)/(\d+)", proc.stdout)
    assert m, proc.stdout
    matched, total = int(m.group(1)), int(m.group(2))
    assert total >= 300 and matched == total, proc.stdout
    # every rule of the brief is in the table
    for act_id in (
        "b5c3f8",
        "bf051a",
        "2779a5",
        "23a2a8",
        "59796f",
        "7d6734",
        "8fc3b6",
        "c487ae",
        "ffd0e9",
        "97a4e1",
        "e086e5",
        "cae760",
        "674b10",
        "5f99a7",
        "5c01ea",
        "b4f0c3",
        "bc659a",
        "bisz58",
        "6cfa84",
    ):
        assert re.search(rf"^{act_id}\s", proc.stdout, re.M), act_id
