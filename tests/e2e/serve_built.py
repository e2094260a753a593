"""Serve an app already built by ``reflex run --env prod`` again, without rebuilding it.

Run from the built copy's folder: ``python serve_built.py PORT``. The browser tests use it
to restart the backend (its in-memory state is lost, as in a real restart) while the pages
already open in Chromium keep running and reconnect by themselves.
"""

import os
import sys

os.environ["REFLEX_ENV_MODE"] = "prod"
os.environ["__REFLEX_SKIP_COMPILE"] = "true"
os.environ["__REFLEX_MOUNT_FRONTEND_COMPILED_APP"] = "true"
sys.path.insert(0, os.getcwd())

from reflex_base.constants import LogLevel  # noqa: E402
from reflex.utils import exec as reflex_exec  # noqa: E402

if __name__ == "__main__":
    reflex_exec.run_granian_backend_prod("0.0.0.0", int(sys.argv[1]), LogLevel.ERROR)
