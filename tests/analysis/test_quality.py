"""`stemhulp check`: every measure and flag on small quizzes worked out by hand, the CLI, real data."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import stemhulp
from stemhulp.analysis.quality import THRESHOLDS, CheckError, Redundancy, check, parse_thresholds, resolve_thresholds
from stemhulp.cli.app import app
from stemhulp.formats.exchange import quiz_to_exchange
from tests.paths import REFERENCE

from ..helpers import quiz_from_stances

REFERENCE = REFERENCE
runner = CliRunner()

# Codes: 0 disagree, 1 neutral, 2 agree, -1 no stance. Rows are statements, columns parties p0…p3.
# The hand-worked figures (canonical margins 12.5, …) are cityblock's: pin it, whatever the default.
CITYBLOCK = ["-m", "cityblock"]

HAND = [
    [2, 0, 1, 2],  # s0: both sides
    [2, 2, 1, -1],  # s1: nobody disagrees (one-sided)
    [2, -1, -1, -1],  # s2: one stance only (and one-sided)
    [0, 2, 1, 0],  # s3: the mirror image of s0
]


@pytest.fixture(scope="module")
def hand():
    return check(quiz_from_stances(HAND), respondents=0, method="cityblock")  # worked by hand for cityblock


def by_id(records):
    return {r.id: r for r in records}


def test_statement_counts_and_discrimination(hand):
    s0 = by_id(hand.statements)["s0"]
    assert (s0.stances, s0.agree, s0.neutral, s0.disagree) == (4, 2, 1, 1)
    # Options held: agree ×2, neutral, disagree: 6 pairs, 1 of them the same → 5/6 separated;
    # agree × disagree pairs: 2 of 6 opposed.
    assert s0.separated == pytest.approx(5 / 6)
    assert s0.opposed == pytest.approx(2 / 6)
    # Coordinates 0.5, -0.5, 0, 0.5: mean 0.125, variance 0.6875 / 4.
    assert s0.variance == pytest.approx(0.171875)
    assert s0.flags == ("redundant",)


def test_one_sided_and_few_stances(hand):
    statements = by_id(hand.statements)
    assert statements["s1"].flags == ("one_sided",)
    assert statements["s2"].flags == ("few_stances", "one_sided")
    assert statements["s2"].separated is None  # no pair of parties with a stance
    assert hand.summary["one_sided"] == 2 and hand.summary["two_sided"] == 2


def test_mirror_image_is_a_redundant_pair(hand):
    statements = by_id(hand.statements)
    assert statements["s0"].redundant == (Redundancy("s3", "mirror", 1.0, 4),)
    assert statements["s3"].redundant == (Redundancy("s0", "mirror", 1.0, 4),)
    assert statements["s1"].redundant == ()  # with s0 only 2 of 3 common parties agree
    assert hand.summary["redundant_pairs"] == 1


def test_near_duplicate_needs_ninety_percent_and_variation():
    ten = [
        [2, 2, 2, 2, 2, 0, 0, 0, 0, 0],
        [2, 2, 2, 2, 2, 0, 0, 0, 0, 1],  # one party of ten differs: 90% the same
        [2, 2, 2, 2, 1, 0, 0, 0, 1, 1],  # three differ from s0: 70%
        [2] * 10,
        [2] * 9 + [-1],
    ]  # one-sided and identical: says nothing, not redundant
    statements = by_id(check(quiz_from_stances(ten), respondents=0).statements)
    assert statements["s0"].redundant == (Redundancy("s1", "same", 0.9, 10),)
    assert "redundant" not in statements["s2"].flags
    assert statements["s3"].redundant == () and statements["s4"].redundant == ()


def test_party_profiles(hand):
    parties = by_id(hand.parties)
    p0 = parties["p0"]  # agree, agree, agree, disagree
    assert (p0.stances, p0.stance_share, p0.agree, p0.neutral, p0.disagree) == (4, 1.0, 3, 0, 1)
    assert p0.acquiescence == pytest.approx((0.5 * 3 - 0.5) / 4)
    assert p0.neutral_share == 0 and p0.flags == ()
    p2 = parties["p2"]  # neutral on all three of its stances
    assert p2.flags == ("constant", "mostly_neutral") and p2.acquiescence == 0
    p3 = parties["p3"]  # stances on 2 of 4: exactly the limit, not below it
    assert p3.stance_share == 0.5 and "mostly_silent" not in p3.flags
    stricter = by_id(check(quiz_from_stances(HAND), respondents=0, thresholds={"min_party_stance_share": 0.6}).parties)
    assert stricter["p3"].flags == ("mostly_silent",)


def test_canonical_respondents_worked_by_hand(hand):
    # cityblock (the fixture's method), no stance = neutral. All agree: p0 terms 0,0,0,1 → 75; p1 1,0,.5,0 → 62.5;
    # p2 .5 ×4 → 50; p3 0,.5,.5,1 → 50. All neutral: p2 100, p3 75, p1 62.5, p0 50.
    # All disagree: p0 25, p1 37.5, p2 and p3 50 (a tie: margin 0).
    agree, neutral, disagree = hand.canonical
    assert (agree.pattern, agree.option, agree.top, agree.score, agree.margin) == (
        "agree",
        "agree",
        ("p0",),
        75.0,
        12.5,
    )
    assert agree.scores == {"p0": 75.0, "p1": 62.5, "p2": 50.0, "p3": 50.0}
    assert (neutral.top, neutral.score, neutral.margin) == (("p2",), 100.0, 25.0)
    assert (disagree.top, disagree.score, disagree.margin) == (("p2", "p3"), 50.0, 0.0)


def test_failures_name_the_threshold_value_and_items(hand):
    got = {f.threshold: (f.value, f.limit, f.items) for f in hand.failures}
    assert got == {
        "min_stances": (1, 2, ("s2",)),
        "max_valence_share": (0.5, 0.2, ("s1", "s2")),
        "max_constant_parties": (1, 0, ("p2",)),
        # Only the keyed patterns count: all-neutral's 25-point lead for p2 is not a failure.
        "max_canonical_margin": (12.5, 5, ("agree",)),
    }
    assert hand.not_evaluated == ("max_bias_ratio",) and not hand.passed


def test_thresholds_can_be_relaxed_until_the_quiz_passes():
    report = check(
        quiz_from_stances(HAND),
        method="cityblock",  # the method of the hand-worked margins above
        respondents=0,
        thresholds={
            "min_stances": 1,
            "max_valence_share": 0.5,
            "max_constant_parties": 1,
            "max_canonical_margin": 12.5,
        },
    )
    assert report.passed and report.failures == ()


def test_null_model_worked_by_hand():
    # Cityblock. One statement: p0 neutral, p1 agree. A random respondent who agrees gets p1
    # (100 vs 50); neutral gets p0 (100 vs 50); disagree gets p0 (50 vs 0). So p0's top share
    # is 2/3, its bias ratio 4/3.
    report = check(quiz_from_stances([[1, 2]]), respondents=6000, seed=3, method="cityblock")
    model = report.null_model
    low, high = model.top_share_interval["p0"]
    assert low < 2 / 3 < high
    assert model.bias_ratio["p0"] == pytest.approx(model.top_share["p0"] * 2)
    assert model.bias_ratio_interval["p0"] == pytest.approx([low * 2, high * 2])
    assert model.tie_rate == 0
    assert "max_bias_ratio" not in {f.threshold for f in report.failures}
    strict = check(
        quiz_from_stances([[1, 2]]), respondents=6000, seed=3, method="cityblock", thresholds={"max_bias_ratio": 1.2}
    )
    assert [(f.threshold, f.items) for f in strict.failures if f.threshold == "max_bias_ratio"] == [
        ("max_bias_ratio", ("p0",))
    ]


def test_null_model_equals_the_simulator():
    from stemhulp.simulate import simulate

    quiz = quiz_from_stances(HAND)
    report = check(quiz, respondents=3000, seed=7)
    expected = simulate(quiz, 3000, seed=7, influence_sample=0, tau_sample=0).to_dict()
    assert dict(report.null_model.top_share) == expected["top_share"]
    assert dict(report.null_model.bias_ratio) == expected["bias_ratio"]


def test_wording_hints():
    quiz = quiz_from_stances([[2, 0], [0, 2], [2, 1]])
    texts = [
        "De gemeente bouwt meer woningen en verlaagt de huren.",
        "De bus blijft rijden, zodat ouderen mobiel blijven.",
        " ".join(["woord"] * 21),
    ]
    quiz = attrs.evolve(quiz, statements=[attrs.evolve(s, text=t) for s, t in zip(quiz.statements, texts, strict=True)])
    statements = by_id(check(quiz, respondents=0).statements)
    assert statements["s0"].joiners == ("en",) and "double_barrelled" in statements["s0"].flags
    assert statements["s1"].joiners == ("zodat",)
    assert statements["s2"].words == 21 and statements["s2"].joiners == () and "long" in statements["s2"].flags
    assert "long" not in statements["s0"].flags  # 9 words


def test_tie_break_statements_are_checked_but_not_in_the_party_profile():
    document = quiz_to_exchange(quiz_from_stances(HAND))
    document["tiebreak_statements"] = [{"id": "t1", "theme": "Extra", "text": "Nog een stelling."}]
    document["positions"].append(
        {"party": "p0", "statement": "t1", "position": "agree", "weight": 1.0, "quote": None, "source": None}
    )
    report = check(stemhulp.load(document), respondents=0)
    t1 = by_id(report.statements)["t1"]
    assert (t1.tiebreak, t1.number, t1.stances, t1.flags) == (True, 1, 1, ("few_stances", "one_sided"))
    assert by_id(report.parties)["p0"].stances == 4  # main statements only
    assert report.summary["one_sided_share"] == 0.5  # of the main statements


def test_the_library_defaults_are_used():
    report = stemhulp.check(quiz_from_stances(HAND), respondents=0)
    assert (report.method, report.missing) == (stemhulp.DEFAULT_METHOD, stemhulp.DEFAULT_MISSING)
    assert report.thresholds == {t.name: float(t.default) for t in THRESHOLDS}


def test_command_defaults_are_the_library_defaults():
    import inspect

    from stemhulp.analysis.quality import DEFAULT_RESPONDENTS, DEFAULT_SEED
    from stemhulp.cli import check as command

    parameters = inspect.signature(command.check).parameters
    assert (parameters["respondents"].default, parameters["seed"].default) == (DEFAULT_RESPONDENTS, DEFAULT_SEED)


def test_bad_requests_are_check_errors():
    with pytest.raises(CheckError, match="threshold 'max_bias': unknown"):
        resolve_thresholds({"max_bias": 2})
    with pytest.raises(CheckError, match="'max_valence_share': must be a share between 0 and 1, got '1.5'"):
        resolve_thresholds({"max_valence_share": "1.5"})
    with pytest.raises(CheckError, match="must be a non-negative number, got 'veel'"):
        resolve_thresholds({"max_bias_ratio": "veel"})
    with pytest.raises(CheckError, match="'min_stances': must be a whole number of at least 0, got '2.5'"):
        resolve_thresholds({"min_stances": "2.5"})
    with pytest.raises(CheckError, match="expected NAME=VALUE"):
        parse_thresholds(["max_bias_ratio"])
    assert parse_thresholds(["max-bias-ratio = 1.5"]) == {"max_bias_ratio": "1.5"}
    with pytest.raises(CheckError, match="respondents must be a whole number"):
        check(quiz_from_stances(HAND), respondents=-1)
    with pytest.raises(stemhulp.MatchError, match="unknown method"):
        check(quiz_from_stances(HAND), method="nope")


stance = st.integers(min_value=-1, max_value=2)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6).flatmap(lambda p: st.lists(st.lists(stance, min_size=p, max_size=p), min_size=1, max_size=7)))
def test_invariants(stances):
    report = check(quiz_from_stances(stances), respondents=0)
    ids = {s.id for s in report.statements}
    for s in report.statements:
        assert s.agree + s.neutral + s.disagree == s.stances
        assert ("one_sided" in s.flags) == (s.stances > 0 and (s.agree == 0 or s.disagree == 0))
        assert s.separated is None or 0 <= s.separated <= 1
        assert s.opposed is None or 0 <= s.opposed <= (s.separated or 0) + 1e-12
        for r in s.redundant:  # symmetric
            assert r.statement in ids and any(
                b.statement == s.id for b in by_id(report.statements)[r.statement].redundant
            )
    for p in report.parties:
        assert p.acquiescence is None or -0.5 <= p.acquiescence <= 0.5
    for c in report.canonical:
        assert c.margin is None or c.margin >= 0


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def hand_file(tmp_path: Path) -> Path:
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz_from_stances(HAND))), encoding="utf-8")
    return path


def test_cli_text_is_dutch_with_the_verdict_first(hand_file: Path):
    result = runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "-n", "0"])
    assert result.exit_code == 0  # not --strict
    lines = result.output.splitlines()
    assert lines[0] == "Kwaliteitscontrole: T (t)"
    assert lines[2] == "Oordeel: niet geslaagd — 4 van de 6 drempels overschreden:"
    assert "  ✗ eenzijdige stellingen: 50% van de hoofdstellingen (2); maximaal 20% [max_valence_share]" in lines[3:8]
    assert "  alles eens       Partij A 75.0, voorsprong 12.5" in lines
    assert "Nulmodel: niet gesimuleerd (--respondents 0)." in lines


def test_cli_text_in_english(hand_file: Path):
    result = runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "-n", "500", "--lang", "en"])
    assert result.exit_code == 0
    assert "Verdict: not passed — 4 of the 6 thresholds crossed:" in result.output
    assert "Null model: 500 random respondents (uniform, seed 1)" in result.output
    assert "  all disagree     Partij C, Partij D 50.0, lead 0.0" in result.output


def test_cli_json_is_the_library_document(hand_file: Path):
    result = runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "--json", "-n", "300", "--seed", "5"])
    assert result.exit_code == 0
    document = json.loads(result.output)
    expected = check(stemhulp.load(hand_file), method="cityblock", respondents=300, seed=5).to_dict()
    assert document == json.loads(json.dumps(expected))
    assert set(document) >= {
        "quiz",
        "passed",
        "failures",
        "thresholds",
        "summary",
        "statements",
        "parties",
        "canonical",
        "null_model",
    }


def test_cli_strict_exit_codes(hand_file: Path):
    assert runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "-n", "0", "--strict"]).exit_code == 1
    relaxed = [
        "-t",
        "min_stances=1",
        "-t",
        "max_valence_share=0.5",
        "-t",
        "max_constant_parties=1",
        "--threshold",
        "max_canonical_margin=12.5",
    ]
    result = runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "-n", "0", "--strict", *relaxed])
    assert result.exit_code == 0, result.output
    assert "Oordeel: geslaagd — geen van de 6 drempels overschreden." in result.output
    strict_json = runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "-n", "0", "--strict", "--json"])
    assert strict_json.exit_code == 1 and json.loads(strict_json.output)["passed"] is False


def test_cli_errors_are_one_line_each(hand_file: Path, tmp_path: Path):
    result = runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "-t", "max_bias=2", "-t", "min_stances=-1"])
    assert result.exit_code == 1
    assert "error: threshold 'max_bias': unknown; choose one of" in result.output
    assert "error: threshold 'min_stances': must be a whole number of at least 0, got '-1'" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["check", str(tmp_path / "gone.json")])
    assert missing.exit_code == 1 and "no such file or directory" in missing.output
    assert runner.invoke(app, ["check", str(hand_file), *CITYBLOCK, "--lang", "de"]).exit_code == 2


# --- real data ------------------------------------------------------------------------------------


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared reference data not present")
def test_real_wahlomat_and_municipal_quizzes():
    # Under cityblock the all-neutral party is favoured (the case that made directional the default).
    europe = check(stemhulp.load(REFERENCE / "wahlomat" / "2019-europa"), respondents=2000, method="cityblock")
    assert (europe.summary["statements"], europe.summary["parties"]) == (38, 40)
    assert europe.summary["one_sided"] == 0  # every Wahl-O-Mat thesis divides the parties
    favoured = {f.threshold: f.items for f in europe.failures}.get("max_bias_ratio", ())
    lows = [europe.null_model.bias_ratio_interval[p][0] for p in favoured]
    assert favoured and all(low > 2 for low in lows) and lows == sorted(lows, reverse=True)
    utrecht = check(stemhulp.load(REFERENCE / "municipal-vote-guide" / "utrecht"), respondents=0)
    assert utrecht.summary["parties"] == 20 and len(utrecht.canonical) == 3


def test_the_bundled_quiz_can_be_checked():
    quiz = stemhulp.load()
    report = check(quiz, respondents=500)
    assert report.summary["statements"] == len(quiz.statements)
    assert len(report.statements) == len(quiz.statements) + len(quiz.tiebreak_statements)
    assert set(report.null_model.top_share) == {p.id for p in quiz.parties}


# --- accepted crossings (`check.accepted` in the quiz header) --------------------------------------

# HAND's crossings under the defaults with -n 0: min_stances 1, max_valence_share 0.5,
# max_constant_parties 1, max_canonical_margin 12.5.
WHY = "Gemeten en besproken in het codeboek, §12."


def _declared(tmp_path: Path, *accepted: tuple[str, float], name: str = "accepted.json") -> Path:
    document = quiz_to_exchange(quiz_from_stances(HAND))
    document["check"] = {"accepted": [{"threshold": t, "value": v, "reason": f"{WHY} ({t})"} for t, v in accepted]}
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


ALL_FOUR = (("min_stances", 1), ("max_valence_share", 0.5), ("max_constant_parties", 1), ("max_canonical_margin", 12.5))


def test_accepted_crossings_pass_strict_and_show_their_reasons(tmp_path: Path):
    path = _declared(tmp_path, *ALL_FOUR)
    report = check(stemhulp.load(path), method="cityblock", respondents=0)
    assert report.passed and report.failures == ()
    assert [(a.threshold, a.value, a.accepted, a.reason) for a in report.accepted] == [
        (t, pytest.approx(v), v, f"{WHY} ({t})") for t, v in ALL_FOUR
    ]
    assert report.accepted[1].items == ("s1", "s2") and report.not_needed == ()
    result = runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--strict"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2] == "Oordeel: geslaagd, met 4 aanvaarde overschrijdingen (zie de redenen):"
    assert (
        "  ~ eenzijdige stellingen: 50% van de hoofdstellingen (2); maximaal 20% [max_valence_share]; aanvaard tot 50%"
        in lines
    )
    assert f"      reden: {WHY} (max_valence_share)" in lines
    assert not any(line.startswith("  ✗") for line in lines)
    english = runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--strict", "--lang", "en"])
    assert english.exit_code == 0
    assert "Verdict: passed, with 4 accepted crossings (see the reasons):" in english.output
    assert f"      reason: {WHY} (max_canonical_margin)" in english.output


def test_one_accepted_crossing_among_failures(tmp_path: Path):
    result = runner.invoke(app, ["check", str(_declared(tmp_path, ("max_valence_share", 0.5))), "-n", "0", "--strict"])
    assert result.exit_code == 1
    assert "Oordeel: niet geslaagd — 3 van de 6 drempels overschreden, daarnaast 1 aanvaarde overschrijding:" in (
        result.output
    )
    assert "[max_valence_share]; aanvaard tot 50%" in result.output


def test_worse_than_accepted_fails_naming_both_values(tmp_path: Path):
    path = _declared(tmp_path, *ALL_FOUR[:3], ("max_canonical_margin", 10))
    result = runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--strict"])
    assert result.exit_code == 1
    assert "Oordeel: niet geslaagd — 1 van de 6 drempels overschreden, daarnaast 3 aanvaarde overschrijdingen:" in (
        result.output
    )
    assert "maximaal 5 punten voorsprong [max_canonical_margin]; aanvaard tot 10, gemeten 12.5" in result.output
    english = runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--strict", "--lang", "en"])
    assert "[max_canonical_margin]; accepted up to 10, measured 12.5" in english.output
    document = json.loads(runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--json"]).output)
    assert document["passed"] is False
    assert [(f["threshold"], f["value"], f["accepted_value"]) for f in document["failures"]] == [
        ("max_canonical_margin", pytest.approx(12.5), 10)
    ]
    # Values that would print alike get the decimals to tell them apart.
    close = _declared(tmp_path, ("max_valence_share", 0.4999), name="close.json")
    shown = runner.invoke(app, ["check", str(close), *CITYBLOCK, "-n", "0"]).output
    assert "[max_valence_share]; aanvaard tot 49.99%, gemeten 50%" in shown


def test_accepted_items_bound_which_statements_parties_or_patterns_may_cross(tmp_path: Path):
    """HAND's one-sided statements are s1 and s2: accepting only s1 fails on s2, whatever the value."""
    document = quiz_to_exchange(quiz_from_stances(HAND))
    declared = {"threshold": "max_valence_share", "value": 0.5, "reason": WHY}
    document["check"] = {"accepted": [{**declared, "items": ["s1", "s2"]}]}
    both = tmp_path / "both.json"
    both.write_text(json.dumps(document), encoding="utf-8")
    assert [a.threshold for a in check(stemhulp.load(both), respondents=0).accepted] == ["max_valence_share"]
    document["check"] = {"accepted": [{**declared, "value": 0.9, "items": ["s1"]}]}
    one = tmp_path / "one.json"
    one.write_text(json.dumps(document), encoding="utf-8")
    report = check(stemhulp.load(one), respondents=0)
    failure = next(f for f in report.failures if f.threshold == "max_valence_share")
    assert failure.unaccepted == ("s2",) and failure.accepted == 0.9 and report.accepted == ()
    shown = runner.invoke(app, ["check", str(one), "-n", "0", "--strict"])
    assert shown.exit_code == 1
    assert "[max_valence_share]; niet aanvaard voor s2" in shown.output
    english = runner.invoke(app, ["check", str(one), "-n", "0", "--lang", "en"])
    assert "[max_valence_share]; not accepted for s2" in english.output
    data = json.loads(runner.invoke(app, ["check", str(one), "-n", "0", "--json"]).output)
    entry = next(f for f in data["failures"] if f["threshold"] == "max_valence_share")
    assert entry["unaccepted_items"] == ["s2"] and entry["accepted_value"] == 0.9
    # The items travel with the quiz: export and load keep them.
    assert stemhulp.load(quiz_to_exchange(stemhulp.load(one))).accepted[0].items == ("s1",)


def test_min_thresholds_accept_down_to_the_value(tmp_path: Path):
    # min_stances: the fewest stances, 1, is accepted at 1 and fails when at least 2 is accepted.
    assert [
        a.threshold for a in check(stemhulp.load(_declared(tmp_path, ("min_stances", 1))), respondents=0).accepted
    ] == ["min_stances"]
    worse = runner.invoke(app, ["check", str(_declared(tmp_path, ("min_stances", 1.5), name="w.json")), "-n", "0"])
    assert "[min_stances]; aanvaard tot minimaal 1.5, gemeten 1" in worse.output
    # A --threshold override still sets the limit: p3 (2 of 4, 50%) crosses 0.6, and 50% is accepted.
    share = _declared(tmp_path, ("min_party_stance_share", 0.5), name="share.json")
    raised = ["-n", "0", "-t", "min_party_stance_share=0.6", "--lang", "en"]
    result = runner.invoke(app, ["check", str(share), *raised])
    assert (
        "  ~ parties with few stances: Partij D 50%; at least 60% of the statements [min_party_stance_share]; "
        "accepted down to 50%" in result.output
    )
    stricter = _declared(tmp_path, ("min_party_stance_share", 0.55), name="stricter.json")
    result = runner.invoke(app, ["check", str(stricter), *raised])
    assert "[min_party_stance_share]; accepted down to 55%, measured 50%" in result.output
    assert "  ✗ parties with few stances: Partij D 50%; at least 60% of the statements [min_party_stance_share]; " in (
        result.output
    )


def test_accepted_but_no_longer_crossed_is_a_note(tmp_path: Path):
    path = _declared(tmp_path, *ALL_FOUR, ("max_bias_ratio", 3))
    relaxed = ["-n", "0", "--strict", "-t", "max_valence_share=0.5"]
    result = runner.invoke(app, ["check", str(path), *CITYBLOCK, *relaxed])
    assert result.exit_code == 0, result.output
    assert "Oordeel: geslaagd, met 3 aanvaarde overschrijdingen (zie de redenen):" in result.output
    assert (
        "  (niet meer nodig: de quiz aanvaardt max_valence_share (aanvaard tot 50%), maar die drempel wordt niet "
        "meer overschreden; haal hem weg uit check.accepted)" in result.output
    )
    assert "max_bias_ratio (" not in result.output  # not tested with -n 0: neither accepted nor unneeded
    report = check(stemhulp.load(path), method="cityblock", respondents=0, thresholds={"max_valence_share": 0.5})
    assert [a.threshold for a in report.not_needed] == ["max_valence_share"]
    document = report.to_dict()
    assert document["accepted_not_needed"] == [
        {"threshold": "max_valence_share", "accepted_value": 0.5, "reason": f"{WHY} (max_valence_share)"}
    ]
    simulated = check(stemhulp.load(path), method="cityblock", respondents=300, thresholds={"max_valence_share": 0.5})
    assert {a.threshold for a in simulated.not_needed} == {"max_valence_share", "max_bias_ratio"}


def test_no_accepted_restores_the_raw_verdict(tmp_path: Path):
    path = _declared(tmp_path, *ALL_FOUR)
    result = runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--strict", "--no-accepted"])
    assert result.exit_code == 1
    assert "Oordeel: niet geslaagd — 4 van de 6 drempels overschreden:" in result.output
    assert (
        "  ✗ eenzijdige stellingen: 50% van de hoofdstellingen (2); maximaal 20% [max_valence_share]" in result.output
    )
    assert "(--no-accepted: de aanvaarde overschrijdingen van de quiz tellen hier niet: min_stances," in result.output
    assert "  ~ " not in result.output
    raw = check(stemhulp.load(path), method="cityblock", respondents=0, accepted=False)
    assert raw.failures == check(quiz_from_stances(HAND), method="cityblock", respondents=0).failures
    assert raw.accepted == () and [a.threshold for a in raw.ignored] == [t for t, _ in ALL_FOUR]


def test_json_report_keeps_its_keys_and_adds_the_accepted(tmp_path: Path):
    path = _declared(tmp_path, ("max_valence_share", 0.5))
    document = json.loads(runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--json"]).output)
    plain = json.loads(runner.invoke(app, ["check", str(tmp_path / "accepted.json"), "-n", "0", "--json"]).output)
    assert list(document)[:5] == ["quiz", "title", "method", "missing", "passed"]
    assert set(document) == set(plain) >= {"failures", "not_evaluated", "thresholds", "summary", "null_model"}
    assert document["accepted"] == [
        {
            "threshold": "max_valence_share",
            "limit": 0.2,
            "value": 0.5,
            "accepted_value": 0.5,
            "reason": f"{WHY} (max_valence_share)",
            "items": ["s1", "s2"],
        }
    ]
    assert document["accepted_not_needed"] == [] and document["accepted_ignored"] == []
    assert {f["threshold"] for f in document["failures"]} == {
        "min_stances",
        "max_constant_parties",
        "max_canonical_margin",
    }
    assert all(set(f) == {"threshold", "limit", "value", "items"} for f in document["failures"])
    ignored = json.loads(
        runner.invoke(app, ["check", str(path), *CITYBLOCK, "-n", "0", "--json", "--no-accepted"]).output
    )
    assert ignored["accepted"] == [] and [a["threshold"] for a in ignored["accepted_ignored"]] == ["max_valence_share"]


# Each bad declaration, appended to the mini quiz's quiz.yaml (11 lines before `check:`), with the
# line and the message the loader names.
BAD_DECLARATIONS = [
    ("check: [max_valence_share]\n", "quiz.yaml:11: check must be a mapping, got a list"),
    ("check:\n  acepted: []\n", "quiz.yaml:12: check: unknown key 'acepted'; expected 'accepted'"),
    (
        "check:\n  accepted: {threshold: max_valence_share}\n",
        "quiz.yaml:12: check.accepted must be a list, got a mapping",
    ),
    (
        "check:\n  accepted:\n    - max_valence_share\n",
        "quiz.yaml:13: check.accepted[0] must be a mapping, got 'max_valence_share'",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valance_share, value: 0.7, reason: x}\n",
        "quiz.yaml:13: check.accepted[0]: unknown threshold 'max_valance_share'; choose one of ['min_stances',",
    ),
    (
        "check:\n  accepted:\n    - {value: 0.7, reason: x}\n",
        "quiz.yaml:13: check.accepted[0]: missing required key 'threshold'",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, reason: x}\n",
        "quiz.yaml:13: check.accepted[0]: missing required key 'value'",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_valence_share\n      value: veel\n      reason: x\n",
        "quiz.yaml:14: check.accepted[0] value must be a number, got 'veel'",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_valence_share\n      value: '0.7'\n      reason: x\n",
        "quiz.yaml:14: check.accepted[0] value must be a number, got '0.7'",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_bias_ratio\n      value: .inf\n      reason: x\n",
        "quiz.yaml:14: check.accepted[0] value must be a finite, non-negative number, got inf",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_canonical_margin\n      value: -1\n      reason: x\n",
        "quiz.yaml:14: check.accepted[0] value must be a finite, non-negative number, got -1",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_valence_share\n      value: 90\n      reason: x\n",
        "quiz.yaml:14: check.accepted[0] value must be a share between 0 and 1, got 90",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_valence_share\n      value: true\n      reason: x\n",
        "quiz.yaml:14: check.accepted[0] value must be a number, got True",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, value: 0.7}\n",
        "quiz.yaml:13: check.accepted[0]: missing required key 'reason'",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_valence_share\n      value: 0.7\n      reason: '  '\n",
        "quiz.yaml:15: check.accepted[0] reason must be non-empty text, got '  '",
    ),
    (
        "check:\n  accepted:\n    - threshold: max_valence_share\n      value: 0.7\n      reason: [a, b]\n",
        "quiz.yaml:15: check.accepted[0] reason must be non-empty text, got a list",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, value: 0.7, reason: x, parties: [s2]}\n",
        "quiz.yaml:13: check.accepted[0]: unknown key 'parties'; expected 'threshold', 'value', 'reason' or 'items'",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, value: 0.7, reason: x, items: s2}\n",
        "quiz.yaml:13: check.accepted[0] items must be a list of ids, got 's2'",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, value: 0.7, reason: x, items: [s2, 7]}\n",
        "quiz.yaml:13: check.accepted[0] items[1] must be an id (text), got 7",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, value: 0.7, reason: x, items: [s2, s2]}\n",
        "quiz.yaml:13: check.accepted[0] items: 's2' is listed twice",
    ),
    (
        "check:\n  accepted:\n    - {threshold: max_valence_share, value: 0.7, reason: x}\n"
        "    - {threshold: max_valence_share, value: 0.8, reason: y}\n",
        "quiz.yaml:14: check.accepted[1]: threshold 'max_valence_share' is listed twice (first at ",
    ),
]


@pytest.mark.parametrize(
    ("snippet", "message"), BAD_DECLARATIONS, ids=[m.split(": ", 1)[1][:40] for _, m in BAD_DECLARATIONS]
)
def test_bad_declarations_are_located_errors(mini_path: Path, tmp_path: Path, snippet: str, message: str):
    import shutil

    root = tmp_path / "quiz"
    shutil.copytree(mini_path, root)
    header = root / "statements" / "quiz.yaml"
    text = header.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 10
    header.write_text(text + snippet, encoding="utf-8")
    for command in (["check", str(root), "-n", "0", "--strict"], ["validate", str(root)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, result.output
        assert f"error: {header}:" in result.output and message in result.output, result.output
        assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_bad_declarations_in_json_name_the_key_path(tmp_path: Path):
    document = quiz_to_exchange(quiz_from_stances(HAND))
    document["check"] = {"accepted": [{"threshold": "max_valence_share", "value": "0.5", "reason": ""}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), *CITYBLOCK])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        f"error: {path}: check.accepted[0].value: check.accepted[0] value must be a number, got '0.5'" in result.output
    )
    assert f"error: {path}: check.accepted[0].reason: check.accepted[0] reason must be non-empty text, got ''" in (
        result.output
    )
    with pytest.raises(stemhulp.QuizError, match=r"<mapping>: check: check must be a mapping, got 'x'"):
        stemhulp.load({**document, "check": "x"})


def test_check_key_round_trips_through_native_and_json(mini_path: Path, tmp_path: Path):
    import shutil

    from stemhulp.formats.native import write_native
    from stemhulp.quiz.model import Acceptance

    root = tmp_path / "quiz"
    shutil.copytree(mini_path, root)
    header = root / "statements" / "quiz.yaml"
    header.write_text(
        header.read_text(encoding="utf-8")
        + "check:\n  accepted:\n    - threshold: max_canonical_margin\n      value: 50.000001\n"
        + "      reason: >-\n        Drie partijen,\n        drie stellingen.\n"
        + "    - {threshold: max_valence_share, value: 0.67, reason: Twee van de drie.}\n",
        encoding="utf-8",
    )
    quiz = stemhulp.load(root)
    expected = (
        Acceptance("max_canonical_margin", 50.000001, "Drie partijen, drie stellingen."),
        Acceptance("max_valence_share", 0.67, "Twee van de drie."),
    )
    assert quiz.accepted == expected and "check" not in quiz.extra
    exported = runner.invoke(app, ["export", str(root), "--json"])
    assert exported.exit_code == 0
    document = json.loads(exported.output)
    assert document["check"] == {
        "accepted": [
            {"threshold": "max_canonical_margin", "value": 50.000001, "reason": "Drie partijen, drie stellingen."},
            {"threshold": "max_valence_share", "value": 0.67, "reason": "Twee van de drie."},
        ]
    }
    again = stemhulp.load(document)
    assert again.accepted == expected and quiz_to_exchange(again) == document
    write_native(again, tmp_path / "copy")
    assert stemhulp.load(tmp_path / "copy").accepted == expected
    assert quiz_to_exchange(stemhulp.load(tmp_path / "copy")) == document
    # The mini quiz crosses both, within the accepted values, and max_constant_parties, which it does not accept.
    report = check(quiz, respondents=0)
    assert [a.threshold for a in report.accepted] == ["max_valence_share", "max_canonical_margin"]
    assert [f.threshold for f in report.failures] == ["max_constant_parties"]
    # Without declarations nothing changes: no `check` key is written.
    assert "check" not in quiz_to_exchange(quiz_from_stances(HAND))


def test_the_bundled_quiz_passes_strict_only_with_its_accepted_crossings():
    quiz = stemhulp.load()
    # Version 3 (CODEBOOK §12): two crossings accepted, one fewer than version 2.2's three; the
    # all-agree/all-disagree lead (max_canonical_margin) is no longer crossed.
    assert [a.threshold for a in quiz.accepted] == ["max_valence_share", "min_party_stance_share"]
    assert all("CODEBOOK §12" in a.reason for a in quiz.accepted)
    strict = runner.invoke(app, ["check", "--strict"])
    assert strict.exit_code == 0, strict.output
    assert "Oordeel: geslaagd, met 2 aanvaarde overschrijdingen (zie de redenen):" in strict.output
    raw = runner.invoke(app, ["check", "--strict", "--no-accepted"])
    assert raw.exit_code == 1
    assert "Oordeel: niet geslaagd — 2 van de 6 drempels overschreden:" in raw.output
    report = check(quiz)
    assert report.passed and report.not_needed == () and report.not_evaluated == ()
    assert {a.threshold: a.value for a in report.accepted} == {
        a.threshold: pytest.approx(a.value) for a in quiz.accepted
    }
