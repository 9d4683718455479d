"""The answers file is written as JSON, or as YAML for a name ending in .yaml/.yml."""

from __future__ import annotations

import json

import pytest
import yaml

from stemhulp.formats.answers import read_answers, write_answers
from stemhulp.quiz.answers import AnswerSet


@pytest.mark.parametrize("name", ["answers.yaml", "answers.yml"])
def test_a_yaml_name_gets_yaml(mini, tmp_path, name):
    answer_set = AnswerSet({"s1": "agree", "s2": "skip"}, ["s1"], ["rood"], {"quiz": "mini"})
    path = tmp_path / name
    write_answers(path, answer_set)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("quiz: mini\nanswers:\n")  # YAML, not a JSON document
    assert yaml.safe_load(text) == answer_set.to_dict()
    assert read_answers(path, mini) == answer_set


def test_any_other_name_gets_json(mini, tmp_path):
    answer_set = AnswerSet({"s1": "agree"})
    path = tmp_path / "answers.json"
    write_answers(path, answer_set)
    assert json.loads(path.read_text(encoding="utf-8")) == {"answers": {"s1": "agree"}, "important": []}
    assert read_answers(path, mini) == answer_set
