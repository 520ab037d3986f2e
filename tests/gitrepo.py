"""Real git repositories for tests: dated commits by named authors, with trailers and files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TOM = "Tom Becker <tom.becker@example.com>"


class GitRepo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, env={**os.environ, **(env or {})}, capture_output=True, check=True
        )
        return done.stdout.decode("utf-8", errors="replace").strip()

    def commit(
        self,
        day: str,
        files: dict[str, str] | None = None,
        *,
        author: str = TOM,
        message: str = "Change",
        trailers: list[str] | None = None,
        committed: str | None = None,
    ) -> str:
        """Write `files`, then commit them authored (and committed) at noon UTC on `day`."""
        self.write(files or {f"work-{day}.txt": day})
        self.git("add", "-A")
        body = message + ("\n\n" + "\n".join(trailers) if trailers else "")
        self.git("commit", "-q", "--allow-empty", "-m", body, env=_identity(author, day, committed or day))
        return self.git("rev-parse", "HEAD")

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def merge(
        self, branch: str, day: str, files: dict[str, str] | None = None, *, author: str = TOM, message: str = "Merge"
    ) -> str:
        """Merge `branch` into the current branch on `day`; `files` are edited in the merge itself."""
        env = _identity(author, day, day)
        self.git("merge", "-q", "--no-ff", "--no-commit", branch, env=env)
        self.write(files or {})
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")

    def commit_object(self, headers: bytes, message: bytes, files: dict[str, str] | None = None) -> str:
        """A commit object written byte for byte, as git itself would refuse to make it, on top of HEAD.

        `headers` are its `author` and `committer` lines; the tree is HEAD's plus `files`.
        """
        self.write(files or {})
        self.git("add", "-A")
        tree, parent = self.git("write-tree"), self.git("rev-parse", "HEAD")
        raw = f"tree {tree}\nparent {parent}\n".encode() + headers + b"\n" + message
        made = subprocess.run(
            ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
            cwd=self.path,
            input=raw,
            capture_output=True,
            check=True,
        )
        sha = made.stdout.decode().strip()
        self.git("update-ref", "HEAD", sha)
        return sha

    def shallow_clone(self, target: Path) -> Path:
        """A clone of this repo holding its last commit only (`git clone --depth 1`)."""
        subprocess.run(
            ["git", "clone", "-q", "--depth", "1", f"file://{self.path}", str(target)], check=True, capture_output=True
        )
        return target


def _identity(author: str, authored: str, committed: str) -> dict[str, str]:
    """Author and committer of a commit made at noon UTC on each day."""
    name, email = author.rstrip(">").split(" <")
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": f"{authored}T12:00:00+00:00",
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": f"{committed}T12:00:00+00:00",
    }
