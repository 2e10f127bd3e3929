"""The shape of the code, read from the source (ast only: nothing here imports cockpit).

Layering (DESIGN §9): domain imports only domain and the standard library (and pendulum, the
date library the brief names); the store imports nothing of cockpit; the quick-log
language imports the domain at most; no package but the UI imports Textual, Rich or the UI
(the command line only inside the function that opens the TUI); no import cycles, except
under TYPE_CHECKING. Size: no module over 400 lines, ui/app.py at most 150. The allowlist
below holds the exceptions that remain; an entry may only shrink, and goes when its module
fits.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cockpit"

MAX_LINES = 400
LIMITS = {"cockpit/ui/app.py": 150}
# Modules still over their limit, with the most lines each may have. Shrink, never grow;
# delete the entry when the module fits.
ALLOWLIST: dict[str, int] = {}

DOMAIN_THIRD_PARTY = frozenset({"pendulum"})
UI_ONLY = ("textual", "rich", "cockpit.ui")


@dataclass(frozen=True)
class Import:
    """One import statement's target, and where it sits."""

    target: str
    line: int
    typing_only: bool  # under `if TYPE_CHECKING:`
    lazy: bool  # inside a function


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    imports: tuple[Import, ...]

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, name: str, names: frozenset[str]) -> tuple[Import, ...]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, typing_only: bool, lazy: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True, lazy)
            for child in node.orelse:
                visit(child, typing_only, lazy)
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            lazy = True
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, node.lineno, typing_only, lazy))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from pkg import mod` imports the module pkg.mod when there is one.
                sub = f"{base}.{alias.name}"
                target = sub if sub in names else base
                found.append(Import(target, node.lineno, typing_only, lazy))
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only, lazy)

    visit(tree, False, False)
    return tuple(found)


@cache
def modules() -> tuple[Module, ...]:
    paths = sorted(PACKAGE.rglob("*.py"))
    names = frozenset(_module_name(p) for p in paths)
    return tuple(Module(_module_name(p), p, _imports(p, _module_name(p), names)) for p in paths)


def _within(target: str, *packages: str) -> bool:
    return any(target == p or target.startswith(p + ".") for p in packages)


def _in_package(package: str) -> list[Module]:
    return [m for m in modules() if _within(m.name, package)]


def _violations(found: list[tuple[Module, Import]]) -> list[str]:
    return [f"{m.rel}:{i.line} imports {i.target}" for m, i in found]


def test_the_reader_finds_every_package() -> None:
    """Guards the checks below against passing because they read nothing."""
    names = {m.name for m in modules()}
    for package in ("domain", "store", "quicklog", "services", "ui", "cli"):
        assert f"cockpit.{package}" in names
    assert len(names) > 100


def test_domain_imports_only_domain_and_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | DOMAIN_THIRD_PARTY | {"__future__"}
    bad = [
        (m, i)
        for m in _in_package("cockpit.domain")
        for i in m.imports
        if not _within(i.target, "cockpit.domain") and i.target.split(".")[0] not in allowed
    ]
    assert not bad, _violations(bad)


def test_store_imports_nothing_of_cockpit() -> None:
    bad = [
        (m, i)
        for m in _in_package("cockpit.store")
        for i in m.imports
        if _within(i.target, "cockpit") and not _within(i.target, "cockpit.store")
    ]
    assert not bad, _violations(bad)


def test_quicklog_imports_the_domain_at_most() -> None:
    bad = [
        (m, i)
        for m in _in_package("cockpit.quicklog")
        for i in m.imports
        if _within(i.target, "cockpit")
        and not _within(i.target, "cockpit.quicklog", "cockpit.domain")
    ]
    assert not bad, _violations(bad)


def test_no_core_package_imports_textual_rich_or_the_ui() -> None:
    bad = []
    for m in modules():
        if _within(m.name, "cockpit.ui"):
            continue
        for i in m.imports:
            # The command line opens the TUI from inside one function, so `cockpit log`
            # never loads Textual; everything else never imports it at all.
            if _within(m.name, "cockpit.cli") and i.lazy:
                continue
            if _within(i.target, *UI_ONLY):
                bad.append((m, i))
    assert not bad, _violations(bad)


# Groups of modules that import each other today; each may only shrink, and goes when
# its cycle is broken.
ALLOWED_CYCLES: list[frozenset[str]] = []


def _cycles() -> list[frozenset[str]]:
    """Every group of modules that import each other (Tarjan's strongly connected parts)."""
    names = {m.name for m in modules()}
    graph = {
        m.name: sorted(
            {i.target for i in m.imports if not i.typing_only and i.target in names} - {m.name}
        )
        for m in modules()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = {stack.pop()}
            while node not in group:
                group.add(stack.pop())
            if len(group) > 1:
                groups.append(frozenset(group))

    for start in sorted(graph):
        if start not in index:
            visit(start)
    return groups


def test_no_import_cycles_except_for_type_checking() -> None:
    unexpected = [
        sorted(group)
        for group in _cycles()
        if not any(group <= allowed for allowed in ALLOWED_CYCLES)
    ]
    assert not unexpected, unexpected


def test_an_allowed_cycle_still_exists() -> None:
    """An entry goes once its cycle is broken, so the list only shrinks."""
    cycles = _cycles()
    gone = [sorted(a) for a in ALLOWED_CYCLES if not any(g == a for g in cycles)]
    assert not gone, f"{gone}: delete from ALLOWED_CYCLES"


def _limit(rel: str) -> int:
    return LIMITS.get(rel, MAX_LINES)


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_its_size_limit() -> None:
    over = []
    for m in modules():
        lines, cap = _lines(m.path), ALLOWLIST.get(m.rel, _limit(m.rel))
        if lines > cap:
            over.append(f"{m.rel}: {lines} lines (limit {cap})")
    assert not over, over


def test_an_allowlisted_module_is_still_over_its_limit() -> None:
    """An entry goes once its module fits (or is gone), so the list only shrinks."""
    for rel in ALLOWLIST:
        path = ROOT / rel
        assert path.exists(), f"{rel} is gone: delete it from ALLOWLIST"
        assert _lines(path) > _limit(rel), f"{rel} fits now: delete it from ALLOWLIST"


def test_the_readme_layout_names_every_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    packages = sorted(
        path.parent.relative_to(ROOT).as_posix() + "/" for path in PACKAGE.glob("*/__init__.py")
    )
    missing = [p for p in packages if p not in layout]
    assert not missing, f"README.md's Layout section does not name {missing}"


def test_tests_import_helpers_never_a_conftest_or_another_test_module() -> None:
    tests = ROOT / "tests"
    bad = []
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                last = name.rpartition(".")[2]
                if last == "conftest" or last.startswith("test_"):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not bad, bad


def test_every_test_folder_is_a_package() -> None:
    folders = {p.parent for p in (ROOT / "tests").rglob("test_*.py")}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists())
    assert not missing, missing
