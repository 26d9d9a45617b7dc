"""Fit and predict times of curriculum.linear_model against scikit-learn, side by side.

Usage: python benchmarks/bench_linear.py [--quick]

Each row times our estimator and its scikit-learn counterpart on the same data
in one process, alternating which goes first at every repeat, and reports the
median of the repeats and the ratio ``sklearn_time / our_time`` (above 1: we
are faster). It also records how far apart the two fitted models are, so that a
fast but wrong fit cannot hide. Writes results/linear.json and results/linear.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from _machine import describe_blas, machine_info

RESULTS = Path(__file__).resolve().parent / "results"
PREDICT_REPEATS = 5  # predictions timed per fit


def standardise(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def datasets(quick: bool):
    """(name, X, y, kind) with kind in {"regression", "classification"}."""
    from curriculum.datasets import load_breast_cancer, load_diabetes

    rng = np.random.default_rng(0)
    m, n = (20_000 if quick else 100_000), 50
    X_reg, y_reg = load_diabetes(return_X_y=True)
    yield "diabetes", X_reg, y_reg, "regression"
    X_big = rng.normal(size=(m, n)) * rng.uniform(0.5, 5.0, n) + rng.normal(scale=3.0, size=n)
    y_big = X_big @ rng.normal(size=n) + rng.normal(scale=5.0, size=m)
    yield f"generated {m} x {n}", X_big, y_big, "regression"
    X_clf, y_clf = load_breast_cancer(return_X_y=True)
    yield "breast_cancer (standardised)", standardise(X_clf), y_clf, "classification"
    X_big = rng.normal(size=(m, n))
    y_big = (X_big @ rng.normal(scale=0.3, size=n) + rng.logistic(size=m) > 0).astype(int)
    yield f"generated {m} x {n}", X_big, y_big, "classification"


def cases(kind):
    """(label, make_ours, make_theirs, sklearn_label, needs_standardised_X)."""
    from sklearn import linear_model as sk

    from curriculum.linear_model import LinearRegression, LogisticRegression, Ridge

    if kind == "regression":
        return [
            ("LinearRegression(solver='normal')", LinearRegression, sk.LinearRegression,
             "LinearRegression()", False),
            ("Ridge(1.0, solver='normal')", lambda: Ridge(1.0), lambda: sk.Ridge(1.0),
             "Ridge(1.0)", False),
            ("LinearRegression(solver='gd', learning_rate=0.1)",
             lambda: LinearRegression(solver="gd", learning_rate=0.1), sk.LinearRegression,
             "LinearRegression()", True),
        ]
    return [
        ("LogisticRegression(1.0, solver='newton')",
         lambda: LogisticRegression(1.0, solver="newton"),
         lambda: sk.LogisticRegression(C=1.0, max_iter=1000), "LogisticRegression(C=1.0)", False),
        ("LogisticRegression(1.0, solver='gd')", lambda: LogisticRegression(1.0, solver="gd"),
         lambda: sk.LogisticRegression(C=1.0, max_iter=1000), "LogisticRegression(C=1.0)", False),
    ]


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def measure(make_ours, make_theirs, X, y, repeats):
    """Median fit and predict times of both, interleaved; and the fitted models."""
    times = {"ours_fit": [], "theirs_fit": [], "ours_predict": [], "theirs_predict": []}
    models = {}
    with warnings.catch_warnings():  # warm-up, untimed: lazy imports, caches, page faults
        warnings.simplefilter("ignore")
        for make in (make_ours, make_theirs):
            make().fit(X[:2000], y[:2000]).predict(X[:10])
    for r in range(repeats):
        order = [("ours", make_ours), ("theirs", make_theirs)]
        if r % 2:
            order.reverse()
        for who, make in order:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # gd may stop at max_iter by design
                fit_time, model = timed(lambda make=make: make().fit(X, y))
            times[f"{who}_fit"].append(fit_time)
            for _ in range(PREDICT_REPEATS):  # cheap, so more samples against noise
                predict_time, _ = timed(lambda model=model: model.predict(X))
                times[f"{who}_predict"].append(predict_time)
            models[who] = model
    return {k: statistics.median(v) for k, v in times.items()}, models


def run(quick: bool) -> dict:
    rows = []
    for name, X, y, kind in datasets(quick):
        for label, make_ours, make_theirs, their_label, needs_scaling in cases(kind):
            if quick:
                repeats = 3 if len(X) < 10_000 else 2
            else:  # gradient descent on 100 000 rows takes seconds per fit
                repeats = 9 if len(X) < 10_000 else (3 if "gd" in label else 7)
            X_used = standardise(X) if needs_scaling else X
            t, models = measure(make_ours, make_theirs, X_used, y, repeats)
            ours, theirs = models["ours"], models["theirs"]
            coef_gap = np.max(np.abs(ours.coef_ - theirs.coef_)) / np.max(np.abs(theirs.coef_))
            rows.append(
                {
                    "estimator": label,
                    "sklearn": their_label,
                    "dataset": name + (" (standardised)" if needs_scaling else ""),
                    "shape": list(X.shape),
                    "repeats": repeats,
                    "our_fit_s": t["ours_fit"],
                    "sklearn_fit_s": t["theirs_fit"],
                    "fit_ratio": t["theirs_fit"] / t["ours_fit"],
                    "our_predict_s": t["ours_predict"],
                    "sklearn_predict_s": t["theirs_predict"],
                    "predict_ratio": t["theirs_predict"] / t["ours_predict"],
                    "max_coef_rel_diff": float(coef_gap),
                    "our_n_iter": getattr(ours, "n_iter_", None),
                }
            )
            print(
                f"{label:<50} {rows[-1]['dataset']:<36} fit x{rows[-1]['fit_ratio']:.2f} "
                f"predict x{rows[-1]['predict_ratio']:.2f} coef gap {coef_gap:.1e}",
                flush=True,
            )
    return {"benchmark": "linear", "quick": quick, "machine": _machine_info(), "rows": rows}


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def span_rows(rows, key):
    values = [r[key] for r in rows]
    return f"{min(values):.2f}x to {max(values):.2f}x"


def reading(rows) -> str:
    def span(word, key="fit_ratio"):
        return span_rows([r for r in rows if word in r["estimator"]], key)

    small = [r for r in rows if r["shape"][0] < 10_000]
    big = [r for r in rows if r["shape"][0] >= 10_000]

    return (
        f"Ratios above 1 mean we are faster. The closed-form solvers (`normal`) fit at "
        f"{span('normal')} scikit-learn's speed. On the small bundled data both libraries "
        f"spend most of the time in Python-level checks, and ours are lighter. On tall "
        f"data, scikit-learn's `LinearRegression` runs an SVD-based `lstsq` on the whole "
        f"m x n matrix, while we form the centred n x n Gram matrix in one cache-sized "
        f"pass and `solve` it after scaling its columns to unit diagonal; we fall back to "
        f"`lstsq` when that system's condition number exceeds 1e7, because forming "
        f"X^T X squares the condition number of X (the price of the speed is that check). "
        f"scikit-learn's `Ridge` also solves the Gram system (Cholesky), so there the gap "
        f"is smaller and comes from its extra copies and checks. Newton's method fits at "
        f"{span('newton')}: it needs few iterations and little overhead on the bundled "
        f"data, but each iteration builds and solves the full (n+1) x (n+1) Hessian, "
        f"O(m n^2) work against O(m n) for an L-BFGS step, so on a tall, well-conditioned "
        f"problem that L-BFGS finishes in a handful of steps it is slower. Gradient "
        f"descent ({span('gd')}) is the teaching solver: a fixed step size and up to "
        f"`max_iter=1000` first-order steps against an exact or quasi-Newton solver, so "
        f"it is slower by design, and its coefficient gap shows it often stops before "
        f"the optimum (ill-conditioned diabetes features). For the logistic Newton rows "
        f"the gap is scikit-learn's: its default `tol=1e-4` stops L-BFGS early, while "
        f"Newton converges to about 1e-10 (the tests compare both at tight tolerance). "
        f"Prediction is one matrix-vector product in both libraries: on the bundled "
        f"data ({span_rows(small, 'predict_ratio')}) we win by skipping validation "
        f"overhead; on the generated data ({span_rows(big, 'predict_ratio')}) the "
        f"product dominates and the differences are mostly timing noise on a shared "
        f"machine."
    )


def write_markdown(result: dict, path: Path) -> None:
    rows = result["rows"]
    m = result["machine"]
    blas = describe_blas(m["blas"])
    lines = [
        "# Linear models: curriculum vs scikit-learn",
        "",
        f"Machine: {m['cpu_count']} CPUs, Python {m['python']}, NumPy {m['numpy']}, "
        f"scikit-learn {m['scikit-learn']}, BLAS: {blas}. Median of repeated fits, "
        f"interleaved{' (quick run)' if result['quick'] else ''}. "
        f"Produced by `python benchmarks/bench_linear.py`.",
        "",
        "| estimator | data | ours fit | sklearn fit | fit ratio | ours predict | "
        "sklearn predict | predict ratio | coef gap |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| `{r['estimator']}` vs `{r['sklearn']}` | {r['dataset']} "
            f"| {fmt_time(r['our_fit_s'])} | {fmt_time(r['sklearn_fit_s'])} "
            f"| **{r['fit_ratio']:.2f}** | {fmt_time(r['our_predict_s'])} "
            f"| {fmt_time(r['sklearn_predict_s'])} | {r['predict_ratio']:.2f} "
            f"| {r['max_coef_rel_diff']:.1e} |"
        )
    lines += [
        "",
        "Ratio = scikit-learn time / our time (above 1: we are faster). Coef gap = largest "
        "coefficient difference relative to scikit-learn's largest coefficient.",
        "",
        reading(rows),
        "",
    ]
    path.write_text("\n".join(lines))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer repeats")
    args = parser.parse_args(argv)
    result = run(args.quick)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "linear.json").write_text(json.dumps(result, indent=2) + "\n")
    write_markdown(result, RESULTS / "linear.md")
    print(f"wrote {RESULTS / 'linear.json'} and {RESULTS / 'linear.md'}")
    return 0


def _machine_info() -> dict:
    import sklearn

    return machine_info(**{"scikit-learn": sklearn.__version__})


if __name__ == "__main__":
    sys.exit(main())

