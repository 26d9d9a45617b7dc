"""Scalers, PolynomialFeatures, add_intercept and one_hot, with scikit-learn as the oracle."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from curriculum import datasets
from curriculum.base import clone
from curriculum.exceptions import NotFittedError
from curriculum.preprocessing import (
    MinMaxScaler,
    PolynomialFeatures,
    StandardScaler,
    add_intercept,
    one_hot,
)

sk_pre = pytest.importorskip("sklearn.preprocessing")

TOL = dict(rtol=1e-12, atol=1e-12)


def bundled_matrices():
    """Every bundled feature matrix (penguins without its two unmeasured birds)."""
    out = {}
    for name in datasets.list_datasets():
        X = getattr(datasets, f"load_{name}")().data
        out[name] = X[~np.isnan(X).any(axis=1)]
    return out


BUNDLED = bundled_matrices()

finite_matrices = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 25), st.integers(1, 5)),
    elements=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


def assert_same_scaler(ours, theirs, X, attributes):
    for name in attributes:
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), **TOL)
    Z = ours.transform(X)
    np.testing.assert_allclose(Z, theirs.transform(X), **TOL)
    np.testing.assert_allclose(ours.inverse_transform(Z), theirs.inverse_transform(Z), **TOL)


# --------------------------------------------------------------------------- StandardScaler


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_standard_scaler_matches_scikit_learn_on_bundled_data(name):
    X = BUNDLED[name]
    ours = StandardScaler().fit(X)
    theirs = sk_pre.StandardScaler().fit(X)
    assert_same_scaler(ours, theirs, X, ["mean_", "var_", "scale_"])
    assert ours.n_samples_seen_ == X.shape[0] and ours.n_features_in_ == X.shape[1]


@settings(max_examples=60, deadline=None)
@given(X=finite_matrices, with_mean=st.booleans(), with_std=st.booleans())
def test_standard_scaler_matches_scikit_learn_on_random_data(X, with_mean, with_std):
    ours = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    theirs = sk_pre.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for name in ["mean_", "var_", "scale_"]:
        if getattr(theirs, name) is None:
            assert getattr(ours, name) is None
    attributes = [n for n in ["mean_", "var_", "scale_"] if getattr(theirs, n) is not None]
    # Tolerances relative to the data's magnitude (a variance near 0 has no relative accuracy).
    scale = max(1.0, float(np.abs(X).max()))
    for name in attributes:
        atol = 1e-12 * scale**2 if name == "var_" else 1e-12 * scale
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), rtol=1e-12, atol=atol)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), **TOL)


def test_standard_scaler_output_has_zero_mean_and_unit_population_variance():
    X = BUNDLED["wine"]
    Z = StandardScaler().fit_transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-13)
    np.testing.assert_allclose(Z.var(axis=0, ddof=0), 1, rtol=1e-12)
    np.testing.assert_allclose(StandardScaler().fit(X).var_, X.var(axis=0, ddof=0), rtol=1e-12)


def test_constant_features_get_scale_one():
    X = np.column_stack([np.full(10, 0.1), np.arange(10.0), np.full(10, -7.0)])
    ours = StandardScaler().fit(X)
    theirs = sk_pre.StandardScaler().fit(X)
    assert ours.scale_.tolist() == [1.0, theirs.scale_[1], 1.0]
    Z = ours.transform(X)
    assert np.isfinite(Z).all()
    np.testing.assert_allclose(Z[:, [0, 2]], 0.0, atol=1e-15)
    np.testing.assert_allclose(Z, theirs.transform(X), **TOL)


# --------------------------------------------------------------------------- MinMaxScaler


@pytest.mark.parametrize("name", sorted(BUNDLED))
@pytest.mark.parametrize("feature_range", [(0, 1), (-1, 1), (2.5, 7)])
def test_minmax_scaler_matches_scikit_learn_on_bundled_data(name, feature_range):
    X = BUNDLED[name]
    ours = MinMaxScaler(feature_range).fit(X)
    theirs = sk_pre.MinMaxScaler(feature_range=feature_range).fit(X)
    assert_same_scaler(ours, theirs, X, ["data_min_", "data_max_", "data_range_", "scale_", "min_"])
    Z = ours.transform(X)
    np.testing.assert_allclose(Z.min(axis=0)[ours.data_range_ > 0], feature_range[0], atol=1e-12)
    np.testing.assert_allclose(Z.max(axis=0)[ours.data_range_ > 0], feature_range[1], atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(X=finite_matrices, new=finite_matrices, clip=st.booleans())
def test_minmax_scaler_matches_scikit_learn_on_random_data(X, new, clip):
    ours = MinMaxScaler((-1, 1), clip=clip).fit(X)
    theirs = sk_pre.MinMaxScaler(feature_range=(-1, 1), clip=clip).fit(X)
    scale = max(1.0, float(np.abs(X).max()))
    for name in ["data_min_", "data_max_", "min_"]:
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), rtol=1e-12)
    np.testing.assert_allclose(ours.scale_, theirs.scale_, rtol=1e-12)
    new = np.resize(new, (new.shape[0], X.shape[1]))
    np.testing.assert_allclose(ours.transform(new), theirs.transform(new), rtol=1e-12, atol=1e-12 * scale)
    if clip:
        assert (ours.transform(new) >= -1).all() and (ours.transform(new) <= 1).all()


def test_minmax_constant_feature_maps_to_the_lower_bound():
    X = np.array([[3.0, 1.0], [3.0, 2.0], [3.0, 5.0]])
    Z = MinMaxScaler((-2, 2)).fit_transform(X)
    assert Z[:, 0].tolist() == [-2.0, -2.0, -2.0]
    assert Z[:, 1].tolist() == [-2.0, -1.0, 2.0]


# --------------------------------------------------------------------------- PolynomialFeatures


@pytest.mark.parametrize("degree", [1, 2, 3, 4])
@pytest.mark.parametrize("n_features", [1, 2, 3, 5])
@pytest.mark.parametrize("interaction_only", [False, True])
@pytest.mark.parametrize("include_bias", [False, True])
def test_polynomial_features_match_scikit_learn(degree, n_features, interaction_only, include_bias):
    X = np.random.default_rng(degree * 10 + n_features).normal(size=(20, n_features))
    kwargs = dict(degree=degree, interaction_only=interaction_only, include_bias=include_bias)
    theirs = sk_pre.PolynomialFeatures(**kwargs).fit(X)
    ours = PolynomialFeatures(**kwargs).fit(X)
    np.testing.assert_array_equal(ours.powers_, theirs.powers_)
    assert ours.n_output_features_ == theirs.n_output_features_
    assert ours.get_feature_names_out().tolist() == theirs.get_feature_names_out().tolist()
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), **TOL)


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_polynomial_features_match_scikit_learn_on_bundled_data(name):
    X = BUNDLED[name][:, :6]
    ours = PolynomialFeatures(degree=3).fit(X)
    theirs = sk_pre.PolynomialFeatures(degree=3, include_bias=False).fit(X)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    X=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 10), st.integers(1, 4)),
        elements=st.floats(-100, 100, allow_nan=False),
    ),
    degree=st.integers(1, 3),
)
def test_polynomial_columns_are_the_products_given_by_powers(X, degree):
    poly = PolynomialFeatures(degree).fit(X)
    expected = np.prod(X[:, None, :] ** poly.powers_[None, :, :], axis=2)
    np.testing.assert_allclose(poly.transform(X), expected, rtol=1e-12, atol=1e-300)
    from math import comb

    assert poly.n_output_features_ == comb(X.shape[1] + degree, degree) - 1


def test_polynomial_feature_names_use_given_names():
    poly = PolynomialFeatures(2, include_bias=True).fit(np.ones((2, 2)))
    names = poly.get_feature_names_out(["a", "b"]).tolist()
    assert names == ["1", "a", "b", "a^2", "a b", "b^2"]
    with pytest.raises(ValueError, match="input_features has 3 names, expected 2"):
        poly.get_feature_names_out(["a", "b", "c"])


def test_pandas_column_names_are_remembered():
    pd = pytest.importorskip("pandas")
    frame = datasets.load_iris(as_frame=True).data
    poly = PolynomialFeatures(2).fit(frame)
    assert poly.get_feature_names_out()[-1] == "petal width (cm)^2"
    assert StandardScaler().fit(frame).get_feature_names_out().tolist() == list(frame.columns)
    scaler = StandardScaler().fit(frame)
    scaler.fit(frame.to_numpy())
    assert not hasattr(scaler, "feature_names_in_")
    assert isinstance(frame, pd.DataFrame)


# --------------------------------------------------------------------------- add_intercept, one_hot


@settings(max_examples=30, deadline=None)
@given(X=finite_matrices)
def test_add_intercept_prepends_a_column_of_ones(X):
    X_before = X.copy()
    X_b = add_intercept(X)
    assert X_b.shape == (X.shape[0], X.shape[1] + 1)
    assert (X_b[:, 0] == 1).all()
    np.testing.assert_array_equal(X_b[:, 1:], X)
    np.testing.assert_array_equal(X, X_before)
    theta = np.arange(X.shape[1] + 1.0)
    np.testing.assert_allclose(X_b @ theta, theta[0] + X @ theta[1:], rtol=1e-12, atol=1e-6)


def test_add_intercept_rejects_a_1d_array():
    with pytest.raises(ValueError, match=r"X must be a 2-D array.*reshape\(-1, 1\)"):
        add_intercept(np.arange(3.0))


@settings(max_examples=30, deadline=None)
@given(y=hnp.arrays(np.int64, st.integers(1, 30), elements=st.integers(0, 6)), extra=st.integers(0, 2))
def test_one_hot_rows_select_the_label(y, extra):
    n_classes = int(y.max()) + 1 + extra
    Y = one_hot(y, n_classes)
    assert Y.shape == (y.size, n_classes) and Y.dtype == np.float64
    np.testing.assert_array_equal(Y.sum(axis=1), 1.0)
    np.testing.assert_array_equal(Y.argmax(axis=1), y)
    if extra == 0:
        np.testing.assert_array_equal(one_hot(y), Y)
    np.testing.assert_array_equal(one_hot(y.astype(float), n_classes), Y)


@pytest.mark.parametrize(
    ("y", "kwargs", "error", "message"),
    [
        ([0, 1, 3], {"n_classes": 3}, ValueError, r"label 3, but n_classes=3 allows labels 0 \.\. 2"),
        ([0, -1], {}, ValueError, "labels >= 0, found -1"),
        ([0.5, 1.0], {}, ValueError, "non-integer"),
        (["a", "b"], {}, TypeError, "Encode string labels as integers"),
        ([[0, 1]], {}, ValueError, r"1-D array of shape \(m,\), found shape \(1, 2\)"),
        ([], {}, ValueError, "at least 1 label"),
        ([0, 1], {"n_classes": 0}, ValueError, "n_classes must be >= 1"),
        ("01", {}, TypeError, "got a string"),
    ],
)
def test_one_hot_rejects_bad_labels(y, kwargs, error, message):
    with pytest.raises(error, match=message):
        one_hot(y, **kwargs)


# --------------------------------------------------------------------------- API rules


TRANSFORMERS = [StandardScaler(), MinMaxScaler(), PolynomialFeatures(2)]


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=lambda t: type(t).__name__)
def test_not_fitted_error_before_fit(transformer):
    model = clone(transformer)
    methods = ["transform", "get_feature_names_out"]
    if hasattr(model, "inverse_transform"):
        methods.append("inverse_transform")
    for method in methods:
        args = () if method == "get_feature_names_out" else (np.ones((2, 2)),)
        with pytest.raises(NotFittedError, match="not fitted yet. Call 'fit'"):
            getattr(model, method)(*args)


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=lambda t: type(t).__name__)
def test_transform_checks_the_feature_count(transformer):
    model = clone(transformer).fit(np.random.default_rng(0).normal(size=(5, 3)))
    with pytest.raises(ValueError, match=r"X has 2 features, but the estimator was fitted with 3"):
        model.transform(np.ones((4, 2)))


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=lambda t: type(t).__name__)
def test_inputs_are_never_modified_and_outputs_are_new_arrays(transformer):
    X = np.random.default_rng(1).normal(size=(6, 3))
    X_before = X.copy()
    model = clone(transformer)
    Z = model.fit_transform(X)
    assert not np.shares_memory(Z, X)
    if hasattr(model, "inverse_transform"):
        back = model.inverse_transform(Z)
        assert not np.shares_memory(back, Z)
        np.testing.assert_allclose(back, X, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(X, X_before)


def test_standard_scaler_without_centring_or_scaling_still_returns_a_copy():
    X = np.ones((3, 2))
    Z = StandardScaler(with_mean=False, with_std=False).fit_transform(X)
    assert not np.shares_memory(Z, X)


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=lambda t: type(t).__name__)
@pytest.mark.parametrize(
    ("X", "error", "message"),
    [
        ([[1.0, np.nan]], ValueError, "X contains 1 NaN or infinite"),
        ([1.0, 2.0], ValueError, "X must be a 2-D array"),
        ([["a", "b"]], TypeError, "X must contain numbers"),
        (np.ones((0, 2)), ValueError, "at least 1 sample"),
        (np.ones((2, 2, 2)), ValueError, "X must be a 2-D array"),
    ],
)
def test_fit_rejects_bad_input(transformer, X, error, message):
    with pytest.raises(error, match=message):
        clone(transformer).fit(X)


@pytest.mark.parametrize(
    ("model", "error", "message"),
    [
        (StandardScaler(with_mean=1), TypeError, "with_mean must be True or False"),
        (MinMaxScaler((1, 0)), ValueError, r"feature_range must satisfy min < max, got \(1, 0\)"),
        (MinMaxScaler(5), TypeError, "feature_range must be a pair"),
        (MinMaxScaler((0, "b")), TypeError, r"feature_range\[1\] must be a real number"),
        (MinMaxScaler(clip="no"), TypeError, "clip must be True or False"),
        (PolynomialFeatures(-1), ValueError, "degree must be >= 0"),
        (PolynomialFeatures(2.0), TypeError, "degree must be an integer"),
        (PolynomialFeatures(0), ValueError, "degree=0 with include_bias=False would produce no feature"),
        (PolynomialFeatures(1, interaction_only=True, include_bias=False), None, None),
    ],
)
def test_bad_hyperparameters_are_reported_at_fit(model, error, message):
    X = np.ones((3, 2))
    if error is None:
        assert model.fit(X).n_output_features_ == 2
        return
    with pytest.raises(error, match=message):
        model.fit(X)


def test_hyperparameters_are_stored_unchanged_and_cloned():
    scaler = MinMaxScaler((-1, 1), clip=True)
    assert scaler.get_params() == {"feature_range": (-1, 1), "clip": True}
    assert repr(scaler) == "MinMaxScaler(feature_range=(-1, 1), clip=True)"
    assert repr(PolynomialFeatures(3)) == "PolynomialFeatures(degree=3)"
    assert clone(scaler).get_params() == scaler.get_params()
    poly = PolynomialFeatures(2).fit(np.ones((2, 3)))
    assert not hasattr(clone(poly), "powers_")
