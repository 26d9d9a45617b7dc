"""How long ``curriculum grade`` takes: one notebook, every course notebook, a 30-notebook batch.

Usage: python benchmarks/bench_grading.py [--quick]

Rows, measured in one run on this machine:

- one exercises notebook (ml/01, all solutions in) through the command line,
  start to finish (interpreter start, registry, sandbox, report), with full
  isolation and with resource limits only, to show what the isolation costs;
- every course exercises notebook (instructor version), graded one at a time
  in-process: the grading time alone, per notebook;
- a batch of 30 submissions of ml/01 (a realistic mix of right, wrong and
  unfinished work) with ``--jobs 1`` and ``--jobs 2``; the ratio is the
  speed-up from the second job.

Writes results/grading.json and results/grading.md. ``--quick`` uses 6
submissions and skips the per-notebook row (under a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import describe_blas, machine_info

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(ROOT / "tests"))

KEY = "ml/01_univariate_linear_regression_exercises.ipynb"


def cohort(folder: Path, size: int) -> Path:
    """``size`` submissions of ml/01: a third right, a third with mistakes, a third unfinished."""
    from grading_helpers import submission

    wrong = {
        "loss": "def loss(x, y, theta):\n    return float(np.mean((theta[0] + theta[1] * x - y) ** 2))",
        "zscore": "def zscore(x):\n    return (x - x.mean()) / x.std(ddof=1)",
    }
    for index in range(size):
        kind = index % 3
        if kind == 0:
            submission(folder / f"student{index:02d}")
        elif kind == 1:
            submission(folder / f"student{index:02d}", replace=wrong)
        else:
            submission(folder / f"student{index:02d}", unfinished=("gradient_descent", "zscore", "min_max"))
    return folder


def run_cli(paths, *options) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "grade", *map(str, paths), "--no-progress", "--format", "json", *options],
        capture_output=True, text=True, cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"curriculum grade failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if report["summary"]["verdicts"]["error"] or report["summary"]["verdicts"]["timeout"]:
        raise RuntimeError(f"unexpected errors in the benchmark run: {report['summary']}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    args = parser.parse_args(argv)
    from curriculum.exercises import notebooks
    from curriculum.grading import Settings, grade_paths

    course = ROOT / "notebooks"
    size = 6 if args.quick else 30
    repeats = 1 if args.quick else 3
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        one = course / KEY
        times = {"auto": [], "none": []}
        for _ in range(repeats + 2):  # interleaved, so that load on the machine hits both alike
            for mode in times:
                times[mode].append(run_cli([one], "--isolation", mode))
        for mode, values in times.items():
            seconds = statistics.median(values)
            rows.append({"what": "one notebook, command line", "notebook": KEY, "isolation": mode,
                         "jobs": 1, "notebooks": 1, "seconds": seconds, "repeats": values})
            print(f"one notebook ({mode}): {seconds:.2f} s", flush=True)
        if not args.quick:
            for key in notebooks():
                start = time.perf_counter()
                report = grade_paths([course / key], Settings(timeout=30))
                seconds = time.perf_counter() - start
                rows.append({"what": "one notebook, in-process", "notebook": key, "isolation": "auto", "jobs": 1,
                             "notebooks": 1, "exercises": report["summary"]["exercises"],
                             "passed": report["summary"]["verdicts"]["passed"], "seconds": seconds})
                print(f"{key}: {seconds:.2f} s", flush=True)
        folder = cohort(Path(tmp) / "cohort", size)
        batch = {}
        for jobs in (1, 2):
            seconds = run_cli([folder], "--jobs", str(jobs))
            batch[jobs] = seconds
            rows.append({"what": f"batch of {size}, command line", "notebook": KEY, "isolation": "auto",
                         "jobs": jobs, "notebooks": size, "seconds": seconds, "per_notebook": seconds / size})
            print(f"batch of {size}, --jobs {jobs}: {seconds:.1f} s", flush=True)
    ratio = batch[1] / batch[2]
    one_auto = next(r["seconds"] for r in rows if r["what"].startswith("one notebook, command") and r["isolation"] == "auto")
    one_none = next(r["seconds"] for r in rows if r["what"].startswith("one notebook, command") and r["isolation"] == "none")
    result = {
        "benchmark": "grading",
        "quick": args.quick,
        "machine": machine_info(root=hasattr(os, "geteuid") and os.geteuid() == 0),
        "rows": rows,
        "ratio": {"jobs1_over_jobs2": ratio, "isolation_overhead_seconds": one_auto - one_none},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "grading.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "grading.md").write_text(markdown(result, size, batch, ratio, one_auto, one_none))
    print(f"wrote {RESULTS / 'grading.md'}")
    return 0


def markdown(result, size, batch, ratio, one_auto, one_none) -> str:
    info = result["machine"]
    blas = describe_blas(info["blas"])
    lines = [
        "# Grading speed",
        "",
        f"Machine: {info['cpu_count']} CPUs, Python {info['python']}, NumPy {info['numpy']}, BLAS: {blas}; "
        f"grader running as {'root (full isolation)' if info['root'] else 'an ordinary user'}. "
        "Produced by `python benchmarks/bench_grading.py`"
        + (" --quick" if result["quick"] else "") + ".",
        "",
        "| what | notebook | isolation | jobs | notebooks | time | per notebook |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        per = row["seconds"] / row["notebooks"]
        lines.append(
            f"| {row['what']} | `{row['notebook']}` | {row['isolation']} | {row['jobs']} | {row['notebooks']} "
            f"| {row['seconds']:.2f} s | {per:.2f} s |"
        )
    in_process = [r["seconds"] for r in result["rows"] if r["what"] == "one notebook, in-process"]
    spread = (
        f" Graded in-process one at a time, the course's exercises notebooks take {min(in_process):.2f} s "
        f"to {max(in_process):.2f} s each (the slowest import pandas or matplotlib, or fit models, in their own cells)."
        if in_process else ""
    )
    difference = one_auto - one_none
    if abs(difference) < 0.1:
        overhead = (
            f"The isolation itself (namespaces, mounts, change of user) costs less than the run-to-run "
            f"noise ({1000 * difference:+.0f} ms between the medians)."
        )
    else:
        overhead = f"The isolation itself (namespaces, mounts, change of user) costs {1000 * difference:+.0f} ms."
    lines += [
        "",
        f"Grading one exercises notebook from the command line takes {one_auto:.2f} s with full isolation "
        f"and {one_none:.2f} s with resource limits only: most of it is starting Python and NumPy twice "
        f"(the grader and its child) and running the notebook's own cells. {overhead}{spread} "
        f"A batch of {size} submissions "
        f"takes {batch[1]:.1f} s with `--jobs 1` and {batch[2]:.1f} s with `--jobs 2` "
        f"({batch[2] / size:.2f} s per notebook), a speed-up of {ratio:.2f}x on this 2-CPU machine shared "
        f"with other work; each submission is a separate child process, so jobs scale with free cores.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
