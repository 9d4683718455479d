"""The Hypothesis strategies of the test suite, in one place: random quizzes with answers.

`instances` draws a quiz from stance codes (any scale of 2–5 points, missing stances, salience)
and a batch of coded answers with weights, for the engine's properties; `cases` draws a whole
`stemhulp/1` document (themes, tie-break statements, quotes) and one person's answers, important
statements and party choice, for the public API and the prepared `Matcher`.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

import stemhulp
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.quiz.scale import FIVE_POINT, THREE_POINT

from .helpers import quiz_from_stances

SCALES = {2: ["no", "yes"], 3: list(THREE_POINT), 5: list(FIVE_POINT)}


@st.composite
def instances(draw, scale_sizes=(2, 3, 4, 5)):
    """A random quiz (stances, salience) and a batch of answers with weights."""
    k = draw(st.sampled_from(scale_sizes))
    n_statements = draw(st.integers(1, 7))
    n_parties = draw(st.integers(1, 4))
    n_respondents = draw(st.integers(1, 5))
    option = st.integers(-1, k - 1)
    stances = draw(
        st.lists(st.lists(option, min_size=n_parties, max_size=n_parties), min_size=n_statements, max_size=n_statements)
    )
    salience = draw(
        st.lists(
            st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]), min_size=n_parties, max_size=n_parties),
            min_size=n_statements,
            max_size=n_statements,
        )
    )
    codes = draw(
        st.lists(
            st.lists(option, min_size=n_statements, max_size=n_statements),
            min_size=n_respondents,
            max_size=n_respondents,
        )
    )
    weights = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=n_statements, max_size=n_statements))
    quiz = quiz_from_stances(stances, k, salience)
    stances = [[quiz.stance_code(p.id, s.id) for p in quiz.parties] for s in quiz.statements]
    return quiz, np.array(stances), np.array(salience), np.array(codes), np.array(weights)


@st.composite
def cases(draw):
    """A random quiz with themes, tie-break statements, missing stances and salience, and one
    person's answers, important statements and party choice."""
    k = draw(st.sampled_from(sorted(SCALES)))
    scale = SCALES[k]
    n_main, n_tie, n_parties = draw(st.integers(1, 6)), draw(st.integers(0, 2)), draw(st.integers(1, 4))
    themes = draw(
        st.lists(st.sampled_from(["Zorg", "Wonen", "Werk"]), min_size=n_main + n_tie, max_size=n_main + n_tie)
    )
    ids = [f"s{i}" for i in range(n_main)] + [f"t{i}" for i in range(n_tie)]
    stance = st.one_of(st.none(), st.sampled_from(scale))
    positions = [
        {
            "party": f"p{p}",
            "statement": sid,
            "position": draw(stance),
            "weight": draw(st.sampled_from([0.0, 1.0, 2.0, 3.0])),
            "quote": draw(st.none() | st.just("q")),
            "source": None,
        }
        for p in range(n_parties)
        for sid in ids
    ]
    for p in range(n_parties):  # a valid quiz: every party takes at least one stance
        positions[p * len(ids)]["position"] = scale[0]
    document = {
        "format": "stemhulp/1",
        "id": "t",
        "title": "T",
        "scale": scale,
        "statements": [{"id": sid, "theme": themes[i], "text": sid} for i, sid in enumerate(ids[:n_main])],
        "tiebreak_statements": [
            {"id": sid, "theme": themes[n_main + i], "text": sid} for i, sid in enumerate(ids[n_main:])
        ],
        "parties": [
            {"id": f"p{p}", "name": draw(st.sampled_from(["Alfa", "Beta", "Gamma"])) + str(p % 2)}
            for p in range(n_parties)
        ],
        "positions": positions,
    }
    quiz = stemhulp.load(document)
    words = st.sampled_from([*scale, "skip", "overslaan"] + (["eens", "oneens", "neutraal"] if k == 3 else []))
    answers = draw(st.dictionaries(st.sampled_from(ids), words))
    important = draw(st.lists(st.sampled_from(ids), max_size=3))
    parties = draw(st.none() | st.lists(st.sampled_from([f"p{p}" for p in range(n_parties)]), min_size=1, max_size=4))
    method = draw(st.sampled_from([m.name for m in METHODS if m.fits(k)]))
    missing = draw(st.sampled_from([p.name for p in MISSING_POLICIES]))
    return quiz, answers, important, parties, method, missing, draw(st.booleans())
