"""What the benchmark scripts record about the machine, and how they print it."""

from __future__ import annotations

import os
import platform

import numpy as np

BLAS_KEYS = ("internal_api", "version", "num_threads", "architecture", "prefix")


def machine_info(**extra) -> dict:
    """CPU count, Python and NumPy versions, the BLAS in use (via threadpoolctl), and ``extra``."""
    info = {
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }
    info.update(extra)
    try:
        from threadpoolctl import threadpool_info

        info["blas"] = [
            {k: lib.get(k) for k in BLAS_KEYS}
            for lib in threadpool_info()
            if lib.get("user_api") == "blas"
        ]
    except ImportError:
        info["blas"] = "unknown (threadpoolctl not installed)"
    return info


def describe_blas(blas) -> str:
    """One line for the results page: ``openblas 0.3.30 (2 threads, SkylakeX)``."""
    if isinstance(blas, str):
        return blas
    parts = []
    for lib in blas:
        detail = f"{lib['num_threads']} threads"
        if lib.get("architecture"):
            detail += f", {lib['architecture']}"
        parts.append(f"{lib['internal_api']} {lib['version']} ({detail})")
    return ", ".join(parts)
