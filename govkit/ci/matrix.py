"""`govkit ci github --matrix N`: the charter repo's workflow for an organisation, on CI's own matrix.

N jobs each check one shard of the teams (`check --shard K/N`), checking out only the team repos
of their shard's teams, and keep their result; one job then merges the results, uploads one SARIF
to code scanning, renders the portfolio and team pages from them (no team repo read again) and
publishes them as an artifact, and fails on errors. Lint runs on pull requests, as in the plain
workflow.
"""

from __future__ import annotations

from govkit.ci.github import (
    MARKER,
    SARIF_JOB_PERMISSIONS,
    UPLOAD_SARIF,
    checkout_step,
    setup_steps,
    team_repo_steps,
    workflow_head,
)
from govkit.ci.repos import Checkout
from govkit.model import share_of

UPLOAD_ARTIFACT = "actions/upload-artifact@v4.6.2"
DOWNLOAD_ARTIFACT = "actions/download-artifact@v4.3.0"
PARTS = "govkit-parts"
SITE = "govkit-site"


def matrix_workflow(charter_folder: str, checkouts: list[Checkout], count: int, install: str) -> str:
    shards = ", ".join(str(index) for index in range(1, count + 1))
    lines = [
        f"{MARKER} from the charters in this repo. Do not edit it by hand: change",
        "# the charters (each team repo's `url`) and run `govkit ci github --matrix N` again, which rewrites it.",
        "#",
        f"# Every team is checked in one of {count} shards (the same team always in the same one); each shard",
        "# checks out only its teams' repos. One job merges the shards' results into one report for code",
        "# scanning, renders the portfolio and team pages from them, and publishes them as the artifact",
        f"# {SITE}. Pull requests are linted and checked; every weekday at 06:00 UTC every team is checked again.",
        *workflow_head(install),
        "  check:",
        f'    name: "Check shard ${{{{ matrix.shard }}}} of {count}"',
        "    runs-on: ubuntu-latest",
        "    permissions:",
        "      contents: read",
        "    strategy:",
        "      fail-fast: false",
        "      matrix:",
        f"        shard: [{shards}]",
        "    steps:",
        *checkout_step("Check out the charter repo with full history", {"path": charter_folder}),
        *_shard_checkouts(checkouts, count),
        *setup_steps(install),
        "      - name: Check this shard's teams",
        "        env:",
        "          SHARD: ${{ matrix.shard }}",
        f'        run: govkit check --root {charter_folder} --shard "$SHARD/{count}" --format json --fail-on never '
        f'> "govkit-part-$SHARD.json"',
        "      - name: Keep this shard's result for the merge",
        f"        uses: {UPLOAD_ARTIFACT}",
        "        with:",
        "          name: govkit-part-${{ matrix.shard }}",
        "          path: govkit-part-${{ matrix.shard }}.json",
        "          if-no-files-found: error",
        "  merge:",
        "    name: Merge the shards, report and render",
        "    needs: check",
        "    runs-on: ubuntu-latest",
        *SARIF_JOB_PERMISSIONS,
        "    steps:",
        *checkout_step("Check out the charter repo with full history", {"path": charter_folder}),
        *setup_steps(install),
        "      - name: Fetch every shard's result",
        f"        uses: {DOWNLOAD_ARTIFACT}",
        "        with:",
        "          pattern: govkit-part-*",
        f"          path: {PARTS}",
        "          merge-multiple: true",
        "      - name: Merge the shards, as SARIF for code scanning",
        f"        run: govkit merge {PARTS} --format sarif --fail-on never > govkit-check.sarif",
        "      - name: Upload the findings to code scanning",
        f"        uses: {UPLOAD_SARIF}",
        "        with:",
        "          sarif_file: govkit-check.sarif",
        "          category: govkit-check",
        f"          checkout_path: {charter_folder}",
        "      - name: Render the portfolio and team pages from the shards' results",
        f"        run: govkit render --root {charter_folder} --from {PARTS} --out {SITE}",
        "      - name: Publish the pages",
        f"        uses: {UPLOAD_ARTIFACT}",
        "        with:",
        f"          name: {SITE}",
        f"          path: {SITE}",
        "      - name: Merge the shards, and fail on errors",
        f"        run: govkit merge {PARTS} --format github",
    ]
    return "\n".join(lines) + "\n"


def _shard_checkouts(checkouts: list[Checkout], count: int) -> list[str]:
    """Each team repo's checkout, in the shards whose teams list it."""
    lines = []
    for checkout in checkouts:
        shards = sorted({share_of(entry.team, count) for entry in checkout.listed})
        condition = None if len(shards) == count else " || ".join(f"matrix.shard == {index}" for index in shards)
        lines += team_repo_steps([checkout], condition)
    return lines or team_repo_steps([], None)
