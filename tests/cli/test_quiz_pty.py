"""The real program in a pseudo-terminal: answer, go back, interrupt, resume, finish, drill down.

Every step waits for what the screen shows (a prompt, a heading) before typing, with a timeout that
is generous because it only matters when something hangs: on a loaded machine start-up alone can
take many seconds, and `expect` returns as soon as the text appears.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

TIMEOUT = 180  # seconds: a ceiling for a hang, not a pause


def _spawn(*args, env):
    return pexpect.spawn(
        sys.executable,
        ["-m", "stemhulp", "quiz", *args],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )


def _prompt(child, label: str) -> None:
    """Wait for an input prompt (its label may be wrapped in colour codes)."""
    child.expect(label + r"(\x1b\[[0-9;]*m)*: ")


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "COLUMNS": "100", "TERM": "xterm"}


def test_interrupt_and_resume_in_a_terminal(mini_path, tmp_path, env):
    save = tmp_path / "answers.json"
    child = _spawn(str(mini_path), "--save", str(save), env=env)
    child.expect("Stelling 1 van 3")
    _prompt(child, "Je antwoord")
    child.sendline("e")
    child.expect("Stelling 2 van 3")
    _prompt(child, "Je antwoord")
    child.sendline("b")
    child.expect("Stelling 1 van 3")
    child.expect("Je antwoord was: eens")
    _prompt(child, "Je antwoord")
    child.sendline("o")
    child.expect("Stelling 2 van 3")
    _prompt(child, "Je antwoord")
    child.sendline("e")
    child.expect("Stelling 3 van 3")
    _prompt(child, "Je antwoord")
    child.sendintr()  # Ctrl-C
    child.expect("Onderbroken")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert json.loads(save.read_text())["answers"] == {"s1": "disagree", "s2": "agree"}

    child = _spawn(str(mini_path), "--resume", str(save), env=env)
    child.expect("Stelling 3 van 3")
    _prompt(child, "Je antwoord")
    child.sendline("n")
    _prompt(child, "Extra belangrijk")
    child.sendline("1")
    _prompt(child, "Partijen")
    child.sendline("")
    child.expect("Jouw uitslag")
    if child.expect(["extra stellingen", "Je keuze"]) == 0:
        child.sendline("n")
        child.expect("Je keuze")
    child.sendline("1")
    child.expect("jouw antwoorden naast het programma")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("t")
    child.expect("Overeenkomst per thema")
    child.expect("Je keuze")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = json.loads(save.read_text())
    assert saved["answers"] == {"s1": "disagree", "s2": "agree", "s3": "neutral"}
    assert saved["important"] == ["s1"]


def test_default_save_file_is_printed(mini_path, tmp_path, env):
    child = _spawn(str(mini_path), env=env)
    _prompt(child, "Je antwoord")
    child.sendline("e")
    _prompt(child, "Je antwoord")
    child.sendline("q")
    child.expect("bewaard in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    files = list((tmp_path / "data" / "stemhulp").glob("mini-*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text())["answers"] == {"s1": "agree"}


def test_unfinished_default_file_is_offered_and_the_path_is_printed_first(mini_path, tmp_path, env):
    env = {**env, "XDG_DATA_HOME": str(tmp_path / ("d" * 70))}  # a path longer than the 80 columns
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stemhulp", "quiz", str(mini_path)],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )
    child.expect("Je antwoorden worden bewaard in:")
    child.expect(r"(\S+mini-\S+\.json)\r\n")
    path = child.match.group(1)  # one piece, never broken by a wrap
    _prompt(child, "Je antwoord")
    child.sendline("e")
    _prompt(child, "Je antwoord")
    child.kill(9)
    child.close()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stemhulp", "quiz", str(mini_path)],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )
    child.expect(r"nog niet af is \(1 van 3")
    child.expect_exact(path)
    _prompt(child, r"Verder gaan\? \[J/n\]")
    child.sendline("")
    child.expect("Stelling 2 van 3")
    _prompt(child, "Je antwoord")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert json.loads(Path(path).read_text())["answers"] == {"s1": "agree"}


def test_finished_quiz_reopens_in_the_overview(mini_path, tmp_path, env):
    save = tmp_path / "done.json"
    save.write_text(
        json.dumps(
            {
                "quiz": "mini",
                "lang": "en",
                "finished": True,
                "important": [],
                "answers": {"s1": "agree", "s2": "agree", "s3": "agree"},
            }
        )
    )
    child = _spawn(str(mini_path), "--resume", str(save), env=env)
    child.expect("You finished this quiz")
    _prompt(child, "Your choice")
    child.sendline("l")
    child.expect("Your answers")
    _prompt(child, "Statement")
    child.sendline("2")
    child.expect("Statement 2 of 3")
    _prompt(child, "Your answer")
    child.sendline("d")  # the English key
    child.expect("Your answers")
    _prompt(child, "Statement")
    child.sendline("")
    child.expect("Your result")
    if child.expect(["extra statements", r"Your choice \(Enter"]) == 0:
        child.sendline("n")
        _prompt(child, r"Your choice \(Enter to stop\)")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    saved = json.loads(save.read_text())
    assert saved["answers"]["s2"] == "disagree" and saved["finished"] is True and saved["lang"] == "en"


def test_municipality_step_parties_view_notes_and_result_file(tmp_path, env):
    from tests.cli.test_quiz_dialogue import TOWN

    source = tmp_path / "town.json"
    source.write_text(json.dumps(TOWN))
    save, page = tmp_path / "a.json", tmp_path / "uitslag.html"
    child = _spawn(str(source), "--save", str(save), env=env)
    child.expect("Kies je gemeente")  # first, before any statement
    child.expect(r"alle\s+programma's")
    _prompt(child, "Gemeente")
    child.sendline("zwol")
    _prompt(child, "Je antwoord")
    child.sendline("e")
    _prompt(child, "Je antwoord")
    child.sendline("p")
    child.expect("Wat vinden de partijen")
    child.expect("Toelichting: ")
    _prompt(child, "Je antwoord")
    child.sendline("o")
    _prompt(child, "Extra belangrijk")
    child.sendline("")
    child.expect("Welke partijen")
    child.expect(r"2\. D66 Zwolle")
    _prompt(child, "Partijen")
    child.sendline("b")  # back to the important step
    _prompt(child, "Extra belangrijk")
    child.sendline("")
    _prompt(child, "Partijen")
    child.sendline("")
    child.expect("Jouw uitslag")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("9")  # no such party: the result screen's own hint
    child.expect("Typ een nummer of naam van een partij, t, p 4, l, r, b of Enter")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("b")  # back to the party step, and on again
    _prompt(child, "Partijen")
    child.sendline("")
    child.expect("Jouw uitslag")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("pvda")
    child.expect("PvdA Zwolle: jouw antwoorden naast het programma")
    child.expect("De quote klinkt als steun")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("p 1")
    child.expect("Wat vinden de partijen\\? Stelling 1")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("r")
    _prompt(child, r"Bewaren als .*")
    child.sendline(str(page))
    child.expect("Je uitslag is bewaard in")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    saved = json.loads(save.read_text())
    assert saved["municipality"] == "Zwolle" and saved["parties"] == ["pvda-zwolle", "d66-zwolle"]
    assert "Roermond" not in page.read_text().split("<h2>")[1] and "PvdA Zwolle" in page.read_text()


def test_the_whole_dialogue_read_off_an_80_column_terminal(tmp_path, env):
    """The bundled quiz in a real 80-column pseudo-terminal: the municipality first, every statement,
    the parties, the result's sentences; no drawn line wider than the screen."""
    import re

    import stemhulp

    count = len(stemhulp.load().statements)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stemhulp", "quiz", "--save", str(tmp_path / "a.json")],
        env={**env, "COLUMNS": "80"},
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(24, 80),
    )
    screen = []

    def step(label: str, reply: str) -> None:
        _prompt(child, label)
        screen.append(child.before)
        child.sendline(reply)

    step("Gemeente", "zwolle")
    for _ in range(count):
        step("Je antwoord", "e")
    step("Extra belangrijk", "")
    step("Partijen", "")
    step(r"Wil je 1 extra stelling beantwoorden om het verschil te maken\? \[j/n\]", "j")  # a close call
    step("Je antwoord", "e")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    screen.append(child.before)
    child.sendline("")
    child.expect(pexpect.EOF)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "".join(screen)).replace("\r", "")
    lines = shown.split("\n")
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    text = " ".join(shown.split())
    assert text.index("Kies je gemeente") < text.index(f"Stelling 1 van {count}")
    assert "Jouw uitslag" in text and "D66 Zwolle (2022)" in text and "PvdA Zwolle (2018)" in text
    assert "Extra stelling 1 van 1" in text and "De bovenste twee partijen liggen" in text
    assert "steekproeven" in text and "top_share" not in text and "directional" not in text


def test_marking_a_deal_breaker_in_a_terminal(mini_path, tmp_path, env):
    """At the important step "!1" marks statement 1 a deal-breaker: the result lists Partij Rood
    (which agrees where you disagree) apart, the statement named; the overview and the saved
    file show the mark."""
    save = tmp_path / "answers.json"
    child = _spawn(str(mini_path), "--save", str(save), env=env)
    for key in ("o", "e", "e"):
        _prompt(child, "Je antwoord")
        child.sendline(key)
    child.expect_exact("!3")  # the help line says how (wrapped or not, the example is on one line)
    _prompt(child, "Extra belangrijk")
    child.sendline("!1")
    _prompt(child, "Partijen")
    child.sendline("")
    child.expect("Jouw uitslag")
    child.expect("Uitgesloten door je breekpunten")
    child.expect(r"Partij Rood: staat aan de andere kant van je breekpunt\s+stelling 1")
    if child.expect(["extra stellingen", "Je keuze"]) == 0:
        child.sendline("n")
        child.expect("Je keuze")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(save.read_text())["dealbreakers"] == ["s1"]


# Runs the program as it is started (the console script, or `python -m stemhulp`) and sends it a real
# SIGINT, as Ctrl-C does, at the moment it first imports the module named by argv[1]: the same point
# of start-up every run, not a guessed delay.
_INTERRUPT_AT_IMPORT = """
import os, runpy, signal, sys

class InterruptAt:
    def find_spec(self, name, path=None, target=None):
        if name == target_module:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

target_module, program = sys.argv[1], sys.argv[2]
sys.argv = sys.argv[2:]
sys.meta_path.insert(0, InterruptAt())
if program == "-m":
    sys.argv[0] = "stemhulp"
    runpy.run_module("stemhulp", run_name="__main__", alter_sys=True)
else:
    runpy.run_path(program, run_name="__main__")
"""


@pytest.mark.parametrize("program", ["console script", "-m"])
@pytest.mark.parametrize(
    "module", ["stemhulp.formats.loading", "yaml", "typer", "rich.console", "stemhulp.cli.app", "stemhulp.cli.quiz"]
)
def test_ctrl_c_while_starting_ends_quietly(mini_path, env, program, module):
    # Ctrl-C while the program is still importing itself (most of its start-up) ends it the way
    # Ctrl-C ends it later: "interrupted" and exit code 130, never a traceback.
    if program == "console script":
        program = str(Path(sys.executable).with_name("stemhulp"))  # what `pip install` wrote
        assert Path(program).is_file(), "the console script is installed beside this Python"
    child = pexpect.spawn(
        sys.executable,
        ["-c", _INTERRUPT_AT_IMPORT, module, program, "quiz", str(mini_path)],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    output = child.before
    assert "Traceback" not in output and "Stelling 1" not in output, output
    assert "interrupted" in output and child.exitstatus == 130, (child.exitstatus, output)
