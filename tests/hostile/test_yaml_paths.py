"""Both YAML paths (libyaml when installed, pure Python otherwise) refuse the same hostile input."""

from __future__ import annotations

import pytest

from stemhulp.errors import QuizError
from stemhulp.formats import safeyaml
from stemhulp.limits import MAX_DEPTH

HOSTILE = {
    "alias": ("a: &x [1, 2]\nb: *x\n", "aliases"),
    "alias bomb": ("a: &a [1,1]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n", "aliases"),
    "deep flow": ("a: " + "[" * 3000 + "]" * 3000 + "\n", "nested deeper"),
    "deep block": ("a:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_DEPTH + 5)), "nested deeper"),
    "python tag": ("a: !!python/object/apply:os.system [echo]\n", "x.yaml:1"),
    "bad syntax": ("a: [1, 2\n", "x.yaml"),
}


@pytest.fixture(params=["libyaml", "pure Python"])
def path(request, monkeypatch):
    if request.param == "libyaml":
        if safeyaml._FAST is None:
            pytest.skip("PyYAML was built without libyaml here")
    else:
        monkeypatch.setattr(safeyaml, "_FAST", None)
    return request.param


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_refused(path, name) -> None:
    text, message = HOSTILE[name]
    try:
        _, _, problems = safeyaml.parse_yaml_text(text, "x.yaml")
    except QuizError as error:
        problems = error.problems
    assert problems and any(message in problem for problem in problems), problems


def test_plain_yaml_same_either_way(path) -> None:
    data, where, problems = safeyaml.parse_yaml_text("id: 007\nname: x\npositions:\n  s1: {weight: 2}\n", "x.yaml")
    assert problems == [] and data == {"id": 7, "name": "x", "positions": {"s1": {"weight": 2}}}
    assert (where / "positions" / "s1").line() == 4 and (where / "id").raw_text() == "007"
