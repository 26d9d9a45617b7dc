"""Saving and loading models: identical predictions, no pickle, clear errors on bad files."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from curriculum.datasets import make_moons
from curriculum.exceptions import NotFittedError
from curriculum.neural_network import MLPClassifier, MLPRegressor, ModelFileError, load, save


@pytest.fixture(scope="module")
def fitted():
    X, y = make_moons(120, noise=0.2, random_state=0)
    labels = np.array(["B", "M"])[y]
    clf = MLPClassifier((6, 5), max_epochs=5, random_state=0, dtype="float32")
    clf.fit(X[:90], labels[:90], validation_data=(X[90:], labels[90:]))
    return clf, X


def test_round_trip_classifier_predicts_identically(fitted, tmp_path):
    clf, X = fitted
    path = clf.save(tmp_path / "model.npz")
    loaded = load(path)
    assert type(loaded) is MLPClassifier
    np.testing.assert_array_equal(loaded.predict_proba(X), clf.predict_proba(X))
    np.testing.assert_array_equal(loaded.predict(X), clf.predict(X))
    assert loaded.get_params() == clf.get_params()
    assert loaded.history_ == clf.history_
    assert (loaded.n_iter_, loaded.best_epoch_, loaded.n_features_in_) == (5, 5, 2)
    assert loaded.coefs_[0].dtype == np.float32
    assert list(loaded.classes_) == ["B", "M"]


def test_round_trip_multiclass_and_regressor(tmp_path):
    X, y = make_moons(90, noise=0.2, random_state=1)
    y3 = np.arange(90) % 3
    clf = MLPClassifier((4,), activation="tanh", max_epochs=3, random_state=0).fit(X, y3)
    np.testing.assert_array_equal(load(save(clf, tmp_path / "c")).predict_proba(X), clf.predict_proba(X))
    reg = MLPRegressor((4,), max_epochs=3, random_state=0).fit(X, np.column_stack([y, y3]))
    loaded = load(reg.save(tmp_path / "r.npz"))
    np.testing.assert_array_equal(loaded.predict(X), reg.predict(X))
    assert loaded.predict(X).shape == (90, 2)
    reg1 = MLPRegressor((4,), max_epochs=3, random_state=0).fit(X, y.astype(float))
    assert load(reg1.save(tmp_path / "r1.npz")).predict(X).shape == (90,)


def test_suffix_is_added_and_extra_arrays_travel(fitted, tmp_path):
    clf, X = fitted
    path = clf.save(tmp_path / "model", extra={"mean": np.arange(3.0), "names": ["a", "b"]})
    assert path.name == "model.npz" and path.exists()
    model, extra = load(path, with_extra=True)
    np.testing.assert_array_equal(extra["mean"], [0.0, 1.0, 2.0])
    assert list(extra["names"]) == ["a", "b"]
    with pytest.raises(TypeError, match="Python objects"):
        clf.save(tmp_path / "bad", extra={"objects": np.array([{}, 1], dtype=object)})


def test_the_file_holds_no_pickle(fitted, tmp_path):
    clf, _ = fitted
    path = clf.save(tmp_path / "model.npz")
    with np.load(path, allow_pickle=False) as archive:
        for key in archive.files:
            assert archive[key].dtype.kind != "O", key
        assert json.loads(str(archive["hyperparameters"]))["dtype"] == "float32"


def test_unfitted_model_cannot_be_saved(tmp_path):
    with pytest.raises(NotFittedError):
        MLPClassifier().save(tmp_path / "model.npz")
    with pytest.raises(TypeError, match="MLPClassifier or MLPRegressor"):
        save(object(), tmp_path / "model.npz")


def _rewrite(path, target, change):
    """Copy the archive ``path`` to ``target`` with ``change(arrays)`` applied."""
    with np.load(path, allow_pickle=False) as archive:
        arrays = {key: archive[key] for key in archive.files}
    change(arrays)
    np.savez(target, **arrays)
    return target


def test_corrupted_and_foreign_files_give_clear_errors(fitted, tmp_path):
    clf, _ = fitted
    good = clf.save(tmp_path / "good.npz")
    data = good.read_bytes()

    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(data[: len(data) // 2])
    random_bytes = tmp_path / "noise.npz"
    random_bytes.write_bytes(np.random.default_rng(0).bytes(500))
    text = tmp_path / "notes.npz"
    text.write_text("id,diagnosis\n1,M\n")
    for path in (truncated, random_bytes, text):
        with pytest.raises(ModelFileError, match="not a model file saved by curriculum"):
            load(path)

    # one byte flipped inside the parameters: the zip checksum catches it
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("theta.npy")
    flipped = bytearray(data)
    flipped[info.header_offset + 30 + len(info.filename) + 200] ^= 0xFF
    damaged = tmp_path / "flipped.npz"
    damaged.write_bytes(bytes(flipped))
    with pytest.raises(ModelFileError, match="damaged"):
        load(damaged)

    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, weights=np.ones(3))
    with pytest.raises(ModelFileError, match="not a model saved by curriculum.*weights"):
        load(foreign)
    single = tmp_path / "array.npy"
    np.save(single, np.ones(3))
    with pytest.raises(ModelFileError, match="single NumPy array"):
        load(single)
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.npz")


def test_tampered_contents_are_refused(fitted, tmp_path):
    clf, _ = fitted
    good = clf.save(tmp_path / "good.npz")

    def short_theta(arrays):
        arrays["theta"] = arrays["theta"][:-1]

    def pickled_classes(arrays):
        arrays["classes"] = np.array([object(), object()], dtype=object)

    def newer(arrays):
        arrays["version"] = np.array(99)

    def nan_weights(arrays):
        arrays["theta"] = np.full_like(arrays["theta"], np.nan)

    def missing(arrays):
        del arrays["layer_sizes"]

    cases = [
        (short_theta, r"need \d+ parameters, the file has"),
        (pickled_classes, "damaged"),  # object arrays are never unpickled
        (newer, "newer version"),
        (nan_weights, "NaN"),
        (missing, "missing"),
    ]
    for change, match in cases:
        path = _rewrite(good, tmp_path / f"{change.__name__}.npz", change)
        with pytest.raises(ModelFileError, match=match):
            load(path)


def test_load_never_unpickles(tmp_path):
    # an archive whose member is a pickle: np.load with allow_pickle=False refuses it
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"code": "x"}], dtype=object), allow_pickle=True)
    path = tmp_path / "evil.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("format.npy", buffer.getvalue())
    with pytest.raises(ModelFileError):
        load(path)
