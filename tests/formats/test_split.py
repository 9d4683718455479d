"""A long quiz's YAML files parsed partly in a second process give what one process gives: the same
quiz, the same problems in the same order; a second process that fails costs time, not results."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import stemhulp
from stemhulp.formats import split

PARENT = os.getpid()


def _problems(source: Path) -> list[str]:
    return stemhulp.validate(source)


def _doubled(items: list[int]) -> list[int]:
    return [2 * item for item in items]


def _dies_in_the_child(items: list[int]) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(1)
    return _doubled(items)


@pytest.fixture
def split_always(monkeypatch):
    """Every load splits: the test quizzes are far below SPLIT_BYTES, and this test process has
    threads (numpy's, a test server's), which a command's process does not have when it loads."""
    monkeypatch.setattr(split, "SPLIT_BYTES", 0)
    monkeypatch.setattr(split, "_may_have_a_second_process", lambda: True)


_ASK = "import threading; from stemhulp.formats import split; {}; print(split._may_have_a_second_process())"


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one CPU: nothing to split over")
def test_a_one_thread_process_splits_and_one_with_threads_does_not():
    def ask(first: str) -> str:
        done = subprocess.run([sys.executable, "-c", _ASK.format(first)], capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert ask("pass") == "True"
    assert ask("threading.Thread(target=threading.Event().wait, daemon=True).start()") == "False"


def test_a_split_gives_the_items_in_order(split_always):
    items = list(range(7))
    assert split.in_two_processes(_doubled, items, [1] * 7) == _doubled(items)


def test_a_second_process_that_dies_has_its_part_done_here(split_always):
    items = list(range(5))
    assert split.in_two_processes(_dies_in_the_child, items, [1] * 5) == _doubled(items)


def test_split_loading_gives_the_same_quiz(mini_path, request):
    alone = stemhulp.load(mini_path)
    request.getfixturevalue("split_always")
    assert stemhulp.load(mini_path) == alone


def test_split_loading_reports_the_same_problems_in_the_same_order(mini_path, tmp_path, request):
    quiz = tmp_path / "q"
    shutil.copytree(mini_path, quiz)
    parties = sorted((quiz / "party_positions").glob("*.yaml"))
    parties[0].write_text(parties[0].read_text(encoding="utf-8").replace("agree", "maybe", 1), encoding="utf-8")
    parties[1].write_text("id: x\n  bad: [indent\n", encoding="utf-8")
    parties[2].write_text(parties[2].read_text(encoding="utf-8") + "id: again\n", encoding="utf-8")
    alone = _problems(quiz)
    assert len(alone) >= 3, alone
    request.getfixturevalue("split_always")
    assert _problems(quiz) == alone
