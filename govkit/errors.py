"""The one error root: raised when govkit cannot run at all (exit code 2).

Everything wrong *inside* the user's files is a Finding, never an exception.
"""

from __future__ import annotations


class GovkitError(Exception):
    """govkit cannot run: bad usage, a missing root or path, git missing."""
