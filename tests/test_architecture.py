"""The package's architecture rules (issue 13), checked on the source so they cannot drift.

- Only `bantin.adapter` imports MkDocs or Material, at any level (a lazy import inside a
  function ties the core to the engine just as much).
- No module imports, directly or through others, a module that imports it back: the
  package reads bottom-up, and a cycle means a seam in the wrong place.
- Packages are layered: each imports only packages before it in LAYERS (the order
  bantin/__init__.py and docs/decisions.md give a newcomer).
- Every subpackage says in its `__init__` what it is for (the folder list explains the
  architecture only if each folder says what it holds).
- `bantin/__init__.py` holds only its docstring and `__version__`: it is imported before
  every module, so anything it imported would sit below every layer unchecked.

The source checks see `import`, `from … import` and calls of `importlib.import_module` /
`__import__`; one more test imports every engine-free module in a fresh process and looks
at `sys.modules`, which no spelling of an import can fool. Each check is run once on a
planted violation, so that a check that sees nothing cannot pass for a clean tree.
"""
import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "bantin"
ENGINE = ("mkdocs", "material", "properdocs")
LAYERS = ("problems", "text", "legal", "files", "outputs", "workers", "config", "content", "convert", "search",
          "site", "adapter", "tools", "cli")


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(name: str, path: Path, known: set[str], source: str | None = None) -> list[tuple[str, int]]:
    """Every module `name` imports (absolute names, any nesting level), with its line."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    source = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(source)):
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


DYNAMIC = {"importlib.import_module", "import_module", "__import__", "importlib.__import__", "builtins.__import__"}


def _called(func: ast.expr) -> str:
    """`importlib.import_module` for that call's function, `__import__` for a bare name."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return ""


def dynamic_imports(source: str) -> list[tuple[str | None, int]]:
    """(module name, line) of every `importlib.import_module(…)` / `__import__(…)` call; the
    name is None when it is not a string constant (the check cannot know what it loads)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called(node.func) in DYNAMIC:
            arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "name"), None)
            named = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            out.append((named, node.lineno))
    return out


def engine_imports(name: str, source: str, known: set[str] = frozenset()) -> list[str]:
    """'line: what' for each way `name` (outside bantin.adapter) may load the engine."""
    if name == "bantin.adapter" or name.startswith("bantin.adapter."):
        return []
    path = Path(*name.split(".")).with_suffix(".py")
    wrong = [f"{line}: {target}" for target, line in imported(name, path, set(known), source)
             if target.split(".")[0] in ENGINE]
    for target, line in dynamic_imports(source):
        if target is None:
            wrong.append(f"{line}: a dynamic import whose module is not a string constant")
        elif target.split(".")[0] in ENGINE:
            wrong.append(f"{line}: {target} (dynamic import)")
    return wrong


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → modules it imports; an import of a package's name is an edge to its `__init__`."""
    found = modules(package)
    edges = {}
    for name, path in found.items():
        edges[name] = {target for target, _ in imported(name, path, set(found)) if target in found and target != name}
    return edges


def test_only_the_adapter_imports_the_engine():
    found = modules()
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{where}" for name, path in found.items()
             for where in engine_imports(name, path.read_text(encoding="utf-8"), set(found))]
    assert not wrong, "MkDocs/Material imported outside bantin.adapter:\n" + "\n".join(wrong)


PLANTED = """
import importlib
from importlib import import_module
import importlib as il


def later(name):
    importlib.import_module("mkdocs.config")
    __import__("material")
    import_module(name="properdocs")
    importlib.import_module("bantin.text.vi")  # fine: not the engine
    import_module(name)
    il.import_module(f"mk{'docs'}")
    from mkdocs import plugins
"""


def test_engine_check_sees_every_spelling_of_an_import():
    wrong = engine_imports("bantin.site.planted", PLANTED)
    assert [w.split(":")[0] for w in wrong] == ["14", "8", "9", "10", "12"]
    assert "mkdocs.config (dynamic import)" in wrong[1] and "material (dynamic import)" in wrong[2]
    assert "not a string constant" in wrong[4]
    assert engine_imports("bantin.adapter.planted", PLANTED) == []


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


def rank(package: str) -> int:
    """A package's place in LAYERS; the root `bantin` (docstring and version only) is below all."""
    return -1 if package == "bantin" else LAYERS.index(package)


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a}: imports {b}" for a, targets in edges.items() for b in targets
                  if rank(package_of(b)) > rank(package_of(a)))


def test_packages_import_only_the_layers_below():
    found = modules()
    assert {package_of(name) for name in found} - {"bantin"} == set(LAYERS), "a package is missing from LAYERS"
    upward = upward_imports(graph())
    assert not upward, "imports of a higher layer (LAYERS):\n" + "\n".join(upward)


def test_layer_check_sees_the_root_and_upward_imports():
    assert upward_imports({"bantin": {"bantin.site.build"}, "bantin.text.vi": {"bantin.cli.commands"},
                           "bantin.cli.commands": {"bantin.text.vi", "bantin"}}) == [
        "bantin.text.vi: imports bantin.cli.commands", "bantin: imports bantin.site.build"]


# --- the root package and the subpackages' __init__ ----------------------------------------

def root_problems(source: str) -> list[str]:
    """What `bantin/__init__.py` holds beyond its docstring and `__version__ = "…"`."""
    body = ast.parse(source).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return [f"{node.lineno}: {ast.unparse(node)[:60]}" for node in body
            if not (isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["__version__"]
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str))]


def test_root_holds_only_its_docstring_and_version():
    wrong = root_problems((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    assert not wrong, "bantin/__init__.py may hold only its docstring and __version__:\n" + "\n".join(wrong)


def test_root_check_refuses_anything_else():
    assert root_problems('"""Doc."""\n__version__ = "1.0"\n') == []
    assert root_problems('"""Doc."""\n__version__ = "1.0"\nfrom bantin.site import build\n') == [
        "3: from bantin.site import build"]
    assert len(root_problems('import os\n__version__ = os.environ["V"]\nVERSION = "1"\n')) == 3


def init_imports(source: str) -> list[int]:
    """Lines of imports run when a package's `__init__` is imported (outside functions)."""
    out, todo = [], list(ast.parse(source).body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(node.lineno)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            todo += list(ast.iter_child_nodes(node))
    return sorted(out)


def test_no_package_init_imports_when_imported():
    """An `__init__` runs before each of its modules: one that imported them (or what imports
    them) would be a cycle the graph cannot see; cli's `main` imports only when called."""
    wrong = [f"{init.relative_to(PACKAGE.parent)}:{line}" for init in PACKAGE.rglob("__init__.py")
             for line in init_imports(init.read_text(encoding="utf-8"))]
    assert not wrong, "package __init__ files that import at import time:\n" + "\n".join(wrong)


def test_init_check_sees_imports_outside_functions():
    assert init_imports("import os\nif True:\n    from . import x\ndef f():\n    import y\n") == [1, 3]


def test_cycles_through_a_package_init_are_seen(tmp_path):
    """`from bantin.cli import x` in cli/commands.py depends on cli/__init__.py, which imports it back."""
    for rel, text in {"__init__.py": "", "cli/x.py": "", "cli/commands.py": "from bantin.cli import x\n",
                      "cli/__init__.py": "def main():\n    from bantin.cli.commands import main\n"}.items():
        (tmp_path / "bantin" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "bantin" / rel).write_text(text, encoding="utf-8")
    assert cycles(graph(tmp_path / "bantin")) == [["bantin.cli", "bantin.cli.commands"]]


# --- at run time ---------------------------------------------------------------------------

CORE_EXEMPT = ("bantin.adapter", "bantin.cli", "bantin.tools")
PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {engine!r})))
"""


def engine_loaded_by(names: list[str]) -> list[str]:
    """The engine's modules in sys.modules after importing `names` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(engine=set(ENGINE)), *names],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_importing_the_core_loads_no_engine():
    core = sorted(name for name in modules() if not name.startswith(CORE_EXEMPT))
    assert "bantin.site.build" in core and "bantin.workers.splitrender" in core
    loaded = engine_loaded_by(core)
    assert not loaded, "importing the engine-free packages loaded: " + ", ".join(loaded)


def test_runtime_probe_sees_the_engine():
    assert "mkdocs" in engine_loaded_by(["bantin.text.vi", "bantin.adapter.engine"])
