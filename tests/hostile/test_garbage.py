"""Hostile inputs, class "garbage": wrong-typed or meaningless values are refused, never guessed.

Promises: answers files with wrong-typed `answers`/`important`/`parties`, quiz directories with
entries that are not readable files, NaN/Infinity and duplicate keys in JSON, empty or unknown
option lists: each is a located error, not a silent default.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .harness import Case, assert_case, ids, run_cases, unique, write

ANSWERS = "an answers file means exactly what it says"
DIRECTORY = "every entry of a quiz directory is read or reported"
JSON = "JSON is strict: no duplicate keys, no NaN or Infinity"
OPTIONS = "an option list means something"


def answers_case(name: str, document: str, message: str) -> Case:
    return Case(
        f"answers-{name}", ANSWERS, ["match", "q.json", "-a", "x.json"], write("x.json", document), message=message
    )


ANSWER_CASES = [
    answers_case("null", '{"answers": null}', "answers"),
    answers_case("zero", '{"answers": 0}', "answers"),
    answers_case("empty-text", '{"answers": ""}', "answers"),
    answers_case("false", '{"answers": false}', "answers"),
    answers_case("list", '{"answers": ["s1"]}', "answers"),
    answers_case("text", '{"answers": "agree"}', "answers"),
    answers_case("missing", '{"important": []}', "answers"),
    answers_case("document-list", '[{"answers": {}}]', "x.json"),
    answers_case("document-text", '"agree"', "x.json"),
    answers_case("document-null", "null", "x.json"),
    answers_case("empty-file", "", "x.json"),
    answers_case("word-null", '{"answers": {"s1": null}}', "s1"),
    answers_case("word-number", '{"answers": {"s1": 1}}', "s1"),
    answers_case("word-list", '{"answers": {"s1": ["agree"]}}', "s1"),
    answers_case("word-mapping", '{"answers": {"s1": {"x": 1}}}', "s1"),
    answers_case("word-true", '{"answers": {"s1": true}}', "s1"),
    answers_case("word-unknown", '{"answers": {"s1": "maybe"}}', "maybe"),
    answers_case("id-unknown", '{"answers": {"s99": "agree"}}', "s99"),
    answers_case("important-zero", '{"answers": {}, "important": 0}', "important"),
    answers_case("important-null", '{"answers": {}, "important": null}', "important"),
    answers_case("important-text", '{"answers": {}, "important": "s1"}', "important"),
    answers_case("important-mapping", '{"answers": {}, "important": {"s1": true}}', "important"),
    answers_case("important-nested", '{"answers": {}, "important": [["s1"]]}', "important"),
    answers_case("important-null-item", '{"answers": {}, "important": [null]}', "important"),
    answers_case("important-unknown", '{"answers": {}, "important": ["s9"]}', "s9"),
    answers_case("important-true", '{"answers": {}, "important": true}', "important"),
    answers_case("parties-zero", '{"answers": {}, "parties": 0}', "parties"),
    answers_case("parties-text", '{"answers": {}, "parties": "rood"}', "parties"),
    answers_case("parties-empty", '{"answers": {}, "parties": []}', "parties"),
    answers_case("parties-mapping", '{"answers": {}, "parties": {"rood": 1}}', "parties"),
    answers_case("parties-unknown", '{"answers": {}, "parties": ["paars"]}', "paars"),
    answers_case("parties-bool-item", '{"answers": {}, "parties": [true]}', "parties"),
    answers_case("quiz-other", '{"quiz": "other", "answers": {}}', "quiz"),
    answers_case("nan-word", '{"answers": {"s1": NaN}}', "NaN"),
    answers_case("infinity", '{"answers": {}, "x": Infinity}', "Infinity"),
    answers_case("minus-infinity", '{"answers": {}, "x": -Infinity}', "Infinity"),
    answers_case("duplicate-answer", '{"answers": {"s1": "agree", "s1": "disagree"}}', "s1"),
    answers_case("duplicate-top", '{"answers": {}, "answers": {"s1": "agree"}}', "answers"),
    answers_case("trailing-garbage", '{"answers": {}} x', "x.json"),
    Case(
        "answers-yaml-null",
        ANSWERS,
        ["match", "q.json", "-a", "x.yaml"],
        write("x.yaml", "answers:\n"),
        message="answers",
    ),
    Case(
        "answers-yaml-important-zero",
        ANSWERS,
        ["match", "q.json", "-a", "x.yaml"],
        write("x.yaml", "answers: {}\nimportant: 0\n"),
        message="important",
    ),
    Case(
        "answers-yaml-duplicate",
        ANSWERS,
        ["match", "q.json", "-a", "x.yaml"],
        write("x.yaml", "answers: {s1: agree, s1: disagree}\n"),
        message="duplicate",
    ),
    Case(
        "answers-yaml-tag",
        ANSWERS,
        ["match", "q.json", "-a", "x.yaml"],
        write("x.yaml", "answers: !!python/object:os.system {}\n"),
        message="x.yaml",
    ),
    Case(
        "answers-yaml-alias",
        ANSWERS,
        ["match", "q.json", "-a", "x.yaml"],
        write("x.yaml", "a: &x [1]\nanswers: *x\n"),
        message="alias",
    ),
    Case(
        "resume-null-answers",
        ANSWERS,
        ["quiz", "q.json", "--resume", "x.json"],
        write("x.json", '{"answers": null}'),
        stdin="e\n",
        message="answers",
    ),
]


def _quiz_json(change):
    def setup(directory: Path) -> None:
        document = json.loads((directory / "q.json").read_text(encoding="utf-8"))
        change(document)
        (directory / "x.json").write_text(json.dumps(document), encoding="utf-8")

    return setup


def _replace(old: str, new: str):
    def setup(directory: Path) -> None:
        text = (directory / "q.json").read_text(encoding="utf-8")
        assert old in text
        (directory / "x.json").write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


QUIZ_CASES = [
    Case("quiz-nan-id", JSON, ["validate", "x.json"], _replace('"id": "s1"', '"id": NaN'), message="NaN"),
    Case(
        "quiz-infinity-id", JSON, ["validate", "x.json"], _replace('"id": "rood"', '"id": Infinity'), message="Infinity"
    ),
    Case("quiz-nan-weight", JSON, ["validate", "x.json"], _replace('"weight": 3.0', '"weight": NaN'), message="NaN"),
    Case(
        "quiz-duplicate-key",
        JSON,
        ["validate", "x.json"],
        _replace('"id": "s1"', '"id": "s1", "id": "s2"'),
        message="duplicate key 'id'",
    ),
    Case(
        "quiz-duplicate-format",
        JSON,
        ["validate", "x.json"],
        _replace('"format": "stemhulp/1"', '"format": "stemhulp/1", "format": "x"'),
        message="format",
    ),
    Case("quiz-float-id", JSON, ["validate", "x.json"], _replace('"id": "s1"', '"id": 1e999'), message="x.json"),
    Case(
        "quiz-statements-null",
        JSON,
        ["validate", "x.json"],
        _quiz_json(lambda d: d.update(statements=None)),
        message="statements",
    ),
    Case(
        "quiz-parties-text",
        JSON,
        ["validate", "x.json"],
        _quiz_json(lambda d: d.update(parties="rood")),
        message="parties",
    ),
    Case(
        "quiz-positions-mapping",
        JSON,
        ["validate", "x.json"],
        _quiz_json(lambda d: d.update(positions={})),
        message="positions",
    ),
    Case("quiz-scale-empty", JSON, ["validate", "x.json"], _quiz_json(lambda d: d.update(scale=[])), message="scale"),
    Case(
        "quiz-scale-nested",
        JSON,
        ["validate", "x.json"],
        _quiz_json(lambda d: d.update(scale=[["a"], ["b"]])),
        message="scale",
    ),
    Case(
        "quiz-weight-text",
        JSON,
        ["validate", "x.json"],
        _quiz_json(lambda d: d["positions"][0].update(weight="3")),
        message="weight",
    ),
    Case(
        "quiz-weight-huge",
        JSON,
        ["validate", "x.json"],
        _quiz_json(lambda d: d["positions"][0].update(weight=1e300)),
        message="weight",
    ),
    Case("quiz-top-list", JSON, ["validate", "x.json"], write("x.json", "[]"), message="x.json"),
    Case("quiz-empty-file", JSON, ["validate", "x.json"], write("x.json", ""), message="x.json"),
    Case("quiz-bom-only", JSON, ["validate", "x.json"], write("x.json", "\ufeff"), message="x.json"),
]


def _entry(kind: str, folder: str = "party_positions"):
    def setup(directory: Path) -> None:
        path = directory / "mini" / folder / "zz.yaml"
        if kind == "directory":
            path.mkdir()
        elif kind == "dangling":
            os.symlink("nowhere.yaml", path)
        elif kind == "loop":
            os.symlink("zz.yaml", path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "unreadable":
            path.write_text("id: zz\nname: ZZ\npositions: {}\n", encoding="utf-8")
            os.chmod(path, 0)

    return setup


DIRECTORY_CASES = [
    Case(
        f"dir-{folder.split('_')[0]}-{kind}",
        DIRECTORY,
        ["validate", "mini"],
        _entry(kind, folder),
        message="zz.yaml",
        user="nobody" if kind == "unreadable" else None,
        timeout=10,
    )
    for folder in ("party_positions", "statements")
    for kind in ("directory", "dangling", "loop", "fifo", "unreadable")
] + [
    Case(
        "dir-no-parties",
        DIRECTORY,
        ["validate", "mini"],
        lambda d: [p.unlink() for p in (d / "mini" / "party_positions").iterdir()],
        message="mini",
    ),
    Case(
        "dir-parties-is-file",
        DIRECTORY,
        ["validate", "mini"],
        lambda d: (
            __import__("shutil").rmtree(d / "mini" / "party_positions"),
            (d / "mini" / "party_positions").write_text("x"),
        ),
        message="party_positions",
    ),
    Case(
        "dir-quiz-yaml-is-dir",
        DIRECTORY,
        ["validate", "mini"],
        lambda d: (
            (d / "mini" / "statements" / "quiz.yaml").unlink(),
            (d / "mini" / "statements" / "quiz.yaml").mkdir(),
        ),
        message="mini",
    ),
    Case(
        "dir-party-file-list",
        DIRECTORY,
        ["validate", "mini"],
        write("mini/party_positions/zz.yaml", "- 1\n"),
        message="zz.yaml",
    ),
    Case(
        "dir-party-file-empty",
        DIRECTORY,
        ["validate", "mini"],
        write("mini/party_positions/zz.yaml", ""),
        message="zz.yaml",
    ),
]

SIM = ["simulate", "q.json", "-n", "20", "--seed", "1"]
OPTION_CASES = [
    Case("methods-commas", OPTIONS, [*SIM, "--methods", ",,"], message="methods"),
    Case("methods-blank", OPTIONS, [*SIM, "--methods", " "], message="methods"),
    Case("methods-empty", OPTIONS, [*SIM, "--methods", ""], message="methods"),
    Case("methods-unknown", OPTIONS, [*SIM, "--methods", "cityblock,nonsense"], message="nonsense"),
    Case("methods-duplicate", OPTIONS, [*SIM, "--methods", "cityblock,cityblock"], message="cityblock"),
    Case("eps-commas", OPTIONS, [*SIM, "--model", "party", "--eps", ",,"], message="eps"),
    Case("eps-words", OPTIONS, [*SIM, "--model", "party", "--eps", "a,b"], message="eps"),
    Case("eps-over-one", OPTIONS, [*SIM, "--model", "party", "--eps", "1.5"], message="eps"),
    Case("shares-commas", OPTIONS, [*SIM, "--model", "party", "--shares", ",,"], message="shares"),
    Case("shares-no-value", OPTIONS, [*SIM, "--model", "party", "--shares", "rood"], message="shares"),
    Case("shares-no-party", OPTIONS, [*SIM, "--model", "party", "--shares", "=1"], message="shares"),
    Case("shares-unknown", OPTIONS, [*SIM, "--model", "party", "--shares", "paars=1"], message="paars"),
    Case("shares-duplicate", OPTIONS, [*SIM, "--model", "party", "--shares", "rood=1,rood=2"], message="rood"),
    Case("thresholds-commas", OPTIONS, [*SIM, "--model", "spatial", "--thresholds", ",,"], message="thresholds"),
    Case("thresholds-wrong-count", OPTIONS, [*SIM, "--model", "spatial", "--thresholds", "1,2,3"], message="threshold"),
    Case("n-zero", OPTIONS, ["simulate", "q.json", "-n", "0"], message="respondents"),
    Case("n-negative", OPTIONS, ["simulate", "q.json", "-n", "-5"], message="respondents"),
    Case("n-float", OPTIONS, ["simulate", "q.json", "-n", "1.5"], message="respondents"),
    Case("n-huge", OPTIONS, ["simulate", "q.json", "-n", "99999999999999999999"], message="respondents"),
    Case("seed-negative", OPTIONS, [*SIM[:-2], "--seed", "-1"], message="seed"),
    Case("method-unknown", OPTIONS, ["match", "q.json", "-a", "a.json", "--method", "x"], message="x"),
    Case("missing-unknown", OPTIONS, ["match", "q.json", "-a", "a.json", "--missing", "x"], message="x"),
    Case("from-wrong-layout", OPTIONS, ["validate", "q.json", "--from", "wahlomat"], message="q.json"),
    Case("pool-no-answers", OPTIONS, ["simulate", "q.json", "--model", "empirical", "-n", "5"], message="answers"),
    Case(
        "pool-empty-dir",
        OPTIONS,
        ["simulate", "q.json", "--model", "empirical", "--answers", "e", "-n", "5"],
        lambda d: (d / "e").mkdir(),
        message="e",
    ),
    Case(
        "pool-empty-list",
        OPTIONS,
        ["simulate", "q.json", "--model", "empirical", "--answers", "l.json", "-n", "5"],
        write("l.json", "[]"),
        message="l.json",
    ),
    Case(
        "pool-csv-header-only",
        OPTIONS,
        ["simulate", "q.json", "--model", "empirical", "--answers", "p.csv", "-n", "5"],
        write("p.csv", "s1,s2\n"),
        message="p.csv",
    ),
    Case(
        "pool-csv-bad-cell",
        OPTIONS,
        ["simulate", "q.json", "--model", "empirical", "--answers", "p.csv", "-n", "5"],
        write("p.csv", "s1,s2\n9,x\n"),
        message="p.csv",
    ),
    Case("schema-unknown", OPTIONS, ["schema", "nope"], message="nope"),
]

CASES = unique(ANSWER_CASES + QUIZ_CASES + DIRECTORY_CASES + OPTION_CASES)


@pytest.fixture(scope="module")
def results():
    return run_cases(CASES)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_garbage_refused(case: Case, results) -> None:
    directory, result = results[case.id]
    assert_case(case, directory, result)
