"""Issue 18, the browser: ``samtale serve`` runs the whole TUI in a browser through textual-serve.

Its address rules and Danish messages are tested as a user runs the command; the served app is
tested in a real headless browser (Debian's chromium, driven by Playwright), reading the terminal
text from xterm.js's buffer."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.cli.parser import build_parser
from assistant.cli.serve import is_loopback, served_command
from assistant.dialogue.library import find_guide
from assistant.notes.export import note_to_markdown
from assistant.notes.store import Store
from assistant.session import Session

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# textual-serve's page makes the xterm.js terminal as `this.terminal=new X.Terminal(...)`; the
# test serves a copy of the script that also puts it on `window`, to read its buffer.
TERMINAL_MADE = re.compile(r"this\.terminal=new (\w+)\.Terminal\(")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- the command: addresses, ports, the command line each tab runs -------------------------------


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.20", False),
        ("10.0.0.5", False),
        ("plejecenter-pc", False),
        ("localhost.example.org", False),
    ],
)
def test_only_this_computer_counts_as_local(host: str, local: bool) -> None:
    assert is_loopback(host) is local


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "plejecenter-pc"])
def test_a_network_address_is_refused_with_a_danish_warning(host, tmp_path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path / "d"), "serve", "--host", host, "--port", "8123"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"Samtale startes ikke på {host}" in err
    assert "intet login" in err and "beboernes noter" in err
    assert "--jeg-ved-hvad-jeg-gør" in err
    assert not (tmp_path / "d").exists()  # refused before anything was opened


def test_with_the_flag_a_network_address_still_warns(tmp_path, capsys) -> None:
    """192.0.2.1 (TEST-NET-1) is not on this machine: the warning is given, then the address
    is refused in Danish instead of the server starting."""
    data = str(tmp_path / "d")
    code = main(["--data-dir", data, "serve", "--host", "192.0.2.1", "--jeg-ved-hvad-jeg-gør"])
    err = capsys.readouterr().err
    assert code == 2
    assert "ADVARSEL" in err and "intet login" in err and "192.0.2.1:8000" in err
    assert "Adressen 192.0.2.1 hører ikke til denne computer" in err


@pytest.mark.parametrize("port", ["0", "70000", "abc", "-1", ""])
def test_a_bad_port_gets_a_danish_message(port, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--port", port])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"'{port}' er ikke et portnummer" in err and "fra 1 til 65535" in err


def test_a_port_in_use_gets_a_danish_message(tmp_path, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--data-dir", str(tmp_path / "d"), "serve", "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"Port {port} er allerede i brug" in err and "--port" in err


def test_each_tab_runs_this_program_with_the_store_options(tmp_path) -> None:
    odd = tmp_path / "mappe med 'mellemrum'"
    args = build_parser().parse_args(
        [
            "--data-dir",
            str(odd),
            "--database",
            "postgresql://samtale@db/pleje",
            "--afdeling",
            "Birkely 1; rm -rf /",
            "serve",
        ]
    )
    argv = shlex.split(served_command(args))
    assert argv == [
        sys.executable,
        "-m",
        "assistant",
        "--data-dir",
        str(odd),
        "--database",
        "postgresql://samtale@db/pleje",
        "--afdeling",
        "Birkely 1; rm -rf /",
    ]
    plain = build_parser().parse_args(["serve"])
    assert shlex.split(served_command(plain)) == [sys.executable, "-m", "assistant"]


# --- in a real browser --------------------------------------------------------------------------


def _browser_or_skip() -> None:
    """Skip (with the reason) without chromium or Playwright, except in CI, where it fails."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (Debian's chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright")
    if missing:
        reason = "the browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set, so it may not be skipped)")
        pytest.skip(reason)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`samtale serve` on a free port with a data directory holding one note (its address, and
    the note as Markdown); the server and every app it started are killed afterwards, however
    the test ends."""
    _browser_or_skip()
    data = tmp_path / "data"
    with Store(data) as store:
        session = Session.start(store, find_guide("vaerdighedshjulet"), borger="Stue 42")
        markdown = note_to_markdown(session.note())
        session.close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMTALE_")}
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--data-dir", str(data), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        start_new_session=True,  # its own process group: the apps it starts go with it
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 15
        while True:
            if server.poll() is not None:
                pytest.fail("samtale serve stopped: " + (tmp_path / "serve.log").read_text())
            try:
                with urllib.request.urlopen(url, timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("samtale serve did not answer within 15 s")
                time.sleep(0.1)
        yield url, markdown
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        except ProcessLookupError:
            pass
        finally:
            log.close()
            try:  # an app that outlived the server's shutdown
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert "Samtale kører i browseren" in (tmp_path / "serve.log").read_text(encoding="utf-8")


SCREEN_JS = """() => {
    const term = window.__samtaleTerminal;
    if (!term) return null;
    const buffer = term.buffer.active, lines = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
    return lines.join("\\n");
}"""


def test_the_browser_shows_the_home_screen_and_answers_a_key(served: tuple[str, str]) -> None:
    """Also "Kopiér note" in the browser: F9 on the notes screen puts the Markdown note on the
    browser's clipboard (OSC 52, which textual-serve's page hands to the Clipboard API)."""
    url, markdown = served
    from playwright.sync_api import Route, sync_playwright

    patched: list[bool] = []

    def expose_terminal(route: Route) -> None:
        response = route.fetch()
        script, count = TERMINAL_MADE.subn(
            r"this.terminal=window.__samtaleTerminal=new \1.Terminal(", response.text()
        )
        patched.append(count == 1)
        route.fulfill(response=response, body=script)

    def screen_shows(page: object, *texts: str) -> str:
        """Wait (at most 10 s) until the terminal shows every text; the screen as text."""
        deadline = time.monotonic() + 10
        while True:
            screen = page.evaluate(SCREEN_JS) or ""  # type: ignore[attr-defined]
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"the browser never showed {texts}; it shows:\n{screen}")
            time.sleep(0.1)

    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
            page = context.new_page()
            page.route("**/static/js/textual.js", expose_terminal)
            elsewhere: list[str] = []  # the page must ask this server only
            page.on(
                "request",
                lambda r: None if r.url.startswith(url) else elsewhere.append(r.url),
            )
            page.goto(url, wait_until="domcontentloaded")
            home = screen_shows(page, "Værdighedshjulet", "Borgergennemgang", "Stue 42")
            assert patched == [True], "textual-serve's script no longer makes the terminal so"
            assert "Samtale – vælg en samtaleguide" in home
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("n")
            notes = screen_shows(page, "Søg efter borger, guide eller id")
            assert notes != home and "Stue 42" in notes
            page.keyboard.press("F9")
            screen_shows(page, "Noten er kopieret")
            assert page.evaluate("() => navigator.clipboard.readText()") == markdown
            assert elsewhere == []
        finally:
            browser.close()
    assert time.monotonic() - started < 30
