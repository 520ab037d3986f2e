"""Every git call govkit makes, and git's failures turned into messages that say what to do.

History is read with ONE `git log` per repo, streamed and parsed record by record as it
arrives, so time stays close to git's own and memory stays flat however long the history.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from govkit.errors import GovkitError

# How history is read, so that nothing a committer writes can change where a commit begins or
# ends. With -z each record is a NUL, its fields joined by NULs, the sha once more, and git's
# own NUL; then, when the commit changed files, a newline and each path NUL-terminated. git
# cuts every field at a NUL a hand-made commit object may hold, and never writes an empty
# path, so an empty field is always the next record's start. The closing sha is a check all
# the same: a commit cannot hold its own sha in its text, so a field that slipped would show.
# Trailers come from git itself (`%(trailers)`), parsed exactly as `git interpret-trailers`
# does: last paragraph, `Key: value`, folded lines unfolded; nothing in the body counts.
_FIELDS = ("%H", "%as", "%cs", "%ae", "%an", "%s", "%(trailers:only,unfold)", "%H")
_RECORD = re.compile("\0([0-9a-f]{40}(?:[0-9a-f]{24})?)" + "\0([^\0]*)" * 6 + "\0\\1\0(?:\n((?:[^\0]+\0)*))?")
_HEADER_NULS = len(_FIELDS) + 1  # with this many NULs read, a sound record's header has arrived
# What follows `git` to read history; the history benchmark runs the same as its floor. Local
# stand-ins (`git replace`) are not the commits; user settings must not add text between
# records (signatures) or drop the first commit's files (log.showRoot); a merge's files are
# what it changed on the branch it landed on, its own edits included.
LOG_ARGUMENTS = [
    *("--no-replace-objects", "-c", "log.showSignature=false", "-c", "log.showRoot=true", "log", "-z"),
    *("--no-renames", "--name-only", "--no-color", "--encoding=UTF-8", "--diff-merges=first-parent"),
    "--format=%x00" + "%x00".join(_FIELDS),
]
_LAST_DAY = "9999-12-31"
_DAY = re.compile(r"(-?)(\d{4,})-\d\d-\d\d")
_CHUNK = 1 << 16


class Commit(NamedTuple):
    """One commit as `git log` shows it. A NamedTuple: history has hundreds of thousands."""

    sha: str
    author_email: str
    author_name: str
    day: str  # the later of the two days below: the one the commit is judged by
    authored_day: str  # the author's own calendar day, YYYY-MM-DD; "" when git cannot read it
    committed_day: str
    subject: str
    trailer_text: str  # git's own `%(trailers:only,unfold)`: one `Key: value` a line
    files: tuple[str, ...]

    @property
    def dates_text(self) -> str:
        """The dates a finding names: `on DAY`, or both when they differ, as a back-dated commit's do."""
        if self.authored_day == self.committed_day:
            return f"on {self.day}"
        authored, committed = (day or "on no readable date" for day in (self.authored_day, self.committed_day))
        return f"authored {authored}, committed {committed}"

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
        raise RepoProblem(_shallow(path))


def _shallow(path: Path) -> str:
    return (
        f"{path} is a shallow clone, so its history is incomplete; run `git -C {path} fetch --unshallow` "
        "(in CI, check out with fetch-depth: 0)"
    )


def in_window(commit: Commit, since: str, until: str, today: str | None = None) -> bool:
    """Whether a commit is judged in the window [since, until] (YYYY-MM-DD, both included).

    Either date counts, so setting one back does not take a commit out of the window. When the
    window reaches `today` (given, and `until` not before it), commits dated after today count
    as well: a clock set forward, by mistake or on purpose, must not hide a commit either."""
    last = _LAST_DAY if today is not None and until >= today else until
    return since <= commit.authored_day <= last or since <= commit.committed_day <= last


def stream_commits(path: Path, since: str, until: str, today: str | None = None) -> Iterator[Commit]:
    """Commits reachable from HEAD within the window (see `in_window`), in git's order."""
    # Every commit is walked and its dates read here: git's own date limits look at the
    # committer date only, and plain --since stops at the first older commit, so one skewed
    # clock would hide all history behind it.
    return _log(path, ["HEAD"], lambda commit: in_window(commit, since, until, today))


def stream_range(path: Path, revisions: str) -> Iterator[Commit]:
    """The commits of a change, such as BASE..HEAD (reachable from HEAD, not from BASE), in git's order."""
    if revisions.startswith("-"):
        raise RepoProblem(f"`{revisions}` is not a range of commits")  # git would read it as an option
    return _log(path, [revisions, "--"], None)


def _log(path: Path, selection: list[str], keep: Callable[[Commit], bool] | None) -> Iterator[Commit]:
    """One streamed `git log` of the commits `selection` names, parsed record by record."""
    _require_git()
    command = ["git", *LOG_ARGUMENTS, *selection]
    # stderr goes to a file: a pipe nobody reads could fill up and stall git mid-history.
    with tempfile.TemporaryFile() as errors:
        try:
            # GIT_FLUSH=0: into a pipe, git log otherwise flushes after every commit, one write
            # (and one wake-up of this reader) per commit instead of full blocks.
            environment = {**os.environ, "GIT_FLUSH": "0"}
            process = subprocess.Popen(command, cwd=path, stdout=subprocess.PIPE, stderr=errors, env=environment)
        except FileNotFoundError:
            raise GovkitError("git is not installed or not on PATH; install git and run govkit again.") from None
        assert process.stdout is not None
        _widen_pipe(process.stdout.fileno())
        try:
            for commit in _records(process.stdout):
                if keep is None or keep(commit):
                    yield commit
        finally:  # also when the reader stops early: closing the pipe ends git
            process.stdout.close()
            code = process.wait()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace").strip()
    if code != 0:
        raise RepoProblem(f"git log failed in {path}: {stderr.splitlines()[-1] if stderr else code}")


@functools.cache
def _require_git() -> None:
    """Reading history needs `--diff-merges=first-parent`, which git has from 2.31 on."""
    found = re.search(r"(\d+)\.(\d+)", run_git(["version"], Path(os.sep)))
    if found and (int(found[1]), int(found[2])) < (2, 31):
        raise GovkitError(f"govkit needs git 2.31 or later to read history, and this is git {found[0]}; upgrade git.")


def _records(stream: IO[bytes]) -> Iterator[Commit]:
    """Parse `git log` output record by record as it arrives."""
    # Incremental, so a character split across two chunks still decodes; bad bytes become U+FFFD.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending, final = "", False
    while not final:
        chunk = stream.read(_CHUNK)
        final = not chunk
        pending += decoder.decode(chunk, final)
        position, end = 0, len(pending)
        while match := _RECORD.match(pending, position):
            stop = match.end()
            if not final and (stop == end or pending[stop] != "\0"):
                break  # its list of files may go on in the next chunk
            position = stop
            yield _commit(match)
        pending = pending[position:]
        if pending and (final or (not _RECORD.match(pending) and pending.count("\0") >= _HEADER_NULS)):
            raise RepoProblem(f"git log wrote a record govkit cannot read safely: {pending[:60]!r}")


def _commit(match: re.Match[str]) -> Commit:
    sha, authored, committed, email, name, subject, trailer_text, names = match.groups()
    authored, committed = _calendar_day(authored), _calendar_day(committed)
    if not authored and not committed:
        raise RepoProblem(
            f"commit {sha[:10]} has no author or committer date git can read, so it cannot be placed in time; "
            "run `git fsck` and replace that commit"
        )
    files = tuple(names[:-1].split("\0")) if names else ()
    return Commit(sha, email, name, max(authored, committed), authored, committed, subject, trailer_text, files)


def _calendar_day(text: str) -> str:
    """git's `%as`/`%cs` as a day that sorts like a date; "" where git wrote no date."""
    if len(text) == 10 and text[0] in "123456789":
        return text
    found = _DAY.fullmatch(text)
    if found is None:
        return ""  # git writes the placeholder itself when the date cannot be read
    if found[1] or int(found[2]) == 0:
        return "0001-01-01"  # before the first year a date can hold: as back-dated as it gets
    return _LAST_DAY if len(found[2]) > 4 else text


def _widen_pipe(descriptor: int) -> None:
    """Let git run ahead by a megabyte while we parse, where Linux allows it (else keep 64 KB)."""
    try:
        import fcntl

        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass  # another OS, or a system limit below 1 MB: the default pipe still works, only slower


def charter_repo_log(top: Path) -> list[Commit]:
    """Every commit of the charter repo, oldest first, with the files it changed: read once per run.

    Charters change rarely, so this is small; it holds both the commits that change charters
    and the approval commits (`Approves: <sha>`), which may change no file at all. History that
    cannot be read is a RepoProblem, never fewer commits: a shallow clone would silently drop
    the amendments behind its cut.
    """
    _require_git()
    try:
        if run_git(["rev-parse", "--is-shallow-repository"], top).strip() == "true":
            raise RepoProblem(_shallow(top))
        output = run_git([*LOG_ARGUMENTS, "HEAD", "--"], top)
    except subprocess.CalledProcessError as exc:
        if not has_commits(top):
            return []  # a charter repo with no commit yet has only its working copy
        reason = exc.stderr.strip().splitlines()
        raise RepoProblem(f"git log failed in {top}: {reason[-1] if reason else exc.returncode}") from None
    position, commits = 0, []
    while match := _RECORD.match(output, position):
        commits.append(_commit(match))
        position = match.end()
    if position != len(output):
        raise RepoProblem(f"git log wrote a record govkit cannot read safely: {output[position:][:60]!r}")
    return commits[::-1]


def has_commits(repo: Path) -> bool:
    try:
        run_git(["rev-parse", "--quiet", "--verify", "HEAD"], repo)
    except subprocess.CalledProcessError:
        return False
    return True


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
