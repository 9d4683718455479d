"""`stemhulp quiz` driven through Typer's runner (piped mode: one line per prompt)."""

from __future__ import annotations

import json

from stemhulp.cli.app import app


def _quiz(runner, mini_path, lines, *args):
    return runner.invoke(app, ["quiz", str(mini_path), *args], input="".join(f"{line}\n" for line in lines))


def test_full_piped_dialogue(runner, mini_path):
    """Answers, important statements and parties, then the ranked result; exit 0."""
    outcome = _quiz(runner, mini_path, ["e", "o", "n", "1", ""], "--method", "cityblock")
    assert outcome.exit_code == 0, outcome.output
    out = outcome.stdout
    assert "Stelling 1 van 3" in out and "Stelling 3 van 3" in out
    assert "Jouw uitslag" in out
    result = out.split("Jouw uitslag")[1]
    # s1 agree ×2, s2 disagree, s3 neutral. rood: 0+1+.5 = 1.5/4 -> 62.5; blauw 2+.5+0 -> 37.5;
    # groen: .5·2 + 1 + .5 = 2.5/4 -> 37.5 (tie with blauw).
    assert result.index("Partij Rood") < result.index("Partij Blauw") < result.index("Partij Groen")
    assert "62%" in result or "63%" in result
    assert "gedeeld" in result
    assert "\x1b[" not in outcome.output  # no colours or cursor codes when not a terminal


def test_back_info_and_bad_keys(runner, mini_path, tmp_path):
    """`b` re-asks the previous statement, `?` shows the explanation, nonsense gets a hint."""
    save = tmp_path / "a.json"
    outcome = _quiz(runner, mini_path, ["e", "b", "o", "?", "xyz", "s", "he", "e", "", ""], "--save", str(save))
    assert outcome.exit_code == 0, outcome.output
    assert "Nu betalen inwoners een eigen bijdrage." not in outcome.stdout  # ? was at s2, which has none
    assert "Geen extra informatie" in outcome.stdout
    assert outcome.stderr.count("Dat begrijp ik niet") == 2  # 'xyz' and 'he' (3-point quiz)
    saved = json.loads(save.read_text())
    assert saved["answers"] == {"s1": "disagree", "s2": "skip", "s3": "agree"}
    assert saved["quiz"] == "mini" and saved["important"] == []
    assert "parties" not in saved  # all parties


def test_info_shows_explanation_pro_and_con(runner, mini_path):
    outcome = _quiz(runner, mini_path, ["?", "e"])
    assert "Uitleg: Nu betalen inwoners een eigen bijdrage." in outcome.stdout
    assert "Voor: Iedereen krijgt hulp." in outcome.stdout and "Tegen: Het kost veel geld." in outcome.stdout


def test_end_of_input_prints_result_for_what_was_answered(runner, mini_path):
    outcome = _quiz(runner, mini_path, ["e"])
    assert outcome.exit_code == 0
    assert "Jouw uitslag" in outcome.stdout and "Partij Rood" in outcome.stdout


def test_nothing_answered_says_so(runner, mini_path):
    outcome = _quiz(runner, mini_path, [])
    assert outcome.exit_code == 0 and "geen uitslag" in outcome.stdout


def test_invalid_important_and_parties_lines_are_asked_again(runner, mini_path, tmp_path):
    save = tmp_path / "a.json"
    outcome = _quiz(runner, mini_path, ["e", "e", "e", "7", "1, 3", "paars", "1 rood"], "--save", str(save))
    assert outcome.exit_code == 0
    assert "Typ nummers uit de lijst (bijvoorbeeld" in outcome.stderr
    assert "alleen Enter voor alle partijen" in outcome.stderr
    saved = json.loads(save.read_text())
    assert saved["important"] == ["s1", "s3"] and saved["parties"] == ["blauw", "rood"]
    assert "Partij Groen" not in outcome.stdout.split("Jouw uitslag")[1]


def test_quit_keeps_answers_and_resume_continues(runner, mini_path, tmp_path):
    """`q` saves and exits 0; --resume starts at the first unanswered statement."""
    save = tmp_path / "a.json"
    first = _quiz(runner, mini_path, ["e", "o", "q"], "--save", str(save))
    assert first.exit_code == 0
    assert json.loads(save.read_text())["answers"] == {"s1": "agree", "s2": "disagree"}
    assert f"--resume {save}" in first.stderr
    second = _quiz(runner, mini_path, ["n", "", ""], "--resume", str(save))
    assert second.exit_code == 0
    assert "Stelling 3 van 3" in second.stdout and "Stelling 1 van 3" not in second.stdout
    assert json.loads(save.read_text())["answers"] == {"s1": "agree", "s2": "disagree", "s3": "neutral"}


def test_answers_option_skips_the_questions(runner, mini_path, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": {"s1": "eens"}}))
    outcome = runner.invoke(app, ["quiz", str(mini_path), "--answers", str(path)])
    assert outcome.exit_code == 0 and "Stelling" not in outcome.stdout and "Partij Rood" in outcome.stdout


def test_resume_of_another_quiz_or_a_broken_file_is_exit_1(runner, mini_path, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"quiz": "andere", "answers": {}}))
    outcome = _quiz(runner, mini_path, [], "--resume", str(other))
    assert outcome.exit_code == 1 and "horen bij stemhulp 'andere'" in outcome.stderr  # Dutch, the quiz's default
    outcome = _quiz(runner, mini_path, [], "--resume", str(other), "--lang", "en")
    assert outcome.exit_code == 1 and "belong to quiz 'andere'" in outcome.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    outcome = _quiz(runner, mini_path, [], "--resume", str(broken))
    assert outcome.exit_code == 1 and "geen geldige JSON" in outcome.stderr
    outcome = _quiz(runner, mini_path, [], "--resume", str(broken), "--lang", "en")
    assert outcome.exit_code == 1 and "invalid JSON" in outcome.stderr


def test_english(runner, mini_path):
    outcome = _quiz(runner, mini_path, ["e", "", ""], "--lang", "en")
    assert "Statement 1 of 3" in outcome.stdout and "The municipality pays for home help." in outcome.stdout
    assert "Care" in outcome.stdout and "Your result" in outcome.stdout
    # Statement 2 has no English text: it falls back to Dutch.
    assert "Mantelzorgers krijgen een jaarlijkse waardering." in outcome.stdout


def test_method_option(runner, mini_path):
    outcome = _quiz(runner, mini_path, ["e", "", ""], "--method", "stemwijzer")
    assert "Methode: gelijke antwoorden tellen" in outcome.stdout


def test_unwritable_save_file_fails_before_the_first_question(runner, mini_path, tmp_path):
    """A --save file that cannot be written is one clear error, exit 1, before anything is asked."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    outcome = _quiz(runner, mini_path, ["e"], "--save", str(blocker / "answers.json"))
    assert outcome.exit_code == 1 and "cannot write" in outcome.stderr
    assert "Stelling 1" not in outcome.stdout and "Traceback" not in outcome.output
