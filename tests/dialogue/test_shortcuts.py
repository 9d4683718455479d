"""The shortcut rule both front ends share: letters on 3-point scales only, skip and back on every scale."""

from __future__ import annotations

import stemhulp
from stemhulp.dialogue.shortcuts import answer_keys, shortcut_data, shortcut_keys

from ..helpers import quiz_from_stances


def test_three_point_keys_in_both_languages():
    scale = stemhulp.load().scale
    assert shortcut_keys(scale, "nl") == [
        ("e", "eens"),
        ("n", "geen van beide"),
        ("o", "oneens"),
        ("s", "overslaan"),
        ("b", "terug"),
    ]
    assert [key for key, _ in shortcut_keys(scale, "en")] == ["a", "n", "d", "s", "b"]
    assert answer_keys(scale, "nl") == {"e": 2, "n": 1, "o": 0}
    assert shortcut_data(scale, "en")["line"].startswith("Shortcuts: a agree · n neither · d disagree · s skip")


def test_other_scales_have_only_skip_and_back():
    for size in (2, 4, 5):
        scale = quiz_from_stances([[0, size - 1]], size).scale
        assert [key for key, _ in shortcut_keys(scale, "nl")] == ["s", "b"]
        assert answer_keys(scale, "nl") == {}
