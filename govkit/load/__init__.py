"""YAML governance files → Document (govkit.load.document), read bounded and composed safely.

Files are read bounded (govkit.confine): regular files only, never more than the size limit;
then decoded (UTF-8, or UTF-16 with its mark) and composed (govkit.load.compose).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from govkit.confine import FileProblem, read_limited, too_large
from govkit.load.compose import compose
from govkit.load.document import Document, Key, LoadError, PathKey
from govkit.model import Finding, Location, Severity

__all__ = ["MAX_BYTES", "Document", "Key", "LoadError", "PathKey", "load_bytes", "load_file"]

MAX_BYTES = 10 * 1024 * 1024


def load_file(path: Path, name: str, *, follow_links: bool = True) -> Document | Finding:
    """Read and compose one YAML file; any problem comes back as a located Finding.

    With follow_links=False a link in place of the file is refused rather than followed: the
    caller has already resolved the path and checked where it leads."""
    try:
        raw = read_limited(path, name, MAX_BYTES, follow_links=follow_links)
    except FileProblem as problem:
        return _finding(name, str(problem), None, None, rule="file")
    except OSError as exc:
        return _finding(name, f"Cannot read the file: {exc.strerror or exc}.", None, None, rule="file")
    return load_bytes(raw, path, name)


def load_bytes(raw: bytes, path: Path, name: str) -> Document | Finding:
    try:
        text = _decode(raw)
        return compose(text, path, name)
    except LoadError as err:
        return _finding(name, err.message, err.line, err.column, rule=err.rule)


def _finding(name: str, message: str, line: int | None, column: int | None, *, rule: str) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, message=message, location=Location(name, line, column))


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise LoadError(too_large(len(raw), MAX_BYTES), rule="file")
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in raw:
        raise LoadError("This looks like a binary file, not YAML text. Save it as UTF-8 text.", rule="file")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            f"Byte 0x{raw[exc.start]:02x} is not valid {encoding.upper()} text. Save the file as UTF-8.",
            line,
            column,
            rule="file",
        ) from None
    if not text.strip():
        raise LoadError("The file is empty. It needs at least `govkit: 1` and its sections.", rule="file")
    return text
