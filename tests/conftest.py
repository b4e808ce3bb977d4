"""Shared test helpers: paths to fixtures and to the shared seed articles (absent in users' clones)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"


def seed_path(ext: str) -> Path:
    p = SEED / f"mesotherapy-cellulite.{ext}"
    if not p.exists():
        pytest.skip(
            f"the shared seed article {p} is not here (it ships beside the repo in CI only)"
        )
    return p


def run_cli(
    *args: str, input: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "healthlint", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def seed_html() -> Path:
    return seed_path("html")


@pytest.fixture
def seed_md() -> Path:
    return seed_path("md")


@pytest.fixture
def seed_txt() -> Path:
    return seed_path("txt")
