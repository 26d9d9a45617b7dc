"""Rebuild the bundled CSV files from their public sources (a one-off, offline script).

This module is not imported by the library. It documents, and can reproduce,
how every file in ``curriculum/datasets/data/`` was made:

* breast cancer, iris, digits, diabetes and wine come from the copies of the
  public UCI (and, for diabetes, Efron et al. 2004) data files that
  scikit-learn ships in ``sklearn/datasets/data/``. Those files have a
  non-standard first line (row count, column count, class names) and no
  feature names; this script rewrites each one as a plain CSV with a header row
  (the feature names) and a last column ``target``. Numbers are written in
  their shortest exact form (``101`` rather than ``1.010000000000000000e+02``);
  values are not changed. Diabetes keeps its raw, unscaled measurements.
* penguins is ``palmerpenguins/data/penguins.csv`` from the wheel of the
  ``palmerpenguins`` Python package, version 0.1.6, copied byte for byte
  (missing values stay ``NA``).

Finally it writes ``SHA256SUMS.txt``, the checksums the loaders and the tests
verify. The description files (``*.txt`` next to each CSV) are written by hand
and are not touched.

Usage (from the repository root, with scikit-learn installed)::

    pip download --no-deps palmerpenguins==0.1.6 -d /tmp/pp
    python src/curriculum/datasets/_build_data.py \\
        --sklearn-data "$(python -c 'import sklearn, os; print(os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data"))')" \\
        --penguins-wheel /tmp/pp/palmerpenguins-0.1.6-py3-none-any.whl

Running it again on the same sources reproduces the committed files exactly
(the test suite checks their checksums).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import zipfile
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

_NUCLEUS = [
    "radius",
    "texture",
    "perimeter",
    "area",
    "smoothness",
    "compactness",
    "concavity",
    "concave points",
    "symmetry",
    "fractal dimension",
]

# Feature names as scikit-learn spells them, so that code moves between the two libraries.
FEATURE_NAMES = {
    "breast_cancer": [f"mean {f}" for f in _NUCLEUS]
    + [f"{f} error" for f in _NUCLEUS]
    + [f"worst {f}" for f in _NUCLEUS],
    "iris": ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
    "digits": [f"pixel_{r}_{c}" for r in range(8) for c in range(8)],
    "diabetes": ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"],
    "wine": [
        "alcohol",
        "malic_acid",
        "ash",
        "alcalinity_of_ash",
        "magnesium",
        "total_phenols",
        "flavanoids",
        "nonflavanoid_phenols",
        "proanthocyanins",
        "color_intensity",
        "hue",
        "od280/od315_of_diluted_wines",
        "proline",
    ],
}

PENGUINS_MEMBER = "palmerpenguins/data/penguins.csv"


def format_number(token: str) -> str:
    """Shortest text that reads back as the same float; integers without ``.0``."""
    value = float(token)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _read_headed_csv(path: Path, n_features: int) -> list[list[str]]:
    """Read scikit-learn's layout: a first line ``m, n, class names...`` then rows."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        first = next(reader)
        m, n = int(first[0]), int(first[1])
        assert n == n_features, (path, n, n_features)
        rows = [[format_number(v) for v in row] for row in reader]
    assert len(rows) == m and all(len(r) == n + 1 for r in rows), path
    return rows


def build_classic(sklearn_data: Path) -> None:
    for name, source in [
        ("breast_cancer", "breast_cancer.csv"),
        ("iris", "iris.csv"),
        ("wine", "wine_data.csv"),
    ]:
        features = FEATURE_NAMES[name]
        rows = _read_headed_csv(sklearn_data / source, len(features))
        write_csv(DATA_DIR / f"{name}.csv", features + ["target"], rows)

    # digits: no first line, 64 pixel counts then the digit on each row.
    with gzip.open(sklearn_data / "digits.csv.gz", "rt", newline="") as f:
        rows = [[format_number(v) for v in row] for row in csv.reader(f)]
    assert len(rows) == 1797 and all(len(r) == 65 for r in rows)
    write_csv(DATA_DIR / "digits.csv", FEATURE_NAMES["digits"] + ["target"], rows)

    # diabetes: raw features (space separated) and the target in a second file.
    with gzip.open(sklearn_data / "diabetes_data_raw.csv.gz", "rt") as f:
        features = [line.split() for line in f if line.strip()]
    with gzip.open(sklearn_data / "diabetes_target.csv.gz", "rt") as f:
        target = [line.strip() for line in f if line.strip()]
    assert len(features) == len(target) == 442 and all(len(r) == 10 for r in features)
    rows = [[format_number(v) for v in r] + [format_number(t)] for r, t in zip(features, target, strict=True)]
    write_csv(DATA_DIR / "diabetes.csv", FEATURE_NAMES["diabetes"] + ["target"], rows)


def build_penguins(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        content = archive.read(PENGUINS_MEMBER)
    assert b"\r\n" not in content
    (DATA_DIR / "penguins.csv").write_bytes(content)


def sha256_of(path: Path) -> str:
    """SHA-256 of a file with line endings normalised to ``\\n``.

    Normalising makes the checksum survive a git checkout that converts text
    files to CRLF (the default on Windows); the content itself is unchanged.
    """
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def write_manifest() -> None:
    lines = [f"{sha256_of(p)}  {p.name}\n" for p in sorted(DATA_DIR.glob("*.csv"))]
    (DATA_DIR / "SHA256SUMS.txt").write_text("".join(lines), newline="\n")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sklearn-data", type=Path, required=True)
    parser.add_argument("--penguins-wheel", type=Path, required=True)
    args = parser.parse_args(argv)
    DATA_DIR.mkdir(exist_ok=True)
    build_classic(args.sklearn_data)
    build_penguins(args.penguins_wheel)
    write_manifest()
    for line in (DATA_DIR / "SHA256SUMS.txt").read_text().splitlines():
        print(line)


if __name__ == "__main__":
    main()
