"""Nothing outside assistant/tui imports Textual, and non-TUI commands start without it."""

import pkgutil
import subprocess
import sys

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
