"""The README's commands keep working when modules move: every Python one-liner in scripts/ runs."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ONE_LINER = re.compile(r'\.venv/bin/python -c "([^"]+)"')
LINERS = [(script.name, code) for script in sorted((ROOT / "scripts").glob("*.sh"))
          for code in ONE_LINER.findall(script.read_text(encoding="utf-8"))]


def test_the_scripts_have_one_liners_to_check():
    assert ("run.sh", "from geo.gazetteer.index import load_gazetteer; load_gazetteer()") in LINERS


@pytest.mark.parametrize(("script", "code"), LINERS)
def test_one_liner_runs(script, code):
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{script}: {result.stderr[-800:]}"
