"""Acceptance on the shared seed article: every reported position lands on the flagged words."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import run_cli, seed_path


def _slice(source: str, f: dict) -> str:
    lines = source.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    a = starts[f["line"] - 1] + f["column"] - 1
    b = starts[f["end_line"] - 1] + f["end_column"] - 1
    return source[a:b]


@pytest.mark.parametrize("ext", ["html", "md", "txt"])
def test_seed_positions_land_on_the_flagged_words(ext):
    path = seed_path(ext)
    proc = run_cli(str(path), "-f", "json", "--no-cache", "--today", "2026-11-25")
    assert proc.returncode == 1, proc.stderr.decode()
    data = json.loads(proc.stdout)
    source = path.read_text(encoding="utf-8")
    assert data["findings"]
    for f in data["findings"]:
        got = _slice(source, f)
        if f["text"].endswith("…"):
            assert got.startswith(f["text"][:-1]), f
        else:
            assert got == f["text"], f
        assert f["text"].strip(), f
        for r in f["related"]:
            assert 1 <= r["line"] <= len(source.split("\n"))
    codes = {f["code"] for f in data["findings"]}
    assert {"claims", "readability", "figures", "disclaimers"} <= {
        f["category"] for f in data["findings"]
    }, codes


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlink_loop_is_walked_once(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.md").write_text("# Hi\n\nPlain text here.\n", encoding="utf-8")
    (site / "loop").symlink_to(site, target_is_directory=True)
    proc = run_cli(str(site), "-f", "json", "--no-cache", "--select", "CLM")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["summary"]["files"] == 1
