"""Every git call govkit makes, and git's failures turned into messages that say what to do.

History is read with ONE `git log` per repo, streamed and parsed record by record as it
arrives, so time stays close to git's own and memory stays flat however long the history.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from govkit.errors import GovkitError

# Record and field separators that cannot appear in emails, dates or one-line subjects.
_RECORD, _FIELD = "\x1e", "\x1f"
# Trailers come from git itself (`%(trailers)`), so they are parsed exactly as
# `git interpret-trailers` does: last paragraph, `Key: value`, folded lines unfolded.
_FORMAT = (
    f"--format={_RECORD}%H{_FIELD}%ae{_FIELD}%an{_FIELD}%as{_FIELD}%cs{_FIELD}%s{_FIELD}%(trailers:only,unfold){_FIELD}"
)
_CHUNK = 1 << 16


class Commit(NamedTuple):
    """One commit as `git log` shows it. A NamedTuple: history has hundreds of thousands."""

    sha: str
    author_email: str
    author_name: str
    day: str  # the author's own calendar day, YYYY-MM-DD
    committed_day: str
    subject: str
    trailer_text: str  # git's own `%(trailers:only,unfold)`: one `Key: value` a line
    files: tuple[str, ...]

    @property
    def trailers(self) -> tuple[tuple[str, str], ...]:
        """(lower-case key, value), in order; parsed on demand, since few commits are ever asked."""
        pairs = (line.partition(":") for line in self.trailer_text.splitlines())
        return tuple((key.strip().lower(), value.strip()) for key, sep, value in pairs if sep)

    def trailer_values(self, key: str) -> list[str]:
        return [value for name, value in self.trailers if name == key]


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
        raise RepoProblem(
            f"{path} is a shallow clone, so its history is incomplete; run `git -C {path} fetch --unshallow` "
            "(in CI, check out with fetch-depth: 0)"
        )


def in_window(commit: Commit, since: str, until: str) -> bool:
    """Whether a commit is judged in the window [since, until] (YYYY-MM-DD, both included)."""
    return since <= commit.day <= until


def stream_commits(path: Path, since: str, until: str) -> Iterator[Commit]:
    """Commits reachable from HEAD within the window [since, until] (see `in_window`), newest first."""
    # git filters on committer dates, coarsely; exact days are filtered below. Plain --since stops
    # walking at the first older commit, so one commit with a skewed clock would hide all history
    # behind it; --since-as-filter visits every commit.
    window = [f"{_since_option()}={_shift(since, -2)}", f"--until={_shift(until, 2)}", "HEAD"]
    return _log(path, window, lambda commit: in_window(commit, since, until))


def stream_range(path: Path, revisions: str) -> Iterator[Commit]:
    """The commits of a change, such as BASE..HEAD (reachable from HEAD, not from BASE), newest first."""
    if revisions.startswith("-"):
        raise RepoProblem(f"`{revisions}` is not a range of commits")  # git would read it as an option
    return _log(path, [revisions, "--"], None)


def _log(path: Path, selection: list[str], keep: Callable[[Commit], bool] | None) -> Iterator[Commit]:
    """One streamed `git log` of the commits `selection` names, parsed record by record."""
    command = ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--name-only", "--no-color", _FORMAT]
    # stderr goes to a file: a pipe nobody reads could fill up and stall git mid-history.
    with tempfile.TemporaryFile() as errors:
        try:
            # GIT_FLUSH=0: into a pipe, git log otherwise flushes after every commit, one write
            # (and one wake-up of this reader) per commit instead of full blocks.
            environment = {**os.environ, "GIT_FLUSH": "0"}
            process = subprocess.Popen(
                [*command, *selection], cwd=path, stdout=subprocess.PIPE, stderr=errors, env=environment
            )
        except FileNotFoundError:
            raise GovkitError("git is not installed or not on PATH; install git and run govkit again.") from None
        assert process.stdout is not None
        _widen_pipe(process.stdout.fileno())
        try:
            yield from _records(process.stdout, keep)
        finally:  # also when the reader stops early: closing the pipe ends git
            process.stdout.close()
            code = process.wait()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace").strip()
    if code != 0:
        raise RepoProblem(f"git log failed in {path}: {stderr.splitlines()[-1] if stderr else code}")


@functools.cache
def _since_option() -> str:
    """`--since-as-filter` where git has it (2.37 and later), else `--since`."""
    found = re.search(r"(\d+)\.(\d+)", run_git(["version"], Path(os.sep)))
    version = (int(found[1]), int(found[2])) if found else (0, 0)
    return "--since-as-filter" if version >= (2, 37) else "--since"


def _records(stream: IO[bytes], keep: Callable[[Commit], bool] | None) -> Iterator[Commit]:
    """Parse `git log` output record by record as it arrives; only the commits `keep` keeps, when given."""
    pending = ""
    # Incremental, so a character split across two chunks still decodes; bad bytes become U+FFFD.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    while chunk := stream.read(_CHUNK):
        pending += decoder.decode(chunk)
        records = pending.split(_RECORD)
        pending = records.pop()
        for record in records:
            if record and (commit := _parse(record)) and (keep is None or keep(commit)):
                yield commit
    if pending and (commit := _parse(pending)) and (keep is None or keep(commit)):
        yield commit


def _widen_pipe(descriptor: int) -> None:
    """Let git run ahead by a megabyte while we parse, where Linux allows it (else keep 64 KB)."""
    try:
        import fcntl

        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass  # another OS, or a system limit below 1 MB: the default pipe still works, only slower


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _parse(record: str) -> Commit | None:
    fields = record.split(_FIELD)
    if len(fields) < 8:
        return None
    sha, email, name, authored, committed, subject, trailer_text, files_text = fields[:8]
    files = tuple(_unquote(name) if name.startswith('"') else name for name in files_text.split("\n") if name)
    return Commit(sha, email, name, authored, committed, subject, trailer_text, files)


_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
_QUOTED = re.compile(r"\\([0-7]{3}|.)")


def _unquote(name: str) -> str:
    """A file name as git quotes it (`"auth/\\"odd\\".py"`: a quote, a backslash, a control byte), unquoted."""
    if len(name) < 2 or not name.endswith('"'):
        return name
    inner, raw, index = name[1:-1], bytearray(), 0
    for match in _QUOTED.finditer(inner):
        raw += inner[index : match.start()].encode()
        code = match[1]
        raw.append(int(code, 8) & 0xFF if len(code) == 3 else _ESCAPES.get(code, ord(code) & 0xFF))
        index = match.end()
    raw += inner[index:].encode()
    return raw.decode("utf-8", errors="replace")


def file_history(repo: Path, relative: str) -> list[Commit]:
    """Commits of the charter repo that changed one file, oldest first (a handful per team)."""
    output = run_git(["log", "--no-renames", "--name-only", "--no-color", _FORMAT, "--", relative], repo)
    commits = [c for record in output.split(_RECORD) if record and (c := _parse(record))]
    return commits[::-1]


def charter_repo_log(top: Path) -> list[Commit]:
    """Every commit of the charter repo, oldest first, with the files it changed: read once per run.

    Charters change rarely, so this is small; it holds both the commits that change charters
    and the approval commits (`Approves: <sha>`), which may change no file at all.
    """
    _refuse_shallow(top)
    output = run_git(["log", "--no-renames", "--name-only", "--no-color", _FORMAT, "HEAD", "--"], top)
    commits = [c for record in output.split(_RECORD) if record and (c := _parse(record))]
    return commits[::-1]


def _refuse_shallow(top: Path) -> None:
    if run_git(["rev-parse", "--is-shallow-repository"], top).strip() == "true":
        raise RepoProblem(
            f"the charter repo {top} is a shallow clone, so the history of its charters is incomplete; run "
            f"`git -C {top} fetch --unshallow` (in CI, check out with fetch-depth: 0)"
        )


def has_commits(top: Path) -> bool:
    try:
        run_git(["rev-parse", "--verify", "-q", "HEAD"], top)
    except subprocess.CalledProcessError:
        return False
    return True


def file_versions(repo: Path, relative: str, shas: list[str]) -> list[bytes | None]:
    """The file's content at each commit, through one `git cat-file --batch`."""
    return contents_at(repo, [(sha, relative) for sha in shas])


def contents_at(repo: Path, places: list[tuple[str, str]]) -> list[bytes | None]:
    """Each (commit, file)'s content (None where the file is not in that commit), through one `git cat-file --batch`."""
    if not places:
        return []
    shas = [sha for sha, _ in places]
    request = "".join(f"{sha}:{relative}\n" for sha, relative in places).encode()
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input=request, capture_output=True, check=True)
    except FileNotFoundError:
        raise GovkitError("git is not installed or not on PATH; install git and run govkit again.") from None
    out, position = done.stdout, 0
    contents: list[bytes | None] = []
    for _ in shas:
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


def top_of(path: Path) -> Path | None:
    """The top folder of the git repo holding `path`, or None when it is not in one."""
    try:
        return Path(run_git(["rev-parse", "--show-toplevel"], path).strip()).resolve()
    except (subprocess.CalledProcessError, RepoProblem):
        return None


# Writing: `govkit init` makes a repo and its first commit; samples are imported whole.


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
