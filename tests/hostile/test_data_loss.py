"""Hostile inputs, class "data loss": no file the user did not hand over for answers is destroyed.

Promises: `--save` refuses a file that is not an answers file for this quiz (and the quiz itself);
an existing answers file is never silently emptied; writes replace only regular files and write
through symbolic links; no temporary file survives an error.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from .harness import Case, assert_case, ids, run_cases, unchanged, unique, write

THESIS = "mijn scriptie\n"
ANSWERS = '{"quiz": "mini", "answers": {"s1": "agree", "s2": "skip"}}\n'


def _device(name: str):
    """A character device like /dev/full inside the case directory (root), else a link to it."""

    def setup(directory: Path) -> None:
        if os.geteuid() == 0:
            os.mknod(directory / name, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        else:
            os.symlink("/dev/full", directory / name)

    return setup


def _still_device(name: str):
    def check(directory: Path, result) -> None:
        path = directory / name
        assert os.path.exists(path) and stat.S_ISCHR(os.stat(path).st_mode), f"{name} is no longer a device"

    return check


def _fifo(name: str):
    def setup(directory: Path) -> None:
        os.mkfifo(directory / name)

    return setup


def _still_fifo(name: str):
    def check(directory: Path, result) -> None:
        assert stat.S_ISFIFO(os.lstat(directory / name).st_mode), f"{name} is no longer a FIFO"

    return check


def _link(name: str, target: str, content: str | None = None):
    def setup(directory: Path) -> None:
        if content is not None:
            (directory / target).write_text(content, encoding="utf-8")
        os.symlink(target, directory / name)

    return setup


def _link_kept(name: str, target: str, has: str):
    def check(directory: Path, result) -> None:
        assert (directory / name).is_symlink(), f"the link {name} was replaced by a plain file"
        assert has in (directory / target).read_text(encoding="utf-8"), f"{target} did not get the output"

    return check


def _answers_hold(name: str, **expected: str):
    def check(directory: Path, result) -> None:
        data = json.loads((directory / name).read_text(encoding="utf-8"))
        for key, word in expected.items():
            assert data["answers"].get(key) == word, data

    return check


def _quiz_intact(directory: Path, result) -> None:
    import stemhulp

    stemhulp.load(directory / "q.json")
    stemhulp.load(directory / "mini")


def _both(*checks):
    def check(directory: Path, result) -> None:
        for one in checks:
            one(directory, result)

    return check


def _chain(*setups):
    def setup(directory: Path) -> None:
        for one in setups:
            one(directory)

    return setup


SAVE = "never replace a file that is not an answers file for this quiz"
EXISTING = "an existing answers file is resumed or refused, never emptied"
REGULAR = "writes replace only regular files; links are written through"
QUIZ = "the quiz itself is never overwritten"

CASES = unique(
    [
        Case(
            "save-over-thesis",
            SAVE,
            ["quiz", "q.json", "--save", "thesis.txt"],
            write("thesis.txt", THESIS),
            stdin="",
            message="thesis.txt",
            check=unchanged("thesis.txt", THESIS),
        ),
        Case(
            "save-over-thesis-after-answers",
            SAVE,
            ["quiz", "q.json", "--save", "thesis.txt"],
            write("thesis.txt", THESIS),
            stdin="e\no\n",
            message="thesis.txt",
            check=unchanged("thesis.txt", THESIS),
        ),
        Case(
            "save-over-thesis-json",
            SAVE,
            ["quiz", "q.json", "--save", "notes.json"],
            write("notes.json", '{"title": "my notes"}\n'),
            stdin="",
            check=unchanged("notes.json", '{"title": "my notes"}\n'),
        ),
        Case(
            "save-over-json-list",
            SAVE,
            ["quiz", "q.json", "--save", "list.json"],
            write("list.json", "[1, 2]\n"),
            stdin="",
            check=unchanged("list.json", "[1, 2]\n"),
        ),
        Case(
            "save-over-yaml",
            SAVE,
            ["quiz", "q.json", "--save", "config.yaml"],
            write("config.yaml", "key: value\n"),
            stdin="",
            check=unchanged("config.yaml", "key: value\n"),
        ),
        Case(
            "save-over-binary",
            SAVE,
            ["quiz", "q.json", "--save", "photo.jpg"],
            write("photo.jpg", b"\xff\xd8\xff\xe0JFIF"),
            stdin="",
        ),
        Case("save-over-quiz-json", QUIZ, ["quiz", "q.json", "--save", "q.json"], stdin="e\n", check=_quiz_intact),
        Case(
            "save-over-quiz-yaml",
            QUIZ,
            ["quiz", "mini", "--save", "mini/statements/quiz.yaml"],
            stdin="e\n",
            check=_quiz_intact,
        ),
        Case(
            "save-over-party-yaml",
            QUIZ,
            ["quiz", "mini", "--save", "mini/party_positions/rood.yaml"],
            stdin="e\n",
            check=_quiz_intact,
        ),
        Case("save-over-quiz-dir", QUIZ, ["quiz", "mini", "--save", "mini"], stdin="e\n", check=_quiz_intact),
        Case(
            "save-new-file-in-parties",
            QUIZ,
            ["quiz", "mini", "--save", "mini/party_positions/mine.yaml"],
            stdin="e\n",
            check=_quiz_intact,
        ),
        Case(
            "save-beside-quiz-files",
            SAVE,
            ["quiz", "mini", "--save", "mini/mine.json"],
            stdin="e\n",
            exit=0,
            check=_both(_quiz_intact, _answers_hold("mini/mine.json", s1="agree")),
        ),
        Case(
            "save-over-quiz-via-link",
            QUIZ,
            ["quiz", "q.json", "--save", "link.json"],
            _link("link.json", "q.json"),
            stdin="e\n",
            check=_quiz_intact,
        ),
        Case(
            "resume-save-elsewhere",
            SAVE,
            ["quiz", "q.json", "--resume", "a.json", "--save", "thesis.txt"],
            write("thesis.txt", THESIS),
            stdin="e\n",
            check=unchanged("thesis.txt", THESIS),
        ),
        Case(
            "save-over-answers-of-other-quiz",
            SAVE,
            ["quiz", "q.json", "--save", "other.json"],
            write("other.json", '{"quiz": "other", "answers": {"x": "eens"}}\n'),
            stdin="",
            check=unchanged("other.json", '{"quiz": "other", "answers": {"x": "eens"}}\n'),
        ),
        Case(
            "save-over-existing-answers",
            EXISTING,
            ["quiz", "q.json", "--save", "a.json"],
            stdin="",
            message="--resume",
            check=unchanged("a.json", ANSWERS),
        ),
        Case(
            "save-over-existing-answers-typing",
            EXISTING,
            ["quiz", "q.json", "--save", "a.json"],
            stdin="o\no\no\n",
            check=unchanged("a.json", ANSWERS),
        ),
        Case(
            "save-over-empty-file-allowed",
            EXISTING,
            ["quiz", "q.json", "--save", "empty.json"],
            write("empty.json", ""),
            stdin="e\no\n\n\n",
            exit=0,
            check=_answers_hold("empty.json", s1="agree"),
        ),
        Case(
            "resume-keeps-answers",
            EXISTING,
            ["quiz", "q.json", "--resume", "a.json"],
            stdin="",
            exit=0,
            check=_answers_hold("a.json", s1="agree", s2="skip"),
        ),
        Case(
            "resume-adds-answers",
            EXISTING,
            ["quiz", "q.json", "--resume", "a.json"],
            stdin="o\n",
            exit=0,
            check=_answers_hold("a.json", s1="agree", s2="skip", s3="disagree"),
        ),
        Case(
            "save-new-file",
            SAVE,
            ["quiz", "q.json", "--save", "new/deeper/mine.json"],
            stdin="e\n",
            exit=0,
            check=_answers_hold("new/deeper/mine.json", s1="agree"),
        ),
        Case(
            "save-to-directory",
            REGULAR,
            ["quiz", "q.json", "--save", "folder"],
            lambda d: (d / "folder").mkdir(),
            stdin="e\n",
            message="folder",
        ),
        Case(
            "save-to-fifo",
            REGULAR,
            ["quiz", "q.json", "--save", "pipe"],
            _fifo("pipe"),
            stdin="e\n",
            check=_still_fifo("pipe"),
            timeout=10,
        ),
        Case(
            "save-to-device",
            REGULAR,
            ["quiz", "q.json", "--save", "dev"],
            _device("dev"),
            stdin="e\n",
            check=_still_device("dev"),
        ),
        Case(
            "save-through-link",
            REGULAR,
            ["quiz", "q.json", "--save", "link.json"],
            _link("link.json", "real.json", ""),
            stdin="e\n",
            exit=0,
            check=_link_kept("link.json", "real.json", "agree"),
        ),
        Case(
            "save-through-dangling-link",
            REGULAR,
            ["quiz", "q.json", "--save", "link.json"],
            _link("link.json", "real.json"),
            stdin="e\n",
            exit=0,
            check=_link_kept("link.json", "real.json", "agree"),
        ),
        Case(
            "save-link-to-thesis",
            SAVE,
            ["quiz", "q.json", "--save", "link.txt"],
            _link("link.txt", "thesis.txt", THESIS),
            stdin="e\n",
            check=_both(unchanged("thesis.txt", THESIS), lambda d, r: (d / "link.txt").is_symlink()),
        ),
        Case(
            "save-link-loop",
            REGULAR,
            ["quiz", "q.json", "--save", "loop.json"],
            lambda d: os.symlink("loop.json", d / "loop.json"),
            stdin="e\n",
            message="loop.json",
        ),
        Case(
            "resume-through-link",
            EXISTING,
            ["quiz", "q.json", "--resume", "link.json"],
            _link("link.json", "real.json", ANSWERS),
            stdin="o\n",
            exit=0,
            check=_link_kept("link.json", "real.json", "disagree"),
        ),
        Case(
            "export-out-device",
            REGULAR,
            ["export", "q.json", "--out", "dev"],
            _device("dev"),
            check=_still_device("dev"),
        ),
        Case(
            "export-out-fifo",
            REGULAR,
            ["export", "q.json", "--out", "pipe"],
            _fifo("pipe"),
            check=_still_fifo("pipe"),
            timeout=10,
        ),
        Case(
            "export-out-directory",
            REGULAR,
            ["export", "q.json", "--out", "folder"],
            lambda d: (d / "folder").mkdir(),
            message="folder",
        ),
        Case(
            "export-out-link",
            REGULAR,
            ["export", "q.json", "--out", "link.json"],
            _link("link.json", "real.json", ""),
            exit=0,
            check=_link_kept("link.json", "real.json", "stemhulp/1"),
        ),
        Case(
            "export-out-under-file",
            REGULAR,
            ["export", "q.json", "--out", "thesis.txt/x.json"],
            write("thesis.txt", THESIS),
            message="thesis.txt",
            check=unchanged("thesis.txt", THESIS),
        ),
        Case(
            "simulate-out-device",
            REGULAR,
            ["simulate", "q.json", "-n", "50", "--seed", "1", "--out", "dev"],
            _device("dev"),
            check=_still_device("dev"),
        ),
        Case(
            "simulate-out-fifo",
            REGULAR,
            ["simulate", "q.json", "-n", "50", "--seed", "1", "--out", "pipe"],
            _fifo("pipe"),
            check=_still_fifo("pipe"),
            timeout=10,
        ),
        Case(
            "simulate-out-link",
            REGULAR,
            ["simulate", "q.json", "-n", "50", "--seed", "1", "--out", "link.csv"],
            _link("link.csv", "real.csv", ""),
            exit=0,
            check=_link_kept("link.csv", "real.csv", "respondent"),
        ),
        Case(
            "simulate-out-directory",
            REGULAR,
            ["simulate", "q.json", "-n", "50", "--out", "folder"],
            lambda d: (d / "folder").mkdir(),
            message="folder",
        ),
        Case(
            "import-out-under-file",
            REGULAR,
            ["import", "../../q.json", "--out", "thesis.txt/quiz"],
            write("thesis.txt", THESIS),
            check=unchanged("thesis.txt", THESIS),
        ),
        Case("import-out-existing-quiz", QUIZ, ["import", "q.json", "--out", "mini"], check=_quiz_intact),
        Case(
            "import-out-file",
            REGULAR,
            ["import", "q.json", "--out", "thesis.txt"],
            write("thesis.txt", THESIS),
            check=unchanged("thesis.txt", THESIS),
        ),
        Case(
            "save-readonly-dir",
            "a folder without write permission is one clear error before any answer",
            ["quiz", "q.json", "--save", "ro/mine.json"],
            lambda d: ((d / "ro").mkdir(), os.chmod(d / "ro", 0o555)),
            stdin="e\n",
            message="ro",
            user="nobody",
        ),
        Case(
            "resume-readonly-file",
            "a resumed read-only answers file keeps its answers (replaced, as editors do)",
            ["quiz", "q.json", "--resume", "ro.json"],
            _chain(write("ro.json", ANSWERS), lambda d: os.chmod(d / "ro.json", 0o444)),
            stdin="o\n",
            exit=0,
            user="nobody",
            check=_answers_hold("ro.json", s1="agree", s3="disagree"),
        ),
        Case(
            "resume-readonly-dir",
            "an answers file in a read-only folder is one clear error before any answer",
            ["quiz", "q.json", "--resume", "ro/a.json"],
            _chain(write("ro/a.json", ANSWERS), lambda d: os.chmod(d / "ro", 0o555)),
            stdin="o\n",
            message="ro/a.json",
            user="nobody",
            check=unchanged("ro/a.json", ANSWERS),
        ),
        Case(
            "import-out-readonly",
            "a folder without write permission is one clear error",
            ["import", "q.json", "--out", "ro/quiz"],
            lambda d: ((d / "ro").mkdir(), os.chmod(d / "ro", 0o555)),
            message="ro",
            user="nobody",
        ),
        Case(
            "export-out-readonly",
            "a folder without write permission is one clear error",
            ["export", "q.json", "--out", "ro/q.json"],
            lambda d: ((d / "ro").mkdir(), os.chmod(d / "ro", 0o555)),
            message="ro",
            user="nobody",
        ),
    ]
)


@pytest.fixture(scope="module")
def results():
    return run_cases(CASES)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_data_loss(case: Case, results) -> None:
    directory, result = results[case.id]
    assert_case(case, directory, result)
