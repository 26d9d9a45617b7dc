"""Static analysis of a learner's source: forbidden names and Python loops.

Parsing is done with :mod:`ast`; nothing is executed, so the grader can use
these functions on untrusted code in its own process.
"""

from __future__ import annotations

import ast
import builtins

from .._wire import AST_LOCK as PARSE_LOCK

# CPython 3.11 before 3.11.8 can fail with "AST constructor recursion depth
# mismatch" when two threads build AST objects at once (the grader grades in
# threads): every parse holds the lock that also guards np.load in _wire.


def parse(source: str) -> ast.Module:
    """``ast.parse`` that is safe to call from several threads."""
    with PARSE_LOCK:
        return ast.parse(source)


_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def used_names(source: str) -> set[str]:
    """Return the fully qualified names a piece of code imports or refers to.

    Aliases are resolved (``import numpy as np`` makes ``np.mean`` count as
    ``numpy.mean``). Module imports appear as the module name; attribute
    accesses on any object also appear as ``.name`` (so ``x.mean()`` gives
    ``.mean``), and built-ins used by name as ``builtins.name`` (``builtins.map``).
    """
    tree = parse(source)
    aliases: dict[str, str] = {}
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names.add(alias.name)
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            for alias in node.names:
                qualified = f"{node.module}.{alias.name}"
                names.add(qualified)
                aliases[alias.asname or alias.name] = qualified
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names.add("." + node.attr)
            dotted = _dotted(node)
            if dotted:
                head, _, rest = dotted.partition(".")
                names.add(f"{aliases.get(head, head)}.{rest}" if rest else aliases.get(head, head))
        elif isinstance(node, ast.Name) and node.id in aliases:
            names.add(aliases[node.id])
        elif isinstance(node, ast.Name) and node.id in _BUILTINS:
            # a built-in function used by name: forbid it as "builtins.map"
            names.add("builtins." + node.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("__import__", "import_module"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        names.add(arg.value)
        if isinstance(node, ast.Call):
            # importlib.import_module("x") and __import__("x") name modules in strings
            target = _dotted(node.func) or ""
            if target.endswith("import_module") or target == "__import__":
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        names.add(arg.value)
    return names


def normalise(name: str) -> str:
    """Spell ``np.`` as ``numpy.`` so that forbidden lists can use either."""
    if name.startswith("np."):
        return "numpy." + name[3:]
    return name


def forbidden_used(source: str, forbidden) -> list[str]:
    """Return the forbidden names (as spelled in ``forbidden``) that ``source`` uses.

    A forbidden entry ``"statistics"`` matches the module and everything in
    it; ``"numpy.mean"`` matches that function however numpy was imported;
    ``".mean"`` matches any attribute or method called ``mean``.
    """
    if not forbidden:
        return []
    try:
        names = used_names(source)
    except SyntaxError:
        return []
    hits = []
    for entry in forbidden:
        wanted = normalise(entry)
        for name in names:
            if name == wanted or (not wanted.startswith(".") and name.startswith(wanted + ".")):
                hits.append(entry)
                break
    return hits


def function_source(source: str, name: str) -> str | None:
    """Return the source of the top-level ``def``/``class`` called ``name``, if any."""
    try:
        tree = parse(source)
    except SyntaxError:
        return None
    found = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name == name:
            found = ast.get_source_segment(source, node)
    return found


def has_loop(source: str) -> bool:
    """True if the code contains a ``for`` or ``while`` loop or a comprehension."""
    try:
        tree = parse(source)
    except SyntaxError:
        return False
    loop_types = (ast.For, ast.While, ast.AsyncFor, ast.ListComp, ast.GeneratorExp, ast.DictComp, ast.SetComp)
    return any(isinstance(node, loop_types) for node in ast.walk(tree))
