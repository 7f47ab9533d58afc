"""1,000 generated case histories evaluated by the core (Rust), the Python binding and the
WASM binding under Node, from one JSON Lines file, as of one moment (issue 14's ratio).

Run by `scripts/bench-python batch` (it builds the wheel); not a test. Prints each time (best
of 5) and the ratios to Rust.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import shegong

sys.path.insert(0, str(Path(__file__).parent))
from python_bench import CST, history  # noqa: E402

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=CST)


def main(root: Path) -> None:
    work = root / "target" / "bench-python"
    work.mkdir(parents=True, exist_ok=True)
    cal = shegong.Calendar.china()
    lines = [history(i, cal) for i in range(1_000)]
    file = work / "histories-1000.jsonl"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        result = shegong.evaluate_histories(lines, NOW)
        best = min(best, time.perf_counter() - t0)
        assert not result.errors["index"], result.errors
    py_ms, rows = best * 1e3, len(result.obligations["rule"])

    now = NOW.isoformat()
    node = json.loads(subprocess.run(
        ["node", str(root / "bindings-wasm" / "tools" / "bench-batch.js"), str(root / "bindings-wasm" / "pkg"), str(file), now],
        capture_output=True, text=True, check=True).stdout)
    env = dict(os.environ, SHEGONG_BATCH_FILE=str(file), SHEGONG_BATCH_NOW=now)
    rust = json.loads(subprocess.run(
        ["cargo", "bench", "--quiet", "-p", "shegong", "--bench", "batch"],
        cwd=root, env=env, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    assert node["rows"] == rows == rust["rows"], (node, rows, rust)

    base = rust["ms_1_thread"]
    print(f"1,000 histories ({rows} obligation rows), best of 5, chains verified:")
    for name, ms in [("Rust core, 1 thread", base), ("Rust core, 2 threads", rust["ms_2_threads"]),
                     ("Python binding (2 threads)", py_ms), ("WASM binding in Node (1 thread)", node["ms"])]:
        print(f"  {name:<34}{ms:>10.1f} ms   {ms / base:>6.2f}x the 1-thread core")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
