"""Hostile inputs, class "hang": devices, FIFOs, huge files and huge counts fail fast or work.

Promises: reading is bounded by bytes read from the stream (not by st_size), a FIFO without a
writer never blocks, counts beyond the limits in `stemhulp.limits` are refused at once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stemhulp.limits import MAX_FILE_BYTES, MAX_YAML_BYTES

from .harness import Case, assert_case, ids, run_cases, unique, write

FAST = 15.0  # generous on a loaded machine; a hang runs until killed
STREAM = "reading is bounded by the bytes read, not the file size"
FIFO = "a FIFO without a writer never blocks"
COUNT = "counts beyond the limits are refused at once"
MEMORY = "memory stays bounded"


def fifo(name: str):
    def setup(directory: Path) -> None:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)

    return setup


def link(name: str, target: str):
    def setup(directory: Path) -> None:
        os.symlink(target, directory / name)

    return setup


def big(name: str, size: int, head: str = "", tail: str = "") -> object:
    def setup(directory: Path) -> None:
        with open(directory / name, "w", encoding="utf-8") as stream:
            stream.write(head)
            stream.write(" " * size)
            stream.write(tail)

    return setup


def many_statements(count: int):
    def setup(directory: Path) -> None:
        import json

        statements = [{"id": f"s{i}", "theme": "T", "text": "x"} for i in range(count)]
        document = {
            "format": "stemhulp/1",
            "id": "m",
            "title": "M",
            "scale": ["a", "b"],
            "statements": statements,
            "parties": [{"id": "p", "name": "P"}],
            "positions": [
                {"party": "p", "statement": "s0", "position": "a", "weight": 1, "quote": None, "source": None}
            ],
        }
        (directory / "many.json").write_text(json.dumps(document), encoding="utf-8")

    return setup


def wide_quiz(statements: int, parties: int):
    def setup(directory: Path) -> None:
        document = {
            "format": "stemhulp/1",
            "id": "w",
            "title": "W",
            "scale": ["a", "b"],
            "statements": [{"id": f"s{i}", "theme": "T", "text": "x"} for i in range(statements)],
            "parties": [{"id": f"p{i}", "name": f"P{i}"} for i in range(parties)],
            "positions": [
                {"party": f"p{i}", "statement": "s0", "position": "a", "weight": 1, "quote": None, "source": None}
                for i in range(parties)
            ],
        }
        (directory / "wide.json").write_text(json.dumps(document), encoding="utf-8")

    return setup


CASES = unique(
    [
        Case("answers-dev-zero", STREAM, ["match", "q.json", "-a", "/dev/zero"], message="/dev/zero", timeout=FAST),
        Case(
            "answers-dev-urandom",
            STREAM,
            ["match", "q.json", "-a", "/dev/urandom"],
            message="/dev/urandom",
            timeout=FAST,
        ),
        Case("answers-dev-null", STREAM, ["match", "q.json", "-a", "/dev/null"], message="/dev/null", timeout=FAST),
        Case(
            "answers-link-dev-zero",
            STREAM,
            ["match", "q.json", "-a", "z.json"],
            link("z.json", "/dev/zero"),
            message="z.json",
            timeout=FAST,
        ),
        Case(
            "answers-yaml-link-dev-zero",
            STREAM,
            ["match", "q.json", "-a", "z.yaml"],
            link("z.yaml", "/dev/zero"),
            message="z.yaml",
            timeout=FAST,
        ),
        Case(
            "quiz-dev-zero", STREAM, ["validate", "z.json"], link("z.json", "/dev/zero"), message="z.json", timeout=FAST
        ),
        Case("quiz-dev-urandom", STREAM, ["validate", "/dev/urandom"], message="/dev/urandom", timeout=FAST),
        Case(
            "quiz-yaml-dev-zero",
            STREAM,
            ["validate", "mini"],
            link("mini/party_positions/z.yaml", "/dev/zero"),
            message="z.yaml",
            timeout=FAST,
        ),
        Case(
            "quiz-header-dev-zero",
            STREAM,
            ["validate", "mini"],
            lambda d: (
                os.unlink(d / "mini/statements/quiz.yaml"),
                os.symlink("/dev/zero", d / "mini/statements/quiz.yaml"),
            ),
            timeout=FAST,
        ),
        Case(
            "resume-dev-zero",
            STREAM,
            ["quiz", "q.json", "--resume", "/dev/zero"],
            stdin="e\n",
            message="/dev/zero",
            timeout=FAST,
        ),
        Case(
            "quiz-answers-dev-zero",
            STREAM,
            ["quiz", "q.json", "--answers", "/dev/zero"],
            message="/dev/zero",
            timeout=FAST,
        ),
        Case(
            "pool-dev-zero",
            STREAM,
            ["simulate", "q.json", "--model", "empirical", "--answers", "/dev/zero", "-n", "10"],
            message="/dev/zero",
            timeout=FAST,
        ),
        Case(
            "pool-csv-dev-zero",
            STREAM,
            ["simulate", "q.json", "--model", "empirical", "--answers", "z.csv", "-n", "10"],
            link("z.csv", "/dev/zero"),
            message="z.csv",
            timeout=FAST,
        ),
        Case(
            "pool-json-dev-zero",
            STREAM,
            ["simulate", "q.json", "--model", "empirical", "--answers", "z.json", "-n", "10"],
            link("z.json", "/dev/zero"),
            message="z.json",
            timeout=FAST,
        ),
        Case(
            "landscape-answers-dev-zero",
            STREAM,
            ["plot", "landscape", "q.json", "-a", "/dev/zero", "--out", "p.png"],
            message="/dev/zero",
            timeout=FAST,
        ),
        Case(
            "import-dev-zero",
            STREAM,
            ["import", "z.json", "--out", "out"],
            link("z.json", "/dev/zero"),
            message="z.json",
            timeout=FAST,
        ),
        Case(
            "sources-dev-zero",
            STREAM,
            ["validate", "mini", "--sources", "src"],
            lambda d: ((d / "src").mkdir(), os.symlink("/dev/zero", d / "src" / "rood.txt")),
            timeout=FAST,
        ),
        Case(
            "json-over-limit",
            STREAM,
            ["validate", "huge.json"],
            big("huge.json", MAX_FILE_BYTES + 10, "{", "}"),
            message="huge.json",
            timeout=FAST,
        ),
        Case(
            "answers-over-limit",
            STREAM,
            ["match", "q.json", "-a", "huge.json"],
            big("huge.json", MAX_FILE_BYTES + 10, '{"answers": {}', "}"),
            message="huge.json",
            timeout=FAST,
        ),
        Case(
            "yaml-over-limit",
            STREAM,
            ["validate", "mini"],
            big("mini/party_positions/huge.yaml", MAX_YAML_BYTES + 10, "# ", "\n"),
            message="huge.yaml",
            timeout=FAST,
        ),
        Case(
            "yaml-answers-over-limit",
            STREAM,
            ["match", "q.json", "-a", "huge.yaml"],
            big("huge.yaml", MAX_YAML_BYTES + 10, "# ", "\nanswers: {}\n"),
            message="huge.yaml",
            timeout=FAST,
        ),
        Case(
            "yaml-under-limit",
            STREAM,
            ["validate", "mini"],
            big("mini/party_positions/huge.yaml", MAX_YAML_BYTES // 5, "# ", "\n"),
            message="huge.yaml",
            timeout=30,
        ),
        Case(
            "answers-fifo",
            FIFO,
            ["match", "q.json", "-a", "pipe.json"],
            fifo("pipe.json"),
            message="pipe.json",
            timeout=FAST,
        ),
        Case("answers-fifo-yaml", FIFO, ["match", "q.json", "-a", "pipe"], fifo("pipe"), message="pipe", timeout=FAST),
        Case("quiz-fifo", FIFO, ["validate", "pipe.json"], fifo("pipe.json"), message="pipe.json", timeout=FAST),
        Case(
            "party-fifo",
            FIFO,
            ["validate", "mini"],
            fifo("mini/party_positions/pipe.yaml"),
            message="pipe.yaml",
            timeout=FAST,
        ),
        Case(
            "resume-fifo",
            FIFO,
            ["quiz", "q.json", "--resume", "pipe.json"],
            fifo("pipe.json"),
            stdin="e\n",
            message="pipe.json",
            timeout=FAST,
        ),
        Case(
            "pool-fifo",
            FIFO,
            ["simulate", "q.json", "--model", "empirical", "--answers", "pipe.csv", "-n", "10"],
            fifo("pipe.csv"),
            message="pipe.csv",
            timeout=FAST,
        ),
        Case(
            "simulate-n-huge",
            COUNT,
            ["simulate", "q.json", "-n", "99999999999999999999"],
            message="respondents",
            timeout=FAST,
        ),
        Case(
            "simulate-n-over-limit",
            COUNT,
            ["simulate", "q.json", "-n", "100000001"],
            message="respondents",
            timeout=FAST,
        ),
        Case(
            "plot-n-huge",
            COUNT,
            ["plot", "top-share", "q.json", "--out", "p.png", "-n", "99999999999999999999"],
            message="respondents",
            timeout=FAST,
        ),
        Case(
            "workers-huge",
            COUNT,
            ["simulate", "q.json", "-n", "10", "--workers", "100000"],
            message="workers",
            timeout=FAST,
        ),
        Case(
            "cells-over-limit",
            COUNT,
            ["validate", "wide.json"],
            wide_quiz(2_100, 500),
            message="statements ×",
            timeout=30,
        ),
        Case(
            "scale-over-limit",
            COUNT,
            ["validate", "scale.json"],
            write(
                "scale.json",
                json.dumps(
                    {
                        "format": "stemhulp/1",
                        "id": "m",
                        "title": "M",
                        "scale": [f"o{i}" for i in range(100_000)],
                        "statements": [],
                        "parties": [],
                        "positions": [],
                    }
                ),
            ),
            message="scale",
            timeout=30,
        ),
        Case(
            "statements-over-limit",
            COUNT,
            ["validate", "many.json"],
            many_statements(20_001),
            message="statements",
            timeout=30,
        ),
        Case(
            "answers-many-unknown-keys",
            MEMORY,
            ["match", "q.json", "-a", "many.json"],
            write("many.json", '{"answers": {' + ",".join(f'"x{i}": "agree"' for i in range(50_000)) + "}}"),
            message="many.json",
            timeout=30,
        ),
        Case(
            "answers-long-word",
            MEMORY,
            ["match", "q.json", "-a", "long.json"],
            write("long.json", '{"answers": {"s1": "' + "a" * 5_000_000 + '"}}'),
            message="long.json",
            timeout=30,
        ),
    ]
)


@pytest.fixture(scope="module")
def results():
    return run_cases(CASES)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_no_hang(case: Case, results) -> None:
    directory, result = results[case.id]
    assert_case(case, directory, result)
    assert result.maxrss_kb < 1_500_000, f"{case.id}: peak memory {result.maxrss_kb / 1000:.0f} MB"
