"""What the benchmarks share: running tools, timing them, and writing their tables."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

PROJECT = Path(__file__).resolve().parent.parent
WORK = PROJECT / "bench" / ".work"
README = PROJECT / "README.md"


def fail(message: str) -> NoReturn:
    """Stop: the benchmark cannot run or would not be fair. Exit 2, like govkit's "cannot run"."""
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)


def tool(name: str) -> str:
    """The console script installed beside this Python (the venv's), else one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        fail(f"`{name}` is not installed; run `make bench`, which installs it.")
    return found


def timed(command: Sequence[str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - started, done


def best_of(repeat: int, command: Sequence[str]) -> float:
    times = []
    for _ in range(repeat):
        seconds, done = timed(command)
        if done.returncode != 0:
            fail(f"`{command[0]}` failed with exit {done.returncode}: {done.stderr.decode()[:500]}")
        times.append(seconds)
    return min(times)


@dataclass(frozen=True, slots=True)
class Row:
    measurement: str
    govkit: float
    other_name: str
    other: float
    target: float | None  # the ratio govkit/other must stay at or under; None: for information
    aim: float | None = None

    @property
    def ratio(self) -> float:
        return self.govkit / self.other

    @property
    def verdict(self) -> str:
        return "info" if self.target is None else ("PASS" if self.ratio <= self.target else "FAIL")

    def cells(self) -> list[str]:
        target = "-" if self.target is None else f"≤ {self.target:.2f}x"
        if self.aim is not None:
            target += f" (aim {self.aim:.2f}x)"
        return [
            self.measurement,
            f"{self.govkit:.3f}",
            f"{self.other:.3f} ({self.other_name})",
            f"{self.ratio:.2f}x",
            target,
            self.verdict,
        ]


HEADER = ["measurement", "govkit s", "compared with, s", "ratio", "target", "result"]


def text_table(rows: list[Row]) -> str:
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines)


def markdown_table(rows: list[Row]) -> str:
    lines = [f"| {' | '.join(HEADER)} |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", r"\|") for cell in row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def update_readme(marker: str, body: str) -> None:
    """Replace what stands between `<!-- marker:start -->` and `<!-- marker:end -->` in README.md."""
    start_tag, end_tag = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = README.read_text(encoding="utf-8")
    start, end = text.find(start_tag), text.find(end_tag)
    if start < 0 or end < start:
        fail(f"README.md has no {start_tag} … {end_tag} block to fill in.")
    README.write_text(text[:start] + f"{start_tag}\n{body}\n{end_tag}" + text[end + len(end_tag) :], encoding="utf-8")


def commit_record(who: str, stamp: int, message: str, files: Sequence[str], content: str) -> bytes:
    """One commit on `main` in a `git fast-import` stream: authored and committed by `who` at `stamp`
    (seconds, UTC), writing `content` into each of `files`."""
    body = message.encode()
    chunk = [
        f"commit refs/heads/main\nauthor {who} {stamp} +0000\ncommitter {who} {stamp} +0000\n".encode(),
        b"data %d\n" % len(body),
        body,
    ]
    data = content.encode()
    for path in files:
        chunk += [f"M 100644 inline {path}\n".encode(), b"data %d\n" % len(data), data, b"\n"]
    return b"".join(chunk) + b"\n"
