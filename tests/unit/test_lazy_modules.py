"""A backend process starts without the heavy libraries only some pages use, and loads each when first used."""

import os
import subprocess
import sys
from pathlib import Path

from safehouse_portal.lazy_modules import lazy_module

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "ortools", "fpdf", "openpyxl")


def test_importing_the_app_loads_none_of_the_heavy_libraries():
    probe = ("import sys, safehouse_portal.safehouse_portal; "
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    env = {**os.environ, "REFLEX_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1:] in ([], [""]), f"loaded at start: {done.stdout.strip()}"


def test_a_lazy_module_is_the_real_module_once_used():
    json_module = lazy_module("json")
    assert json_module.dumps({"a": 1}) == '{"a": 1}'
    assert json_module.loads is sys.modules["json"].loads
