"""Hostile inputs through the library: the one whole-number parser and the one escaping rule
as properties, huge weights, and the sweep's task key, which must cover every setting that changes
a result and the quiz's content (each is changed in turn, and the tasks run again).
"""

from __future__ import annotations

import shutil
from itertools import cycle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stemhulp
from stemhulp.errors import MatchError, StemhulpError
from stemhulp.formats.numbers import MAX_DIGITS, whole_number, whole_numbers
from stemhulp.texts.inert import CONTROL, MARKUP, markdown, one_line, text_warnings, visible

from .harness import MINI

QUIZ = stemhulp.load(MINI)
DIGITS = "0123456789"


@given(st.one_of(st.text(max_size=30), st.text(alphabet=DIGITS + "²①２٣ -", max_size=25)))
def test_whole_number_reads_ascii_digits_only(text: str) -> None:
    """A whole number or a StemhulpError, never another exception; accepted exactly when the text
    (spaces around it aside) is 1 to MAX_DIGITS ASCII digits."""
    stripped = text.strip()
    try:
        number = whole_number(text, "x")
    except StemhulpError:
        assert not (stripped and len(stripped) <= MAX_DIGITS and all(c in DIGITS for c in stripped))
        return
    assert 1 <= len(stripped) <= MAX_DIGITS and all(c in DIGITS for c in stripped)
    assert number == int(stripped)


@given(st.text(max_size=40))
def test_whole_numbers_never_crash(text: str) -> None:
    try:
        numbers = whole_numbers(text, "x", low=0, high=10**6)
    except StemhulpError:
        return
    assert all(0 <= n <= 10**6 for n in numbers)


@pytest.mark.parametrize("text", ["5000", "9" * 19, "9" * 5000, "²", "①", "２", "1_000", "0x10", "1e3", "", " ", "-1"])
def test_whole_number_refuses(text: str) -> None:
    with pytest.raises(StemhulpError, match="x: expected a whole number"):
        whole_number(text, "x", low=0, high=999)


@given(st.text())
def test_visible_leaves_no_control_character(text: str) -> None:
    shown = visible(text)
    assert CONTROL.search(shown) is None
    assert shown.count("\n") == text.count("\n")
    line = one_line(text)
    assert CONTROL.search(line) is None and "\n" not in line and "\t" not in line


@given(st.text())
def test_markdown_is_literal(text: str) -> None:
    shown = markdown(text)
    assert "<" not in shown and ">" not in shown and "\n" not in shown
    assert CONTROL.search(shown) is None
    assert "](" not in shown.replace("\\]", "").replace("\\(", "")


_PIECES = st.sampled_from(["a", " ", "\n", "<", ">", "b", "/", "]", "(", "](", "javascript:", "\x1b", "\u202e"])


@given(st.lists(st.lists(_PIECES, max_size=4).map("".join), min_size=1, max_size=6))
def test_text_warnings_miss_no_text_and_invent_none(texts: list[str]) -> None:
    """A warning exactly when some text holds a control character or markup, however the texts
    are spread over statements, parties and quotes (markup split across two texts is none)."""
    quiz = attrs.evolve(
        QUIZ,
        title=texts[0],
        statements=[attrs.evolve(s, text=t) for s, t in zip(QUIZ.statements, cycle(texts))],
        parties=[attrs.evolve(p, full_name=t) for p, t in zip(QUIZ.parties, cycle(texts))],
        positions=[attrs.evolve(p, quote=t) for p, t in zip(QUIZ.positions, cycle(reversed(texts)))],
    )
    holding = [t for t in texts if CONTROL.search(t) or MARKUP.search(t)]
    assert bool(text_warnings(quiz)) == bool(holding), (texts, text_warnings(quiz))


WEIGHTS = [10**400, -(10**400), 10**5000, float("inf"), float("nan"), -1, True, "1", None, [1], 10**7]


@pytest.mark.parametrize("weight", WEIGHTS, ids=[f"weight{i}" for i in range(len(WEIGHTS))])
def test_match_weights_are_checked(weight: object) -> None:
    """`stemhulp.match(..., weights={id: 10**400})`: a MatchError, never OverflowError."""
    with pytest.raises(MatchError, match="weights"):
        stemhulp.match(QUIZ, {"s1": "agree"}, weights={"s1": weight})


# The sweep's task key ---------------------------------------------------------------------------

pytest.importorskip("pyarrow")

BASE = "quizzes: [quiz]\nrespondents: 300\nseeds: [1]\nmethods: [directional, stemwijzer]\n"
CHANGES = {
    "skip": "skip: 0.2\n",
    "important": "important: 0.3\n",
    "salience": "salience: true\n",
    "compare": "compare: [cityblock]\n",
    "tau_sample": "compare: [cityblock]\ntau_sample: 50\n",
}


@pytest.fixture()
def sweep_dir(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "quiz")
    return tmp_path


def _sweep(directory: Path, grid: str, out: str):
    from stemhulp.sweeps import sweep

    (directory / "g.yaml").write_text(grid, encoding="utf-8")
    return sweep(directory / "g.yaml", directory / out, scheduler="inline")


@pytest.mark.parametrize("setting", [*CHANGES, "quiz content"])
def test_changed_setting_reruns_its_tasks(sweep_dir: Path, setting: str) -> None:
    """Each setting that changes a result is part of the task key: after a change, the old rows are
    never reported as the new results; the tasks run again."""
    first = _sweep(sweep_dir, BASE, "base.parquet")
    assert first.ran == first.tasks == 2
    grid = BASE + CHANGES.get(setting, "")
    if setting == "quiz content":
        party = sweep_dir / "quiz" / "party_positions" / "rood.yaml"
        text = party.read_text(encoding="utf-8")
        assert "agree" in text
        party.write_text(text.replace("agree", "disagree", 1), encoding="utf-8")
    try:  # resumed into the same file: the old rows are never the new results
        again = _sweep(sweep_dir, grid, "base.parquet")
    except StemhulpError as error:
        assert "cannot resume" in str(error)
    else:
        assert again.ran == again.tasks, "old rows were reported as the new results"
    fresh = _sweep(sweep_dir, grid, "fresh.parquet")
    assert fresh.ran == fresh.tasks == 2
    old_keys = {row["task"] for row in first.rows}
    new_keys = {row["task"] for row in fresh.rows}
    assert not old_keys & new_keys, "a changed setting kept the old task keys"


def test_unchanged_grid_resumes(sweep_dir: Path) -> None:
    """The key is stable: the same grid over the same quiz runs nothing the second time."""
    first = _sweep(sweep_dir, BASE + CHANGES["skip"], "r.parquet")
    again = _sweep(sweep_dir, BASE + CHANGES["skip"], "r.parquet")
    assert first.ran == 2 and again.ran == 0 and again.rows == first.rows


def test_silent_scheduler_fails_within_a_bounded_time(sweep_dir: Path) -> None:
    """A listener that accepts and never answers (not a Dask scheduler) is a clear error in seconds."""
    pytest.importorskip("dask.distributed")
    import socket
    import time

    from stemhulp.sweeps import sweep
    from stemhulp.sweeps.run import CONNECT_SECONDS

    (sweep_dir / "g.yaml").write_text(BASE, encoding="utf-8")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        started = time.monotonic()
        with pytest.raises(StemhulpError, match="cannot reach the Dask scheduler"):
            sweep(sweep_dir / "g.yaml", scheduler=f"tcp://127.0.0.1:{listener.getsockname()[1]}")
        assert time.monotonic() - started < CONNECT_SECONDS + 10
