"""The organisation benchmark: `govkit check` over hundreds of teams against `git log` over their repos.

It builds (once, cached in bench/.work/) a charter repo of --teams teams (default 500), each with
--repos team repos (default 2) of --commits commits (default 2,000) written by `git fast-import`,
and a charter repo whose history holds every team's charter, amendments (approved on the change
or later with `Approves:`) and a weekly commit of each activity log, as organisations keep them.
Then, as real subprocesses, taken in turns so a slow spell of the machine hits every command:

- the floor: `git log` over every team repo with the flags and date window govkit uses, one repo
  at a time and two at a time (`xargs -P`); wall times, and CPU times (user and system, of every
  process a command waited for), which a shared machine's other load changes least;
- `govkit check --jobs 1` and `--jobs 2` (JSON, as CI runs it): the target is `--jobs 2` within
  1.3x the two-process floor, and `--jobs 2` at least 1.7x faster than `--jobs 1`;
- peak memory of govkit's own processes (the main one, and its largest worker; git's processes
  are not counted) at --small teams (default 50) and at --teams, so growth with teams shows;
- the same at --small teams, so the cost per team can be compared at both sizes;
- 4 shards (`--shard K/4 --format json`, each with `--jobs 2`) and `govkit merge` of their parts,
  against one run: the longest shard plus the merge (what a CI matrix waits for) and the sum.

Exits 1 when a target is missed; with --update-readme the figures replace the block between the
`org` markers in README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing import Pool
from pathlib import Path

from common import WORK, Row, commit_record, fail, markdown_table, text_table, tool, update_readme

AS_OF = dt.date(2026, 8, 28)
FIRST_START = dt.date(2026, 3, 2)
MEMBERS = [(f"Member {i}", f"member{i}@example.com", "technology" if i % 2 else "business") for i in range(6)]
TREE = [f"src/module{i}/file{j}.py" for i in range(20) for j in range(5)] + [f"docs/page{i}.md" for i in range(10)]
GUARDED = [f"auth/handler{i}.py" for i in range(5)] + [f"infra/stack{i}.tf" for i in range(5)]
APPROVED = [f"Approved-by: {name} <{email}>" for name, email, _ in MEMBERS[:2]]
VERSION = "org v3"
SPEED_TARGET, SPEEDUP_TARGET = 1.3, 1.7
FORMAT = "--format=%x1e%H%x1f%ae%x1f%an%x1f%as%x1f%cs%x1f%s%x1f%(trailers:only,unfold)%x1f"
FLOOR_SCRIPT = (
    'git -C "$0" -c core.quotepath=off log --no-renames --name-only --no-color '
    f'\'{FORMAT}\' --since-as-filter="$1" --until="$2" HEAD > /dev/null'
)


def team_id(number: int) -> str:
    return f"team-{number:03d}"


def timebox(number: int) -> tuple[dt.date, dt.date]:
    start = FIRST_START + dt.timedelta(days=number % 40)
    return start, start + dt.timedelta(weeks=26)


def repo_names(number: int, repos: int) -> list[str]:
    return [f"{team_id(number)}-{kind}" for kind in ("app", "api", "data", "ops")[:repos]]


def commits_stream(seed: int, count: int, start: dt.date) -> Iterator[bytes]:
    """One team repo's history: members' work, a few outsiders, guarded paths mostly reviewed."""
    rng = random.Random(seed)
    first = dt.datetime.combine(start, dt.time(8), tzinfo=dt.UTC).timestamp()
    span = (dt.datetime.combine(AS_OF, dt.time(8), tzinfo=dt.UTC).timestamp() - first) * 0.99
    for index in range(count):
        stamp = int(first + span * index / count)
        name, email, _ = MEMBERS[rng.randrange(len(MEMBERS))]
        if rng.random() < 0.002:
            name, email = "Outside Contractor", "contractor@vendor.example"
        files = rng.sample(TREE, rng.randint(1, 3))
        trailers = []
        if rng.random() < 0.03:
            files.append(rng.choice(GUARDED))
            if rng.random() < 0.9:
                trailers.append(f"Reviewed-by: {MEMBERS[1][0]} <{MEMBERS[1][1]}>")
        message = f"Change {index}: work on {files[0]}\n\nWhy the change was made.\n"
        if trailers:
            message += "\n" + "\n".join(trailers) + "\n"
        yield commit_record(f"{name} <{email}>", stamp, message, files, f"{index}\n")


def fast_import(path: Path, chunks: Iterator[bytes]) -> None:
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=path, stdin=subprocess.PIPE)
    assert importer.stdin is not None
    for chunk in chunks:
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        fail(f"git fast-import failed in {path}")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=path, check=True)


def build_team_repo(job: tuple[Path, int, int, dt.date]) -> None:
    path, seed, count, start = job
    fast_import(path, commits_stream(seed, count, start))


def charter_text(number: int, repos: int, cadence_demo: int) -> str:
    team, (start, end) = team_id(number), timebox(number)
    members = "".join(
        f"  - name: {name}\n    email: {email}\n    side: {side}\n    role: Member\n    allocation: 100\n"
        for name, email, side in MEMBERS
    )
    listed = ""
    for index, name in enumerate(repo_names(number, repos)):
        listed += f"  - name: {name}\n    path: ../repos/{name}\n"
        if index == 0:
            listed += "    guarded:\n      - area: security\n        owner: it-security@example.com\n"
            listed += '        paths: ["auth/**", "infra/**"]\n'
    return (
        f"govkit: 1\nteam: {team}\nname: Pilot {number}\nstatus: active\npolicy: firewalled-pilot@1\n"
        "purpose: Deliver one new capability with business and IT together.\n"
        "capability:\n  name: A new capability\n  criticality: important\n"
        f"timebox:\n  start: {start}\n  end: {end}\n"
        f"leads:\n  business: {MEMBERS[0][1]}\n  technology: {MEMBERS[1][1]}\n"
        f"members:\n{members}repos:\n{listed}"
        f"cadences:\n  demo: {cadence_demo}d\n  customer-feedback: 14d\n  retro: 14d\n  release: 7d\n"
        "  knowledge-share: 30d\n"
        "metrics:\n  - id: weekly-users\n    kind: adoption\n    description: Weekly users\n    target: 400\n"
        "    every: 7d\n"
        "exemptions:\n  - process: Change Advisory Board\n    replaced_by: The tech lead approves each release\n"
        "decisions:\n  team: [backlog]\n  escalate: [budget]\n"
        "escalation:\n  contact: cio-office@example.com\n  respond_within: 5d\n"
        "exit_criteria:\n  - 400 weekly users\n"
    )


def weekly_events(number: int) -> list[list[str]]:
    """Each week's events of one team: demos, feedback, retros, releases, readings, the odd escalation."""
    rng = random.Random(number)
    start, _ = timebox(number)
    weeks, day, users, ref = [], start, 0, 0
    while day <= AS_OF:
        lines = []
        for kind, every in (
            ("demo", 1),
            ("customer-feedback", 1),
            ("retro", 2),
            ("release", 1),
            ("knowledge-share", 4),
        ):
            if (day - start).days // 7 % every == 0 and rng.random() < 0.95:
                lines += [f"  - date: {day}", f"    type: {kind}", f"    summary: The week's {kind}"]
        users += rng.randint(5, 25)
        lines += [f"  - date: {day}", "    type: metric", "    metric: weekly-users", f"    value: {users}"]
        if rng.random() < 0.05:
            ref += 1
            answered = day + dt.timedelta(days=rng.randint(1, 4))
            lines += [f"  - date: {day}", "    type: escalation", f"    ref: esc-{ref}", "    summary: A decision"]
            lines += [f"  - date: {answered}", "    type: escalation-resolved", f"    ref: esc-{ref}"]
        weeks.append(lines)
        day += dt.timedelta(days=7)
    return weeks


def charter_history(teams: int, repos: int, sha_of: Callable[[int], str]) -> Iterator[bytes]:
    """The charter repo's commits in date order: charters added, amended and approved, logs committed weekly."""
    entries: list[tuple[dt.date, int, str, int]] = []  # (day, team, what, week)
    events = {number: weekly_events(number) for number in range(teams)}
    for number in range(teams):
        start, _ = timebox(number)
        entries.append((start - dt.timedelta(days=7), number, "charter", 0))
        entries += [
            (start + dt.timedelta(days=7 * week + 4), number, "activity", week) for week in range(len(events[number]))
        ]
        if number % 3 == 0:
            entries.append((start + dt.timedelta(days=30), number, "amend", 0))
        if number % 7 == 0:
            entries.append((start + dt.timedelta(days=50), number, "amend-later", 0))
            entries.append((start + dt.timedelta(days=53), number, "approve", 0))
    entries.sort()
    pending: dict[int, int] = {}  # team → the mark of its amendment awaiting a later approval
    for mark, (day, number, what, week) in enumerate(entries, start=1):
        team, trailers, files = team_id(number), [], {}
        author = MEMBERS[1] if what != "activity" else MEMBERS[number % len(MEMBERS)]
        if what == "charter":
            files[f"teams/{team}/charter.yaml"] = charter_text(number, repos, 14)
            files[f"teams/{team}/activity.yaml"] = "govkit: 1\nevents: []\n"
            subject = f"Charter of {team}"
        elif what == "activity":
            lines = [line for lines in events[number][: week + 1] for line in lines]
            files[f"teams/{team}/activity.yaml"] = "govkit: 1\nevents:\n" + "\n".join(lines) + "\n"
            subject = f"Activity of {team}, week {week + 1}"
        elif what == "amend":
            files[f"teams/{team}/charter.yaml"] = charter_text(number, repos, 10)
            subject, trailers = f"{team}: demo every 10 days", APPROVED
        elif what == "amend-later":
            files[f"teams/{team}/charter.yaml"] = charter_text(number, repos, 7)
            subject, pending[number] = f"{team}: demo every week", mark
        else:
            subject = f"Approve the demo cadence of {team}"
            trailers = [f"Approves: {sha_of(pending.pop(number))}", *APPROVED]
        stamp = int(dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC).timestamp())
        message = subject + ("\n\n" + "\n".join(trailers) if trailers else "") + "\n"
        yield _commit(mark, f"{author[0]} <{author[1]}> {stamp} +0000", message, files)


def _commit(mark: int, who: str, message: str, files: dict[str, str]) -> bytes:
    body = message.encode()
    chunk = [f"commit refs/heads/main\nmark :{mark}\nauthor {who}\ncommitter {who}\n".encode()]
    chunk.append(b"data %d\n" % len(body) + body)
    for name, text in files.items():
        content = text.encode()
        chunk.append(f"M 100644 inline {name}\n".encode() + b"data %d\n" % len(content) + content + b"\n")
    return b"".join(chunk) + b"\n"


def charter_repo(path: Path, teams: int, repos: int) -> None:
    """The charter repo, by one fast-import that tells the sha of each amendment an approval names."""
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True)
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet"], cwd=path, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert importer.stdin is not None and importer.stdout is not None
    stdin, stdout = importer.stdin, importer.stdout

    def sha_of(mark: int) -> str:
        stdin.write(f"get-mark :{mark}\n".encode())
        stdin.flush()
        return stdout.readline().decode().strip()

    for chunk in charter_history(teams, repos, sha_of):
        stdin.write(chunk)
    stdin.close()
    if importer.wait() != 0:
        fail("git fast-import failed for the charter repo")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=path, check=True)


def organisation(teams: int, repos: int, commits: int) -> Path:
    """The organisation's folder (charters/ and repos/), built once per set of parameters."""
    folder = WORK / f"org-{teams}x{repos}x{commits}"
    stamp = folder / "built"
    if stamp.exists() and stamp.read_text() == VERSION:
        return folder
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    jobs = []
    for number in range(teams):
        for index, name in enumerate(repo_names(number, repos)):
            jobs.append((folder / "repos" / name, number * 10 + index, commits, timebox(number)[0]))
    print(f"bench: writing {teams} teams' {len(jobs):,} repos of {commits:,} commits with git fast-import ...")
    started = time.perf_counter()
    with Pool(os.cpu_count() or 2) as pool:
        pool.map(build_team_repo, jobs, chunksize=8)
    charter_repo(folder / "charters", teams, repos)
    print(f"bench: built in {time.perf_counter() - started:.0f} s")
    stamp.write_text(VERSION)
    return folder


def floor_list(folder: Path, teams: int, repos: int) -> Path:
    """One line per team repo: its folder and the date window govkit asks git for (±2 days)."""
    lines = []
    for number in range(teams):
        start, end = timebox(number)
        since, until = start - dt.timedelta(days=2), min(end, AS_OF) + dt.timedelta(days=2)
        lines += [f"{folder / 'repos' / name} {since} {until}" for name in repo_names(number, repos)]
    listing = folder / "floor.txt"
    listing.write_text("\n".join(lines) + "\n")
    return listing


def floor(listing: Path, processes: int) -> list[str]:
    return ["xargs", "-a", str(listing), "-P", str(processes), "-L", "1", "sh", "-c", FLOOR_SCRIPT]


def check(folder: Path, *extra: str) -> list[str]:
    root = str(folder / "charters")
    return [
        tool("govkit"),
        "check",
        "--root",
        root,
        "--as-of",
        str(AS_OF),
        "--format",
        "json",
        "--fail-on",
        "never",
        *extra,
    ]


def run_in_turns(commands: list[list[str]], repeat: int) -> tuple[list[list[float]], list[float]]:
    """Every wall time of each command, the commands taken in turns; and each command's least CPU time.

    CPU time (user and system, of the command and every process it waited for: git, workers) is
    what another load on a shared machine changes least, so it is reported beside the wall times."""
    times: list[list[float]] = [[] for _ in commands]
    cpu = [float("inf")] * len(commands)
    for _ in range(repeat):
        for index, (command, taken) in enumerate(zip(commands, times, strict=True)):
            before = _children_cpu()
            started = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            taken.append(time.perf_counter() - started)
            cpu[index] = min(cpu[index], _children_cpu() - before)
            if done.returncode != 0:
                fail(f"{' '.join(command[:3])} failed: {done.stderr.decode()[:300]}")
    return times, cpu


def _children_cpu() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def peak_mb(folder: Path, jobs: int) -> tuple[float, float]:
    """govkit's own peak RSS in MB: its main process's, and its largest worker's (git's processes not counted).

    Read from each process's high-water mark (VmHWM) while the run lasts; the workers are the main
    process's children running govkit, so git's processes, children too, are left out."""
    process = subprocess.Popen(check(folder, "--jobs", str(jobs)), stdout=subprocess.DEVNULL)
    main = worker = 0
    while process.poll() is None:
        main = max(main, _high_water(process.pid))
        for child in _children(process.pid):
            worker = max(worker, _high_water(child))
        time.sleep(0.2)
    return main / 1024, worker / 1024


def _children(pid: int) -> list[int]:
    """The processes `pid` started that run govkit (its workers), not git."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]  # after "pid (name) state"
            if parent == str(pid) and b"govkit" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, IndexError):
            continue  # it ended meanwhile
    return found


def _high_water(pid: int) -> int:
    """A process's peak resident memory so far, in KB (0 once it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def shards_and_merge(folder: Path, count: int, repeat: int) -> tuple[float, float, float]:
    """Best over `repeat` of (longest shard + merge, sum of shards + merge, merge alone), with --jobs 2 each."""
    parts = [folder / f"part-{k}.json" for k in range(1, count + 1)]
    best: tuple[float, float, float] | None = None
    for _ in range(repeat):
        shard_times = []
        for k, part in enumerate(parts, start=1):
            started = time.perf_counter()
            with part.open("wb") as out:
                subprocess.run(check(folder, "--jobs", "2", "--shard", f"{k}/{count}"), stdout=out, check=True)
            shard_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        merge = [tool("govkit"), "merge", *map(str, parts), "--format", "sarif", "--fail-on", "never"]
        subprocess.run(merge, stdout=subprocess.DEVNULL, check=True)
        merged = time.perf_counter() - started
        figures = (max(shard_times) + merged, sum(shard_times) + merged, merged)
        best = figures if best is None or figures[0] < best[0] else best
    assert best is not None
    return best


def spread(times: list[float]) -> str:
    return f"{min(times):.1f}-{max(times):.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--repos", type=int, default=2)
    parser.add_argument("--commits", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()
    big = organisation(args.teams, args.repos, args.commits)
    small = organisation(args.small, args.repos, args.commits)
    big_list, small_list = floor_list(big, args.teams, args.repos), floor_list(small, args.small, args.repos)
    commands = [
        floor(big_list, 1),
        floor(big_list, 2),
        check(big, "--jobs", "1"),
        check(big, "--jobs", "2"),
        floor(small_list, 2),
        check(small, "--jobs", "2"),
    ]
    times, cpu = run_in_turns(commands, args.repeat)
    floor1, floor2, jobs1, jobs2, small_floor2, small_jobs2 = (min(t) for t in times)
    shard_wall, shard_sum, merge_s = shards_and_merge(big, 4, args.repeat)
    big_parent, big_worker = peak_mb(big, 2)
    small_parent, small_worker = peak_mb(small, 2)
    n, m = f"{args.teams}", f"{args.small}"
    rows = [
        Row(f"`check --jobs 2`, {n} teams", jobs2, "git log, 2 processes", floor2, SPEED_TARGET),
        Row(f"`check --jobs 1`, {n} teams", jobs1, "git log, 1 process", floor1, None),
        Row(f"`check --jobs 1` over `--jobs 2` (speed-up), {n} teams", jobs1, "--jobs 2", jobs2, None),
        Row(f"CPU s (user + sys), `check --jobs 2`, {n} teams", cpu[3], "git log, 2 processes", cpu[1], None),
        Row(f"CPU s (user + sys), `check --jobs 1`, {n} teams", cpu[2], "git log, 1 process", cpu[0], None),
        Row(f"`check --jobs 2`, {m} teams", small_jobs2, "git log, 2 processes", small_floor2, None),
        Row(f"4 shards + merge, longest shard + merge, {n} teams", shard_wall, "one run, --jobs 2", jobs2, None),
        Row(f"4 shards + merge, all shards + merge, {n} teams", shard_sum, "one run, --jobs 2", jobs2, None),
        Row(f"peak memory MB, main process, {n} vs {m} teams", big_parent, f"{m} teams", small_parent, None),
        Row(f"peak memory MB, largest worker, {n} vs {m} teams", big_worker, f"{m} teams", small_worker, None),
    ]
    speedup = jobs1 / jobs2
    verdict = "PASS" if speedup >= SPEEDUP_TARGET else "FAIL"
    noise = ", ".join(
        f"{name} {spread(t)} s"
        for name, t in zip(
            ("floor 1p", "floor 2p", "jobs 1", "jobs 2", f"{m}-team floor", f"{m}-team jobs 2"), times, strict=True
        )
    )
    note = (
        f"{dt.date.today()}: {args.teams} teams x {args.repos} repos x {args.commits:,} commits, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.strip()}. "
        f"Best of {args.repeat}, commands in turns (spread of the runs: {noise}); merge alone {merge_s:.1f} s. "
        f"Speed-up of `--jobs 2` over `--jobs 1`: {speedup:.2f}x (target ≥ {SPEEDUP_TARGET:.2f}x): {verdict}."
    )
    print(f"\n{note}\n\n{text_table(rows)}")
    if args.update_readme:
        update_readme("org", f"{note}\n\n{markdown_table(rows)}")
        print("\nbench: figures written into README.md")
    failed = verdict == "FAIL" or any(row.verdict == "FAIL" for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
