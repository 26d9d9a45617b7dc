"""``curriculum student OUTDIR``: write the solution-free student notebooks."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._validation import require
from ._common import find_notebooks_dir


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "student",
        help="write student copies of every notebook (solutions removed)",
        description=(
            "Write a student copy of every course notebook: each solution region becomes "
            "'# YOUR CODE HERE' + 'raise NotImplementedError()', the outputs of exercise cells "
            "are cleared, everything else is kept."
        ),
    )
    parser.add_argument("outdir", type=Path, help="folder to write the copies into")
    parser.add_argument(
        "--source", type=Path, default=None, help="folder of instructor notebooks (default: notebooks/)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    require("nbformat")
    from ..authoring import SolutionMarkerError, write_student_copies

    source = args.source or find_notebooks_dir()
    if source is None or not Path(source).is_dir():
        print(f"curriculum student: no notebooks folder found at {source or 'notebooks/'}; pass --source.")
        return 2
    try:
        written = write_student_copies(source, args.outdir, progress=True)
    except (SolutionMarkerError, FileNotFoundError) as exc:
        print(f"curriculum student: {exc}")
        return 2
    print(f"wrote {len(written)} student notebooks to {args.outdir}")
    return 0
