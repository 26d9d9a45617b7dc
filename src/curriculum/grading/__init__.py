"""The sandboxed grader: score a cohort's notebooks against the exercise registry.

>>> from curriculum.grading import grade_paths, Settings
>>> report = grade_paths(["submissions/"], Settings(timeout=10))   # doctest: +SKIP

Each submission runs in its own child process (see :mod:`.sandbox`); expected
values are computed here, never there (see :mod:`.engine`); the report is plain
data rendered by :mod:`.report`. The command line is ``curriculum grade``.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from .engine import VERDICTS, Expectations, GraderFault, Settings, grade_submission
from .journal import Journal, result_key
from .report import build
from .sandbox import SandboxPolicy, default_policy
from .submissions import UsageError, collect

__all__ = [
    "VERDICTS",
    "GraderFault",
    "SandboxPolicy",
    "Settings",
    "UsageError",
    "default_policy",
    "grade_paths",
]


def grade_paths(
    paths,
    settings: Settings | None = None,
    *,
    jobs: int = 1,
    journal: Journal | None = None,
    progress: bool = False,
    faults: list | None = None,
    hide=(),
) -> dict:
    """Grade every submission under ``paths`` and return the report document.

    Parameters
    ----------
    paths : list of path-like
        Notebooks, or folders of them.
    settings : Settings
        Time and memory limits, the hidden-case seed and the sandbox policy.
    jobs : int
        Submissions graded at the same time (each in its own child process).
    journal : Journal, optional
        Finished results are read from and written to it (resume).
    progress : bool
        Show a progress bar on stderr.
    hide : list of path-like
        More files or folders to hide from the children (the report's folder).
    faults : list, optional
        Receives ``(path, message)`` for each submission the grader itself
        failed on (the caller's exit code 1); such a submission is left out of
        the journal so that a rerun tries it again.

    Raises
    ------
    UsageError
        A PATH does not exist or is not a notebook.
    """
    settings = settings or Settings()
    journal = journal or Journal(None)
    submissions = collect([Path(p) for p in paths])
    expectations = Expectations(settings.seed)
    fingerprint = settings.fingerprint()
    results: list[dict] = []
    todo = []
    for submission in submissions:
        key = result_key(submission.path, submission.digest(), fingerprint)
        stored = journal.get(key)
        if stored is not None:
            stored = dict(stored, path=submission.display, student=submission.student)
            results.append(stored)
        else:
            todo.append((submission, key))
    bar = None
    if progress and todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="grading", unit="notebook", disable=None)
    policy = settings.policy or default_policy([Path(p) for p in paths] + list(hide), mode=settings.isolation)
    with tempfile.TemporaryDirectory(prefix="curriculum-grade-", dir=settings.scratch_base) as base:
        run_settings = replace(settings, scratch_base=Path(base), policy=policy)

        def work(submission):
            return grade_submission(submission, run_settings, expectations)

        pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        futures = {pool.submit(work, s): (s, k) for s, k in todo}
        try:
            for future in as_completed(futures):
                submission, key = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # the grader's own failure: reported, the run goes on
                    message = str(exc) if isinstance(exc, GraderFault) else f"{type(exc).__name__}: {exc}"
                    if faults is not None:
                        faults.append((submission.display, message))
                    result = _fault_result(submission, message)
                else:
                    journal.add(key, result)
                results.append(result)
                if bar is not None:
                    bar.set_postfix_str(submission.student, refresh=False)
                    bar.update()
        except BaseException:
            # Interrupted: start nothing new; what is finished is already in the journal.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    if bar is not None:
        bar.close()
    return build(results, settings_summary(settings))


def _fault_result(submission, message: str) -> dict:
    return {
        "path": submission.display,
        "student": submission.student,
        "sha256": None,
        "notebook": None,
        "status": "grader error",
        "message": message,
        "exercises": [],
        "passed": 0,
        "total": 0,
        "score": None,
        "notes": [],
        "output": "",
        "isolation": None,
    }


def settings_summary(settings: Settings) -> dict:
    from .engine import DEFAULT_SEED

    return {
        "timeout_seconds": settings.timeout,
        "memory_mb": settings.memory_mb,
        "hidden_cases": "default seed" if settings.seed == DEFAULT_SEED else "custom seed",
    }
