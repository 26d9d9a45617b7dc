"""The ``curriculum`` command.

Sub-commands live in :mod:`curriculum.commands`, one module each.
"""

from __future__ import annotations

import argparse
import sys

from .commands import execute, grade, mlp, student, validate

COMMANDS = [student, execute, grade, validate, mlp]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curriculum",
        description="The machine-learning bootcamp: student copies, notebook execution, grading.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
