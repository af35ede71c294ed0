"""Run bantin-search.js in node (the parity harness, parity.js) from Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

HARNESS = Path(__file__).with_name("parity.js")
REPO = HARNESS.parents[2]


def node_available() -> bool:
    return shutil.which("node") is not None and (REPO / "node_modules" / "lunr").is_dir()


def run_node(index_dir: Path, queries=(), analyze=(), lunr_limit: int | None = None) -> dict:
    """Results of the JavaScript engine for queries [(text, prefix)], and its analysis of texts.

    lunr_limit: how many candidates lunr ranks (the engine's default when None).
    """
    payload = {"queries": [{"q": q, "prefix": p} for q, p in queries], "analyze": list(analyze),
               "lunrLimit": lunr_limit}
    done = subprocess.run(["node", str(HARNESS), str(index_dir)], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise AssertionError(done.stderr)
    return json.loads(done.stdout)
