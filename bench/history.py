"""The history benchmark: `govkit check` on a big repo against `git log` itself, and memory as history grows.

What it measures, as real subprocesses:

- time: `govkit check --root CHARTERS --as-of DAY --format json --fail-on never` on a charter
  repo whose one team repo holds N synthetic commits (default 200,000), against the physical
  floor: the very `git log` govkit runs (`govkit.git.log.LOG_ARGUMENTS`: -z, --name-only,
  --diff-merges=first-parent, its format; GIT_FLUSH=0, as govkit sets it) on the same repo.
  The floor is measured twice: written straight to /dev/null, the strict floor the target is
  judged against, and read through a pipe by `cat`, as any program gets git's output, for
  information (govkit widens its own pipe to 1 MB, which is why it can beat the second). Best of --repeat runs
  each, taken in turns. govkit's figure includes its own start-up and charter loading, as users run it.
- memory: govkit's own peak RSS (its process only, not git's) at --small commits (20,000) and
  at N, measured by running the CLI inside a fresh Python that reports getrusage(RUSAGE_SELF).
- a peer, for scale: GitPython's `Repo.iter_commits()` reading each commit's `stats` (what a
  naive tool does) over the first --peer commits (2,000), against `git log -n` of as many.

The synthetic repos are written by one `git fast-import` stream each, and cached in
bench/.work/ until their parameters change. Commits by outsiders and unreviewed changes to
guarded paths are a fixed handful at every size, so findings (which govkit keeps) do not grow
with history. Exits 1 when a target is missed; with --update-readme the figures replace the
block between the `history` markers in README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

from common import WORK, Row, commit_record, fail, markdown_table, text_table, tool, update_readme

from govkit.git.log import LOG_ARGUMENTS

START, END = dt.date(2026, 3, 2), dt.date(2026, 8, 28)
MEMBERS = [(f"Member {i}", f"member{i}@example.com", "technology" if i % 2 else "business") for i in range(8)]
TREE = [f"src/module{i}/file{j}.py" for i in range(40) for j in range(8)] + [f"docs/page{i}.md" for i in range(30)]
GUARDED = [f"auth/handler{i}.py" for i in range(10)] + [f"infra/stack{i}.tf" for i in range(10)]
FIXED_FINDINGS = 5  # outsider commits, and as many unreviewed guarded changes, at every size
TIME_TARGET, TIME_AIM, MEMORY_TARGET = 1.1, 1.05, 1.3
FLOOR = ["env", "GIT_FLUSH=0", "git", *LOG_ARGUMENTS, "HEAD"]


def fast_import_stream(count: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """Yield the fast-import stream for `count` commits spread evenly over the time box."""
    rng = random.Random(seed)
    span = (dt.datetime.combine(END, dt.time(18)) - dt.datetime.combine(START, dt.time(8))).total_seconds()
    first = dt.datetime.combine(START, dt.time(8), tzinfo=dt.UTC).timestamp()
    odd = set(rng.sample(range(count), 2 * FIXED_FINDINGS))
    outsiders, unreviewed = sorted(odd)[:FIXED_FINDINGS], sorted(odd)[FIXED_FINDINGS:]
    for index in range(count):
        stamp = int(first + span * index / count)
        name, email, _ = MEMBERS[index % len(MEMBERS)]
        if index in outsiders:
            name, email = "Outside Contractor", "contractor@vendor.example"
        files = rng.sample(TREE, rng.randint(1, 3))
        trailers = []
        if index in unreviewed or rng.random() < 0.02:
            files.append(rng.choice(GUARDED))
            if index not in unreviewed:
                reviewer = MEMBERS[3] if email == MEMBERS[1][1] else MEMBERS[1]  # never the author
                trailers.append(f"Reviewed-by: {reviewer[0]} <{reviewer[1]}>")
        if rng.random() < 0.05:
            trailers.append(f"Signed-off-by: {name} <{email}>")
        message = f"Change {index}: work on {files[0]}\n\nA body line explaining the change.\n"
        if trailers:
            message += "\n" + "\n".join(trailers) + "\n"
        yield commit_record(f"{name} <{email}>", stamp, message, files, f"{index}\n")


def synthetic_repo(count: int) -> Path:
    """A team repo with `count` commits, built once and cached."""
    path = WORK / f"history-{count}"
    stamp = path / ".git" / "govkit-bench"
    if stamp.exists() and stamp.read_text() == f"{count} v2":
        return path
    if path.exists():
        subprocess.run(["rm", "-rf", str(path)], check=True)
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True)
    print(f"bench: writing {count:,} commits with git fast-import ...", flush=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=path, stdin=subprocess.PIPE)
    assert importer.stdin is not None
    for chunk in fast_import_stream(count):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        fail("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=path, check=True)
    stamp.write_text(f"{count} v2")
    return path


def charter_repo(team_repo: Path) -> Path:
    root = WORK / f"charters-{team_repo.name}"
    team = root / "teams" / "bench-pilot"
    team.mkdir(parents=True, exist_ok=True)
    members = "".join(
        f"  - name: {name}\n    email: {email}\n    side: {side}\n    role: Member\n    allocation: 100\n"
        for name, email, side in MEMBERS
    )
    (team / "charter.yaml").write_text(
        f"""govkit: 1
team: bench-pilot
name: Benchmark Pilot
status: active
policy: firewalled-pilot@1
purpose: Measure govkit on a long history.
capability: {{name: Benchmarking, criticality: important}}
timebox: {{start: {START}, end: {END}}}
leads: {{business: {MEMBERS[0][1]}, technology: {MEMBERS[1][1]}}}
members:
{members}repos:
  - name: big-service
    path: {os.path.relpath(team_repo, root)}
    guarded:
      - area: security
        owner: it-security@example.com
        paths: ["auth/**", "infra/**"]
cadences: {{demo: 14d, customer-feedback: 14d, retro: 14d, release: 7d, knowledge-share: 30d}}
metrics:
  - {{id: users, kind: adoption, description: Weekly users, target: 100, every: 7d}}
"""
    )
    (team / "activity.yaml").write_text("govkit: 1\nevents: []\n")
    return root


def check_command(root: Path) -> list[str]:
    return [tool("govkit"), "check", "--root", str(root), "--as-of", str(END), "--format", "json", "--fail-on", "never"]


def piped(command: list[str]) -> list[str]:
    """`command | cat > /dev/null`, failing when the command fails."""
    quoted = " ".join("'" + part.replace("'", "'\\''") + "'" for part in command)
    return ["bash", "-o", "pipefail", "-c", f"{quoted} | cat > /dev/null"]


def best_times(commands: list[tuple[list[str], Path | None]], repeat: int) -> list[float]:
    """Best time of each (command, cwd), run in turns so a slow spell of the machine hits them all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for (command, cwd), taken in zip(commands, times, strict=True):
            started = time.perf_counter()
            done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            taken.append(time.perf_counter() - started)
            if done.returncode != 0:
                fail(f"{command[0]} failed: {done.stderr.decode()[:300]}")
    return [min(taken) for taken in times]


PEAK = """
import resource, sys
from govkit.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="govkit")
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def peak_rss_mb(root: Path) -> float:
    """govkit's own peak resident memory for one check, in MB (git's process not counted)."""
    command = [sys.executable, "-c", PEAK, *check_command(root)[1:]]
    done = subprocess.run(command, capture_output=True, check=False)
    found = json.loads(done.stdout)["findings"]
    guarded = [f for f in found if f["rule"] == "guarded-paths"]
    roster = [f for f in found if f["rule"] == "roster-authors"]  # one per repo, naming every outsider commit
    if len(guarded) != FIXED_FINDINGS or len(roster) != 1 or f"({FIXED_FINDINGS} commits" not in roster[0]["message"]:
        fail(
            f"expected {FIXED_FINDINGS} unreviewed guarded changes and one roster finding of {FIXED_FINDINGS} "
            f"commits from the synthetic history, got {len(guarded)} and {len(roster)}"
        )
    return int(done.stderr.decode().strip().splitlines()[-1]) / 1024


def gitpython_seconds(repo: Path, count: int) -> float:
    import git

    started = time.perf_counter()
    for commit in git.Repo(repo).iter_commits("HEAD", max_count=count):
        commit.stats.files  # noqa: B018 (reading it is the work being timed)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--peer", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    big, small = synthetic_repo(args.commits), synthetic_repo(args.small)
    big_root, small_root = charter_repo(big), charter_repo(small)
    devnull_s, piped_s, govkit_s = best_times(
        [(FLOOR, big), (piped(FLOOR), big), (check_command(big_root), None)], args.repeat
    )
    big_mb, small_mb = peak_rss_mb(big_root), peak_rss_mb(small_root)
    peer_s = gitpython_seconds(small, args.peer)
    [peer_floor] = best_times([([*FLOOR, "-n", str(args.peer)], small)], args.repeat)
    n, m = f"{args.commits:,}", f"{args.small:,}"
    rows = [
        Row(f"`govkit check`, {n} commits", govkit_s, "git log > /dev/null", devnull_s, TIME_TARGET, TIME_AIM),
        Row(f"`govkit check`, {n} commits", govkit_s, "git log | cat", piped_s, None),
        Row(f"peak memory MB, {n} vs {m} commits", big_mb, f"{m} commits", small_mb, MEMORY_TARGET),
        Row(f"GitPython iter_commits + stats, {args.peer:,} commits", peer_s, "git log", peer_floor, None),
    ]
    note = (
        f"{dt.date.today()}: {os.cpu_count()} cores (load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after), Python {platform.python_version()}, "
        f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.strip()}. "
        f"Times: best of {args.repeat}; memory: govkit's own peak RSS (MB in the govkit column)."
    )
    print(f"\n{note}\n\n{text_table(rows)}")
    if args.update_readme:
        update_readme("history", f"{note}\n\n{markdown_table(rows)}")
        print("\nbench: figures written into README.md")
    return 1 if any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
