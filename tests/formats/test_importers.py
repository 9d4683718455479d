"""Importers: Wahl-O-Mat (qual-o-mat-data layout) and StemWijzer JSON, with hand-worked scores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import stemhulp
from stemhulp.cli.app import app
from stemhulp.errors import QuizError
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.formats.importers.wahlomat import clean_comment, is_placeholder, strip_quotes
from stemhulp.formats.native import write_native
from tests.paths import FIXTURES

WAHLOMAT = FIXTURES / "wahlomat-mini"
STEMWIJZER = FIXTURES / "stemwijzer-mini.json"


@pytest.fixture
def wahlomat_copy(tmp_path: Path) -> Path:
    """A writable copy of the Wahl-O-Mat fixture, for breaking one file at a time."""
    return Path(shutil.copytree(WAHLOMAT, tmp_path / "wahlomat"))


@pytest.fixture
def stemwijzer_data() -> dict[str, Any]:
    return json.loads(STEMWIJZER.read_text(encoding="utf-8"))


def edit_json(path: Path, change) -> None:
    """Load a JSON file, let `change` modify the data in place, write it back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_stemwijzer(tmp_path: Path, data: Any, name: str = "broken.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(source: Path, **kwargs: Any) -> str:
    """The text of the QuizError that loading `source` raises."""
    with pytest.raises(QuizError) as caught:
        stemhulp.load(source, **kwargs)
    return str(caught.value)


def positions(quiz) -> dict[tuple[str, str], str | None]:
    return {(p.party, p.statement): p.position for p in quiz.positions}


# --- Wahl-O-Mat: mapping ---------------------------------------------------------------------


def test_wahlomat_directory_is_detected_and_mapped():
    quiz = stemhulp.load(WAHLOMAT)
    assert quiz.id == "wahlomat-landtagswahl-musterland-2031"
    assert quiz.title == "Landtagswahl Musterland 2031"
    assert quiz.scale.options == ("disagree", "neutral", "agree")
    assert [s.id for s in quiz.statements] == ["0", "1", "2", "3"]
    assert quiz.tiebreak_statements == ()
    assert [(p.id, p.name, p.full_name) for p in quiz.parties] == [
        ("0", "LL", "Linke Liste Musterland"),
        ("1", "Mitte", "Partei der Mitte"),
        ("2", "Rechts", "Rechte Sammlung"),
    ]
    assert quiz.extra["origin"]["date"] == "2031-05-04"
    assert all(p.quote is None and p.source is None for p in quiz.positions)


def test_wahlomat_answer_ids_are_mapped_by_meaning_not_number():
    # answer.json: 0 = "Stimme zu", 1 = "Stimme nicht zu", 2 = "Neutral" (not ordinal).
    got = positions(stemhulp.load(WAHLOMAT))
    assert got[("0", "0")] == "agree"
    assert got[("0", "2")] == "disagree"
    assert got[("0", "3")] == "neutral"


def test_wahlomat_other_answer_ids_follow_their_messages(wahlomat_copy: Path):
    (wahlomat_copy / "answer.json").write_text(
        json.dumps(
            [
                {"id": 0, "message": "Neutral"},
                {"id": 1, "message": " stimme ZU "},
                {"id": 2, "message": "Stimme nicht zu."},
            ]
        ),
        encoding="utf-8",
    )
    got = positions(stemhulp.load(wahlomat_copy))
    # Opinion answer 0 now means neutral, 1 agree, 2 disagree.
    assert got[("0", "0")] == "neutral"
    assert got[("0", "2")] == "agree"
    assert got[("0", "3")] == "disagree"


def test_wahlomat_categories_become_themes():
    statements = {s.id: s for s in stemhulp.load(WAHLOMAT).statements}
    assert statements["0"].theme == "Verkehr"
    assert statements["2"].theme == "Allgemein"  # category null
    assert statements["3"].theme == "Bildung"  # several categories: the first is the theme
    assert statements["3"].extra["categories"] == ["Bildung", "Verkehr"]
    assert statements["0"].extra["label"] == "Tempo 30"
    assert "label" not in statements["3"].extra  # label equal to the text is not repeated


def test_wahlomat_without_category_file_uses_the_default_theme(wahlomat_copy: Path):
    (wahlomat_copy / "category.json").unlink()
    assert {s.theme for s in stemhulp.load(wahlomat_copy).statements} == {"Allgemein"}


def test_wahlomat_comments_become_explanations_without_quotes_or_placeholders():
    quiz = stemhulp.load(WAHLOMAT)
    explanations = {(p.party, p.statement): p.explanation for p in quiz.positions}
    assert explanations == {
        ("0", "0"): "Weniger Tempo heißt weniger Lärm und sicherere Schulwege.",
        ("0", "1"): "Bildung beginnt in der Kita und darf nichts kosten.",
        ("0", "2"): None,  # "… wird nachgereicht, da noch nicht alle Begründungen vorliegen."
        ("0", "3"): "Wir wollen erst die Kosten prüfen.",
        ("1", "0"): None,  # "keine Begründung" in quotes
        ("1", "1"): None,  # "Es liegt keine Begründung zur Position dieser Partei vor."
        ("1", "2"): None,  # empty string
        ("1", "3"): None,  # comment null
        ("2", "0"): "Tempo 30 gehört auf Hauptstraßen nicht überall hin; für ein generelles "
        "Verbot gibt es keine Begründung.",
        ("2", "1"): None,  # "Zu dieser These hat die Partei keine Begründung vorgelegt."
        ("2", "2"): "Wer arbeiten darf, soll auch wählen dürfen.",
        ("2", "3"): "Die Eltern tragen einen fairen Anteil.",
    }


def test_wahlomat_without_comment_file_has_no_explanations(wahlomat_copy: Path):
    (wahlomat_copy / "comment.json").unlink()
    assert all(p.explanation is None for p in stemhulp.load(wahlomat_copy).positions)


@pytest.mark.parametrize(
    "comment",
    [
        "",
        "   ",
        '""',
        "„“",
        "-",
        "keine Begründung",
        "Keine Begründung.",
        '"keine Begründung vorhanden"',
        "Es liegt keine Begründung zur Position dieser Partei vor.",
        "Zu dieser These hat die Partei keine Begründung vorgelegt.",
        "Die Partei hat keine Begründung angegeben.",
        "Die Begründung der Partei zu ihrem Abstimmverhalten wird nachgereicht, "
        "da noch nicht alle Begründungen vorliegen.",
        "Die Begründung der Partei Musterpartei wird nachgereicht.",
        "Begründung wird nachgereicht",
        "keine Angabe",
        "k. A.",
    ],
)
def test_placeholder_pattern_matches_placeholders(comment: str):
    assert is_placeholder(strip_quotes(comment))
    assert clean_comment(comment) is None


@pytest.mark.parametrize(
    "comment",
    [
        "Für ein generelles Verbot gibt es keine Begründung.",
        "Keine Begründung für Verbote, wir setzen auf Freiwilligkeit und Aufklärung.",
        "Die Partei verweist für ausführlichere Begründungen auf ihr Wahlprogramm.",
        "Wir lehnen das ab. Die Begründung wird im Programm nachgereicht, sagen die anderen.",
        "Neutral.",
    ],
)
def test_placeholder_pattern_keeps_real_explanations(comment: str):
    assert not is_placeholder(comment)
    assert clean_comment(comment) == comment


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ('"Wir sind dafür."', "Wir sind dafür."),
        ("„Wir sind dafür.“", "Wir sind dafür."),
        ("“Wir sind dafür.”", "Wir sind dafür."),
        ("‚Wir sind dafür.‘", "Wir sind dafür."),
        ("»Wir sind dafür.«", "Wir sind dafür."),
        ("'Wir sind dafür.'", "Wir sind dafür."),
        ('  "Das ,,Modell" hat sich bewährt."  ', 'Das ,,Modell" hat sich bewährt.'),
        ("Wir sind „dafür“.", "Wir sind „dafür“."),
    ],
)
def test_wrapping_quotes_are_stripped(raw: str, clean: str):
    assert strip_quotes(raw) == clean


# --- Wahl-O-Mat: a scored example worked out by hand ---------------------------------------


def test_wahlomat_score_worked_by_hand():
    quiz = stemhulp.load(WAHLOMAT)
    answers = {"0": "agree", "1": "skip", "2": "neutral", "3": "disagree"}
    important = ["0", "1"]
    # Points per thesis: 2 same answer, 1 one step apart, 0 opposite (disagree/neutral/agree).
    # Thesis 0 is important: its points and its maximum count double. Thesis 1 is skipped, so it
    # drops out even though it is marked important. Maximum = 2·2 + 2 + 2 = 8.
    #   LL     (0 agree, 2 disagree, 3 neutral): 2·2 + 1 + 1 = 6 → 6/8 = 75.0 %
    #   Mitte  (0 neutral, 2 neutral, 3 agree):   1·2 + 2 + 0 = 4 → 4/8 = 50.0 %
    #   Rechts (0 disagree, 2 agree, 3 disagree): 0·2 + 1 + 2 = 3 → 3/8 = 37.5 %
    result = stemhulp.match(quiz, answers, important=important, method="wahlomat")
    assert result.entry("0").score == pytest.approx(75.0)
    assert result.entry("1").score == pytest.approx(50.0)
    assert result.entry("2").score == pytest.approx(37.5)
    assert [e.party for e in result.ranking] == ["0", "1", "2"]


# --- Wahl-O-Mat: malformed input ------------------------------------------------------------


def test_wahlomat_unknown_party_and_statement_in_opinions(wahlomat_copy: Path):
    def change(opinions):
        opinions[3]["party"] = 9
        opinions[4]["statement"] = 42

    edit_json(wahlomat_copy / "opinion.json", change)
    message = problems_of(wahlomat_copy)
    assert "opinion.json: [3]: unknown party '9'" in message
    assert "opinion.json: [4]: unknown statement '42'" in message


def test_wahlomat_unknown_answer_id(wahlomat_copy: Path):
    edit_json(wahlomat_copy / "opinion.json", lambda opinions: opinions[5].update(answer=7))
    message = problems_of(wahlomat_copy)
    assert "opinion.json: [5].answer: unknown answer id 7" in message


def test_wahlomat_unknown_answer_message(wahlomat_copy: Path):
    edit_json(wahlomat_copy / "answer.json", lambda answers: answers[2].update(message="Egal"))
    message = problems_of(wahlomat_copy)
    assert "answer.json: [2].message: unknown answer 'Egal'" in message


def test_wahlomat_unknown_category_and_comment(wahlomat_copy: Path):
    edit_json(wahlomat_copy / "statement.json", lambda statements: statements[1].update(category=8))
    edit_json(wahlomat_copy / "opinion.json", lambda opinions: opinions[0].update(comment=99))
    message = problems_of(wahlomat_copy)
    assert "statement.json: [1].category: unknown category 8" in message
    assert "opinion.json: [0].comment: unknown comment id 99" in message


def test_wahlomat_missing_file(wahlomat_copy: Path):
    (wahlomat_copy / "party.json").unlink()
    message = problems_of(wahlomat_copy)
    assert "party.json: file not found" in message


def test_wahlomat_invalid_json_and_missing_file_are_reported_together(wahlomat_copy: Path):
    (wahlomat_copy / "statement.json").write_text('[{"id": 0,', encoding="utf-8")
    (wahlomat_copy / "answer.json").unlink()
    message = problems_of(wahlomat_copy)
    assert "statement.json:1: invalid JSON" in message
    assert "answer.json: file not found" in message


def test_wahlomat_wrong_types(wahlomat_copy: Path):
    edit_json(wahlomat_copy / "party.json", lambda parties: parties[1].pop("name"))
    edit_json(wahlomat_copy / "party.json", lambda parties: parties[2].update(longname=["x"]))
    edit_json(wahlomat_copy / "statement.json", lambda statements: statements[0].update(text=5))
    edit_json(wahlomat_copy / "opinion.json", lambda opinions: opinions[2].update(party=None))
    (wahlomat_copy / "category.json").write_text('{"id": 0}', encoding="utf-8")
    message = problems_of(wahlomat_copy)
    assert "party.json: [1].name: party '1': missing required key 'name'" in message
    assert "party.json: [2].longname: party '2': longname must be text, got a list" in message
    assert "statement.json: [0].text: statement '0': text must be text, got 5" in message
    assert "opinion.json: [2].party: opinion: party must be text or a number" in message
    assert "category.json: expected a list of categories, got a mapping" in message


def test_wahlomat_a_broken_record_is_reported_once_not_at_every_opinion(wahlomat_copy: Path):
    edit_json(wahlomat_copy / "party.json", lambda parties: parties[1].update(name=""))
    edit_json(wahlomat_copy / "answer.json", lambda answers: answers[2].update(message="Egal"))
    with pytest.raises(QuizError) as caught:
        stemhulp.load(wahlomat_copy)
    assert [p.split(": ", 1)[1] for p in caught.value.problems] == [
        "[2].message: unknown answer 'Egal'; expected one of 'Stimme zu', 'Stimme nicht zu', 'Neutral'",
        "[1].name: party '1': name must not be empty",
    ]


def test_wahlomat_duplicate_ids(wahlomat_copy: Path):
    edit_json(wahlomat_copy / "answer.json", lambda answers: answers[2].update(id=1))
    edit_json(wahlomat_copy / "statement.json", lambda statements: statements[3].update(id=2))
    message = problems_of(wahlomat_copy)
    assert "answer.json: [2].id: duplicate answer id '1'" in message
    assert "statement.json: [3]: duplicate statement id '2'" in message


def test_wahlomat_forced_on_a_file_is_a_clear_error():
    message = problems_of(STEMWIJZER, layout="wahlomat")
    assert "stemwijzer-mini.json: a Wahl-O-Mat data set is a directory" in message


# --- StemWijzer: mapping --------------------------------------------------------------------


def test_stemwijzer_file_is_detected_and_mapped():
    quiz = stemhulp.load(STEMWIJZER)
    assert quiz.id == "stemwijzer-testwoude-2030gr"
    assert quiz.title == "StemWijzer Testwoude (2030GR)"
    assert quiz.scale.options == ("disagree", "neutral", "agree")
    assert [s.id for s in quiz.statements] == ["101", "102", "103"]
    assert [s.id for s in quiz.tiebreak_statements] == ["201"]
    assert all(p.quote is None and p.source is None for p in quiz.positions)


def test_stemwijzer_leaves_out_parties_that_do_not_participate():
    quiz = stemhulp.load(STEMWIJZER)
    assert [(p.id, p.name, p.full_name) for p in quiz.parties] == [
        ("11", "Groen Dorp", "Groen Dorp Testwoude"),
        ("12", "Dorpsbelang", "Dorpsbelang Testwoude"),
        ("13", "Liberaal Lokaal", "Liberaal Lokaal"),
    ]
    assert all(p.party != "14" for p in quiz.positions)


def test_stemwijzer_titles_glossary_and_more_info():
    statements = stemhulp.load(STEMWIJZER).statement_by_id
    plain, glossary, full, shootout = (statements[i] for i in ("101", "102", "103", "201"))
    # moreInfo as a string
    assert plain.explanation == "De gemeente plant nu ongeveer honderd bomen per jaar."
    assert (plain.pro, plain.con) == (None, None)
    # no moreInfo; a glossary title joined to text, the glossary in the explanation
    assert glossary.text == "Testwoude krijgt een eigen zwembad."
    assert glossary.explanation == "zwembad: Een overdekt bad voor school- en recreatief zwemmen."
    # moreInfo as {text, pro, con}
    assert full.explanation == "Nu parkeren er ongeveer veertig auto's op het plein."
    assert full.pro == "Meer ruimte voor markt en terrassen."
    assert full.con == "Minder parkeerplaatsen dicht bij de winkels."
    # moreInfo with text only, plus a glossary
    assert shootout.text == "De buurtbus rijdt ook op zondag."
    assert shootout.explanation == (
        "De buurtbus rijdt nu alleen op werkdagen.\n\nbuurtbus: Een kleine bus met vrijwillige chauffeurs."
    )
    assert shootout.theme == "Vervoer"


def test_stemwijzer_positions_from_shuffled_lists():
    quiz = stemhulp.load(STEMWIJZER)
    assert positions(quiz) == {
        ("11", "101"): "agree",
        ("11", "102"): "disagree",
        ("11", "103"): "neutral",
        ("11", "201"): "agree",
        # Dorpsbelang lists its shootout position among its main statements.
        ("12", "101"): "neutral",
        ("12", "102"): "agree",
        ("12", "103"): "disagree",
        ("12", "201"): "disagree",
        ("13", "101"): "disagree",
        ("13", "102"): "agree",
        ("13", "103"): "disagree",
        ("13", "201"): "agree",
    }
    # Positions come out party by party, in statement order, whatever the source order.
    assert [(p.party, p.statement) for p in quiz.positions][:4] == [
        ("11", "101"),
        ("11", "102"),
        ("11", "103"),
        ("11", "201"),
    ]
    explanations = {(p.party, p.statement): p.explanation for p in quiz.positions}
    assert explanations[("11", "101")] == "Meer bomen maken de straat koeler."
    assert explanations[("11", "102")] is None  # empty explanation
    assert explanations[("13", "201")] is None  # no explanation key


def test_stemwijzer_without_votematch_uses_the_file_name(tmp_path: Path, stemwijzer_data):
    del stemwijzer_data["votematch"]
    quiz = stemhulp.load(write_stemwijzer(tmp_path, stemwijzer_data, "Mijn Dorp.json"))
    assert quiz.id == "stemwijzer-mijn-dorp"
    assert quiz.title == "StemWijzer Mijn Dorp"


def test_stemwijzer_score_worked_by_hand():
    quiz = stemhulp.load(STEMWIJZER)
    answers = {"101": "agree", "102": "skip", "103": "disagree", "201": "agree"}
    # Agreement count: 1 for the same answer, else 0. Statement 101 is important (weight 2),
    # 102 is skipped (drops out), the answered shootout statement 201 counts like any other.
    # Σw = 2 + 1 + 1 = 4.
    #   Groen Dorp      (101 agree, 103 neutral, 201 agree):     2 + 0 + 1 = 3 → 75 %
    #   Dorpsbelang     (101 neutral, 103 disagree, 201 disagree): 0 + 1 + 0 = 1 → 25 %
    #   Liberaal Lokaal (101 disagree, 103 disagree, 201 agree):   0 + 1 + 1 = 2 → 50 %
    result = stemhulp.match(quiz, answers, important=["101"], method="stemwijzer")
    assert result.entry("11").score == pytest.approx(75.0)
    assert result.entry("12").score == pytest.approx(25.0)
    assert result.entry("13").score == pytest.approx(50.0)


# --- StemWijzer: malformed input ------------------------------------------------------------


def test_stemwijzer_unknown_position_word(tmp_path: Path, stemwijzer_data):
    stemwijzer_data["parties"][1]["statements"][2]["position"] = "maybe"
    message = problems_of(write_stemwijzer(tmp_path, stemwijzer_data))
    assert ("broken.json: parties[1].statements[2].position: position of '12': unknown position 'maybe'") in message


def test_stemwijzer_unknown_statement_in_a_party_list(tmp_path: Path, stemwijzer_data):
    stemwijzer_data["parties"][0]["shootoutStatements"].append({"id": 999, "position": "agree"})
    message = problems_of(write_stemwijzer(tmp_path, stemwijzer_data))
    assert "broken.json: parties[0].shootoutStatements[1].id: unknown statement 999" in message


def test_stemwijzer_wrong_types_are_all_reported(tmp_path: Path, stemwijzer_data):
    stemwijzer_data["statements"][0]["moreInfo"] = 5
    stemwijzer_data["statements"][1]["title"] = 7
    stemwijzer_data["statements"][2]["moreInfo"]["pro"] = ["a"]
    stemwijzer_data["parties"][2]["participates"] = "yes"
    stemwijzer_data["parties"][0]["statements"] = {"id": 101}
    message = problems_of(write_stemwijzer(tmp_path, stemwijzer_data))
    assert "broken.json: statements[0].moreInfo: statement '101': moreInfo must be text" in message
    assert "broken.json: statements[1].title: statement '102': a title must be text" in message
    assert (
        "broken.json: statements[2].moreInfo.pro: statement '103': moreInfo: pro must be text, got a list"
    ) in message
    assert (
        "broken.json: parties[2].participates: party '13': participates must be true or false, got 'yes'"
    ) in message
    assert ("broken.json: parties[0].statements: expected a list of positions, got a mapping") in message


def test_stemwijzer_missing_keys(tmp_path: Path, stemwijzer_data):
    del stemwijzer_data["parties"][0]["name"]
    del stemwijzer_data["statements"][0]["title"]
    message = problems_of(write_stemwijzer(tmp_path, stemwijzer_data))
    assert "broken.json: parties[0].name: party '11': missing required key 'name'" in message
    assert ("broken.json: statements[0].title: statement '101': missing required key 'title'") in message


def test_stemwijzer_invalid_json(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{"parties": [], "statements": [', encoding="utf-8")
    assert "broken.json:1: invalid JSON" in problems_of(path, layout="stemwijzer")


def test_stemwijzer_missing_file(tmp_path: Path):
    assert "no such file or directory" in problems_of(tmp_path / "gone.json", layout="stemwijzer")


def test_stemwijzer_forced_on_a_list_is_a_clear_error(tmp_path: Path):
    path = write_stemwijzer(tmp_path, [1, 2])
    assert "broken.json: a StemWijzer file must be a JSON object, got a list" in problems_of(path, layout="stemwijzer")


# --- Round trips and the CLI ----------------------------------------------------------------


@pytest.mark.parametrize("source", [WAHLOMAT, STEMWIJZER])
def test_imported_quiz_round_trips_through_native_yaml(tmp_path: Path, source: Path):
    quiz = stemhulp.load(source)
    write_native(quiz, tmp_path / "native")
    assert quiz_to_exchange(stemhulp.load(tmp_path / "native")) == quiz_to_exchange(quiz)


@pytest.mark.parametrize("source", [WAHLOMAT, STEMWIJZER])
def test_cli_import_then_validate(runner, tmp_path: Path, source: Path):
    out = tmp_path / "quiz"
    imported = runner.invoke(app, ["import", str(source), "--out", str(out)])
    assert imported.exit_code == 0, imported.output
    assert "wrote" in imported.stdout
    validated = runner.invoke(app, ["validate", str(out)])
    assert validated.exit_code == 0, validated.output
    assert validated.stdout.startswith("ok: ")


def test_cli_import_with_forced_layout(runner, tmp_path: Path):
    out = tmp_path / "quiz"
    result = runner.invoke(app, ["import", str(STEMWIJZER), "--out", str(out), "--from", "stemwijzer"])
    assert result.exit_code == 0, result.output
    assert (out / "statements" / "quiz.yaml").is_file()


def test_cli_import_of_a_broken_file_fails_cleanly(runner, wahlomat_copy: Path, tmp_path: Path):
    (wahlomat_copy / "opinion.json").write_text("[{", encoding="utf-8")
    result = runner.invoke(app, ["import", str(wahlomat_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and "opinion.json:1: invalid JSON" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
