"""Importer for the municipal-vote-guide layout (nl.json + en.json per municipality)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import stemhulp
from stemhulp.cli.app import app
from stemhulp.errors import QuizError
from stemhulp.formats.exchange import quiz_to_exchange
from tests.paths import FIXTURES, REFERENCE

MINI = FIXTURES / "municipal-mini"
REAL = REFERENCE / "municipal-vote-guide"

runner = CliRunner()


@pytest.fixture
def town(tmp_path: Path) -> Path:
    """A writable copy of the fixture municipality, for breaking one file at a time."""
    return Path(shutil.copytree(MINI, tmp_path / "testwoude"))


def edit(path: Path, change: Callable[[Any], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def problems_of(source: Path, **kwargs: Any) -> str:
    with pytest.raises(QuizError) as caught:
        stemhulp.load(source, **kwargs)
    return str(caught.value)


# --- mapping ------------------------------------------------------------------------------------


def test_folder_is_detected_and_both_files_are_merged():
    quiz = stemhulp.load(MINI)
    assert (quiz.id, quiz.title, quiz.title_en) == (
        "gemeente-testwoude",
        "Gemeente Testwoude",
        "Municipality of Testwoude",
    )
    assert quiz.scale.options == ("disagree", "neutral", "agree")
    assert quiz.extra["origin"] == {
        "layout": "municipal-vote-guide",
        "id": "GM9999",
        "name": "Testwoude",
        "slug": "testwoude",
    }
    # Main statements in `index` order (the file lists 102 first), shootouts as tie-breaks.
    assert [s.id for s in quiz.statements] == ["101", "102", "103"]
    assert [s.id for s in quiz.tiebreak_statements] == ["201"]
    trees, pool, square = quiz.statements
    assert (trees.text, trees.text_en) == ("In elke straat komen meer bomen.", "Every street gets more trees.")
    assert (trees.theme, trees.theme_en) == ("Groen", "Greenery")
    assert trees.explanation == "bomen: Loofbomen van minstens 3 meter."  # glossary of titleParts
    assert trees.explanation_en == "trees: Deciduous trees of at least 3 metres."
    assert pool.theme_en is None  # "Sport" in both files: no separate English
    assert (pool.explanation, pool.explanation_en) == (
        "Het dichtstbijzijnde bad is 12 km verderop.",
        "The nearest pool is 12 km away.",
    )
    assert (pool.pro, pool.pro_en, pool.con, pool.con_en) == (
        "Kinderen leren dichtbij zwemmen.",
        "Children learn to swim close to home.",
        "Een bad kost jaarlijks 1 miljoen.",
        None,
    )
    assert (square.text_en, square.explanation, square.pro) == (None, None, None)  # not in en.json; "" is none
    assert quiz.tiebreak_statements[0].text_en == "The neighbourhood bus keeps running."


def test_parties_positions_and_explanations():
    quiz = stemhulp.load(MINI)
    assert [(p.id, p.name, p.full_name, p.municipality, p.extra["has_seats"]) for p in quiz.parties] == [
        ("11", "Groen Dorp", "Groen Dorp Testwoude", "Testwoude", True),
        ("12", "Dorpsbelang", "Dorpsbelang Testwoude", "Testwoude", False),
        ("13", "Liberaal Lokaal", "Liberaal Lokaal", "Testwoude", True),
    ]  # 14 does not participate
    got = {(p.party, p.statement): (p.position, p.explanation, p.extra.get("explanation_en")) for p in quiz.positions}
    assert got == {
        # en.json's explanation wins over nl.json's explanationEn ("More trees keep the street cool.")
        ("11", "101"): ("agree", "Meer bomen maken de straat koeler.", "More trees cool the street."),
        ("11", "102"): ("disagree", "Sport kan in de buurgemeente.", "Sport can be done next door."),
        ("11", "103"): ("neutral", None, None),  # 'neither' → neutral; "" → no explanation
        ("11", "201"): ("agree", "De bus moet blijven rijden.", "The bus must keep running."),
        ("12", "101"): ("neutral", "Bomen waar het kan.", "Trees where possible."),
        ("12", "102"): ("agree", "Het dorp heeft een eigen zwembad nodig.", None),  # English = Dutch copy
        ("12", "103"): ("disagree", "Het plein blijft zoals het is.", None),
        ("12", "201"): ("disagree", "Te duur voor de gemeente.", None),
        ("13", "101"): ("disagree", "Laat bewoners zelf kiezen.", None),
        ("13", "103"): ("disagree", "Geen geld voor een nieuw plein.", None),
    }
    assert all(p.quote is None and p.source is None for p in quiz.positions)
    assert quiz.stance_code("13", "102") == -1  # absent from the mapping: no stance


def test_score_worked_by_hand():
    # cityblock, x = -0.5 / 0 / 0.5; answers 101 agree (important, weight 2), 102 disagree,
    # 103 neutral. Groen Dorp matches all three: 100. Dorpsbelang: 2·0.5 + 1 + 0.5 = 2.5 of 4
    # → 37.5. Liberaal Lokaal (no stance on 102 → neutral): 2·1 + 0.5 + 0.5 = 3 of 4 → 25.
    quiz = stemhulp.load(MINI)
    result = stemhulp.match(
        quiz,
        {"101": "eens", "102": "oneens", "103": "geen van beide"},
        important=["101"],
        method="cityblock",
        missing="neutral",
    )
    assert [(e.party, e.score) for e in result.ranking] == [("11", 100.0), ("12", 37.5), ("13", 25.0)]


def test_without_en_json_there_is_no_english(town: Path):
    (town / "en.json").unlink()
    quiz = stemhulp.load(town)
    assert all(s.text_en is None and s.theme_en is None for s in quiz.statements)
    # nl.json's own explanationEn is still used.
    assert quiz.position("11", "101").extra["explanation_en"] == "More trees keep the street cool."


def test_is_shootout_in_the_main_list_makes_a_tie_break(town: Path):
    edit(town / "nl.json", lambda d: d["statements"][2].update(isShootout=True))
    quiz = stemhulp.load(town)
    assert [s.id for s in quiz.statements] == ["101", "102"]
    assert [s.id for s in quiz.tiebreak_statements] == ["103", "201"]


def test_null_position_is_no_stance(town: Path):
    edit(town / "nl.json", lambda d: d["parties"][0]["positions"]["103"].update(position=None))
    edit(town / "en.json", lambda d: d["parties"][0]["positions"]["103"].update(position=None))
    assert stemhulp.load(town).stance_code("11", "103") == -1


def test_statements_without_every_index_keep_file_order(town: Path):
    edit(town / "nl.json", lambda d: d["statements"][0].pop("index"))
    assert [s.id for s in stemhulp.load(town).statements] == ["102", "101", "103"]


def test_round_trip_through_native_files(tmp_path: Path):
    out = tmp_path / "quiz"
    result = runner.invoke(app, ["import", str(MINI), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 statements, 3 parties" in result.output
    assert quiz_to_exchange(stemhulp.load(out)) == quiz_to_exchange(stemhulp.load(MINI))


# --- errors -------------------------------------------------------------------------------------


def test_every_problem_in_both_files_is_reported_with_its_place(town: Path):
    def break_dutch(d: Any) -> None:
        d["statements"][0]["title"] = 7
        d["statements"][1]["index"] = "twee"
        d["statements"][2]["titleParts"] = "bomen"
        d["parties"][0]["positions"]["101"]["position"] = "maybe"
        d["parties"][0]["positions"]["999"] = {"position": "agree"}
        d["parties"][1]["positions"] = [{"id": 101, "position": "agree"}]
        d["parties"][2]["participates"] = "yes"
        d["parties"][2]["positions"]["103"] = "disagree"

    def break_english(d: Any) -> None:
        d["parties"][0]["positions"]["102"]["position"] = "agree"
        d["parties"][0]["positions"]["555"] = {"position": "agree"}
        d["statements"].append({"id": 777, "title": "Extra"})
        d["parties"].append({"id": 99, "name": "Nieuw", "positions": {}})

    edit(town / "nl.json", break_dutch)
    edit(town / "en.json", break_english)
    message = problems_of(town)
    nl, en = town / "nl.json", town / "en.json"
    for expected in (
        f"{nl}: statements[0].title: statement '102': title must be text, got 7",
        f"{nl}: statements[1].index: statement '101': index must be a whole number, got 'twee'",
        f"{nl}: statements[2].titleParts: expected a list of title parts, got 'bomen'",
        f"{nl}: parties[0].positions.101.position: position of '11' on '101': unknown position 'maybe'; "
        "expected one of ['agree', 'disagree', 'neither'] or null",
        f"{nl}: parties[0].positions.999: unknown statement '999': not in statements or shootoutStatements",
        f"{nl}: parties[1].positions: positions of '12' must be a mapping from statement id to "
        "{position, explanation}, got a list",
        f"{nl}: parties[2].participates: party '13': participates must be true or false, got 'yes'",
        f"{nl}: parties[2].positions.103: position of '13' on '103' must be a mapping with position and "
        "explanation, got 'disagree'",
        f"{en}: parties[0].positions.102.position: position of '11' on '102': en.json says 'agree' but "
        "nl.json says 'disagree'",
        f"{en}: parties[0].positions.555: unknown statement '555': not in nl.json",
        f"{en}: statements[2].id: statement '777' is not in nl.json",
        f"{en}: parties[3].id: party '99' is not in nl.json",
    ):
        assert expected in message


def test_missing_keys(town: Path):
    def change(d: Any) -> None:
        del d["parties"][0]["name"]
        del d["parties"][1]["positions"]
        del d["statements"][0]["title"]
        del d["parties"][2]["positions"]["101"]["position"]

    edit(town / "nl.json", change)
    message = problems_of(town)
    assert "parties[0].name: party '11': missing required key 'name'" in message
    assert "parties[1].positions: party '12': missing required key 'positions'" in message
    assert "statements[0].title: statement '102': missing required key 'title'" in message
    assert "parties[2].positions.101.position: position of '13' on '101': missing required key 'position'" in message


def test_repeated_index_and_duplicate_ids(town: Path):
    def change(d: Any) -> None:
        d["statements"][2]["index"] = 2
        d["shootoutStatements"][0]["id"] = 101

    edit(town / "nl.json", change)
    message = problems_of(town)
    assert "statements[2].index: index 2 repeats the index of" in message
    assert "duplicate statement id '101'" in message


def test_party_with_only_unknown_positions_has_no_positions(town: Path):
    edit(town / "nl.json", lambda d: d["parties"][2].update(positions={}))
    assert "party '13' has no positions" in problems_of(town)


def test_invalid_json_and_wrong_top_level(town: Path):
    (town / "en.json").write_text("{", encoding="utf-8")
    assert f"{town / 'en.json'}:1: invalid JSON" in problems_of(town)
    (town / "en.json").write_text("[]", encoding="utf-8")
    assert "en.json: en.json must be a JSON object like nl.json, got a list" in problems_of(town)
    (town / "nl.json").write_text("[1]", encoding="utf-8")
    assert "nl.json: a municipal vote guide must be a JSON object, got a list" in problems_of(town)


def test_forced_layout_on_the_wrong_thing(tmp_path: Path):
    assert "a municipal vote guide is a folder holding nl.json" in problems_of(MINI / "nl.json", layout="municipal")
    (tmp_path / "empty").mkdir()
    assert "empty/nl.json: file not found" in problems_of(tmp_path / "empty", layout="municipal")


# --- a data folder ------------------------------------------------------------------------------


def data_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for name in ("testwoude", "proefdorp"):
        shutil.copytree(MINI, data / name)
    edit(data / "proefdorp" / "nl.json", lambda d: d.update(name="Proefdorp", slug="proefdorp"))
    (data / "README.md").write_text("not a municipality", encoding="utf-8")
    (data / ".git").mkdir()
    return data


def test_a_data_folder_becomes_one_native_quiz_per_municipality(tmp_path: Path):
    data, out = data_folder(tmp_path), tmp_path / "out"
    result = runner.invoke(app, ["import", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 quizzes" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["proefdorp", "testwoude"]
    assert stemhulp.load(out / "proefdorp").id == "gemeente-proefdorp"
    assert stemhulp.validate(out / "testwoude") == []


def test_a_broken_municipality_is_reported_and_the_others_are_written(tmp_path: Path):
    data, out = data_folder(tmp_path), tmp_path / "out"
    edit(data / "proefdorp" / "nl.json", lambda d: d["parties"][0]["positions"]["101"].update(position="ja"))
    result = runner.invoke(app, ["import", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert "proefdorp/nl.json: parties[0].positions.101.position" in result.output
    assert "1 problem(s): those municipalities were not imported" in result.output
    assert [p.name for p in out.iterdir()] == ["testwoude"]


def test_a_data_folder_needs_a_new_or_empty_out_and_is_not_one_quiz(tmp_path: Path):
    data, out = data_folder(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["import", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert "already exists and is not empty" in result.output
    assert "a folder of municipal vote guides, not one quiz" in problems_of(data)


# --- real data ----------------------------------------------------------------------------------


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared reference data not present")
def test_real_municipalities_import_and_match(tmp_path: Path):
    out = tmp_path / "utrecht"
    result = runner.invoke(app, ["import", str(REAL / "utrecht"), "--out", str(out)])
    assert result.exit_code == 0 and "30 statements, 20 parties" in result.output
    quiz = stemhulp.load(out)  # what `stemhulp validate` does; the command is tested elsewhere
    assert quiz_to_exchange(quiz) == quiz_to_exchange(stemhulp.load(REAL / "utrecht"))
    assert sum(p.position is not None for p in quiz.positions) == 600
    assert all(s.text_en for s in quiz.statements)
    result = stemhulp.match(quiz, {quiz.statements[0].id: "eens"})
    assert len(result.ranking) == 20
    landsmeer = stemhulp.load(REAL / "landsmeer")
    assert (len(landsmeer.statements), len(landsmeer.tiebreak_statements), len(landsmeer.parties)) == (29, 11, 8)
