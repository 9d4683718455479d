"""Hostile inputs through the real program: whole numbers, outputs that name an input,
sweep grids, importers, `plot --from` and the CLI's values. Each class is a table of cases held to
the harness's shared promises (no traceback, no hang, no temporary file, `error: …` and a non-zero
exit on failure) and to its own check.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .harness import Case, assert_case, ids, run_cases, unique, write

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GRID = "quizzes: [q.json]\nrespondents: 200\n"

NUMBERS = "whole numbers: ASCII digits only, at most 18, else one clear error"
OUTPUT = "no output path names one of the command's inputs; a missing folder is an error"
GRID_CHECK = "a sweep grid is checked whole before any task runs, naming the grid's line"
IMPORT = "an importer refuses what it cannot read, naming the file, and never skips it silently"
SAVED = "plot --from: a saved report with wrong types or impossible values is refused"
VALUES = "CLI values are checked: duplicates, blanks, combinations, documented limits"


def _csv(text: str):
    return write("pool.csv", text)


def _wahlomat(change):
    """A copy of the Wahl-O-Mat fixture as `w/`, changed by `change(folder)`."""

    def setup(directory: Path) -> None:
        shutil.copytree(FIXTURES / "wahlomat-mini", directory / "w")
        change(directory / "w")

    return setup


def _edit_json(name: str, edit):
    def change(folder: Path) -> None:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        (folder / name).write_text(json.dumps(edit(data)), encoding="utf-8")

    return change


def _municipal_data(break_second):
    """A data folder `data/` of two municipalities (copies of the fixture), the second broken."""

    def setup(directory: Path) -> None:
        for name in ("one", "two"):
            shutil.copytree(FIXTURES / "municipal-mini", directory / "data" / name)
        break_second(directory / "data" / "two")

    return setup


def _replace_with(name: str, kind: str):
    def change(folder: Path) -> None:
        path = folder / name
        if path.exists() or path.is_symlink():
            path.unlink()
        if kind == "dangling":
            os.symlink("nowhere.json", path)
        elif kind == "loop":
            os.symlink(path.name, path)
        else:
            path.mkdir()

    return change


def _saved_report(edit):
    """A saved `simulate --json` document, edited."""

    def setup(directory: Path) -> None:
        report = {
            "parties": ["rood", "groen", "blauw"],
            "top_share": {"rood": 0.5, "groen": 0.3, "blauw": 0.2},
            "top_share_interval": {"rood": [0.4, 0.6], "groen": [0.2, 0.4], "blauw": [0.1, 0.3]},
            "model": "uniform",
            "respondents": 1000,
            "method": "directional",
        }
        (directory / "sim.json").write_text(json.dumps(edit(report)), encoding="utf-8")

    return setup


def _set(key: str, value):
    def edit(report):
        report[key] = value
        return report

    return edit


def _both(*setups):
    def setup(directory: Path) -> None:
        for one in setups:
            one(directory)

    return setup


def _unchanged_file(name: str):
    """The named file of the case directory is byte-for-byte what the harness (or setup) wrote."""

    def check(directory: Path, result) -> None:
        path = directory / name
        assert path.is_file(), f"{name} is gone"
        before = (directory / _before(name)).read_bytes()
        assert path.read_bytes() == before, f"{name} was changed"

    return check


def _before(name: str) -> str:
    return "before-" + name.replace("/", "_")


def _remember(*names: str):
    def setup(directory: Path) -> None:
        for name in names:
            (directory / _before(name)).write_bytes((directory / name).read_bytes())

    return setup


NUMBER_CASES = [
    Case("seed-superscript", NUMBERS, ["simulate", "q.json", "-n", "10", "--seed", "²"], message="digits 0-9"),
    Case("n-fullwidth", NUMBERS, ["simulate", "q.json", "-n", "１０"], message="digits 0-9"),
    Case("n-circled", NUMBERS, ["subsets", "q.json", "-n", "①"], message="digits 0-9"),
    Case("n-5000-digits", NUMBERS, ["simulate", "q.json", "-n", "9" * 5000], message="at most 18 digits"),
    Case("workers-million", NUMBERS, ["simulate", "q.json", "-n", "10", "--workers", "1000000"], message="256"),
    Case("port-zero", NUMBERS, ["serve", "q.json", "--port", "0"], message="from 1 to 65535"),
    Case("port-fullwidth", NUMBERS, ["serve", "q.json", "--port", "８０８０"], message="digits 0-9"),
    Case(
        "pool-fullwidth-code",
        NUMBERS,
        ["simulate", "q.json", "-n", "10", "--seed", "1", "--model", "empirical", "--answers", "pool.csv"],
        _csv("s1,s2,s3\n２,1,0\n"),
        message="pool.csv:2: s1",
    ),
    Case(
        "pool-5000-digit-code",
        NUMBERS,
        ["simulate", "q.json", "-n", "10", "--seed", "1", "--model", "empirical", "--answers", "pool.csv"],
        _csv("s1,s2,s3\n" + "9" * 5000 + ",1,0\n"),
        message="pool.csv:2: s1",
    ),
    Case(
        "pool-repeated-column",
        NUMBERS,
        ["simulate", "q.json", "-n", "10", "--seed", "1", "--model", "empirical", "--answers", "pool.csv"],
        _csv("s1,s1,s3\n2,1,0\n"),
        message="appears more than once",
    ),
]

OUTPUT_CASES = [
    Case(
        "result-is-answers",
        OUTPUT,
        ["quiz", "q.json", "--answers", "a.json", "--result", "a.json"],
        _remember("a.json"),
        message="--answers",
        check=_unchanged_file("a.json"),
    ),
    Case(
        "result-is-quiz",
        OUTPUT,
        ["quiz", "q.json", "--answers", "a.json", "--result", "q.json"],
        _remember("q.json"),
        message="the quiz",
        check=_unchanged_file("q.json"),
    ),
    Case(
        "result-is-save",
        OUTPUT,
        ["quiz", "q.json", "--save", "s.json", "--result", "s.json"],
        stdin="e\n",
        message="--save",
    ),
    Case(
        "result-is-resume",
        OUTPUT,
        ["quiz", "q.json", "--resume", "a.json", "--result", "a.json"],
        _remember("a.json"),
        stdin="e\n",
        message="--resume",
        check=_unchanged_file("a.json"),
    ),
    Case(
        "result-in-native-quiz",
        OUTPUT,
        ["quiz", "mini", "--answers", "a.json", "--result", "mini/statements/notes.json"],
        _both(write("mini/statements/notes.json", "{}\n"), _remember("mini/statements/notes.json")),
        message="the quiz",
        check=_unchanged_file("mini/statements/notes.json"),
    ),
    Case(
        "result-hard-link-to-answers",
        OUTPUT,
        ["quiz", "q.json", "--answers", "a.json", "--result", "copy.json"],
        _both(lambda d: os.link(d / "a.json", d / "copy.json"), _remember("a.json")),
        message="--answers",
        check=_unchanged_file("a.json"),
    ),
    Case(
        "simulate-out-is-quiz",
        OUTPUT,
        ["simulate", "q.json", "-n", "10", "--seed", "1", "--out", "q.json"],
        _remember("q.json"),
        message="the quiz",
        check=_unchanged_file("q.json"),
    ),
    Case(
        "simulate-plot-is-pool",
        OUTPUT,
        ["simulate", "q.json", "-n", "10", "--model", "empirical", "--answers", "a.json", "--plot", "a.json"],
        _remember("a.json"),
        message="--answers",
        check=_unchanged_file("a.json"),
    ),
    Case(
        "simulate-out-and-plot-same",
        OUTPUT,
        ["simulate", "q.json", "-n", "10", "--out", "x.csv", "--plot", "x.csv"],
        message="same file",
    ),
    Case(
        "plot-out-is-answers",
        OUTPUT,
        ["plot", "landscape", "q.json", "--answers", "a.json", "--out", "a.json"],
        _remember("a.json"),
        message="--answers",
        check=_unchanged_file("a.json"),
    ),
    Case(
        "plot-out-is-saved-report",
        OUTPUT,
        ["plot", "top-share", "--from", "sim.json", "--out", "sim.json"],
        _both(_saved_report(lambda r: r), _remember("sim.json")),
        message="--from",
        check=_unchanged_file("sim.json"),
    ),
    Case(
        "export-out-is-quiz",
        OUTPUT,
        ["export", "q.json", "--out", "q.json"],
        _remember("q.json"),
        message="the quiz",
        check=_unchanged_file("q.json"),
    ),
    Case(
        "sweep-plot-is-grid",
        OUTPUT,
        ["sweep", "g.yaml", "--scheduler", "inline", "--plot", "g.yaml"],
        _both(write("g.yaml", GRID), _remember("g.yaml")),
        message="the grid",
        check=_unchanged_file("g.yaml"),
    ),
    Case(
        "sweep-out-is-quiz",
        OUTPUT,
        ["sweep", "g.yaml", "--scheduler", "inline", "--out", "q.json"],
        _both(write("g.yaml", GRID), _remember("q.json")),
        message="quiz q.json",
        check=_unchanged_file("q.json"),
    ),
    Case(
        "sweep-plot-is-pool",
        OUTPUT,
        ["sweep", "g.yaml", "--scheduler", "inline", "--plot", "pool.csv"],
        _both(
            write("g.yaml", GRID + "models: [{name: empirical, answers: pool.csv}]\n"),
            _csv("s1,s2,s3\n2,1,0\n"),
            _remember("pool.csv"),
        ),
        message="answer pool",
        check=_unchanged_file("pool.csv"),
    ),
    Case(
        "out-missing-folder",
        OUTPUT,
        ["simulate", "q.json", "-n", "10", "--out", "nosuchdir/x.csv"],
        message="does not exist",
        check=lambda d, r: not (d / "nosuchdir").exists() or pytest.fail("a folder was made"),
    ),
    Case(
        "plot-missing-folder",
        OUTPUT,
        ["sweep", "g.yaml", "--scheduler", "inline", "--plot", "nosuchdir/p.png"],
        write("g.yaml", GRID),
        message="does not exist",
    ),
    Case(
        "out-dangling-link-to-missing-folder",
        OUTPUT,
        ["export", "q.json", "--out", "link.json"],
        lambda d: os.symlink("gone/q.json", d / "link.json"),
        message="does not exist",
    ),
    Case(
        "result-missing-folder",
        OUTPUT,
        ["quiz", "q.json", "--answers", "a.json", "--result", "nosuchdir/r.html", "--lang", "en"],
        message="does not exist",
    ),
    Case(
        "result-missing-folder-nl",
        OUTPUT,
        ["quiz", "q.json", "--answers", "a.json", "--result", "nosuchdir/r.html"],
        message="bestaat niet",
    ),
]

GRID_CASES = [
    Case(
        "grid-duplicate-seeds",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", GRID + "seeds: [1, 1]\n"),
        message="g.yaml:3",
    ),
    Case(
        "grid-duplicate-respondents",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", "quizzes: [q.json]\nrespondents: [200, 200]\n"),
        message="listed twice",
    ),
    Case(
        "grid-eps-list",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", GRID + "models: [{name: party, eps: [0.1, 0.9]}]\n"),
        message="one eps per model",
    ),
    Case(
        "grid-tau-list",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", GRID + "tau_sample: [5, 7]\n"),
        message="tau_sample",
    ),
    Case("grid-no-quizzes", GRID_CHECK, ["sweep", "g.yaml"], write("g.yaml", "quizzes: []\n"), message="empty list"),
    Case(
        "grid-eps-out-of-range",
        GRID_CHECK,
        ["sweep", "g.yaml", "--scheduler", "inline"],
        write("g.yaml", GRID + "models: [{name: party, eps: 5}]\n"),
        message="g.yaml:3",
    ),
    Case(
        "grid-respondents-past-limit",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", "quizzes: [q.json]\nrespondents: 200000000\n"),
        message="g.yaml:2",
    ),
    Case(
        "grid-respondents-float-text",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", "quizzes: [q.json]\nrespondents: 2e8\n"),
        message="g.yaml:2",
    ),
    Case(
        "grid-compare-own-method",
        "a grid may compare the task's own method: it agrees with itself",
        ["sweep", "g.yaml", "--scheduler", "inline", "--json"],
        write("g.yaml", GRID + "methods: [stemwijzer, directional]\ncompare: [stemwijzer]\n"),
        exit=0,
        check=lambda d, r: json.loads(r.stdout)["ran"] == 2 or pytest.fail(r.stdout),
    ),
    Case(
        "sweep-workers-million",
        GRID_CHECK,
        ["sweep", "g.yaml", "--workers", "1000000"],
        write("g.yaml", GRID),
        message="256",
    ),
    Case(
        "scheduler-garbage-scheme",
        GRID_CHECK,
        ["sweep", "g.yaml", "--scheduler", "garbage://x"],
        write("g.yaml", GRID),
        message="not a Dask scheduler address",
    ),
    Case(
        "scheduler-not-an-address",
        GRID_CHECK,
        ["sweep", "g.yaml", "--scheduler", "not an address"],
        write("g.yaml", GRID),
        message="not a Dask scheduler address",
    ),
    Case(
        "scheduler-environment-garbage",
        GRID_CHECK,
        ["sweep", "g.yaml"],
        write("g.yaml", GRID),
        env={"DASK_SCHEDULER_ADDRESS": "garbage"},
        message="DASK_SCHEDULER_ADDRESS",
    ),
]

IMPORT_CASES = [
    Case(
        "wahlomat-duplicate-opinion-id",
        IMPORT,
        ["validate", "w"],
        _wahlomat(_edit_json("opinion.json", lambda rows: [*rows, {**rows[0]}])),
        message="duplicate opinion id",
    ),
    Case(
        "wahlomat-impossible-date",
        IMPORT,
        ["validate", "w"],
        _wahlomat(_edit_json("overview.json", lambda o: {**o, "date": "9999-99-99"})),
        message="not a real date",
    ),
    Case(
        "wahlomat-comment-dangling-link",
        IMPORT,
        ["validate", "w"],
        _wahlomat(_replace_with("comment.json", "dangling")),
        message="comment.json",
    ),
    Case(
        "wahlomat-comment-loop",
        IMPORT,
        ["validate", "w"],
        _wahlomat(_replace_with("comment.json", "loop")),
        message="comment.json",
    ),
    Case(
        "wahlomat-category-folder",
        IMPORT,
        ["validate", "w"],
        _wahlomat(_replace_with("category.json", "folder")),
        message="category.json",
    ),
    Case(
        "municipal-nl-is-folder",
        IMPORT,
        ["import", "data", "--out", "out"],
        _municipal_data(_replace_with("nl.json", "folder")),
        message="two/nl.json",
    ),
    Case(
        "municipal-nl-dangling",
        IMPORT,
        ["import", "data", "--out", "out"],
        _municipal_data(_replace_with("nl.json", "dangling")),
        message="two/nl.json",
    ),
    Case(
        "municipal-en-loop",
        IMPORT,
        ["import", "data", "--out", "out"],
        _municipal_data(_replace_with("en.json", "loop")),
        message="two/en.json",
    ),
]

SAVED_CASES = [
    Case(
        "saved-negative-respondents",
        SAVED,
        ["plot", "top-share", "--from", "sim.json", "--out", "p.png"],
        _saved_report(_set("respondents", -5)),
        message="respondents",
    ),
    Case(
        "saved-share-text",
        SAVED,
        ["plot", "top-share", "--from", "sim.json", "--out", "p.png"],
        _saved_report(_set("top_share", {"rood": "veel", "groen": 0.3, "blauw": 0.2})),
        message="top_share.rood",
    ),
    Case(
        "saved-parties-numbers",
        SAVED,
        ["plot", "top-share", "--from", "sim.json", "--out", "p.png"],
        _saved_report(_set("parties", [1, 2])),
        message="parties",
    ),
    Case(
        "saved-interval-wrong",
        SAVED,
        ["plot", "top-share", "--from", "sim.json", "--out", "p.png"],
        _saved_report(_set("top_share_interval", {"rood": [5]})),
        message="top_share_interval.rood",
    ),
    Case(
        "saved-sensitivity-ragged",
        SAVED,
        ["plot", "agreement", "--from", "sim.json", "--out", "p.png"],
        _saved_report(_set("sensitivity", {"methods": ["a", "b"], "same_top": [[1.0]]})),
        message="same_top",
    ),
    Case(
        "saved-duplicate-key",
        SAVED,
        ["plot", "top-share", "--from", "sim.json", "--out", "p.png"],
        write("sim.json", '{"parties": [], "parties": []}'),
        message="duplicate key",
    ),
]

VALUE_CASES = [
    Case(
        "threshold-fraction-count",
        VALUES,
        ["check", "q.json", "-n", "0", "-t", "min_stances=2.5"],
        message="whole number",
    ),
    Case(
        "threshold-twice",
        VALUES,
        ["check", "q.json", "-n", "0", "-t", "min_stances=2", "-t", "min_stances=3"],
        message="more than once",
    ),
    Case("threshold-fullwidth", VALUES, ["check", "q.json", "-n", "0", "-t", "min_stances=２"], message="min_stances"),
    Case("subsets-k-blank", VALUES, ["subsets", "q.json", "-k", ",,,"], message="-k"),
    Case("subsets-k-twice", VALUES, ["subsets", "q.json", "-k", "2,2", "-n", "10"], message="more than once"),
    Case(
        "simulate-parties-twice", VALUES, ["simulate", "q.json", "-n", "10", "--parties", "rood,rood"], message="rood"
    ),
    Case("columns-without-out", VALUES, ["simulate", "q.json", "-n", "10", "--columns", "top"], message="--out"),
    Case(
        "replications-past-limit",
        VALUES,
        ["simulate", "q.json", "-n", "100000000", "--replications", "2"],
        message="respondents × replications",
    ),
]

INJECT = "a quiz's text never controls the reader's terminal or browser; validate and check warn about it"
HOSTILE_TEXTS = {
    "clear": "\x1b[2J",
    "title": "\x1b]0;pwned\x07",
    "hidden": "\x1b[8mhidden",
    "clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "csi-c1": "\x9b31m",
    "bidi": "\u202egnp.exe",
    "script": "<script>alert(1)</script>",
    "image": "<img src=x onerror=alert(1)>",
    "link": "[klik](javascript:alert(1))",
}


def _evil(text: str):
    """`evil.json`: the mini quiz with `text` in a statement, a party name, a quote and the title."""

    def setup(directory: Path) -> None:
        document = json.loads((directory / "q.json").read_text(encoding="utf-8"))
        document["title"] += " " + text
        document["statements"][0]["text"] += " " + text
        document["parties"][0]["name"] += " " + text
        document["positions"][0]["quote"] = "Wij " + text
        (directory / "evil.json").write_text(json.dumps(document), encoding="utf-8")

    return setup


def _inert_output(directory: Path, result) -> None:
    for stream in (result.stdout, result.stderr):
        assert not any(ch in stream for ch in "\x1b\x07\x9b\u202e"), repr(stream[:2000])


def _inert_markdown(directory: Path, result) -> None:
    text = (directory / "r.md").read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "](javascript:" not in text, text
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text)


def _warned(directory: Path, result) -> None:
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings, result.stderr
    assert any("control character" in w or "markup" in w for w in warnings), warnings
    _inert_output(directory, result)


INJECTION_CASES = []
for name, text in HOSTILE_TEXTS.items():
    INJECTION_CASES += [
        Case(f"validate-warns-{name}", INJECT, ["validate", "evil.json"], _evil(text), exit=0, check=_warned),
        Case(f"check-warns-{name}", INJECT, ["check", "evil.json", "-n", "0"], _evil(text), exit=0, check=_warned),
        Case(
            f"match-inert-{name}",
            INJECT,
            ["match", "evil.json", "-a", "a.json", "--lang", "en"],
            _evil(text),
            exit=0,
            check=_inert_output,
        ),
        Case(
            f"quiz-inert-{name}",
            INJECT,
            ["quiz", "evil.json", "--breakdown"],
            _evil(text),
            stdin="e\no\ns\n\n\n",
            exit=0,
            check=_inert_output,
        ),
        Case(
            f"result-md-inert-{name}",
            INJECT,
            ["quiz", "evil.json", "--answers", "a.json", "--result", "r.md"],
            _evil(text),
            exit=0,
            check=_inert_markdown,
        ),
    ]
VALUE_CASES.append(
    Case(
        "cors-origin-javascript",
        VALUES,
        ["serve", "q.json", "--cors-origin", "javascript:alert(1)"],
        message="--cors-origin",
    )
)

CASES = unique(NUMBER_CASES + OUTPUT_CASES + GRID_CASES + IMPORT_CASES + SAVED_CASES + VALUE_CASES + INJECTION_CASES)


@pytest.fixture(scope="module")
def results():
    return run_cases(CASES)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_each_case_is_refused_clearly(case: Case, results) -> None:
    directory, result = results[case.id]
    assert_case(case, directory, result)


def test_answers_file_stays_an_answers_file(results) -> None:
    """`--save X --result X` is refused before anything is written: X is never a result page."""
    directory, _ = results["result-is-save"]
    assert not (directory / "s.json").exists() or json.loads((directory / "s.json").read_text())["answers"] is not None
