"""Examples run as tests; start-up stays light (no numpy behind `stemhulp --help`)."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT


def test_embed_example_runs_on_a_quiz(mini_path):
    """examples/embed.py prints a ranking, a breakdown, a JSON entry and a score matrix."""
    completed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "embed.py"), str(mini_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = completed.stdout.splitlines()
    assert lines[0] == "Mini-stemhulp: 3 statements, method cityblock"
    assert lines[1].startswith(" 1. Partij Rood") and "62.5%" in lines[1]
    assert "2. Partij Blauw" in lines[2] and "2. Partij Groen" in lines[3]  # a shared second place
    assert lines[4] == "  s1: you agree, Partij Rood agree -> agree"
    assert lines[7].startswith('{"party": "rood"')


def test_embed_example_on_the_bundled_quiz_prints_the_librarys_result():
    """Every line the example prints is what the library gives for its answers (computed here, so
    the test holds however the bundled quiz grows)."""
    import json

    import numpy as np

    import stemhulp

    completed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "embed.py")], capture_output=True, text=True, check=True
    )
    lines = completed.stdout.splitlines()
    quiz = stemhulp.load()
    words = ["eens", "oneens", "geen van beide", "skip"]
    answers = {s.id: words[i % len(words)] for i, s in enumerate(quiz.statements)}
    result = stemhulp.match(quiz, answers, important=[quiz.statements[0].id], method="cityblock", missing="neutral")
    assert lines[0] == f"{quiz.title}: {len(quiz.statements)} statements, method cityblock"
    ranking = lines[1 : 1 + len(quiz.parties)]
    for line, entry in zip(ranking, result.ranking, strict=True):
        cover = f"{entry.coverage.with_stance}/{entry.coverage.answered}"
        rank = "–" if entry.rank is None else entry.rank
        reason = f" {entry.unranked_reason}" if entry.unranked_reason else ""
        assert line == f"{rank:>2}. {entry.name:<28} {entry.score:5.1f}%  (stance on {cover} answered){reason}"
    best = result.ranking[0]
    why = lines[1 + len(quiz.parties) : 4 + len(quiz.parties)]
    assert why == [
        f"  {c.statement}: you {c.answer or 'skipped'}, {best.name} {c.position or 'no stance'} -> {c.agreement}"
        for c in best.comparisons[:3]
    ]
    document = lines[4 + len(quiz.parties)]
    assert document == json.dumps(result.to_dict()["results"][0], ensure_ascii=False)[:120] + " …"
    codes = np.random.default_rng(1).integers(0, quiz.scale.size, size=(5, len(quiz.statements)))
    matrix = str(np.round(stemhulp.match_many(quiz, codes), 1)).splitlines()
    assert lines[5 + len(quiz.parties) : 5 + len(quiz.parties) + len(matrix)] == matrix
    firmness = result.stability.top_share
    if firmness is not None:
        assert lines[5 + len(quiz.parties) + len(matrix)] == f"top advice stays on top in {firmness:.0%} of resamples"


def test_cli_start_up_imports_no_numpy():
    """`stemhulp --help` and `stemhulp quiz` start fast: the CLI imports numpy/scipy only when scoring."""
    code = (
        "import sys; import stemhulp.cli.app; "
        "print(sorted(m for m in ('numpy', 'scipy', 'matplotlib') if m in sys.modules))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
