"""A repo's template cannot exhaust the machine: what it would build is sized first, and its
loops and calls are counted, so it is refused quickly, naming the template and line.

Each render runs in a process of its own under a memory and time ceiling, as a template
without limits would take gigabytes or hours.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, Repo, govkit_process

SECONDS = 5
PEAK_MB = 200
TOO_BIG = "one expression may make 1,000,000"
TOO_LONG = "the page takes more than"
TOO_MUCH = "the page builds more than"

ATTACKS = {
    "repeat": ("{{ 'x' * 10**9 }}", TOO_BIG),
    "center": ("{{ 'x'|center(10**9) }}", TOO_BIG),
    "center written out": ("{{ 'x'|center(1000000000) }}", TOO_BIG),
    "center method": ("{{ 'x'.center(10**9) }}", TOO_BIG),
    "nested ranges": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", TOO_LONG),
    "a format repeated": ("{{ ('%s' * 100000000) % () }}", TOO_BIG),
    "a format width": ("{{ '%1000000000s' % 'x' }}", TOO_BIG),
    "a format method width": ("{{ '{:>1000000000}'.format('x') }}", TOO_BIG),
    "join": ("{{ (['x' * 1000000] * 1000) | join }}", TOO_BIG),
    "join method": ("{{ ('x' * 1000000).join(['a'] * 1000) }}", TOO_BIG),
    "doubling with ~": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        TOO_BIG,
    ),
    "doubling with +": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        TOO_BIG,
    ),
    "range": ("{{ range(10**9) | length }}", "a template may count at most 100,000"),
    "a number of a billion bits": ("{{ 2 ** 1000000000 }}", "bits"),
    "to_bytes": ("{{ (1).to_bytes(1000000000, 'big') | length }}", TOO_BIG),
    "recursive macro": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        TOO_LONG,
    ),
    "output in a loop": ("{% set big = 'x' * 1000000 %}{% for i in range(100000) %}{{ big }}{% endfor %}", TOO_MUCH),
    "a list printed": ("{{ ['x' * 1000000] * 1000 }}", TOO_MUCH),
    "slice": ("{{ [1] | slice(1000000000) | list | length }}", TOO_BIG),
    "batch": ("{{ [1] | batch(1000000000, 0) | list | length }}", TOO_BIG),
    "indent": ("{{ ('\\n' * 1000000) | indent(1000) }}", TOO_BIG),
    "replace": ("{{ ('x' * 1000000) | replace('x', 'yyyyyyyyyy') }}", TOO_BIG),
    "searching in a loop": (
        "{% set big = 'x' * 1000000 %}{% for i in range(100000) %}{% if 'y' in big %}{% endif %}{% endfor %}",
        TOO_MUCH,
    ),
    "sum of lists": ("{{ ([[1] * 1000] * 1000) | sum(start=[]) }}", "its start must be a number"),
    "recursive loop": (
        "{% for i in range(100000) recursive %}{% if loop.depth < 3 %}{{ loop(range(100000)) }}{% endif %}{% endfor %}",
        TOO_LONG,
    ),
}


def render(repo: Repo):  # type: ignore[no-untyped-def]
    return govkit_process("render", "--root", str(repo.root), "--as-of", "2026-10-15", timeout=SECONDS * 6)


@pytest.fixture
def team(repo: Repo) -> Repo:
    repo.charter(HEALTHY_CHARTER)
    repo.activity(HEALTHY_ACTIVITY)
    return repo


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_a_template_that_would_exhaust_the_machine_is_refused_quickly_at_its_line(team, name):
    template, said = ATTACKS[name]
    team.write("templates/portfolio.html.j2", "<p>Portfolio</p>\n" + template + "\n")
    finished = render(team)
    assert finished.exit_code == 2, finished.stdout
    assert finished.stderr.startswith("Error: templates/portfolio.html.j2:2: ")
    assert said in finished.stderr and "No pages were written" in finished.stderr
    assert "internal error" not in finished.stderr
    assert finished.seconds < SECONDS and finished.peak_mb < PEAK_MB, (finished.seconds, finished.peak_mb)
    assert not (team.root / "site").exists()


def test_a_template_larger_than_a_megabyte_is_refused_unread(team):
    team.write("templates/portfolio.html.j2", "x" * (1024 * 1024 + 1))
    finished = render(team)
    assert finished.exit_code == 2 and "internal error" not in finished.stderr
    assert "templates/portfolio.html.j2: The file is 1,048,577 bytes" in finished.stderr


def test_a_template_that_is_a_named_pipe_is_refused_not_waited_on(team):
    (team.root / "templates").mkdir()
    os.mkfifo(team.root / "templates" / "portfolio.html.j2")
    finished = render(team)
    assert finished.exit_code == 2 and "internal error" not in finished.stderr
    assert "templates/portfolio.html.j2 is a named pipe" in finished.stderr


def test_loops_and_text_a_real_page_needs_are_within_the_limits(team):
    many = "".join(f"{{% for i in range(1000) %}}<p>{{{{ '{n}' ~ i }}}}</p>{{% endfor %}}" for n in range(50))
    team.write("templates/portfolio.html.j2", many + "{{ 'x' * 100000 }}{{ ('y' * 1000)|center(5000) }}\n")
    finished = render(team)
    assert finished.exit_code == 0, finished.stderr
    assert (team.root / "site" / "index.html").read_text().count("<p>") == 50_000
