"""Hostile endings: kill -9 at random points of a piped and of a terminal quiz, and two quizzes
saving to one file.

Promises: every answer the quiz acknowledged (by showing the next statement) is in the answers
file after a kill -9, the file is never half-written, and no temporary file outlives the next
run on that file; a second quiz saving to a file in use is refused plainly and the first keeps
all its answers.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from .harness import ROOT, leftovers

KEYS = {"e": "agree", "o": "disagree", "n": "neutral", "s": "skip"}


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "xterm",
    }


def _statement_ids() -> list[str]:
    import stemhulp

    return [s.id for s in stemhulp.load().statements]


class Piped:
    """A piped quiz whose standard output is read as it comes."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "stemhulp", "quiz", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.seen = b""

    def send(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def expect(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"no {text!r} in {self.seen[-500:]!r}"
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                assert chunk, f"output ended before {text!r}: {self.seen[-500:]!r}"
                self.seen += chunk

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


def _check_survivors(save: Path, acknowledged: dict[str, str], tmp_path: Path) -> None:
    """Every acknowledged answer is in the file; the file is whole; the next run leaves no temp file."""
    if acknowledged:
        data = json.loads(save.read_text(encoding="utf-8"))  # never half-written
        for statement, word in acknowledged.items():
            assert data["answers"].get(statement) == word, (statement, word, data)
    elif save.exists() and save.stat().st_size:
        json.loads(save.read_text(encoding="utf-8"))
    if save.exists():  # resuming cleans what a kill in mid-save may have left
        done = subprocess.run(
            [sys.executable, "-m", "stemhulp", "quiz", "--resume", str(save)],
            input=b"",
            capture_output=True,
            env=_env(tmp_path),
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode()
    assert not leftovers(save.parent), leftovers(save.parent)


@pytest.mark.parametrize("seed", range(6))
def test_kill_piped_quiz(tmp_path: Path, seed: int) -> None:
    """kill -9 at a random point of a piped quiz keeps every acknowledged answer."""
    rng = random.Random(seed)
    ids = _statement_ids()
    save = tmp_path / "mine.json"
    quiz = Piped(["--save", str(save), "--municipality", "Zwolle"], _env(tmp_path))
    quiz.expect(f"Stelling 1 van {len(ids)}")
    acknowledged: dict[str, str] = {}
    for number in range(rng.randrange(1, 8)):
        key = rng.choice(list(KEYS))
        quiz.send(key)
        quiz.expect(f"Stelling {number + 2} van")  # shown only after the answer was saved
        acknowledged[ids[number]] = KEYS[key]
    quiz.send(rng.choice(list(KEYS)))  # one more, killed at a random moment while it is handled
    time.sleep(rng.random() * 0.05)
    quiz.kill()
    _check_survivors(save, acknowledged, tmp_path)


@pytest.mark.parametrize("seed", range(4))
def test_kill_terminal_quiz(tmp_path: Path, seed: int) -> None:
    """kill -9 at a random point of a quiz in a pseudo-terminal keeps every acknowledged answer."""
    rng = random.Random(100 + seed)
    ids = _statement_ids()
    save = tmp_path / "mine.json"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stemhulp", "quiz", "--save", str(save), "--municipality", "Zwolle"],
        env=_env(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.expect(f"Stelling 1 van {len(ids)}")
    acknowledged: dict[str, str] = {}
    for number in range(rng.randrange(1, 8)):
        key = rng.choice(list(KEYS))
        child.sendline(key)
        child.expect(f"Stelling {number + 2} van")
        acknowledged[ids[number]] = KEYS[key]
    child.sendline(rng.choice(list(KEYS)))
    time.sleep(rng.random() * 0.05)
    child.kill(signal.SIGKILL)
    child.close(force=True)
    _check_survivors(save, acknowledged, tmp_path)


def test_second_quiz_on_the_same_file_is_refused(tmp_path: Path) -> None:
    """Two quizzes saving to one file: the second is told plainly; the first keeps every answer."""
    ids = _statement_ids()
    save = tmp_path / "shared.json"
    first = Piped(["--save", str(save), "--municipality", "Zwolle"], _env(tmp_path))
    first.expect("Stelling 1 van")
    first.send("e")
    first.expect("Stelling 2 van")
    second = subprocess.run(
        [sys.executable, "-m", "stemhulp", "quiz", "--save", str(save), "--municipality", "Zwolle"],
        input=b"o\no\n",
        capture_output=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert second.returncode == 1
    assert "another stemhulp quiz is saving to this file" in second.stderr.decode()
    resumed = subprocess.run(
        [sys.executable, "-m", "stemhulp", "quiz", "--resume", str(save)],
        input=b"o\n",
        capture_output=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert resumed.returncode == 1 and "another stemhulp quiz" in resumed.stderr.decode()
    first.send("o")
    first.expect("Stelling 3 van")
    first.process.stdin.close()  # end of input: the result, then exit 0
    assert first.process.wait(timeout=60) == 0
    first.process.stdout.close()
    first.process.stderr.close()
    assert json.loads(save.read_text(encoding="utf-8"))["answers"] == {ids[0]: "agree", ids[1]: "disagree"}
    again = subprocess.run(
        [sys.executable, "-m", "stemhulp", "quiz", "--resume", str(save)],
        input=b"n\n",
        capture_output=True,
        env=_env(tmp_path),
        timeout=60,
    )
    assert again.returncode == 0, again.stderr.decode()  # the lock went with the first run
    assert json.loads(save.read_text(encoding="utf-8"))["answers"][ids[2]] == "neutral"
    assert not leftovers(tmp_path)
