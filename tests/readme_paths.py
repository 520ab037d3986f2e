"""The README's three paths as something a test can play: their commands, example changes and people.

Under "## Three paths", each `### ` section is one path. Its ```sh blocks are run in order, each
as one bash script (`set -e`: a failing command stops the path), in a terminal, so `govkit
approve` asks as it asks a person; the test answers its question with `y`. A block's first line
is a comment whose first word names the person running it: blocks of one person run on their
"computer" (a folder and a git configuration of their own). The section's ```diff blocks are
the example changes: the n-th `$EDITOR FILE` makes the n-th one.

Run as a script (`python readme_paths.py apply DIFF FILE`), this module makes an example change,
which is what a `$EDITOR` line becomes.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

INSTALL = "govkit-pilots @ git+https://github.com/govkit/govkit@v0.1.0"
SERVER = "https://git.example.com/acme/charters.git"
EDITOR = re.compile(r"^\$EDITOR\s+(\S+)")


@dataclass(frozen=True, slots=True)
class Block:
    person: str
    commands: str  # the block's text, as a script


@dataclass
class ReadmePath:
    title: str
    blocks: list[Block] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # the ```diff blocks, in order


def paths(readme: str) -> dict[str, ReadmePath]:
    """The README's paths by the first words of their titles ("For team leads" → "team leads")."""
    section = readme.split("\n## Three paths\n", 1)[1].split("\n## ", 1)[0]
    found: dict[str, ReadmePath] = {}
    for part in section.split("\n### ")[1:]:
        title = part.splitlines()[0]
        path = ReadmePath(title)
        for kind, body in re.findall(r"```(sh|diff)\n(.*?)```", part, re.DOTALL):
            if kind == "diff":
                path.changes.append(body)
                continue
            first = body.splitlines()[0]
            assert first.startswith("# "), f"a block of '{title}' does not start by naming its person"
            path.blocks.append(Block(first[2:].split(",")[0].split()[0], body))
        found[title.split(":")[0].removeprefix("For ")] = path
    return found


def apply_change(diff: str, target: Path) -> None:
    """Make one example change: each hunk's `-` and context lines, found once, become its `+` and context lines."""
    text = target.read_text(encoding="utf-8")
    named = [line.split()[1] for line in diff.splitlines() if line.startswith(("--- ", "+++ "))]
    assert all(Path(name).parts == target.parts[-len(Path(name).parts) :] for name in named), (named, target)
    for hunk in re.split(r"^@@.*$", diff, flags=re.MULTILINE)[1:]:
        old, new = [], []
        for line in hunk.strip("\n").splitlines():
            marker, content = line[:1], line[1:]
            if marker in (" ", "-"):
                old.append(content)
            if marker in (" ", "+"):
                new.append(content)
        before, after = "\n".join(old) + "\n", "\n".join(new) + "\n"
        assert text.count(before) == 1, f"the example change does not fit {target}:\n{before}"
        text = text.replace(before, after)
    target.write_text(text, encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Played:
    exit_code: int
    output: str  # what the terminal showed, stdout and stderr together
    answered: int  # how many questions were answered `y`


def script_of(block: Block, changes: list[Path], clone: Path, server: Path) -> str:
    """The block as bash runs it: the install from the clone, the server a folder, `$EDITOR` the example change."""
    lines = []
    for line in block.commands.replace(INSTALL, str(clone)).replace(SERVER, str(server)).splitlines():
        edit = EDITOR.match(line)
        if edit:
            change = changes.pop(0)
            line = f'"{sys.executable}" "{Path(__file__).resolve()}" apply "{change}" {edit[1]}'
        lines.append(line)
    return "set -e\n" + "\n".join(lines) + "\n"


def play(script: str, cwd: Path, env: dict[str, str], timeout: float = 600) -> Played:
    """Run `script` in bash in a terminal of its own, answering `y` to each yes/no question."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
    )
    os.close(follower)
    shown, answered, asked_at = b"", 0, 0
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                process.kill()
                raise AssertionError(f"the path ran longer than {timeout} seconds:\n{shown.decode(errors='replace')}")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: bash and everything it ran are done
                break
            if not chunk:
                break
            shown += chunk
            if re.search(rb"\[y/N\]: ?$", shown[asked_at:].rstrip(b" ")):
                os.write(leader, b"y\n")
                answered += 1
                asked_at = len(shown)
    finally:
        os.close(leader)
    code = process.wait(timeout=60)
    return Played(code, shown.decode(errors="replace").replace("\r\n", "\n"), answered)


if __name__ == "__main__":
    _, command, diff_file, target_file = sys.argv
    assert command == "apply"
    apply_change(Path(diff_file).read_text(encoding="utf-8"), Path(target_file))
