"""Command palette: what makes sense on the current screen, plus its keys, in Danish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

Command = tuple[str, str, Callable[[], Any]]


class SamtaleCommands(Provider):
    """Asks the screen for ``palette_commands()`` and adds the screen's shown key bindings."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        commands: list[Command] = list(getattr(screen, "palette_commands", list)())
        seen = {name for name, _, _ in commands}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.show or not binding.description:
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            if binding.description in seen:
                continue
            seen.add(binding.description)
            key = self.app.get_key_display(binding)
            commands.append(
                (
                    binding.description,
                    f"{key}  {binding.tooltip}".strip(),
                    _runner(active.node, binding.action),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Text(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, Text(name), callback, text=name, help=escape(help_text))


def _runner(node: Any, action: str) -> Callable[[], Any]:
    async def run() -> None:
        await node.run_action(action)

    return run
