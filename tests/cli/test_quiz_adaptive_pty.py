"""`stemhulp quiz --adaptive` in a pseudo-terminal: told it may stop, stopped early, then on to the
full set from the result with `v`, and back to the statement asked before."""

from __future__ import annotations

import json
import os

import pexpect
import pytest

from stemhulp.matching.adaptive import MIN_ANSWERS

from ..helpers import even_quiz_document
from .test_quiz_pty import _prompt, _spawn

TOTAL = len(even_quiz_document()["statements"])


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "COLUMNS": "100", "TERM": "xterm"}


def test_adaptive_quiz_in_a_terminal_stops_early_and_goes_on(tmp_path, env):
    quiz = tmp_path / "adaptief.json"
    quiz.write_text(json.dumps(even_quiz_document()), encoding="utf-8")
    save = tmp_path / "answers.json"
    child = _spawn(str(quiz), "--adaptive", "--save", str(save), env=env)
    child.expect("eerder stoppen")
    for number in range(1, MIN_ANSWERS + 1):
        child.expect(f"Vraag {number} · stelling {number} van {TOTAL}")
        _prompt(child, "Je antwoord")
        child.sendline("e")
    child.expect(f"Je topadvies staat vast na {MIN_ANSWERS} van de {TOTAL} stellingen")
    _prompt(child, "Extra belangrijk")
    child.sendline("")
    _prompt(child, "Partijen")
    child.sendline("")
    child.expect("Jouw uitslag")
    child.expect(f"v de andere {TOTAL - MIN_ANSWERS} stellingen ook beantwoorden")
    _prompt(child, r"Je keuze \(Enter om te stoppen\)")
    child.sendline("v")
    child.expect(f"Vraag {MIN_ANSWERS + 1} · stelling {MIN_ANSWERS + 1} van {TOTAL}")
    _prompt(child, "Je antwoord")
    child.sendline("b")
    child.expect(f"Vraag {MIN_ANSWERS} · stelling {MIN_ANSWERS} van {TOTAL}")
    child.expect("Je antwoord was: eens")
    _prompt(child, "Je antwoord")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = json.loads(save.read_text())
    assert saved["adaptive"] is True and len(saved["answers"]) == MIN_ANSWERS
