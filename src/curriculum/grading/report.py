"""The grading report: one document, three renderings (table, JSON, CSV).

The JSON document (``schema`` ``"curriculum-grade-report"``, ``version`` 1)
is described in the book's grading guide. It holds no times, dates, absolute
scratch paths or memory addresses, so grading the same files twice gives the
same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter

from .engine import VERDICTS

SCHEMA = "curriculum-grade-report"
VERSION = 1

SYMBOLS = {
    "passed": "✔",
    "failed": "✘",
    "forbidden": "⊘",
    "error": "!",
    "timeout": "⏱",
    "missing": "?",
    "not attempted": "…",
}
COLOURS = {
    "passed": "32",
    "failed": "31",
    "forbidden": "35",
    "error": "31;1",
    "timeout": "33",
    "missing": "33",
    "not attempted": "2",
}


def sort_key(result: dict) -> tuple:
    return (result["student"], result.get("notebook") or "", result["path"])


def student_totals(results: list[dict]) -> list[dict]:
    """Score per student: exercises passed over exercises graded, across their notebooks."""
    students: dict[str, dict] = {}
    for result in results:
        entry = students.setdefault(
            result["student"], {"student": result["student"], "notebooks": 0, "passed": 0, "total": 0, "score": None}
        )
        if result["status"] != "empty":
            entry["notebooks"] += 1
        entry["passed"] += result["passed"]
        entry["total"] += result["total"]
    for entry in students.values():
        entry["score"] = round(entry["passed"] / entry["total"], 4) if entry["total"] else None
    return [students[name] for name in sorted(students)]


def build(results: list[dict], settings: dict) -> dict:
    """Assemble the report document from per-submission results."""
    results = sorted(results, key=sort_key)
    verdicts = Counter(e["verdict"] for r in results for e in r["exercises"])
    modes = Counter((r.get("isolation") or {}).get("mode") for r in results if r.get("isolation"))
    isolation = None
    for r in results:
        if r.get("isolation"):
            isolation = r["isolation"]
            break
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "settings": settings,
        "isolation": isolation,
        "isolation_modes": sorted(m for m in modes if m),
        "summary": {
            "submissions": len(results),
            "students": len({r["student"] for r in results}),
            "exercises": sum(verdicts.values()),
            "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
        },
        "students": student_totals(results),
        "submissions": results,
    }


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


CSV_COLUMNS = [
    "student", "path", "notebook", "status", "notebook_passed", "notebook_total",
    "exercise", "function", "verdict", "message", "hint",
]


def to_csv(report: dict) -> str:
    """One row per exercise (one row for a submission without exercises)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in report["submissions"]:
        base = {
            "student": result["student"],
            "path": result["path"],
            "notebook": result.get("notebook") or "",
            "status": result["status"],
            "notebook_passed": result["passed"],
            "notebook_total": result["total"],
        }
        if not result["exercises"]:
            writer.writerow({**base, "message": result.get("message", "")})
        for exercise in result["exercises"]:
            writer.writerow(
                {
                    **base,
                    "exercise": exercise["id"],
                    "function": exercise["function"],
                    "verdict": exercise["verdict"],
                    "message": exercise["message"],
                    "hint": exercise["hint"],
                }
            )
    return buffer.getvalue()


def _colour(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def use_colour(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


def _score(passed: int, total: int) -> str:
    if not total:
        return "   —"
    return f"{passed}/{total} {100 * passed / total:3.0f}%"


def to_table(report: dict, colour: bool = False) -> str:
    """A report for people: one line per notebook, details for what did not pass."""
    lines = []
    results = report["submissions"]
    summary = report["summary"]
    lines.append(
        f"Graded {summary['submissions']} submission(s) from {summary['students']} student(s): "
        + ", ".join(f"{count} {verdict}" for verdict, count in summary["verdicts"].items() if count)
    )
    lines.append("")
    width_student = max([7, *(len(r["student"]) for r in results)])
    width_notebook = max([8, *(len(r.get("notebook") or r["path"]) for r in results)])
    lines.append(f"{'student':<{width_student}}  {'notebook':<{width_notebook}}  score")
    for result in results:
        name = result.get("notebook") or result["path"]
        score = _score(result["passed"], result["total"])
        head = f"{result['student']:<{width_student}}  {name:<{width_notebook}}  {score}"
        if result["status"] != "graded":
            head += f"  [{result['status']}]"
        lines.append(head)
        indent = " " * 4
        if result["status"] != "graded":
            lines.append(f"{indent}{result['path']}: {result['message']}")
        for exercise in result["exercises"]:
            verdict = exercise["verdict"]
            if verdict == "passed" and not exercise["warnings"]:
                continue
            tag = _colour(f"{SYMBOLS.get(verdict, '?')} {verdict:<13}", COLOURS.get(verdict, "0"), colour)
            message = f": {exercise['message']}" if exercise["message"] else ""
            lines.append(f"{indent}{tag} {exercise['id']}{message}")
            if exercise["hint"]:
                lines.append(f"{indent}{' ' * 16}hint: {exercise['hint']}")
            for warning in exercise["warnings"]:
                lines.append(f"{indent}{' ' * 16}note: {warning}")
    students = report["students"]
    if any(s["notebooks"] > 1 for s in students):
        lines.append("")
        lines.append(f"{'student':<{width_student}}  notebooks  score")
        for entry in students:
            lines.append(f"{entry['student']:<{width_student}}  {entry['notebooks']:>9}  {_score(entry['passed'], entry['total'])}")
    isolation = report.get("isolation")
    if isolation:
        lines.append("")
        lines.append(f"Isolation: {describe_isolation(isolation)}")
    return "\n".join(lines) + "\n"


def describe_isolation(isolation: dict) -> str:
    mode = isolation.get("mode")
    if mode in (None, "none"):
        text = "resource limits only (time, CPU, memory, file size); file system and network NOT isolated"
    else:
        text = (
            f"{mode} namespaces; network {isolation.get('network')}; file system "
            f"{isolation.get('filesystem')}; user {isolation.get('user')}"
        )
    notes = isolation.get("notes") or []
    if notes:
        text += " (" + "; ".join(notes) + ")"
    return text
