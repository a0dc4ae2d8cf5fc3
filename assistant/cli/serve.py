"""`samtale serve`: the whole TUI in a browser, through ``textual-serve``.

textual-serve runs one command line per browser tab (the same app as in a terminal, with
Textual's web driver) and relays its screen over a websocket. There is no login, so the server
listens only on this computer (127.0.0.1) unless the user asks for another address and says
``--jeg-ved-hvad-jeg-gør``; even then it warns. The command line carries the store options
(``--data-dir``, ``--database``, ``--afdeling``) over to every tab.

Imports the standard library and ``common`` at the top; textual-serve (an optional extra,
``samtale[serve]``) only when the server starts."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import re
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from .common import EXIT_USAGE, UsageError, open_store

PIP_HINT = (
    "'samtale serve' kræver pakken textual-serve, som ikke er installeret; "
    "installér den med: pip install 'samtale[serve]'"
)
NO_LOGIN = (
    "Der er intet login: alle, der kan nå {where} over netværket, kan åbne Samtale i en "
    "browser og læse, rette og slette beboernes noter."
)
REFUSED = (
    "samtale: Samtale startes ikke på {host}, for den adresse kan nås fra andre computere. "
    + NO_LOGIN
    + " Brug standardadressen 127.0.0.1 (kun denne computer). Skal andre computere alligevel "
    "kunne bruge Samtale, og er netværket lukket for uvedkommende, så tilføj "
    "--jeg-ved-hvad-jeg-gør."
)
# textual-serve's page asks Google for its font; the browser falls back to its own monospace
EXTERNAL_FONT = re.compile(r"<link\b[^>]*\bhref=\"https?://fonts\.googleapis\.com/[^>]*>", re.S)
WARNING = "samtale: ADVARSEL: Samtale kan nås fra netværket på {where}. " + NO_LOGIN


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only: ``localhost`` (RFC 6761) or a loopback address
    (127.0.0.0/8, ::1). A host name is not looked up: it could name any computer."""
    name = host.strip().strip("[]").rstrip(".").casefold()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def served_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this package's
    home screen, and the store options this command was given."""
    argv = [sys.executable, "-m", "assistant"]
    if args.data_dir:
        argv += ["--data-dir", str(Path(args.data_dir).expanduser().absolute())]
    if getattr(args, "database", None):
        argv += ["--database", args.database]
    if getattr(args, "afdeling", None):
        argv += ["--afdeling", args.afdeling]
    return shlex.join(argv)


def url_host(host: str) -> str:
    """``host`` as the browser should address it: an IPv6 address in brackets, and for "all
    addresses" (0.0.0.0, ::) this computer's name, which the other computers can reach."""
    name = host.strip().strip("[]")
    if name in ("", "0.0.0.0", "::"):
        return socket.gethostname()
    return f"[{name}]" if ":" in name else name


def check_free(host: str, port: int) -> None:
    """Refuse, in Danish, an address that is not on this computer or a port already in use
    (tried by binding it as the server will, then letting it go)."""
    try:
        found = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror:
        raise UsageError(f"Adressen '{host}' kendes ikke. Brug fx 127.0.0.1.") from None
    for family, kind, proto, _, address in found:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
            try:
                probe.bind(address)
            except OSError as e:
                raise UsageError(bind_problem(e, host, port)) from None


def bind_problem(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Port {port} er allerede i brug (måske kører 'samtale serve' allerede). "
            f"Vælg en anden med fx --port {port + 1 if port < 65535 else 8000}."
        )
    if error.errno == errno.EACCES:
        return f"Port {port} må kun bruges af systemet. Vælg en port fra 1024 og op, fx 8000."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"Adressen {host} hører ikke til denne computer. Brug fx 127.0.0.1."
    return f"Der kan ikke lyttes på {host} port {port}: {error.strerror or error}."


def cmd_serve(args: argparse.Namespace) -> int:
    host, port = args.host, args.port
    where = f"{url_host(host)}:{port}"
    if not is_loopback(host):
        if not args.i_know:
            print(REFUSED.format(host=host or "(alle adresser)", where=where), file=sys.stderr)
            return EXIT_USAGE
        print(WARNING.format(where=where), file=sys.stderr)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError(PIP_HINT) from None
    store = open_store(args)  # a store that cannot be opened is said here, not in every tab
    store.close()
    args.store = None
    check_free(host, port)
    server = _server(Server, served_command(args), host, port)
    try:
        server.serve()
    except OSError as e:  # taken between the check and now
        raise UsageError(bind_problem(e, host, port)) from None
    return 0


def _server(base: Any, command: str, host: str, port: int) -> Any:
    """textual-serve's server, saying in Danish where it is and titled "Samtale" (its own
    title would be the command line, database address and all)."""

    class SamtaleServer(base):
        async def _make_app(self) -> Any:
            """textual-serve's web app, its page without the font from Google: nothing but
            this server is to be asked for anything (DESIGN: nothing sent over the network)."""
            import aiohttp_jinja2
            import jinja2

            app = await super()._make_app()
            templates = Path(self.templates_path)

            def page(name: str) -> str:
                return EXTERNAL_FONT.sub("", (templates / name).read_text(encoding="utf-8"))

            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(page))
            return app

        async def on_startup(self, app: Any) -> None:
            print(
                f"Samtale kører i browseren på {self.public_url}\n"
                "Åbn adressen i en browser; hver fane er sit eget Samtale-vindue. Alle, der "
                "bruger denne computer, kan åbne adressen, så stop serveren, når du er færdig: "
                "tryk Ctrl+C.",
                flush=True,
            )

    return SamtaleServer(
        command,
        host=host,
        port=port,
        title="Samtale",
        public_url=f"http://{url_host(host)}:{port}",
    )
