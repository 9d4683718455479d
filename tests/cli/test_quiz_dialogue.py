"""The quiz, round 2 (issue 14): party choice, navigation, English keys, settings in the answers
file, the parties' view, coder's notes, the result file, piped breakdown, help and small fixes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stemhulp
from stemhulp.cli.app import app
from stemhulp.dialogue.session import (
    IMPORTANT,
    MUNICIPALITY,
    OVERVIEW,
    PARTIES,
    RESULT,
    STATEMENT,
    QuizSession,
    choose_parties,
    parse_key,
    parties_in,
)
from stemhulp.quiz.answers import AnswerSet

TOWN = {
    "format": "stemhulp/1",
    "id": "town",
    "title": "Gemeentetest",
    "title_en": "Town test",
    "scale": ["disagree", "neutral", "agree"],
    "statements": [
        {"id": "s1", "theme": "Zorg", "text": "Eerste stelling.", "text_en": "First statement."},
        {"id": "s2", "theme": "Wonen", "text": "Tweede stelling.", "text_en": "Second statement."},
    ],
    "parties": [
        {"id": "pvda-zwolle", "name": "PvdA Zwolle", "municipality": "Zwolle"},
        {"id": "d66-zwolle", "name": "D66 Zwolle", "municipality": "Zwolle"},
        {"id": "d66-roermond", "name": "D66 Roermond", "municipality": "Roermond"},
        {"id": "cda-emmen", "name": "Christen-Démocratisch Appèl", "municipality": "Emmen"},
    ],
    "positions": [
        {
            "party": "pvda-zwolle",
            "statement": "s1",
            "position": "agree",
            "weight": 1,
            "quote": "Ja, zeker.",
            "source": None,
        },
        {
            "party": "pvda-zwolle",
            "statement": "s2",
            "position": "neutral",
            "weight": 1,
            "quote": "Wij steunen wonen.",
            "source": None,
            "note": "De quote klinkt als steun, maar belooft niets concreets → neutraal.",
        },
        {
            "party": "d66-zwolle",
            "statement": "s1",
            "position": "disagree",
            "weight": 1,
            "quote": "Nee.",
            "source": None,
        },
        {
            "party": "d66-roermond",
            "statement": "s1",
            "position": "agree",
            "weight": 1,
            "quote": "Akkoord.",
            "source": None,
        },
        {"party": "cda-emmen", "statement": "s2", "position": "agree", "weight": 1, "quote": "Bouwen!", "source": None},
    ],
}


@pytest.fixture
def town():
    return stemhulp.load(TOWN)


@pytest.fixture
def town_path(tmp_path):
    path = tmp_path / "town.json"
    path.write_text(json.dumps(TOWN), encoding="utf-8")
    return path


def _quiz(runner, source, lines, *args):
    return runner.invoke(app, ["quiz", str(source), *args], input="".join(f"{line}\n" for line in lines))


# Party choice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1", ("pvda-zwolle",)),
        ("pvda-zwolle", ("pvda-zwolle",)),
        ("PvdA zwolle", ("pvda-zwolle",)),  # the name as shown, any case
        ("pvda", ("pvda-zwolle",)),  # an unambiguous prefix
        ("christen democratisch", ("cda-emmen",)),  # accents and hyphens do not matter
        ("CHRISTEN-DÉMOCRATISCH APPÈL", ("cda-emmen",)),
        ("d66 roermond, pvda", ("d66-roermond", "pvda-zwolle")),
        ("pvda zwolle d66 zwolle", ("pvda-zwolle", "d66-zwolle")),
        ("3 1 3", ("d66-roermond", "pvda-zwolle")),
        ("zwolle", ("pvda-zwolle", "d66-zwolle")),  # a municipality: its programmes
        ("", ()),
    ],
)
def test_party_choice(town, typed, expected):
    choice = choose_parties(typed, town.parties)
    assert choice.problem is None and choice.ids == expected


def test_an_ambiguous_prefix_names_the_candidates(town):
    choice = choose_parties("d66", town.parties)
    assert choice.problem is not None and choice.problem.kind == "ambiguous"
    assert choice.problem.candidates == ("D66 Zwolle", "D66 Roermond")
    unknown = choose_parties("pvda paars", town.parties)
    assert unknown.problem is not None and unknown.problem.kind == "unknown" and unknown.problem.text == "paars"
    assert choose_parties("9", town.parties).problem.kind == "unknown"


@given(st.sampled_from(range(4)), st.lists(st.booleans(), min_size=40, max_size=40))
def test_any_casing_of_a_full_name_chooses_that_party(index, upper):
    quiz = stemhulp.load(TOWN)
    party = quiz.parties[index]
    typed = "".join(c.upper() if up else c.lower() for c, up in zip(party.name, upper, strict=False))
    assert choose_parties(typed, quiz.parties).ids == (party.id,)


def test_piped_party_names_and_ambiguity_hint(runner, town_path, tmp_path):
    save = tmp_path / "a.json"
    outcome = _quiz(runner, town_path, ["", "e", "o", "", "d66", "PvdA zwolle d66 roer"], "--save", str(save))
    assert outcome.exit_code == 0, outcome.output
    assert "'d66' past bij meer dan één partij: D66 Zwolle, D66 Roermond" in outcome.stderr
    assert json.loads(save.read_text())["parties"] == ["pvda-zwolle", "d66-roermond"]


# Navigation -----------------------------------------------------------------------------------


def test_back_works_from_every_step(town):
    session = QuizSession(town)
    assert session.step == MUNICIPALITY and not session.back()  # three municipalities: the choice comes first
    session.set_municipality("Zwolle")
    assert session.step == STATEMENT and session.index == 0
    session.answer("agree")
    session.answer("disagree")
    assert session.step == IMPORTANT
    session.set_important(["s1"])
    assert session.step == PARTIES and [p.id for p in session.party_list] == ["pvda-zwolle", "d66-zwolle"]
    session.set_parties([])
    assert session.step == RESULT and session.parties == ["pvda-zwolle", "d66-zwolle"]
    for expected in (PARTIES, IMPORTANT, STATEMENT):
        assert session.back() and session.step == expected
    assert session.index == 1  # the last statement
    assert session.back() and session.index == 0
    assert session.back() and session.step == MUNICIPALITY and not session.back()


def test_a_town_with_one_programme_has_no_party_step(town):
    """Roermond has one programme: after the important step comes the result, about that programme."""
    session = QuizSession(town)
    session.set_municipality("roermond")
    session.answer("agree")
    session.answer("agree")
    session.set_important([])
    assert session.step == RESULT and session.compared == ("d66-roermond",)


def test_without_municipality_step_back_from_parties_is_important(town):
    session = QuizSession(town, {"s1": "agree", "s2": "agree"}, ask_municipality=False, index=2, step=PARTIES)
    assert session.back() and session.step == IMPORTANT


def test_overview_jumps_and_returns(town):
    session = QuizSession(town, ask_municipality=False)
    session.answer("agree")
    session.open_overview()
    assert session.step == OVERVIEW
    session.jump(1)
    session.answer("neutral")
    assert session.step == OVERVIEW and session.answers["s1"] == "neutral"
    session.leave_overview()  # back to the first open statement
    assert session.step == STATEMENT and session.index == 1


def test_a_finished_quiz_resumes_at_the_result_and_can_be_reopened(town):
    done = QuizSession(town, {"s1": "agree", "s2": "agree"}, index=2, step=RESULT, completed=True)
    saved = done.to_answer_set()
    assert saved.extra["finished"] is True
    again = QuizSession.resume(town, saved)
    assert again.step == RESULT
    again.reopen()
    again.jump(2)
    again.answer("disagree")
    again.leave_overview()
    assert again.step == RESULT and again.answers["s2"] == "disagree"


def test_piped_back_from_important_and_overview(runner, mini_path, tmp_path):
    save = tmp_path / "a.json"
    # Answer all three, at the important step go back, change s3, then overview: change s1, Enter.
    lines = ["e", "e", "e", "b", "o", "l", "1", "n", "", "", ""]
    outcome = _quiz(runner, mini_path, lines, "--save", str(save))
    assert outcome.exit_code == 0, outcome.output
    assert "Overzicht van je antwoorden" in outcome.stdout
    assert json.loads(save.read_text())["answers"] == {"s1": "neutral", "s2": "agree", "s3": "disagree"}


# Keys in the chosen language ------------------------------------------------------------------


def test_english_keys_and_dutch_keys_both_work(runner, mini_path, tmp_path, mini):
    assert parse_key("a", mini).word == "agree" and parse_key("d", mini).word == "disagree"
    save = tmp_path / "a.json"
    outcome = _quiz(runner, mini_path, ["a", "d", "e", "", ""], "--lang", "en", "--save", str(save))
    assert outcome.exit_code == 0, outcome.output
    assert "a agree · d disagree · n neither · s skip" in outcome.stdout
    assert "p what do the parties think?" in outcome.stdout
    assert json.loads(save.read_text())["answers"] == {"s1": "agree", "s2": "disagree", "s3": "agree"}


def test_help_lists_keys_save_metavar_and_short_answers(runner):
    outcome = runner.invoke(app, ["quiz", "--help"], env={"COLUMNS": "100"})
    text = " ".join(outcome.stdout.split())
    assert "a agree, d disagree, n neither, s skip" in text and "e eens, o oneens" in text
    assert "--save FILE" in text and "-a, --answers FILE" in text and "--result FILE" in text
    top = runner.invoke(app, ["--help"], env={"COLUMNS": "80"}).stdout
    commands = [
        line.split()[0]
        for line in top.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    listing = top.split("Commands:")[1]
    assert commands[0] == "quiz" and "..." not in listing and "…" not in listing
    export = " ".join(runner.invoke(app, ["export", "--help"]).stdout.split())
    assert "default: True" not in export
    assert "wahlomat or stemwijzer" in " ".join(runner.invoke(app, ["import", "--help"]).stdout.split())
    plot = " ".join(runner.invoke(app, ["plot", "--help"]).stdout.split())
    assert "default: a fresh one" in plot and "default: 0" not in plot


# Settings in the answers file, resume ---------------------------------------------------------


def test_answers_file_records_settings_and_resume_uses_them(runner, mini_path, tmp_path):
    save = tmp_path / "a.json"
    first = _quiz(
        runner,
        mini_path,
        ["a", "q"],
        "--lang",
        "en",
        "--method",
        "stemwijzer",
        "--missing",
        "exclude",
        "--save",
        str(save),
    )
    assert first.exit_code == 0
    saved = json.loads(save.read_text())
    assert saved["quiz"] == "mini" and saved["lang"] == "en" and saved["method"] == "stemwijzer"
    assert saved["missing"] == "exclude" and saved["salience"] is False
    assert saved["version"] == stemhulp.__version__
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("stemhulp.formats").joinpath("schemas", "answers.schema.json").read_text())
    jsonschema.validate(saved, schema)
    hint = " ".join(first.stderr.split())
    assert f"--resume {save} --lang en" in hint and f"stemhulp quiz {mini_path}" in hint
    second = _quiz(runner, mini_path, ["d", "n", "", ""], "--resume", str(save))
    assert "Statement 2 of 3" in second.stdout and "counting equal answers" in second.stdout
    third = _quiz(runner, mini_path, [], "--resume", str(save), "--lang", "nl", "--method", "cityblock")
    assert "Jouw uitslag" in third.stdout and "afstand tussen de antwoorden" in third.stdout


def test_bad_recorded_setting_is_a_clear_error(runner, mini_path, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"quiz": "mini", "lang": "fr", "method": "magic", "answers": {}}))
    outcome = _quiz(runner, mini_path, [], "--resume", str(path))
    assert outcome.exit_code == 1 and "Traceback" not in outcome.output
    assert (
        f"{path}: lang: onbekende taal 'fr'" in outcome.stderr and "method: onbekende methode 'magic'" in outcome.stderr
    )
    outcome = _quiz(runner, mini_path, [], "--resume", str(path), "--lang", "en")
    assert (
        f"{path}: lang: unknown language 'fr'" in outcome.stderr and "method: unknown method 'magic'" in outcome.stderr
    )


def test_save_path_printed_first_and_unwrapped(runner, mini_path, tmp_path):
    save = tmp_path / ("x" * 90) / "answers.json"
    save.parent.mkdir()
    outcome = _quiz(runner, mini_path, ["e"], "--save", str(save))
    lines = outcome.stderr.splitlines()
    assert lines[0] == "Je antwoorden worden bewaard in:" and lines[1] == str(save)


# The parties' view, notes, breakdown ----------------------------------------------------------


def test_parties_view_during_the_quiz_shows_positions_quotes_and_notes(runner, town_path):
    outcome = _quiz(runner, town_path, ["", "e", "p", "o", "", ""])
    out = " ".join(outcome.stdout.split())
    assert "Wat vinden de partijen? Stelling 2" in out
    assert "PvdA Zwolle: geen van beide" in out and "“Wij steunen wonen.”" in out
    assert "Toelichting: De quote klinkt als steun" in out
    assert "D66 Zwolle: geen standpunt" in out and "Christen-Démocratisch Appèl: eens" in out


def test_piped_breakdown_prints_each_party_with_notes(runner, town_path):
    outcome = _quiz(runner, town_path, ["", "e", "o", "", ""], "--breakdown")
    out = " ".join(outcome.stdout.split())
    assert outcome.exit_code == 0
    for name in ("PvdA Zwolle", "D66 Zwolle", "D66 Roermond"):
        assert f"{name}: jouw antwoorden naast het programma" in out
    assert "Toelichting: De quote klinkt als steun" in out
    assert "○ geen standpunt" in out  # the legend's own symbol for no stance
    plain = _quiz(runner, town_path, ["", "e", "o", "", ""])
    assert "jouw antwoorden naast het programma" not in plain.stdout


def test_piped_output_has_no_trailing_spaces(runner, mini_path):
    outcome = _quiz(runner, mini_path, ["e", "o", "n", "", ""], "--breakdown")
    assert outcome.exit_code == 0
    assert all(line == line.rstrip() for line in outcome.stdout.splitlines())


def test_result_wording_plain_method_and_coverage(runner, town_path):
    outcome = _quiz(runner, town_path, ["", "e", "o", "", ""], "--method", "cityblock")
    out = " ".join(outcome.stdout.split())
    assert "Methode: afstand tussen de antwoorden." in out
    assert "heeft een standpunt bij 1 van je 2 antwoorden" in out
    english = " ".join(
        _quiz(runner, town_path, ["", "a", "d", "", ""], "--lang", "en", "--method", "cityblock").stdout.split()
    )
    default = " ".join(_quiz(runner, town_path, ["", "e", "o", "", ""]).stdout.split())
    assert "Methode: dezelfde kant, neutraal telt deels." in default
    assert "Method: distance between answers" in english
    assert "The closer your answer is to the party's, the higher" in english


def test_match_table_in_the_quiz_language(runner, mini_path, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"quiz": "mini", "answers": {"s1": "eens"}}))
    dutch = runner.invoke(app, ["match", str(mini_path), "-a", str(path)], env={"COLUMNS": "120"})
    assert "partij" in dutch.stdout and "standpunten" in dutch.stdout and "missing:" not in dutch.stdout
    path.write_text(json.dumps({"quiz": "mini", "lang": "en", "answers": {"s1": "eens"}}))
    english = runner.invoke(app, ["match", str(mini_path), "-a", str(path)], env={"COLUMNS": "120"})
    assert "party" in english.stdout and "positions" in english.stdout


# Municipalities (library) ---------------------------------------------------------------------


def test_parties_in_a_municipality(town):
    assert [p.id for p in parties_in(town, "zwolle")] == ["pvda-zwolle", "d66-zwolle"]
    assert len(parties_in(town, None)) == 4
    with pytest.raises(KeyError):
        parties_in(town, "Atlantis")
    session = QuizSession(town)
    assert session.municipalities == ["Zwolle", "Roermond", "Emmen"]


def test_municipality_is_saved_and_restored(town):
    session = QuizSession(town, {"s1": "agree", "s2": "agree"}, index=2, step=MUNICIPALITY)
    session.set_municipality("Roermond")
    again = QuizSession.resume(town, session.to_answer_set())
    assert again.municipality == "Roermond" and [p.id for p in again.party_list] == ["d66-roermond"]


# The result as a file -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["html", "md", "json"])
def test_result_file_by_extension(runner, town_path, tmp_path, suffix):
    out = tmp_path / f"uitslag.{suffix}"
    outcome = _quiz(runner, town_path, ["", "e", "o", "1", ""], "--result", str(out))
    assert outcome.exit_code == 0, outcome.output
    content = out.read_text(encoding="utf-8")
    if suffix == "json":
        data = json.loads(content)
        assert data["result"]["results"][0]["party"] in {"pvda-zwolle", "d66-roermond"}
        pvda = next(p for p in data["statements"][1]["parties"] if p["party"] == "pvda-zwolle")
        assert pvda["note"].startswith("De quote klinkt") and pvda["quote"] == "Wij steunen wonen."
        assert data["lang"] == "nl" and data["method"]["name"] == stemhulp.DEFAULT_METHOD
    else:
        assert "PvdA Zwolle" in content and "Wij steunen wonen." in content
        assert "De quote klinkt als steun" in content and "Waarom deze methode" in content
    if suffix == "html":
        assert "<script" not in content and "http" not in content and "@media print" in content


def test_result_file_with_an_unknown_extension_fails_before_the_quiz(runner, mini_path, tmp_path):
    outcome = _quiz(runner, mini_path, ["e"], "--result", str(tmp_path / "uitslag.pdf"))
    assert outcome.exit_code == 1 and "uitslag.pdf" in outcome.stderr and "Stelling 1" not in outcome.stdout


def test_render_escapes_and_shows_stability_and_unranked(town):
    from stemhulp.dialogue.documents import render

    result = stemhulp.match(town, {"s1": "agree", "s2": "disagree"})

    class WithStability:
        """A result as another part of stemhulp may extend it."""

        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def to_dict(self):
            data = self.inner.to_dict()
            data["stability"] = {"top_changes_with_one_answer": "2 <of> 3"}
            data["results"][-1]["ranked"] = False
            data["results"][-1]["flags"] = ["few <stances>", "evasive"]
            return data

    html = render(WithStability(result), town, AnswerSet({"s1": "agree", "s2": "disagree"}), fmt="html", lang="en")
    assert "top_changes" not in html and "2 &lt;of&gt; 3" not in html  # raw data never reaches the page
    assert "not ranked" in html and "few &lt;stances&gt;" in html and "takes no side on most statements" in html
    assert "Your result: Town test" in html and '<html lang="en">' in html
    markdown = render(result, town, {"s1": "eens", "s2": "oneens"}, fmt="md", lang="nl")  # Dutch words too
    # D66 Roermond has one stance on the two statements: a single stance is flagged constant.
    assert (
        markdown.startswith("# Jouw uitslag: Gemeentetest")
        and "| 1= | D66 Roermond (neemt overal hetzelfde standpunt in) |" in markdown
    )
    with pytest.raises(ValueError):
        render(result, town, {}, fmt="pdf", lang="nl")


def test_municipality_and_important_choices(town):
    from stemhulp.dialogue.session import choose_municipality

    names = ["Zwolle", "Roermond", "Zeewolde"]
    assert choose_municipality("", names) == (True, None)
    assert choose_municipality("2", names) == (True, "Roermond")
    assert choose_municipality("ROER", names) == (True, "Roermond")
    assert choose_municipality("z", names) == (False, None)  # Zwolle or Zeewolde
    assert choose_municipality("4", names) == (False, None)
    session = QuizSession(town, {"s1": "agree", "s2": "skip"}, index=2, step=IMPORTANT)
    assert not session.choose_important("2")  # skipped: cannot count double
    assert session.choose_important("1") and session.important == ["s1"]
