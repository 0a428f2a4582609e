"""The folder tree tells a document's trip: imports run from a later stage to an earlier one (or to
the toolbox), never back, and no module imports itself in a circle. Read from the source with `ast`,
so a lazy import inside a function counts too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

# lower number = earlier / more basic; a module may import only from its own rank or lower
RANK = {
    "extractor": 0, "extractor.errors": 0, "extractor.data": 0,
    "extractor.language": 1,
    "extractor.readers": 2,
    "extractor.text": 3,
    "extractor.structure": 4,
    "extractor.persons": 5,
    "extractor.linking": 6,
    "extractor.export": 7,
    "extractor.pipeline": 8,
    "extractor.evaluation": 9, "extractor.bulk": 9, "extractor.integrations": 9,
    "extractor.cli": 10,
}
TOP_LEVEL = {"__init__.py", "pipeline.py", "cli.py", "errors.py"}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    """Modules of `extractor` that a file imports (absolute names)."""
    out = set()
    me = _module(path).split(".")
    package = me if path.name == "__init__.py" else me[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names]
            out |= {n for n in [base] + names if n.startswith("extractor")}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("extractor")}
    return out


MODULES = sorted((ROOT / "extractor").rglob("*.py"))


def test_top_level_holds_only_the_entry_points_and_stage_packages():
    loose = {p.name for p in (ROOT / "extractor").glob("*.py")}
    assert loose <= TOP_LEVEL
    for d in (ROOT / "extractor").iterdir():
        if d.is_dir() and d.name != "__pycache__":
            assert (d / "__init__.py").is_file(), d.name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_down_the_stages(path):
    mine = _stage(_module(path))
    for target in _imports(path):
        theirs = _stage(target)
        if theirs in RANK:
            assert RANK[theirs] <= RANK[mine], f"{_module(path)} imports {target}"


def test_no_import_cycle_between_modules():
    known = {_module(p) for p in MODULES}
    graph = {}
    for p in MODULES:
        deps = set()
        for target in _imports(p):
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != _module(p) and not _module(p).startswith(target + "."):
                deps.add(target)
        graph[_module(p)] = deps - {m for m in deps if m == "extractor"}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join(trail + [node, nxt]))
            if not state.get(nxt):
                visit(nxt, trail + [node])
        state[node] = 2

    for m in graph:
        if not state.get(m):
            visit(m, [])
