"""The screens of the Samtale TUI."""
