"""Shared fixtures: the repository's fixtures folder and the tifa CLI to
compare with (TIFA_BIN, else target/release/tifa or target/debug/tifa)."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def fixtures():
    return FIXTURES


@pytest.fixture(scope="session")
def cli():
    """Runs the tifa CLI in the repository root; returns its stdout."""
    given = os.environ.get("TIFA_BIN")
    if given:
        binary = Path(given)
        assert binary.exists(), f"TIFA_BIN={given} does not exist"
    else:
        found = [ROOT / "target" / p / "tifa" for p in ("release", "debug")]
        found = [p for p in found if p.exists()]
        if not found:
            pytest.skip("no tifa binary: build it (cargo build) or set TIFA_BIN")
        binary = found[0]

    def run(*args):
        out = subprocess.run([str(binary), *args], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        return out.stdout

    return run


@pytest.fixture
def in_root(monkeypatch):
    """Runs the test in the repository root, so document ids (paths) are
    those the CLI prints."""
    monkeypatch.chdir(ROOT)
    return ROOT
