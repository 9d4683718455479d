"""`stemhulp quiz --adaptive` through Typer's runner: told it may stop, stopped early and saying so,
in English, resumed adaptive from the saved file, and a bad saved setting refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stemhulp.cli.app import app
from stemhulp.matching.adaptive import MIN_ANSWERS

from ..helpers import even_quiz_document


@pytest.fixture
def even_path(tmp_path) -> Path:
    path = tmp_path / "adaptief.json"
    path.write_text(json.dumps(even_quiz_document()), encoding="utf-8")
    return path


def test_quiz_adaptive_piped_stops_early_and_says_so(runner, even_path, tmp_path):
    save = tmp_path / "a.json"
    lines = ["e"] * MIN_ANSWERS + ["", ""]
    outcome = runner.invoke(
        app, ["quiz", str(even_path), "--adaptive", "--save", str(save)], input="".join(f"{x}\n" for x in lines)
    )
    assert outcome.exit_code == 0, outcome.output
    out = " ".join(outcome.stdout.split())  # lines as wrapped for the terminal, joined
    assert "de stemhulp eerder stoppen" in out and "alle 12 stellingen beantwoorden" in out
    assert f"Vraag {MIN_ANSWERS} · stelling {MIN_ANSWERS} van 12" in out
    assert f"Vraag {MIN_ANSWERS + 1} " not in out
    assert f"Je topadvies staat vast na {MIN_ANSWERS} van de 12 stellingen" in out
    result = out.split("Jouw uitslag")[1]
    assert result.index("Partij A") < result.index("Partij C") < result.index("Partij B")
    saved = json.loads(save.read_text())
    assert saved["adaptive"] is True and len(saved["answers"]) == MIN_ANSWERS


def test_quiz_adaptive_in_english_and_resumed_adaptive_from_the_file(runner, even_path, tmp_path):
    save = tmp_path / "a.json"
    first = runner.invoke(
        app, ["quiz", str(even_path), "--adaptive", "--lang", "en", "--save", str(save)], input="a\na\na\n"
    )
    assert first.exit_code == 0, first.output
    out = " ".join(first.stdout.split())
    assert "the quiz may stop early" in out and "Question 3 · statement 3 of 12" in out
    again = runner.invoke(
        app, ["quiz", str(even_path), "--resume", str(save)], input="".join("a\n" for _ in range(MIN_ANSWERS))
    )
    assert again.exit_code == 0, again.output
    assert f"Your top advice is firm after {MIN_ANSWERS} of the 12 statements" in " ".join(again.stdout.split())


def test_a_saved_adaptive_setting_that_is_not_a_flag_is_refused(runner, even_path, tmp_path):
    save = tmp_path / "a.json"
    save.write_text(json.dumps({"answers": {}, "adaptive": "yes"}))
    outcome = runner.invoke(app, ["quiz", str(even_path), "--resume", str(save)], input="")
    assert outcome.exit_code == 1
    assert "adaptive" in outcome.output and "'yes'" in outcome.output
