"""Table-driven CLI cases: each names the promise it protects and is run as a real process.

`run_cases` lays out one directory per case (a copy of the mini quiz as `mini/`, its stemhulp/1
export as `q.json`, a valid answers file `a.json`), lets the case add its own files, and runs
every case of a class through one forked interpreter (`runner.py`). Every case is then held to
the promises all cases share: no traceback, no hang, no temporary file left behind, and a failure
is `error: …` lines on stderr with a non-zero exit.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
RUNNER = Path(__file__).with_name("runner.py")
FAIL = "fail"  # expected exit: non-zero with `error: …` on stderr (or Typer's usage error, exit 2)

Setup = Callable[[Path], None]
Check = Callable[[Path, "Result"], None]


@attrs.frozen
class Case:
    """One hostile input: what is run, what it must do, and which promise that protects."""

    id: str
    promise: str
    argv: tuple[str, ...] = attrs.field(converter=tuple)
    setup: Setup | None = None
    exit: int | str = FAIL
    message: str | None = None  # text the error message must contain
    check: Check | None = None
    stdin: str | bytes | None = None  # text fed to standard input, or "closed"
    stdout: str | None = None  # a device, "broken-pipe" or "closed"; default a file
    user: str | None = None  # "nobody": run without root's rights (permission cases)
    timeout: float = 20.0
    env: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Result:
    code: int
    hung: bool
    seconds: float
    maxrss_kb: int
    stdout: str
    stderr: str


@functools.cache
def _exported() -> str:
    import stemhulp
    from stemhulp.formats.exchange import quiz_to_exchange

    return json.dumps(quiz_to_exchange(stemhulp.load(MINI)), ensure_ascii=False)


def _base(directory: Path) -> None:
    shutil.copytree(MINI, directory / "mini")
    (directory / "q.json").write_text(_exported(), encoding="utf-8")
    (directory / "a.json").write_text('{"quiz": "mini", "answers": {"s1": "agree", "s2": "skip"}}\n', encoding="utf-8")


def run_cases(cases: list[Case]) -> dict[str, tuple[Path, Result]]:
    """Run every case in its own directory; returns each case's directory and result."""
    root_dir = "/tmp" if os.geteuid() == 0 and os.path.isdir("/tmp") else None  # reachable for nobody
    base = Path(tempfile.mkdtemp(prefix="stemhulp-hostile-", dir=root_dir))
    atexit.register(shutil.rmtree, base, True)  # the tests read the cases' folders until the run ends
    os.chmod(base, 0o777)  # permission cases run as nobody and must reach their directory
    jobs, dirs = [], {}
    for number, case in enumerate(cases):
        directory = base / f"c{number:03d}"
        directory.mkdir()
        _base(directory)
        if case.setup is not None:
            case.setup(directory)
        stdin = None
        if case.stdin == "closed":
            stdin = "closed"
        elif case.stdin is not None:
            stdin = str(base / f"c{number:03d}.stdin")
            data = case.stdin.encode() if isinstance(case.stdin, str) else case.stdin
            Path(stdin).write_bytes(data)
        if case.user == "nobody" and os.geteuid() == 0:  # the case's own files belong to nobody
            subprocess.run(["chown", "-R", "--no-dereference", "nobody", str(directory)], check=False)
        dirs[case.id] = directory
        jobs.append(
            {
                "id": case.id,
                "argv": list(case.argv),
                "cwd": str(directory),
                "stdin": stdin,
                "stdout": case.stdout,
                "user": case.user,
                "timeout": case.timeout,
                "env": {
                    "NO_COLOR": "1",
                    "COLUMNS": "100",
                    "XDG_DATA_HOME": str(directory / "xdg"),
                    "HOME": str(directory),
                    **case.env,
                },
            }
        )
    cases_file = base / "cases.json"
    cases_file.write_text(json.dumps(jobs), encoding="utf-8")
    results_file = base / "results" / "results.json"
    results_file.parent.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(readable_checkout())}
    subprocess.run(
        [sys.executable, str(RUNNER), str(cases_file), str(results_file)],
        check=True,
        env=environment,
        timeout=sum(c.timeout for c in cases) + 60,
    )
    results = json.loads(results_file.read_text(encoding="utf-8"))
    return {r["id"]: (dirs[r["id"]], Result(**{k: v for k, v in r.items() if k != "id"})) for r in results}


def leftovers(directory: Path) -> list[Path]:
    """Temporary files a write left behind."""
    return [p for p in directory.rglob("*") if p.name.endswith(".tmp") or ".tmp." in p.name]


def reachable_by_others(path: Path) -> bool:
    """True when a user without rights of its own (`nobody`) can enter every folder down to `path`."""
    for folder in [path, *path.parents]:
        try:
            if not os.stat(folder).st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


@functools.cache
def readable_checkout() -> Path:
    """The checkout the cases import `stemhulp` from: this one, or, when it lies in a folder only its
    owner may enter (a clone under `mktemp -d` or a mode-700 home), a copy of what the program reads
    (the package and the bundled quiz) in a folder everyone may read, so `nobody` can run it too."""
    if os.geteuid() != 0 or reachable_by_others(ROOT):
        return ROOT
    copy = Path(tempfile.mkdtemp(prefix="stemhulp-readable-"))
    for name in ("stemhulp", "statements", "party_positions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for path in [copy, *copy.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return copy


def observable(case: Case) -> str | None:
    """Why a permission case cannot be observed here (None when it can): root bypasses file
    permissions, so as root such a case runs as `nobody`, which needs that user to exist and to
    reach the Python environment (the checkout itself is copied where it can: `readable_checkout`)."""
    if case.user != "nobody" or os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam("nobody")
    except KeyError:
        return "running as root without a 'nobody' user: root ignores the file permissions this case sets"
    prefix = Path(sys.prefix)  # the environment's packages; the runner imports the standard library first
    if not reachable_by_others(prefix):
        return (
            f"the user 'nobody' this case runs as cannot enter the Python environment at {prefix} "
            "(it lies in a private folder); make its folders readable (chmod o+rx) to run this case"
        )
    return None


def assert_case(case: Case, directory: Path, result: Result) -> None:
    """The promises every case shares, then the case's own."""
    import pytest

    reason = observable(case)
    if reason is not None:
        pytest.skip(reason)
    where = (
        f"{case.id} ({case.promise})\nexit {result.code}\nstderr:\n{result.stderr}\nstdout:\n{result.stdout[-2000:]}"
    )
    assert not result.hung, f"hung for {result.seconds:.1f} s: {where}"
    assert "Traceback" not in result.stderr, where
    assert "Exception ignored" not in result.stderr, where
    assert not leftovers(directory), f"temporary files left: {leftovers(directory)}: {where}"
    if case.exit == FAIL:
        assert result.code not in (0, -9), where
        errors = [
            line
            for line in result.stderr.splitlines()
            if line.startswith(("error: ", "fout: ")) or (result.code == 2 and line.startswith("Error: "))
        ]  # `fout: …` from the quiz in Dutch (its default language); `Error: …` a usage error, from Typer
        assert errors, f"no 'error: …' line: {where}"
        if case.message is not None:
            assert any(case.message in line for line in errors), f"no error naming {case.message!r}: {where}"
    else:
        assert result.code == case.exit, where
    if case.check is not None:
        case.check(directory, result)


def ids(cases: list[Case]) -> list[str]:
    return [case.id for case in cases]


def unique(cases: list[Case]) -> list[Case]:
    seen = [case.id for case in cases]
    duplicates = {i for i in seen if seen.count(i) > 1}
    assert not duplicates, duplicates
    return cases


def write(name: str, content: str | bytes) -> Setup:
    """A setup that writes one file."""

    def setup(directory: Path) -> None:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return setup


def unchanged(name: str, content: str) -> Check:
    """A check that a file still holds exactly what it held."""

    def check(directory: Path, result: Any) -> None:
        path = directory / name
        assert path.is_file() and not path.is_symlink(), f"{name} is gone or replaced"
        assert path.read_text(encoding="utf-8") == content, f"{name} was changed"

    return check
