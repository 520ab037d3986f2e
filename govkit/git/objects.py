"""Reading files as committed: a charter's versions, a policy folder at a revision, through
`git cat-file --batch` (one process for many files).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from govkit.errors import GovkitError
from govkit.git.run import run_git


def file_versions(repo: Path, relative: str, shas: list[str]) -> list[bytes | None]:
    """The file's content at each commit, through one `git cat-file --batch`."""
    return _contents(repo, [f"{sha}:{relative}" for sha in shas])


def contents_at(repo: Path, places: list[tuple[str, str]]) -> list[bytes | None]:
    """Each (commit, file)'s content (None where the file is not in that commit), through one `git cat-file --batch`."""
    return _contents(repo, [f"{sha}:{relative}" for sha, relative in places])


def files_at(top: Path, revision: str, folder: str) -> list[tuple[str, bytes]] | None:
    """The files directly inside `folder` (relative to the repo top) as committed at `revision`, by path;
    None when `revision` names no commit of the repo."""
    try:
        sha = run_git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top).strip()
    except subprocess.CalledProcessError:
        return None
    listing = run_git(["ls-tree", "-z", sha, "--", f"{folder}/"], top)
    paths = [
        entry.partition("\t")[2]
        for entry in listing.split("\0")
        if entry.partition("\t")[0].split(" ")[1:2] == ["blob"]
    ]
    contents = _contents(top, [f"{sha}:{path}" for path in paths])
    return [(path, content) for path, content in zip(paths, contents, strict=True) if content is not None]


def _contents(repo: Path, objects: list[str]) -> list[bytes | None]:
    """Each `rev:path` object's content (None when missing), through one `git cat-file --batch`."""
    if not objects:
        return []
    request = "".join(f"{spec}\n" for spec in objects).encode()
    try:
        done = subprocess.run(
            ["git", "--no-replace-objects", "cat-file", "--batch"],
            cwd=repo,
            input=request,
            capture_output=True,
            check=True,
        )
    except FileNotFoundError:
        raise GovkitError("git is not installed or not on PATH; install git and run govkit again.") from None
    out, position = done.stdout, 0
    contents: list[bytes | None] = []
    for _ in objects:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if header[-1] == b"missing":
            contents.append(None)
            position = header_end + 1
            continue
        size = int(header[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1
    return contents
