"""Exercises of module python/02: functions as values.

Functions passed as inputs are the named helpers of ``curriculum._wire.FUNCTIONS``
(``Fn("square")``); functions returned (closures, decorators) are exercised
through ``invoke`` steps.
"""

from __future__ import annotations

import functools

from ...._wire import Fn, TextFile
from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "python/02_functions_as_values_exercises.ipynb"
NO_LIBRARY = ("sklearn", "numpy")


# --- 1. my_map -------------------------------------------------------------------------------


def my_map(func, items):
    result = []
    for item in items:
        result.append(func(item))
    return result


def _map_lazy(func, items):
    for item in items:
        yield func(item)


def _map_twice(func, items):
    return [func(func(item)) for item in items]


register(
    Exercise(
        id="python.functions.my_map",
        notebook=NOTEBOOK,
        function="my_map",
        title="Your own map",
        reference=my_map,
        fixed_cases=[
            Case((Fn("square"), [1, 2, 3]), label="square over [1, 2, 3]"),
            Case((Fn("upper"), ["a", "Bc", ""]), label="upper over strings"),
            Case((Fn("double"), []), label="empty list"),
            Case((Fn("length"), ["ab", "", "xyz"]), label="len over strings"),
            Case((Fn("increment"), (10, 20)), label="a tuple"),
        ],
        random_cases=lambda rng: [
            Case((Fn("negate"), [int(v) for v in rng.integers(-50, 50, size=int(rng.integers(1, 12)))]), label="negate")
            for _ in range(2)
        ],
        mistakes=[
            Mistake(
                "lazy",
                _map_lazy,
                "Return a list (the statement asks for one), not a generator: append each result "
                "to a list and return the list.",
            ),
            Mistake(
                "applies twice",
                _map_twice,
                "Call func exactly once per item.",
            ),
            Mistake(
                "items unchanged",
                lambda func, items: list(items),
                "Call func on each item and keep what it returns.",
            ),
        ],
        forbidden=NO_LIBRARY + ("builtins.map",),
    )
)


# --- 2. my_filter ------------------------------------------------------------------------------


def my_filter(predicate, items):
    return [item for item in items if predicate(item)]


register(
    Exercise(
        id="python.functions.my_filter",
        notebook=NOTEBOOK,
        function="my_filter",
        title="Your own filter",
        reference=my_filter,
        fixed_cases=[
            Case((Fn("is_even"), [1, 2, 3, 4, 5, 6]), label="is_even over 1..6"),
            Case((Fn("is_positive"), [-2, 0, 3]), label="is_positive"),
            Case((Fn("length"), ["", "a", "", "bc"]), label="len as a predicate: keeps non-empty strings"),
            Case((Fn("is_even"), []), label="empty list"),
        ],
        random_cases=lambda rng: [
            Case((Fn("is_even"), [int(v) for v in rng.integers(0, 100, size=10)]), label="10 random integers")
            for _ in range(2)
        ],
        mistakes=[
            Mistake(
                "keeps the rejected items",
                lambda predicate, items: [item for item in items if not predicate(item)],
                "Keep the items for which the predicate is true, drop the others.",
            ),
            Mistake(
                "returns the verdicts",
                lambda predicate, items: [predicate(item) for item in items],
                "Return the items themselves, not the predicate's answers about them.",
            ),
            Mistake(
                "== True",
                lambda predicate, items: [item for item in items if predicate(item) == True],  # noqa: E712
                "Test the predicate's result for truth with `if predicate(item):`. Comparing it "
                "with == True rejects values that are true but not equal to True, such as 2.",
            ),
        ],
        forbidden=NO_LIBRARY + ("builtins.filter",),
    )
)


# --- 3. my_reduce ---------------------------------------------------------------------------------

_MISSING = object()


def my_reduce(func, items, initial=_MISSING):
    items = list(items)
    if initial is _MISSING:
        if not items:
            raise TypeError("my_reduce() of an empty sequence with no initial value")
        accumulator, rest = items[0], items[1:]
    else:
        accumulator, rest = initial, items
    for item in rest:
        accumulator = func(accumulator, item)
    return accumulator


def _reduce_from_right(func, items, initial=_MISSING):
    return my_reduce(func, list(items)[::-1], initial)


def _reduce_zero_default(func, items, initial=0):
    accumulator = initial
    for item in items:
        accumulator = func(accumulator, item)
    return accumulator


def _reduce_ignores_initial(func, items, initial=_MISSING):
    return my_reduce(func, items)


register(
    Exercise(
        id="python.functions.my_reduce",
        notebook=NOTEBOOK,
        function="my_reduce",
        title="Your own reduce",
        reference=my_reduce,
        fixed_cases=[
            Case((Fn("add"), [1, 2, 3, 4]), label="sum of [1, 2, 3, 4]"),
            Case((Fn("mul"), [1, 2, 3, 4]), label="product of [1, 2, 3, 4]"),
            Case((Fn("add"), ["a", "b", "c"]), label="joining strings: order matters"),
            Case((Fn("add"), ["b", "c"], "a"), label="with an initial value"),
            Case((Fn("mul"), [2, 3]), {"initial": 10}, label="initial as a keyword"),
            Case((Fn("add"), [], 0), label="empty list with initial=0"),
            Case((Fn("max2"), [3, 9, 2]), label="max of [3, 9, 2]"),
            Case((Fn("add"), [5]), label="a single item"),
            Case((Fn("add"), []), label="empty list, no initial value"),
        ],
        mistakes=[
            Mistake(
                "from the right",
                _reduce_from_right,
                "Combine from the left: ((a + b) + c), starting with the first item (or the "
                "initial value).",
            ),
            Mistake(
                "initial defaults to 0",
                _reduce_zero_default,
                "Without an initial value, start from the first item: a default of 0 breaks "
                "products, strings and max, and hides the error for an empty list.",
            ),
            Mistake(
                "initial ignored",
                _reduce_ignores_initial,
                "When initial is given, start from it and combine it with every item.",
            ),
        ],
        forbidden=NO_LIBRARY + ("functools",),
    )
)


# --- 4. compose ------------------------------------------------------------------------------------


def compose(*funcs):
    def composed(x):
        for func in reversed(funcs):
            x = func(x)
        return x

    return composed


def _compose_wrong_order(*funcs):
    def composed(x):
        for func in funcs:
            x = func(x)
        return x

    return composed


def _compose_two_only(*funcs):
    if not funcs:
        return lambda x: x
    first, *others = funcs
    second = others[0] if others else (lambda x: x)
    return lambda x: first(second(x))


register(
    Exercise(
        id="python.functions.compose",
        notebook=NOTEBOOK,
        function="compose",
        title="Compose any number of functions",
        reference=compose,
        fixed_cases=[
            Case((Fn("square"), Fn("increment")), steps=(["invoke", (3,)], ["invoke", (-1,)]), label="compose(square, increment)"),
            Case((Fn("increment"), Fn("square")), steps=(["invoke", (3,)],), label="compose(increment, square)"),
            Case(
                (Fn("double"), Fn("increment"), Fn("square")),
                steps=(["invoke", (3,)], ["invoke", (0,)]),
                label="compose(double, increment, square)",
            ),
            Case((Fn("length"), Fn("upper")), steps=(["invoke", ("abc",)],), label="compose(len, upper)"),
            Case((Fn("negate"),), steps=(["invoke", (5,)],), label="a single function"),
            Case((), steps=(["invoke", ("unchanged",)],), label="compose() is the identity"),
        ],
        mistakes=[
            Mistake(
                "wrong order",
                _compose_wrong_order,
                "compose(f, g)(x) is f(g(x)): the last function is applied first.",
            ),
            Mistake(
                "two functions only",
                _compose_two_only,
                "Accept any number of functions with *funcs and apply all of them.",
            ),
        ],
        forbidden=NO_LIBRARY + ("functools",),
    )
)


# --- 5. make_accumulator -----------------------------------------------------------------------------


def make_accumulator(start=0):
    total = start

    def add(amount):
        nonlocal total
        total += amount
        return total

    return add


def _accumulator_forgets(start=0):
    def add(amount):
        return start + amount

    return add


def _accumulator_without_nonlocal(start=0):
    total = start

    def add(amount):
        total += amount  # noqa: F823 - the mistake: total is local here
        return total

    return add


ACCUMULATOR_STEPS = (["invoke", (10,)], ["invoke", (5,)], ["invoke", (-3,)])

register(
    Exercise(
        id="python.functions.make_accumulator",
        notebook=NOTEBOOK,
        function="make_accumulator",
        title="A closure that remembers a running total",
        reference=make_accumulator,
        fixed_cases=[
            Case((), steps=ACCUMULATOR_STEPS, label="make_accumulator()"),
            Case((100,), steps=ACCUMULATOR_STEPS + (["invoke", (0.5,)],), label="make_accumulator(100)"),
            Case((), {"start": -1}, steps=(["invoke", (1,)],), label="start=-1"),
        ],
        random_cases=lambda rng: [
            Case(
                (int(rng.integers(-10, 10)),),
                steps=tuple(["invoke", (int(v),)] for v in rng.integers(-20, 20, size=5)),
                label="5 random amounts",
            )
        ],
        mistakes=[
            Mistake(
                "no memory",
                _accumulator_forgets,
                "Keep the total in the enclosing function and update it at each call "
                "(nonlocal total), so that the next call starts from it.",
            ),
            Mistake(
                "missing nonlocal",
                _accumulator_without_nonlocal,
                "Assigning to total inside add makes it a new local variable: declare "
                "`nonlocal total` first to update the enclosing one.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 6. count_calls -------------------------------------------------------------------------------------


def count_calls(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def _count_calls_no_wraps(func):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def _count_calls_positional_only(func):
    @functools.wraps(func)
    def wrapper(*args):
        wrapper.calls += 1
        return func(*args)

    wrapper.calls = 0
    return wrapper


def _count_calls_no_return(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


register(
    Exercise(
        id="python.functions.count_calls",
        notebook=NOTEBOOK,
        function="count_calls",
        title="A decorator that counts calls",
        reference=count_calls,
        fixed_cases=[
            Case(
                (Fn("add"),),
                steps=(["get", "calls"], ["invoke", (2, 3)], ["invoke", (4, 5)], ["get", "calls"], ["get", "__name__"]),
                label="count_calls(add)",
            ),
            Case(
                (Fn("upper"),),
                steps=(["invoke", ("abc",)], ["get", "calls"], ["get", "__name__"]),
                label="count_calls(str.upper)",
            ),
            Case(
                (Fn("max2"),),
                steps=(["invoke", (3, 9, 2)], ["invoke", ([],), {"default": 0}], ["get", "calls"]),
                label="count_calls(max), with a keyword argument",
            ),
        ],
        mistakes=[
            Mistake(
                "no functools.wraps",
                _count_calls_no_wraps,
                "Decorate the wrapper with @functools.wraps(func) so that it keeps the name and "
                "docstring of the function it wraps.",
            ),
            Mistake(
                "no **kwargs",
                _count_calls_positional_only,
                "Accept and forward keyword arguments too: def wrapper(*args, **kwargs) and "
                "func(*args, **kwargs).",
            ),
            Mistake(
                "result lost",
                _count_calls_no_return,
                "The wrapper must return what func returns.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 7. format_call ---------------------------------------------------------------------------------------


def format_call(name, *args, **kwargs):
    parts = [repr(arg) for arg in args]
    parts += [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _format_call_str(name, *args, **kwargs):
    parts = [str(arg) for arg in args] + [f"{key}={value}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _format_call_sorted(name, *args, **kwargs):
    return format_call(name, *args, **dict(sorted(kwargs.items())))


def _format_call_no_kwargs(name, *args, **kwargs):
    return format_call(name, *args)


register(
    Exercise(
        id="python.functions.format_call",
        notebook=NOTEBOOK,
        function="format_call",
        title="*args and **kwargs: write a call as text",
        reference=format_call,
        fixed_cases=[
            Case(("add", 2, 3), label="format_call('add', 2, 3)"),
            Case(("greet", "Ada"), {"punctuation": "!"}, label="a string and a keyword"),
            Case(("now",), label="no arguments"),
            Case(("plot", [1, 2]), {"color": "red", "alpha": 0.5}, label="keywords keep their order"),
            Case(("f",), {"x": None}, label="keyword only"),
        ],
        mistakes=[
            Mistake(
                "str instead of repr",
                _format_call_str,
                "Show each value with repr(...) (or {value!r} in an f-string), so that a string "
                "appears with its quotes: greet('Ada'), not greet(Ada).",
            ),
            Mistake(
                "keywords sorted",
                _format_call_sorted,
                "Keep the keyword arguments in the order they were passed: kwargs is a dict that "
                "remembers it.",
            ),
            Mistake(
                "keywords dropped",
                _format_call_no_kwargs,
                "Include the keyword arguments, as key=value after the positional ones.",
            ),
        ],
        forbidden=NO_LIBRARY + ("inspect",),
    )
)


# --- 8. logged --------------------------------------------------------------------------------------------


def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        call = format_call(func.__name__, *args, **kwargs)
        try:
            result = func(*args, **kwargs)
        except Exception as exc:
            wrapper.log.append(f"{call} raised {type(exc).__name__}")
            raise
        wrapper.log.append(f"{call} -> {result!r}")
        return result

    wrapper.log = []
    return wrapper


def _logged_swallows(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        call = format_call(func.__name__, *args, **kwargs)
        try:
            result = func(*args, **kwargs)
        except Exception as exc:
            wrapper.log.append(f"{call} raised {type(exc).__name__}")
            return None
        wrapper.log.append(f"{call} -> {result!r}")
        return result

    wrapper.log = []
    return wrapper


def _logged_success_only(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        wrapper.log.append(f"{format_call(func.__name__, *args, **kwargs)} -> {result!r}")
        return result

    wrapper.log = []
    return wrapper


def _logged_str_result(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        call = format_call(func.__name__, *args, **kwargs)
        try:
            result = func(*args, **kwargs)
        except Exception as exc:
            wrapper.log.append(f"{call} raised {type(exc).__name__}")
            raise
        wrapper.log.append(f"{call} -> {result}")
        return result

    wrapper.log = []
    return wrapper


register(
    Exercise(
        id="python.functions.logged",
        notebook=NOTEBOOK,
        function="logged",
        title="A logging decorator",
        reference=logged,
        fixed_cases=[
            Case(
                (Fn("sqrt"),),
                steps=(["invoke", (16,)], ["invoke", (-1,)], ["get", "log"], ["get", "__name__"]),
                label="logged(math.sqrt)",
            ),
            Case(
                (Fn("upper"),),
                steps=(["invoke", ("abc",)], ["get", "log"]),
                label="logged(str.upper)",
            ),
            Case(
                (Fn("max2"),),
                steps=(["invoke", (3, 9)], ["invoke", ([],), {"default": None}], ["get", "log"]),
                label="logged(max), with a keyword argument",
            ),
        ],
        mistakes=[
            Mistake(
                "exception swallowed",
                _logged_swallows,
                "After logging a failure, re-raise the exception with a bare `raise`: the "
                "caller must still see it.",
            ),
            Mistake(
                "failures not logged",
                _logged_success_only,
                "Call func inside try/except so that a failing call is logged too, as "
                "'sqrt(-1) raised ValueError'.",
            ),
            Mistake(
                "str of the result",
                _logged_str_result,
                "Show the result with repr (-> 'ABC', with quotes), as format_call does for "
                "the arguments.",
            ),
        ],
        forbidden=NO_LIBRARY + ("logging",),
    )
)


# --- 9. CsvReader ------------------------------------------------------------------------------------------


class CsvReader:
    def __init__(self, path):
        self.path = path
        self.header = None
        self.errors = []
        self._file = None

    @property
    def closed(self):
        return self._file is None or self._file.closed

    def __enter__(self):
        self._file = open(self.path, encoding="utf-8")  # closed by __exit__
        first = self._file.readline()
        if not first.strip():
            self._file.close()
            raise ValueError(f"{self.path} has no header line")
        self.header = [name.strip() for name in first.split(",")]
        return self

    def __exit__(self, exc_type, exc, traceback):
        self._file.close()
        return False

    # The known mistakes below are this class with one of these switched.
    _first_line_number = 2  # the header is line 1
    _skip_blank_lines = True
    _strip_fields = True

    def __iter__(self):
        for number, line in enumerate(self._file, start=self._first_line_number):
            text = line.rstrip("\n")
            if self._skip_blank_lines and not text.strip():
                continue
            fields = text.split(",")
            if self._strip_fields:
                fields = [field.strip() for field in fields]
            if len(fields) != len(self.header):
                self.errors.append((number, text))
                continue
            yield dict(zip(self.header, fields, strict=True))


class _ReaderZeroBased(CsvReader):
    _first_line_number = 1


class _ReaderBlankIsError(CsvReader):
    _skip_blank_lines = False


class _ReaderLeavesOpen(CsvReader):
    def __exit__(self, exc_type, exc, traceback):
        return False


class _ReaderNotStripped(CsvReader):
    _strip_fields = False


for _cls in (_ReaderZeroBased, _ReaderBlankIsError, _ReaderLeavesOpen, _ReaderNotStripped):
    _cls.__name__ = "CsvReader"

READER_STEPS = (
    ["get", "closed"],
    ["call", "__enter__"],
    ["get", "closed"],
    ["get", "header"],
    ["unary", "list"],
    ["get", "errors"],
    ["call", "__exit__", (None, None, None)],
    ["get", "closed"],
)

BIRDS = "species, mass_g\nrobin, 18\nwren,10,extra\n\ncrow,450\nowl\nblue tit , 11\n"


register(
    Exercise(
        id="python.functions.csv_reader",
        notebook=NOTEBOOK,
        function="CsvReader",
        title="A CSV reader as a context manager that reports malformed lines",
        reference=CsvReader,
        fixed_cases=[
            Case((TextFile("birds.csv", BIRDS),), steps=READER_STEPS, label="birds.csv, two malformed lines"),
            Case((TextFile("clean.csv", "a,b,c\n1,2,3\n4,5,6"),), steps=READER_STEPS, label="no final newline"),
            Case((TextFile("header.csv", "x\n"),), steps=READER_STEPS, label="a header and no rows"),
            Case((TextFile("empty.csv", ""),), steps=(["call", "__enter__"],), label="an empty file"),
        ],
        view=("header", "errors"),
        mistakes=[
            Mistake(
                "line numbers from the first row",
                _ReaderZeroBased,
                "Number the lines as an editor does: the header is line 1, so the first data "
                "row is line 2 (enumerate(file, start=2) after reading the header).",
            ),
            Mistake(
                "blank lines reported",
                _ReaderBlankIsError,
                "Skip blank lines silently; only a line with the wrong number of fields is an "
                "error.",
            ),
            Mistake(
                "file left open",
                _ReaderLeavesOpen,
                "__exit__ must close the file: that is the whole point of the with statement.",
            ),
            Mistake(
                "spaces kept",
                _ReaderNotStripped,
                "Strip the spaces around each field (and each column name) with .strip().",
            ),
        ],
        forbidden=NO_LIBRARY + ("csv", "pandas"),
    )
)
