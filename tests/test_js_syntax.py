"""Every desk script of the app parses (a syntax error would silently break its form or report)."""

import shutil
import subprocess
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "jlc_frappe"
SCRIPTS = sorted(p for p in APP.rglob("*.js") if "node_modules" not in p.parts)


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
@pytest.mark.parametrize("script", SCRIPTS, ids=[str(p.relative_to(APP)) for p in SCRIPTS])
def test_script_parses(script):
	result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr
