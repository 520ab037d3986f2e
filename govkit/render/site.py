"""Writing the rendered pages: all into a temporary folder beside --out, then swapped into place.

Readers of the old site never see half a new one, and a failed render leaves the old
site as it was. A marker file tells a folder govkit wrote from one that holds a user's
own files, which govkit never replaces. Inside the charter repo, --out (and so the temporary
folder beside it) may not be reached through a link leading out of the repo.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from govkit.confine import writable_inside
from govkit.errors import GovkitError

MARKER = ".govkit-site"
# A render killed mid-way leaves its temporary folder beside --out; the next render clears
# those old enough that no render still running can own them.
LEFTOVER_AGE = 3600


def check_out(out: Path, root: Path | None = None) -> Path:
    """The folder to write, or a GovkitError when it cannot be one; checked before any work.

    With `root` (the charter repo), a path into it that a link leads out of is refused."""
    out = writable_inside(out, root) if root is not None else out.resolve()
    if out.exists() and not out.is_dir():
        raise GovkitError(f"--out {out} is a file; give a folder for the pages (it is created when missing).")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise GovkitError(
            f"--out {out} already holds files that govkit render did not write; "
            "give a new or empty folder, so none of your files are replaced."
        )
    return out


def write_site(pages: dict[str, str], out: Path, root: Path | None = None) -> Path:
    """Write `pages` (file name → text) as the whole content of folder `out`; `root` as for check_out."""
    out = check_out(out, root)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    except OSError as exc:
        raise GovkitError(f"Cannot create a folder beside {out}: {exc.strerror or exc}.") from None
    try:
        for name, text in pages.items():
            (staging / name).write_text(text, encoding="utf-8")
        (staging / MARKER).write_text("Written by govkit render; each render replaces this whole folder.\n")
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a site is meant to be read
        _swap(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise GovkitError(f"Cannot write the pages to {out}: {exc.strerror or exc}.") from None
    return out


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    old = staging.with_name(staging.name.removesuffix(".new") + ".old")
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _clear_leftovers(out: Path) -> None:
    cutoff = time.time() - LEFTOVER_AGE
    for entry in os.scandir(out.parent):
        name = entry.name
        if not (name.startswith(f".{out.name}.") and name.endswith((".new", ".old"))):
            continue
        if entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
            shutil.rmtree(entry.path, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
