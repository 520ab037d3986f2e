"""Sample team repos with realistic dated history, written by one `git fast-import` stream.

Used by `govkit demo` and by this project's own checks of its example teams: a whole
history is one git process, not one per commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from govkit.git.run import fast_import


@dataclass(frozen=True, slots=True)
class SampleCommit:
    day: dt.date
    author: str  # "Name <email>"
    message: str
    files: dict[str, str] = field(default_factory=dict)
    trailers: tuple[str, ...] = ()
    hour: int = 12


def write_history(path: Path, commits: Iterable[SampleCommit], branch: str = "main") -> None:
    """Create a git repo at `path` holding exactly these commits, then check the branch out."""
    path.mkdir(parents=True, exist_ok=True)
    stream = bytearray()
    for mark, commit in enumerate(commits, start=1):
        moment = dt.datetime.combine(commit.day, dt.time(commit.hour), tzinfo=dt.UTC)
        stamp = f"{commit.author} {int(moment.timestamp())} +0000"
        message = commit.message + ("\n\n" + "\n".join(commit.trailers) if commit.trailers else "") + "\n"
        body = message.encode()
        stream += f"commit refs/heads/{branch}\nmark :{mark}\nauthor {stamp}\ncommitter {stamp}\n".encode()
        stream += b"data %d\n" % len(body) + body
        for name, text in (commit.files or {f"notes/{commit.day}.md": f"{commit.message}\n"}).items():
            content = text.encode()
            stream += f"M 100644 inline {name}\n".encode() + b"data %d\n" % len(content) + content + b"\n"
        stream += b"\n"
    fast_import(path, bytes(stream), branch)


def every(start: dt.date, end: dt.date, days: int) -> list[dt.date]:
    """Dates from start to end inclusive, `days` apart."""
    found, day = [], start
    while day <= end:
        found.append(day)
        day += dt.timedelta(days=days)
    return found
