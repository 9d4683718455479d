"""Hostile inputs, fuzzed: `load`, the answers reader and the API arguments over arbitrary values.

Promise: whatever the value, the result is a proper answer or a `StemhulpError` — never another
exception (TypeError, KeyError, OverflowError, RecursionError …) and never a hang.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.errors import StemhulpError
from stemhulp.formats.answers import answer_set_from_mapping, read_answers
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.formats.reading import parse_json
from stemhulp.formats.safeyaml import parse_yaml_text
from stemhulp.quiz.model import Quiz

from .harness import MINI

QUIZ = stemhulp.load(MINI)
DOCUMENT = quiz_to_exchange(QUIZ)
IDS = ["s1", "s2", "s3", "t1", "rood", "groen", "blauw", "agree", "disagree", "neutral", "skip", "eens"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(IDS),
    st.text(max_size=12),
    st.just("\ud800"),
    st.just("[/bold] x"),
)
json_like = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    IDS
                    + ["answers", "important", "parties", "quiz", "format", "statements", "positions", "scale", "id"]
                ),
                st.text(max_size=6),
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
anything = st.one_of(
    json_like,
    st.builds(object),
    st.binary(max_size=8),
    st.sets(st.integers(), max_size=3),
    st.just(QUIZ),
    st.just(np.array([1, 2])),
    st.just(float("nan")),
)
PATHS = [
    (),
    ("statements",),
    ("statements", 0),
    ("statements", 0, "id"),
    ("statements", 0, "text"),
    ("parties",),
    ("parties", 0),
    ("parties", 0, "id"),
    ("parties", 0, "name"),
    ("positions",),
    ("positions", 0),
    ("positions", 0, "weight"),
    ("positions", 0, "position"),
    ("positions", 0, "party"),
    ("scale",),
    ("scale", 0),
    ("id",),
    ("title",),
    ("format",),
    ("axes",),
    ("tiebreak_statements",),
    ("statements", 0, "axes"),
    ("description",),
]


def _mutate(path: tuple, value):
    document = copy.deepcopy(DOCUMENT)
    if not path:
        return value
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def _loads_or_refuses(source) -> None:
    try:
        quiz = stemhulp.load(source)
    except StemhulpError:
        return
    assert isinstance(quiz, Quiz)


@given(json_like)
def test_load_any_mapping(value) -> None:
    """`load` of any JSON-like value: a quiz or a StemhulpError."""
    _loads_or_refuses(value if isinstance(value, dict) else {"format": "stemhulp/1", "statements": value})


@given(st.sampled_from(PATHS), anything)
def test_load_near_valid_quiz(path, value) -> None:
    """One part of a valid stemhulp/1 document replaced by anything: a quiz or a StemhulpError."""
    _loads_or_refuses(_mutate(path, value))


@given(anything)
def test_load_any_source(value) -> None:
    """`load(x)` for any Python value x is a quiz or a StemhulpError naming the source."""
    if isinstance(value, str) and value.strip():
        value = "/nonexistent/" + value.replace("\0", "")
    _loads_or_refuses(value)


@given(json_like)
def test_answers_reader_any_value(value) -> None:
    """The answers reader over any JSON-like document: an AnswerSet or a StemhulpError."""
    for document in (
        value,
        {"answers": value},
        {"answers": {}, "important": value},
        {"answers": {}, "parties": value},
        {"answers": {"s1": value}},
        {"answers": {"s1": "agree"}, "quiz": value},
    ):
        with contextlib.suppress(StemhulpError):
            answer_set_from_mapping(document, QUIZ)


@settings(max_examples=40)
@given(json_like, st.sampled_from([".json", ".yaml"]))
def test_answers_file_any_value(tmp_path_factory, value, suffix) -> None:
    """An answers file holding any JSON-like value, as JSON or YAML: read or refused."""
    path = tmp_path_factory.mktemp("answers") / f"a{suffix}"
    text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    try:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    except UnicodeEncodeError:
        return
    with contextlib.suppress(StemhulpError):
        read_answers(path, QUIZ)


@given(
    st.text(max_size=60)
    | st.sampled_from(
        ['{"a": 1, "a": 2}', "[NaN]", "1e999", "9" * 5000, "[" * 5000, '"\\ud800"', '{"a": -Infinity}', "\ufeff{}"]
    )
)
def test_parsers_any_text(text) -> None:
    """Strict JSON and safe YAML over any text: data or a StemhulpError."""
    for parse in (lambda t: parse_json(t, "x.json"), lambda t: parse_yaml_text(t, "x.yaml")):
        with contextlib.suppress(StemhulpError):
            parse(text)


def _api(call) -> None:
    with contextlib.suppress(StemhulpError):
        call()


words = st.one_of(
    anything, st.dictionaries(st.sampled_from(IDS), st.one_of(st.sampled_from(IDS), anything), max_size=4)
)


@given(
    answers=words,
    important=st.one_of(anything, st.lists(st.sampled_from(IDS + [""]), max_size=3)),
    weights=st.one_of(anything, st.dictionaries(st.sampled_from(IDS), anything, max_size=3)),
    parties=st.one_of(anything, st.lists(st.sampled_from(IDS), max_size=3)),
    method=st.one_of(st.sampled_from(["cityblock", "stemwijzer", "euclidean", "x"]), anything),
    missing=st.one_of(st.sampled_from(["neutral", "exclude", "disagree"]), anything),
    salience=st.one_of(st.booleans(), anything),
)
def test_match_any_arguments(answers, important, weights, parties, method, missing, salience) -> None:
    """`match` with any arguments: a result or a StemhulpError (that names the argument)."""
    _api(
        lambda: stemhulp.match(
            QUIZ,
            answers,
            important=important,
            weights=weights,
            parties=parties,
            method=method,
            missing=missing,
            salience=salience,
        )
    )


@given(quiz=st.one_of(st.just(QUIZ), anything))
def test_match_any_quiz(quiz) -> None:
    _api(lambda: stemhulp.match(quiz, {"s1": "agree"}))
    _api(lambda: stemhulp.match_many(quiz, [[0, 1, 2]]))


codes_values = st.one_of(
    anything,
    st.lists(st.lists(st.integers(-3, 4), min_size=0, max_size=4), max_size=3),
    st.lists(st.lists(st.one_of(st.floats(), st.text(max_size=2), st.none()), min_size=3, max_size=3), max_size=3),
    st.builds(lambda n: np.zeros((n, 3), dtype=np.int64), st.integers(0, 3)),
)


@given(
    codes=codes_values,
    important=st.one_of(
        st.none(),
        anything,
        st.just(np.full((1, 3), np.nan)),
        st.just(np.full((1, 3), "x")),
        st.just(np.ones((1, 3), dtype=int) * 2),
    ),
    weights=st.one_of(
        st.none(),
        anything,
        st.lists(st.one_of(st.floats(), st.text(max_size=2)), min_size=3, max_size=3),
        st.just([1e308, 1e308, 1e308]),
    ),
    chunk_size=st.one_of(st.integers(-2, 5), st.floats(), st.text(max_size=2), st.none(), st.just(True)),
)
def test_match_many_any_arguments(codes, important, weights, chunk_size) -> None:
    """`match_many` with any arguments: scores or a StemhulpError."""
    try:
        scores = stemhulp.match_many(QUIZ, codes, important=important, weights=weights, chunk_size=chunk_size)
    except StemhulpError:
        return
    assert not np.isinf(scores).any()


@given(anything)
def test_breakdown_any_party(party) -> None:
    result = stemhulp.match(QUIZ, {"s1": "agree"})
    _api(lambda: result.breakdown(party))


def test_huge_weights_cannot_overflow() -> None:
    """Weights are bounded, so a weighted sum can never overflow into NaN scores."""
    with pytest.raises(StemhulpError, match="weights"):
        stemhulp.match(QUIZ, {"s1": "agree"}, weights={"s1": 1e308, "s2": 1e308})
    with pytest.raises(StemhulpError, match="weights"):
        stemhulp.match_many(QUIZ, [[2, 2, 2]], weights=[1e308, 1e308, 1e308])
    from stemhulp.limits import MAX_WEIGHT

    scores = stemhulp.match_many(QUIZ, [[2, 2, 2]], weights=[MAX_WEIGHT] * 3, important=[[True] * 3])
    assert np.isfinite(scores).all()
    assert math.isclose(scores[0].max(), stemhulp.match_many(QUIZ, [[2, 2, 2]])[0].max())


def test_errors_name_the_argument() -> None:
    cases = [
        (lambda: stemhulp.load(5), "source"),
        (lambda: stemhulp.load(b"{}"), "source"),
        (lambda: stemhulp.match({"format": "stemhulp/1"}, {}), "quiz"),
        (lambda: stemhulp.match(QUIZ, None), "answers"),
        (lambda: stemhulp.match(QUIZ, {}, important="s1"), "important"),
        (lambda: stemhulp.match(QUIZ, {}, important=[float("nan")]), "important"),
        (lambda: stemhulp.match(QUIZ, {}, weights=[1, 2]), "weights"),
        (lambda: stemhulp.match(QUIZ, {}, weights={"s1": "2"}), "weight"),
        (lambda: stemhulp.match(QUIZ, {}, parties="rood"), "parties"),
        (lambda: stemhulp.match(QUIZ, {}, method=None), "method"),
        (lambda: stemhulp.match(QUIZ, {}, salience="yes"), "salience"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1], [2]]), "codes"),
        (lambda: stemhulp.match_many(QUIZ, [["a", "b", "c"]]), "codes"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], important=[[np.nan] * 3]), "important"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], important=[["x"] * 3]), "important"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], weights=["1", "2", "3"]), "weights"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], chunk_size=2.5), "chunk_size"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], chunk_size=float("nan")), "chunk_size"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], chunk_size="10"), "chunk_size"),
        (lambda: stemhulp.match_many(QUIZ, [[0, 1, 2]], chunk_size=None), "chunk_size"),
        (lambda: stemhulp.match(QUIZ, {"s1": "agree"}).breakdown("unknown"), "unknown"),
    ]
    for call, name in cases:
        with pytest.raises(StemhulpError) as caught:
            call()
        assert name in str(caught.value), (name, str(caught.value))


def test_unknown_party_is_still_a_key_error() -> None:
    """`MatchResult.entry` promised a KeyError; the StemhulpError it raises now is one too."""
    with pytest.raises(KeyError):
        stemhulp.match(QUIZ, {"s1": "agree"}).entry("paars")
