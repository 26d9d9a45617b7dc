"""Exercises of module python/01: objects.

Class exercises: each case builds an instance from ``Case.args`` and applies
``Case.steps`` to it; instances in the results are compared through the
attributes named in ``view``. Wrong versions are subclasses of the reference
that keep its class name (the checker compares class names) and override one
method.
"""

from __future__ import annotations

from ...._wire import New
from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "python/01_objects_exercises.ipynb"
NO_LIBRARY = ("sklearn", "numpy", "dataclasses")


def _variant(base, **methods):
    """A subclass of ``base`` with the same name and some methods replaced."""
    return type(base.__name__, (base,), methods)


# --- 1. Rectangle ------------------------------------------------------------------------


class Rectangle:
    def __init__(self, width, height):
        if width <= 0 or height <= 0:
            raise ValueError(f"width and height must be positive, got {width} and {height}")
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height

    def perimeter(self):
        return 2 * (self.width + self.height)

    def __repr__(self):
        return f"Rectangle(width={self.width!r}, height={self.height!r})"

    def __eq__(self, other):
        if not isinstance(other, Rectangle):
            return NotImplemented
        return self.width == other.width and self.height == other.height


def _rectangle_steps(width, height):
    return (
        ["unary", "self"],
        ["call", "area"],
        ["call", "perimeter"],
        ["unary", "repr"],
        ["op", "eq", New(width, height)],
        ["op", "eq", New(height + 1, width)],
        ["op", "eq", "a rectangle"],
    )


def _unvalidated_init(self, width, height):
    self.width = width
    self.height = height


register(
    Exercise(
        id="python.objects.rectangle",
        notebook=NOTEBOOK,
        function="Rectangle",
        title="A first class: Rectangle",
        reference=Rectangle,
        fixed_cases=[
            Case((2, 3), steps=_rectangle_steps(2, 3), label="Rectangle(2, 3)"),
            Case((1.5, 1.5), steps=_rectangle_steps(1.5, 1.5), label="Rectangle(1.5, 1.5)"),
            Case((4, 1), steps=(["op", "eq", New(1, 4)],), label="Rectangle(4, 1) == Rectangle(1, 4)"),
            Case((0, 2), label="a width of 0"),
            Case((3, -1), label="a negative height"),
        ],
        random_cases=lambda rng: [
            Case((w, h), steps=_rectangle_steps(w, h), label=f"Rectangle({w}, {h})")
            for w, h in (tuple(int(v) for v in rng.integers(1, 20, size=2)) for _ in range(3))
        ],
        view=("width", "height"),
        mistakes=[
            Mistake(
                "repr without names",
                _variant(Rectangle, __repr__=lambda self: f"Rectangle({self.width!r}, {self.height!r})"),
                "The repr must read Rectangle(width=2, height=3): name each attribute, as the "
                "statement shows.",
            ),
            Mistake(
                "half the perimeter",
                _variant(Rectangle, perimeter=lambda self: self.width + self.height),
                "The perimeter goes all the way round: 2 * (width + height).",
            ),
            Mistake(
                "equal areas",
                _variant(
                    Rectangle,
                    __eq__=lambda self, other: (
                        self.area() == other.area() if isinstance(other, Rectangle) else NotImplemented
                    ),
                ),
                "Two rectangles are equal when their widths and their heights are equal; a 4 x 1 "
                "and a 1 x 4 rectangle have the same area but are not equal.",
            ),
            Mistake(
                "no validation",
                _variant(Rectangle, __init__=_unvalidated_init),
                "Check the sides in __init__ and raise ValueError when one is not positive, so "
                "that an invalid rectangle can never exist.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 2. Vector -----------------------------------------------------------------------------


class Vector:
    def __init__(self, components):
        components = tuple(components)
        if not components:
            raise ValueError("a Vector needs at least one component, got none")
        self.components = components

    def __len__(self):
        return len(self.components)

    def __repr__(self):
        return f"Vector({list(self.components)!r})"

    def __eq__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return self.components == other.components

    def _check_length(self, other, operation):
        if len(self) != len(other):
            raise ValueError(
                f"cannot {operation} vectors of different lengths: {len(self)} and {len(other)}"
            )

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        self._check_length(other, "add")
        return Vector([a + b for a, b in zip(self.components, other.components, strict=False)])

    def __mul__(self, scalar):
        if not isinstance(scalar, int | float):
            return NotImplemented
        return Vector([scalar * a for a in self.components])

    __rmul__ = __mul__

    def dot(self, other):
        self._check_length(other, "take the dot product of")
        return sum(a * b for a, b in zip(self.components, other.components, strict=False))


def _vector_steps(first, second):
    return (
        ["unary", "self"],
        ["op", "add", New(second)],
        ["op", "mul", 3],
        ["rop", "mul", 2],
        ["call", "dot", (New(second),)],
        ["unary", "len"],
        ["unary", "repr"],
        ["op", "eq", New(list(first))],
        ["op", "eq", New(list(second))],
        ["op", "add", New(list(first) + [1])],
        ["call", "dot", (New(list(first) + [1]),)],
        ["op", "mul", New(second)],
        ["get", "components"],
    )


def _add_truncates(self, other):
    return Vector([a + b for a, b in zip(self.components, other.components, strict=False)])


def _mul_in_place(self, scalar):
    if not isinstance(scalar, int | float):
        return NotImplemented
    self.components = tuple(scalar * a for a in self.components)
    return self


def _vector_cases(rng):
    cases = []
    for _ in range(3):
        n = int(rng.integers(1, 6))
        first = [int(v) for v in rng.integers(-9, 10, size=n)]
        second = [int(v) for v in rng.integers(-9, 10, size=n)]
        cases.append(Case((first,), steps=_vector_steps(first, second), label=f"Vector({first})"))
    return cases


register(
    Exercise(
        id="python.objects.vector",
        notebook=NOTEBOOK,
        function="Vector",
        title="A Vector with operators and shape checks",
        reference=Vector,
        fixed_cases=[
            Case(([1, 2],), steps=_vector_steps([1, 2], [3, 4]), label="Vector([1, 2])"),
            Case(([0.5, -1.5, 2.0],), steps=_vector_steps([0.5, -1.5, 2.0], [2, 2, 2]), label="floats"),
            Case(([7],), steps=_vector_steps([7], [-1]), label="one component"),
            Case(([],), label="no components"),
        ],
        random_cases=_vector_cases,
        view=("components",),
        mistakes=[
            Mistake(
                "add truncates",
                _variant(Vector, __add__=_add_truncates),
                "zip stops at the shorter vector, silently. Compare the lengths first and raise "
                "a ValueError that gives both of them.",
            ),
            Mistake(
                "no __rmul__",
                _variant(Vector, __rmul__=lambda self, scalar: NotImplemented),
                "2 * v first asks int how to multiply by a Vector, then calls v.__rmul__(2): "
                "define __rmul__ (it can simply be __mul__).",
            ),
            Mistake(
                "dot returns a vector",
                _variant(
                    Vector,
                    dot=lambda self, other: Vector([a * b for a, b in zip(self.components, other.components, strict=False)]),
                ),
                "The dot product is one number: the sum of the products of matching components.",
            ),
            Mistake(
                "scaling in place",
                _variant(Vector, __mul__=_mul_in_place),
                "v * 3 must return a new Vector and leave v unchanged, as 3 * x leaves x unchanged.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 3. BankAccount -------------------------------------------------------------------------


class BankAccount:
    def __init__(self, owner, balance=0):
        if balance < 0:
            raise ValueError(f"the opening balance cannot be negative, got {balance}")
        self.owner = owner
        self._balance = balance

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"a deposit must be positive, got {amount}")
        self._balance += amount
        return self._balance

    def withdraw(self, amount):
        if amount <= 0:
            raise ValueError(f"a withdrawal must be positive, got {amount}")
        if amount > self._balance:
            raise ValueError(f"cannot withdraw {amount}: the balance is only {self._balance}")
        self._balance -= amount
        return self._balance

    def __repr__(self):
        return f"BankAccount(owner={self.owner!r}, balance={self._balance!r})"


ACCOUNT_STEPS = (
    ["call", "deposit", (50,)],
    ["call", "withdraw", (30,)],
    ["get", "balance"],
    ["call", "withdraw", (500,)],
    ["get", "balance"],
    ["call", "deposit", (-5,)],
    ["call", "withdraw", (0,)],
    ["set", "balance", 1000],
    ["get", "balance"],
    ["unary", "repr"],
    ["unary", "self"],
)


class _OverdraftAccount(BankAccount):
    def withdraw(self, amount):
        if amount <= 0:
            raise ValueError("a withdrawal must be positive")
        self._balance -= amount
        return self._balance


class _SubtractThenCheck(BankAccount):
    def withdraw(self, amount):
        if amount <= 0:
            raise ValueError("a withdrawal must be positive")
        self._balance -= amount
        if self._balance < 0:
            raise ValueError("not enough money")
        return self._balance


class _PlainAttribute(BankAccount):
    balance = 0  # a class attribute shadowing the property: assignable

    def __init__(self, owner, balance=0):
        super().__init__(owner, balance)
        self.balance = balance

    def deposit(self, amount):
        self._balance = super().deposit(amount)
        self.balance = self._balance
        return self.balance

    def withdraw(self, amount):
        self._balance = super().withdraw(amount)
        self.balance = self._balance
        return self.balance


for _cls in (_OverdraftAccount, _SubtractThenCheck, _PlainAttribute):
    _cls.__name__ = "BankAccount"


register(
    Exercise(
        id="python.objects.bank_account",
        notebook=NOTEBOOK,
        function="BankAccount",
        title="An account whose balance cannot go wrong",
        reference=BankAccount,
        fixed_cases=[
            Case(("Ada", 100), steps=ACCOUNT_STEPS, label="BankAccount('Ada', 100)"),
            Case(
                ("Grace",),
                steps=(
                    ["get", "balance"],
                    ["call", "withdraw", (1,)],
                    ["call", "deposit", (0.5,)],
                    ["get", "balance"],
                    ["call", "withdraw", (0.5,)],
                    ["unary", "repr"],
                ),
                label="BankAccount('Grace'), empty",
            ),
            Case(("Alan", -10), label="a negative opening balance"),
        ],
        random_cases=lambda rng: [
            Case(
                (name, int(rng.integers(0, 300))),
                steps=(
                    ["call", "withdraw", (int(rng.integers(1, 400)),)],
                    ["call", "deposit", (int(rng.integers(1, 100)),)],
                    ["call", "withdraw", (int(rng.integers(1, 400)),)],
                    ["get", "balance"],
                ),
                label=f"random operations on {name}'s account",
            )
            for name in ("Barbara", "Donald", "Frances")
        ],
        view=("owner", "balance"),
        mistakes=[
            Mistake(
                "overdraft allowed",
                _OverdraftAccount,
                "withdraw must refuse an amount larger than the balance (raise ValueError), so "
                "that the balance never goes below zero.",
            ),
            Mistake(
                "subtract, then check",
                _SubtractThenCheck,
                "Check before you change anything: a withdrawal that fails must leave the balance "
                "as it was.",
            ),
            Mistake(
                "balance is assignable",
                _PlainAttribute,
                "Make balance a read-only property (@property, no setter) over a private attribute "
                "such as self._balance: then account.balance = 1000 raises AttributeError and only "
                "deposit and withdraw can change it.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 4. SavingsAccount ---------------------------------------------------------------------------


class SavingsAccount(BankAccount):
    def __init__(self, owner, balance=0, rate=0.02):
        if not 0 <= rate <= 1:
            raise ValueError(f"rate must be between 0 and 1, got {rate}")
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        if interest > 0:
            self.deposit(interest)
        return interest

    def __repr__(self):
        return f"SavingsAccount(owner={self.owner!r}, balance={self.balance!r}, rate={self.rate!r})"


SAVINGS_STEPS = (
    ["call", "add_interest"],
    ["get", "balance"],
    ["call", "withdraw", (2,)],
    ["call", "add_interest"],
    ["call", "withdraw", (10_000,)],
    ["unary", "repr"],
    ["unary", "self"],
)


def _unrounded_interest(self):
    interest = self.balance * self.rate
    if interest > 0:
        self.deposit(interest)
    return interest


def _percent_interest(self):
    interest = round(self.balance * self.rate / 100, 2)
    if interest > 0:
        self.deposit(interest)
    return interest


def _unvalidated_savings(self, owner, balance=0, rate=0.02):
    BankAccount.__init__(self, owner, balance)
    self.rate = rate


register(
    Exercise(
        id="python.objects.savings_account",
        notebook=NOTEBOOK,
        function="SavingsAccount",
        title="Inheritance: a savings account is a bank account",
        reference=SavingsAccount,
        fixed_cases=[
            Case(("Ada", 100), steps=SAVINGS_STEPS, label="SavingsAccount('Ada', 100)"),
            Case(("Grace", 1234.56), {"rate": 0.035}, steps=SAVINGS_STEPS, label="rate=0.035"),
            Case(("Alan",), steps=SAVINGS_STEPS, label="empty account"),
            Case(("Edsger", 10, 1.5), label="a rate above 1"),
            Case(("Edsger", -10), label="a negative balance (the parent's rule)"),
        ],
        random_cases=lambda rng: [
            Case(
                ("Katherine", int(rng.integers(0, 5000))),
                {"rate": round(float(rng.uniform(0, 0.1)), 3)},
                steps=SAVINGS_STEPS,
                label="random balance and rate",
            )
            for _ in range(2)
        ],
        view=("owner", "balance", "rate"),
        mistakes=[
            Mistake(
                "interest not rounded",
                _variant(SavingsAccount, add_interest=_unrounded_interest),
                "Round the interest to cents with round(..., 2) before depositing it.",
            ),
            Mistake(
                "rate as a percentage",
                _variant(SavingsAccount, add_interest=_percent_interest),
                "rate is a fraction (0.02 means 2 %): the interest is balance * rate.",
            ),
            Mistake(
                "the parent's repr",
                _variant(SavingsAccount, __repr__=BankAccount.__repr__),
                "Override __repr__ so that it names the class SavingsAccount and shows the rate.",
            ),
            Mistake(
                "rate not checked",
                _variant(SavingsAccount, __init__=_unvalidated_savings),
                "Raise ValueError in __init__ when the rate is outside [0, 1].",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 5. Stack -----------------------------------------------------------------------------------


class Stack:
    def __init__(self, items=()):
        self._items = list(items)

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty Stack")
        return self._items.pop()

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty Stack")
        return self._items[-1]

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f"Stack({self._items!r})"


class _ListStack(list):
    def push(self, item):
        self.append(item)

    def peek(self):
        return self[-1]

    def __repr__(self):
        return f"Stack({list(self)!r})"


_ListStack.__name__ = "Stack"


class _AliasingStack(Stack):
    def __init__(self, items=()):
        self._items = items if isinstance(items, list) else list(items)


_AliasingStack.__name__ = "Stack"


STACK_STEPS = (
    ["call", "push", (1,)],
    ["call", "push", ("two",)],
    ["call", "peek"],
    ["unary", "len"],
    ["unary", "repr"],
    ["call", "pop"],
    ["call", "pop"],
    ["call", "pop"],
    ["call", "peek"],
    ["unary", "bool"],
    ["call", "insert", (0, 5)],
    ["call", "append", (3,)],
    ["unary", "repr"],
)


register(
    Exercise(
        id="python.objects.stack",
        notebook=NOTEBOOK,
        function="Stack",
        title="Composition, not inheritance: a Stack",
        reference=Stack,
        fixed_cases=[
            Case((), steps=STACK_STEPS, label="Stack()"),
            Case(
                ([3, 4],),
                steps=(["call", "push", (5,)], ["unary", "repr"], ["call", "peek"], ["unary", "len"], ["unary", "bool"]),
                label="Stack([3, 4])",
            ),
            Case((("a", "b"),), steps=(["call", "pop"], ["call", "pop"], ["unary", "len"]), label="from a tuple"),
        ],
        mistakes=[
            Mistake(
                "inherits from list",
                _ListStack,
                "A Stack that inherits from list also inherits insert, append, sort and "
                "indexing, which let callers break the last-in first-out rule. Keep a list in an "
                "attribute (composition) and expose only push, pop, peek, len and repr.",
            ),
            Mistake(
                "pops from the bottom",
                _variant(Stack, pop=lambda self: self._items.pop(0)),
                "pop removes the item pushed last (the top), not the one pushed first.",
            ),
            Mistake(
                "shares the caller's list",
                _AliasingStack,
                "Copy the initial items (list(items)): pushing must not change the caller's list.",
            ),
            Mistake(
                "peek removes",
                _variant(Stack, peek=Stack.pop),
                "peek looks at the top item without removing it.",
            ),
        ],
        forbidden=NO_LIBRARY + ("collections",),
    )
)


# --- 6. running_mean ---------------------------------------------------------------------------


def running_mean(values):
    total = 0
    for count, value in enumerate(values, start=1):
        total += value
        yield total / count


def _running_sum(values):
    total = 0
    for value in values:
        total += value
        yield total


def _running_mean_list(values):
    result, total = [], 0
    for count, value in enumerate(values, start=1):
        total += value
        result.append(total / count)
    return result


def _running_mean_floor(values):
    total = 0
    for count, value in enumerate(values, start=1):
        total += value
        yield total // count


GENERATOR_STEPS = (["take", 2], ["unary", "list"], ["unary", "list"])


register(
    Exercise(
        id="python.objects.running_mean",
        notebook=NOTEBOOK,
        function="running_mean",
        title="A generator: the running mean",
        reference=running_mean,
        fixed_cases=[
            Case(([2, 4, 9],), steps=GENERATOR_STEPS, label="[2, 4, 9]"),
            Case(([1.5],), steps=GENERATOR_STEPS, label="one value"),
            Case(([],), steps=GENERATOR_STEPS, label="no values"),
            Case(([3, 4, 4, 10, -1],), steps=GENERATOR_STEPS, label="[3, 4, 4, 10, -1]"),
        ],
        random_cases=lambda rng: [
            Case(([int(v) for v in rng.integers(-20, 20, size=8)],), steps=GENERATOR_STEPS, label="8 random integers")
            for _ in range(2)
        ],
        mistakes=[
            Mistake(
                "running sum",
                _running_sum,
                "Divide the total so far by the number of values seen so far.",
            ),
            Mistake(
                "returns a list",
                _running_mean_list,
                "Make it a generator: yield each mean as soon as it is known instead of building "
                "a list. A generator remembers where it stopped, so after two values are taken "
                "the next list() holds only the rest.",
            ),
            Mistake(
                "integer division",
                _running_mean_floor,
                "Use / (true division): // rounds the mean down to a whole number.",
            ),
        ],
        forbidden=NO_LIBRARY + ("statistics", "itertools"),
    )
)


# --- 7. Progress -------------------------------------------------------------------------------


class Progress:
    def __init__(self, items, every=10):
        if not isinstance(every, int) or every < 1:
            raise ValueError(f"every must be a positive int, got {every!r}")
        self.items = items
        self.every = every
        self.reports = []

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        total = len(self.items)
        for done, item in enumerate(self.items, start=1):
            yield item
            if done % self.every == 0 or done == total:
                self.reports.append(f"{done}/{total}")


def _progress_without_last(self):
    total = len(self.items)
    for done, item in enumerate(self.items, start=1):
        yield item
        if done % self.every == 0:
            self.reports.append(f"{done}/{total}")


def _progress_twice_at_end(self):
    total = len(self.items)
    for done, item in enumerate(self.items, start=1):
        yield item
        if done % self.every == 0:
            self.reports.append(f"{done}/{total}")
    self.reports.append(f"{total}/{total}")


def _progress_off_by_one(self):
    total = len(self.items)
    for done, item in enumerate(self.items):
        yield item
        if done % self.every == 0 or done == total - 1:
            self.reports.append(f"{done + 1}/{total}")


PROGRESS_STEPS = (["unary", "len"], ["get", "reports"], ["unary", "list"], ["get", "reports"])


register(
    Exercise(
        id="python.objects.progress",
        notebook=NOTEBOOK,
        function="Progress",
        title="An iterable that reports its progress",
        reference=Progress,
        fixed_cases=[
            Case(([10, 20, 30, 40, 50], 2), steps=PROGRESS_STEPS, label="5 items, every 2"),
            Case((list("abcd"), 2), steps=PROGRESS_STEPS, label="4 items, every 2"),
            Case((list(range(7)),), steps=PROGRESS_STEPS, label="7 items, default every=10"),
            Case(([], 3), steps=PROGRESS_STEPS, label="no items"),
            Case(([1, 2], 0), label="every=0"),
        ],
        random_cases=lambda rng: [
            Case(
                (list(range(n)), every),
                steps=PROGRESS_STEPS,
                label=f"{n} items, every {every}",
            )
            for n, every in ((int(rng.integers(1, 60)), int(rng.integers(1, 12))) for _ in range(3))
        ],
        view=("reports",),
        mistakes=[
            Mistake(
                "no final report",
                _variant(Progress, __iter__=_progress_without_last),
                "Also report after the last item when the total is not a multiple of every, so "
                "that the last report always says n/n.",
            ),
            Mistake(
                "final report twice",
                _variant(Progress, __iter__=_progress_twice_at_end),
                "When the last item falls on a multiple of every, it has just been reported: do "
                "not report it a second time.",
            ),
            Mistake(
                "counts from 0",
                _variant(Progress, __iter__=_progress_off_by_one),
                "Count the items done starting from 1 (enumerate(items, start=1)): after 2 items "
                "with every=2 the report is '2/5'.",
            ),
        ],
        forbidden=NO_LIBRARY + ("tqdm",),
    )
)
