"""Exercises of module python/04: pandas and matplotlib.

Every function receives a pandas DataFrame shaped like the Palmer penguins
table (a ``species`` column, measurement columns, sometimes ``island`` and
``sex``) and returns a Series, a DataFrame or plain Python values. pandas is an
optional dependency: the cases are built on first use, never at import time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ...._validation import require
from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "python/04_pandas_matplotlib_exercises.ipynb"
NO_LIBRARY = ("sklearn",)
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


class _LazyCases(Sequence):
    """A sequence of cases built by ``build()`` the first time it is read."""

    def __init__(self, build):
        self._build = build
        self._cases = None

    def _all(self):
        if self._cases is None:
            self._cases = list(self._build())
        return self._cases

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self):
        return len(self._all())


def _pd():
    return require("pandas")


def toy():
    """The small table used in the exercise statements."""
    pd = _pd()
    return pd.DataFrame(
        {
            "species": ["Adelie", "Gentoo", "Adelie", "Chinstrap", "Gentoo", "Adelie"],
            "island": ["Dream", "Biscoe", "Torgersen", "Dream", "Biscoe", "Dream"],
            "bill_length_mm": [39.0, 47.5, np.nan, 49.0, 50.0, 36.5],
            "body_mass_g": [3700.0, 5200.0, np.nan, 3600.0, 5600.0, 3400.0],
            "sex": ["male", "female", None, "male", "male", "female"],
        }
    )


def penguins():
    """The whole bundled penguins table (344 rows, 8 columns)."""
    from ....datasets import load_penguins

    return load_penguins(as_frame=True).frame


def _sample(rng, size=None, columns=None):
    """Random rows of the penguins table, in table order, keeping their labels."""
    frame = penguins()
    size = int(rng.integers(20, 120)) if size is None else size
    rows = np.sort(rng.choice(len(frame), size=size, replace=False))
    sample = frame.iloc[rows]
    return sample if columns is None else sample[columns]


# --- 1. missing values per column ------------------------------------------------------


def missing_per_column(df):
    return df.isna().sum()


def _missing_cases():
    pd = _pd()
    no_missing = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
    return [
        Case((toy(),), label="the toy table"),
        Case((no_missing,), label="nothing missing"),
        Case((penguins(),), label="all 344 penguins"),
    ]


register(
    Exercise(
        id="python.pandas.missing_per_column",
        notebook=NOTEBOOK,
        function="missing_per_column",
        title="Count the missing values of each column",
        reference=missing_per_column,
        fixed_cases=_LazyCases(_missing_cases),
        random_cases=lambda rng: [Case((_sample(rng),), label="random penguins") for _ in range(2)],
        mistakes=[
            Mistake(
                "per row",
                lambda df: df.isna().sum(axis=1),
                "Count per column: df.isna().sum() sums down each column (axis=0); axis=1 "
                "counts per row.",
            ),
            Mistake(
                "values present",
                lambda df: df.notna().sum(),
                "That counts the values that are present. Count the missing ones with isna().",
            ),
            Mistake(
                "fraction",
                lambda df: df.isna().mean(),
                "Return counts (integers), not the fraction of missing values.",
            ),
            Mistake(
                "only columns with gaps",
                lambda df: df.isna().sum()[lambda s: s > 0],
                "Keep every column, including those with 0 missing values.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 2. mean body mass per species --------------------------------------------------------


def mean_mass_by_species(df):
    return df.groupby("species")["body_mass_g"].mean()


def _mass_cases():
    pd = _pd()
    unmeasured = pd.DataFrame(
        {"species": ["Gentoo", "Adelie", "Gentoo"], "body_mass_g": [5000.0, np.nan, 5500.0]}
    )
    return [
        Case((toy(),), label="the toy table"),
        Case((unmeasured,), label="a species without any mass"),
        Case((penguins(),), label="all 344 penguins"),
    ]


register(
    Exercise(
        id="python.pandas.mean_mass_by_species",
        notebook=NOTEBOOK,
        function="mean_mass_by_species",
        title="Mean body mass per species",
        reference=mean_mass_by_species,
        fixed_cases=_LazyCases(_mass_cases),
        random_cases=lambda rng: [Case((_sample(rng),), label="random penguins") for _ in range(2)],
        mistakes=[
            Mistake(
                "missing as zero",
                lambda df: df.fillna({"body_mass_g": 0.0}).groupby("species")["body_mass_g"].mean(),
                "A missing mass is unknown, not zero: filling with 0 drags the mean down. "
                "pandas' mean skips NaN by itself.",
            ),
            Mistake(
                "median",
                lambda df: df.groupby("species")["body_mass_g"].median(),
                "Return the mean of each group, not the median.",
            ),
            Mistake(
                "kilograms",
                lambda df: df.groupby("species")["body_mass_g"].mean() / 1000,
                "Keep the masses in grams, as in the table.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 3. the n heaviest penguins of a species ------------------------------------------


def heaviest(df, species, n):
    chosen = df[df["species"] == species].dropna(subset=["body_mass_g"])
    return chosen.sort_values("body_mass_g", ascending=False, kind="stable").head(n)


def _heaviest_cases():
    return [
        Case((toy(), "Adelie", 2), label="toy table, 2 heaviest Adelie"),
        Case((toy(), "Adelie", 5), label="asking for more penguins than there are"),
        Case((toy(), "Emperor", 3), label="a species that is not in the table"),
        Case((penguins(), "Gentoo", 10), label="all penguins, 10 heaviest Gentoo (with ties)"),
    ]


register(
    Exercise(
        id="python.pandas.heaviest",
        notebook=NOTEBOOK,
        function="heaviest",
        title="Filter and sort: the heaviest penguins of a species",
        reference=heaviest,
        fixed_cases=_LazyCases(_heaviest_cases),
        random_cases=lambda rng: [
            Case((_sample(rng, 150), name, int(rng.integers(1, 8))), label=f"random penguins, {name}")
            for name in ("Adelie", "Chinstrap")
        ],
        mistakes=[
            Mistake(
                "lightest",
                lambda df, species, n: df[df["species"] == species]
                .dropna(subset=["body_mass_g"])
                .sort_values("body_mass_g", kind="stable")
                .head(n),
                "Sort from heaviest to lightest: ascending=False.",
            ),
            Mistake(
                "no species filter",
                lambda df, species, n: df.dropna(subset=["body_mass_g"])
                .sort_values("body_mass_g", ascending=False, kind="stable")
                .head(n),
                "Keep only the penguins of the requested species before sorting.",
            ),
            Mistake(
                "kept the unmeasured",
                lambda df, species, n: df[df["species"] == species]
                .sort_values("body_mass_g", ascending=False, kind="stable")
                .head(n),
                "Penguins without a body mass must not appear: drop the rows where "
                "body_mass_g is missing.",
            ),
            Mistake(
                "index reset",
                lambda df, species, n: heaviest(df, species, n).reset_index(drop=True),
                "Keep the original row labels (do not reset the index): they say which "
                "penguins these are.",
            ),
            Mistake(
                "unstable sort",
                lambda df, species, n: df[df["species"] == species]
                .dropna(subset=["body_mass_g"])
                .sort_values("body_mass_g", ascending=False)
                .head(n),
                "Penguins of equal mass must keep their order of appearance in the table: "
                "pass kind=\"stable\" to sort_values.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 4. count, mean and std per group -------------------------------------------------


def group_summary(df, by, column):
    return df.groupby(by)[column].agg(["count", "mean", "std"])


def _population_std(df, by, column):
    summary = group_summary(df, by, column)
    summary["std"] = df.groupby(by)[column].std(ddof=0)
    return summary


def _with_size(df, by, column):
    summary = group_summary(df, by, column)
    summary["count"] = df.groupby(by)[column].size()
    return summary


def _summary_cases():
    return [
        Case((toy(), "species", "body_mass_g"), label="toy table, mass by species"),
        Case((toy(), "island", "bill_length_mm"), label="toy table, bill length by island"),
        Case((penguins(), "sex", "flipper_length_mm"), label="all penguins, flippers by sex"),
    ]


register(
    Exercise(
        id="python.pandas.group_summary",
        notebook=NOTEBOOK,
        function="group_summary",
        title="Group and aggregate: count, mean and standard deviation",
        reference=group_summary,
        fixed_cases=_LazyCases(_summary_cases),
        random_cases=lambda rng: [
            Case((_sample(rng), by, column), label=f"random penguins, {column} by {by}")
            for by, column in (("species", "bill_depth_mm"), ("island", "body_mass_g"))
        ],
        mistakes=[
            Mistake(
                "population std",
                _population_std,
                "Report the sample standard deviation (ddof=1, divide by m - 1), which is "
                "what pandas' std computes by default; you used ddof=0.",
            ),
            Mistake(
                "size instead of count",
                _with_size,
                "count is the number of values present in each group; size counts the rows, "
                "missing values included.",
            ),
            Mistake(
                "describe",
                lambda df, by, column: df.groupby(by)[column].describe()[["count", "mean", "std"]],
                "The count column must hold integers; describe() returns it as floats. Use "
                "agg([\"count\", \"mean\", \"std\"]).",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 5. fill missing values with the species mean -------------------------------------


def fill_with_species_mean(df, column):
    filled = df.copy()
    species_mean = df.groupby("species")[column].transform("mean")
    filled[column] = df[column].fillna(species_mean)
    return filled


def _fill_overall(df, column):
    filled = df.copy()
    filled[column] = df[column].fillna(df[column].mean())
    return filled


def _fill_median(df, column):
    filled = df.copy()
    filled[column] = df[column].fillna(df.groupby("species")[column].transform("median"))
    return filled


def _fill_in_place(df, column):
    df[column] = df[column].fillna(df.groupby("species")[column].transform("mean"))
    return df


def _fill_cases():
    return [
        Case((toy(), "body_mass_g"), label="toy table, body mass"),
        Case((toy(), "bill_length_mm"), label="toy table, bill length"),
        Case((penguins(), "flipper_length_mm"), label="all penguins, flipper length"),
    ]


def _fill_random(rng):
    cases = []
    for column in ("bill_depth_mm", "body_mass_g"):
        sample = _sample(rng).copy()
        holes = rng.random(len(sample)) < 0.2
        sample.loc[holes, column] = np.nan
        cases.append(Case((sample, column), label=f"random penguins with gaps in {column}"))
    return cases


register(
    Exercise(
        id="python.pandas.fill_with_species_mean",
        notebook=NOTEBOOK,
        function="fill_with_species_mean",
        title="Fill missing values with the mean of the species",
        reference=fill_with_species_mean,
        fixed_cases=_LazyCases(_fill_cases),
        random_cases=_fill_random,
        mistakes=[
            Mistake(
                "overall mean",
                _fill_overall,
                "Use the mean of the penguin's own species (groupby(\"species\") with "
                "transform(\"mean\")), not the mean of the whole column.",
            ),
            Mistake(
                "median",
                _fill_median,
                "Fill with the mean of the species, not the median.",
            ),
            Mistake(
                "in place",
                _fill_in_place,
                "Work on a copy (df.copy()) so that the caller's table stays as it was.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 6. merge with a table of species information ----------------------------------------


def with_species_info(df, info):
    duplicated = info["species"][info["species"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"info lists these species more than once: {duplicated}")
    return df.merge(info, on="species", how="left")


def _info(*species):
    pd = _pd()
    known = {
        "Adelie": ("Pygoscelis adeliae", 2),
        "Chinstrap": ("Pygoscelis antarcticus", 2),
        "Gentoo": ("Pygoscelis papua", 2),
        "Emperor": ("Aptenodytes forsteri", 1),
    }
    return pd.DataFrame(
        {
            "species": list(species),
            "scientific_name": [known[s][0] for s in species],
            "eggs_per_clutch": [known[s][1] for s in species],
        }
    )


def _checked(info):
    if info["species"].duplicated().any():
        raise ValueError("info lists a species more than once")
    return info


def _merge_cases():
    return [
        Case((toy(), _info("Adelie", "Chinstrap", "Gentoo")), label="toy table, every species known"),
        Case((toy(), _info("Gentoo", "Emperor", "Adelie")), label="Chinstrap unknown, Emperor unused"),
        Case((toy(), _info("Adelie", "Gentoo", "Adelie")), label="a species listed twice"),
    ]


register(
    Exercise(
        id="python.pandas.with_species_info",
        notebook=NOTEBOOK,
        function="with_species_info",
        title="Merge two tables",
        reference=with_species_info,
        fixed_cases=_LazyCases(_merge_cases),
        random_cases=lambda rng: [
            Case(
                (_sample(rng, columns=["species", "island", "body_mass_g"]), _info("Chinstrap", "Adelie")),
                label="random penguins, Gentoo unknown",
            )
        ],
        mistakes=[
            Mistake(
                "no duplicate check",
                lambda df, info: df.merge(info, on="species", how="left"),
                "Check info first: if a species appears twice, each of its penguins would be "
                "duplicated. Raise a ValueError instead.",
            ),
            Mistake(
                "inner join",
                lambda df, info: df.merge(_checked(info), on="species", how="inner"),
                "An inner merge drops the penguins whose species is not in info. Keep every "
                "penguin with how=\"left\".",
            ),
            Mistake(
                "outer join",
                lambda df, info: df.merge(_checked(info), on="species", how="outer"),
                "An outer merge adds rows for species that have no penguin (and reorders the "
                "rows). Use how=\"left\".",
            ),
            Mistake(
                "join keeps the index",
                lambda df, info: df.join(_checked(info).set_index("species"), on="species"),
                "The result has a fresh index 0, 1, ..., m - 1, as merge gives; join kept the "
                "original row labels.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 7. tidy: from wide to long ----------------------------------------------------


def tidy_measurements(df):
    long = df.melt(id_vars="species", var_name="measurement", value_name="value")
    return long.dropna(subset=["value"]).reset_index(drop=True)


def _penguin_by_penguin(df):
    long = df.melt(id_vars="species", var_name="measurement", value_name="value", ignore_index=False)
    return long.dropna(subset=["value"]).sort_index(kind="stable").reset_index(drop=True)


def _tidy_cases():
    frame = toy()[["species", "bill_length_mm", "body_mass_g"]]
    return [
        Case((frame,), label="toy table, 2 measurements"),
        Case((frame.iloc[[1, 3]],), label="two rows without gaps"),
        Case((penguins()[["species"] + MEASUREMENTS],), label="all penguins, 4 measurements"),
    ]


register(
    Exercise(
        id="python.pandas.tidy_measurements",
        notebook=NOTEBOOK,
        function="tidy_measurements",
        title="Tidy data: melt a wide table into a long one",
        reference=tidy_measurements,
        fixed_cases=_LazyCases(_tidy_cases),
        random_cases=lambda rng: [
            Case((_sample(rng, columns=["species", "bill_depth_mm", "flipper_length_mm"]),), label="random penguins")
        ],
        mistakes=[
            Mistake(
                "kept the gaps",
                lambda df: df.melt(id_vars="species", var_name="measurement", value_name="value"),
                "Drop the rows whose value is missing, then number the rows again from 0 "
                "(reset_index(drop=True)).",
            ),
            Mistake(
                "index not reset",
                lambda df: df.melt(id_vars="species", var_name="measurement", value_name="value").dropna(
                    subset=["value"]
                ),
                "After dropping rows, renumber them: reset_index(drop=True).",
            ),
            Mistake(
                "default names",
                lambda df: df.melt(id_vars="species").dropna(subset=["value"]).reset_index(drop=True),
                "Name the columns species, measurement and value: pass var_name=\"measurement\" "
                "and value_name=\"value\" to melt.",
            ),
            Mistake(
                "penguin by penguin",
                _penguin_by_penguin,
                "Order the rows measurement by measurement (all values of the first "
                "measurement, then the second...), as melt does.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 8. correlations, overall and per species (the exploratory analysis) --------------------


def correlation_by_species(df, x, y):
    result = {"all": float(df[x].corr(df[y]))}
    for name, group in df.groupby("species"):
        result[name] = float(group[x].corr(group[y]))
    return result


def _spearman(df, x, y):
    result = {"all": float(df[x].corr(df[y], method="spearman"))}
    for name, group in df.groupby("species"):
        result[name] = float(group[x].corr(group[y], method="spearman"))
    return result


def _covariance(df, x, y):
    result = {"all": float(df[x].cov(df[y]))}
    for name, group in df.groupby("species"):
        result[name] = float(group[x].cov(group[y]))
    return result


def _numpy_with_nan(df, x, y):
    result = {"all": float(np.corrcoef(df[x].to_numpy(), df[y].to_numpy())[0, 1])}
    for name, group in df.groupby("species"):
        result[name] = float(np.corrcoef(group[x].to_numpy(), group[y].to_numpy())[0, 1])
    return result


def _correlation_cases():
    pd = _pd()
    simple = pd.DataFrame(
        {
            "species": ["A", "A", "A", "B", "B", "B"],
            "u": [1.0, 2.0, 3.0, 10.0, 11.0, 12.0],
            "v": [5.0, 6.0, 8.0, 1.0, 2.0, 2.5],
        }
    )
    gappy = pd.DataFrame(
        {
            "species": ["A"] * 5 + ["B"] * 4,
            "u": [1.0, 2.0, np.nan, 4.0, 5.0, 2.0, 3.0, 4.0, 5.0],
            "v": [2.0, 1.0, 3.0, np.nan, 6.0, 9.0, 7.0, 6.0, 4.0],
        }
    )
    return [
        Case((simple, "u", "v"), label="two species, a reversed trend"),
        Case((penguins(), "bill_length_mm", "bill_depth_mm"), label="all penguins, bill length and depth"),
        Case((gappy, "u", "v"), label="missing values"),
    ]


register(
    Exercise(
        id="python.pandas.correlation_by_species",
        notebook=NOTEBOOK,
        function="correlation_by_species",
        title="Correlation overall and within each species",
        reference=correlation_by_species,
        fixed_cases=_LazyCases(_correlation_cases),
        random_cases=lambda rng: [
            Case((_sample(rng, 200), "flipper_length_mm", "body_mass_g"), label="random penguins")
        ],
        mistakes=[
            Mistake(
                "Spearman",
                _spearman,
                "Compute Pearson's correlation (the default of Series.corr), not Spearman's.",
            ),
            Mistake(
                "covariance",
                _covariance,
                "That is the covariance. The correlation divides it by both standard "
                "deviations, so that it lies between -1 and 1: use Series.corr.",
            ),
            Mistake(
                "NaN not skipped",
                _numpy_with_nan,
                "np.corrcoef returns nan when a value is missing. Series.corr uses only the "
                "rows where both columns are present.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)
