"""Invariants of the bundled quiz (never its exact content, which grows)."""

from __future__ import annotations

from collections import Counter

import pytest

import stemhulp
from tests.paths import ROOT, SHARED

PROGRAMMES = SHARED / "programmes"
CODEBOOK = ROOT / "statements" / "CODEBOOK.md"


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
    # Version 3 keeps the statements that divide these programmes (CODEBOOK §10, §12): 15, in 6 themes.
    assert len(quiz.statements) >= 15
    assert len({s.theme for s in quiz.statements}) >= 6
    assert quiz.tiebreak_statements
    assert len(quiz.parties) == 5
    # A programme with fewer than 8 stances is kept only when its text cannot support more (the
    # codebook's §12 says so, by name, with the figures) and the library flags it as mostly silent,
    # so the coverage rule keeps it out of the ranking where it has no stance.
    from stemhulp.quiz.profiles import party_profile

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


# --- version 3: notes for voters, election years, the targets of issue 22 (CODEBOOK §2, §11, §12) ---


def _section(number: int) -> str:
    return CODEBOOK.read_text(encoding="utf-8").split(f"\n## {number}.")[1].split("\n## ")[0]


def test_no_note_shown_to_voters_carries_the_coding_trail(quiz):
    """Every stance has a plain note in Dutch and English (one or two sentences); none holds an id,
    a section sign, a code word or a coder's term; the trail is in coding_note."""
    from stemhulp.analysis.voternotes import note_problems

    assert note_problems(quiz) == ()
    for position in quiz.positions:
        if position.position is not None:
            assert position.note and position.note_en, (position.party, position.statement)
        for note in (position.note, position.note_en):
            if note:
                sentences = [s for s in note.replace("…", "").split(". ") if s.strip()]
                assert 1 <= len(sentences) <= 2, note
    assert any(p.coding_note for p in quiz.positions)


def test_no_stance_for_another_measure_tells_the_voter_which(quiz):
    """A programme that chose another measure has no stance, and its note says so (CODEBOOK §2)."""
    other = [p for p in quiz.positions if p.position is None and p.note]
    assert other
    for position in other:
        assert position.note.startswith("Neemt geen standpunt in"), position
        assert position.note_en.startswith("Takes no position"), position


def test_election_years_are_documented_and_the_zwolle_difference_is_said(quiz):
    evidence = _section(11)
    for party in quiz.parties:
        row = next(line for line in evidence.splitlines() if line.startswith(f"| {party.name} |"))
        assert (str(party.election_year) if party.election_year else "not stated") in row
    zwolle = {p.election_year for p in quiz.parties if p.municipality == "Zwolle"}
    assert len(zwolle) == 2
    for year in zwolle:
        assert str(year) in quiz.description and str(year) in quiz.description_en


def _one_sided(quiz) -> list[str]:
    result = []
    for statement in quiz.statements:
        codes = {quiz.stance_code(p.id, statement.id) for p in quiz.parties}
        if not {0, quiz.scale.size - 1} <= codes:
            result.append(statement.id)
    return result


def test_issue_22_targets_are_measured_not_typed(quiz):
    """The figures the codebook's target table gives, computed from the quiz: the all-agree lead
    within Zwolle (at most 10 points), the one-sided share (the accepted value), and every main
    statement either has stances from both Zwolle programmes or is flagged in §12."""
    ids = [s.id for s in quiz.statements]
    zwolle = [p.id for p in quiz.parties if p.municipality == "Zwolle"]
    agree = stemhulp.match(quiz, dict.fromkeys(ids, "agree"), parties=zwolle, min_coverage=0)
    lead = agree.ranking[0].score - agree.ranking[1].score
    assert lead <= 10
    limits = _section(12)
    assert f"| all-agree margin within Zwolle ≤ 10 points | 21.7 (D66 Zwolle) | {lead:.1f} " in limits
    one_sided = _one_sided(quiz)
    share = len(one_sided) / len(ids)
    accepted = {a.threshold: a for a in quiz.accepted}["max_valence_share"]
    assert share == pytest.approx(accepted.value) and set(accepted.items) == set(one_sided)
    assert f"{share:.0%} ({len(one_sided)} of {len(ids)})" in limits
    flagged = limits.split("**flagged** here:")[1].split("They compare")[0]
    for statement in ids:
        both = all(quiz.stance_code(p, statement) >= 0 for p in zwolle)
        assert both or statement in flagged, f"{statement}: no stance from both Zwolle programmes and not flagged"


def test_fewer_accepted_crossings_than_version_2_2(quiz):
    from stemhulp.analysis.quality import check

    report = check(quiz)
    assert report.passed and len(report.accepted) < 3
