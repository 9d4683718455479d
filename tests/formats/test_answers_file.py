"""The answers file and answer words."""

from __future__ import annotations

import json

import pytest

import stemhulp
from stemhulp.formats.answers import read_answers, write_answers
from stemhulp.quiz.answers import AnswerSet
from stemhulp.quiz.scale import FIVE_POINT, THREE_POINT, Scale


@pytest.mark.parametrize(
    ("word", "option"),
    [
        ("eens", "agree"),
        ("Oneens", "disagree"),
        ("geen van beide", "neutral"),
        ("neutraal", "neutral"),
        (" agree ", "agree"),
        ("overslaan", None),
        ("skip", None),
    ],
)
def test_three_point_words(word, option):
    scale = Scale(THREE_POINT)
    assert scale.parse_answer(word) == (None if option is None else scale.code(option))


@pytest.mark.parametrize(
    ("word", "option"),
    [
        ("helemaal eens", "strongly_agree"),
        ("helemaal oneens", "strongly_disagree"),
        ("strongly_agree", "strongly_agree"),
        ("eens", "agree"),
        ("neutraal", "neutral"),
    ],
)
def test_five_point_words(word, option):
    scale = Scale(FIVE_POINT)
    assert scale.parse_answer(word) == scale.code(option)


def test_unknown_word_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown answer 'misschien'; expected one of"):
        Scale(THREE_POINT).parse_answer("misschien")
    with pytest.raises(ValueError, match="helemaal eens"):
        Scale(THREE_POINT).parse_answer("helemaal eens")  # not on a 3-point scale


def test_answers_file_round_trip(mini, tmp_path):
    """Written answers read back the same, in JSON and in YAML; words become option names."""
    answer_set = AnswerSet({"s1": "eens", "s2": "skip"}, ["s1"], ["rood", "groen"], {"quiz": "mini"})
    for name in ("a.json", "a.yaml"):
        write_answers(tmp_path / name, answer_set)
        loaded = read_answers(tmp_path / name, mini)
        assert dict(loaded.answers) == {"s1": "agree", "s2": "skip"}
        assert loaded.important == ("s1",) and loaded.parties == ("rood", "groen")


ANSWER_ERRORS = {
    "null answer": ({"answers": {"s1": None}}, "answers.s1: answer to 's1' is empty (null)"),
    "unknown statement": ({"answers": {"s9": "eens"}}, "answers.s9: unknown statement id 's9'"),
    "bad word": ({"answers": {"s1": "ja"}}, "statement 's1': unknown answer 'ja'"),
    "unknown important": ({"answers": {}, "important": ["s9"]}, "important[0]: unknown statement id 's9'"),
    "unknown party": ({"answers": {}, "parties": ["paars"]}, "parties[0]: unknown party id 'paars'"),
    "empty parties": ({"answers": {}, "parties": []}, "parties must not be empty"),
    "no answers key": ({"important": []}, "missing required key 'answers'"),
    "other quiz": ({"answers": {}, "quiz": "andere"}, "these answers belong to quiz 'andere', not 'mini'"),
}


@pytest.mark.parametrize("case", ANSWER_ERRORS, ids=list(ANSWER_ERRORS))
def test_answers_file_errors(mini, tmp_path, case):
    """Each mistake in an answers file names the file, the key and the value."""
    data, expected = ANSWER_ERRORS[case]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data))
    with pytest.raises(stemhulp.AnswersError) as caught:
        read_answers(path, mini)
    assert f"{path}: " in str(caught.value) and expected in str(caught.value)


def test_yaml_answers_with_numeric_ids(tmp_path):
    """`{1: eens}` in YAML means statement '1'."""
    from ..helpers import quiz_from_stances

    quiz = stemhulp.load(
        {
            **_doc(quiz_from_stances([[2], [0]])),
            "statements": [{"id": "1", "theme": "T", "text": "A"}, {"id": "2", "theme": "T", "text": "B"}],
        }
    )
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  1: eens\n  2: oneens\n")
    assert dict(read_answers(path, quiz).answers) == {"1": "agree", "2": "disagree"}


def _doc(quiz):
    from stemhulp.formats.exchange import quiz_to_exchange

    document = quiz_to_exchange(quiz)
    for position, statement in zip(document["positions"], ["1", "2"], strict=True):
        position["statement"] = statement
    return document


def test_match_rejects_bad_requests(mini):
    with pytest.raises(stemhulp.MatchError, match="unknown method 'magic'; choose one of"):
        stemhulp.match(mini, {"s1": "eens"}, method="magic")
    with pytest.raises(stemhulp.MatchError, match="unknown missing-stance policy 'guess'"):
        stemhulp.match(mini, {"s1": "eens"}, missing="guess")
    with pytest.raises(stemhulp.AnswersError, match="parties must not be empty"):
        stemhulp.match(mini, {"s1": "eens"}, parties=[])
    with pytest.raises(stemhulp.MatchError, match="weight must be a non-negative number"):
        stemhulp.match(mini, {"s1": "eens"}, weights={"s1": -1})
    with pytest.raises(stemhulp.MatchError, match="codes have shape"):
        stemhulp.match_many(mini, [[0, 1]])
    with pytest.raises(stemhulp.MatchError, match="code 3 is outside"):
        stemhulp.match_many(mini, [[0, 1, 3]])


def test_party_selection_and_tiebreak_answers(mini):
    """Only chosen parties are ranked; an answered tie-break statement counts for every party."""
    result = stemhulp.match(mini, {"s1": "eens"}, parties=["rood", "blauw"])
    assert [e.party for e in result.ranking] == ["rood", "blauw"]
    with_tiebreak = stemhulp.match(mini, {"s1": "eens", "t1": "oneens"}, parties=["rood", "blauw"])
    # rood: s1 agree/agree 0, t1 disagree/agree 1 -> 50; blauw: s1 1, t1 0 -> 50: now a tie.
    assert [(e.party, e.score, e.rank) for e in with_tiebreak.ranking] == [("blauw", 50.0, 1), ("rood", 50.0, 1)]
    assert with_tiebreak.entry("rood").coverage.answered == 2


def test_nothing_comparable_gives_null_score_last(mini):
    """A party with no stance on anything answered (exclude) has score and rank None, last."""
    result = stemhulp.match(mini, {"s3": "eens"}, missing="exclude")
    last = result.ranking[-1]
    assert (last.party, last.score, last.rank) == ("blauw", None, None)
    assert result.to_dict()["results"][-1]["score"] is None


def test_breakdown_and_themes(mini):
    """The breakdown compares positions (agree / partly / disagree) and carries the quote."""
    result = stemhulp.match(mini, {"s1": "eens", "s2": "geen van beide", "s3": "skip"}, important=["s1"])
    rows = {c.statement: c for c in result.breakdown("groen")}
    assert rows["s1"].agreement == "partly" and rows["s1"].important
    assert rows["s2"].agreement == "partly"
    assert rows["s3"].agreement == "skipped"
    assert rows["s1"].quote == "over de huishoudelijke hulp zijn we verdeeld"
    assert {c.agreement for c in result.breakdown("blauw")} >= {"disagree"}
    assert set(result.entry("rood").themes) == {"Zorg"}  # Wonen only had a skip


def test_atomic_writes_get_the_usual_file_mode(tmp_path):
    """Files written atomically are readable like any other file (not mkstemp's 0600)."""
    import os

    from stemhulp.formats.atomic import write_text_atomic

    mask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "out.json", "{}")
    finally:
        os.umask(mask)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644
    assert not list(tmp_path.glob(".out.json.*"))  # no temporary file left behind
