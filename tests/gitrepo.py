"""Real git repositories for tests: dated commits by named authors, with trailers and files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


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
        author: str = "Tom Becker <tom.becker@example.com>",
        message: str = "Change",
        trailers: list[str] | None = None,
        committed: str | None = None,
    ) -> str:
        """Write `files`, then commit them authored (and committed) at noon UTC on `day`."""
        for name, text in (files or {f"work-{day}.txt": day}).items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.git("add", "-A")
        name, email = author.rstrip(">").split(" <")
        body = message + ("\n\n" + "\n".join(trailers) if trailers else "")
        env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": f"{committed or day}T12:00:00+00:00",
        }
        self.git("commit", "-q", "--allow-empty", "-m", body, env=env)
        return self.git("rev-parse", "HEAD")
