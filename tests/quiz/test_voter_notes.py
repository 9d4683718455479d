"""Notes for voters and for the record, and a programme's election year: the model, both formats
(native YAML, stemhulp/1), the JSON schemas, the `stemhulp check` rule, and what the screens show."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import stemhulp
from stemhulp.analysis.voternotes import note_problems
from stemhulp.cli.app import app
from stemhulp.errors import QuizError
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.formats.native import write_native
from stemhulp.quiz.model import Party, Position

runner = CliRunner()

CLEAN = "Het programma wil dat kinderen snel hulp krijgen."


def _write(root: Path, notes: dict[str, str], *, year: object = 2022) -> Path:
    """A native quiz of three statements and two parties; `notes` are party `a`'s note fields on s1."""
    (root / "statements").mkdir(parents=True)
    (root / "party_positions").mkdir()
    (root / "statements" / "quiz.yaml").write_text("id: q\ntitle: Q\nscale: [disagree, neutral, agree]\n")
    (root / "statements" / "a.yaml").write_text(
        "statements:\n"
        + "".join(f"  - {{id: s{i}, theme: T, text: 'Stelling {i}.'}}\n" for i in (1, 2, 3))
        + "tiebreak_statements:\n  - {id: t1, theme: T, text: 'Beslissend.'}\n"
    )
    a = {
        "id": "a",
        "name": "Partij A",
        "municipality": "Stad",
        "election_year": year,
        "positions": {
            "s1": {"position": "agree", "weight": 2, "quote": "q", **notes},
            "s2": {"position": "disagree", "weight": 1, "quote": "q", "note": CLEAN},
            "s3": {"position": None},
            "t1": {"position": "neutral", "quote": "q"},
        },
    }
    b = {
        "id": "b",
        "name": "Partij B",
        "municipality": "Stad",
        "positions": {"s1": {"position": "disagree", "quote": "q"}, "s2": {"position": "agree", "quote": "q"}},
    }
    (root / "party_positions" / "a.yaml").write_text(yaml.safe_dump(a, allow_unicode=True))
    (root / "party_positions" / "b.yaml").write_text(yaml.safe_dump(b, allow_unicode=True))
    return root


def test_fields_load_and_localise(tmp_path):
    quiz = stemhulp.load(
        _write(tmp_path / "q", {"note": CLEAN, "note_en": "The programme wants quick help.", "coding_note": "§4"})
    )
    position = quiz.position("a", "s1")
    assert position.note == CLEAN and position.coding_note == "§4"
    assert position.localized_note("nl") == CLEAN
    assert position.localized_note("en") == "The programme wants quick help."
    assert quiz.position("a", "s2").localized_note("en") == CLEAN  # falls back to Dutch
    assert quiz.party_by_id["a"].election_year == 2022
    assert quiz.party_by_id["a"].label() == "Partij A (2022)"
    assert quiz.party_by_id["b"].label() == "Partij B"  # no year known: the name alone


def test_round_trip_native_and_exchange_is_lossless(tmp_path):
    quiz = stemhulp.load(_write(tmp_path / "q", {"note": CLEAN, "note_en": "Quick help.", "coding_note": "trail"}))
    document = quiz_to_exchange(quiz)
    assert document["parties"][0]["election_year"] == 2022
    position = next(p for p in document["positions"] if p["party"] == "a" and p["statement"] == "s1")
    assert (position["note"], position["note_en"], position["coding_note"]) == (CLEAN, "Quick help.", "trail")
    again = stemhulp.load(json.loads(json.dumps(document)))
    assert quiz_to_exchange(again) == document
    write_native(again, tmp_path / "copy")
    copy = stemhulp.load(tmp_path / "copy")
    assert quiz_to_exchange(copy) == document
    assert copy.position("a", "s1") == quiz.position("a", "s1")
    assert copy.party_by_id["a"] == quiz.party_by_id["a"]


def _schema(name: str) -> dict:
    return json.loads(files("stemhulp.formats").joinpath("schemas", f"{name}.schema.json").read_text())


def test_schemas_accept_the_fields_and_reject_a_bad_year(tmp_path):
    root = _write(tmp_path / "q", {"note": CLEAN, "note_en": "Quick help.", "coding_note": "trail"})
    party = yaml.safe_load((root / "party_positions" / "a.yaml").read_text())
    jsonschema.validate(party, _schema("party"))
    jsonschema.validate(json.loads(json.dumps(quiz_to_exchange(stemhulp.load(root)))), _schema("exchange"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**party, "election_year": "2022"}, _schema("party"))


@pytest.mark.parametrize("year", ["2022", 20.5, 1500, True])
def test_a_bad_election_year_is_one_located_error(tmp_path, year):
    root = _write(tmp_path / "q", {"note": CLEAN}, year=year)
    with pytest.raises(QuizError) as caught:
        stemhulp.load(root)
    message = str(caught.value)
    assert "a.yaml" in message and "election_year" in message and "1800 to 2200" in message


def test_the_model_refuses_a_bad_year():
    with pytest.raises(ValueError):
        Party("p", "P", election_year=3000)
    with pytest.raises(TypeError):
        Party("p", "P", election_year="2022")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("Zie s2: de partij wil dit ook.", "s2"),
        ("Zelfde passage als s33.", "s33"),  # a retired id
        ("Neutraal (c) ander instrument.", "(c)"),
        ("Volgens §4 is dit impliciet.", "§"),
        ("Null: het programma zegt niets.", "Null"),
        ("De partij is het eens; neutral bij twijfel.", "neutral"),
        ("Genoemd in tekst en actielijst, weight 3.", "weight"),
        ("Reconciliatie: eerste code behouden.", "Reconciliatie"),
        ("De blinde tweede codering week af.", "blinde"),
        ("Ongewijzigd sinds v2.2.", "v2.2"),
    ],
)
def test_the_rule_finds_the_coding_trail(tmp_path, note, found):
    quiz = stemhulp.load(_write(tmp_path / "q", {"note": CLEAN, "note_en": note}))
    problems = note_problems(quiz)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.party, problem.statement, problem.field) == ("a", "s1", "note_en")
    assert found in problem.found


def test_plain_notes_and_the_coding_note_pass(tmp_path):
    """Numbers, years and words that merely contain a code word are ordinary text; the coding note
    may hold the whole trail."""
    quiz = stemhulp.load(
        _write(
            tmp_path / "q",
            {
                "note": "De partij wil 1001 kritieke dagen aandacht geven, ook in 2019 en bij 18-jarigen.",
                "note_en": "The party agrees with nobody who disagrees about these weighty matters.",
                "coding_note": "Neutraal (c), weight 3, §4, s2, reconciliatie: the trail belongs here.",
            },
        )
    )
    assert note_problems(quiz) == ()


def test_check_reports_file_party_statement_and_text_and_strict_fails(tmp_path):
    root = _write(tmp_path / "q", {"note": "Neutraal (b) voorbehoud, zie §4.", "note_en": CLEAN})
    outcome = runner.invoke(app, ["check", str(root), "--respondents", "0", "--strict"])
    assert outcome.exit_code == 1
    line = next(text for text in outcome.output.splitlines() if "✗" in text and "(b)" in text)
    assert str(root / "party_positions" / "a.yaml") in line
    assert "a, s1, note" in line and "'(b)'" in line and "'§'" in line and "Neutraal (b) voorbehoud" in line
    assert "Oordeel: niet geslaagd" in outcome.output
    data = json.loads(runner.invoke(app, ["check", str(root), "--respondents", "0", "--json"]).stdout)
    assert data["passed"] is False
    assert data["voter_notes"][0]["file"] == str(root / "party_positions" / "a.yaml")
    assert data["voter_notes"][0]["found"] == ["(b)", "§"]
    english = runner.invoke(app, ["check", str(root), "--respondents", "0", "--lang", "en"])
    assert "Notes shown to voters that carry the coding trail" in english.output


def test_check_of_an_exchange_file_names_that_file(tmp_path):
    quiz = stemhulp.load(_write(tmp_path / "q", {"note": "Zie s2."}))
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(quiz_to_exchange(quiz)), encoding="utf-8")
    outcome = runner.invoke(app, ["check", str(path), "--respondents", "0"])
    assert f"✗ {path}: a, s1, note: 's2'" in outcome.output


@given(st.text(alphabet=st.characters(categories=["L", "Zs", "P"], exclude_characters="§"), max_size=60))
def test_the_rule_never_flags_the_coding_note(text):
    quiz = attrs.evolve(_TINY, positions=(Position("a", "s1", "agree", note=CLEAN, coding_note=text),))
    assert note_problems(quiz) == ()


_TINY = stemhulp.load(
    {
        "format": "stemhulp/1",
        "id": "q",
        "title": "Q",
        "scale": ["disagree", "neutral", "agree"],
        "statements": [{"id": "s1", "theme": "T", "text": "X"}],
        "parties": [{"id": "a", "name": "A"}],
        "positions": [
            {"party": "a", "statement": "s1", "position": "agree", "weight": 1, "quote": None, "source": None}
        ],
    }
)


def test_the_bundled_quiz_names_programmes_with_their_year_and_reports_notes_in_the_screen_language():
    from stemhulp.dialogue.documents import report_data

    quiz = stemhulp.load()
    answers = {s.id: "agree" for s in quiz.statements}
    result = stemhulp.match(quiz, answers, parties=["pvda-zwolle", "d66-zwolle"])
    assert {e.name for e in result.ranking} == {"PvdA Zwolle (2018)", "D66 Zwolle (2022)"}
    for lang in ("nl", "en"):
        shown = [
            (party["note"], party["party"], statement["id"])
            for statement in report_data(result, quiz, answers, lang)["statements"]
            for party in statement["parties"]
            if party["note"]
        ]
        assert shown
        for note, party, statement in shown:
            assert note == quiz.position(party, statement).localized_note(lang)
            assert note != quiz.position(party, statement).coding_note


def test_the_result_says_when_one_towns_programmes_come_from_different_elections():
    from stemhulp.dialogue.notes import result_notes

    quiz = stemhulp.load()
    answers = {s.id: "agree" for s in quiz.statements}
    zwolle = [p for p in quiz.parties if p.municipality == "Zwolle"]
    both = stemhulp.match(quiz, answers, parties=[p.id for p in zwolle])
    line = next(n for n in result_notes(quiz, both, "nl") if n.startswith("Let op"))
    for party in zwolle:
        assert f"{party.name} {party.election_year}" in line
    assert any("different elections" in n for n in result_notes(quiz, both, "en"))
    one = stemhulp.match(quiz, answers, parties=[zwolle[0].id])
    assert not any(n.startswith("Let op") for n in result_notes(quiz, one, "nl"))
