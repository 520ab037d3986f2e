"""Reading history: ONE `git log` per repo, streamed and parsed record by record as it arrives,
so time stays close to git's own and memory stays flat however long the history.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from govkit.errors import GovkitError
from govkit.git.run import RepoProblem, has_commits, require_git, run_git, shallow_message

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

_new_tuple = tuple.__new__


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


def in_window(since: str, until: str, today: str | None = None) -> Callable[[Commit], bool]:
    """Whether a commit is judged in the window [since, until] (YYYY-MM-DD, both included).

    Either date counts, so setting one back does not take a commit out of the window. When the
    window reaches `today` (given, and `until` not before it), commits dated after today count
    as well: a clock set forward, by mistake or on purpose, must not hide a commit either."""
    since, last = _bounds(since, until, today)

    def holds(commit: Commit) -> bool:  # asked of every commit of a history
        return since <= commit.authored_day <= last or since <= commit.committed_day <= last

    return holds


def _bounds(since: str, until: str, today: str | None) -> tuple[str, str]:
    """`in_window`'s window as the first and last day a commit's dates may have."""
    return since, _LAST_DAY if today is not None and until >= today else until


def stream_commits(path: Path, since: str, until: str, today: str | None = None) -> Iterator[Commit]:
    """Commits reachable from HEAD within the window (see `in_window`), in git's order."""
    # Every commit is walked and its dates read here: git's own date limits look at the
    # committer date only, and plain --since stops at the first older commit, so one skewed
    # clock would hide all history behind it.
    return _log(path, ["HEAD"], _bounds(since, until, today))


def stream_range(path: Path, revisions: str) -> Iterator[Commit]:
    """The commits of a change, such as BASE..HEAD (reachable from HEAD, not from BASE), in git's order."""
    if revisions.startswith("-"):
        raise RepoProblem(f"`{revisions}` is not a range of commits")  # git would read it as an option
    return _log(path, [revisions, "--"], None)


def _log(path: Path, selection: list[str], window: tuple[str, str] | None) -> Iterator[Commit]:
    """One streamed `git log` of the commits `selection` names (those in `window` only, when given; see
    `in_window`), parsed record by record."""
    require_git()
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
            yield from _records(process.stdout, window)
        finally:  # also when the reader stops early: closing the pipe ends git
            process.stdout.close()
            code = process.wait()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace").strip()
    if code != 0:
        raise RepoProblem(f"git log failed in {path}: {stderr.splitlines()[-1] if stderr else code}")


def _records(stream: IO[bytes], window: tuple[str, str] | None = None) -> Iterator[Commit]:
    """Parse `git log` output record by record as it arrives: the commits in `window` (see `_parse`)."""
    # Incremental, so a character split across two chunks still decodes; bad bytes become U+FFFD.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending, final = "", False
    while not final:
        chunk = stream.read(_CHUNK)
        final = not chunk
        pending += decoder.decode(chunk, final)
        commits, position, problem = _parse(pending, final, window)
        yield from commits
        if problem is not None:
            raise problem
        pending = pending[position:]
        if pending and (final or (not _RECORD.match(pending) and pending.count("\0") >= _HEADER_NULS)):
            raise RepoProblem(f"git log wrote a record govkit cannot read safely: {pending[:60]!r}")


def _parse(text: str, final: bool, window: tuple[str, str] | None) -> tuple[list[Commit], int, RepoProblem | None]:
    """The commits of the whole records at the start of `text`, where the rest begins, and the
    problem that ended them early: a commit that cannot be placed in time (the commits before it
    are read all the same, as they would be one by one).

    Unless `final`, a record is whole only once the next one has begun: its list of files may
    go on in the next chunk. With a `window` (first and last day, see `in_window`), only the
    commits either of whose dates is in it. The hot loop of reading history: every commit of
    every repo passes here, so it is written out in one piece.
    """
    # One split finds the records that one `_RECORD.match` after another finds: the search from
    # the end of a record finds the next where it begins, so the text before each is "" wherever
    # git wrote records only. Where it is not, the match loop finds where they stop.
    parts = _RECORD.split(text)  # for each record the text before it and its 8 fields; then the rest
    if any(parts[0:-1:9]):
        return _parse_one_by_one(text, final, window)
    rest, count = parts[-1], len(parts) // 9
    position = len(text) - len(rest)
    if not final and count and not rest.startswith("\0"):  # the last record's files may go on
        # Leave it to the next chunk. It starts its own length back: "\0" and the sha, each of the
        # six fields after a "\0", then "\0", the sha and "\0" again, and "\n" and its files if any.
        count -= 1
        sha, *header, names = parts[-9:-1]
        position -= 2 * len(sha) + 9 + sum(map(len, header)) + (len(names) + 1 if names is not None else 0)
    commits: list[Commit] = []
    since, last = window or ("", "")
    every = iter(parts[: 9 * count])
    for _, sha, authored, committed, email, name, subject, trailer_text, names in zip(*[every] * 9, strict=True):
        if len(authored) != 10 or authored[0] not in "123456789":  # the common case, as `_calendar_day` has it
            authored = _calendar_day(authored)
        if len(committed) != 10 or committed[0] not in "123456789":
            committed = _calendar_day(committed)
            if not authored and not committed:  # (a day read the common way is never "")
                return commits, position, _undated(sha)
        if window is None or since <= authored <= last or since <= committed <= last:
            day = authored if authored >= committed else committed  # the later: the one it is judged by
            files = tuple(names[:-1].split("\0")) if names else ()
            fields = (sha, email, name, day, authored, committed, subject, trailer_text, files)
            commits.append(_new_tuple(Commit, fields))  # as Commit(*fields), without its Python-level __new__
    return commits, position, None


def _parse_one_by_one(
    text: str, final: bool, window: tuple[str, str] | None
) -> tuple[list[Commit], int, RepoProblem | None]:
    """`_parse` where git wrote something between records: the records up to it, found one at a time."""
    position = 0
    while found := _RECORD.match(text, position):
        stop = found.end()
        if not final and (stop == len(text) or text[stop] != "\0"):
            break
        position = stop
    commits, _, problem = _parse(text[:position], True, window)
    return commits, position, problem


def _undated(sha: str) -> RepoProblem:
    return RepoProblem(
        f"commit {sha[:10]} has no author or committer date git can read, so it cannot be placed in time; "
        "run `git fsck` and replace that commit"
    )


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
    require_git()
    try:
        if run_git(["rev-parse", "--is-shallow-repository"], top).strip() == "true":
            raise RepoProblem(shallow_message(top))
        output = run_git([*LOG_ARGUMENTS, "HEAD", "--"], top)
    except subprocess.CalledProcessError as exc:
        if not has_commits(top):
            return []  # a charter repo with no commit yet has only its working copy
        reason = exc.stderr.strip().splitlines()
        raise RepoProblem(f"git log failed in {top}: {reason[-1] if reason else exc.returncode}") from None
    commits, position, problem = _parse(output, True, None)
    if problem is not None:
        raise problem
    if position != len(output):
        raise RepoProblem(f"git log wrote a record govkit cannot read safely: {output[position:][:60]!r}")
    return commits[::-1]
