"""``curriculum mlp split | train | predict``, run through their argparse handlers."""

from __future__ import annotations

import argparse
import re

import numpy as np
import pytest

from curriculum.commands import mlp


def run(*argv) -> int:
    parser = argparse.ArgumentParser(prog="curriculum")
    mlp.register(parser.add_subparsers())
    args = parser.parse_args(["mlp", *map(str, argv)])
    return args.handler(args)


@pytest.fixture(scope="module")
def split_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("split")
    assert run("split", "--out-dir", folder, "--seed", "1", "--validation-fraction", "0.25") == 0
    return folder


@pytest.fixture(scope="module")
def trained(split_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("model")
    code = run(
        "train", "--train", split_dir / "data_train.csv",
        "--validation", split_dir / "data_validation.csv",
        "--layers", 16, 16, "--epochs", 12, "--batch-size", 8, "--learning-rate", 0.01,
        "--optimizer", "adam", "--model", out / "model.npz", "--seed", 0,
    )
    assert code == 0
    return out


def test_split_of_the_bundled_data(split_dir, capsys):
    _, train_dx, X_train = mlp.read_project_csv(split_dir / "data_train.csv")
    ids_val, val_dx, X_val = mlp.read_project_csv(split_dir / "data_validation.csv")
    assert len(train_dx) + len(val_dx) == 569
    assert X_train.shape[1] == X_val.shape[1] == 30
    # stratified: 212 malignant in all, a quarter of them in validation
    assert np.count_nonzero(val_dx == "M") == 53 and np.count_nonzero(train_dx == "M") == 159
    # the same seed writes the same files
    again = split_dir / "again"
    assert run("split", "--out-dir", again, "--seed", "1", "--validation-fraction", "0.25") == 0
    assert (again / "data_validation.csv").read_text() == (split_dir / "data_validation.csv").read_text()
    assert "wrote" in capsys.readouterr().out


def test_split_of_a_given_file(split_dir, tmp_path):
    assert run("split", split_dir / "data_train.csv", "--out-dir", tmp_path, "--seed", "3") == 0
    _, source_dx, _ = mlp.read_project_csv(split_dir / "data_train.csv")
    _, dx, _ = mlp.read_project_csv(tmp_path / "data_validation.csv")
    for label in "MB":  # 20 % of each diagnosis (the default fraction), rounded
        assert np.count_nonzero(dx == label) == round(0.2 * np.count_nonzero(source_dx == label))
    original = {line for line in (split_dir / "data_train.csv").read_text().splitlines()}
    written = (tmp_path / "data_train.csv").read_text().splitlines()
    written += (tmp_path / "data_validation.csv").read_text().splitlines()
    assert set(written) == original  # every line kept exactly, none invented


def test_train_prints_epochs_and_saves_model_and_curves(trained, capsys):
    assert (trained / "model.npz").exists()
    assert (trained / "learning_curve_loss.png").read_bytes()[:4] == b"\x89PNG"
    assert (trained / "learning_curve_accuracy.png").exists()


def test_train_output_format(split_dir, tmp_path, capsys):
    code = run("train", "--train", split_dir / "data_train.csv",
               "--validation", split_dir / "data_validation.csv", "--layers", 8,
               "--epochs", 10, "--model", tmp_path / "m.npz", "--early-stopping", "--patience", 3)
    assert code == 0
    out = capsys.readouterr().out
    epochs = [line for line in out.splitlines() if line.startswith("epoch ")]
    assert epochs and all(
        re.fullmatch(r"epoch \d\d/10 - loss: \d\.\d{4} - val_loss: \d\.\d{4}", line) for line in epochs
    )
    assert "saved the model to" in out and "validation: binary cross-entropy" in out


def test_train_without_matplotlib_still_saves_the_model(split_dir, tmp_path, capsys, monkeypatch):
    import curriculum._validation as validation

    def missing(module, extra="notebooks"):
        raise ImportError(f"This feature needs {module}, which is not installed. "
                          f"Install it with: pip install 'curriculum[{extra}]'")

    monkeypatch.setattr(validation, "require", missing)
    code = run("train", "--train", split_dir / "data_train.csv",
               "--validation", split_dir / "data_validation.csv", "--epochs", 2,
               "--model", tmp_path / "m.npz")
    assert code == 0
    assert (tmp_path / "m.npz").exists()
    assert not list(tmp_path.glob("*.png"))
    assert "curriculum[notebooks]" in capsys.readouterr().err


def test_predict_reports_loss_accuracy_and_confusion_matrix(trained, split_dir, capsys):
    from curriculum.neural_network import load

    capsys.readouterr()
    data = split_dir / "data_validation.csv"
    assert run("predict", trained / "model.npz", data) == 0
    out = capsys.readouterr().out
    loss = float(re.search(r"binary cross-entropy: (\d\.\d{4})", out).group(1))
    accuracy = float(re.search(r"accuracy: (\d\.\d{4})", out).group(1))
    matrix = [list(map(int, re.findall(r"\d+", line))) for line in out.splitlines()
              if re.match(r"^\s+[BM]\s+\d", line)]
    n = len(mlp.read_project_csv(data)[1])
    assert f"{n} tumours" in out
    assert len(matrix) == 2 and sum(map(sum, matrix)) == n
    assert accuracy == pytest.approx((matrix[0][0] + matrix[1][1]) / n, abs=1e-4)
    assert accuracy > 0.9 and 0 < loss < 0.5
    # the same numbers from the library
    model, extra = load(trained / "model.npz", with_extra=True)
    _, dx, X = mlp.read_project_csv(data)
    X = (X - extra["scaler_mean"]) / extra["scaler_scale"]
    assert accuracy == pytest.approx(model.score(X, dx), abs=1e-4)
    p = np.clip(model.predict_proba(X)[:, 1], 1e-15, 1 - 1e-15)  # as log_loss does
    bce = -np.mean(np.where(dx == "M", np.log(p), np.log(1 - p)))
    assert loss == pytest.approx(bce, abs=1e-4)


@pytest.mark.parametrize(
    "content, match",
    [
        ("1,M,1.0,2.0\n2,B,3.0,4.0\n3,B,5.0\n", r"line 3: expected 4 comma-separated fields"),
        ("1,M,1.0,2.0\n2,B,3.0,abc\n", r"line 2: field 4 should be a number, found 'abc'"),
        ("id,diagnosis,f1\n1,M,2.0\n", r"line 1: the diagnosis .* found 'diagnosis'.*header"),
        ("1,M,1.0\n2,X,2.0\n", r"line 2: the diagnosis \(2nd field\) must be M or B, found 'X'"),
        ("1,M,nan\n", r"line 1: field 3 is 'nan'"),
        ("1,M\n", r"line 1: expected id, diagnosis and at least one feature"),
        ("\n\n", r"no data lines"),
    ],
)
def test_malformed_csv_names_the_line(tmp_path, capsys, content, match):
    bad = tmp_path / "bad.csv"
    bad.write_text(content)
    assert run("split", bad, "--out-dir", tmp_path) == 2
    err = capsys.readouterr().err
    assert re.search(match, err), err
    assert str(bad) in err


def test_errors_exit_with_code_2(trained, split_dir, tmp_path, capsys):
    assert run("train", "--train", tmp_path / "missing.csv") == 2
    assert "missing.csv" in capsys.readouterr().err
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, weights=np.ones(2))
    assert run("predict", foreign, split_dir / "data_validation.csv") == 2
    assert "not a model saved by curriculum" in capsys.readouterr().err
    narrow = tmp_path / "narrow.csv"
    narrow.write_text("1,M,1.0,2.0\n2,B,2.0,1.0\n")
    assert run("predict", trained / "model.npz", narrow) == 2
    assert "model expects 30" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("split", "--validation-fraction", "1.5")
