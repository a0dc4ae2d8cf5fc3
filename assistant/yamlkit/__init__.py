"""YAML files with positions, problems and suggestions: the bottom layer under every file type.

What lives here: loading YAML so that every key and value knows its ``line:col`` (``yamlpos``),
PyYAML's syntax errors in Danish (``yamlerrors``), a ``Problem`` and the ``suggest()`` helper
(``problems``), reading one file with its syntax and control-character checks and the canonical
JSON snapshot (``read``), the generic reader methods a type-specific builder starts from
(``reader``) and one check/load/snapshot routine for any YAML file type (``filetype``). The guide
loader (``dialogue``) and the persona loader (``roleplay``) are built on it.

This package imports nothing from the rest of ``assistant``.
"""

from .filetype import FileType
from .problems import Problem, suggest
from .read import canonical, read_raw
from .reader import Reader

__all__ = ["FileType", "Problem", "Reader", "canonical", "read_raw", "suggest"]
