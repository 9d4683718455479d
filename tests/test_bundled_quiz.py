"""Invariants of the bundled quiz (never its exact content, which grows)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import stemhulp

PROGRAMMES = Path(__file__).resolve().parent.parent.parent / "shared" / "programmes"
CODEBOOK = Path(__file__).resolve().parent.parent / "statements" / "CODEBOOK.md"


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load()


def stance_report(quiz) -> tuple[str, list[str]]:
    """Per statement, how many programmes take each stance; and the statements that fail."""
    lines, failures = [], []
    for statement in (*quiz.statements, *quiz.tiebreak_statements):
        counts = Counter(
            quiz.position(p.id, statement.id).position if quiz.position(p.id, statement.id) else None
            for p in quiz.parties
        )
        stances = {k: v for k, v in counts.items() if k is not None}
        row = ", ".join(f"{option} {stances.get(option, 0)}" for option in quiz.scale.options)
        lines.append(f"{statement.id:>4}: {row}, no stance {counts.get(None, 0)}")
        if sum(stances.values()) < 2:
            failures.append(f"{statement.id}: fewer than two programmes take a stance")
        elif len(stances) < 2:
            failures.append(f"{statement.id}: every programme with a stance says {next(iter(stances))!r}")
    return "\n".join(lines), failures


def test_every_statement_discriminates(quiz):
    """No statement on which all programmes agree, none with fewer than two stances (the stance
    table is shown only when this fails)."""
    report, failures = stance_report(quiz)
    assert not failures, "\n".join([*failures, "Stances per statement (bundled quiz):", report])


def test_size_themes_and_coverage(quiz):
    assert len(quiz.statements) >= 30
    assert len({s.theme for s in quiz.statements}) >= 6
    assert quiz.tiebreak_statements
    assert len(quiz.parties) == 5
    # A programme with fewer than 8 stances is kept only when its text cannot support more (the
    # codebook's §12 says so, by name, with the figures) and the library flags it as mostly silent,
    # so the coverage rule keeps it out of the ranking where it has no stance.
    from stemhulp.profiles import party_profile

    profiles = party_profile(quiz)
    limits = CODEBOOK.read_text(encoding="utf-8").split("## 12.")[1].split("\n## ")[0]
    for party in quiz.parties:
        stances = sum(1 for s in quiz.statements if quiz.stance_code(party.id, s.id) >= 0)
        if stances < 8:
            assert stances >= 5, f"{party.id} has a stance on only {stances} statements"
            assert f"{party.name} has {stances} stances" in limits, f"{party.id}: not documented in CODEBOOK §12"
            assert "mostly_silent" in profiles[party.id].flags, party.id


def test_statements_are_complete(quiz):
    """Dutch and English text, a neutral explanation, and a loading on at least one axis."""
    axis_ids = {axis.id for axis in quiz.axes}
    assert len(axis_ids) == 2
    for statement in (*quiz.statements, *quiz.tiebreak_statements):
        assert statement.text_en and statement.theme_en, statement.id
        assert statement.explanation and statement.explanation_en, statement.id
        assert statement.axes and set(statement.axes) <= axis_ids, statement.id


def test_agreeing_with_everything_is_not_a_strategy(quiz):
    """Some statements load negatively on the collective-care axis (agree = less government)."""
    negative = [s for s in quiz.statements if s.axes.get("collectief", 0) < 0]
    assert len(negative) >= len(quiz.statements) // 4


def test_stances_carry_evidence(quiz):
    """Every stance has a quote and a source; salience is 1–3; the unnamed party is not guessed."""
    for position in quiz.positions:
        assert 1 <= position.weight <= 3
        if position.position is not None:
            assert position.quote and position.source, (position.party, position.statement)
    assert "niet vermeld" in quiz.party_by_id["zoetermeer"].full_name


@pytest.mark.skipif(not PROGRAMMES.is_dir(), reason="../shared/programmes is not beside the checkout")
def test_every_quote_is_verbatim_in_its_programme(quiz):
    assert stemhulp.validate(None, sources=PROGRAMMES) == []
