"""Exercises of module python/03: NumPy.

From boolean masks and broadcasting to images as arrays, ending with k-means
clustering written from scratch. Shapes: a data matrix ``X`` has shape
``(m, n)``; centroids have shape ``(k, n)``; cluster labels have shape ``(m,)``.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "python/03_numpy_exercises.ipynb"
NO_LIBRARY = ("sklearn", "scipy", "curriculum.preprocessing")
GRAY_WEIGHTS = np.array([0.299, 0.587, 0.114])


def _random_matrix(rng, m=None, n=None):
    m = int(rng.integers(4, 40)) if m is None else m
    n = int(rng.integers(1, 6)) if n is None else n
    return rng.normal(rng.uniform(-5, 5), rng.uniform(0.5, 4), size=(m, n))


def _random_image(rng, channels=3):
    height, width = (int(v) for v in rng.integers(4, 16, size=2))
    shape = (height, width, channels) if channels else (height, width)
    return rng.uniform(0.0, 1.0, size=shape)


# --- 1. rows selected by a boolean mask ---------------------------------------------


def rows_where(X, column, threshold):
    X = np.asarray(X)
    return X[X[:, column] > threshold]


MASK_X = np.array([[1.0, 5.0], [2.0, 3.0], [3.0, 5.0], [4.0, 7.0]])


def _rows_where_cases(rng):
    cases = []
    for _ in range(3):
        X = np.round(_random_matrix(rng), 1)
        column = int(rng.integers(0, X.shape[1]))
        threshold = float(X[int(rng.integers(0, X.shape[0])), column])  # a value that occurs
        cases.append(Case((X, column, threshold), label=f"random, shape {X.shape}"))
    return cases


register(
    Exercise(
        id="python.numpy.rows_where",
        notebook=NOTEBOOK,
        function="rows_where",
        title="Select rows with a boolean mask",
        reference=rows_where,
        fixed_cases=[
            Case((MASK_X, 1, 4.0), label="4 rows, column 1 > 4"),
            Case((MASK_X, 1, 5.0), label="a value equal to the threshold is not kept"),
            Case((MASK_X, 0, 10.0), label="no row selected"),
        ],
        random_cases=_rows_where_cases,
        mistakes=[
            Mistake(
                ">= instead of >",
                lambda X, column, threshold: X[X[:, column] >= threshold],
                "Keep the rows whose value is strictly greater than the threshold: use >, not >=.",
            ),
            Mistake(
                "only the column",
                lambda X, column, threshold: X[X[:, column] > threshold, column],
                "Return whole rows, shape (k, n): index with the mask alone, X[mask], "
                "not X[mask, column].",
            ),
            Mistake(
                "rows below",
                lambda X, column, threshold: X[X[:, column] < threshold],
                "The rows to keep are those whose value is greater than the threshold.",
            ),
        ],
        forbidden=("sklearn",),
        vectorised=True,
    )
)


# --- 2. standardise every column --------------------------------------------------


def standardise_columns(X):
    X = np.asarray(X, dtype=float)
    mu = X.mean(axis=0)
    sigma = X.std(axis=0)
    safe = np.where(sigma == 0, 1.0, sigma)
    return (X - mu) / safe


def _plain_division(X):
    X = np.asarray(X, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - X.mean(axis=0)) / X.std(axis=0)


def _standardise_cases(rng):
    cases = []
    for _ in range(3):
        X = _random_matrix(rng) * rng.uniform(0.5, 30, size=1)
        cases.append(Case((X,), label=f"random, shape {X.shape}"))
    return cases


register(
    Exercise(
        id="python.numpy.standardise_columns",
        notebook=NOTEBOOK,
        function="standardise_columns",
        title="Standardise every column, without a loop",
        reference=standardise_columns,
        fixed_cases=[
            Case((np.array([[1.0, 10.0], [2.0, 30.0], [3.0, 20.0], [6.0, 40.0]]),), label="4 x 2"),
            Case((np.array([[1.0, 5.0], [3.0, 5.0], [8.0, 5.0]]),), label="a constant column"),
            Case((np.array([[2, 100], [4, 300]]),), label="integers"),
        ],
        random_cases=_standardise_cases,
        mistakes=[
            Mistake(
                "whole array",
                lambda X: (np.asarray(X) - np.mean(X)) / np.std(X),
                "Each column needs its own mean and standard deviation: use axis=0, so that "
                "X.mean(axis=0) has shape (n,) and broadcasts over the rows.",
            ),
            Mistake(
                "sample std",
                lambda X: (np.asarray(X) - np.mean(X, axis=0))
                / np.where(np.std(X, axis=0) == 0, 1.0, np.std(X, axis=0, ddof=1)),
                "Use the population standard deviation (ddof=0, divide by m), not the sample "
                "one (ddof=1).",
            ),
            Mistake(
                "division by zero",
                _plain_division,
                "A constant column has standard deviation 0, and 0 / 0 gives NaN. Divide by 1 "
                "instead where the standard deviation is 0 (np.where helps), so the column "
                "becomes zeros.",
            ),
            Mistake(
                "per row",
                lambda X: (np.asarray(X) - np.mean(X, axis=1, keepdims=True))
                / np.std(X, axis=1, keepdims=True),
                "Standardise each column (each feature, axis=0), not each row.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. pairwise distances by broadcasting ------------------------------------------


def pairwise_distances(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"A and B must have the same number of columns, found {A.shape[1]} and {B.shape[1]}"
        )
    differences = A[:, np.newaxis, :] - B[np.newaxis, :, :]
    return np.sqrt((differences**2).sum(axis=2))


def _squared(A, B):
    return pairwise_distances(A, B) ** 2


def _manhattan(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return np.abs(A[:, None, :] - B[None, :, :]).sum(axis=2)


def _distance_cases(rng):
    cases = []
    for _ in range(3):
        n = int(rng.integers(1, 5))
        A = _random_matrix(rng, int(rng.integers(2, 12)), n)
        B = _random_matrix(rng, int(rng.integers(2, 12)), n)
        cases.append(Case((A, B), label=f"random, {A.shape} and {B.shape}"))
    return cases


register(
    Exercise(
        id="python.numpy.pairwise_distances",
        notebook=NOTEBOOK,
        function="pairwise_distances",
        title="All pairwise distances, by broadcasting",
        reference=pairwise_distances,
        fixed_cases=[
            Case(
                (np.array([[0.0, 0.0], [3.0, 4.0]]), np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0]])),
                label="(2, 2) and (3, 2)",
            ),
            Case((np.array([[1.0, 2.0, 2.0]]), np.array([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0]])), label="a point and itself"),
            Case((np.array([[1.0, 2.0]]), np.array([[1.0, 2.0, 3.0]])), label="different numbers of columns"),
        ],
        random_cases=_distance_cases,
        mistakes=[
            Mistake(
                "squared distances",
                _squared,
                "These are squared distances: take np.sqrt of the sums of squares.",
            ),
            Mistake(
                "transposed",
                lambda A, B: pairwise_distances(B, A),
                "Row i of the result belongs to A[i] and column j to B[j]: the result has "
                "shape (p, q). Use A[:, np.newaxis, :] - B[np.newaxis, :, :].",
            ),
            Mistake(
                "Manhattan",
                _manhattan,
                "That is the sum of absolute differences (Manhattan distance). The Euclidean "
                "distance is the square root of the sum of squared differences.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
        atol=1e-6,
    )
)


# --- 4. grayscale ----------------------------------------------------------------


def to_grayscale(image):
    image = np.asarray(image, dtype=float)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"image must have shape (height, width, 3), found shape {image.shape}")
    return image @ GRAY_WEIGHTS


register(
    Exercise(
        id="python.numpy.to_grayscale",
        notebook=NOTEBOOK,
        function="to_grayscale",
        title="Convert a colour image to grayscale",
        reference=to_grayscale,
        fixed_cases=[
            Case(
                (np.array([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], [[0.0, 0.0, 1.0], [1.0, 1.0, 1.0]]]),),
                label="2 x 2: red, green, blue, white",
            ),
            Case((np.full((3, 4, 3), 0.5),), label="uniform gray 3 x 4"),
            Case((np.zeros((4, 4)),), label="already grayscale: not 3 channels"),
        ],
        random_cases=lambda rng: [
            Case((image,), label=f"random image {image.shape}")
            for image in (_random_image(rng) for _ in range(3))
        ],
        mistakes=[
            Mistake(
                "plain mean",
                lambda image: np.asarray(image).mean(axis=2),
                "Average the channels with the weights 0.299 (red), 0.587 (green) and "
                "0.114 (blue), not with equal weights.",
            ),
            Mistake(
                "channels reversed",
                lambda image: np.asarray(image) @ GRAY_WEIGHTS[::-1],
                "The channels are in the order red, green, blue: red gets 0.299 and blue 0.114.",
            ),
            Mistake(
                "kept the channel axis",
                lambda image: (np.asarray(image) @ GRAY_WEIGHTS)[..., np.newaxis],
                "Return shape (height, width): the channel axis disappears.",
            ),
        ],
        forbidden=NO_LIBRARY + ("PIL", "skimage", "matplotlib"),
        vectorised=True,
    )
)


# --- 5. crop and flip (data augmentation) -----------------------------------------


def crop_and_flip(image, top, left, size, flip):
    image = np.asarray(image)
    height, width = image.shape[:2]
    if top < 0 or left < 0 or size < 1 or top + size > height or left + size > width:
        raise ValueError(
            f"a {size} x {size} square at row {top}, column {left} does not fit in an image "
            f"of {height} x {width} pixels"
        )
    patch = image[top : top + size, left : left + size]
    return patch[:, ::-1] if flip else patch


def _flip_vertical(image, top, left, size, flip):
    patch = np.asarray(image)[top : top + size, left : left + size]
    return patch[::-1] if flip else patch


def _flip_first(image, top, left, size, flip):
    image = np.asarray(image)
    if flip:
        image = image[:, ::-1]
    return image[top : top + size, left : left + size]


def _swapped_corner(image, top, left, size, flip):
    patch = np.asarray(image)[left : left + size, top : top + size]
    return patch[:, ::-1] if flip else patch


def _no_bounds_check(image, top, left, size, flip):
    patch = np.asarray(image)[top : top + size, left : left + size]
    return patch[:, ::-1] if flip else patch


def _crop_cases(rng):
    cases = []
    for channels in (3, 0, 3):
        image = _random_image(rng, channels)
        height, width = image.shape[:2]
        size = int(rng.integers(1, min(height, width) + 1))
        top = int(rng.integers(0, height - size + 1))
        left = int(rng.integers(0, width - size + 1))
        cases.append(Case((image, top, left, size, bool(rng.integers(0, 2))), label=f"random, {image.shape}"))
    return cases


CROP_IMAGE = np.arange(30.0).reshape(5, 6)

register(
    Exercise(
        id="python.numpy.crop_and_flip",
        notebook=NOTEBOOK,
        function="crop_and_flip",
        title="Crop a square and mirror it",
        reference=crop_and_flip,
        fixed_cases=[
            Case((CROP_IMAGE, 1, 2, 3, True), label="5 x 6 grayscale, flipped"),
            Case((CROP_IMAGE, 0, 3, 2, False), label="5 x 6 grayscale, not flipped"),
            Case((np.arange(48.0).reshape(4, 4, 3), 2, 0, 2, True), label="4 x 4 colour, flipped"),
            Case((CROP_IMAGE, 3, 0, 3, True), label="square past the bottom edge"),
            Case((CROP_IMAGE, -1, 0, 2, False), label="negative top"),
        ],
        random_cases=_crop_cases,
        mistakes=[
            Mistake(
                "no bounds check",
                _no_bounds_check,
                "Check that the square fits before slicing: slicing past the edge silently "
                "returns a smaller array, and a negative index counts from the end. Raise a "
                "ValueError instead.",
            ),
            Mistake(
                "flipped upside down",
                _flip_vertical,
                "Mirror left-right: reverse the columns (axis 1) with patch[:, ::-1], not the rows.",
            ),
            Mistake(
                "top and left swapped",
                _swapped_corner,
                "top is a row index (axis 0) and left a column index (axis 1): "
                "image[top:top + size, left:left + size].",
            ),
            Mistake(
                "flipped before cropping",
                _flip_first,
                "Crop first, then mirror the patch: flipping the whole image first moves the "
                "square to the other side.",
            ),
        ],
        forbidden=NO_LIBRARY + ("PIL", "skimage"),
        vectorised=True,
    )
)


# --- 6. k-means: the assignment step ------------------------------------------------


def assign_clusters(X, centroids):
    X = np.asarray(X, dtype=float)
    centroids = np.asarray(centroids, dtype=float)
    squared = ((X[:, np.newaxis, :] - centroids[np.newaxis, :, :]) ** 2).sum(axis=2)
    return squared.argmin(axis=1)


def _squared_distances(X, centroids):
    X, centroids = np.asarray(X, dtype=float), np.asarray(centroids, dtype=float)
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)


def _blobs(rng, m, k, n=2, spread=1.0):
    centres = rng.uniform(-8, 8, size=(k, n))
    labels = rng.integers(0, k, size=m)
    return centres[labels] + spread * rng.normal(size=(m, n))


def _assign_cases(rng):
    cases = []
    for _ in range(3):
        k = int(rng.integers(2, 5))
        X = _blobs(rng, int(rng.integers(8, 40)), k)
        centroids = X[rng.choice(X.shape[0], size=k, replace=False)] + rng.normal(0, 0.5, size=(k, X.shape[1]))
        cases.append(Case((X, centroids), label=f"random, m = {X.shape[0]}, k = {k}"))
    return cases


ASSIGN_X = np.array([[0.0, 0.0], [1.0, 0.5], [9.0, 9.0], [10.0, 8.0], [0.5, 9.5]])
ASSIGN_C = np.array([[0.0, 0.0], [10.0, 10.0], [0.0, 10.0]])

register(
    Exercise(
        id="python.numpy.assign_clusters",
        notebook=NOTEBOOK,
        function="assign_clusters",
        title="k-means, step 1: assign each sample to its nearest centroid",
        reference=assign_clusters,
        fixed_cases=[
            Case((ASSIGN_X, ASSIGN_C), label="5 samples, 3 centroids"),
            Case((np.array([[1.0, 0.0], [3.0, 0.0]]), np.array([[0.0, 0.0], [2.0, 0.0]])), label="a tie goes to the smaller index"),
            Case((ASSIGN_X, ASSIGN_C[:1]), label="a single centroid"),
        ],
        random_cases=_assign_cases,
        mistakes=[
            Mistake(
                "farthest",
                lambda X, centroids: _squared_distances(X, centroids).argmax(axis=1),
                "Pick the nearest centroid: argmin, not argmax.",
            ),
            Mistake(
                "wrong axis",
                lambda X, centroids: _squared_distances(X, centroids).argmin(axis=0),
                "The distance table has shape (m, k), one row per sample: take argmin along "
                "axis=1 to get one label per sample, shape (m,).",
            ),
            Mistake(
                "returned the distances",
                lambda X, centroids: _squared_distances(X, centroids).min(axis=1),
                "Return the index of the nearest centroid (argmin), not the distance to it (min).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 7. k-means: the update step -------------------------------------------------------


def update_centroids(X, labels, centroids):
    X = np.asarray(X, dtype=float)
    new = np.array(centroids, dtype=float)
    for j in range(new.shape[0]):
        members = X[labels == j]
        if members.shape[0] > 0:
            new[j] = members.mean(axis=0)
    return new


def _update_nan_for_empty(X, labels, centroids):
    X = np.asarray(X, dtype=float)
    k = np.shape(centroids)[0]
    sums = np.array([X[labels == j].sum(axis=0) for j in range(k)])
    counts = np.bincount(labels, minlength=k)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return sums / counts


def _update_divided_by_m(X, labels, centroids):
    X = np.asarray(X, dtype=float)
    new = np.array(centroids, dtype=float)
    for j in range(new.shape[0]):
        if np.any(labels == j):
            new[j] = X[labels == j].sum(axis=0) / X.shape[0]
    return new


def _update_in_place(X, labels, centroids):
    for j in range(centroids.shape[0]):
        if np.any(labels == j):
            centroids[j] = np.asarray(X)[labels == j].mean(axis=0)
    return centroids


def _update_cases(rng):
    cases = []
    for _ in range(3):
        k = int(rng.integers(2, 5))
        X = _blobs(rng, int(rng.integers(8, 40)), k, n=int(rng.integers(1, 4)))
        centroids = X[rng.choice(X.shape[0], size=k, replace=False)]
        labels = assign_clusters(X, centroids)
        cases.append(Case((X, labels, centroids), label=f"random, m = {X.shape[0]}, k = {k}"))
    return cases


register(
    Exercise(
        id="python.numpy.update_centroids",
        notebook=NOTEBOOK,
        function="update_centroids",
        title="k-means, step 2: move each centroid to the mean of its samples",
        reference=update_centroids,
        fixed_cases=[
            Case((ASSIGN_X, np.array([0, 0, 1, 1, 2]), ASSIGN_C), label="5 samples, 3 clusters"),
            Case((ASSIGN_X, np.array([0, 0, 1, 1, 1]), ASSIGN_C), label="an empty cluster keeps its centroid"),
            Case((ASSIGN_X, np.zeros(5, dtype=int), ASSIGN_C[:1]), label="a single cluster"),
        ],
        random_cases=_update_cases,
        mistakes=[
            Mistake(
                "empty cluster",
                _update_nan_for_empty,
                "A cluster with no sample has no mean (you get NaN): leave its centroid where "
                "it was.",
            ),
            Mistake(
                "divided by m",
                _update_divided_by_m,
                "Divide each cluster's sum by the number of samples in that cluster, not by "
                "the total number of samples m.",
            ),
            Mistake(
                "in place",
                _update_in_place,
                "Build a new array (for example new = centroids.copy()) instead of writing "
                "into the caller's centroids.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 8. k-means: the whole algorithm ------------------------------------------------


def _lloyd(X, centroids, max_iter):
    """Alternate assignment and update from ``centroids`` until they stop moving."""
    for _ in range(max_iter):
        new_centroids = update_centroids(X, assign_clusters(X, centroids), centroids)
        if np.array_equal(new_centroids, centroids):
            break
        centroids = new_centroids
    return centroids, assign_clusters(X, centroids)


def kmeans(X, k, seed, max_iter=100):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    return _lloyd(X, X[rng.choice(X.shape[0], size=k, replace=False)], max_iter)


def _kmeans_first_k(X, k, seed, max_iter=100):
    X = np.asarray(X, dtype=float)
    return _lloyd(X, X[:k], max_iter)


def _kmeans_integers(X, k, seed, max_iter=100):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    return _lloyd(X, X[rng.integers(0, X.shape[0], size=k)], max_iter)


def _kmeans_stale_labels(X, k, seed, max_iter=100):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    centroids = X[rng.choice(X.shape[0], size=k, replace=False)]
    labels = assign_clusters(X, centroids)
    for _ in range(max_iter):
        labels = assign_clusters(X, centroids)
        new = update_centroids(X, labels, centroids)
        if np.array_equal(new, centroids):
            break
        centroids = new
    return centroids, labels


def _kmeans_cases(rng):
    cases = []
    for _ in range(3):
        k = int(rng.integers(2, 5))
        X = _blobs(rng, int(rng.integers(15, 60)), k, spread=1.5)
        seed = int(rng.integers(0, 1000))
        cases.append(Case((X, k, seed), label=f"random, m = {X.shape[0]}, k = {k}, seed {seed}"))
    return cases


KMEANS_X = np.array(
    [[1.0, 1.0], [1.5, 2.0], [0.5, 1.5], [8.0, 8.0], [9.0, 8.5], [8.5, 9.5], [1.0, 9.0], [2.0, 8.5], [1.5, 9.5]]
)

register(
    Exercise(
        id="python.numpy.kmeans",
        notebook=NOTEBOOK,
        function="kmeans",
        title="k-means from scratch",
        reference=kmeans,
        fixed_cases=[
            Case((KMEANS_X, 3, 7), label="3 clear groups, seed 7"),
            Case((KMEANS_X, 3, 4, 1), label="max_iter=1: a single update"),
            Case((KMEANS_X, 3, 0), label="seed 0: a poor local minimum"),
            Case((KMEANS_X, 3, 2), label="seed 2: a cluster ends up empty"),
            Case((KMEANS_X, 2, 1), label="k = 2, seed 1"),
            Case((KMEANS_X, 1, 0), label="k = 1: the centroid is the mean"),
        ],
        random_cases=_kmeans_cases,
        mistakes=[
            Mistake(
                "first k samples",
                _kmeans_first_k,
                "Start from k distinct samples drawn with rng = np.random.default_rng(seed) and "
                "rng.choice(m, size=k, replace=False), not from the first k rows.",
            ),
            Mistake(
                "integers",
                _kmeans_integers,
                "Draw the initial samples with rng.choice(m, size=k, replace=False): "
                "rng.integers gives different numbers and may pick the same sample twice.",
            ),
            Mistake(
                "stale labels",
                _kmeans_stale_labels,
                "Return the labels of the centroids you return: after the last update, assign "
                "the samples once more.",
            ),
        ],
        forbidden=NO_LIBRARY + ("sklearn.cluster", "scipy.cluster"),
    )
)
