"""Bundled datasets (checksums, shapes, parity with scikit-learn's copies) and generators."""

from __future__ import annotations

import hashlib
import pickle
import sys
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculum import datasets
from curriculum.datasets import _loaders

DATA = resources.files("curriculum.datasets").joinpath("data")

# name -> (shape of data, class counts or None for regression)
EXPECTED = {
    "breast_cancer": ((569, 30), [212, 357]),
    "diabetes": ((442, 10), None),
    "digits": ((1797, 64), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]),
    "iris": ((150, 4), [50, 50, 50]),
    "penguins": ((344, 4), [152, 68, 124]),
    "wine": ((178, 13), [59, 71, 48]),
}


def load(name, **kwargs):
    return getattr(datasets, f"load_{name}")(**kwargs)


# --------------------------------------------------------------------------- files and checksums


def read_manifest() -> dict[str, str]:
    lines = DATA.joinpath("SHA256SUMS.txt").read_text().splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def test_manifest_lists_every_csv_file_once():
    csv_files = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".csv"))
    assert csv_files == sorted(f"{name}.csv" for name in EXPECTED)
    assert sorted(read_manifest()) == csv_files


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_csv_matches_its_sha256(name):
    content = DATA.joinpath(f"{name}.csv").read_bytes().replace(b"\r\n", b"\n")
    assert hashlib.sha256(content).hexdigest() == read_manifest()[f"{name}.csv"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_dataset_has_a_description_with_source_and_licence(name):
    descr = load(name).DESCR
    assert descr == DATA.joinpath(f"{name}.txt").read_text().replace("\r\n", "\n")
    assert "Source:" in descr
    licence = {"diabetes": "Licence: none stated", "penguins": "Licence: CC0"}
    assert licence.get(name, "Licence: CC BY 4.0") in descr
    assert str(EXPECTED[name][0][0]) in descr  # the number of rows is stated


def test_a_modified_file_is_refused_and_crlf_line_endings_are_accepted():
    content = DATA.joinpath("iris.csv").read_bytes()
    _loaders._verify("iris.csv", content)
    _loaders._verify("iris.csv", content.replace(b"\n", b"\r\n"))
    tampered = content.replace(b"5.1,3.5,1.4,0.2,0", b"5.1,3.5,1.4,0.3,0", 1)
    assert tampered != content
    with pytest.raises(ValueError, match="'iris.csv' is damaged or was modified"):
        _loaders._verify("iris.csv", tampered)
    with pytest.raises(ValueError, match="no checksum"):
        _loaders._verify("unknown.csv", content)


def test_list_datasets_names_a_loader_for_each_dataset():
    names = datasets.list_datasets()
    assert names == sorted(EXPECTED)
    for name in names:
        assert callable(getattr(datasets, f"load_{name}"))
    assert set(datasets.__all__) >= {f"load_{n}" for n in names} | {"list_datasets", "Bunch"}


# --------------------------------------------------------------------------- shapes and content


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shapes_dtypes_and_class_counts(name):
    shape, counts = EXPECTED[name]
    bunch = load(name)
    assert bunch.data.shape == shape and bunch.data.dtype == np.float64
    assert bunch.target.shape == (shape[0],)
    assert len(bunch.feature_names) == shape[1]
    assert bunch.frame is None
    assert bunch.data.flags.writeable
    if counts is None:
        assert bunch.target.dtype == np.float64
        assert "target_names" not in bunch
    else:
        assert bunch.target.dtype == np.int64
        assert np.bincount(bunch.target).tolist() == counts
        assert len(bunch.target_names) == len(counts)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"penguins"}))
def test_no_missing_values_except_penguins(name):
    bunch = load(name)
    assert np.isfinite(bunch.data).all() and np.isfinite(bunch.target).all()


def test_penguins_keeps_its_missing_values():
    bunch = datasets.load_penguins()
    missing = np.isnan(bunch.data)
    assert missing.sum() == 8
    assert missing.all(axis=1).sum() == 2 and missing.any(axis=1).sum() == 2
    assert bunch.feature_names == [
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "body_mass_g",
    ]
    assert bunch.target_names.tolist() == ["Adelie", "Chinstrap", "Gentoo"]
    assert np.nanmin(bunch.data[:, 3]) == 2700 and np.nanmax(bunch.data[:, 3]) == 6300


def test_diabetes_holds_the_raw_unscaled_measurements():
    X, y = datasets.load_diabetes(return_X_y=True)
    assert datasets.load_diabetes().feature_names == [
        "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6",
    ]  # fmt: skip
    assert X[0].tolist() == [59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87]
    assert set(np.unique(X[:, 1])) == {1.0, 2.0}
    assert (X[:, 0].min(), X[:, 0].max()) == (19, 79)
    assert (y.min(), y.max(), y[:3].tolist()) == (25, 346, [151, 75, 141])


def test_digits_images_are_the_rows_reshaped():
    bunch = datasets.load_digits()
    assert bunch.images.shape == (1797, 8, 8)
    np.testing.assert_array_equal(bunch.images.reshape(1797, 64), bunch.data)
    assert bunch.data.min() == 0 and bunch.data.max() == 16
    assert (bunch.data == np.round(bunch.data)).all()


# --------------------------------------------------------------------------- parity with scikit-learn


@pytest.mark.parametrize("name", ["breast_cancer", "iris", "digits", "wine", "diabetes"])
def test_same_values_as_scikit_learn(name):
    sk_datasets = pytest.importorskip("sklearn.datasets")
    kwargs = {"scaled": False} if name == "diabetes" else {}
    theirs = getattr(sk_datasets, f"load_{name}")(**kwargs)
    ours = load(name)
    np.testing.assert_array_equal(ours.data, theirs.data)
    np.testing.assert_array_equal(ours.target, theirs.target)
    assert ours.feature_names == [str(f) for f in theirs.feature_names]
    if "target_names" in ours:
        assert ours.target_names.tolist() == theirs.target_names.tolist()


def test_penguins_data_agree_with_the_table_read_by_pandas():
    pd = pytest.importorskip("pandas")
    table = pd.read_csv(datasets.load_penguins().filename)
    bunch = datasets.load_penguins()
    np.testing.assert_array_equal(bunch.data, table[bunch.feature_names].to_numpy(float))
    species = bunch.target_names[bunch.target]
    assert species.tolist() == table["species"].tolist()


# --------------------------------------------------------------------------- return_X_y, as_frame, copies


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_return_X_y_gives_the_same_arrays(name):
    X, y = load(name, return_X_y=True)
    bunch = load(name)
    np.testing.assert_array_equal(X, bunch.data)
    np.testing.assert_array_equal(y, bunch.target)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"penguins"}))
def test_as_frame(name):
    pd = pytest.importorskip("pandas")
    bunch = load(name, as_frame=True)
    assert isinstance(bunch.frame, pd.DataFrame) and isinstance(bunch.data, pd.DataFrame)
    assert isinstance(bunch.target, pd.Series) and bunch.target.name == "target"
    assert list(bunch.frame.columns) == bunch.feature_names + ["target"]
    np.testing.assert_array_equal(bunch.data.to_numpy(), load(name).data)
    np.testing.assert_array_equal(bunch.frame["target"].to_numpy(), load(name).target)
    X, y = load(name, return_X_y=True, as_frame=True)
    assert isinstance(X, pd.DataFrame) and isinstance(y, pd.Series) and X.shape == EXPECTED[name][0]


def test_penguins_as_frame_is_the_whole_table():
    pd = pytest.importorskip("pandas")
    bunch = datasets.load_penguins(as_frame=True)
    frame = bunch.frame
    assert frame.shape == (344, 8)
    assert list(frame.columns) == [
        "species", "island", "bill_length_mm", "bill_depth_mm",
        "flipper_length_mm", "body_mass_g", "sex", "year",
    ]  # fmt: skip
    assert frame["species"].value_counts().to_dict() == {"Adelie": 152, "Gentoo": 124, "Chinstrap": 68}
    assert frame.isna().sum().to_dict() == {
        "species": 0, "island": 0, "bill_length_mm": 2, "bill_depth_mm": 2,
        "flipper_length_mm": 2, "body_mass_g": 2, "sex": 11, "year": 0,
    }  # fmt: skip
    assert sorted(frame["year"].unique().tolist()) == [2007, 2008, 2009]
    assert list(bunch.data.columns) == bunch.feature_names
    assert (bunch.data.dtypes == np.float64).all()
    assert isinstance(bunch.target, pd.Series) and bunch.target.tolist() == datasets.load_penguins().target.tolist()


def test_as_frame_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"pip install 'curriculum\[notebooks\]'"):
        datasets.load_iris(as_frame=True)
    assert datasets.load_iris().data.shape == (150, 4)  # arrays do not need pandas


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_changing_a_returned_array_does_not_change_the_next_load(name):
    first = load(name)
    first.data[:] = -1.0
    first.target[:] = 0
    second = load(name)
    assert not (second.data == -1.0).all()
    assert (second.target != 0).any()


@pytest.mark.parametrize("flag", ["return_X_y", "as_frame"])
@pytest.mark.parametrize("value", [1, "yes", None])
def test_flags_must_be_booleans(flag, value):
    with pytest.raises(TypeError, match=f"{flag} must be True or False"):
        datasets.load_iris(**{flag: value})


def test_loaders_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        datasets.load_iris(True)


def test_bunch_gives_attribute_and_key_access():
    bunch = datasets.load_wine()
    assert bunch.data is bunch["data"] and bunch.DESCR is bunch["DESCR"]
    bunch.extra = 3
    assert bunch["extra"] == 3 and "extra" in dir(bunch)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        getattr(bunch, "nope")  # noqa: B009
    restored = pickle.loads(pickle.dumps(bunch))
    assert isinstance(restored, datasets.Bunch)
    np.testing.assert_array_equal(restored.data, bunch.data)


# --------------------------------------------------------------------------- generators


GENERATORS = {
    "make_linear": dict(n_samples=30, n_features=3, noise=0.5),
    "make_polynomial": dict(n_samples=30, degree=3, noise=0.5),
    "make_blobs": dict(n_samples=30, centers=3),
    "make_moons": dict(n_samples=30, noise=0.1),
    "make_xor": dict(n_samples=30, noise=0.1),
}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generators_are_reproducible_and_depend_on_the_seed(name):
    make = getattr(datasets, name)
    kwargs = GENERATORS[name]
    X1, y1 = make(**kwargs, random_state=3)
    X2, y2 = make(**kwargs, random_state=3)
    X3, _ = make(**kwargs, random_state=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.ndim == 2 and X1.shape[0] == 30 and y1.shape == (30,)
    assert X1.dtype == np.float64 and np.isfinite(X1).all()
    X4, _ = make(**kwargs, random_state=np.random.default_rng(3))
    np.testing.assert_array_equal(X1, X4)


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(1, 40),
    n=st.integers(1, 5),
    intercept=st.floats(-10, 10),
    seed=st.integers(0, 2**32 - 1),
)
def test_make_linear_without_noise_is_exactly_linear(m, n, intercept, seed):
    X, y, coef = datasets.make_linear(
        m, n, intercept=intercept, noise=0.0, return_coef=True, random_state=seed
    )
    assert X.shape == (m, n) and coef.shape == (n,)
    assert ((X >= -3) & (X <= 3)).all()
    np.testing.assert_allclose(y, intercept + X @ coef, rtol=0, atol=1e-12)


def test_make_linear_noise_has_the_requested_standard_deviation():
    X, y = datasets.make_linear(
        20_000, 2, coef=[3.0, -1.0], intercept=4.0, noise=0.5, x_range=(0, 2), random_state=0
    )
    residual = y - (4.0 + X @ np.array([3.0, -1.0]))
    assert abs(residual.std() - 0.5) < 0.02 and abs(residual.mean()) < 0.02
    assert X.min() >= 0 and X.max() <= 2


def test_make_polynomial_follows_its_coefficients():
    X, y = datasets.make_polynomial(50, 2, coef=[2.0, 1.0, 0.5], noise=0.0, random_state=1)
    x = X[:, 0]
    np.testing.assert_allclose(y, 2.0 + x + 0.5 * x**2, rtol=1e-14, atol=1e-14)
    X, y, coef = datasets.make_polynomial(10, 4, return_coef=True, noise=0, random_state=0)
    assert coef.shape == (5,) and X.shape == (10, 1)


def test_make_blobs_counts_centres_and_spread():
    centers = np.array([[0.0, 0.0], [10.0, 10.0], [-10.0, 5.0]])
    X, y = datasets.make_blobs([100, 200, 300], centers=centers, cluster_std=0.5, random_state=0)
    assert np.bincount(y).tolist() == [100, 200, 300]
    for k in range(3):
        np.testing.assert_allclose(X[y == k].mean(axis=0), centers[k], atol=0.15)
        np.testing.assert_allclose(X[y == k].std(axis=0), 0.5, atol=0.1)
    X, y, c = datasets.make_blobs(10, 4, centers=4, return_centers=True, random_state=0)
    assert X.shape == (10, 4) and c.shape == (4, 4) and np.bincount(y).tolist() == [3, 3, 2, 2]
    assert ((c >= -10) & (c <= 10)).all()
    _, y = datasets.make_blobs(6, centers=2, shuffle=False, random_state=0)
    assert y.tolist() == [0, 0, 0, 1, 1, 1]


def test_make_moons_lie_on_two_half_circles_without_noise():
    X, y = datasets.make_moons((7, 5), shuffle=False)
    assert y.tolist() == [0] * 7 + [1] * 5
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1.0, X[y == 1, 1] - 0.5), 1.0)
    assert (X[y == 0, 1] >= 0).all() and (X[y == 1, 1] <= 0.5).all()
    _, y = datasets.make_moons(11, random_state=0)
    assert np.bincount(y).tolist() == [6, 5]


def test_make_xor_labels_are_the_xor_of_the_signs():
    X, y = datasets.make_xor(500, random_state=0)
    np.testing.assert_array_equal(y, (X[:, 0] > 0) ^ (X[:, 1] > 0))
    assert ((X >= -1) & (X <= 1)).all()
    assert 200 < y.sum() < 300
    X_noisy, y_noisy = datasets.make_xor(500, noise=0.3, random_state=0)
    assert (y_noisy != ((X_noisy[:, 0] > 0) ^ (X_noisy[:, 1] > 0))).any()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: datasets.make_linear(0), ValueError, "n_samples must be >= 1"),
        (lambda: datasets.make_linear(10.5), TypeError, "n_samples must be an integer"),
        (lambda: datasets.make_linear(10, 0), ValueError, "n_features must be >= 1"),
        (lambda: datasets.make_linear(10, noise=-1), ValueError, "noise must be >= 0"),
        (lambda: datasets.make_linear(10, 2, coef=[1.0]), ValueError, r"coef must have shape \(2,\)"),
        (lambda: datasets.make_linear(10, x_range=(1, 1)), ValueError, "x_range must satisfy low < high"),
        (lambda: datasets.make_linear(10, x_range=5), TypeError, "x_range must be a pair"),
        (lambda: datasets.make_linear(10, random_state="a"), TypeError, "random_state must be"),
        (lambda: datasets.make_linear(10, return_coef=1), TypeError, "return_coef must be True or False"),
        (lambda: datasets.make_polynomial(10, -1), ValueError, "degree must be >= 0"),
        (lambda: datasets.make_polynomial(10, 2, coef=[1, 2]), ValueError, r"coef must have shape \(3,\)"),
        (lambda: datasets.make_blobs(10, cluster_std=-1), ValueError, "cluster_std must be a positive"),
        (lambda: datasets.make_blobs(10, cluster_std=[1, 2]), ValueError, "cluster_std must be"),
        (lambda: datasets.make_blobs([5, 5], centers=3), ValueError, "sequence of 3 non-negative ints"),
        (lambda: datasets.make_blobs(10, centers=0), ValueError, "centers must be >= 1"),
        (lambda: datasets.make_blobs(10, centers=[[0, np.nan]]), ValueError, "centers contains 1 NaN"),
        (lambda: datasets.make_blobs(10, shuffle="yes"), TypeError, "shuffle must be True or False"),
        (lambda: datasets.make_moons(1), ValueError, "n_samples must be >= 2"),
        (lambda: datasets.make_moons((5, 0)), ValueError, r"n_samples\[1\] must be >= 1"),
        (lambda: datasets.make_moons("many"), TypeError, "n_samples must be an int or a pair"),
        (lambda: datasets.make_xor(10, noise=float("nan")), ValueError, "noise must be finite"),
    ],
)
def test_generators_reject_bad_arguments_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_given_coefficients_are_not_modified():
    coef = np.array([1.0, 2.0])
    _, _, returned = datasets.make_linear(5, 2, coef=coef, return_coef=True, random_state=0)
    returned[:] = 0
    assert coef.tolist() == [1.0, 2.0]
