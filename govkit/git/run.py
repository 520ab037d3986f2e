"""Every git call govkit makes goes through this package, and git's failures become messages that
say what to do. Here: running git, probing a repo, and the commits govkit itself writes.
(Reading history is govkit.git.log; reading files at commits, govkit.git.objects.)
"""

from __future__ import annotations

import functools
import os
import re
import stat
import subprocess
from pathlib import Path

from govkit.errors import GovkitError


class RepoProblem(Exception):
    """A repo whose history cannot be read: missing, not a repo, empty or shallow."""


def run_git(args: list[str], cwd: Path, *, input_text: str | None = None) -> str:
    """Run one git command and return its output; git missing means govkit cannot run."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=input_text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except FileNotFoundError:
        raise GovkitError("git is not installed or not on PATH; install git and run govkit again.") from None
    except NotADirectoryError:
        raise RepoProblem(f"{cwd} is a file, not a folder") from None
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def probe(path: Path) -> None:
    """Make sure `path` is the top of a git repo with complete history, or say why not."""
    if not path.exists():
        raise RepoProblem(f"{path} does not exist; clone the repo there or fix its `path` in the charter")
    if not path.is_dir():
        raise RepoProblem(f"{path} is a file, not a git repo; fix its `path` in the charter")
    try:
        top, shallow, _ = run_git(["rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD"], path).split(
            "\n", 2
        )
    except subprocess.CalledProcessError as exc:
        if "ambiguous argument 'HEAD'" in exc.stderr or "unknown revision" in exc.stderr:
            raise RepoProblem(f"{path} has no commits yet, so there is no history to check") from None
        raise RepoProblem(f"{path} is not a git repo; clone the team's repo there or fix its `path`") from None
    if Path(top).resolve() != path.resolve():
        raise RepoProblem(f"{path} is not a git repo of its own (it is inside {top}); clone the team's repo there")
    if shallow.strip() == "true":
        raise RepoProblem(shallow_message(path))


# Set, these move the repo, its work tree or its config away from `path/.git`: then only git can say.
_DISCOVERY_ENVIRONMENT = (
    *("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_CEILING_DIRECTORIES"),
    *("GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_SHALLOW_FILE"),
)

_DETACHED_HEAD = re.compile(rb"[0-9a-f]{40}\n?")


def plainly_top(path: Path) -> bool:
    """Whether `path` is, from its files alone, a repo `probe` passes, but for having a commit.

    True only in the plain case, as git's own discovery reads it: `path/.git` a real folder with
    `objects`, `refs` and a HEAD git accepts, no `commondir` (a linked work tree's), no `shallow`
    file, a config that makes the repo neither bare nor gives it a work tree elsewhere, and no
    environment that moves any of these. Anything else is False: ask `probe`. Whether HEAD has a
    commit is left to `git log`, which fails without one; `probe` then says why.
    """
    if any(name in os.environ for name in _DISCOVERY_ENVIRONMENT):
        return False
    dot_git = path / ".git"
    try:
        if not all(stat.S_ISDIR(os.lstat(dot_git / name).st_mode) for name in ("", "objects", "refs")):
            return False
        if any(os.path.lexists(dot_git / name) for name in ("commondir", "shallow")):
            return False
        if not stat.S_ISREG(os.lstat(dot_git / "HEAD").st_mode):
            return False
        head = (dot_git / "HEAD").read_bytes()
        config = (dot_git / "config").read_bytes().lower()
    except OSError:
        return False
    if not (head.startswith(b"ref: refs/") or _DETACHED_HEAD.fullmatch(head)):
        return False
    # core.worktree (or a worktree config), includes and any `bare` but `bare = false` need git to read them.
    if b"worktree" in config or b"include" in config:
        return False
    return all(b"".join(line.split()) == b"bare=false" for line in config.splitlines() if b"bare" in line)


def shallow_message(path: Path) -> str:
    return (
        f"{path} is a shallow clone, so its history is incomplete; run `git -C {path} fetch --unshallow` "
        "(in CI, check out with fetch-depth: 0)"
    )


@functools.cache
def require_git() -> None:
    """Reading history needs `--diff-merges=first-parent`, which git has from 2.31 on."""
    found = re.search(r"(\d+)\.(\d+)", run_git(["version"], Path(os.sep)))
    if found and (int(found[1]), int(found[2])) < (2, 31):
        raise GovkitError(f"govkit needs git 2.31 or later to read history, and this is git {found[0]}; upgrade git.")


def has_commits(repo: Path) -> bool:
    try:
        run_git(["rev-parse", "--quiet", "--verify", "HEAD"], repo)
    except subprocess.CalledProcessError:
        return False
    return True


def top_of(path: Path) -> Path | None:
    """The top folder of the git repo holding `path`, or None when it is not in one."""
    try:
        return Path(run_git(["rev-parse", "--show-toplevel"], path).strip()).resolve()
    except (subprocess.CalledProcessError, RepoProblem):
        return None


def identity(cwd: Path) -> tuple[str, str]:
    """The name and email git will commit as; GovkitError saying how to set them when unset."""
    env = os.environ
    name = env.get("GIT_AUTHOR_NAME") or _config(cwd, "user.name")
    email = env.get("GIT_AUTHOR_EMAIL") or _config(cwd, "user.email")
    if not name or not email:
        raise GovkitError(
            "git does not know who you are, so it cannot make the first commit. Run "
            '`git config --global user.name "Your Name"` and '
            '`git config --global user.email "you@example.com"`, then try again.'
        )
    return name, email


def origin_url(top: Path) -> str | None:
    """Where the repo at `top` was cloned from (its `origin` remote), when it has one."""
    return _config(top, "remote.origin.url") or None


def clone(url: str, target: Path) -> None:
    """A full clone of the repo at `url` into `target`, or a GovkitError with git's reason."""
    try:
        run_git(["clone", "--quiet", "--no-tags", "--", url, str(target)], target.parent)
    except subprocess.CalledProcessError as exc:
        reason = exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else f"exit {exc.returncode}"
        raise GovkitError(f"git could not clone {url}: {reason}") from None


def _config(cwd: Path, key: str) -> str:
    try:
        return run_git(["config", "--get", key], cwd).strip()
    except subprocess.CalledProcessError:
        return ""


def init_with_commit(path: Path, message: str) -> None:
    """`git init` in `path`, then commit everything in it."""
    try:
        run_git(["init", "-q", "-b", "main"], path)
        run_git(["add", "-A"], path)
        run_git(["commit", "-q", "-m", message], path)
    except subprocess.CalledProcessError as exc:
        raise GovkitError(f"git could not make the first commit in {path}: {exc.stderr.strip()}") from None


def fast_import(path: Path, stream: bytes, branch: str) -> None:
    """A new repo at `path` holding the commits of one `git fast-import` stream, checked out."""
    try:
        for args, data in (
            (["init", "-q", "-b", branch], None),
            (["fast-import", "--quiet"], stream),
            (["checkout", "-q", "-f", branch], None),
        ):
            subprocess.run(["git", *args], cwd=path, input=data, check=True, capture_output=True)
    except FileNotFoundError:
        raise GovkitError("git is not installed or not on PATH; install git and run govkit again.") from None
    except subprocess.CalledProcessError as exc:
        raise GovkitError(
            f"git could not build the repo in {path}: {exc.stderr.decode(errors='replace').strip()}"
        ) from None


def commit_empty(top: Path, message: str, trailers: list[str]) -> str:
    """An empty commit with `trailers`, as the current git identity; staged changes stay staged, uncommitted."""
    args = ["commit", "-q", "--only", "--allow-empty", "--no-verify", "-m", message]
    for trailer in trailers:
        args += ["--trailer", trailer]
    try:
        run_git(args, top)
    except subprocess.CalledProcessError as exc:
        raise GovkitError(f"git could not make the commit in {top}: {exc.stderr.strip()}") from None
    return run_git(["rev-parse", "HEAD"], top).strip()
