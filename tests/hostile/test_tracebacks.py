"""Hostile inputs, class "traceback": every failure is `error: …` lines and a non-zero exit.

Promises: huge numbers, deep nesting, broken Unicode, Rich markup in names, unreadable files,
a full or closed standard output, and wrong option values all end in one located message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .harness import Case, assert_case, ids, run_cases, unique, write


def quiz_with(name: str, change) -> object:
    """A setup writing `name`: the mini quiz's stemhulp/1 document after `change(document)`."""

    def setup(directory: Path) -> None:
        document = json.loads((directory / "q.json").read_text(encoding="utf-8"))
        change(document)
        (directory / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    return setup


def edit_text(name: str, old: str, new: str):
    def setup(directory: Path) -> None:
        path = directory / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, name)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


def _set(path: tuple, value):
    def change(document: dict) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


DIGITS = "9" * 5000
NESTED_JSON = "[" * 100_000 + "]" * 100_000
NESTED_YAML = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 2000))
FLOW_YAML = "a: " + "[" * 5000 + "]" * 5000 + "\n"
NUMBER = "numbers stay within limits"
DEPTH = "nesting is bounded"
UNICODE = "text is valid Unicode and encodable"
MARKUP = "user text is never read as Rich markup"
PERMISSION = "permissions are one clear error"
OUTPUT = "a full or closed standard output is one clear error"
OPTION = "option values are checked"

CASES = [
    Case(
        "json-5000-digit-weight",
        NUMBER,
        ["validate", "q.json"],
        lambda d: (d / "q.json").write_text(
            (d / "q.json").read_text().replace('"weight": 3.0', f'"weight": {DIGITS}', 1)
        ),
        message="q.json",
    ),
    Case(
        "json-500-digit-weight",
        NUMBER,
        ["match", "q.json", "-a", "a.json"],
        lambda d: (d / "q.json").write_text(
            (d / "q.json").read_text().replace('"weight": 3.0', '"weight": ' + "9" * 500, 1)
        ),
        message="q.json",
    ),
    Case(
        "json-1e400-weight",
        NUMBER,
        ["validate", "q.json"],
        lambda d: (d / "q.json").write_text((d / "q.json").read_text().replace('"weight": 3.0', '"weight": 1e400', 1)),
        message="q.json",
    ),
    Case(
        "json-huge-int-id",
        NUMBER,
        ["validate", "q.json"],
        lambda d: (d / "q.json").write_text((d / "q.json").read_text().replace('"id": "s1"', f'"id": {DIGITS}', 1)),
        message="q.json",
    ),
    Case(
        "json-weight-1e308",
        NUMBER,
        ["validate", "w.json"],
        quiz_with("w.json", _set(("positions", 0, "weight"), 1e308)),
        message="w.json",
    ),
    Case(
        "yaml-5000-digit-weight",
        NUMBER,
        ["validate", "mini"],
        edit_text("mini/party_positions/rood.yaml", "weight: 3", f"weight: {DIGITS}"),
        message="rood.yaml",
    ),
    Case(
        "yaml-500-digit-weight",
        NUMBER,
        ["match", "mini", "-a", "a.json"],
        edit_text("mini/party_positions/rood.yaml", "weight: 3", "weight: " + "9" * 500),
        message="rood.yaml",
    ),
    Case(
        "yaml-500-digit-float",
        NUMBER,
        ["validate", "mini"],
        edit_text("mini/party_positions/rood.yaml", "weight: 3", "weight: 1" + "0" * 500 + ".5"),
        message="rood.yaml",
    ),
    Case(
        "yaml-huge-id",
        NUMBER,
        ["validate", "mini"],
        edit_text("mini/party_positions/rood.yaml", 'id: "rood"', f"id: {DIGITS}"),
        message="rood.yaml",
    ),
    Case(
        "yaml-inf-weight",
        NUMBER,
        ["validate", "mini"],
        edit_text("mini/party_positions/rood.yaml", "weight: 3", "weight: .inf"),
        message="rood.yaml",
    ),
    Case(
        "yaml-weight-1e308",
        NUMBER,
        ["validate", "mini"],
        edit_text("mini/party_positions/rood.yaml", "weight: 3", "weight: 1.0e+308"),
        message="rood.yaml",
    ),
    Case(
        "answers-json-huge-int",
        NUMBER,
        ["match", "q.json", "-a", "big.json"],
        write("big.json", '{"answers": {"s1": ' + DIGITS + "}}"),
        message="big.json",
    ),
    Case(
        "answers-json-huge-key-value",
        NUMBER,
        ["match", "q.json", "-a", "big.json"],
        write("big.json", '{"answers": {}, "extra": ' + "9" * 400 + "}"),
        message="big.json",
    ),
    Case(
        "answers-yaml-huge-int",
        NUMBER,
        ["match", "q.json", "-a", "big.yaml"],
        write("big.yaml", f"answers:\n  s1: {DIGITS}\n"),
        message="big.yaml",
    ),
    Case(
        "answers-yaml-huge-important",
        NUMBER,
        ["match", "q.json", "-a", "big.yaml"],
        write("big.yaml", f"answers: {{}}\nimportant: [{DIGITS}]\n"),
        message="big.yaml",
    ),
    Case("json-deep-quiz", DEPTH, ["validate", "deep.json"], write("deep.json", NESTED_JSON), message="deep.json"),
    Case(
        "json-deep-answers",
        DEPTH,
        ["match", "q.json", "-a", "deep.json"],
        write("deep.json", '{"answers": ' + NESTED_JSON + "}"),
        message="deep.json",
    ),
    Case(
        "json-deep-40",
        DEPTH,
        ["match", "q.json", "-a", "deep.json"],
        write("deep.json", '{"answers": {}, "x": ' + "[" * 40 + "]" * 40 + "}"),
        message="deep.json",
    ),
    Case(
        "yaml-deep-block",
        DEPTH,
        ["validate", "mini"],
        write("mini/party_positions/zz.yaml", NESTED_YAML),
        message="zz.yaml",
    ),
    Case(
        "yaml-deep-flow",
        DEPTH,
        ["validate", "mini"],
        write("mini/party_positions/zz.yaml", FLOW_YAML),
        message="zz.yaml",
    ),
    Case(
        "yaml-deep-answers",
        DEPTH,
        ["match", "q.json", "-a", "deep.yaml"],
        write("deep.yaml", FLOW_YAML),
        message="deep.yaml",
    ),
    Case(
        "surrogate-title-validate",
        UNICODE,
        ["validate", "s.json"],
        lambda d: (d / "s.json").write_text((d / "q.json").read_text().replace('"Mini-stemhulp"', '"\\ud800"')),
        message="s.json",
    ),
    Case(
        "surrogate-title-match",
        UNICODE,
        ["match", "s.json", "-a", "a.json"],
        lambda d: (d / "s.json").write_text((d / "q.json").read_text().replace('"Mini-stemhulp"', '"\\ud800"')),
        message="s.json",
    ),
    Case(
        "surrogate-party-export",
        UNICODE,
        ["export", "s.json"],
        lambda d: (d / "s.json").write_text((d / "q.json").read_text().replace('"Partij Rood"', '"\\udfff x"')),
        message="s.json",
    ),
    Case(
        "surrogate-quiz",
        UNICODE,
        ["quiz", "s.json"],
        lambda d: (d / "s.json").write_text((d / "q.json").read_text().replace('"Partij Rood"', '"\\udfff x"')),
        stdin="e\n",
        message="s.json",
    ),
    Case(
        "surrogate-answers-key",
        UNICODE,
        ["match", "q.json", "-a", "s.json"],
        write("s.json", '{"answers": {"\\ud800": "agree"}}'),
        message="s.json",
    ),
    Case(
        "surrogate-yaml",
        UNICODE,
        ["validate", "mini"],
        edit_text("mini/party_positions/rood.yaml", 'name: "Partij Rood"', 'name: "\\ud800"'),
        message="rood.yaml",
    ),
    Case(
        "invalid-utf8-quiz",
        UNICODE,
        ["validate", "bad.json"],
        write("bad.json", b'{"format": "\xff\xfe"}'),
        message="bad.json",
    ),
    Case(
        "invalid-utf8-answers",
        UNICODE,
        ["match", "q.json", "-a", "bad.yaml"],
        write("bad.yaml", b"answers: \xc3\x28"),
        message="bad.yaml",
    ),
    Case("invalid-utf8-stdin", UNICODE, ["quiz", "q.json"], stdin=b"\xff\xfe\n\xc3\x28\ne\n", exit=0),
    Case(
        "ascii-terminal-match", UNICODE, ["match", "q.json", "-a", "a.json"], env={"PYTHONIOENCODING": "ascii"}, exit=0
    ),
    Case(
        "ascii-terminal-quiz",
        UNICODE,
        ["quiz", "q.json"],
        stdin="e\no\nn\n\n\n",
        env={"PYTHONIOENCODING": "ascii"},
        exit=0,
    ),
    Case(
        "markup-party-match",
        MARKUP,
        ["match", "m.json", "-a", "a.json"],
        quiz_with("m.json", _set(("parties", 0, "name"), "[/bold] x")),
        exit=0,
        check=lambda d, r: _has(r.stdout, "[/bold] x"),
    ),
    Case(
        "markup-party-quiz",
        MARKUP,
        ["quiz", "m.json"],
        quiz_with("m.json", _set(("parties", 0, "name"), "[/bold] x")),
        stdin="e\no\nn\n\n\n",
        exit=0,
        check=lambda d, r: _has(r.stdout, "[/bold] x"),
    ),
    Case(
        "markup-title-match",
        MARKUP,
        ["match", "m.json", "-a", "a.json"],
        quiz_with("m.json", _set(("title",), "[red]T[/]")),
        exit=0,
        check=lambda d, r: _has(r.stdout, "[red]T[/]"),
    ),
    Case(
        "markup-simulate",
        MARKUP,
        ["simulate", "m.json", "-n", "100", "--seed", "1"],
        quiz_with("m.json", _set(("parties", 0, "name"), "[/bold] x")),
        exit=0,
        check=lambda d, r: _has(r.stdout, "[/bold] x"),
    ),
    Case(
        "markup-statement-quiz",
        MARKUP,
        ["quiz", "m.json"],
        quiz_with("m.json", _set(("statements", 0, "text"), "[/] [link=x]y")),
        stdin="e\n",
        exit=0,
        check=lambda d, r: _has(r.stdout, "[/] [link=x]y"),
    ),
    Case(
        "markup-error-value",
        MARKUP,
        ["match", "q.json", "-a", "m.json"],
        write("m.json", '{"answers": {"[/bold]": "x"}}'),
        message="[/bold]",
    ),
    Case(
        "unreadable-party-dir",
        PERMISSION,
        ["validate", "mini"],
        lambda d: os.chmod(d / "mini" / "party_positions", 0),
        message="party_positions",
        user="nobody",
    ),
    Case(
        "unreadable-party-file",
        PERMISSION,
        ["validate", "mini"],
        lambda d: os.chmod(d / "mini" / "party_positions" / "rood.yaml", 0),
        message="rood.yaml",
        user="nobody",
    ),
    Case(
        "unreadable-statements-dir",
        PERMISSION,
        ["validate", "mini"],
        lambda d: os.chmod(d / "mini" / "statements", 0o311),
        message="statements",
        user="nobody",
    ),
    Case(
        "unreadable-quiz-json",
        PERMISSION,
        ["match", "q.json", "-a", "a.json"],
        lambda d: os.chmod(d / "q.json", 0),
        message="q.json",
        user="nobody",
    ),
    Case(
        "unreadable-answers",
        PERMISSION,
        ["match", "q.json", "-a", "a.json"],
        lambda d: os.chmod(d / "a.json", 0),
        message="a.json",
        user="nobody",
    ),
    Case(
        "unreadable-resume",
        PERMISSION,
        ["quiz", "q.json", "--resume", "a.json"],
        lambda d: os.chmod(d / "a.json", 0),
        stdin="e\n",
        message="a.json",
        user="nobody",
    ),
    Case(
        "unreadable-pool",
        PERMISSION,
        ["simulate", "q.json", "--model", "empirical", "--answers", "a.json", "-n", "10"],
        lambda d: os.chmod(d / "a.json", 0),
        message="a.json",
        user="nobody",
    ),
    Case(
        "unreadable-pool-csv",
        PERMISSION,
        ["simulate", "q.json", "--model", "empirical", "--answers", "p.csv", "-n", "10"],
        lambda d: ((d / "p.csv").write_text("s1,s2\n0,1\n"), os.chmod(d / "p.csv", 0)),
        message="p.csv",
        user="nobody",
    ),
    Case(
        "unreadable-sources",
        PERMISSION,
        ["validate", "mini", "--sources", "src"],
        lambda d: ((d / "src").mkdir(), os.chmod(d / "src", 0)),
        user="nobody",
    ),
    Case(
        "plot-out-readonly",
        PERMISSION,
        ["plot", "parties", "q.json", "--out", "ro/p.png"],
        lambda d: ((d / "ro").mkdir(), os.chmod(d / "ro", 0o555)),
        message="ro",
        user="nobody",
    ),
    Case(
        "default-save-readonly-home",
        PERMISSION,
        ["quiz", "q.json", "--save", "ro/x/a.json"],
        lambda d: ((d / "ro").mkdir(), os.chmod(d / "ro", 0o555)),
        stdin="e\n",
        message="ro",
        user="nobody",
    ),
]

for command in (
    ["match", "q.json", "-a", "a.json", "--json"],
    ["match", "q.json", "-a", "a.json"],
    ["export", "q.json"],
    ["simulate", "q.json", "-n", "200", "--seed", "1", "--json"],
    ["simulate", "q.json", "-n", "200", "--seed", "1"],
    ["methods"],
    ["methods", "--json"],
    ["quiz", "q.json"],
    ["validate", "q.json"],
    ["schema", "quiz"],
    ["--help"],
    ["match", "--help"],
    ["--version"],
    ["quiz", "q.json", "--answers", "a.json"],
):
    name = "-".join(
        part.strip("-") for part in command if part not in ("q.json", "a.json", "-a", "-n", "200", "--seed", "1")
    )
    stdin = "e\no\nn\n\n\n" if command[0] == "quiz" else None
    CASES.append(Case(f"dev-full-{name}", OUTPUT, command, stdin=stdin, stdout="/dev/full", message="standard output"))
    CASES.append(
        Case(f"broken-pipe-{name}", OUTPUT, command, stdin=stdin, stdout="broken-pipe", message="standard output")
    )

CASES += [
    Case(
        "closed-stdout-match", OUTPUT, ["match", "q.json", "-a", "a.json"], stdout="closed", message="standard output"
    ),
    Case("closed-stdout-quiz", OUTPUT, ["quiz", "q.json"], stdin="e\n", stdout="closed", message="standard output"),
    Case("closed-stdout-export", OUTPUT, ["export", "q.json"], stdout="closed", message="standard output"),
    Case(
        "closed-stdin-quiz", "a closed standard input is the end of input", ["quiz", "q.json"], stdin="closed", exit=0
    ),
    Case(
        "closed-stdin-quiz-save",
        "a closed standard input is the end of input",
        ["quiz", "q.json", "--save", "new.json"],
        stdin="closed",
        exit=0,
    ),
    Case(
        "save-parent-is-file",
        "a file where a folder should be is one clear error",
        ["quiz", "q.json", "--save", "a.json/x.json"],
        stdin="e\n",
        message="not a folder",
    ),
    Case(
        "export-parent-is-file",
        "a file where a folder should be is one clear error",
        ["export", "q.json", "--out", "a.json/x.json"],
        message="not a folder",
    ),
    Case(
        "shares-inf",
        OPTION,
        ["simulate", "q.json", "--model", "party", "--shares", "rood=inf", "-n", "10"],
        message="shares",
    ),
    Case(
        "shares-nan",
        OPTION,
        ["simulate", "q.json", "--model", "party", "--shares", "rood=nan", "-n", "10"],
        message="shares",
    ),
    Case(
        "shares-negative",
        OPTION,
        ["simulate", "q.json", "--model", "party", "--shares", "rood=-1", "-n", "10"],
        message="shares",
    ),
    Case(
        "shares-all-zero",
        OPTION,
        ["simulate", "q.json", "--model", "party", "--shares", "rood=0,groen=0,blauw=0", "-n", "10"],
        message="shares",
    ),
    Case(
        "shares-huge",
        OPTION,
        ["simulate", "q.json", "--model", "party", "--shares", "rood=1e308,groen=1e308", "-n", "10"],
        message="shares",
    ),
    Case("eps-nan", OPTION, ["simulate", "q.json", "--model", "party", "--eps", "nan", "-n", "10"], message="eps"),
    Case("eps-inf", OPTION, ["simulate", "q.json", "--model", "party", "--eps", "inf", "-n", "10"], message="eps"),
    Case(
        "thresholds-nan",
        OPTION,
        ["simulate", "q.json", "--model", "spatial", "--thresholds", "nan,1", "-n", "10"],
        message="threshold",
    ),
    Case(
        "thresholds-inf",
        OPTION,
        ["simulate", "q.json", "--model", "spatial", "--thresholds", "-inf,inf", "-n", "10"],
        message="threshold",
    ),
    Case(
        "discrimination-inf",
        OPTION,
        ["simulate", "q.json", "--model", "spatial", "--discrimination", "inf", "-n", "10"],
        message="discrimination",
    ),
    Case(
        "discrimination-nan",
        OPTION,
        ["simulate", "q.json", "--model", "spatial", "--discrimination", "nan", "-n", "10"],
        message="discrimination",
    ),
    Case("skip-nan", OPTION, ["simulate", "q.json", "--skip", "nan", "-n", "10"], message="skip"),
    Case("important-nan", OPTION, ["simulate", "q.json", "--important", "nan", "-n", "10"], message="important"),
    # Whole numbers are read by one parser (stemhulp.formats.numbers): ASCII digits, at most 18 of them.
    Case("seed-huge", OPTION, ["simulate", "q.json", "--seed", "9" * 60, "-n", "10"], message="at most 18 digits"),
    Case(
        "chunk-huge",
        OPTION,
        ["simulate", "q.json", "--chunk-size", "9" * 30, "-n", "10", "--seed", "1"],
        message="at most 18 digits",
    ),
    Case(
        "tau-huge",
        OPTION,
        ["simulate", "q.json", "--tau-sample", "9" * 30, "-n", "10", "--seed", "1"],
        message="at most 18 digits",
    ),
    Case(
        "plot-n-huge", OPTION, ["plot", "top-share", "q.json", "--out", "p.png", "-n", "9" * 20], message="respondents"
    ),
    Case("lang-bad", OPTION, ["quiz", "q.json", "--lang", "xx"], stdin="", message="--lang"),
    Case("empty-answers-arg", OPTION, ["match", "q.json", "-a", ""], message="directory"),
    Case("quiz-dot-yaml-arg", OPTION, ["validate", "a.yaml"], write("a.yaml", "x: 1\n"), message="a.yaml"),
    Case("answers-is-quiz", OPTION, ["match", "q.json", "-a", "q.json"], message="q.json"),
    Case("quiz-is-answers", OPTION, ["validate", "a.json"], message="a.json"),
    Case("binary-quiz", OPTION, ["validate", "r.json"], write("r.json", bytes(range(256)) * 4), message="r.json"),
]
CASES = unique(CASES)


def _has(text: str, fragment: str) -> None:
    assert fragment in text, f"{fragment!r} not shown literally in:\n{text[-3000:]}"


@pytest.fixture(scope="module")
def results():
    return run_cases(CASES)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_no_traceback(case: Case, results) -> None:
    directory, result = results[case.id]
    assert_case(case, directory, result)
