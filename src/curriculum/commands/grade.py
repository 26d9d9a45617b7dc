"""``curriculum grade PATH...``: grade submitted notebooks in a sandbox."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

FORMATS = ("table", "json", "csv")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "grade",
        help="grade student notebooks against the exercise registry (sandboxed)",
        description=(
            "Grade submitted notebooks. Each submission runs in its own child process with a "
            "time limit, a memory limit and a scratch folder; expected values are computed by "
            "the grader only. Exit code 0 when grading ran (failing students are results), "
            "2 for usage errors, 1 when the grader itself failed."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a notebook, or a folder of them")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="submissions graded at the same time (default 1)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per exercise, and per cell (default 10)")
    parser.add_argument("--memory", type=int, default=1024, metavar="MB", help="address-space limit of each child, in MB (default 1024)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="report format (default table)")
    parser.add_argument("--output", "-o", type=Path, default=None, metavar="FILE", help="write the report here; results are journalled next to it and a rerun resumes")
    parser.add_argument("--seed", default=None, help="secret text that picks the hidden random cases (default: a fixed seed)")
    parser.add_argument(
        "--isolation", choices=("auto", "userns", "none"), default="auto",
        help="auto (default): namespaces as root, else a user namespace if allowed, else limits only; "
        "userns: the user-namespace route even as root; none: resource limits only",
    )
    parser.add_argument("--fresh", action="store_true", help="ignore results stored by a previous run with the same --output")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def _usage(message: str) -> int:
    print(f"curriculum grade: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from ..grading import GraderFault, Settings, UsageError, grade_paths
    from ..grading.engine import DEFAULT_SEED
    from ..grading.journal import Journal, journal_path
    from ..grading.report import to_csv, to_json, to_table, use_colour

    if args.jobs < 1:
        return _usage(f"--jobs must be at least 1, got {args.jobs}")
    if not args.timeout > 0:
        return _usage(f"--timeout must be a positive number of seconds, got {args.timeout}")
    if args.memory < 256:
        return _usage(f"--memory must be at least 256 MB (Python and NumPy need about 200), got {args.memory}")
    settings = Settings(
        timeout=args.timeout, memory_mb=args.memory, seed=args.seed or DEFAULT_SEED, isolation=args.isolation
    )
    journal = None
    hide = []
    if args.output is not None:
        if args.output.is_dir():
            return _usage(f"--output {args.output} is a folder; give a file name")
        path = journal_path(args.output)
        if args.fresh and path.exists():
            path.unlink()
        journal = Journal(path)
        hide.append(args.output.resolve().parent)
    faults: list = []
    try:
        report = grade_paths(
            args.paths, settings, jobs=args.jobs, journal=journal,
            progress=not args.no_progress, faults=faults, hide=hide,
        )
    except UsageError as exc:
        return _usage(str(exc))
    except GraderFault as exc:
        print(f"curriculum grade: grader failure: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        text = to_json(report)
    elif args.format == "csv":
        text = to_csv(report)
    else:
        colour = args.output is None and use_colour(sys.stdout)
        text = to_table(report, colour=colour)
    if args.output is not None:
        tmp = args.output.with_name(args.output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, args.output)
        print(f"wrote the report on {len(report['submissions'])} submission(s) to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    for path, message in faults:
        print(f"curriculum grade: grader failure on {path}: {message}", file=sys.stderr)
    return 1 if faults else 0
