"""Exercises of module python/00: Python basics.

Strings and formatting, default and keyword arguments, control flow with
exceptions, lists and sets, dictionaries, command-line arguments and text files.
"""

from __future__ import annotations

import argparse
import string

from ...._wire import TextFile
from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "python/00_python_basics_exercises.ipynb"
NO_LIBRARY = ("sklearn",)
NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Katherine"]


# --- 1. format_score ------------------------------------------------------------------


def format_score(name, points, total):
    if total <= 0:
        raise ValueError(f"total must be positive, got {total}")
    if not 0 <= points <= total:
        raise ValueError(f"points must be between 0 and total={total}, got {points}")
    return f"{name}: {points}/{total} ({100 * points / total:.1f}%)"


def _unchecked_score(name, points, total):
    return f"{name}: {points}/{total} ({100 * points / total:.1f}%)"


def _score_fraction(name, points, total):
    format_score(name, points, total)  # same errors as the reference
    return f"{name}: {points}/{total} ({points / total:.1f}%)"


def _score_not_rounded(name, points, total):
    format_score(name, points, total)
    return f"{name}: {points}/{total} ({100 * points / total}%)"


def _score_cases(rng):
    cases = []
    for _ in range(4):
        total = int(rng.integers(1, 60))
        points = int(rng.integers(0, total + 1))
        name = NAMES[int(rng.integers(len(NAMES)))]
        cases.append(Case((name, points, total), label=f"{name}, {points}/{total}"))
    return cases


register(
    Exercise(
        id="python.basics.format_score",
        notebook=NOTEBOOK,
        function="format_score",
        title="Format a score as text",
        reference=format_score,
        fixed_cases=[
            Case(("Ada", 17, 20), label="17/20"),
            Case(("Grace", 2, 3), label="2/3, a rounded percentage"),
            Case(("Alan", 0, 5), label="zero points"),
            Case(("Bob", 5, 0), label="total of 0"),
            Case(("Eve", 7, 5), label="more points than the total"),
            Case(("Eve", -1, 5), label="negative points"),
        ],
        random_cases=_score_cases,
        mistakes=[
            Mistake(
                "fraction, not percent",
                _score_fraction,
                "A percentage is the fraction times 100: 17/20 is 85.0%, not 0.8%.",
            ),
            Mistake(
                "not rounded",
                _score_not_rounded,
                "Show the percentage with exactly one decimal: f\"{percent:.1f}\" turns "
                "66.66666666666667 into 66.7.",
            ),
            Mistake(
                "no validation",
                _unchecked_score,
                "Check the arguments first and raise ValueError when total <= 0 or points is "
                "outside 0..total.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 2. clip ------------------------------------------------------------------------------


def clip(value, low=0.0, high=1.0):
    if low > high:
        raise ValueError(f"low must not exceed high, got low={low} and high={high}")
    return min(max(value, low), high)


def _clip_swapped(value, low=0.0, high=1.0):
    clip(value, low, high)
    return max(min(value, low), high)


def _clip_fixed_bounds(value, low=0.0, high=1.0):
    clip(value, low, high)
    return min(max(value, 0.0), 1.0)


def _clip_cases(rng):
    cases = []
    for _ in range(4):
        low = int(rng.integers(-10, 5))
        high = low + int(rng.integers(0, 10))
        value = round(float(rng.uniform(low - 5, high + 5)), 2)
        cases.append(Case((value,), {"low": low, "high": high}, label=f"clip({value}, low={low}, high={high})"))
    return cases


register(
    Exercise(
        id="python.basics.clip",
        notebook=NOTEBOOK,
        function="clip",
        title="Keep a value inside bounds, with default arguments",
        reference=clip,
        fixed_cases=[
            Case((1.7,), label="clip(1.7), default bounds"),
            Case((0.25,), label="clip(0.25), inside the default bounds"),
            Case((-3,), {"low": -1}, label="clip(-3, low=-1)"),
            Case((5,), {"high": 10}, label="clip(5, high=10)"),
            Case((12, 2, 8), label="clip(12, 2, 8), bounds given by position"),
            Case((0.5,), {"low": 2, "high": 1}, label="low > high"),
        ],
        random_cases=_clip_cases,
        mistakes=[
            Mistake(
                "bounds swapped",
                _clip_swapped,
                "max(value, low) lifts a value that is too small up to low; min(..., high) then "
                "lowers a value that is too large to high. You applied them the other way round.",
            ),
            Mistake(
                "ignores the arguments",
                _clip_fixed_bounds,
                "Use the parameters low and high, not the numbers 0 and 1: callers may pass "
                "other bounds.",
            ),
            Mistake(
                "no validation",
                lambda value, low=0.0, high=1.0: min(max(value, low), high),
                "Raise a ValueError when low > high: no value can satisfy both bounds.",
            ),
        ],
        forbidden=NO_LIBRARY + ("numpy",),
    )
)


# --- 3. collatz_steps ----------------------------------------------------------------------


def collatz_steps(n):
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"n must be an int, got {type(n).__name__}")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def _collatz_value_error_only(n):
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"bad n: {n!r}")
    return collatz_steps(n)


register(
    Exercise(
        id="python.basics.collatz_steps",
        notebook=NOTEBOOK,
        function="collatz_steps",
        title="Count the steps of the Collatz sequence",
        reference=collatz_steps,
        fixed_cases=[
            Case((6,), label="n = 6"),
            Case((1,), label="n = 1, already there"),
            Case((27,), label="n = 27, a long trip"),
            Case((0,), label="n = 0"),
            Case((-4,), label="a negative n"),
            Case((2.5,), label="a float"),
        ],
        random_cases=lambda rng: [
            Case((n,), label=f"n = {n}") for n in (int(v) for v in rng.integers(2, 10_000, size=4))
        ],
        mistakes=[
            Mistake(
                "counts the numbers",
                lambda n: collatz_steps(n) + 1,
                "Count the steps (the arrows), not the numbers visited: from 1 there are 0 "
                "steps to go.",
            ),
            Mistake(
                "ValueError for everything",
                _collatz_value_error_only,
                "A value of the wrong type (2.5) is a TypeError; a value of the right type but "
                "out of range (0) is a ValueError.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 4. unique_in_order -----------------------------------------------------------------------


def unique_in_order(items):
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def _keep_last(items):
    result = []
    for item in reversed(items):
        if item not in result:
            result.append(item)
    return result[::-1]


def _dedupe_in_place(items):
    seen = set()
    i = 0
    while i < len(items):
        if items[i] in seen:
            del items[i]
        else:
            seen.add(items[i])
            i += 1
    return items


def _unique_cases(rng):
    cases = []
    for _ in range(3):
        size = int(rng.integers(5, 25))
        items = [int(v) for v in rng.integers(0, 8, size=size)]
        cases.append(Case((items,), label=f"{size} small integers"))
    return cases


register(
    Exercise(
        id="python.basics.unique_in_order",
        notebook=NOTEBOOK,
        function="unique_in_order",
        title="Remove duplicates, keep the order",
        reference=unique_in_order,
        fixed_cases=[
            Case(([3, 1, 3, 2, 1],), label="[3, 1, 3, 2, 1]"),
            Case(([],), label="empty list"),
            Case((["b", "a", "b", "c", "a"],), label="strings"),
            Case(([5, 5, 5],), label="all equal"),
            Case(([9, 4, 7, 4, 9],), label="[9, 4, 7, 4, 9]"),
        ],
        random_cases=_unique_cases,
        mistakes=[
            Mistake(
                "sorted set",
                lambda items: sorted(set(items)),
                "A set forgets the order in which items arrived: keep a list for the order and "
                "use a set only to remember what you have already seen.",
            ),
            Mistake(
                "keeps the last occurrence",
                _keep_last,
                "Keep each item where it appears first, not where it appears last.",
            ),
            Mistake(
                "removes in place",
                _dedupe_in_place,
                "Build a new list; do not remove items from the caller's list.",
            ),
        ],
        forbidden=NO_LIBRARY + ("dict.fromkeys",),
    )
)


# --- 5. word_counts ----------------------------------------------------------------------------


def word_counts(text):
    counts = {}
    for word in text.split():
        word = word.strip(string.punctuation).lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _counts_case_sensitive(text):
    counts = {}
    for word in text.split():
        word = word.strip(string.punctuation)
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _counts_keep_punctuation(text):
    counts = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


VOCABULARY = ["the", "cat", "dog", "saw", "a", "bird", "ran", "and", "it's", "well-known"]


def _sentence_cases(rng):
    cases = []
    for _ in range(3):
        words = []
        for _ in range(int(rng.integers(5, 20))):
            word = VOCABULARY[int(rng.integers(len(VOCABULARY)))]
            if rng.random() < 0.3:
                word = word.capitalize()
            if rng.random() < 0.2:
                word += "!.,?"[int(rng.integers(4))]
            words.append(word)
        cases.append(Case((" ".join(words),), label=f"{len(words)} random words"))
    return cases


register(
    Exercise(
        id="python.basics.word_counts",
        notebook=NOTEBOOK,
        function="word_counts",
        title="Count the words of a text",
        reference=word_counts,
        fixed_cases=[
            Case(("The cat saw the dog. The dog ran!",), label="two sentences"),
            Case(("",), label="empty text"),
            Case(("Hello, hello... HELLO!",), label="case and punctuation"),
            Case(("-- ! --",), label="punctuation only"),
            Case(("it's a well-known (quite well-known) fact",), label="inner punctuation stays"),
        ],
        random_cases=_sentence_cases,
        mistakes=[
            Mistake(
                "case-sensitive",
                _counts_case_sensitive,
                "'The' and 'the' are the same word: lower-case each word with .lower().",
            ),
            Mistake(
                "punctuation kept",
                _counts_keep_punctuation,
                "Strip punctuation from both ends of each word with "
                "word.strip(string.punctuation), and skip what becomes empty.",
            ),
        ],
        forbidden=NO_LIBRARY + ("collections", "re"),
    )
)


# --- 6. parse_cli -------------------------------------------------------------------------------


def _parser(epochs_type=int):
    parser = argparse.ArgumentParser(prog="train.py", description="Train a model on a CSV file.")
    parser.add_argument("data", help="path of the training data")
    parser.add_argument("--epochs", type=epochs_type, default=10, help="passes over the data")
    parser.add_argument("--learning-rate", type=float, default=0.1, help="step size")
    parser.add_argument("--verbose", action="store_true", help="print progress")
    return parser


def parse_cli(argv):
    return vars(_parser().parse_args(argv))


register(
    Exercise(
        id="python.basics.parse_cli",
        notebook=NOTEBOOK,
        function="parse_cli",
        title="Command-line arguments with argparse",
        reference=parse_cli,
        fixed_cases=[
            Case((["iris.csv", "--epochs", "5"],), label="train.py iris.csv --epochs 5"),
            Case((["data.txt"],), label="train.py data.txt (defaults)"),
            Case((["--verbose", "x.csv", "--learning-rate", "0.5"],), label="options before the path"),
            Case((["a.csv", "--epochs=3", "--verbose", "--learning-rate=1e-3"],), label="--name=value form"),
        ],
        mistakes=[
            Mistake(
                "epochs is a string",
                lambda argv: vars(_parser(str).parse_args(argv)),
                "argparse returns strings unless you say otherwise: add type=int to --epochs "
                "(and type=float to --learning-rate).",
            ),
            Mistake(
                "returns the Namespace",
                lambda argv: _parser().parse_args(argv),
                "parse_args returns an argparse.Namespace; return vars(namespace), a plain dict.",
            ),
        ],
        forbidden=NO_LIBRARY + ("sys.argv",),
    )
)


# --- 7. read_scores ---------------------------------------------------------------------------------


def read_scores(path):
    scores = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            parts = text.split(",")
            if len(parts) != 2:
                raise ValueError(f"line {number}: expected 'name,score', found {text!r}")
            name, score = parts[0].strip(), parts[1].strip()
            try:
                scores[name] = float(score)
            except ValueError:
                raise ValueError(f"line {number}: score {score!r} is not a number") from None
    return scores


def _scores_as_text(path):
    return {name: str(value) for name, value in read_scores(path).items()}


def _scores_not_stripped(path):
    scores = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = line.rstrip("\n")
            if not text.strip() or text.startswith("#"):
                continue
            name, score = text.split(",")
            scores[name] = float(score)
    return scores


def _scores_skip_bad(path):
    scores = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = line.strip()
            parts = text.split(",")
            if not text or text.startswith("#") or len(parts) != 2:
                continue
            try:
                scores[parts[0].strip()] = float(parts[1])
            except ValueError:
                continue
    return scores


def _score_file_cases(rng):
    cases = []
    for _ in range(2):
        lines = ["# name,score"]
        for name in NAMES[: int(rng.integers(2, len(NAMES)))]:
            lines.append(f"{name}, {rng.integers(0, 40) / 2}")
        cases.append(Case((TextFile("scores.txt", "\n".join(lines) + "\n"),), label=f"{len(lines) - 1} students"))
    return cases


register(
    Exercise(
        id="python.basics.read_scores",
        notebook=NOTEBOOK,
        function="read_scores",
        title="Read a text file of scores, with errors that name the line",
        reference=read_scores,
        fixed_cases=[
            Case(
                (TextFile("scores.txt", "# name,score\nAda,17.5\nGrace , 19\n\nAlan,12\n"),),
                label="comment, blank line, spaces",
            ),
            Case((TextFile("empty.txt", ""),), label="empty file"),
            Case((TextFile("scores.txt", "Edsger,8"),), label="no final newline"),
            Case((TextFile("scores.txt", "Ada,17\nBob 12\n"),), label="a line without a comma"),
            Case((TextFile("scores.txt", "Ada,17\nBob,twelve\n"),), label="a score that is not a number"),
        ],
        random_cases=_score_file_cases,
        mistakes=[
            Mistake(
                "scores left as text",
                _scores_as_text,
                "Convert each score with float(...): a file holds only text.",
            ),
            Mistake(
                "spaces kept",
                _scores_not_stripped,
                "Strip the spaces around the name and the score with .strip().",
            ),
            Mistake(
                "bad lines skipped",
                _scores_skip_bad,
                "A malformed line is an error, not something to skip silently: raise a "
                "ValueError whose message gives the line number.",
            ),
        ],
        forbidden=NO_LIBRARY + ("csv", "pandas", "numpy"),
    )
)
