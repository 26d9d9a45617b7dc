"""A JSON Lines journal of finished results, so that an interrupted run resumes.

Each line is ``{"key": ..., "result": ...}``, written and flushed to disk as
soon as a submission is graded. The key combines the submission's path, the
SHA-256 of its content and the grading settings, so a changed notebook or a
changed setting is graded again. A last line cut short by a crash is ignored.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path


def journal_path(output: Path) -> Path:
    """Where the journal of ``--output FILE`` lives: next to it."""
    output = Path(output)
    return output.with_name(output.name + ".journal.jsonl")


def result_key(path: Path, digest: str, fingerprint: str) -> str:
    return f"{Path(path).resolve()}|{digest}|{fingerprint}"


class Journal:
    """Append-only store of finished results."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self.done: dict[str, dict] = {}
        self._lock = threading.Lock()
        if self.path and self.path.exists():
            self._load()

    def _load(self) -> None:
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut short when the previous run was killed
                if isinstance(entry, dict) and "key" in entry and isinstance(entry.get("result"), dict):
                    self.done[entry["key"]] = entry["result"]

    def get(self, key: str) -> dict | None:
        return self.done.get(key)

    def add(self, key: str, result: dict) -> None:
        with self._lock:
            self.done[key] = result
            if self.path is None:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            line = json.dumps({"key": key, "result": result}, ensure_ascii=False) + "\n"
            with open(self.path, "a", encoding="utf-8") as handle:
                # A previous run killed mid-line leaves no newline: start a fresh line.
                if handle.tell() > 0 and not _ends_with_newline(self.path):
                    handle.write("\n")
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
