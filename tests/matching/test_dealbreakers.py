"""Deal-breakers: a party on the other side of one is excluded, listed apart, the statement named."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import stemhulp
from stemhulp.cli.app import app
from stemhulp.matching.matcher import Matcher
from stemhulp.matching.ranking import competition_ranks

from ..helpers import quiz_from_stances
from ..strategies import instances

# A 5-point golden instance, worked by hand (codes: 0 strongly disagree … 2 neutral … 4 strongly agree).
# Statements s0 … s3; parties A … E (columns).
GOLDEN = [
    # A   B   C   D   E
    [3, 1, 2, 4, 0],  # s0: you strongly agree  (deal-breaker) → B (disagree) and E (strongly disagree) are out
    [0, 1, -1, 3, 4],  # s1: you disagree       (deal-breaker) → D (agree) and E (strongly agree) are out
    [4, 0, 4, 0, 2],  # s2: you are neutral     (deal-breaker) → no side: nobody is out
    [3, 3, 1, 3, 3],  # s3: you agree           (not a deal-breaker)
]
GOLDEN_ANSWERS = {"s0": "strongly_agree", "s1": "disagree", "s2": "neutral", "s3": "agree"}


@pytest.fixture
def golden():
    return quiz_from_stances(GOLDEN, scale_size=5)


def test_golden_instance_by_hand(golden):
    """B is out on s0, D on s1, E on both; A (same sides), C (neutral on s0, silent on s1) stay; the
    neutral answer on s2 excludes nobody even though B and D are at the far ends there."""
    result = stemhulp.match(golden, GOLDEN_ANSWERS, dealbreakers=["s0", "s1", "s2"])
    excluded = {e.party: e.excluded_by for e in result.ranking if e.excluded}
    assert excluded == {"p1": ("s0",), "p3": ("s1",), "p4": ("s0", "s1")}
    assert [e.party for e in result.ranking[:2]] == sorted(["p0", "p2"], key=lambda p: -result.entry(p).score)
    assert all(e.rank is not None for e in result.ranking[:2])
    assert all(e.rank is None and not e.ranked for e in result.ranking[2:])
    assert [e.party for e in result.excluded] == [e.party for e in result.ranking[2:]]
    plain = stemhulp.match(golden, GOLDEN_ANSWERS)
    assert {e.party: e.score for e in result.ranking} == {e.party: e.score for e in plain.ranking}
    data = result.to_dict()
    assert data["dealbreakers"] == ["s0", "s1", "s2"]
    assert data["excluded"] == [e.party for e in result.excluded]
    assert {r["party"]: r["excluded_by"] for r in data["results"] if r["excluded_by"]} == {
        "p1": ["s0"],
        "p3": ["s1"],
        "p4": ["s0", "s1"],
    }
    assert {r["unranked_reason"] for r in data["results"] if r["excluded_by"]} == {
        "on the other side of one of your deal-breakers"
    }


def test_the_best_scoring_party_cannot_take_the_top_when_excluded():
    """Party A agrees with you everywhere but one deal-breaker: B, worse on points, is the advice."""
    quiz = quiz_from_stances([[2, 0], [2, 0], [2, 0], [2, 0]])
    answers = {"s0": "agree", "s1": "agree", "s2": "agree", "s3": "disagree"}
    plain = stemhulp.match(quiz, answers)
    assert plain.ranking[0].party == "p0"
    result = stemhulp.match(quiz, answers, dealbreakers=["s3"])
    assert result.ranking[0].party == "p1" and result.ranking[0].rank == 1
    assert result.ranking[1].party == "p0" and result.ranking[1].excluded_by == ("s3",)
    assert result.top_margin() is None  # one ranked party: no margin to a party that is out


def test_even_scale_has_sides_without_a_middle():
    """On a 4-point scale the inner options are on a side: b (mildly against) vs c (mildly for) clash."""
    quiz = quiz_from_stances([[1, 2, 3, -1], [0, 0, 0, 0]], scale_size=4)
    result = stemhulp.match(quiz, {"s0": "c"}, dealbreakers=["s0"])
    assert [e.party for e in result.excluded] == ["p0"]


def test_matcher_and_match_agree(golden):
    matcher = Matcher(golden)
    for marks in ([], ["s0"], ["s0", "s1", "s2"], ["s3"]):
        for parties in (None, ["p1", "p2"]):
            fast = matcher.match(GOLDEN_ANSWERS, dealbreakers=marks, parties=parties)
            slow = stemhulp.match(golden, GOLDEN_ANSWERS, dealbreakers=marks, parties=parties)
            assert fast.to_dict() == slow.to_dict()


def test_unknown_or_malformed_deal_breakers_are_located_errors(golden):
    with pytest.raises(stemhulp.AnswersError, match="dealbreakers.*nope"):
        stemhulp.match(golden, GOLDEN_ANSWERS, dealbreakers=["nope"])
    with pytest.raises(stemhulp.AnswersError, match="dealbreakers must be a list"):
        stemhulp.match(golden, GOLDEN_ANSWERS, dealbreakers="s0")
    with pytest.raises(stemhulp.AnswersError, match="nope"):
        Matcher(golden).match(GOLDEN_ANSWERS, dealbreakers=["nope"])
    codes = np.zeros((2, 4), dtype=int)
    with pytest.raises(stemhulp.MatchError, match="dealbreakers has shape"):
        stemhulp.match_many(golden, codes, dealbreakers=np.zeros((2, 3), dtype=bool))
    with pytest.raises(stemhulp.MatchError, match="unknown main statement id 'x'"):
        stemhulp.match_many(golden, codes, dealbreakers=["x"])


def test_match_many_ids_for_everyone_equal_a_full_mask(golden):
    codes = np.array([[4, 1, 2, 3], [0, 3, -1, 3], [2, 2, 2, 2]])
    by_ids = stemhulp.match_many(golden, codes, dealbreakers=["s0", "s1"], min_coverage=0)
    mask = np.zeros(codes.shape, dtype=bool)
    mask[:, :2] = True
    np.testing.assert_array_equal(by_ids, stemhulp.match_many(golden, codes, dealbreakers=mask, min_coverage=0))
    # Respondent 0 is the golden voter: B, D, E out. Respondent 2 is neutral everywhere: nobody is out.
    np.testing.assert_array_equal(
        stemhulp.excluded_many(golden, codes, ["s0", "s1"])[[0, 2]],
        [[False, True, False, True, True], [False] * 5],
    )


def _side(code: int, k: int) -> float:
    return 0.0 if code < 0 else code / (k - 1) - 0.5


@settings(max_examples=60, deadline=None)
@given(instances(), st.data())
def test_excluded_iff_opposite_side_and_other_scores_unchanged(instance, data):
    """A party is excluded iff on some deal-breaker your answer and its stance lie strictly on opposite
    sides of the middle; excluding never changes any score; the others keep their order and ranks."""
    quiz, stances, _, codes, _ = instance
    k = quiz.scale.size
    marks = np.array(data.draw(st.lists(st.booleans(), min_size=codes.shape[1], max_size=codes.shape[1])))
    expected = np.array(
        [
            [
                any(marks[s] and _side(row[s], k) * _side(stances[s, p], k) < 0 for s in range(len(row)))
                for p in range(stances.shape[1])
            ]
            for row in codes
        ]
    )
    many_marks = np.broadcast_to(marks, codes.shape)
    np.testing.assert_array_equal(stemhulp.excluded_many(quiz, codes, many_marks), expected)
    plain = stemhulp.match_many(quiz, codes, min_coverage=0)
    with_marks = stemhulp.match_many(quiz, codes, dealbreakers=many_marks, min_coverage=0)
    np.testing.assert_array_equal(np.isnan(with_marks), np.isnan(plain) | expected)
    np.testing.assert_array_equal(with_marks[~expected], plain[~expected])

    ids = [s.id for s, mark in zip(quiz.statements, marks, strict=True) if mark]
    words = {s.id: ("skip" if c < 0 else quiz.scale.options[c]) for s, c in zip(quiz.statements, codes[0], strict=True)}
    result = stemhulp.match(quiz, words, dealbreakers=ids, min_coverage=0)
    before = stemhulp.match(quiz, words, min_coverage=0)
    assert {e.party: e.score for e in result.ranking} == {e.party: e.score for e in before.ranking}
    out = {p.id for p, x in zip(quiz.parties, expected[0], strict=True) if x}
    assert {e.party for e in result.excluded} == out
    assert all(e.rank is None for e in result.excluded)
    assert [e.party for e in result.ranking[len(result.ranking) - len(out) :]] == [e.party for e in result.excluded]
    kept = [e for e in before.ranking if e.party not in out and e.rank is not None]
    ranks = dict((kept[i].party, r) for i, r in competition_ranks([e.score for e in kept], [e.name for e in kept]))
    assert {e.party: e.rank for e in result.ranking if e.rank is not None} == ranks
    assert Matcher(quiz).match(words, dealbreakers=ids, min_coverage=0).to_dict() == result.to_dict()


def test_match_json_through_the_cli(golden, tmp_path):
    source = tmp_path / "quiz.json"
    source.write_text(json.dumps(stemhulp_export(golden)), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "answers: {s0: strongly_agree, s1: disagree, s2: neutral, s3: agree}\ndealbreakers: [s0, s1, s2]\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    done = runner.invoke(app, ["match", str(source), "--answers", str(answers), "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["dealbreakers"] == ["s0", "s1", "s2"]
    assert set(data["excluded"]) == {"p1", "p3", "p4"}
    table = runner.invoke(app, ["match", str(source), "--answers", str(answers), "--lang", "en"])
    assert table.exit_code == 0, table.output
    text = " ".join(table.stdout.split())
    assert "Excluded by your deal-breakers" in text
    assert "Partij E: on the other side of your deal-breaker statement 1 (Stelling 0 — you: strongly agree" in text
    assert "Your deal-breaker on statement 3 excludes nobody" in text
    answers.write_text("answers: {s0: agree}\ndealbreakers: [s9]\n", encoding="utf-8")
    bad = runner.invoke(app, ["match", str(source), "--answers", str(answers)])
    assert bad.exit_code != 0
    assert "answers.yaml:2" in bad.output and "s9" in bad.output and "Traceback" not in bad.output


def stemhulp_export(quiz):
    from stemhulp.formats.exchange import quiz_to_exchange

    return quiz_to_exchange(quiz)


def test_answers_file_round_trip(golden, tmp_path):
    from stemhulp.formats.answers import AnswerSet, read_answers, write_answers

    path = tmp_path / "a.json"
    write_answers(path, AnswerSet(GOLDEN_ANSWERS, ("s3",), None, {"quiz": "t"}, ("s1", "s0")))
    back = read_answers(path, golden)
    assert back.dealbreakers == ("s1", "s0") and back.important == ("s3",)
    assert json.loads(path.read_text())["dealbreakers"] == ["s1", "s0"]
    write_answers(path, AnswerSet(GOLDEN_ANSWERS))
    assert "dealbreakers" not in json.loads(path.read_text())  # files without any stay as they were


def test_no_marks_no_change(golden):
    assert not math.isnan(stemhulp.match(golden, GOLDEN_ANSWERS, dealbreakers=[]).ranking[0].score)
    assert stemhulp.match(golden, GOLDEN_ANSWERS, dealbreakers=[]).to_dict() == {
        **stemhulp.match(golden, GOLDEN_ANSWERS).to_dict()
    }


def test_json_api_takes_dealbreakers_and_its_openapi_describes_them():
    pytest.importorskip("starlette")
    jsonschema = pytest.importorskip("jsonschema")
    from stemhulp.web import create_app

    from ..web.test_api import make_client
    from ..web.web_quiz import web_document

    quiz = stemhulp.load(web_document())
    client = make_client(create_app(quiz), raise_server_exceptions=False)
    document = {"answers": {"s1": "eens", "s3": "oneens"}, "dealbreakers": ["s1"]}
    response = client.post("/api/v1/match", json=document)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == stemhulp.match(quiz, document["answers"], dealbreakers=["s1"]).to_dict()
    assert body["excluded"] == ["c"] and body["results"][-1]["excluded_by"] == ["s1"]
    assert body["results"][-1]["rank"] is None
    spec = client.get("/api/v1/openapi.json").json()
    assert "dealbreakers" in spec["components"]["schemas"]["Answers"]["properties"]
    jsonschema.validate(body, {"$ref": "#/components/schemas/MatchResult", "components": spec["components"]})
    jsonschema.validate(document, {"$ref": "#/components/schemas/Answers", "components": spec["components"]})
    for bad, fragment in ((["zz"], "unknown statement id 'zz'"), ("s1", "must be a list of")):
        response = client.post("/api/v1/match", json={"answers": {}, "dealbreakers": bad})
        assert response.status_code == 422 and "Traceback" not in response.text
        assert any(fragment in p and "dealbreakers" in p for p in response.json()["problems"]), response.text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_result_documents_list_the_excluded_apart(golden, lang):
    from stemhulp.dialogue.documents import render
    from stemhulp.quiz.answers import AnswerSet

    answers = AnswerSet(GOLDEN_ANSWERS, (), None, {}, ("s0", "s1", "s2"))
    result = stemhulp.match(golden, answers.answers, dealbreakers=answers.dealbreakers)
    data = json.loads(render(result, golden, answers, fmt="json", lang=lang))
    assert [row["party"] for row in data["ranking"]] == ["p0", "p2"] or [row["party"] for row in data["ranking"]] == [
        "p2",
        "p0",
    ]
    assert [e["party"] for e in data["excluded"]] == [e.party for e in result.excluded]
    assert data["answers"]["dealbreakers"] == ["s0", "s1", "s2"]
    title = "Uitgesloten door je breekpunten" if lang == "nl" else "Excluded by your deal-breakers"
    mark = "breekpunt" if lang == "nl" else "deal-breaker"
    for fmt in ("html", "md"):
        page = render(result, golden, answers, fmt=fmt, lang=lang)
        assert title in page and (f"({mark})" if fmt == "html" else f"\\({mark}\\)") in page
        ranking_part, excluded_part = page.split(title, 1)
        excluded_part = excluded_part.split("<h2" if fmt == "html" else "\n## ", 1)[0]
        for name in ("Partij B", "Partij D", "Partij E"):
            assert name in excluded_part
            assert f">{name}<" not in ranking_part and f"| {name} |" not in ranking_part
        statement_word = "stelling 1" if lang == "nl" else "statement 1"
        assert statement_word in excluded_part and "Stelling 0" in excluded_part


def test_piped_quiz_marks_deal_breakers_on_the_important_line(runner, mini_path, tmp_path):
    """ "2 !1": statement 2 counts double, statement 1 is a deal-breaker; Rood (agrees on 1) is out."""
    save = tmp_path / "mine.json"
    lines = ["o", "e", "e", "!x", "2 !1", ""]
    done = runner.invoke(
        app, ["quiz", str(mini_path), "--save", str(save)], input="".join(f"{line}\n" for line in lines)
    )
    assert done.exit_code == 0, done.output
    out = " ".join(done.stdout.split())
    assert "Uitgesloten door je breekpunten" in out
    assert "Partij Rood: staat aan de andere kant van je breekpunt stelling 1" in out
    ranking, excluded = out.split("Uitgesloten door je breekpunten", 1)
    assert "Partij Rood" not in ranking.split("Jouw uitslag", 1)[1]
    saved = json.loads(save.read_text())
    assert saved["dealbreakers"] == ["s1"] and saved["important"] == ["s2"]
    again = runner.invoke(app, ["match", str(mini_path), "--answers", str(save), "--json"])
    assert json.loads(again.stdout)["excluded"] == ["rood"]
    english = runner.invoke(
        app,
        ["quiz", str(mini_path), "--lang", "en", "--save", str(tmp_path / "en.json")],
        input="".join(f"{line}\n" for line in ["o", "e", "e", "!1", ""]),
    )
    assert "Partij Rood: on the other side of your deal-breaker statement 1" in " ".join(english.stdout.split())


def test_simulate_with_deal_breakers_opposite_parties():
    """Two parties opposite on every statement, everyone marks one deal-breaker on a side: exactly one
    of the two is excluded for each user, the other is their top advice; reproducible across chunks."""
    from stemhulp.simulate import simulate

    quiz = quiz_from_stances([[2, 0], [2, 0], [0, 2], [2, 0], [0, 2]])
    report = simulate(quiz, 3000, model="uniform", seed=7, dealbreakers=1.0, min_coverage=0).to_dict()
    used = report["dealbreakers"]
    assert (
        report["parameters"]["dealbreakers"] == 1.0
        and "uniformly at random" in report["parameters"]["dealbreaker_choice"]
    )
    assert used["respondents"] > 2900  # only those who answered every statement neutral mark none
    assert sum(used["excluded_share"].values()) == pytest.approx(used["share"], abs=1e-12)
    assert report["unranked_share"]["p0"] >= used["excluded_share"]["p0"]
    chunked = simulate(quiz, 3000, model="uniform", seed=7, dealbreakers=1.0, min_coverage=0, chunk_size=97)
    assert chunked.to_dict()["dealbreakers"] == used and chunked.to_dict()["top_share"] == report["top_share"]


def test_simulate_without_deal_breakers_is_unchanged():
    from stemhulp.simulate import simulate

    quiz = quiz_from_stances(GOLDEN, scale_size=5)
    plain = simulate(quiz, 500, model="party", seed=3).to_dict()
    zero = simulate(quiz, 500, model="party", seed=3, dealbreakers=0.0).to_dict()
    assert plain["dealbreakers"] is None and plain == zero
    some = simulate(quiz, 500, model="party", seed=3, dealbreakers=0.3).to_dict()
    assert 0.2 < some["dealbreakers"]["share"] < 0.4
    assert some["top_share"] != plain["top_share"]


def test_simulate_cli_option(runner, tmp_path, golden):
    source = tmp_path / "quiz.json"
    source.write_text(json.dumps(stemhulp_export(golden)), encoding="utf-8")
    done = runner.invoke(
        app, ["simulate", str(source), "--respondents", "400", "--seed", "1", "--dealbreakers", "0.5", "--json"]
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["dealbreakers"]["respondents"] > 0
    text = runner.invoke(app, ["simulate", str(source), "--respondents", "400", "--seed", "1", "--dealbreakers", "0.5"])
    assert text.exit_code == 0 and "marked one" in " ".join(text.stdout.split())
    bad = runner.invoke(app, ["simulate", str(source), "--dealbreakers", "2"])
    assert bad.exit_code != 0 and "--dealbreakers" in bad.output
