"""The house rules of the code base, read from the source with `ast`: dependencies run one
way (command line -> reporting -> analysis -> execution -> simulation), with no cycle in
any package, nothing outside the command line importing it, and the model importing no
experiment."""

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("simulation", "experiments", "benchmarks")
# Lower layers may not import higher ones, top to bottom. The classroom (the live app) and
# validation (the published figures graded) are applications of the layers below, like
# the command line: the command line starts validation, the classroom uses reporting and
# scenarios, and nothing below imports either, so both sit between cli and reporting.
# Scenarios and errors sit under execution; simulation, the model, sits under them all.
LAYERS = ["experiments.cli", "experiments.classroom", "experiments.validation",
          "experiments.reporting", "experiments.analysis", "experiments.execution",
          "experiments.scenarios", "experiments.errors", "simulation"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def imports_of(path: Path) -> set[str]:
    """Every module imported anywhere in the file (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@functools.cache
def project_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (a package import counts as its __init__);
    read once per session, so do not change it."""
    known = modules()
    return {name: {m for m in imports_of(path) if m in known and m != name}
            for name, path in known.items()}


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_real_imports():
    graph = project_graph()
    assert "experiments.execution.runs" in graph["experiments.execution.runner"]
    assert "simulation.network" in graph["simulation.model"]


def packages() -> list[str]:
    """Every package of the project: the top-level ones and each folder with an __init__."""
    return sorted(name for name, path in modules().items() if path.name == "__init__.py")


def test_every_folder_of_every_top_level_package_is_a_package():
    assert {"simulation", "simulation.parameters", "simulation.recording",
            "experiments.validation", "experiments.classroom"} <= set(packages())
    for pkg in PACKAGES:
        for folder in (ROOT / pkg).rglob("*"):
            if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py")):
                assert (folder / "__init__.py").exists(), folder


@pytest.mark.parametrize("package", packages())
def test_no_import_cycle_within_a_package(package):
    graph = project_graph()
    # A module importing its own package (whose __init__ re-exports it) is not a cycle
    # of concerns: `from simulation import service` inside simulation names the module.
    graph = {m: {d for d in deps if not (d in graph and within(m, d))} for m, deps in graph.items()}
    inside = {m: {d for d in deps if within(d, package)}
              for m, deps in graph.items() if within(m, package)}
    assert find_cycle(inside) is None


def test_the_recording_reads_no_model():
    graph = project_graph()
    for module in (m for m in graph if within(m, "simulation.recording")):
        assert "simulation.model" not in graph[module], module


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_nothing_outside_the_command_line_imports_it():
    offenders = {m: sorted(d for d in deps if within(d, "experiments.cli"))
                 for m, deps in project_graph().items() if not within(m, "experiments.cli")}
    assert {m: d for m, d in offenders.items() if d} == {}


def test_simulation_imports_nothing_from_experiments():
    offenders = {m: sorted(deps) for m, deps in project_graph().items()
                 if within(m, "simulation") and any(within(d, "experiments") for d in deps)}
    assert offenders == {}


@pytest.mark.parametrize("lower", LAYERS[1:])
def test_layers_import_only_downwards(lower):
    higher = LAYERS[:LAYERS.index(lower)]
    assert any(within(m, lower) for m in project_graph()), f"no module in layer {lower}"
    offenders = {m: sorted(d for d in deps if any(within(d, h) for h in higher))
                 for m, deps in project_graph().items() if within(m, lower)}
    assert {m: d for m, d in offenders.items() if d} == {}


def test_parameters_load_without_the_graph_libraries():
    """Params (and the parameter groups) import neither networkx nor scipy; the package
    `simulation` itself is stood in for so its CustomerModel import does not count."""
    code = ("import sys, types; pkg = types.ModuleType('simulation'); "
            f"pkg.__path__ = [{str(ROOT / 'simulation')!r}]; sys.modules['simulation'] = pkg; "
            "import simulation.parameters.params; "
            "print(sorted(m for m in ('networkx', 'scipy', 'mesa') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_notebooks_import_experiments_only_from_its_public_surface():
    """Notebooks import nothing deeper than `experiments` and `simulation`, and only the
    names those packages publish."""
    import json

    import experiments
    import simulation
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(path.read_text())["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        tree = ast.parse("\n".join(line for line in source.splitlines()
                                   if not line.lstrip().startswith(("%", "!"))))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and "experiments" in node.module:
                assert node.module == "experiments", f"{path.name}: from {node.module} import"
                for alias in node.names:
                    assert alias.name in experiments.__all__, f"{path.name}: {alias.name}"
            if isinstance(node, ast.ImportFrom) and node.module and "simulation" in node.module:
                assert node.module == "simulation", f"{path.name}: from {node.module} import"
                for alias in node.names:
                    assert alias.name in simulation.__all__, f"{path.name}: {alias.name}"
            if isinstance(node, ast.Import):
                deep = [a.name for a in node.names if a.name.startswith(("experiments.",
                                                                           "simulation."))]
                assert not deep, f"{path.name}: import {', '.join(deep)}"
