"""Named mutants: does the test suite notice a small wrong change in the core modules?

    python -m tests.mutants            # every mutant
    python -m tests.mutants NAME ...   # some of them
    python -m tests.mutants --docs     # every mutant, and the docs' table rewritten from the run

Each mutant replaces one snippet of source (which must occur exactly once) in a copy of the
checkout and runs the tests that should notice; it is *caught* when they fail. Not part of the
normal suite (it runs the tests once per mutant). docs/development.md lists the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
SESSION_TESTS = ("tests/dialogue/test_session.py", "tests/cli/test_quiz_piped.py", "tests/cli/test_quiz_dialogue.py")
SCORE_TESTS = (
    "tests/matching/test_golden.py",
    "tests/matching/test_properties.py",
    "tests/formats/test_answers_file.py",
)
ANSWER_TESTS = (
    "tests/formats/test_answers_file.py",
    "tests/formats/test_answers_write.py",
    "tests/cli/test_quiz_piped.py",
    "tests/cli/test_commands.py",
)


@attrs.frozen
class Mutant:
    """Replace `before` by `after` in `path` (relative to the checkout); `tests` should fail."""

    name: str
    path: str
    before: str
    after: str
    tests: tuple[str, ...]


MUTANTS: tuple[Mutant, ...] = (
    # session.py: the dialogue and the parsers of what people type
    Mutant(
        "session-back-at-first",
        "stemhulp/dialogue/session.py",
        "            if self.index == 0:\n                return False\n",
        "",
        SESSION_TESTS,
    ),
    Mutant(
        "session-resume-index",
        "stemhulp/dialogue/session.py",
        "if s.id not in session.answers),",
        "if s.id in session.answers),",
        SESSION_TESTS,
    ),
    Mutant(
        "session-answered-skips",
        "stemhulp/dialogue/session.py",
        "return [s for s in self.quiz.statements if self.answers.get(s.id, SKIP) != SKIP]",
        "return [s for s in self.quiz.statements if s.id in self.answers]",
        SESSION_TESTS,
    ),
    Mutant(
        "session-numbers-upper",
        "stemhulp/dialogue/session.py",
        "1 <= int(part) <= upper",
        "1 <= int(part) < upper",
        SESSION_TESTS,
    ),
    Mutant(
        "session-numbers-repeat",
        "stemhulp/dialogue/session.py",
        "list(dict.fromkeys(int(part) for part in parts))",
        "[int(part) for part in parts]",
        SESSION_TESTS,
    ),
    Mutant(
        "session-party-ambiguous",
        "stemhulp/dialogue/session.py",
        '            if len(found) > 1:\n                return PartyChoice(problem=ChoiceProblem("ambiguous"',
        '            if False:\n                return PartyChoice(problem=ChoiceProblem("ambiguous"',
        SESSION_TESTS,
    ),
    Mutant(
        "session-key-back",
        "stemhulp/dialogue/session.py",
        "COMMANDS = (BACK, INFO, QUIT, PARTIES_VIEW, OVERVIEW_KEY)",
        "COMMANDS = (INFO, QUIT, PARTIES_VIEW, OVERVIEW_KEY)",
        SESSION_TESTS,
    ),
    # engine.py (and the two places beside it that turn scores into a ranking)
    Mutant(
        "engine-important-double",
        "stemhulp/matching/engine.py",
        "rows.append(2.0 * columns)",
        "rows.append(1.0 * columns)",
        SCORE_TESTS,
    ),
    Mutant(
        "engine-euclidean-root",
        "stemhulp/matching/engine.py",
        "    if root:\n        np.sqrt(out, out=out)\n",
        "",
        SCORE_TESTS,
    ),
    Mutant(
        "engine-important-skipped",
        "stemhulp/matching/engine.py",
        "np.multiply(important & (codes >= 0), self.options",
        "np.multiply(important, self.options",
        SCORE_TESTS,
    ),
    Mutant(
        "engine-missing-weights",
        "stemhulp/matching/engine.py",
        "W = np.where(stance, 1.0, fill_weights[None, :, None])",
        "W = np.where(stance, 1.0, 1.0)",
        SCORE_TESTS,
    ),
    Mutant(
        "engine-salience",
        "stemhulp/matching/engine.py",
        "        W = W * salience[:, None, :]\n",
        "        W = W * 1.0\n",
        SCORE_TESTS,
    ),
    Mutant(
        "engine-coverage",
        "stemhulp/matching/engine.py",
        "per_answer = np.concatenate([(stances >= 0) * counted",
        "per_answer = np.concatenate([(stances >= -1) * counted",
        SCORE_TESTS,
    ),
    Mutant(
        "engine-statement-weights",
        "stemhulp/matching/engine.py",
        "all_columns = all_columns * np.asarray(weights, dtype=float)[:, None, None]",
        "all_columns = all_columns * 1.0",
        SCORE_TESTS,
    ),
    Mutant(
        "ranking-tie-tolerance",
        "stemhulp/matching/ranking.py",
        "leader - present[group_end][1] <= TIE_TOLERANCE",
        "leader - present[group_end][1] <= 0",
        SCORE_TESTS,
    ),
    Mutant(
        "api-theme-mask",
        "stemhulp/matching/facade.py",
        "[np.array([float(s.theme == t) for s in statements]) for t in themes]",
        "[np.ones(len(statements)) for t in themes]",
        SCORE_TESTS,
    ),
    # methods.py: the kernels and the missing-stance policies
    Mutant(
        "methods-agreement-exact",
        "stemhulp/matching/methods.py",
        "(abs(user - party) > 1e-12) * 1.0",
        "(abs(user - party) > 0.3) * 1.0",
        SCORE_TESTS,
    ),
    Mutant(
        "methods-directional-factor",
        "stemhulp/matching/methods.py",
        "return 0.5 - 2.0 * user * party",
        "return 0.5 - 1.0 * user * party",
        SCORE_TESTS,
    ),
    Mutant(
        "methods-hybrid-mix",
        "stemhulp/matching/methods.py",
        "(_cityblock(user, party) + _directional(user, party)) / 2.0",
        "(_squared(user, party) + _directional(user, party)) / 2.0",
        SCORE_TESTS,
    ),
    Mutant(
        "methods-three-point-only",
        "stemhulp/matching/methods.py",
        "return not self.three_point_only or scale_size == 3",
        "return True",
        SCORE_TESTS,
    ),
    Mutant(
        "methods-opposite-neutral-user",
        "stemhulp/matching/methods.py",
        "far_end = (user <= 0) * 0.5",
        "far_end = (user < 0) * 0.5",
        SCORE_TESTS,
    ),
    Mutant(
        "methods-exclude-weight",
        "stemhulp/matching/methods.py",
        "return 0.0 * user, 0.0 * user",
        "return 0.0 * user, 1.0 + 0.0 * user",
        SCORE_TESTS,
    ),
    Mutant(
        "methods-disagree-term",
        "stemhulp/matching/methods.py",
        "return 1.0 + 0.0 * user, 1.0 + 0.0 * user",
        "return 0.5 + 0.0 * user, 1.0 + 0.0 * user",
        SCORE_TESTS,
    ),
    # answers.py: answer sets and the answers file
    Mutant(
        "answers-unknown-statement",
        "stemhulp/formats/answers.py",
        "        if statement_id not in quiz.statement_by_id:\n",
        "        if False:\n",
        ANSWER_TESTS,
    ),
    Mutant(
        "answers-null-word",
        "stemhulp/formats/answers.py",
        "        if word is None:\n",
        "        if False:\n",
        ANSWER_TESTS,
    ),
    Mutant(
        "answers-other-quiz",
        "stemhulp/formats/answers.py",
        "if quiz_id is not None and str(quiz_id) != quiz.id:",
        "if False:",
        ANSWER_TESTS,
    ),
    Mutant(
        "answers-empty-parties",
        "stemhulp/formats/answers.py",
        '"parties", allow_empty=False)',
        '"parties", allow_empty=True)',
        ANSWER_TESTS,
    ),
    Mutant(
        "answers-skip-kept",
        "stemhulp/formats/answers.py",
        "SKIP if code is None else quiz.scale.options[code]",
        "quiz.scale.options[code or 0]",
        ANSWER_TESTS,
    ),
    Mutant(
        "answers-unknown-important",
        "stemhulp/formats/answers.py",
        "for i, v in enumerate(ids) if v not in known]",
        "for i, v in enumerate(ids) if False]",
        ANSWER_TESTS,
    ),
    Mutant(
        "answers-yaml-file",
        "stemhulp/formats/answers.py",
        'if path.suffix.lower() in (".yaml", ".yml"):',
        'if path.suffix.lower() in (".yml",):',
        ANSWER_TESTS,
    ),
)


def run_tests(copy: Path, tests: tuple[str, ...]) -> int:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True).returncode


def check(mutant: Mutant, copy: Path) -> str:
    """'caught', 'survived', or 'error: …' when the mutant does not apply or breaks the tests' run."""
    path = copy / mutant.path
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.before) != 1:
        return f"error: the snippet occurs {original.count(mutant.before)} times in {mutant.path}"
    path.write_text(original.replace(mutant.before, mutant.after), encoding="utf-8")
    try:
        code = run_tests(copy, mutant.tests)
    finally:
        path.write_text(original, encoding="utf-8")
    return {0: "survived", 1: "caught"}.get(code, f"error: pytest exit code {code}")


def _snippet(text: str) -> str:
    if not text.strip():
        return "removed"
    shown = " ".join(text.split()).replace("|", "\\|")
    return f"`{shown}`"


def docs_table(outcomes: dict[str, str]) -> str:
    """The mutant table of docs/development.md for a run."""
    rows = ["| mutant | module | change | result |", "|---|---|---|---|"]
    for mutant in MUTANTS:
        if mutant.name in outcomes:
            rows.append(
                f"| `{mutant.name}` | `{Path(mutant.path).name}` | {_snippet(mutant.before)} → "
                f"{_snippet(mutant.after)} | {outcomes[mutant.name]} |"
            )
    return "\n".join(rows) + "\n"


def write_docs(outcomes: dict[str, str]) -> None:
    page = ROOT / "docs" / "development.md"
    text = page.read_text(encoding="utf-8")
    start, end = "<!-- mutants -->\n", "<!-- end: mutants -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    page.write_text(head + start + docs_table(outcomes) + end + tail, encoding="utf-8")


def main(names: list[str]) -> int:
    update_docs = "--docs" in names
    names = [n for n in names if n != "--docs"]
    chosen = [m for m in MUTANTS if not names or m.name in names]
    unknown = set(names) - {m.name for m in MUTANTS}
    if unknown:
        print(f"unknown mutants: {sorted(unknown)}")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "checkout"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", "__pycache__", ".hypothesis"))
        if run_tests(copy, tuple(sorted({t for m in chosen for t in m.tests}))) != 0:
            print("the tests fail without any mutant; fix them first")
            return 2
        outcomes = {}
        for mutant in chosen:
            outcomes[mutant.name] = check(mutant, copy)
            print(f"{mutant.name:<32} {outcomes[mutant.name]}", flush=True)
    caught = sum(1 for outcome in outcomes.values() if outcome == "caught")
    print(f"{caught} of {len(outcomes)} mutants caught")
    if update_docs:
        write_docs(outcomes)
    return 0 if caught == len(outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
