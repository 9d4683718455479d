"""The real program in a pseudo-terminal: answer, go back, interrupt, resume, finish, drill down."""

from __future__ import annotations

import json
import os
import sys

import pexpect
import pytest


def _spawn(*args, env):
    child = pexpect.spawn(sys.executable, ["-m", "stemhulp", "quiz", *args], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 100))
    return child


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
    child.sendline("b")
    child.expect("Stelling 1 van 3")
    child.expect("Je antwoord was: eens")
    child.sendline("o")
    child.expect("Stelling 2 van 3")
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
