"""Reads and writes that stay inside the charter repo, and reads that are bounded.

A charter repo comes from a pull request: a committed link can point anywhere, and a file can
be a named pipe, a device or a folder. Files are opened without blocking and checked after
opening (fstat), so what is checked is what is read, and never more than a limit plus one
byte is read. A link may lead elsewhere inside the repo; one leading out is reported at the
link, never followed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from govkit.errors import GovkitError


class FileProblem(Exception):
    """A file govkit will not read: a folder, a pipe, a device, or too large. The message says what to do."""


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_limited(path: Path, name: str, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at `path`; FileProblem for anything else or anything over `limit` bytes.

    OSError when it cannot be opened. With follow_links=False, a link in its place is refused:
    the caller resolved the path and checked where it leads, and a link swapped in since is not followed."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow_links else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        if not follow_links and os.path.islink(path):
            raise FileProblem(f"{name} turned into a link while govkit read it; run govkit again.") from None
        raise
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"{name} is a folder, not a file. Move the folder away and put the file there.")
        if not stat.S_ISREG(info.st_mode):
            kind = next((kind for test, kind in _KINDS if test(info.st_mode)), "not a regular file")
            raise FileProblem(f"{name} is {kind}, not a plain file; replace it with the file itself.")
        if info.st_size > limit:
            raise FileProblem(too_large(info.st_size, limit))
        chunks, wanted = [], limit + 1  # one byte more than allowed tells a file that grew while read
        while wanted > 0:
            chunk = os.read(descriptor, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(descriptor)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise FileProblem(too_large(len(raw), limit))
    return raw


def too_large(size: int, limit: int) -> str:
    return f"The file is {size:,} bytes; govkit reads files of at most {limit:,} bytes."


def link_out(path: Path, root: Path) -> Path | None:
    """The link through which `path` leaves `root` (a resolved folder), or None when it stays inside or
    never enters it."""
    absolute = Path(os.path.abspath(path))
    if absolute.resolve().is_relative_to(root):
        return None
    entered = False
    walked = Path(absolute.anchor)
    for part in absolute.parts[1:]:
        walked /= part
        if walked.resolve().is_relative_to(root):
            entered = True
        elif entered:
            return walked
    return None


def link_out_message(link: Path, name: str, doing: str) -> str:
    """What to tell a user about a link leading out of the charter repo."""
    try:
        target = f" (to {os.readlink(link)})"
    except OSError:
        target = ""
    kind = "folder" if link.is_dir() else "file"
    return (
        f"{name} is a link leading outside the charter repo{target}; govkit {doing} only inside the charter "
        f"repo. Replace the link with the {kind} itself."
    )


def writable_inside(path: Path, root: Path) -> Path:
    """Where to write `path`: its resolved place, or a GovkitError naming the link when that leads out of `root`."""
    link = link_out(path, root)
    if link is not None:
        shown = (link.parent.resolve() / link.name).relative_to(root).as_posix()
        raise GovkitError(link_out_message(link, shown, "writes") + " Nothing was written.")
    return path.resolve()
