"""Words for quiz takers live as registry fields (methods, policies, party flags, unranked reasons) in
both languages; each entry says them (`label(lang)`), and an entry without its words is refused."""

from __future__ import annotations

import pytest

from stemhulp.dialogue.notes import flag_words, unranked_reason
from stemhulp.matching.methods import METHODS, MISSING_POLICIES
from stemhulp.matching.results import Coverage, RankEntry
from stemhulp.matching.unranked import NOTHING_TO_COMPARE, UNRANKED_REASONS, UnrankedReason
from stemhulp.quiz.profiles import FLAG_REGISTRY, Flag, PartyProfile
from stemhulp.texts.i18n import LANGUAGES


def test_every_method_and_policy_has_words_in_both_languages():
    for method in METHODS:
        assert method.label_nl.strip() and method.label_en.strip(), method.name
        assert method.label("nl") != method.name and method.label("en") != method.name
    for policy in MISSING_POLICIES:
        assert policy.clause_in("nl").strip() and policy.clause_in("en").strip(), policy.name
        assert policy.clause_in("nl") != policy.clause_in("en"), policy.name


@pytest.mark.parametrize("registry", [FLAG_REGISTRY, UNRANKED_REASONS], ids=["flags", "unranked reasons"])
def test_every_entry_has_words_in_each_language_of_the_table(registry):
    for entry in registry:
        for lang in LANGUAGES:
            assert getattr(entry, f"label_{lang}").strip(), (entry.code, lang)
        assert entry.label_nl != entry.label_en, entry.code  # the Dutch words are not the English ones


def test_an_entry_says_its_words_in_each_language_and_dutch_for_an_unknown_one():
    for lang in LANGUAGES:
        for entry in (*FLAG_REGISTRY, *UNRANKED_REASONS):
            assert entry.label(lang) == getattr(entry, f"label_{lang}")
    for entry in (*FLAG_REGISTRY, *UNRANKED_REASONS):
        assert entry.label("de") == entry.label_nl


@pytest.mark.parametrize("kind", [Flag, UnrankedReason])
@pytest.mark.parametrize("missing", ["label_nl", "label_en"])
def test_an_entry_missing_a_word_is_refused(kind, missing):
    fields = {"code": "new_one", "label_nl": "nieuw", "label_en": "new"}
    fields["meaning" if kind is Flag else "reason"] = "a new one"
    fields[missing] = ""
    with pytest.raises(ValueError, match=missing):
        kind(**fields)


def test_every_flag_a_profile_raises_is_in_the_registry():
    # one stance everywhere, no side on all, silent on most: every flag at once
    profile = PartyProfile("p", statements=4, stances=1, neutral=1, same_option="neither")
    assert set(profile.flags) == {flag.code for flag in FLAG_REGISTRY}
    for lang in ("nl", "en"):
        words = flag_words(profile.flags, lang)
        assert all(w and "_" not in w for w in words)
    assert flag_words(profile.flags, "nl") != flag_words(profile.flags, "en")


def test_unranked_reasons_in_words_and_in_json():
    cover = Coverage(answered=4, with_stance=1)
    few = RankEntry("p", "P", 40.0, None, cover, ranked=False)
    nothing = RankEntry("q", "Q", None, None, cover, ranked=False)
    assert few.to_dict()["unranked_reason"] == "too few stances on your answers"
    assert nothing.to_dict()["unranked_reason"] == "nothing to compare"
    assert unranked_reason(few, "nl") == "te weinig standpunten bij jouw antwoorden"
    assert unranked_reason(nothing, "nl") == "niet te vergelijken"
    assert unranked_reason(few, "en") == "too few stances on your answers"
    assert NOTHING_TO_COMPARE.label("nl") == "niet te vergelijken"
