"""A CI matrix: `check --shard K/N` on each machine, `govkit merge` of the parts, `render --from` them.

The merged result is the one run's result, byte for byte in every format; the pages rendered
from it are the pages `render` writes itself.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govkit.model import share_of
from tests.conftest import HEALTHY_CHARTER, govkit
from tests.generated import generated_repo

AS_OF = dt.date(2026, 11, 20)
FORMATS = ["json", "sarif", "text", "junit", "github", "markdown"]


@pytest.fixture(scope="module")
def charters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_repo(tmp_path_factory.mktemp("org"), 7, AS_OF, teams=6)


@pytest.fixture(scope="module")
def three(charters: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The run in three shards, each one's `--format json` in a file."""
    return shards(charters, tmp_path_factory.mktemp("parts"), 3)


def check(root: Path, *extra: str) -> tuple[int, str]:
    run = govkit("check", "--root", str(root), "--as-of", AS_OF.isoformat(), *extra)
    assert run.exit_code in (0, 1), run.stderr
    return run.exit_code, run.stdout


def shards(root: Path, folder: Path, count: int) -> list[Path]:
    """Each shard's `--format json`, written where a CI job would upload it."""
    folder.mkdir(exist_ok=True)
    parts = []
    for index in range(1, count + 1):
        _, text = check(root, "--shard", f"{index}/{count}", "--format", "json", "--fail-on", "never")
        parts.append(folder / f"part-{index}.json")
        parts[-1].write_text(text, encoding="utf-8")
    return parts


def test_every_team_is_in_exactly_one_shard(charters):
    whole = {team["team"] for team in json.loads(check(charters, "--format", "json")[1])["teams"]}
    held = []
    for index in (1, 2, 3):
        part = json.loads(check(charters, "--shard", f"{index}/3", "--format", "json")[1])
        held += [team["team"] for team in part["teams"]]
        assert all(share_of(team["team"], 3) == index for team in part["teams"])
    assert sorted(held) == sorted(whole) and len(whole) == 6


def test_a_team_stays_in_its_shard_when_teams_are_added(repo):
    def shard_of_each() -> dict[str, int]:
        found = {}
        for index in (1, 2, 3):
            run = govkit("check", "--root", str(repo.root), "--shard", f"{index}/3", "--format", "json")
            found.update({team["team"]: index for team in run.json()["teams"]})
        return found

    for number in range(4):
        repo.charter(HEALTHY_CHARTER.replace("reorder-pilot", f"pilot-{number}"), team=f"pilot-{number}")
    before = shard_of_each()
    for number in range(4, 12):
        repo.charter(HEALTHY_CHARTER.replace("reorder-pilot", f"pilot-{number}"), team=f"pilot-{number}")
    after = shard_of_each()
    assert len(after) == 12 and {team: after[team] for team in before} == before
    assert set(after.values()) == {1, 2, 3}


@pytest.mark.parametrize("output_format", FORMATS)
def test_merged_shards_give_the_one_run_s_result_byte_for_byte(charters, three, output_format):
    parts = three
    for fail_on in ("error", "never"):
        merged = govkit("merge", *map(str, parts), "--format", output_format, "--fail-on", fail_on)
        whole = check(charters, "--format", output_format, "--fail-on", fail_on)
        assert (merged.exit_code, merged.stdout) == whole, merged.stderr


def test_the_parts_may_be_given_as_the_folder_ci_downloads_them_into(charters, tmp_path):
    shards(charters, tmp_path / "parts", 2)
    merged = govkit("merge", str(tmp_path / "parts"), "--format", "json", "--fail-on", "never")
    assert merged.stdout == check(charters, "--format", "json", "--fail-on", "never")[1]


def test_pages_rendered_from_merged_shards_are_the_pages_render_writes(charters, three, tmp_path):
    parts = three
    for output_format in ("html", "md"):
        direct, merged = tmp_path / f"direct-{output_format}", tmp_path / f"merged-{output_format}"
        common = ("--root", str(charters), "--format", output_format)
        run = govkit("render", *common, "--out", str(direct), "--as-of", AS_OF.isoformat(), "--jobs", "2")
        assert run.exit_code == 0, run.stderr
        run = govkit("render", *common, "--out", str(merged), *(f"--from={part}" for part in parts))
        assert run.exit_code == 0, run.stderr
        assert run.stdout.endswith(f"as of {AS_OF}.\n")
        written = sorted(path.name for path in direct.iterdir())
        assert written == sorted(path.name for path in merged.iterdir()) and len(written) == 8
        for name in written:
            assert (direct / name).read_bytes() == (merged / name).read_bytes(), name


def test_check_and_render_give_the_same_output_with_one_job_or_two(charters, tmp_path):
    for output_format in ("json", "sarif", "text"):
        assert check(charters, "--jobs", "1", "--format", output_format) == check(
            charters, "--jobs", "2", "--format", output_format
        )
    for jobs in ("1", "2"):
        run = govkit(
            "render",
            "--root",
            str(charters),
            "--out",
            str(tmp_path / jobs),
            "--as-of",
            AS_OF.isoformat(),
            "--jobs",
            jobs,
        )
        assert run.exit_code == 0, run.stderr
    for page in (tmp_path / "1").iterdir():
        assert page.read_bytes() == (tmp_path / "2" / page.name).read_bytes(), page.name


def refused(run_exit_code: int, stderr: str) -> str:
    assert run_exit_code == 2 and "internal error" not in stderr and "Traceback" not in stderr, stderr
    return stderr


def test_a_missing_shard_is_named_and_nothing_is_merged(three):
    parts = three
    run = govkit("merge", str(parts[0]), str(parts[2]), "--format", "json")
    message = refused(run.exit_code, run.stderr)
    assert "Shard 2/3 is missing" in message and "--shard 2/3" in message and run.stdout == ""


def test_a_shard_given_twice_is_refused(charters, tmp_path):
    parts = shards(charters, tmp_path / "parts", 2)
    copy = tmp_path / "copy.json"
    copy.write_bytes(parts[0].read_bytes())
    run = govkit("merge", str(parts[0]), str(copy), str(parts[1]))
    assert "are both shard 1/2" in refused(run.exit_code, run.stderr)


def test_shards_of_different_runs_are_not_merged(charters, tmp_path):
    parts = shards(charters, tmp_path / "parts", 2)
    _, other = check(charters, "--shard", "2/2", "--format", "json", "--as-of", "2026-11-19")
    later = tmp_path / "other-day.json"
    later.write_text(other)
    run = govkit("merge", str(parts[0]), str(later))
    assert "merge the shards of one run" in refused(run.exit_code, run.stderr)
    _, three = check(charters, "--shard", "2/3", "--format", "json")
    (tmp_path / "of-three.json").write_text(three)
    run = govkit("merge", str(parts[0]), str(tmp_path / "of-three.json"))
    assert "come from different runs" in refused(run.exit_code, run.stderr)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"govkit": 1, "command": "check",\n  "findings": [,]}\n', "broken.json:2:16: not valid JSON"),
        ("\xff\xfe not text", "broken.json: not text"),
        ('{"govkit": 1, "command": "check", "as_of": "2026-11-20", "findings": [], "teams": []}', "it has no `shard`"),
        ("[1, 2, 3]", "not a govkit result"),
    ],
)
def test_a_file_that_is_not_a_shard_s_result_is_refused_with_where_and_why(tmp_path, text, said):
    broken = tmp_path / "broken.json"
    broken.write_bytes(text.encode("latin-1"))
    run = govkit("merge", str(broken))
    message = refused(run.exit_code, run.stderr)
    assert said in message and "govkit check --shard K/N --format json" in message


def test_a_part_changed_by_hand_is_refused_not_half_used(charters, tmp_path):
    [part] = shards(charters, tmp_path / "parts", 1)
    data = json.loads(part.read_text())
    data["teams"][0]["measurements"][0]["value"]["start"] = "the first of May"
    part.write_text(json.dumps(data))
    run = govkit("merge", str(part))
    assert "is not a date" in refused(run.exit_code, run.stderr)
    run = govkit("render", "--root", str(charters), "--out", str(tmp_path / "site"), "--from", str(part))
    refused(run.exit_code, run.stderr)
    assert not (tmp_path / "site").exists()


def test_render_from_results_takes_no_teams_date_or_shard(charters, tmp_path):
    [part] = shards(charters, tmp_path / "parts", 1)
    for extra in (["pilot-1"], ["--as-of", "2026-11-01"], ["--shard", "1/2"]):
        run = govkit("render", "--root", str(charters), "--from", str(part), *extra)
        assert "--from renders every team of the results" in refused(run.exit_code, run.stderr)


@pytest.mark.parametrize("shard", ["0/3", "4/3", "1", "a/b", "1/0"])
def test_a_shard_that_does_not_exist_is_a_usage_error(charters, shard):
    run = govkit("check", "--root", str(charters), "--shard", shard)
    assert "is not a shard: write K/N" in refused(run.exit_code, run.stderr)


def test_every_measurement_comes_back_from_its_json_form_unchanged(charters):
    from govkit.commands.check import run_check
    from govkit.measurements import measurements_data, measurements_of_data
    from govkit.repo import CharterRepo

    result = run_check(CharterRepo(charters), [], AS_OF)
    kinds = set()
    for measured in result.measured.values():
        assert measurements_of_data(json.loads(json.dumps(measurements_data(measured)))) == measured
        kinds |= {type(item).__name__ for _, item in measured.items}
    assert kinds >= {"Timebox", "Cadence", "Metric", "Pace", "Escalation", "Waiver", "Commits", "Guarded", "Amendment"}
