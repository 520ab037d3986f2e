"""The `govkit` command line: parse options, call the core, pick a reporter, exit.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 govkit could not run.
Heavy libraries are imported inside the commands so `--help` and `--version` start instantly.
Each module here holds the commands of one concern; this one registers them, in help order.
"""

from __future__ import annotations

from govkit.cli import author, check, ci, files, pages
from govkit.cli.base import cli, main

__all__ = ["author", "check", "ci", "cli", "files", "main", "pages"]
