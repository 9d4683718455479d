"""`Matcher` (tables prepared once) gives exactly `stemhulp.match`'s result, and the same errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stemhulp
from stemhulp.matching.matcher import Matcher

from ..strategies import cases


@given(cases())
def test_matcher_equals_match(case):
    quiz, answers, important, parties, method, missing, salience = case
    matcher = Matcher(quiz, method, missing, salience)
    expected = stemhulp.match(
        quiz, answers, important=important, parties=parties, method=method, missing=missing, salience=salience
    )
    got = matcher.match(answers, important=important, parties=parties)
    assert got == expected
    assert got.to_dict() == expected.to_dict()  # scores bit for bit, ranks, themes, breakdowns
    assert matcher.match(answers, important=important, parties=parties) == expected  # no state carried over


@given(cases(), st.data())
def test_one_matcher_over_a_sequence_of_requests_equals_match(case, data):
    """The breakdown rows are made as requests first need them: later requests, with other
    answers, marks and parties, still get exactly `match`'s result."""
    quiz, _, _, _, method, missing, salience = case
    matcher = Matcher(quiz, method, missing, salience)
    statement_ids = [s.id for s in (*quiz.statements, *quiz.tiebreak_statements)]
    party_ids = [p.id for p in quiz.parties]
    words = st.sampled_from([*quiz.scale.options, "skip"])
    for _ in range(3):
        answers = data.draw(st.dictionaries(st.sampled_from(statement_ids), words))
        important = data.draw(st.lists(st.sampled_from(statement_ids), max_size=2))
        parties = data.draw(st.none() | st.lists(st.sampled_from(party_ids), min_size=1, max_size=3))
        expected = stemhulp.match(
            quiz, answers, important=important, parties=parties, method=method, missing=missing, salience=salience
        )
        assert matcher.match(answers, important=important, parties=parties).to_dict() == expected.to_dict()


@given(cases(), st.data())
def test_a_batch_of_people_gives_each_the_result_alone(case, data):
    """`match_known_many` (a server's requests that arrive together) gives every person exactly
    `match`'s result, whatever else is in the batch; a person with an unknown id gets None and
    leaves the others alone."""
    from stemhulp.matching.matcher import KnownAnswers

    quiz, _, _, _, method, missing, salience = case
    matcher = Matcher(quiz, method, missing, salience)
    statement_ids = [s.id for s in (*quiz.statements, *quiz.tiebreak_statements)]
    party_ids = [p.id for p in quiz.parties]
    words = st.sampled_from([*quiz.scale.options, "skip"])
    people = []
    unknown = data.draw(st.booleans(), label="the second person names an unknown statement")
    for _ in range(data.draw(st.integers(1, 6))):
        answers = data.draw(st.dictionaries(st.sampled_from(statement_ids), words))
        important = data.draw(st.lists(st.sampled_from(statement_ids), max_size=2))
        parties = data.draw(st.none() | st.lists(st.sampled_from(party_ids), min_size=1, max_size=3))
        if unknown and len(people) == 1:
            answers = {**answers, "no-such-statement": "skip"}
        people.append(KnownAnswers(answers, important, parties))
    results = matcher.match_known_many(people)
    assert len(results) == len(people)
    for person, result in zip(people, results, strict=True):
        if "no-such-statement" in person.answers:
            assert result is None
            continue
        expected = stemhulp.match(
            quiz,
            person.answers,
            important=person.important,
            parties=person.parties,
            method=method,
            missing=missing,
            salience=salience,
        )
        assert result is not None and result.to_dict() == expected.to_dict()
        for entry in result.ranking:  # the prepared JSON a server sends is the breakdown itself
            assert entry.statements_json is not None
            assert [json.loads(row) for row in entry.statements_json] == [c.to_dict() for c in entry.comparisons]


@given(st.dictionaries(st.text(), st.none() | st.booleans() | st.text()))
def test_prepared_json_text_reads_back_as_the_same_data(data):
    """The breakdown rows' prepared JSON (quotes hold any text: quote marks, backslashes, control
    characters, line separators, markup) reads back as what it was made from."""
    import orjson

    from stemhulp.matching.matcher import _json_text

    assert json.loads(_json_text(data)) == data
    assert orjson.loads(_json_text(data)) == data


def test_matcher_reports_the_same_problems(mini):
    matcher = Matcher(mini)
    bad = [
        ({"nope": "eens"}, [], None),
        ({"s1": "misschien"}, ["x"], []),
        ({"s1": None}, [], ["nobody"]),
        ([("s1", "eens")], "s1", "rood"),
        ({1: "eens"}, [2], [3]),
    ]
    for answers, important, parties in bad:
        with pytest.raises(stemhulp.StemhulpError) as expected:
            stemhulp.match(mini, answers, important=important, parties=parties)
        with pytest.raises(stemhulp.StemhulpError) as got:
            matcher.match(answers, important=important, parties=parties)
        assert got.value.problems == expected.value.problems


def test_matcher_rejects_an_unknown_method_and_hands_weights_to_match(mini):
    with pytest.raises(stemhulp.MatchError, match="unknown method 'nope'"):
        Matcher(mini, "nope")
    answers = {"s1": "eens", "s2": "oneens", "s3": "eens"}
    weights = {"s1": 2.0, "s3": 0.5}
    assert Matcher(mini).match(answers, weights=weights) == stemhulp.match(mini, answers, weights=weights)


def test_a_repeated_answer_pattern_gives_the_same_result_from_the_stability_cache(mini):
    # The stability figure is kept per answer pattern (answers, marks, compared parties, ranked):
    # asking again, or for other parties, must give what `stemhulp.match` gives.
    import stemhulp.matching.matcher as matcher_module

    matcher = Matcher(mini)
    answers = {"s1": "agree", "s2": "disagree", "s3": "neutral"}
    parties = [p.id for p in mini.parties][:2]
    for _ in range(2):
        for chosen in (None, parties):
            for important in ((), ("s1",)):
                got = matcher.match(answers, important=list(important), parties=chosen)
                assert got == stemhulp.match(mini, answers, important=list(important), parties=chosen)
    assert len(matcher._stabilities) == 4
    small = Matcher(mini)
    original = matcher_module.STABILITY_CACHE
    matcher_module.STABILITY_CACHE = 2
    try:
        for word in ("agree", "neutral", "disagree"):
            small.match({**answers, "s3": word})
        assert len(small._stabilities) == 2  # bounded: the oldest pattern left
    finally:
        matcher_module.STABILITY_CACHE = original


def test_answer_spellings_beyond_the_kept_thousand_still_count():
    """The matcher keeps at most 1,000 answer spellings; the one that fills it still counts."""
    quiz = stemhulp.load()
    matcher = Matcher(quiz)
    first = quiz.statements[0].id
    for spaces in range(1, 1100):  # 1,099 spellings of "eens": the kept words are cleared once
        answers = {first: "eens" + " " * spaces}
        assert matcher.match(answers).to_dict() == stemhulp.match(quiz, {first: "eens"}).to_dict(), spaces
