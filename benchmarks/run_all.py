"""Run every benchmark script (``bench_*.py``) in this folder, one after another.

Each script writes its results to ``benchmarks/results/NAME.json`` and ``NAME.md``;
the book's performance page renders the Markdown files. Pass ``--quick`` for a
short smoke run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmark scripts found")
        return 1
    failures = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), *argv], cwd=HERE.parent)
        print(f"== {script.name}: exit {result.returncode} after {time.perf_counter() - start:.0f} s", flush=True)
        if result.returncode != 0:
            failures.append(script.name)
    if failures:
        print("failed:", ", ".join(failures))
        return 1
    print(f"results in {HERE / 'results'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
