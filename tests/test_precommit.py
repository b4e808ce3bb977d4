"""The pre-commit hook, tried with the real pre-commit tool against a temporary git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo_fails_bad_article_and_passes_clean_one(tmp_path):
    pytest.importorskip("pre_commit")
    # try-repo needs the hook repo as a git repo with the hook at HEAD: copy the working tree
    hook_repo = tmp_path / "hook"
    shutil.copytree(
        ROOT,
        hook_repo,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "venv",
            "*.egg-info",
            ".healthlint_cache",
            "__pycache__",
            "benchmarks",
            ".pytest_cache",
            ".hypothesis",
        ),
    )
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "hook")
    content = tmp_path / "content"
    content.mkdir()
    _git(content, "init", "-q")
    # the content repo's own config: a house pack, as a clinic would add one
    house = ROOT / "tests" / "data" / "packs" / "house-style.yml"
    (content / ".healthlint.toml").write_text(
        f'packs = ["{house.as_posix()}"]\nselect = ["HOUSE001"]\n', encoding="utf-8"
    )
    bad = content / "post.md"
    bad.write_text("# Detox tea\n\nThis tea is a miracle for your liver.\n", encoding="utf-8")
    _git(content, "add", "post.md", ".healthlint.toml")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pc-home"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    cmd = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(hook_repo),
        "healthlint",
        "--files",
        "post.md",
    ]
    proc = subprocess.run(cmd, cwd=content, capture_output=True, env=env, timeout=600)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 1, out
    assert "HOUSE001" in out and "post.md:3:" in out, out
    good = content / "good.md"
    good.write_text(
        "# Sleep\n\nSome people find that a regular bedtime may help them sleep.\n",
        encoding="utf-8",
    )
    _git(content, "add", "good.md")
    cmd[-1] = "good.md"
    proc = subprocess.run(cmd, cwd=content, capture_output=True, env=env, timeout=600)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 0, out
