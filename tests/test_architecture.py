"""The package's architecture rules (issue 13), checked on the source so they cannot drift.

- Only `bantin.adapter` imports MkDocs or Material, at any level (a lazy import inside a
  function ties the core to the engine just as much).
- No module imports, directly or through others, a module that imports it back: the
  package reads bottom-up, and a cycle means a seam in the wrong place.
- Packages are layered: each imports only packages before it in LAYERS (the order
  bantin/__init__.py and docs/decisions.md give a newcomer).
- Every subpackage says in its `__init__` what it is for (the folder list explains the
  architecture only if each folder says what it holds).
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "bantin"
ENGINE = ("mkdocs", "material", "properdocs")
LAYERS = ("problems", "text", "legal", "files", "outputs", "workers", "config", "content", "convert", "search",
          "site", "adapter", "tools", "cli")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """Every module `name` imports (absolute names, any nesting level), with its line."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            out.append((base, node.lineno))
            out += [(f"{base}.{alias.name}", node.lineno) for alias in node.names if f"{base}.{alias.name}" in known]
    return out


def graph() -> dict[str, set[str]]:
    found = modules()
    edges = {}
    for name, path in found.items():
        edges[name] = {target for target, _ in imported(name, path, set(found)) if target in found and target != name
                       and not name.startswith(target + ".")}  # a module's own package __init__ is not a cycle
    return edges


def test_only_the_adapter_imports_the_engine():
    found = modules()
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{line}: {target}"
             for name, path in found.items() if not name.startswith("bantin.adapter")
             for target, line in imported(name, path, set(found)) if target.split(".")[0] in ENGINE]
    assert not wrong, "MkDocs/Material imported outside bantin.adapter:\n" + "\n".join(wrong)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    found = cycles(graph())
    assert not found, "modules that import each other back:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_subpackage_says_what_it_holds():
    bare = [str(init.relative_to(PACKAGE.parent)) for init in PACKAGE.rglob("__init__.py")
            if ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) is None]
    assert not bare, "subpackages without a docstring: " + ", ".join(bare)


def package_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "bantin"


def test_packages_import_only_the_layers_below():
    found = modules()
    assert {package_of(name) for name in found} - {"bantin"} == set(LAYERS), "a package is missing from LAYERS"
    upward = sorted(f"{found[a].relative_to(PACKAGE.parent)}: imports {b}"
                    for a, targets in graph().items() for b in targets
                    if package_of(a) != "bantin" and package_of(b) != "bantin"
                    and LAYERS.index(package_of(b)) > LAYERS.index(package_of(a)))
    assert not upward, "imports of a higher layer (LAYERS):\n" + "\n".join(upward)
