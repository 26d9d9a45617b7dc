"""Read a submission's code (never run it) for forbidden names.

The names an exercise forbids are looked for in the learner's function (or
class) *and* in every top-level function, class or assignment of the notebook
that it uses, directly or through others, with the notebook's imports and
aliases resolved: ``from statistics import mean as m`` in one cell makes
``m(x)`` in another count as ``statistics.mean``.

Separately, a few names are forbidden in the whole notebook because using them
can only be an attempt to read the answers: anything in
``curriculum.exercises`` except ``check``, and ``curriculum.grading``.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field

from ..exercises.static import _dotted, normalise, parse

# Forbidden everywhere, for every exercise (scikit-learn solves most of them in one line).
ALWAYS_FORBIDDEN = ("sklearn",)
# Forbidden anywhere in a notebook: the answers, the grader.
TAMPERING = ("curriculum.exercises", "curriculum.grading")
ALLOWED = ("curriculum.exercises", "curriculum.exercises.check")
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


@dataclass
class Program:
    """The parsed notebook: top-level definitions, aliases and the parse errors."""

    definitions: dict[str, list[ast.AST]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    imports: list[tuple[str, int]] = field(default_factory=list)
    trees: list[tuple[int, ast.Module]] = field(default_factory=list)


def parse_program(cells: list[tuple[int, str]]) -> Program:
    """Parse every cell that parses; collect imports, aliases and top-level names."""
    program = Program()
    for index, code in cells:
        try:
            tree = parse(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        program.trees.append((index, tree))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    program.imports.append((alias.name, index))
                    head = alias.name.split(".")[0]
                    program.aliases[alias.asname or head] = alias.name if alias.asname else head
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                program.imports.append((node.module, index))
                for alias in node.names:
                    qualified = f"{node.module}.{alias.name}"
                    program.imports.append((qualified, index))
                    program.aliases[alias.asname or alias.name] = qualified
        for node in tree.body:
            for name in _defined_names(node):
                program.definitions.setdefault(name, []).append(node)
    return program


def _defined_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    targets = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    names = []
    for target in targets:
        for sub in ast.walk(target):
            if isinstance(sub, ast.Name):
                names.append(sub.id)
    return names


def _names_in(nodes: list[ast.AST], aliases: dict[str, str], shadowed=frozenset()) -> tuple[set[str], set[str]]:
    """Qualified names used in ``nodes``, and the bare names they refer to.

    A built-in used by name counts as ``builtins.NAME`` (``builtins.map``),
    unless ``shadowed`` says the code defines a name of its own like it.
    """
    used: set[str] = set()
    bare: set[str] = set()
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Attribute):
                used.add("." + node.attr)
                dotted = _dotted(node)
                if dotted:
                    head, _, rest = dotted.partition(".")
                    base = aliases.get(head, head)
                    used.add(f"{base}.{rest}" if rest else base)
            elif isinstance(node, ast.Name):
                bare.add(node.id)
                if node.id in aliases:
                    used.add(aliases[node.id])
                elif node.id in _BUILTINS and node.id not in shadowed:
                    used.add("builtins." + node.id)
            elif isinstance(node, ast.Import):
                used.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                used.add(node.module)
                used.update(f"{node.module}.{alias.name}" for alias in node.names)
            if isinstance(node, ast.Call):
                target = _dotted(node.func) or ""
                if target.endswith("import_module") or target == "__import__":
                    for arg in node.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            used.add(arg.value)
    return used, bare


def reachable_names(program: Program, function: str) -> set[str] | None:
    """Every qualified name used by ``function`` and the notebook code it relies on.

    Returns None when the notebook defines no top-level ``function``.
    """
    if function not in program.definitions:
        return None
    seen_defs: set[str] = set()
    todo = [function]
    used: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen_defs:
            continue
        seen_defs.add(name)
        nodes = program.definitions.get(name, [])
        local = _local_names(nodes)
        names, bare = _names_in(nodes, program.aliases, local | set(program.definitions))
        used |= names
        bare -= local
        todo.extend(b for b in bare if b in program.definitions and b not in seen_defs)
    return used


def _local_names(nodes: list[ast.AST]) -> set[str]:
    """Parameters and variables assigned inside function definitions (they shadow globals)."""
    local: set[str] = set()
    for root in nodes:
        if not isinstance(root, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        for node in ast.walk(root):
            if isinstance(node, ast.arg):
                local.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                local.add(node.id)
            elif isinstance(node, ast.Global | ast.Nonlocal):
                local.difference_update(node.names)
    return local


def _matches(name: str, entry: str) -> bool:
    wanted = normalise(entry)
    return name == wanted or (not wanted.startswith(".") and name.startswith(wanted + "."))


def forbidden_in(names: set[str], forbidden) -> list[str]:
    """The entries of ``forbidden`` (as spelled there) that ``names`` use."""
    return [entry for entry in forbidden if any(_matches(name, entry) for name in names)]


def tampering(program: Program) -> list[str]:
    """Imports and references anywhere in the notebook that can only be reading the answers."""
    names, _ = _names_in([tree for _, tree in program.trees], program.aliases)
    names |= {name for name, _ in program.imports}
    hits = set()
    for name in names:
        if name in ALLOWED:
            continue
        for entry in TAMPERING:
            if _matches(name, entry):
                hits.add(name)
    # "a.b" says it all when "a.b.c" is also there.
    return sorted(h for h in hits if not any(h != o and h.startswith(o + ".") for o in hits))


def forbidden_for(program: Program, function: str, forbidden) -> list[str]:
    """What an exercise forbids that its function (or the code it relies on) uses.

    A function the code does not define at top level (a syntax error in its
    cell, a misspelt name) gets no verdict here: it is ``missing`` or, if it
    appears at run time, the import blocker still watches it.
    """
    entries = tuple(dict.fromkeys((*ALWAYS_FORBIDDEN, *forbidden)))
    names = reachable_names(program, function)
    if names is None:
        return []
    return forbidden_in(names, entries)
