"""The layering is a contract: import-linter's (pyproject.toml) must hold, and a break must be seen."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def run_lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    result = run_lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    for package in ("geo", "dashboard"):
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("data", "__pycache__"))
    model = copy / "geo" / "core" / "model.py"
    model.write_text(model.read_text() + "\nfrom geo.render import filters  # an upward import\n")
    result = run_lint(copy)
    assert result.returncode == 1
    assert "geo.core.model -> geo.render.filters" in result.stdout
