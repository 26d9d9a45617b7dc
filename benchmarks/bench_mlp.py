"""Training time of curriculum's MLPClassifier against scikit-learn's (and PyTorch's), side by side.

Usage: python benchmarks/bench_mlp.py [--quick] [--repeats N]

Identical settings everywhere: hidden layers (64, 64), ReLU, Adam, learning rate
1e-3, batches of 32, 100 epochs, no early stopping, no penalty, on standardised
digits and breast-cancer data (75 % training, 25 % test, stratified, seed 0).
scikit-learn gets ``n_iter_no_change=100`` so that it also runs all 100 epochs
(otherwise it may stop when the training loss plateaus); PyTorch runs only if
``import torch`` works, as a plain training loop on the CPU.

Every repeat fits each contender once, in a rotated order, and records wall
time, CPU time and test accuracy; the table reports medians and the ratio
``sklearn_time / our_time`` (above 1: we are faster). It also measures the
GFLOP/s of training against the GFLOP/s of the same sequence of plain NumPy
matrix products (the limit for a NumPy implementation) and profiles one fit.
Writes results/mlp.json and results/mlp.md.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from _machine import describe_blas, machine_info

RESULTS = Path(__file__).resolve().parent / "results"
HIDDEN = (64, 64)
BATCH = 32
EPOCHS = 100
LEARNING_RATE = 1e-3


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _torch_version():
    try:
        import torch
    except ImportError:
        return None
    return torch.__version__


# --- data ------------------------------------------------------------------------------


def datasets():
    """(name, X_train, X_test, y_train, y_test), standardised with the training statistics."""
    from curriculum.datasets import load_breast_cancer, load_digits
    from curriculum.model_selection import train_test_split

    for name, loader in (("digits", load_digits), ("breast_cancer", load_breast_cancer)):
        X, y = loader(return_X_y=True)
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=0.25, random_state=0, stratify=y
        )
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        std[std == 0] = 1.0
        yield name, (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


# --- the contenders --------------------------------------------------------------------------


def fit_ours(dtype):
    from curriculum.neural_network import MLPClassifier

    def fit(X, y, seed, epochs=EPOCHS):
        return MLPClassifier(
            HIDDEN, activation="relu", solver="adam", alpha=0.0, batch_size=BATCH,
            learning_rate=LEARNING_RATE, max_epochs=epochs, dtype=dtype, random_state=seed,
        ).fit(X, y)

    return fit


def fit_sklearn(X, y, seed, epochs=EPOCHS):
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        HIDDEN, activation="relu", solver="adam", alpha=0.0, batch_size=BATCH,
        learning_rate_init=LEARNING_RATE, max_iter=epochs, n_iter_no_change=epochs,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "maximum iterations reached": expected
        model.fit(X, y)
    assert model.n_iter_ == epochs, model.n_iter_
    return model


class _TorchModel:
    """A fitted PyTorch network with ``score``, trained by a plain mini-batch loop."""

    def __init__(self, dtype):
        self.dtype = dtype

    def fit(self, X, y, seed, epochs):
        import torch
        from torch import nn

        torch.manual_seed(seed)
        tdtype = torch.float64 if self.dtype == "float64" else torch.float32
        self.classes = np.unique(y)
        n_classes = len(self.classes)
        sizes = (X.shape[1], *HIDDEN, n_classes)
        layers = []
        for i, (n, k) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
            layers.append(nn.Linear(n, k))
            if i < len(sizes) - 2:
                layers.append(nn.ReLU())
        self.net = nn.Sequential(*layers).to(tdtype)
        optimizer = torch.optim.Adam(self.net.parameters(), lr=LEARNING_RATE)
        loss_fn = nn.CrossEntropyLoss()
        Xt = torch.from_numpy(np.ascontiguousarray(X)).to(tdtype)
        yt = torch.from_numpy(np.searchsorted(self.classes, y).astype(np.int64))
        m = len(yt)
        for _ in range(epochs):
            order = torch.randperm(m)
            for start in range(0, m, BATCH):
                rows = order[start:start + BATCH]
                optimizer.zero_grad()
                loss = loss_fn(self.net(Xt[rows]), yt[rows])
                loss.backward()
                optimizer.step()
        return self

    def score(self, X, y):
        import torch

        with torch.no_grad():
            tdtype = next(self.net.parameters()).dtype
            scores = self.net(torch.from_numpy(np.ascontiguousarray(X)).to(tdtype)).numpy()
        return float(np.mean(self.classes[scores.argmax(axis=1)] == y))


def fit_torch(dtype):
    def fit(X, y, seed, epochs=EPOCHS):
        return _TorchModel(dtype).fit(X, y, seed, epochs)

    return fit


def contenders() -> list[tuple[str, object]]:
    found = [
        ("curriculum float64", fit_ours("float64")),
        ("curriculum float32", fit_ours("float32")),
        ("scikit-learn", fit_sklearn),
    ]
    if _torch_version() is not None:
        found += [("PyTorch float64", fit_torch("float64")), ("PyTorch float32", fit_torch("float32"))]
    return found


def measure(X_train, X_test, y_train, y_test, repeats: int) -> dict:
    """Wall time, CPU time and test accuracy of each contender, ``repeats`` times, interleaved."""
    runners = contenders()
    for _, fit in runners:  # warm-up, untimed: imports, caches, page faults
        fit(X_train, y_train, 0, epochs=2)
    runs = {name: {"wall_s": [], "cpu_s": [], "accuracy": []} for name, _ in runners}
    for r in range(repeats):
        order = runners[r % len(runners):] + runners[: r % len(runners)]
        for name, fit in order:
            wall, cpu = time.perf_counter(), time.process_time()
            model = fit(X_train, y_train, r)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            runs[name]["wall_s"].append(wall)
            runs[name]["cpu_s"].append(cpu)
            runs[name]["accuracy"].append(float(model.score(X_test, y_test)))
    return runs


# --- GFLOP/s -----------------------------------------------------------------------------------


def layer_sizes(n_features: int, n_classes: int) -> tuple[int, ...]:
    n_out = 1 if n_classes == 2 else n_classes  # one sigmoid unit for two classes
    return (n_features, *HIDDEN, n_out)


def batch_sizes(m: int) -> list[int]:
    return [min(BATCH, m - start) for start in range(0, m, BATCH)]


def training_flops(sizes, m: int, epochs: int = EPOCHS) -> float:
    """Floating-point operations of the matrix products of training (2 n k per sample and product).

    Per batch of b samples and layer n -> k: the forward product, the weight
    gradient, and the input gradient (except for the first layer): 2 b n k each.
    """
    per_sample = 0
    for index, (n, k) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        per_sample += 2 * n * k * (3 if index > 0 else 2)
    return float(per_sample * m * epochs)


def matmul_limit(sizes, m: int, dtype, epochs: int = EPOCHS, repeats: int = 3) -> float:
    """Seconds for the same sequence of plain NumPy matrix products as training (best of repeats).

    Preallocated arrays and ``out=``: the time a NumPy implementation cannot go below.
    """
    rng = np.random.default_rng(0)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    W = [rng.normal(size=(n, k)).astype(dtype) for n, k in pairs]
    plans = []
    for b in sorted(set(batch_sizes(m))):
        A = [rng.normal(size=(b, n)).astype(dtype) for n, _ in pairs]
        Z = [np.empty((b, k), dtype=dtype) for _, k in pairs]
        D = [rng.normal(size=(b, k)).astype(dtype) for _, k in pairs]
        dX = [np.empty((b, n), dtype=dtype) for n, _ in pairs]
        dW = [np.empty((n, k), dtype=dtype) for n, k in pairs]
        plans.append((b, A, Z, D, dX, dW))
    by_size = {plan[0]: plan for plan in plans}
    sequence = [by_size[b] for b in batch_sizes(m)]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(epochs):
            for _, A, Z, D, dX, dW in sequence:
                for layer in range(len(W)):
                    np.dot(A[layer], W[layer], out=Z[layer])
                for layer in reversed(range(len(W))):
                    np.dot(A[layer].T, D[layer], out=dW[layer])
                    if layer:
                        np.dot(D[layer], W[layer].T, out=dX[layer])
        best = min(best, time.perf_counter() - start)
    return best


def square_matmul_gflops(dtype, n: int = 1024) -> float:
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(n, n)).astype(dtype), rng.normal(size=(n, n)).astype(dtype)
    out = np.empty((n, n), dtype=dtype)
    np.dot(A, B, out=out)
    best = min(_timed(lambda: np.dot(A, B, out=out)) for _ in range(5))
    return 2 * n**3 / best / 1e9


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def adam_time(n_params: int, steps: int, dtype, repeats: int = 5) -> float:
    """Seconds for ``steps`` Adam updates of a flat vector of ``n_params`` (best of repeats)."""
    from curriculum.neural_network import Adam

    theta = np.zeros(n_params, dtype=dtype)
    grad = np.random.default_rng(0).normal(size=n_params).astype(dtype)
    best = float("inf")
    for _ in range(repeats):
        optimizer = Adam(LEARNING_RATE)
        start = time.perf_counter()
        for _ in range(steps):
            optimizer.step([theta], [grad])
        best = min(best, time.perf_counter() - start)
    return best


def time_breakdown(X, y, sizes, rounds: int) -> dict:
    """Split a float64 fit into matrix products, Adam updates and the rest.

    Each round times one fit, then the same sequence of matrix products and the
    same number of Adam updates on their own, back to back (so that the three
    see the same load); the round with the fastest fit is kept.
    """
    steps = len(batch_sizes(len(y))) * EPOCHS
    n_params = sum((n + 1) * k for n, k in zip(sizes[:-1], sizes[1:], strict=True))
    fit = fit_ours("float64")
    best = None
    for _ in range(rounds):
        total = _timed(lambda: fit(X, y, 0))
        matmul = matmul_limit(sizes, len(y), np.float64, repeats=1)
        adam = adam_time(n_params, steps, np.float64, repeats=1)
        if best is None or total < best["total_s"]:
            best = {
                "total_s": total,
                "steps": steps,
                "matrix_products_s": matmul,
                "adam_s": adam,
                "rest_s": max(total - matmul - adam, 0.0),
                "per_step_us": total / steps * 1e6,
            }
    return best


# --- profile ------------------------------------------------------------------------------------


def profile_fit(X, y, epochs: int) -> list[dict]:
    """cProfile of one float64 fit: the functions with the most time of their own."""
    fit = fit_ours("float64")
    profiler = cProfile.Profile()
    profiler.enable()
    fit(X, y, 0, epochs=epochs)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(entry[2] for entry in stats.stats.values())  # sum of own times
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}({function})" if line else function,
                "calls": calls,
                "own_s": own,
                "cumulative_s": cumulative,
                "share": own / total,
            }
        )
    rows.sort(key=lambda r: r["own_s"], reverse=True)
    return rows[:8]


# --- run ---------------------------------------------------------------------------------------


def run(quick: bool, repeats: int | None) -> dict:
    repeats = repeats or (2 if quick else 9)
    rows, flops_rows = [], []
    profile, breakdown = None, None
    for name, X_train, X_test, y_train, y_test in datasets():
        runs = measure(X_train, X_test, y_train, y_test, repeats)
        sklearn_wall = statistics.median(runs["scikit-learn"]["wall_s"])
        sklearn_cpu = statistics.median(runs["scikit-learn"]["cpu_s"])
        sizes = layer_sizes(X_train.shape[1], len(np.unique(y_train)))
        flops = training_flops(sizes, len(y_train))
        for contender, r in runs.items():
            wall, cpu = statistics.median(r["wall_s"]), statistics.median(r["cpu_s"])
            # Each repeat ran every contender within seconds: the ratio within a repeat
            # shares that moment's load, so its median is steadier than a ratio of medians.
            paired = statistics.median(
                s / o for s, o in zip(runs["scikit-learn"]["wall_s"], r["wall_s"], strict=True)
            )
            rows.append(
                {
                    "dataset": name,
                    "train_shape": list(X_train.shape),
                    "contender": contender,
                    "repeats": repeats,
                    "median_wall_s": wall,
                    "min_wall_s": min(r["wall_s"]),
                    "median_cpu_s": cpu,
                    "ratio_wall": sklearn_wall / wall,
                    "ratio_cpu": sklearn_cpu / cpu,
                    "ratio_paired": paired,
                    "accuracy_mean": statistics.fmean(r["accuracy"]),
                    "accuracy_min": min(r["accuracy"]),
                    "accuracy_max": max(r["accuracy"]),
                    "gflops": flops / wall / 1e9,
                    "runs": r,
                }
            )
            print(
                f"{name:<14} {contender:<20} {wall:7.3f} s  x{sklearn_wall / wall:5.2f} "
                f"(cpu x{sklearn_cpu / cpu:5.2f})  accuracy {statistics.fmean(r['accuracy']):.4f}",
                flush=True,
            )
        for dtype in ("float64", "float32"):
            limit = matmul_limit(sizes, len(y_train), dtype, repeats=2 if quick else 5)
            ours = statistics.median(runs[f"curriculum {dtype}"]["wall_s"])
            flops_rows.append(
                {
                    "dataset": name,
                    "dtype": dtype,
                    "layer_sizes": list(sizes),
                    "training_gflop": flops / 1e9,
                    "training_s": ours,
                    "training_gflops": flops / ours / 1e9,
                    "matmul_only_s": limit,
                    "matmul_only_gflops": flops / limit / 1e9,
                    "share_of_limit": limit / ours,
                    "square_1024_gflops": square_matmul_gflops(dtype),
                }
            )
        if name == "digits":
            profile = profile_fit(X_train, y_train, EPOCHS if not quick else 20)
            breakdown = time_breakdown(X_train, y_train, sizes, rounds=2 if quick else 3)
    return {
        "benchmark": "mlp",
        "quick": quick,
        "settings": {"hidden_layer_sizes": list(HIDDEN), "activation": "relu", "solver": "adam",
                     "learning_rate": LEARNING_RATE, "batch_size": BATCH, "epochs": EPOCHS,
                     "alpha": 0.0, "early_stopping": False},
        "machine": _machine_info(),
        "rows": rows,
        "gflops": flops_rows,
        "time_breakdown_digits_float64": breakdown,
        "profile_digits_float64": profile,
    }


# --- report -------------------------------------------------------------------------------------


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1e3:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _row(result, dataset, contender):
    return next(r for r in result["rows"] if r["dataset"] == dataset and r["contender"] == contender)


def reading(result) -> str:
    d64 = _row(result, "digits", "curriculum float64")
    d32 = _row(result, "digits", "curriculum float32")
    dsk = _row(result, "digits", "scikit-learn")
    b64 = _row(result, "breast_cancer", "curriculum float64")
    g64 = next(g for g in result["gflops"] if g["dataset"] == "digits" and g["dtype"] == "float64")
    g32 = next(g for g in result["gflops"] if g["dataset"] == "digits" and g["dtype"] == "float32")
    br = result["time_breakdown_digits_float64"]
    torch_note = (
        "PyTorch rows are included because `import torch` worked."
        if result["machine"]["torch"]
        else "PyTorch is not installed here, so it has no row (it is an optional peer)."
    )
    small = ""
    if g64["matmul_only_gflops"] < 0.8 * g64["square_1024_gflops"]:
        small = (
            f"; products this small reach only a fraction of the "
            f"{g64['square_1024_gflops']:.0f} GFLOP/s of a 1024 x 1024 product (which also "
            f"uses every BLAS thread): the per-call cost of NumPy and BLAS, not arithmetic, "
            f"sets the pace"
        )
    if br["matrix_products_s"] + br["adam_s"] < 0.98 * br["total_s"]:
        parts = (
            f"the matrix products alone take {br['matrix_products_s'] / br['total_s']:.0%} of "
            f"that time, the Adam update of the flat parameter vector (ten in-place vector "
            f"operations) {br['adam_s'] / br['total_s']:.0%}, and the remaining "
            f"{br['rest_s'] / br['total_s']:.0%} is the elementwise work (ReLU and its "
            f"derivative, softmax, the loss) and the Python loop"
        )
    else:  # the parts were timed at a quieter moment than the whole: no honest split
        parts = (
            f"the matrix products alone took {fmt_time(br['matrix_products_s'])} and the "
            f"Adam updates {fmt_time(br['adam_s'])}, but other processes disturbed this run "
            f"too much to split the time reliably"
        )
    return (
        f"On digits, our float64 training runs {d64['ratio_wall']:.2f}x as fast as "
        f"scikit-learn's `MLPClassifier` (median wall time; {d64['ratio_paired']:.2f}x as the "
        f"median of paired runs, {d64['ratio_cpu']:.2f}x in CPU time), and float32 "
        f"{d32['ratio_wall']:.2f}x, at a mean test accuracy of {d64['accuracy_mean']:.4f} "
        f"(float64) and {d32['accuracy_mean']:.4f} (float32) against "
        f"{dsk['accuracy_mean']:.4f}. On the smaller breast-cancer data the float64 ratio is "
        f"{b64['ratio_wall']:.2f}x. Both libraries do the same arithmetic in the same BLAS; "
        f"the difference is overhead. In a float64 fit timed back to back with its parts, a "
        f"step on 32 samples took "
        f"{br['per_step_us']:.0f} us: {parts}. Training reaches "
        f"{g64['training_gflops']:.1f} GFLOP/s in float64 against "
        f"{g64['matmul_only_gflops']:.1f} GFLOP/s for the same matrix products with nothing "
        f"else ({g32['training_gflops']:.1f} against {g32['matmul_only_gflops']:.1f} in "
        f"float32){small}. {torch_note} Timings on "
        f"a shared machine vary from run to run (other processes slow both libraries, not "
        f"always equally): compare the ratios of interleaved runs, not single times."
    )


def write_markdown(result: dict, path: Path) -> None:
    m = result["machine"]
    blas = describe_blas(m["blas"])
    s = result["settings"]
    lines = [
        "# Multilayer perceptron: curriculum vs scikit-learn",
        "",
        f"Settings: hidden layers {tuple(s['hidden_layer_sizes'])}, ReLU, Adam, learning rate "
        f"{s['learning_rate']}, batch size {s['batch_size']}, {s['epochs']} epochs, no early "
        f"stopping, no penalty; standardised data, 75 % training / 25 % test.",
        f"Machine: {m['cpu_count']} CPUs ({m['processor']}), Python {m['python']}, NumPy "
        f"{m['numpy']}, scikit-learn {m['scikit-learn']}, BLAS: {blas}. Median of "
        f"{result['rows'][0]['repeats']} interleaved fits"
        f"{' (quick run)' if result['quick'] else ''}. Produced by "
        f"`python benchmarks/bench_mlp.py`.",
        "",
        "| data | contender | training time | ratio (wall) | paired ratio | ratio (CPU) | test accuracy | GFLOP/s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['dataset']} {tuple(r['train_shape'])} | {r['contender']} "
            f"| {fmt_time(r['median_wall_s'])} | **{r['ratio_wall']:.2f}** | {r['ratio_paired']:.2f} "
            f"| {r['ratio_cpu']:.2f} "
            f"| {r['accuracy_mean']:.4f} ({r['accuracy_min']:.4f}-{r['accuracy_max']:.4f}) "
            f"| {r['gflops']:.1f} |"
        )
    lines += [
        "",
        "Ratio = median scikit-learn time / median contender time (above 1: faster than "
        "scikit-learn); paired ratio = median over repeats of the ratio within a repeat; "
        "CPU = the same with process CPU time.",
        "",
        "| data | dtype | training GFLOP/s | same products alone | training / limit | 1024 x 1024 product |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for g in result["gflops"]:
        lines.append(
            f"| {g['dataset']} | {g['dtype']} | {g['training_gflops']:.1f} "
            f"| {g['matmul_only_gflops']:.1f} | {g['share_of_limit']:.0%} "
            f"| {g['square_1024_gflops']:.0f} |"
        )
    lines += [
        "",
        "GFLOP/s count the matrix products of training (forward, weight gradients, input "
        "gradients: 2 n k operations per sample each). \"Same products alone\" runs exactly "
        "those `np.dot` calls, preallocated, with nothing else: the limit for NumPy code.",
        "",
    ]
    if result["profile_digits_float64"]:
        lines += [
            "Profile of one float64 fit on digits (cProfile, own time per function; NumPy "
            "calls count in the function that makes them):",
            "",
            "| function | calls | own time | share |",
            "|---|---:|---:|---:|",
        ]
        for p in result["profile_digits_float64"]:
            lines.append(f"| `{p['function']}` | {p['calls']} | {fmt_time(p['own_s'])} | {p['share']:.0%} |")
        lines.append("")
    lines += [reading(result), ""]
    path.write_text("\n".join(lines))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--repeats", type=int, default=None, help="fits per contender and dataset")
    args = parser.parse_args(argv)
    result = run(args.quick, args.repeats)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "mlp.json").write_text(json.dumps(result, indent=2) + "\n")
    write_markdown(result, RESULTS / "mlp.md")
    print(f"wrote {RESULTS / 'mlp.json'} and {RESULTS / 'mlp.md'}")
    return 0


def _machine_info() -> dict:
    import sklearn

    return machine_info(
        processor=_cpu_name(),
        torch=_torch_version(),
        OPENBLAS_CORETYPE=os.environ.get("OPENBLAS_CORETYPE"),
        **{"scikit-learn": sklearn.__version__},
    )


if __name__ == "__main__":
    sys.exit(main())

