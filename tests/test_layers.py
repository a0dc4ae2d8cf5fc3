"""Nothing outside assistant/tui imports Textual, and non-TUI commands start without it."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import assistant


def core_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(assistant.__path__, "assistant.")
        if not m.name.startswith("assistant.tui") and m.name != "assistant.__main__"
    ]


def test_core_modules_do_not_import_textual():
    modules = core_modules()
    assert "assistant.session" in modules and "assistant.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_non_tui_commands_start_without_textual():
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        "for args in (['guides'], ['check'], ['notes', 'list']):\n"
        "    main(args)\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "CLEAN"


# --- the import graph ----------------------------------------------------------------------------
# Each room of the house and the layer it lives on. A module may import its own layer and the
# layers below it, never one above; every module must be placed here, so a new room is a decision.
LAYERS: dict[str, int] = {
    "assistant": 0,  # the package itself: its version
    "assistant.yamlkit": 0,  # YAML with positions, problems and suggestions
    "assistant.dialogue": 1,
    "assistant.engine": 1,
    "assistant.notes": 1,
    "assistant.roleplay": 2,
    "assistant.session": 3,
    "assistant.practice": 3,
    "assistant.slash": 3,
    "assistant.plain": 4,
    "assistant.cli": 4,
    "assistant.check": 4,
    "assistant.tui": 4,
    "assistant.__main__": 4,
}
PACKAGE = Path(assistant.__file__).parent


def module_files() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("assistant", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every assistant module the file imports, at the top, inside functions or for typing."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = {f"{module}.{alias.name}" for alias in node.names} & known
            found |= submodules
            if len(submodules) < len(node.names):  # names from the module itself, not submodules
                found.add(module)
    return {m for m in found if m in known and m != name and m != "assistant"}


def graph() -> dict[str, set[str]]:
    files = module_files()
    known = set(files)
    return {name: imports_of(name, path, known) for name, path in files.items()}


def layer(name: str) -> int | None:
    """The layer of the longest room that holds the module; the package itself holds only itself."""
    rooms = [p for p in LAYERS if name == p or (p != "assistant" and name.startswith(p + "."))]
    best = max(rooms, key=len, default=None)
    return None if best is None else LAYERS[best]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer():
    assert [name for name in graph() if layer(name) is None] == []


def test_no_import_points_upward():
    upward = [
        f"{name} ({layer(name)}) -> {target} ({layer(target)})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if (layer(target) or 0) > (layer(name) or 0)
    ]
    assert upward == []


def test_no_import_cycles_between_modules():
    assert cycles(graph()) == []


def test_no_import_cycles_between_packages():
    def room(name: str) -> str:
        return ".".join(name.split(".")[:2])

    rooms: dict[str, set[str]] = {}
    for name, targets in graph().items():
        rooms.setdefault(room(name), set()).update(
            room(t) for t in targets if room(t) != room(name)
        )
    assert cycles(rooms) == []


def test_the_graph_sees_imports_in_functions_and_for_typing(tmp_path: Path):
    source = tmp_path / "mod.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from .b import X\n"
        "def f():\n"
        "    from ..c import d\n"
        "    import assistant.e\n",
        encoding="utf-8",
    )
    known = {"assistant.p.b", "assistant.c.d", "assistant.e", "assistant.p.mod"}
    assert imports_of("assistant.p.mod", source, known) == known - {"assistant.p.mod"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_textual_only_under_tui():
    files = module_files()
    outside = []
    for name, path in files.items():
        if layer(name) is not None and name.startswith("assistant.tui"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module or ""]
            outside += [f"{name}: {m}" for m in modules if m.split(".")[0] == "textual"]
    assert outside == []
