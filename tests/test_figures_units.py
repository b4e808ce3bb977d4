"""The precomputed unit table must agree with pint (it exists only to keep pint out of start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from healthlint.figures import units as U


def test_table_matches_pint() -> None:
    pytest.importorskip("pint")
    fresh = U.build_table()
    stored = U.units()
    assert set(fresh) == set(stored)
    for name, entry in fresh.items():
        assert stored[name].dim == entry["dim"], name
        if entry["factor"] is None:
            assert stored[name].factor is None, name
        else:
            assert stored[name].factor == pytest.approx(entry["factor"], rel=1e-9), name


@pytest.mark.parametrize(
    ("alias", "name", "dim"),
    [
        ("lbs", "pound", "[mass]"),
        ("inches", "inch", "[length]"),
        ("mmHg", "millimeter_Hg", "[length]^-1*[mass]*[time]^-2"),
        ("°F", "degree_Fahrenheit", "[temperature]"),
        ("L", "liter", "[length]^3"),
    ],
)
def test_lookup(alias: str, name: str, dim: str) -> None:
    unit = U.lookup(alias)
    assert unit is not None and unit.name == name and unit.dim == dim


def test_convert() -> None:
    u = U.units()
    assert U.convert(20, u["pound"], u["kilogram"]) == pytest.approx(9.0718474)
    assert U.convert(1, u["year"], u["month"]) == pytest.approx(12)
    assert U.convert(1, u["degree_Celsius"], u["degree_Fahrenheit"]) is None  # offset scales
    assert U.convert(1, u["pound"], u["inch"]) is None


def test_linting_does_not_import_pint() -> None:
    code = (
        "import sys; from healthlint.api import lint_string; "
        "lint_string('Each visit costs $80-60.', 'a.md', select=['FIG']); "
        "print('pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
