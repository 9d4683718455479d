"""Choosing parties by municipality."""

from __future__ import annotations

import pytest

import stemhulp
from stemhulp.dialogue.session import municipalities, parties_in

from ..web.web_quiz import web_document


def test_parties_by_municipality():
    quiz = stemhulp.load(web_document())
    assert municipalities(quiz) == ["Aadorp", "Beestad"]
    assert [p.id for p in parties_in(quiz, "Beestad")] == ["c", "d"]
    assert [p.id for p in parties_in(quiz, "beestad")] == ["c", "d"]  # case is ignored
    assert [p.id for p in parties_in(quiz, None)] == ["a", "b", "c", "d"]
    with pytest.raises(KeyError):
        parties_in(quiz, "Cedam")


def test_a_quiz_without_municipalities_has_none(mini):
    document = stemhulp.formats.exchange.quiz_to_exchange(mini)
    for party in document["parties"]:
        party.pop("municipality", None)
    assert municipalities(stemhulp.load(document)) == []
