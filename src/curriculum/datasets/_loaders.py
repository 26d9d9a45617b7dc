"""Loaders for the small datasets bundled with the package (no download, ever).

Every dataset is a CSV file in ``curriculum/datasets/data/`` with a header row.
The first read of a file checks its SHA-256 against ``SHA256SUMS.txt``; the
parsed arrays are cached, and every call returns fresh copies, so changing a
returned array never changes what the next call returns.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from importlib import resources

import numpy as np

from .._validation import check_bool, require
from ._bunch import Bunch

_DATA_PACKAGE = "curriculum.datasets"

# name -> target names (None for regression). Targets in the CSVs are integer
# codes indexing these tuples; penguins stores species names and is coded here.
_TARGET_NAMES = {
    "breast_cancer": ("malignant", "benign"),
    "diabetes": None,
    "digits": tuple(range(10)),
    "iris": ("setosa", "versicolor", "virginica"),
    "penguins": ("Adelie", "Chinstrap", "Gentoo"),
    "wine": ("class_0", "class_1", "class_2"),
}

PENGUINS_MEASUREMENTS = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")


def list_datasets() -> list[str]:
    """Return the names of the bundled datasets, sorted.

    Each name ``NAME`` has a loader ``load_NAME`` in :mod:`curriculum.datasets`.

    Examples
    --------
    >>> list_datasets()
    ['breast_cancer', 'diabetes', 'digits', 'iris', 'penguins', 'wine']
    """
    return sorted(_TARGET_NAMES)


def _data_file(filename: str):
    return resources.files(_DATA_PACKAGE).joinpath("data", filename)


def _sha256(content: bytes) -> str:
    """SHA-256 of a text file's bytes, with CRLF line endings read as LF."""
    return hashlib.sha256(content.replace(b"\r\n", b"\n")).hexdigest()


@functools.cache
def _manifest() -> dict[str, str]:
    """The expected checksums, ``{filename: sha256 hex digest}``."""
    text = _data_file("SHA256SUMS.txt").read_text(encoding="utf-8")
    entries = (line.split() for line in text.splitlines() if line.strip())
    return {name: digest for digest, name in entries}


def _verify(filename: str, content: bytes) -> None:
    expected = _manifest().get(filename)
    if expected is None:
        raise ValueError(f"{filename!r} has no checksum in SHA256SUMS.txt.")
    found = _sha256(content)
    if found != expected:
        raise ValueError(
            f"The bundled file {filename!r} is damaged or was modified: its SHA-256 is "
            f"{found}, expected {expected}. Reinstall the curriculum package to restore it."
        )


@functools.cache
def _read_text(filename: str) -> str:
    """The verified content of a bundled CSV file (checked once per process)."""
    content = _data_file(filename).read_bytes()
    _verify(filename, content)
    return content.decode("utf-8").replace("\r\n", "\n")


@functools.cache
def _read_description(name: str) -> str:
    return _data_file(f"{name}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")


@functools.cache
def _read_numeric(name: str):
    """Parse ``NAME.csv`` into (feature names, data, target); cached, never handed out."""
    text = _read_text(f"{name}.csv")
    header = next(csv.reader(io.StringIO(text)))
    table = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    if header[-1] != "target" or table.shape[1] != len(header):
        raise ValueError(f"{name}.csv does not have the expected layout (features, target).")
    data, target = table[:, :-1], table[:, -1]
    if _TARGET_NAMES[name] is not None:
        target = target.astype(np.int64)
    for array in (data, target):
        array.flags.writeable = False
    return tuple(header[:-1]), data, target


@functools.cache
def _read_penguins():
    """Parse the penguins table: numeric measurements (NaN for NA) and species codes."""
    rows = list(csv.DictReader(io.StringIO(_read_text("penguins.csv"))))
    data = np.array(
        [[np.nan if row[c] == "NA" else float(row[c]) for c in PENGUINS_MEASUREMENTS] for row in rows],
        dtype=np.float64,
    ).reshape(len(rows), len(PENGUINS_MEASUREMENTS))
    species = _TARGET_NAMES["penguins"]
    target = np.array([species.index(row["species"]) for row in rows], dtype=np.int64)
    for array in (data, target):
        array.flags.writeable = False
    return PENGUINS_MEASUREMENTS, data, target


def _load(name: str, return_X_y, as_frame, **extra):
    return_X_y = check_bool(return_X_y, "return_X_y")
    as_frame = check_bool(as_frame, "as_frame")
    if name == "penguins":
        feature_names, data, target = _read_penguins()
    else:
        feature_names, data, target = _read_numeric(name)
    data, target = data.copy(), target.copy()
    target_names = _TARGET_NAMES[name]

    frame = None
    if as_frame:
        pd = require("pandas")
        columns = list(feature_names)
        if name == "penguins":
            # The whole table, as pandas itself reads it: text columns stay text.
            frame = pd.read_csv(io.StringIO(_read_text("penguins.csv")))
            data = frame[columns].astype(np.float64)
        else:
            frame = pd.DataFrame(data, columns=columns)
            frame["target"] = target
            data = frame[columns]
        target = pd.Series(target, name="target")
        if name != "penguins":
            target = frame["target"]

    if return_X_y:
        return data, target

    bunch = Bunch(
        data=data,
        target=target,
        frame=frame,
        feature_names=list(feature_names),
        DESCR=_read_description(name),
        filename=str(_data_file(f"{name}.csv")),
    )
    if target_names is not None:
        bunch.target_names = np.array(target_names)
    bunch.update(extra)
    return bunch


_RETURNS = """
    Parameters
    ----------
    return_X_y : bool, default=False
        Return the tuple ``(data, target)`` instead of a :class:`Bunch`.
    as_frame : bool, default=False
        Return ``data`` as a pandas ``DataFrame``, ``target`` as a ``Series`` and
        fill ``frame``. Needs pandas (the ``notebooks`` extra).

    Returns
    -------
    Bunch
        With keys ``data``, ``target``, ``feature_names``, {target_names}``frame``
        (``None`` unless ``as_frame``), ``DESCR`` (the description: source,
        licence, units) and ``filename`` (path of the CSV file).
    (data, target) : tuple
        If ``return_X_y``.
"""


def _doc(summary: str, shapes: str, *, classification: bool = True) -> str:
    names = "``target_names``, " if classification else ""
    return summary + "\n\n    " + shapes.strip() + "\n" + _RETURNS.replace("{target_names}", names)


def load_breast_cancer(*, return_X_y=False, as_frame=False):
    return _load("breast_cancer", return_X_y, as_frame)


load_breast_cancer.__doc__ = _doc(
    "Load the breast cancer Wisconsin (diagnostic) dataset (binary classification).",
    """
    569 tumours described by 30 features of cell nuclei: ``data`` has shape
    ``(569, 30)``; ``target`` has shape ``(569,)`` with 0 = malignant (212) and
    1 = benign (357).
    """,
)


def load_iris(*, return_X_y=False, as_frame=False):
    return _load("iris", return_X_y, as_frame)


load_iris.__doc__ = _doc(
    "Load Fisher's iris dataset (three-class classification).",
    """
    150 flowers, 4 measurements in cm: ``data`` has shape ``(150, 4)``;
    ``target`` has shape ``(150,)`` with 0 = setosa, 1 = versicolor,
    2 = virginica (50 each).
    """,
)


def load_digits(*, return_X_y=False, as_frame=False):
    bunch = _load("digits", return_X_y, as_frame)
    if isinstance(bunch, Bunch):
        bunch.images = np.asarray(bunch.data, dtype=np.float64).reshape(-1, 8, 8)
    return bunch


load_digits.__doc__ = _doc(
    "Load the optical recognition of handwritten digits dataset (ten classes).",
    """
    1797 images of 8 x 8 pixels, each pixel a count from 0 to 16: ``data`` has
    shape ``(1797, 64)`` (row by row), ``images`` has shape ``(1797, 8, 8)`` and
    ``target`` has shape ``(1797,)`` with the digit 0-9.
    """,
)


def load_diabetes(*, return_X_y=False, as_frame=False):
    return _load("diabetes", return_X_y, as_frame)


load_diabetes.__doc__ = _doc(
    "Load the diabetes dataset of Efron et al. (2004) (regression).",
    """
    442 patients, 10 baseline measurements in their original units (age, sex,
    bmi, bp, s1-s6; not standardised): ``data`` has shape ``(442, 10)``;
    ``target`` has shape ``(442,)``, a measure of disease progression one year
    later (25 to 346).
    """,
    classification=False,
)


def load_wine(*, return_X_y=False, as_frame=False):
    return _load("wine", return_X_y, as_frame)


load_wine.__doc__ = _doc(
    "Load the UCI wine recognition dataset (three-class classification).",
    """
    178 wines, 13 results of chemical analysis: ``data`` has shape
    ``(178, 13)``; ``target`` has shape ``(178,)`` with the cultivar 0, 1 or 2
    (59, 71 and 48 wines).
    """,
)


def load_penguins(*, return_X_y=False, as_frame=False):
    return _load("penguins", return_X_y, as_frame)


load_penguins.__doc__ = _doc(
    "Load the Palmer penguins dataset (three-class classification, with missing values).",
    """
    344 penguins. ``data`` has shape ``(344, 4)``: the numeric measurements
    bill_length_mm, bill_depth_mm, flipper_length_mm and body_mass_g, with NaN
    where a value is missing (two penguins have no measurements at all).
    ``target`` has shape ``(344,)`` with the species 0 = Adelie (152),
    1 = Chinstrap (68), 2 = Gentoo (124).

    With ``as_frame=True``, ``frame`` is the whole table as pandas reads the
    CSV file: species, island, the four measurements, sex (text, missing for 11
    penguins) and year. It is the form the pandas lessons use; ``data`` is then
    the DataFrame of the four measurements and ``target`` the Series of species
    codes.
    """,
)
