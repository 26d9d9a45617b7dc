"""``curriculum execute``: re-run notebooks in place, deterministically, in parallel."""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .._validation import require
from ._common import find_notebooks_dir

# Fixed settings so that two runs write the same outputs.
DETERMINISTIC_ENV = {
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "TQDM_DISABLE": "1",
    "OMP_NUM_THREADS": "1",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "execute",
        help="re-execute notebooks in place (deterministic, parallel)",
        description="Re-execute notebooks in place and store their outputs.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks or folders (default: notebooks/)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="parallel kernels")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.set_defaults(handler=run)


def collect(paths: list[Path]) -> list[Path]:
    """Expand folders into the notebooks they contain (checkpoints excluded)."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts)
        elif path.suffix == ".ipynb" and path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path} is not a notebook or a folder of notebooks")
    return found


def execute_one(path: str, timeout: int) -> tuple[str, float, str | None]:
    """Execute one notebook in place; return (path, seconds, error or None)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    os.environ.update(DETERMINISTIC_ENV)
    start = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(path).parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        return path, time.perf_counter() - start, str(exc).splitlines()[-1] if str(exc) else repr(exc)
    # Keep the committed files free of volatile metadata.
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return path, time.perf_counter() - start, None


def run(args: argparse.Namespace) -> int:
    require("nbclient")
    from tqdm.auto import tqdm

    paths = args.paths or [find_notebooks_dir() or Path("notebooks")]
    try:
        notebooks = collect(paths)
    except FileNotFoundError as exc:
        print(f"curriculum execute: {exc}")
        return 2
    if not notebooks:
        print("curriculum execute: no notebooks to execute")
        return 2
    failures = []
    timings = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(execute_one, str(p), args.timeout) for p in notebooks]
        with tqdm(total=len(futures), desc="executing", unit="notebook") as bar:
            for future in as_completed(futures):
                path, seconds, error = future.result()
                timings.append((path, seconds))
                bar.set_postfix_str(Path(path).name)
                bar.update()
                if error:
                    failures.append((path, error))
    for path, seconds in sorted(timings):
        print(f"{seconds:6.1f} s  {path}")
    for path, error in failures:
        print(f"FAILED {path}: {error}")
    return 1 if failures else 0
